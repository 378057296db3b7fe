/**
 * The measured-data model: the shape of data/measured/results.json (written by `npm run measure`)
 * and the pure functions that turn it into medians, ranges and ratios. The harness
 * (scripts/measure, to write and summarise a run) and the /measured views
 * (src/components/MeasuredResults, rendered at build time) both import it; neither imports the other.
 */
import {spread, type Spread} from './stats';

export type ServerId = 'dovecot-2.3' | 'dovecot-2.4' | 'courier';
export type TlsMode = 'none' | 'imaps' | 'starttls';

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
  peakRssMiB: number | null;
  peakPssMiB: number | null;
  peakProcesses: number;
  rssByProcess: Record<string, {p50KiB: number; maxKiB: number; maxCount: number}>;
  limitLines: string[];
  warnings: string[];
  errors: string[];
  clientErrors: Record<string, number>;
  clientErrorSamples: string[];
  tls: {protocol: string | null; cipher: string; certKey?: string} | null;
};

export type ModeResult = {
  id: string;
  server: ServerId;
  label: string;
  login: 'high-security' | 'high-performance';
  imap: 'per-connection' | 'reused';
  authCache: boolean;
  tls: TlsMode;
  /** The settings that make this mode, as config text. */
  config: string;
  runs: RunFigures[];
};

export type ServerInfo = {id: ServerId; version: string | null; status: 'measured' | 'failed' | 'skipped'; note: string};

export type Results = {
  schema: 1;
  generatedAt: string;
  command: string;
  durationS: number;
  machine: {cpus: number; cpuModel: string; ramGiB: number; kernel: string; os: string; node: string};
  quiet: {waitedS: number; quietFileSeen: boolean; loadAvgAtStart: number[]; note: string};
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
  | 'peakPssMiB';

export function metricValue(r: RunFigures, m: Metric): number | null {
  switch (m) {
    case 'latencyP50':
      return r.latencyMs.p50;
    case 'latencyP95':
      return r.latencyMs.p95;
    case 'latencyP99':
      return r.latencyMs.p99;
    default:
      return r[m];
  }
}

/** Median and extremes of one metric over the mode's successful runs. */
export function summarize(mode: ModeResult, m: Metric): Spread {
  const xs = mode.runs
    .filter((r) => r.ok)
    .map((r) => metricValue(r, m))
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return spread(xs);
}

export const TLS_LABEL: Record<TlsMode, string> = {none: 'plain', imaps: 'TLS (imaps)', starttls: 'STARTTLS'};
export const SERVER_LABEL: Record<ServerId, string> = {'dovecot-2.3': 'Dovecot 2.3', 'dovecot-2.4': 'Dovecot 2.4', courier: 'Courier-IMAP'};

/** A short label: "HS · per-conn · no cache · plain". */
export function modeLabel(m: Pick<ModeResult, 'server' | 'login' | 'imap' | 'authCache' | 'tls'>): string {
  if (m.server === 'courier') return `Courier · ${TLS_LABEL[m.tls]}`;
  return [m.login === 'high-security' ? 'high-security' : 'high-performance', m.imap === 'reused' ? 'imap reused' : 'imap per conn', m.authCache ? 'cache on' : 'cache off', TLS_LABEL[m.tls]].join(' · ');
}

export type Factor = 'login' | 'imap' | 'authCache' | 'tls';

export const FACTORS: {factor: Factor; label: string; better: string; base: string}[] = [
  {factor: 'login', label: 'high-performance ÷ high-security login', better: 'high-performance', base: 'high-security'},
  {factor: 'imap', label: 'reused ÷ per-connection imap', better: 'reused', base: 'per-connection'},
  {factor: 'authCache', label: 'auth cache on ÷ off', better: 'true', base: 'false'},
  {factor: 'tls', label: 'TLS (imaps) ÷ plain', better: 'imaps', base: 'none'},
];

function factorValue(m: ModeResult, f: Factor): string {
  return String(m[f]);
}

/** Every pair of modes of one server that differ only in `factor`: value (better) ÷ value (base). */
export type Pair = {context: string; better: ModeResult; base: ModeResult; ratio: number};

export function pairs(results: Pick<Results, 'modes'>, server: ServerId, factor: Factor, metric: Metric): Pair[] {
  const f = FACTORS.find((x) => x.factor === factor)!;
  const of = results.modes.filter((m) => m.server === server);
  const out: Pair[] = [];
  for (const better of of) {
    if (factorValue(better, factor) !== f.better) continue;
    const base = of.find((m) => factorValue(m, factor) === f.base && (['login', 'imap', 'authCache', 'tls'] as Factor[]).every((g) => g === factor || m[g] === better[g]));
    if (!base) continue;
    const a = summarize(better, metric).median;
    const b = summarize(base, metric).median;
    if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) continue;
    const context = (['login', 'imap', 'authCache', 'tls'] as Factor[])
      .filter((g) => g !== factor)
      .map((g) => (g === 'login' ? better.login : g === 'imap' ? `imap ${better.imap}` : g === 'authCache' ? (better.authCache ? 'cache on' : 'cache off') : TLS_LABEL[better.tls]))
      .join(' · ');
    out.push({context, better, base, ratio: a / b});
  }
  return out;
}

/** The effect of one factor over all contexts: median ratio and range. */
export function factorEffect(results: Pick<Results, 'modes'>, server: ServerId, factor: Factor, metric: Metric): Spread & {pairs: Pair[]} {
  const ps = pairs(results, server, factor, metric);
  return {...spread(ps.map((p) => p.ratio)), pairs: ps};
}

/** Fixed-precision number for tables; '–' for missing. */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(digits)).toString();
}

/** "1.8 – 2.1" style range, or the single value when the runs agree. */
export function fmtRange(s: Spread, digits = 3): string {
  if (!Number.isFinite(s.min)) return '–';
  const a = fmt(s.min, digits);
  const b = fmt(s.max, digits);
  return a === b ? a : `${a}–${b}`;
}
