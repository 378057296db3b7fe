import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {repairPercentEncoding} from './uri';

describe('repairing percent-encoding', () => {
  it.each([
    ['#z=abc%', '#z=abc%25'],
    ['#z=%', '#z=%25'],
    ['#%zz', '#%25zz'],
    ['#a%2', '#a%252'],
    ['/explain%', '/explain%25'],
    ['#%E0%A4%A', '#%25E0%25A4%25A'],
    ['#%C3%A9%FF', '#%C3%A9%25FF'],
    ['#%FF%41', '#%25FF%41'],
    ['#%C0%AF', '#%25C0%25AF'],
    ['#%ED%A0%80', '#%25ED%25A0%2580'],
  ])('%s → %s', (broken, repaired) => {
    expect(repairPercentEncoding(broken)).toBe(repaired);
    expect(() => decodeURIComponent(repairPercentEncoding(broken))).not.toThrow();
  });

  it('leaves every well-formed address alone', () => {
    for (const ok of ['', '#top', '#z=AwA', '#caf%C3%A9', '/services?s=1;v=2.4', '#%25', '#%F0%9F%98%80']) {
      expect(repairPercentEncoding(ok)).toBe(ok);
    }
  });

  it('always gives text that decodes; well-formed text stays as it is', () => {
    const piece = fc.oneof(
      fc.string({maxLength: 4}),
      fc.constantFrom('%', '%2', '%zz', '%41', '%C3', '%A9', '%E0%A4', '%F0%9F%98', '%80', '%FF', '%ED%A0%80'),
    );
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 12}), (pieces) => {
        const text = pieces.join('');
        const repaired = repairPercentEncoding(text);
        expect(() => decodeURIComponent(repaired)).not.toThrow();
        let wellFormed = true;
        try {
          decodeURIComponent(text);
        } catch {
          wellFormed = false;
        }
        if (wellFormed) expect(repaired).toBe(text);
      }),
      {numRuns: 2000},
    );
  });

  it('a stray % reads back as the % that was typed', () => {
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom('a', 'b', '%', '=', '&', 'z', '1')}), (text) => {
        // no %XX escape in it: every % is literal
        if (/%[0-9A-Fa-f]{2}/.test(text)) return;
        expect(decodeURIComponent(repairPercentEncoding(text))).toBe(text);
      }),
    );
  });
});
