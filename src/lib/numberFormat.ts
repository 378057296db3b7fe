/**
 * Numbers as `Intl.NumberFormat('en-US', {maximumFractionDigits})` writes them ("12,345.68"),
 * without Intl. A page's first use of Intl starts ICU, which takes 50–100 ms of main thread on a
 * phone-speed CPU (measured in Chromium at 4× slowdown): the calculator paid it while its module
 * loaded, and every widget and table that wrote a number paid it once.
 * Intl rounds the number's shortest decimal form (the digits `String(x)` gives), ties away from
 * zero, and writes every digit of a large number from that form (1.2345678901234568e20 →
 * "123,456,789,012,345,680,000"); so does this.
 */
export function formatNumber(x: number, maximumFractionDigits = 3, groupSeparator = ','): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (!Number.isInteger(maximumFractionDigits) || maximumFractionDigits < 0 || maximumFractionDigits > 100) {
    throw new RangeError(`maximumFractionDigits out of range: ${maximumFractionDigits}`);
  }
  const {digits, point} = shortestDecimal(Math.abs(x));
  const {whole, fraction} = rounded(digits, point, maximumFractionDigits);
  const negative = x < 0 || Object.is(x, -0);
  return `${negative ? '-' : ''}${groupDigits(whole, groupSeparator)}${fraction ? `.${fraction}` : ''}`;
}

/** `x` ≥ 0 as its shortest digits and the place of the decimal point: 12.5 → "125", 2. */
function shortestDecimal(x: number): {digits: string; point: number} {
  const [mantissa, exponent = '0'] = String(x).split('e');
  const [int, frac = ''] = mantissa.split('.');
  return {digits: int + frac, point: int.length + Number(exponent)};
}

/** Rounds to `places` decimals, ties away from zero; the fraction without trailing zeros. */
function rounded(digitsIn: string, pointIn: number, places: number): {whole: string; fraction: string} {
  let digits = digitsIn;
  let point = pointIn;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (digits.length < point) digits += '0'.repeat(point - digits.length);
  const keep = point + places;
  if (digits.length > keep) {
    const up = digits.charCodeAt(keep) >= 53; // '5'
    let kept = digits.slice(0, keep).split('').map(Number);
    if (up) {
      let i = kept.length - 1;
      while (i >= 0 && kept[i] === 9) kept[i--] = 0;
      if (i >= 0) kept[i] += 1;
      else {
        kept = [1, ...kept];
        point += 1;
      }
    }
    digits = kept.join('');
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  return {whole, fraction};
}

/** "1234567" → "1,234,567" */
function groupDigits(whole: string, separator: string): string {
  let out = '';
  for (let i = whole.length; i > 0; i -= 3) out = whole.slice(Math.max(0, i - 3), i) + (out ? separator + out : '');
  return out;
}
