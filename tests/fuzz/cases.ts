/**
 * The inputs of the fuzz stage: fixed hostile fixtures (the inputs that froze the explainer
 * before: a ~1 KB share link that inflates to 1 MB, 256 K characters of UTF-16 garbage, 100 000
 * nested sections, a 5 MB paste, and their neighbours at and over each cap), plus cases drawn
 * from a seeded generator. The same seed gives the same cases, in every Playwright worker.
 */
import {deflateRawSync} from 'node:zlib';

export type FuzzKind = 'share' | 'paste' | 'permalink' | 'typing';

export interface FuzzCase {
  id: string;
  kind: FuzzKind;
  /** The page to open (with the query or #fragment under test). */
  path: string;
  /** Text put on the clipboard and pasted into the explainer (built when the case runs). */
  paste?: () => string;
}

/** Marks an element that could only be in the page if input text was parsed as HTML. */
export const INJECTED = 'data-fuzz-injected';
/** Markup a hostile user would try; each piece carries the marker. */
export const PAYLOADS = [
  `<img src=x ${INJECTED} onerror="window.__fuzzInjected=1">`,
  `<script ${INJECTED}>window.__fuzzInjected=2</script>`,
  `"><svg ${INJECTED} onload="window.__fuzzInjected=3">`,
  `<a ${INJECTED} href="javascript:window.__fuzzInjected=4">x</a>`,
  `<iframe ${INJECTED} srcdoc="<b>x</b>"></iframe>`,
  `<b ${INJECTED}>bold</b>`,
];

const MiB = 1_048_576;

/** xorshift32: small, fast and the same everywhere. */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

type Rng = () => number;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** A share link's path for these bytes, compressed as the site's share links are. */
export const shareOfBytes = (bytes: Buffer, extra = '') => `/explain#${extra}z=${b64url(deflateRawSync(bytes, {level: 9}))}`;
export const shareOf = (text: string, extra = '') => shareOfBytes(Buffer.from(text, 'utf8'), extra);

/** `n` UTF-16 code units drawn uniformly: lone surrogates, private use, every script. */
export function utf16Garbage(r: Rng, n: number): string {
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = Math.floor(r() * 65536);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...units.subarray(i, i + 8192));
  return s;
}

/** Letters of fourteen scripts, mixed at random: the costliest real text to lay out. */
const SCRIPTS: readonly [number, number][] = [
  [0x41, 0x5a], [0xc0, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x531, 0x556], [0x5d0, 0x5ea], [0x620, 0x64a],
  [0x905, 0x939], [0xe01, 0xe30], [0x10a0, 0x10ff], [0x1200, 0x137f], [0x3041, 0x3096], [0x4e00, 0x9fff], [0xac00, 0xd7a3],
];
export function mixedScripts(r: Rng, n: number, lineEvery = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const [lo, hi] = pick(r, SCRIPTS);
    s += String.fromCharCode(int(r, lo, hi));
    if (lineEvery && i % lineEvery === lineEvery - 1) s += '\n';
  }
  return s;
}

const CONFIG_LINES = [
  'protocols = imap pop3 lmtp',
  'service imap-login {',
  '  inet_listener imaps {',
  '    port = 993',
  '  }',
  '  process_min_avail = 4',
  '  service_count = 0',
  '}',
  'service imap {',
  '  process_limit = 1024',
  '  client_limit = 1',
  '  vsz_limit = 2G',
  '}',
  'dovecot_config_version = 2.4.1',
  'auth_cache_size = 10M',
  '!include conf.d/*.conf',
  'ssl_key_password = secret',
  'login_greeting = "Dovecot ready.',
  'mail_plugins = $mail_plugins quota \\',
  '{{ dovecot_limit }}',
  '# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf',
];
const LOG_LINES = [
  'Nov 30 13:05:47 mail dovecot: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped',
  'Nov 30 13:05:47 mail dovecot: imap-login: Info: Disconnected: Connection queue full (no auth attempts in 1 secs): user=<bob@example.com>, rip=203.0.113.9',
  '2026-11-30T13:05:47.123+01:00 mail dovecot[811]: imap(alice)<4242><abc>: Fatal: master: service(imap): child 4242 returned error 83 (Out of memory (service imap { vsz_limit=256 MB }, you may need to increase it))',
  'dovecot-1  | Nov 30 13:05:47 master: Warning: service(auth): client_limit (1000) reached, client connections are being dropped',
  'doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 7: Unknown setting: service_count',
];

/** One random line of a hostile paste: config, log, markup, controls, unicode, deep nesting. */
function hostileLine(r: Rng): string {
  switch (int(r, 0, 11)) {
    case 0:
    case 1:
    case 2:
      return pick(r, CONFIG_LINES).replace(/\d+/g, () => String(int(r, 0, 2 ** 31)));
    case 3:
    case 4:
      return pick(r, LOG_LINES).replace(/\(\d+\)/g, () => `(${int(r, 0, 99999)})`);
    case 5:
      return `service ${pick(r, PAYLOADS)} {\n  process_limit = ${pick(r, PAYLOADS)}\n}`;
    case 6:
      return `Nov 30 13:05:47 mail dovecot: master: Warning: service(imap): process_limit (5) reached, client connections are being dropped ${pick(r, PAYLOADS)}`;
    case 7:
      return String.fromCharCode(...Array.from({length: int(r, 1, 200)}, () => int(r, 0, 0x1f)));
    case 8:
      return mixedScripts(r, int(r, 1, 400));
    case 9:
      return 'a {\n'.repeat(int(r, 1, 3000));
    case 10:
      return pick(r, ['x', '{', '"', '\\', '#', '=', ' ']).repeat(int(r, 1, 20000));
    default:
      return pick(r, ['\r', '\ufeff', '\u202e', '\u0000', '\ud800', '\udfff', '\ufffd', '\u200d', '\u0301']).repeat(int(r, 1, 50));
  }
}

function hostileText(r: Rng, approxChars: number): string {
  const lines: string[] = [];
  let n = 0;
  while (n < approxChars) {
    const l = hostileLine(r);
    lines.push(l);
    n += l.length + 1;
  }
  return lines.join(pick(r, ['\n', '\r\n', '\n\n']));
}

/**
 * A realistic config of `bytes` length: many services with distinct limits (nothing repeats). Its
 * lines are short (a megabyte is 58 000 lines, over the explainer's line limit) unless `commented`,
 * which gives each setting a comment (a megabyte is then under 14 000 lines).
 */
export function bigConfig(bytes: number, commented = false): string {
  const parts: string[] = ['# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf', 'protocols = imap pop3 lmtp'];
  const note = (text: string) => (commented ? ` # ${text}` : '');
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const block =
      `service imap-login-${i} {${note(`the login service of front end ${i}, one of many that listen on ports of their own`)}\n` +
      `  process_limit = ${1000 + i}${note(`at most this many login processes for listener ${i} of the front end`)}\n` +
      `  client_limit = ${i % 7}${note('connections each login process takes; 0 means default_client_limit')}\n` +
      `  service_count = ${i % 3}${note('connections before the process exits; 0 keeps it for as many as come')}\n}`;
    parts.push(block);
    n += block.length + 1;
  }
  return parts.join('\n').slice(0, bytes);
}

/** Log lines of `bytes` length, every one different. */
export function bigLog(bytes: number): string {
  const lines: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const l = `Nov 30 13:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')} mail dovecot: master: Warning: service(imap-login): process_limit (${i}) reached, client connections are being dropped`;
    lines.push(l);
    n += l.length + 1;
  }
  return lines.join('\n').slice(0, bytes);
}

/** Percent-encoded; a lone surrogate (which has no UTF-8 form) becomes U+FFFD first. */
const pct = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** The hostile inputs every run carries. */
export function fixtures(): FuzzCase[] {
  const r = random(0x18);
  const garbage = utf16Garbage(r, 262_144);
  const markup = `service imap {\n  executable = ${PAYLOADS.join(' ')}\n}\n${PAYLOADS.join('\n')}\n${LOG_LINES[0]} ${PAYLOADS[0]}`;
  return [
    // share links
    {id: 'share: ~1 KB link inflating to 1 MiB of "a" (at the cap)', kind: 'share', path: shareOf('a'.repeat(MiB))},
    {id: 'share: ~1 KB link inflating to 1 MiB of 0xFF (invalid UTF-8)', kind: 'share', path: shareOfBytes(Buffer.alloc(MiB, 0xff))},
    {id: 'share: 1 MiB + 1 byte (over the cap)', kind: 'share', path: shareOf('a'.repeat(MiB + 1))},
    {id: 'share: 20 KB link inflating to 20 MiB (bomb)', kind: 'share', path: shareOf('a'.repeat(20 * MiB))},
    {id: 'share: 1 MiB of "a {" lines (262 144 nested sections)', kind: 'share', path: shareOf('a {\n'.repeat(MiB / 4))},
    {id: 'share: 1 MiB of newlines', kind: 'share', path: shareOf('\n'.repeat(MiB))},
    {id: 'share: 256 K characters of UTF-16 garbage', kind: 'share', path: shareOf(garbage)},
    {id: 'share: markup in config and log lines', kind: 'share', path: shareOf(markup, 'v=2.3&')},
    {id: 'share: a 1 MiB real-looking config', kind: 'share', path: shareOf(bigConfig(MiB, true))},
    {id: 'share: random bytes, not deflate', kind: 'share', path: `/explain#z=${b64url(Buffer.from(Array.from({length: 3000}, () => int(r, 0, 255))))}`},
    {id: 'share: a link cut in half', kind: 'share', path: shareOf(bigConfig(200_000)).slice(0, 2000)},
    {id: 'share: fragment longer than share links can be', kind: 'share', path: `/explain#z=${'A'.repeat(40_000)}`},
    {id: 'share: markup and junk in the fragment', kind: 'share', path: `/explain#v=${pct(PAYLOADS[0])}&z=${pct(PAYLOADS[1])}&${'%E0%A4%A'.repeat(200)}`},
    // pastes
    {id: 'paste: 256 K characters of UTF-16 garbage', kind: 'paste', path: '/explain', paste: () => garbage},
    {id: 'paste: 100 000 nested sections ("a {" lines)', kind: 'paste', path: '/explain', paste: () => 'a {\n'.repeat(100_000)},
    {id: 'paste: 100 000 "{" on one line', kind: 'paste', path: '/explain', paste: () => '{'.repeat(100_000)},
    {id: 'paste: 16 000 nested sections (under the line limit)', kind: 'paste', path: '/explain', paste: () => 'a {\n'.repeat(16_000)},
    {id: 'paste: 1 MiB in 16 384 lines (at both limits)', kind: 'paste', path: '/explain', paste: () => `process_limit = 1 # ${'x'.repeat(43)}\n`.repeat(16_384)},
    {id: 'paste: 1 MiB of newlines', kind: 'paste', path: '/explain', paste: () => '\n'.repeat(MiB)},
    {id: 'paste: 5 MB config (over the cap)', kind: 'paste', path: '/explain', paste: () => bigConfig(5_000_000)},
    {id: 'paste: 1 MiB config (at the cap)', kind: 'paste', path: '/explain', paste: () => bigConfig(MiB, true)},
    {id: 'paste: 1 MiB config in 58 000 short lines (over the line limit)', kind: 'paste', path: '/explain', paste: () => bigConfig(MiB)},
    {id: 'paste: 1 MiB of log lines, none repeated', kind: 'paste', path: '/explain', paste: () => bigLog(MiB)},
    {id: 'paste: 32 K letters of fourteen scripts on one line', kind: 'paste', path: '/explain', paste: () => mixedScripts(random(64), 32_000)},
    {id: 'paste: 256 K letters of fourteen scripts', kind: 'paste', path: '/explain', paste: () => mixedScripts(random(256), 262_144, 80)},
    {id: 'paste: 32 K Arabic letters on one line', kind: 'paste', path: '/explain', paste: () => '\u0628'.repeat(32_000)},
    {id: 'paste: 60 K Arabic letters on one line (over the limit)', kind: 'paste', path: '/explain', paste: () => '\u0628'.repeat(60_000)},
    {id: 'paste: markup everywhere', kind: 'paste', path: '/explain', paste: () => markup},
    // typing into a big paste
    {id: 'typing: 20 keys into a config of 1 000 000 bytes', kind: 'typing', path: '/explain', paste: () => bigConfig(1_000_000, true)},
    {id: 'typing: 20 keys into a config at the cap (each one refused)', kind: 'typing', path: '/explain', paste: () => bigConfig(MiB, true)},
    // widget permalinks
    {id: 'permalink: calculator, every value hostile', kind: 'permalink', path: `/calculator?s=1&v=2.4&svc=${pct(PAYLOADS[2])}&pl=${'9'.repeat(400)}&cl=-1&rc=NaN&pma=1e309&vsz=${pct(PAYLOADS[0])}&peak=Infinity&rate=0x10&cores=%00&ram=${'1'.repeat(300)}`},
    {id: 'permalink: generator, every value hostile', kind: 'permalink', path: `/generator?s=1&v=9.9&cv=${pct(PAYLOADS[1])}&cores=-5&ram=1e999&proto=${'imap,'.repeat(300)}&imap=${'9'.repeat(500)}&login=${pct(PAYLOADS[3])}&reuse=__proto__&n=constructor&cache=%FF&users=1.5&ttl=&negttl=%&minavail=%E0%A4%A&comments=${pct(PAYLOADS[5])}&out=x`},
    {id: 'permalink: calculator, 7 KB of repeated keys', kind: 'permalink', path: `/calculator?${'cl=%3Cb%3E&'.repeat(600)}`},
    {id: 'permalink: generator, malformed percent escapes', kind: 'permalink', path: `/generator?${'%E0%A4%A=%'.repeat(500)}`},
    {id: 'permalink: explain, hostile query and fragment', kind: 'permalink', path: `/explain?v=${pct(PAYLOADS[0])}&s=${'9'.repeat(200)}#${'%'.repeat(2000)}`},
    {id: 'permalink: docs page with a widget, hostile query', kind: 'permalink', path: `/services/choosing?s=1&v=2.3&svc=imap&pl=${pct(PAYLOADS[4])}&cl=${'%F0%9F'.repeat(300)}`},
  ];
}

const CALCULATOR_KEYS = ['s', 'v', 'svc', 'pl', 'cl', 'rc', 'pma', 'vsz', 'peak', 'rate', 'cores', 'ram'];
const GENERATOR_KEYS = ['s', 'v', 'cv', 'cores', 'ram', 'proto', 'imap', 'pop3', 'lmtp', 'sub', 'sieve', 'rate', 'tls', 'login', 'reuse', 'n', 'cache', 'users', 'ttl', 'negttl', 'minavail', 'comments', 'out'];
const JUNK_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', '', '%', 'a[]', 'v[0]', '\u202e'];

function hostileValue(r: Rng): string {
  switch (int(r, 0, 9)) {
    case 0:
      return String(int(r, -(2 ** 31), 2 ** 31));
    case 1:
      return pick(r, ['NaN', 'Infinity', '-0', '1e309', '0x1F', '1_000', '  4 ', '2.4', '9.9', 'unlimited', '256M', '1.5G', '']);
    case 2:
      return '9'.repeat(int(r, 20, 2000));
    case 3:
      return pct(pick(r, PAYLOADS));
    case 4:
      return '%'.repeat(int(r, 1, 5)) + pick(r, ['E0%A4%A', 'FF', 'C0%80', 'ED%A0%80', '00', 'zz']);
    case 5:
      return pct(mixedScripts(r, int(r, 1, 100)));
    case 6:
      return pick(r, ['imap', 'pop3', 'lmtp', 'imap,pop3,submission', 'imap,imap,imap', 'sieve,,', ',']);
    case 7:
      return pct(String.fromCharCode(...Array.from({length: int(r, 1, 40)}, () => int(r, 0, 0xffff))));
    case 8:
      return pick(r, ['security', 'performance', 'one', 'bounded', 'on', 'off', 'cores', 'cpu_count', 'blocks', 'file']);
    default:
      return pct(hostileText(r, int(r, 10, 300)));
  }
}

function hostileQuery(r: Rng, keys: readonly string[]): string {
  const parts: string[] = [];
  const n = int(r, 1, 30);
  for (let i = 0; i < n; i++) parts.push(`${pct(r() < 0.85 ? pick(r, keys) : pick(r, JUNK_KEYS))}=${hostileValue(r)}`);
  // a request line past about 16 KB is refused by Node's HTTP server before it reaches the page
  return parts.join(pick(r, ['&', '&', '&&', ';'])).slice(0, 7000);
}

/** `counts` cases of each kind drawn from the seed. */
export function generated(seed: number, counts: Record<'share' | 'paste' | 'permalink', number>): FuzzCase[] {
  const r = random(seed);
  const out: FuzzCase[] = [];
  for (let i = 0; i < counts.share; i++) {
    const kind = int(r, 0, 4);
    const text = hostileText(r, pick(r, [200, 5000, 50_000, 400_000]));
    let path: string;
    if (kind === 0) path = shareOfBytes(Buffer.from(Array.from({length: int(r, 1, 20_000)}, () => int(r, 0, 255))));
    else if (kind === 1) path = shareOf(text).slice(0, int(r, 13, 3000));
    else if (kind === 2) path = shareOf(pick(r, ['a', '{', '\n', '\u00e9', '\u0628', '<b>']).repeat(int(r, 1, 2 * MiB)));
    else path = shareOf(text, pick(r, ['', 'v=2.3&', 'v=2.4&', `v=${hostileValue(r)}&`, 'z=&']));
    out.push({id: `share #${i + 1} (seed ${seed})`, kind: 'share', path});
  }
  for (let i = 0; i < counts.paste; i++) {
    const size = pick(r, [300, 3000, 30_000, 300_000, 900_000]);
    const sub = int(r, 0, 1_000_000);
    out.push({id: `paste #${i + 1} (seed ${seed})`, kind: 'paste', path: '/explain', paste: () => hostileText(random(sub), size)});
  }
  for (let i = 0; i < counts.permalink; i++) {
    const page = pick(r, ['/calculator', '/generator', '/services/choosing', '/explain']);
    const keys = page === '/generator' ? GENERATOR_KEYS : CALCULATOR_KEYS;
    const hash = r() < 0.3 ? `#${hostileValue(r)}` : '';
    out.push({id: `permalink #${i + 1} (seed ${seed})`, kind: 'permalink', path: `${page}?${hostileQuery(r, keys)}${hash}`});
  }
  return out;
}
