// The pure parts of the comparison bench: medians, interleaving, the summary against the peer,
// the bar, and the options read from the command line and the environment.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {compareOptions, median, medianFigures, meetsBar, rounds, summarise} from './compare';
import type {LighthouseRun} from './lighthouse';
import type {ThreadFigures} from './trace';

const run = (performance: number, tbt: number, extra: Partial<LighthouseRun> = {}): LighthouseRun => ({
  performance,
  fcp: 1000,
  lcp: 2000,
  tbt,
  cls: 0,
  jsTransfer: 10 * 1024,
  ...extra,
});

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('ignores failed measurements, and has none of nothing', () => {
    expect(median([NaN, 7, Infinity, 9])).toBe(8);
    expect(median([])).toBeNaN();
  });
});

describe('rounds', () => {
  it('loads every target once per round, each round starting one target later', async () => {
    const order: string[] = [];
    const targets = ['a', 'b', 'c'].map((label) => ({label, url: `http://x/${label}`}));
    const out = await rounds(targets, 3, (t) => {
      order.push(t.label);
      return t.label === 'b' && order.length === 2 ? null : order.length;
    });
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    // a failed measurement (null) is left out
    expect(out.get('a')).toEqual([1, 6, 8]);
    expect(out.get('b')).toEqual([4, 9]);
    expect(out.get('c')).toEqual([3, 5, 7]);
  });
});

describe('summarise', () => {
  it('gives each page its medians, its TBT as a multiple of the peer\'s and its score against the peer\'s', () => {
    const runs = new Map([
      ['peer', [run(85, 500), run(87, 600), run(80, 700)]],
      ['/', [run(70, 2400), run(75, 1800), run(72, 2100, {jsTransfer: 40 * 1024})]],
    ]);
    const [peer, home] = summarise(runs, 'peer');
    expect(peer).toMatchObject({label: 'peer', runs: 3, performance: 85, tbt: 600, tbtRatio: 1, scoreDiff: 0});
    expect(home).toMatchObject({label: '/', runs: 3, performance: 72, tbt: 2100, tbtRatio: 3.5, scoreDiff: -13, jsTransferKB: 10, lcp: 2000});
  });
  it('has no ratio when the peer blocks for no time at all', () => {
    const [, page] = summarise(new Map([['peer', [run(99, 0)]], ['/', [run(98, 10)]]]), 'peer');
    expect(page.tbtRatio).toBeNull();
  });
});

describe('meetsBar', () => {
  it('asks for at most 1.5× the peer\'s TBT and at most 5 points below its score', () => {
    expect(meetsBar({tbt: 900, tbtRatio: 1.5, scoreDiff: -5})).toBe(true);
    expect(meetsBar({tbt: 910, tbtRatio: 1.52, scoreDiff: 0})).toBe(false);
    expect(meetsBar({tbt: 300, tbtRatio: 0.5, scoreDiff: -6})).toBe(false);
  });
  it('against a peer without blocking time, only no blocking time meets it', () => {
    expect(meetsBar({tbt: 0, tbtRatio: null, scoreDiff: 0})).toBe(true);
    expect(meetsBar({tbt: 20, tbtRatio: null, scoreDiff: 0})).toBe(false);
  });
});

describe('medianFigures', () => {
  it('takes the median of every figure separately', () => {
    const f = (n: number): ThreadFigures => ({
      groups: {scriptCompileEval: n, hydrationCallbacks: 2 * n, styleLayout: 3, paint: 1, parseHtmlCss: 1, gc: 0, other: n},
      longTasks: n,
      longestTaskMs: 10 * n,
      blockingMs: 5 * n,
      busyMs: 100 * n,
    });
    const m = medianFigures([f(1), f(9), f(3)]);
    expect(m.groups.hydrationCallbacks).toBe(6);
    expect(m).toMatchObject({longTasks: 3, longestTaskMs: 30, blockingMs: 15, busyMs: 300});
  });
});

describe('compareOptions', () => {
  const dirs: string[] = [];
  const site = () => {
    const d = mkdtempSync(join(tmpdir(), 'bench-opts-'));
    writeFileSync(join(d, 'index.html'), '<!doctype html><title>x</title>');
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    dirs.splice(0).forEach((d) => rmSync(d, {recursive: true, force: true}));
  });

  it('refuses to run without a built peer, and says where to get it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.stubEnv('BENCH_PEER_DIR', '');
    expect(compareOptions([], ['/'])).toBeNull();
    vi.stubEnv('BENCH_PEER_DIR', tmpdir());
    expect(compareOptions([], ['/'])).toBeNull();
    expect(error.mock.calls.join('\n')).toContain('https://github.com/mozilla/ssl-config-generator');
  });

  it('reads the counts, the load-run count defaulting to the run count, and a baseline build', () => {
    vi.stubEnv('BENCH_PEER_DIR', site());
    const baseline = site();
    const opts = compareOptions(['--compare', '--runs', '3', '--traces', '0', '--baseline', baseline, '--load-processes', 'x'], ['/', '/calculator']);
    expect(opts).toMatchObject({runs: 3, loadRuns: 3, traces: 0, baselines: [{name: 'baseline', dir: baseline}], siteDir: 'build', pages: ['/', '/calculator']});
    expect(compareOptions(['--site', baseline], ['/'])).toMatchObject({siteDir: baseline, runs: 5, traces: 5, baselines: []});
    // several named baselines: one build per step
    const other = site();
    expect(compareOptions(['--baseline', `before=${baseline}`, '--baseline', `step1=${other}`], ['/'])!.baselines).toEqual([
      {name: 'before', dir: baseline},
      {name: 'step1', dir: other},
    ]);
    expect(opts!.loadProcesses).toBeGreaterThanOrEqual(1);
  });

  it('refuses a baseline or a site that is not a built site', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.stubEnv('BENCH_PEER_DIR', site());
    expect(compareOptions(['--baseline', tmpdir()], ['/'])).toBeNull();
    expect(compareOptions(['--site', tmpdir()], ['/'])).toBeNull();
  });
});
