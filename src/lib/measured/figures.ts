/**
 * The numbers the /measured page and the measured blog post quote in their prose, each computed
 * from data/measured/results.json, so that a new run changes the text with the tables. A page
 * writes `<MeasuredFigure name="reuse.hs.logins" />`; every name is defined here, and a test
 * checks that every name the pages use exists.
 */
import {factorEffect, findMode, gridModes, summarize, type AuthCacheMode, type ImapMode, type LoginMode, type Metric, type Results, type ServerId, type TlsMode, type Within} from './results';

type Figure = (r: Results) => number | null;

const median = (r: Results, q: {server: ServerId; login?: LoginMode; imap?: ImapMode; tls: TlsMode}, m: Metric): number | null => {
  const mode = findMode(r, q);
  if (!mode) return null;
  const v = summarize(mode, m).median;
  return Number.isFinite(v) ? v : null;
};

const ratio = (factor: 'login' | 'imap' | 'tls', m: Metric, within: Within = {}, server: ServerId = 'dovecot-2.3'): Figure => (r) => {
  const e = factorEffect(r, server, factor, m, within);
  return e.n > 0 ? e.median : null;
};
const ratioMin = (factor: 'login' | 'imap' | 'tls', m: Metric, within: Within = {}): Figure => (r) => {
  const e = factorEffect(r, 'dovecot-2.3', factor, m, within);
  return e.n > 0 ? e.min : null;
};
const ratioMax = (factor: 'login' | 'imap' | 'tls', m: Metric, within: Within = {}): Figure => (r) => {
  const e = factorEffect(r, 'dovecot-2.3', factor, m, within);
  return e.n > 0 ? e.max : null;
};

const d23 = 'dovecot-2.3' as const;
const d24 = 'dovecot-2.4' as const;
const HS = 'high-security' as const;
const HP = 'high-performance' as const;
const PER = 'per-connection' as const;
const REUSED = 'reused' as const;

/** CPU milliseconds per login: a − b, from CPU seconds per 1 000 logins. */
const cpuMsDiff = (a: Parameters<typeof median>[1], b: Parameters<typeof median>[1]): Figure => (r) => {
  const x = median(r, a, 'cpuSPer1000Logins');
  const y = median(r, b, 'cpuSPer1000Logins');
  return x === null || y === null ? null : x - y;
};

const rssMiB = (server: ServerId, process: string): Figure => (r) => {
  const xs: number[] = [];
  for (const m of gridModes(r).filter((x) => x.server === server)) for (const run of m.runs) if (run.ok && run.rssByProcess[process]) xs.push(run.rssByProcess[process].p50KiB);
  if (!xs.length) return null;
  xs.sort((a, b) => a - b);
  return xs[Math.floor((xs.length - 1) / 2)] / 1024;
};

const cacheMode = (r: Results, scheme: string, cache: boolean, worker = false): AuthCacheMode | undefined =>
  r.authCache?.modes.find((m) => m.scheme === scheme && m.cache === cache && m.worker === worker);

const cacheFigure = (scheme: string, cache: boolean, worker: boolean, m: Metric): Figure => (r) => {
  const mode = cacheMode(r, scheme, cache, worker);
  if (!mode) return null;
  const v = summarize(mode, m).median;
  return Number.isFinite(v) ? v : null;
};

const cacheRatio = (scheme: string, m: Metric, worker = false): Figure => (r) => {
  const on = cacheFigure(scheme, true, worker, m)(r);
  const off = cacheFigure(scheme, false, false, m)(r);
  return on === null || off === null || off === 0 ? null : on / off;
};

/** Cache memory per user: the cache's used bytes over the users who logged in (a passdb and a userdb entry each). */
const bytesPerUser = (scheme: string): Figure => (r) => {
  const mode = r.authCache ? cacheMode(r, scheme, true, false) : undefined;
  const used = (mode?.runs ?? []).filter((x) => x.ok && x.authCache && x.authCache.usedBytes > 0).map((x) => x.authCache!.usedBytes);
  return used.length && r.authCache ? Math.max(...used) / r.authCache.users : null;
};

export const FIGURES: Readonly<Record<string, Figure>> = {
  // high-performance ÷ high-security login processes, Dovecot 2.3, over every other combination
  'login.logins': ratio('login', 'loginsPerS'),
  'login.logins.min': ratioMin('login', 'loginsPerS'),
  'login.logins.max': ratioMax('login', 'loginsPerS'),
  'login.cpu': ratio('login', 'cpuSPer1000Logins'),
  // reused ÷ per-connection imap, reported separately in each login mode (the effect depends on it)
  'reuse.hs.logins': ratio('imap', 'loginsPerS', {login: HS}),
  'reuse.hp.logins': ratio('imap', 'loginsPerS', {login: HP}),
  'reuse.hs.cpu': ratio('imap', 'cpuSPer1000Logins', {login: HS}),
  'reuse.hp.cpu': ratio('imap', 'cpuSPer1000Logins', {login: HP}),
  'reuse.hs.logins.plain': ratio('imap', 'loginsPerS', {login: HS, tls: 'none'}),
  'reuse.hp.logins.plain': ratio('imap', 'loginsPerS', {login: HP, tls: 'none'}),
  // TLS (imaps) ÷ plain
  'tls.logins': ratio('tls', 'loginsPerS'),
  'tls.logins.min': ratioMin('tls', 'loginsPerS'),
  'tls.logins.max': ratioMax('tls', 'loginsPerS'),
  'tls.cpu': ratio('tls', 'cpuSPer1000Logins'),
  // corners of the 2.3 grid, logins per second
  'd23.defaults.plain': (r) => median(r, {server: d23, login: HS, imap: PER, tls: 'none'}, 'loginsPerS'),
  'd23.tuned.plain': (r) => median(r, {server: d23, login: HP, imap: REUSED, tls: 'none'}, 'loginsPerS'),
  'd23.defaults.imaps': (r) => median(r, {server: d23, login: HS, imap: PER, tls: 'imaps'}, 'loginsPerS'),
  'd23.tuned.imaps': (r) => median(r, {server: d23, login: HP, imap: REUSED, tls: 'imaps'}, 'loginsPerS'),
  'd23.hs.perconn.starttls': (r) => median(r, {server: d23, login: HS, imap: PER, tls: 'starttls'}, 'loginsPerS'),
  'd23.tuned.over.defaults.plain': (r) => {
    const a = FIGURES['d23.tuned.plain'](r);
    const b = FIGURES['d23.defaults.plain'](r);
    return a === null || b === null || b === 0 ? null : a / b;
  },
  // CPU per 1 000 logins, Dovecot 2.3
  'cpu.d23.hs.perconn.plain': (r) => median(r, {server: d23, login: HS, imap: PER, tls: 'none'}, 'cpuSPer1000Logins'),
  'cpu.d23.hp.perconn.plain': (r) => median(r, {server: d23, login: HP, imap: PER, tls: 'none'}, 'cpuSPer1000Logins'),
  'cpu.d23.hs.reused.plain': (r) => median(r, {server: d23, login: HS, imap: REUSED, tls: 'none'}, 'cpuSPer1000Logins'),
  'cpu.d23.hp.reused.plain': (r) => median(r, {server: d23, login: HP, imap: REUSED, tls: 'none'}, 'cpuSPer1000Logins'),
  'cpu.d23.hs.perconn.imaps': (r) => median(r, {server: d23, login: HS, imap: PER, tls: 'imaps'}, 'cpuSPer1000Logins'),
  'cpu.d23.hp.reused.imaps': (r) => median(r, {server: d23, login: HP, imap: REUSED, tls: 'imaps'}, 'cpuSPer1000Logins'),
  // milliseconds of CPU per login that one setting saves (differences of the CPU figures)
  'ms.login.perconn': cpuMsDiff({server: d23, login: HS, imap: PER, tls: 'none'}, {server: d23, login: HP, imap: PER, tls: 'none'}),
  'ms.login.reused': cpuMsDiff({server: d23, login: HS, imap: REUSED, tls: 'none'}, {server: d23, login: HP, imap: REUSED, tls: 'none'}),
  'ms.login.imaps': cpuMsDiff({server: d23, login: HS, imap: REUSED, tls: 'imaps'}, {server: d23, login: HP, imap: REUSED, tls: 'imaps'}),
  'ms.reuse.hs': cpuMsDiff({server: d23, login: HS, imap: PER, tls: 'none'}, {server: d23, login: HS, imap: REUSED, tls: 'none'}),
  'ms.reuse.hp': cpuMsDiff({server: d23, login: HP, imap: PER, tls: 'none'}, {server: d23, login: HP, imap: REUSED, tls: 'none'}),
  'ms.tls.hp.reused': cpuMsDiff({server: d23, login: HP, imap: REUSED, tls: 'imaps'}, {server: d23, login: HP, imap: REUSED, tls: 'none'}),
  'ms.tls.hs.perconn': cpuMsDiff({server: d23, login: HS, imap: PER, tls: 'imaps'}, {server: d23, login: HS, imap: PER, tls: 'none'}),
  // what 20 logins per second cost in new imap processes, as a share of one core (per cent)
  'reuse.hs.pct.at20': (r) => {
    const ms = FIGURES['ms.reuse.hs'](r);
    return ms === null ? null : (20 * ms) / 10;
  },
  // Dovecot 2.4 corners and Courier
  'd24.defaults.plain': (r) => median(r, {server: d24, login: HS, imap: PER, tls: 'none'}, 'loginsPerS'),
  'd24.tuned.plain': (r) => median(r, {server: d24, login: HP, imap: REUSED, tls: 'none'}, 'loginsPerS'),
  'd24.tuned.over.defaults.plain': (r) => {
    const a = FIGURES['d24.tuned.plain'](r);
    const b = FIGURES['d24.defaults.plain'](r);
    return a === null || b === null || b === 0 ? null : a / b;
  },
  'd24.tuned.over.defaults.imaps': (r) => {
    const a = median(r, {server: d24, login: HP, imap: REUSED, tls: 'imaps'}, 'loginsPerS');
    const b = median(r, {server: d24, login: HS, imap: PER, tls: 'imaps'}, 'loginsPerS');
    return a === null || b === null || b === 0 ? null : a / b;
  },
  'cpu.d24.hs.perconn.plain': (r) => median(r, {server: d24, login: HS, imap: PER, tls: 'none'}, 'cpuSPer1000Logins'),
  'rss.d23.imap': rssMiB(d23, 'imap'),
  'rss.d24.imap': rssMiB(d24, 'imap'),
  'rss.d23.config': rssMiB(d23, 'config'),
  'rss.d24.config': rssMiB(d24, 'config'),
  'rss.d23.imap-login': rssMiB(d23, 'imap-login'),
  'rss.d23.auth': rssMiB(d23, 'auth'),
  'rss.d24.auth': rssMiB(d24, 'auth'),
  'courier.plain': (r) => median(r, {server: 'courier', tls: 'none'}, 'loginsPerS'),
  'courier.imaps': (r) => median(r, {server: 'courier', tls: 'imaps'}, 'loginsPerS'),
  'courier.cpu.plain': (r) => median(r, {server: 'courier', tls: 'none'}, 'cpuSPer1000Logins'),
  'courier.over.d23.defaults.plain': (r) => {
    const a = FIGURES['courier.plain'](r);
    const b = FIGURES['d23.defaults.plain'](r);
    return a === null || b === null || b === 0 ? null : a / b;
  },
  'd23.tuned.over.courier.plain': (r) => {
    const a = FIGURES['d23.tuned.plain'](r);
    const b = FIGURES['courier.plain'](r);
    return a === null || b === null || b === 0 ? null : a / b;
  },
  'd23.tuned.over.courier.imaps': (r) => {
    const a = FIGURES['d23.tuned.imaps'](r);
    const b = FIGURES['courier.imaps'](r);
    return a === null || b === null || b === 0 ? null : a / b;
  },
  // the auth cache with PostgreSQL (SHA512-CRYPT and SSHA512 hashes)
  'cache.sha512crypt.logins': cacheRatio('SHA512-CRYPT', 'loginsPerS'),
  'cache.ssha512.logins': cacheRatio('SSHA512', 'loginsPerS'),
  'cache.sha512crypt.cpu': cacheRatio('SHA512-CRYPT', 'cpuSPer1000Logins'),
  'cache.ssha512.cpu': cacheRatio('SSHA512', 'cpuSPer1000Logins'),
  'cache.sha512crypt.hitpct': cacheFigure('SHA512-CRYPT', true, false, 'cacheHitPct'),
  'cache.ssha512.hitpct': cacheFigure('SSHA512', true, false, 'cacheHitPct'),
  'cache.off.queries': cacheFigure('SSHA512', false, false, 'backendQueriesPerLogin'),
  'cache.on.queries': cacheFigure('SSHA512', true, false, 'backendQueriesPerLogin'),
  'cache.worker.sha512crypt.logins': (r) => {
    const w = cacheFigure('SHA512-CRYPT', true, true, 'loginsPerS')(r);
    const n = cacheFigure('SHA512-CRYPT', true, false, 'loginsPerS')(r);
    return w === null || n === null || n === 0 ? null : w / n;
  },
  'cache.sha512crypt.bytes.per.user': bytesPerUser('SHA512-CRYPT'),
  'cache.ssha512.bytes.per.user': bytesPerUser('SSHA512'),
};

/** A figure's value, or null when the results do not hold what it needs. Unknown names throw. */
export function figure(results: Results, name: string): number | null {
  const f = FIGURES[name];
  if (!f) throw new Error(`unknown measured figure: ${name}`);
  const v = f(results);
  return v !== null && Number.isFinite(v) ? v : null;
}
