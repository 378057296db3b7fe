// Medians and ranges per mode, and the ratio of the pair of modes that differ in one setting.
import {describe, expect, it} from 'vitest';
import {conditionsOf, factorEffect, fmtRange, gridModes, pairs, slope, summarize, type Results} from './results';
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
    expect(ps[0].context).toBe('imap per-connection · plain');
    expect(factorEffect(fixture, 'dovecot-2.3', 'imap', 'loginsPerS').n).toBe(0);
  });
});

describe('older files and the load', () => {
  it('leaves out the modes that switched on the passwd-file cache, which was never used', () => {
    const cached = {...fixture.modes[1], id: 'cached', authCache: true, runs: [run(1, 999, 1, 1)]};
    const r = {modes: [...fixture.modes, cached]} as unknown as Results;
    expect(gridModes(r).map((m) => m.id)).toEqual(fixture.modes.map((m) => m.id));
    expect(pairs(r, 'dovecot-2.3', 'login', 'loginsPerS')[0].ratio).toBeCloseTo(2.8, 12);
  });

  it('judges an older file by its start load: 3.6 on 2 CPUs is not quiet', () => {
    const c = conditionsOf({machine: {cpus: 2}, quiet: {loadAvgAtStart: [3.6, 4.12, 5.6]}} as unknown as Results);
    expect(c.bound.loadAvgBefore).toBe(0.5);
    expect(c.withinBound).toBe(false);
    expect(conditionsOf({machine: {cpus: 2}, quiet: {loadAvgAtStart: [0.3, 0.4, 0.5]}} as unknown as Results).withinBound).toBe(true);
  });

  it('least-squares slope', () => {
    expect(slope([{x: 0, y: 10}, {x: 100, y: 60}, {x: 200, y: 110}])).toBeCloseTo(0.5, 12);
    expect(slope([{x: 1, y: 1}])).toBeNull();
  });
});
