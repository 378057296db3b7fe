/**
 * Timing of evaluate() over random calculator states (for `npm run bench`; not a test):
 *   npx tsx src/lib/dovecot/calculator/bench.ts [N]
 * Uses only `performance.now()`, so it also runs in a browser console.
 */
import {evaluate} from './index';
import type {CalculatorInput} from './types';
import {mulberry32} from '../../prng';

export interface BenchResult {
  runs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  totalMs: number;
}

/** Deterministic, so runs are comparable. */
const rng = mulberry32;

const SERVICES = ['imap', 'imap-login', 'pop3', 'pop3-login', 'lmtp', 'submission-login', 'auth', 'anvil', 'auth-worker', 'managesieve-login'];
const VALUES = ['', '0', '1', '2', '10', '100', '1000', '1024', '5000', 'unlimited', '4294967295', 'abc'];
const SIZES = ['', '0', '256M', '1 GB', '2 MiB', 'unlimited', '1023k'];

export function randomState(next: () => number): CalculatorInput {
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(next() * a.length)];
  const opt = (a: readonly string[]) => {
    const v = pick(a);
    return v === '' ? undefined : v;
  };
  return {
    version: next() < 0.5 ? '2.3' : '2.4',
    service: pick(SERVICES),
    settings: {
      process_limit: opt(VALUES),
      client_limit: opt(VALUES),
      restart_request_count: opt(VALUES),
      process_min_avail: opt(['', '0', '1', '4', '200']),
      vsz_limit: opt(SIZES),
    },
    load: {
      peakConnections: Math.floor(next() * 100000),
      connectionsPerSecond: Math.floor(next() * 1000),
      cores: 1 + Math.floor(next() * 64),
      ramGiB: 1 + Math.floor(next() * 512),
    },
  };
}

/** Times evaluate() on `n` random states (after a short warm-up). */
export function runBench(n = 10000, seed = 1): BenchResult {
  const next = rng(seed);
  const states = Array.from({length: n}, () => randomState(next));
  for (let i = 0; i < Math.min(200, n); i++) evaluate(states[i]);
  const times: number[] = new Array<number>(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    evaluate(states[i]);
    times[i] = performance.now() - t0;
  }
  const totalMs = performance.now() - start;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(n - 1, Math.floor(q * n))];
  return {runs: n, medianMs: at(0.5), p99Ms: at(0.99), maxMs: times[n - 1], totalMs};
}

// CLI: only when run directly (tsx/node), without importing any Node module.
const argv = (globalThis as {process?: {argv?: string[]}}).process?.argv;
if (argv?.[1]?.endsWith('calculator/bench.ts')) {
  const n = Number(argv[2] ?? 10000);
  const r = runBench(Number.isFinite(n) && n > 0 ? n : 10000);
  console.log(
    `evaluate() over ${r.runs} random states: median ${r.medianMs.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms, ` +
      `max ${r.maxMs.toFixed(3)} ms, total ${r.totalMs.toFixed(0)} ms`,
  );
}
