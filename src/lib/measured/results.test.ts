// Medians and ranges per mode, and the ratio of the pair of modes that differ in one setting.
import {describe, expect, it} from 'vitest';
import {factorEffect, fmtRange, pairs, summarize} from './results';
import {fixture, mode, run} from './results.fixture';

describe('summaries', () => {
  it('median and range over runs', () => {
    const s = summarize(fixture.modes[0], 'loginsPerS');
    expect(s.median).toBe(100);
    expect(fmtRange(s)).toBe('90–110');
  });

  it('a failed run does not count', () => {
    const m = mode('high-security', [run(1, 100, 10, 150), {...run(2, 0, 0, 0), ok: false}]);
    expect(summarize(m, 'loginsPerS').n).toBe(1);
  });

  it('pairs modes that differ in exactly one setting and divides their medians', () => {
    const ps = pairs(fixture, 'dovecot-2.3', 'login', 'loginsPerS');
    expect(ps).toHaveLength(1);
    expect(ps[0].ratio).toBeCloseTo(2.8, 12);
    expect(ps[0].context).toBe('imap per-connection · cache off · plain');
    expect(factorEffect(fixture, 'dovecot-2.3', 'imap', 'loginsPerS').n).toBe(0);
  });
});
