/**
 * `npm run bench -- --compare`: this site's key pages against a peer tool, measured the same way.
 * Both sites are served by the production server's handler with precompressed files (./sites);
 * Lighthouse runs are interleaved (each round loads every page once, in a rotating order), so
 * every site meets the same machine load; figures are medians, with each page's ratio to the peer.
 * Then the same under an artificial CPU load (./cpu-load), and a main-thread breakdown from
 * Chromium traces at 4× CPU (./trace).
 * The peer is a built copy of Mozilla's SSL Configuration Generator, given as BENCH_PEER_DIR.
 */
import {chromium} from '@playwright/test';
import {existsSync, writeFileSync} from 'node:fs';
import {CHROMIUM_FLAGS, systemPaths} from '../system-check';
import {defaultLoadProcesses, startCpuLoad} from './cpu-load';
import {lighthouse, type LighthouseRun} from './lighthouse';
import {peerCopy, serveFolder, type Served} from './sites';
import {GROUP_LABELS, traceLoad, type Group, type ThreadFigures} from './trace';

export const PEER_NAME = "Mozilla's SSL Configuration Generator";
/** The bar of issue 17: TBT at most 1.5× the peer's, performance score at most 5 points below. */
export const BAR = {tbtRatio: 1.5, scorePoints: 5, quietScore: 98, quietLcpMs: 1800};

export type CompareOptions = {
  peerDir: string;
  /** this site's build to measure */
  siteDir: string;
  /** earlier builds of this site to measure in the same rounds (before/after), each with a name */
  baselines: {name: string; dir: string}[];
  pages: readonly string[];
  runs: number;
  loadRuns: number;
  loadProcesses: number;
  traces: number;
  outDir: string;
};

export type Target = {label: string; url: string};
export type Summary = {label: string; runs: number; performance: number; fcp: number; lcp: number; tbt: number; cls: number; jsTransferKB: number; tbtRatio: number | null; scoreDiff: number};
type Breakdown = {label: string; wall: ThreadFigures; cpu: ThreadFigures};

export const median = (xs: readonly number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length / 2;
  return s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
};

/** Each round loads every target once; the order rotates so that no target always goes first. */
export async function rounds<T>(targets: readonly Target[], n: number, measure: (t: Target) => Promise<T | null> | T | null): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>(targets.map((t) => [t.label, []]));
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(i + r) % targets.length];
      const v = await measure(t);
      if (v !== null) out.get(t.label)!.push(v);
      if (process.stderr.isTTY) process.stderr.write('.');
    }
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  return out;
}

export function summarise(runs: Map<string, LighthouseRun[]>, peerLabel: string): Summary[] {
  const peer = runs.get(peerLabel) ?? [];
  const peerTbt = median(peer.map((r) => r.tbt));
  const peerScore = median(peer.map((r) => r.performance));
  return [...runs].map(([label, rs]) => {
    const tbt = median(rs.map((r) => r.tbt));
    const performance = median(rs.map((r) => r.performance));
    return {
      label,
      runs: rs.length,
      performance,
      fcp: median(rs.map((r) => r.fcp)),
      lcp: median(rs.map((r) => r.lcp)),
      tbt,
      cls: median(rs.map((r) => r.cls)),
      jsTransferKB: Number((median(rs.map((r) => r.jsTransfer)) / 1024).toFixed(1)),
      tbtRatio: peerTbt > 0 ? Number((tbt / peerTbt).toFixed(2)) : null,
      scoreDiff: performance - peerScore,
    };
  });
}

export function medianFigures(all: readonly ThreadFigures[]): ThreadFigures {
  const groups = Object.fromEntries(Object.keys(GROUP_LABELS).map((g) => [g, median(all.map((f) => f.groups[g as Group]))])) as Record<Group, number>;
  return {
    groups,
    longTasks: median(all.map((f) => f.longTasks)),
    longestTaskMs: median(all.map((f) => f.longestTaskMs)),
    blockingMs: median(all.map((f) => f.blockingMs)),
    busyMs: median(all.map((f) => f.busyMs)),
  };
}

/** Whether a page meets the bar against the peer (TBT ratio and score); a peer without TBT needs none. */
export function meetsBar(s: Pick<Summary, 'tbt' | 'tbtRatio' | 'scoreDiff'>): boolean {
  const tbtOk = s.tbtRatio !== null ? s.tbtRatio <= BAR.tbtRatio : s.tbt === 0;
  return tbtOk && s.scoreDiff >= -BAR.scorePoints;
}

function printLighthouse(title: string, rows: Summary[], peerLabel: string): void {
  console.log(`\n${title}`);
  console.log(`${'page'.padEnd(40)} runs  perf   FCP ms   LCP ms   TBT ms  TBT ÷ peer  perf − peer  JS KB  bar`);
  for (const s of rows) {
    const isPeer = s.label === peerLabel;
    const bar = isPeer ? '' : meetsBar(s) ? 'meets' : 'MISSES';
    console.log(
      `${s.label.padEnd(40)} ${String(s.runs).padStart(4)}  ${String(s.performance).padStart(4)}  ${String(s.fcp).padStart(7)}  ${String(s.lcp).padStart(7)}  ${String(s.tbt).padStart(7)}  ${(s.tbtRatio === null ? '—' : s.tbtRatio.toFixed(2)).padStart(10)}  ${(s.scoreDiff > 0 ? `+${s.scoreDiff}` : String(s.scoreDiff)).padStart(11)}  ${s.jsTransferKB.toFixed(1).padStart(5)}  ${bar}`,
    );
  }
}

function printBreakdown(title: string, rows: Breakdown[], which: 'wall' | 'cpu'): void {
  const groups = Object.keys(GROUP_LABELS) as Group[];
  console.log(`\n${title}`);
  console.log(`${'page'.padEnd(40)} ${groups.map((g) => GROUP_LABELS[g].padStart(g === 'other' ? 6 : GROUP_LABELS[g].length)).join(' ')}   busy  tasks>50ms  longest  blocking`);
  for (const r of rows) {
    const f = r[which];
    console.log(
      `${r.label.padEnd(40)} ${groups.map((g) => String(f.groups[g]).padStart(g === 'other' ? 6 : GROUP_LABELS[g].length)).join(' ')}  ${String(f.busyMs).padStart(5)}  ${String(f.longTasks).padStart(10)}  ${String(f.longestTaskMs).padStart(7)}  ${String(f.blockingMs).padStart(8)}`,
    );
  }
}

export async function compare(opts: CompareOptions): Promise<Record<string, unknown>> {
  const peerFiles = peerCopy(opts.peerDir);
  const servers: Served[] = [];
  const stopLoad: (() => void)[] = [];
  const stopAll = () => stopLoad.splice(0).forEach((stop) => stop());
  process.once('exit', stopAll);
  try {
    const site = await serveFolder(opts.siteDir, 3291);
    servers.push(site);
    const peer = await serveFolder(peerFiles.root, 3292);
    servers.push(peer);
    const peerTarget: Target = {label: `peer: ${PEER_NAME.replace("'s SSL Configuration", ' SSL')}`, url: `${peer.origin}/`};
    const targets: Target[] = [peerTarget, ...opts.pages.map((p) => ({label: p, url: `${site.origin}${p}`}))];
    for (const [i, b] of opts.baselines.entries()) {
      const base = await serveFolder(b.dir, 3293 + i);
      servers.push(base);
      targets.push(...opts.pages.map((p) => ({label: `${b.name} ${p}`, url: `${base.origin}${p}`})));
    }
    const lh = (t: Target) => lighthouse(t.url, {categories: ['performance'], outDir: opts.outDir, retries: 1});

    let quiet: Summary[] = [];
    if (opts.runs > 0) {
      console.log(`\ncomparison with ${PEER_NAME}: Lighthouse 12.8.2 mobile, ${opts.runs} interleaved rounds`);
      quiet = summarise(await rounds(targets, opts.runs, lh), peerTarget.label);
      printLighthouse(`Lighthouse, as the machine is (median of ${opts.runs})`, quiet, peerTarget.label);
    }

    let loaded: Summary[] = [];
    if (opts.loadRuns > 0) {
      console.log(`\nthe same with ${opts.loadProcesses} busy loop(s) running, ${opts.loadRuns} rounds`);
      stopLoad.push(startCpuLoad(opts.loadProcesses));
      try {
        loaded = summarise(await rounds(targets, opts.loadRuns, lh), peerTarget.label);
      } finally {
        stopAll();
      }
      printLighthouse(`Lighthouse under an artificial CPU load (median of ${opts.loadRuns})`, loaded, peerTarget.label);
    }

    let breakdown: Breakdown[] = [];
    if (opts.traces > 0) {
      console.log(`\nmain-thread traces, ${opts.traces} interleaved rounds`);
      const browser = await chromium.launch({executablePath: systemPaths.chromium, args: CHROMIUM_FLAGS});
      try {
        const walls = await rounds(targets, opts.traces, async (t) => (await traceLoad(browser, t.url, 4, 1)).wall);
        const cpus = await rounds(targets, opts.traces, async (t) => (await traceLoad(browser, t.url, 1, 4)).cpu);
        breakdown = targets.map((t) => ({label: t.label, wall: medianFigures(walls.get(t.label)!), cpu: medianFigures(cpus.get(t.label)!)}));
      } finally {
        await browser.close();
      }
      printBreakdown(`main thread at 4× CPU (DevTools throttling), ms, median of ${opts.traces}`, breakdown, 'wall');
      printBreakdown(
        `main thread CPU time × 4 (unthrottled traces: a slow phone's work, nearly independent of the machine's load), ms, median of ${opts.traces}`,
        breakdown,
        'cpu',
      );
    }
    const result = {peer: PEER_NAME, peerDir: opts.peerDir, bar: BAR, lighthouse: quiet, lighthouseUnderLoad: loaded, loadProcesses: opts.loadProcesses, mainThread: breakdown};
    writeFileSync(`${opts.outDir}/compare.json`, JSON.stringify(result, null, 2));
    console.log(`\nwrote ${opts.outDir}/compare.json`);
    return result;
  } finally {
    stopAll();
    await Promise.all(servers.map((s) => s.close()));
    peerFiles.remove();
  }
}

/** The options from the command line and the environment; null (with a message) if unusable. */
export function compareOptions(args: readonly string[], pages: readonly string[]): CompareOptions | null {
  const num = (flag: string, fallback: number) => {
    const i = args.indexOf(flag);
    const v = i >= 0 ? Number(args[i + 1]) : NaN;
    return Number.isInteger(v) && v >= 0 ? v : fallback;
  };
  const peerDir = process.env.BENCH_PEER_DIR;
  if (!peerDir || !existsSync(`${peerDir}/index.html`)) {
    console.error(
      `bench --compare needs a built copy of ${PEER_NAME} (https://github.com/mozilla/ssl-config-generator): set BENCH_PEER_DIR to the folder with its index.html${peerDir ? ` (${peerDir} has none)` : ''}`,
    );
    return null;
  }
  const dir = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  // --baseline DIR or NAME=DIR, as often as wanted
  const baselines = args.flatMap((a, i) => {
    if (a !== '--baseline' || args[i + 1] === undefined) return [];
    const m = /^([\w.-]+)=(.+)$/.exec(args[i + 1]);
    return [m ? {name: m[1], dir: m[2]} : {name: 'baseline', dir: args[i + 1]}];
  });
  const siteDir = dir('--site');
  for (const [flag, d] of [...baselines.map((b) => ['--baseline', b.dir] as const), ['--site', siteDir] as const]) {
    if (d !== undefined && !existsSync(`${d}/index.html`)) {
      console.error(`bench ${flag}: no built site at ${d}`);
      return null;
    }
  }
  const runs = num('--runs', 5);
  return {
    peerDir,
    siteDir: siteDir ?? 'build',
    baselines,
    pages,
    runs,
    loadRuns: num('--load-runs', runs),
    loadProcesses: num('--load-processes', defaultLoadProcesses()),
    traces: num('--traces', 5),
    outDir: 'bench-results',
  };
}
