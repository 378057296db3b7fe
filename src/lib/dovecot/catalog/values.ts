/**
 * Reading doveconf's value notation into numbers: counts (`100`, `unlimited`), sizes (`256 M`,
 * `1G`, `512k`) and times (`1 mins`, `60`, `infinite`). Pure; throws RangeError on text it does
 * not understand so that a wrong value never silently becomes a number.
 */

/** 2.3 prints an unset size as UOFF_T_MAX bytes. */
export const UOFF_T_MAX_TEXT = '18446744073709551615 B';
/** 2.3 prints "never" for a time as UINT_MAX seconds. */
export const UINT_MAX = 4294967295;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  // doveconf also takes the binary spellings: 2 MiB, 1ki
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
};

const TIME_UNITS: Record<string, number> = {
  '': 1,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
};

function splitNumberUnit(text: string): [number, string] {
  const m = /^\s*(\d+)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!m) throw new RangeError(`not a number with an optional unit: ${JSON.stringify(text)}`);
  return [Number(m[1]), m[2].toLowerCase()];
}

/** A count: a non-negative integer or `unlimited`. */
export function parseCount(text: string | number): number | 'unlimited' {
  if (typeof text === 'number') {
    if (!Number.isInteger(text) || text < 0) throw new RangeError(`not a count: ${text}`);
    return text;
  }
  const t = text.trim();
  if (t === 'unlimited') return 'unlimited';
  if (!/^\d+$/.test(t)) throw new RangeError(`not a count: ${JSON.stringify(text)}`);
  return Number(t);
}

/** A size in bytes, or `unlimited`. */
export function parseSize(text: string | number): number | 'unlimited' {
  if (typeof text === 'number') return parseCount(text);
  const t = text.trim();
  if (t === 'unlimited') return 'unlimited';
  const [n, unit] = splitNumberUnit(t);
  const mul = SIZE_UNITS[unit];
  if (mul === undefined) throw new RangeError(`unknown size unit in ${JSON.stringify(text)}`);
  return n * mul;
}

/** A time in seconds, or `infinite` (2.4 also writes `unlimited` for it). */
export function parseTime(text: string | number): number | 'infinite' {
  if (typeof text === 'number') {
    const n = parseCount(text);
    return n === 'unlimited' ? 'infinite' : n;
  }
  const t = text.trim();
  if (t === 'infinite' || t === 'unlimited') return 'infinite';
  const [n, unit] = splitNumberUnit(t);
  const mul = TIME_UNITS[unit];
  if (mul === undefined) throw new RangeError(`unknown time unit in ${JSON.stringify(text)}`);
  return n * mul;
}

/** Normalises doveconf's spelling of values for comparison (`1G` and `1 G` are the same). */
export function sameValue(type: 'size' | 'time' | 'uint', a: string, b: string): boolean {
  const parse = type === 'size' ? parseSize : type === 'time' ? parseTime : parseCount;
  return parse(a) === parse(b);
}
