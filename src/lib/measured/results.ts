/**
 * The measured-data model: the shape of data/measured/results.json (written by `npm run measure`)
 * and the pure functions that turn it into medians, ranges and ratios. The harness
 * (scripts/measure, to write and summarise a run) and the /measured views
 * (src/components/MeasuredResults, rendered at build time) both import it; neither imports the other.
 */
import {spread, type Spread} from './stats';
import {formatNumber} from '../numberFormat';

export type ServerId = 'dovecot-2.3' | 'dovecot-2.4' | 'courier';

/** The measured server of a Dovecot version. */
export const dovecotServer = (v: '2.3' | '2.4'): Extract<ServerId, `dovecot-${string}`> => `dovecot-${v}`;
export type TlsMode = 'none' | 'imaps' | 'starttls';
export type LoginMode = 'high-security' | 'high-performance';
export type ImapMode = 'per-connection' | 'reused';

/** What the auth process reported about its cache (SIGUSR2) for one measuring window. */
export type AuthCacheStats = {
  hits: number;
  lookups: number;
  positiveEntries: number;
  positiveBytes: number;
  negativeEntries: number;
  negativeBytes: number;
  usedBytes: number;
  sizeBytes: number;
};

/** Resident memory of one kind of process over a run: median and peak, and the most seen at once. */
export type ProcessRss = {p50KiB: number; maxKiB: number; maxCount: number};

export type RunFigures = {
  rep: number;
  ok: boolean;
  error?: string;
  durationS: number;
  logins: number;
  sessions: number;
  loginsPerS: number;
  sessionsPerS: number;
  latencyMs: {p50: number | null; p95: number | null; p99: number | null; max: number | null; n: number};
  forksPerLogin: number | null;
  mailProcessesPerLogin: number | null;
  cpuSPer1000Logins: number | null;
  serverCpuUtil: number | null;
  generatorCpuUtil: number | null;
  /** CPU cores used by everything else on the machine during the window (absent in older files). */
  foreignCpu?: number | null;
  peakRssMiB: number | null;
  peakPssMiB: number | null;
  peakProcesses: number;
  rssByProcess: Record<string, ProcessRss>;
  limitLines: string[];
  warnings: string[];
  errors: string[];
  clientErrors: Record<string, number>;
  clientErrorSamples: string[];
  tls: {protocol: string | null; cipher: string; certKey?: string} | null;
  /** Auth cache runs only: the auth process's own counters, and the database's work. */
  authCache?: AuthCacheStats | null;
  backendCpuSPer1000Logins?: number | null;
  backendQueriesPerLogin?: number | null;
};

export type ModeResult = {
  id: string;
  server: ServerId;
  label: string;
  login: LoginMode;
  imap: ImapMode;
  /**
   * Only in files written before the auth cache was measured with a real backend: those runs
   * flipped auth_cache_size with a passwd-file passdb, which has no cache key, so the cache was
   * never used. gridModes() leaves them out.
   */
  authCache?: boolean;
  tls: TlsMode;
  /** The settings that make this mode, as config text. */
  config: string;
  runs: RunFigures[];
};

export type ServerInfo = {id: ServerId; version: string | null; status: 'measured' | 'failed' | 'skipped'; note: string};

/**
 * The load on the machine around a measurement. The harness refuses to publish a result when the
 * 1-minute load average before it started, or the CPU that other processes used during a
 * measuring window, was above `bound`.
 */
export type LoadConditions = {
  cpus: number;
  /** 1, 5 and 15 minute load averages just before the first run. */
  loadAvgBefore: number[];
  /** The highest 1-minute load average seen between runs (includes the measurement's own load). */
  loadAvgMax: number;
  /** CPU cores used by processes other than the server, its backend and the load generator. */
  foreignCpuMedian: number | null;
  foreignCpuMax: number | null;
  /** Publication bound, in the same unit for both: load average before, foreign cores during. */
  bound: {loadAvgBefore: number; foreignCpu: number};
  withinBound: boolean;
};

export type Section = {generatedAt: string; command: string; durationS: number; conditions: LoadConditions};

/** The auth cache with a PostgreSQL passdb and userdb (both have a cache key). */
export type AuthCacheMode = {
  id: string;
  scheme: string;
  cache: boolean;
  /** auth_cache_verify_password_with_worker */
  worker: boolean;
  config: string;
  runs: RunFigures[];
};

export type AuthCacheSection = Section & {
  server: ServerId;
  version: string;
  backend: string;
  /** The mode everything else was in: login processes, imap processes, TLS. */
  setup: string;
  sqlConfig: string;
  users: number;
  modes: AuthCacheMode[];
};

/** Memory of one high-performance login process holding N logged-in TLS sessions. */
export type TlsMemoryPoint = {sessions: number; rssKiB: number; pssKiB: number; vszKiB: number; loginProcesses: number};

export type TlsMemoryServer = {
  server: ServerId;
  version: string;
  config: string;
  points: TlsMemoryPoint[];
  /** Least-squares slopes over the points, KiB per session. */
  rssKiBPerSession: number | null;
  pssKiBPerSession: number | null;
  vszKiBPerSession: number | null;
  error?: string;
};

export type TlsMemorySection = Section & {tls: string; servers: TlsMemoryServer[]};

/** N logged-in clients, `doveadm reload`, then every client reconnects at once. */
export type ReloadRun = {
  rep: number;
  ok: boolean;
  error?: string;
  /** Connections the server closed within the wait after the reload. */
  closedByReload: number;
  /** From the first reconnect to the last client's tagged OK of LOGIN. */
  allLoggedInMs: number | null;
  latencyMs: {p50: number | null; p95: number | null; max: number | null};
  failedAttempts: number;
  forks: number | null;
  forksPerS: number | null;
  limitLines: string[];
  errors: string[];
};

export type ReloadMode = {id: string; server: ServerId; login: LoginMode; config: string; runs: ReloadRun[]};

export type ReloadSection = Section & {clients: number; tls: TlsMode; waitAfterReloadS: number; modes: ReloadMode[]};

export type Results = {
  schema: 1 | 2;
  generatedAt: string;
  command: string;
  durationS: number;
  machine: {cpus: number; cpuModel: string; ramGiB: number; kernel: string; os: string; node: string};
  /** Older files: the load average at start only. */
  quiet?: {waitedS: number; quietFileSeen: boolean; loadAvgAtStart: number[]; note: string};
  conditions?: LoadConditions;
  pinning: {server: string; generator: string};
  parameters: {
    users: number;
    messagesPerUser: number;
    concurrency: number;
    warmupS: number;
    warmupLogins: number;
    measureS: number;
    reps: number;
    sessionTimeoutMs: number;
    sampleMs: number;
    passwordScheme: string;
    tlsCertificate: string;
    session: string;
  };
  methods: Record<string, string>;
  servers: ServerInfo[];
  leftOut: string[];
  modes: ModeResult[];
  authCache?: AuthCacheSection;
  tlsMemory?: TlsMemorySection;
  reload?: ReloadSection;
};

export type Metric =
  | 'loginsPerS'
  | 'latencyP50'
  | 'latencyP95'
  | 'latencyP99'
  | 'forksPerLogin'
  | 'mailProcessesPerLogin'
  | 'cpuSPer1000Logins'
  | 'serverCpuUtil'
  | 'generatorCpuUtil'
  | 'peakRssMiB'
  | 'peakPssMiB'
  | 'cacheHitPct'
  | 'backendCpuSPer1000Logins'
  | 'backendQueriesPerLogin';

export function metricValue(r: RunFigures, m: Metric): number | null {
  switch (m) {
    case 'latencyP50':
      return r.latencyMs.p50;
    case 'latencyP95':
      return r.latencyMs.p95;
    case 'latencyP99':
      return r.latencyMs.p99;
    case 'cacheHitPct':
      return r.authCache && r.authCache.lookups > 0 ? (100 * r.authCache.hits) / r.authCache.lookups : null;
    case 'backendCpuSPer1000Logins':
      return r.backendCpuSPer1000Logins ?? null;
    case 'backendQueriesPerLogin':
      return r.backendQueriesPerLogin ?? null;
    default:
      return r[m];
  }
}

/** Median and extremes of one metric over the successful runs. */
export function summarize(mode: {runs: RunFigures[]}, m: Metric): Spread {
  const xs = mode.runs
    .filter((r) => r.ok)
    .map((r) => metricValue(r, m))
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return spread(xs);
}

export const TLS_LABEL: Record<TlsMode, string> = {none: 'plain', imaps: 'TLS (imaps)', starttls: 'STARTTLS'};
export const SERVER_LABEL: Record<ServerId, string> = {'dovecot-2.3': 'Dovecot 2.3', 'dovecot-2.4': 'Dovecot 2.4', courier: 'Courier-IMAP'};

/** A short label: "high-security · imap per conn · plain". */
export function modeLabel(m: Pick<ModeResult, 'server' | 'login' | 'imap' | 'tls'>): string {
  if (m.server === 'courier') return `Courier · ${TLS_LABEL[m.tls]}`;
  return [m.login === 'high-security' ? 'high-security' : 'high-performance', m.imap === 'reused' ? 'imap reused' : 'imap per conn', TLS_LABEL[m.tls]].join(' · ');
}

/**
 * The modes of the grid that measured what they say. Runs of older files that switched the auth
 * cache on with a passwd-file passdb are left out: passwd-file has no cache key (auth.c leaves
 * cache_key NULL), so those runs repeated the cache-off ones.
 */
export function gridModes(results: Pick<Results, 'modes'>): ModeResult[] {
  return results.modes.filter((m) => m.authCache !== true || !cacheOffTwin(results, m));
}

/** The mode that differs from `m` only in the (unused) cache setting, if the file has it. */
function cacheOffTwin(results: Pick<Results, 'modes'>, m: ModeResult): ModeResult | undefined {
  return results.modes.find((x) => x !== m && x.authCache !== true && x.server === m.server && x.login === m.login && x.imap === m.imap && x.tls === m.tls);
}

/** Modes of an older file that repeated a cache-off mode with the (unused) passwd-file cache on. */
export function legacyCacheRepeats(results: Pick<Results, 'modes'>): ModeResult[] {
  return results.modes.filter((m) => m.authCache === true && cacheOffTwin(results, m));
}

/** Whether an older file flipped the (unused) passwd-file auth cache. */
export function hasLegacyCacheModes(results: Pick<Results, 'modes'>): boolean {
  return results.modes.some((m) => m.authCache === true);
}

export type Factor = 'login' | 'imap' | 'tls';
const FACTOR_KEYS: readonly Factor[] = ['login', 'imap', 'tls'];

export const FACTORS: {factor: Factor; label: string; better: string; base: string}[] = [
  {factor: 'login', label: 'high-performance ÷ high-security login', better: 'high-performance', base: 'high-security'},
  {factor: 'imap', label: 'reused ÷ per-connection imap', better: 'reused', base: 'per-connection'},
  {factor: 'tls', label: 'TLS (imaps) ÷ plain', better: 'imaps', base: 'none'},
];

/** Every pair of modes of one server that differ only in `factor`: value (better) ÷ value (base). */
export type Pair = {context: string; better: ModeResult; base: ModeResult; ratio: number};

/** Restrict pairs to modes with these settings (a factor whose effect depends on another one). */
export type Within = Partial<Pick<ModeResult, Factor>>;

export function pairs(results: Pick<Results, 'modes'>, server: ServerId, factor: Factor, metric: Metric, within: Within = {}): Pair[] {
  const f = FACTORS.find((x) => x.factor === factor)!;
  const of = gridModes(results).filter((m) => m.server === server && FACTOR_KEYS.every((g) => within[g] === undefined || m[g] === within[g]));
  const out: Pair[] = [];
  for (const better of of) {
    if (String(better[factor]) !== f.better) continue;
    const base = of.find((m) => String(m[factor]) === f.base && FACTOR_KEYS.every((g) => g === factor || m[g] === better[g]));
    if (!base) continue;
    const a = summarize(better, metric).median;
    const b = summarize(base, metric).median;
    if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) continue;
    const context = FACTOR_KEYS.filter((g) => g !== factor)
      .map((g) => (g === 'login' ? better.login : g === 'imap' ? `imap ${better.imap}` : TLS_LABEL[better.tls]))
      .join(' · ');
    out.push({context, better, base, ratio: a / b});
  }
  return out;
}

/** The effect of one factor over all contexts (or those `within`): median ratio and range. */
export function factorEffect(results: Pick<Results, 'modes'>, server: ServerId, factor: Factor, metric: Metric, within: Within = {}): Spread & {pairs: Pair[]} {
  const ps = pairs(results, server, factor, metric, within);
  return {...spread(ps.map((p) => p.ratio)), pairs: ps};
}

/** One mode of the grid by its settings. */
export function findMode(results: Pick<Results, 'modes'>, q: {server: ServerId; login?: LoginMode; imap?: ImapMode; tls: TlsMode}): ModeResult | undefined {
  return gridModes(results).find((m) => m.server === q.server && m.tls === q.tls && (q.login === undefined || m.login === q.login) && (q.imap === undefined || m.imap === q.imap));
}

/** The conditions of a file or section: recorded, or rebuilt from an older file's start load. */
export function conditionsOf(results: Pick<Results, 'conditions' | 'quiet' | 'machine'>): LoadConditions {
  if (results.conditions) return results.conditions;
  const cpus = results.machine.cpus;
  const before = results.quiet?.loadAvgAtStart ?? [];
  const bound = {loadAvgBefore: publicationBound(cpus), foreignCpu: foreignCpuBound(cpus)};
  return {cpus, loadAvgBefore: before, loadAvgMax: Math.max(...before, 0), foreignCpuMedian: null, foreignCpuMax: null, bound, withinBound: before.length > 0 && before[0] <= bound.loadAvgBefore};
}

/** The most 1-minute load average before a run that still counts as a quiet machine: a quarter of the CPUs. */
export function publicationBound(cpus: number): number {
  return Math.max(0.25, cpus / 4);
}

/** The most CPU (cores) other processes may use during a measuring window: a tenth of the CPUs. */
export function foreignCpuBound(cpus: number): number {
  return Math.max(0.1, cpus / 10);
}

/** Least-squares slope of y over x; null with fewer than two distinct x. */
export function slope(points: readonly {x: number; y: number}[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  return points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
}

/** Fixed-precision number for tables; '–' for missing. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1000) return formatNumber(Math.round(x), 0);
  return Number(x.toPrecision(digits)).toString();
}

/** "1.8 – 2.1" style range, or the single value when the runs agree. */
export function fmtRange(s: Spread, digits = 3): string {
  if (!Number.isFinite(s.min)) return '–';
  const a = fmt(s.min, digits);
  const b = fmt(s.max, digits);
  return a === b ? a : `${a}–${b}`;
}
