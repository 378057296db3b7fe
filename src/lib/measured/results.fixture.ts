/** A fixed results set for the tests of the measured-data model and its views. */
import {modeLabel, type ModeResult, type Results, type RunFigures} from './results';

export function run(rep: number, loginsPerS: number, cpu: number, p95: number): RunFigures {
  return {
    rep,
    ok: true,
    durationS: 8,
    logins: loginsPerS * 8,
    sessions: loginsPerS * 8,
    loginsPerS,
    sessionsPerS: loginsPerS,
    latencyMs: {p50: p95 / 2, p95, p99: p95 * 1.2, max: p95 * 1.5, n: loginsPerS * 8},
    forksPerLogin: 2,
    mailProcessesPerLogin: 1,
    cpuSPer1000Logins: cpu,
    serverCpuUtil: 1,
    generatorCpuUtil: 0.1,
    peakRssMiB: 50,
    peakPssMiB: 15,
    peakProcesses: 10,
    rssByProcess: {imap: {p50KiB: 4096, maxKiB: 6144, maxCount: 8}, 'imap-login': {p50KiB: 8192, maxKiB: 9216, maxCount: 16}},
    limitLines: [],
    warnings: rep === 1 ? ['master: Warning: service auth { client_limit=N } is lower than required'] : [],
    errors: [],
    clientErrors: {},
    clientErrorSamples: [],
    tls: null,
  };
}

export function mode(login: ModeResult['login'], runs: RunFigures[]): ModeResult {
  const m = {server: 'dovecot-2.3' as const, login, imap: 'per-connection' as const, authCache: false, tls: 'none' as const};
  return {...m, id: `x-${login}`, label: modeLabel(m), config: '', runs};
}

export const fixture = {
  modes: [
    mode('high-security', [run(1, 100, 10, 150), run(2, 90, 11, 160), run(3, 110, 9, 140)]),
    mode('high-performance', [run(1, 300, 4, 50), run(2, 250, 5, 60), run(3, 280, 4.5, 55)]),
  ],
} as unknown as Results;


const quiet = {cpus: 2, loadAvgBefore: [0.2, 0.3, 0.4], loadAvgMax: 1.4, foreignCpuMedian: 0.02, foreignCpuMax: 0.05, bound: {loadAvgBefore: 0.5, foreignCpu: 0.2}, withinBound: true};

function cacheRun(loginsPerS: number, cpu: number, queries: number, hits: number | null): RunFigures {
  return {
    ...run(1, loginsPerS, cpu, 20),
    backendCpuSPer1000Logins: queries / 10,
    backendQueriesPerLogin: queries,
    authCache: hits === null ? null : {hits, lookups: hits, positiveEntries: 0, positiveBytes: 0, negativeEntries: 0, negativeBytes: 0, usedBytes: 28_000, sizeBytes: 10_485_760},
  };
}

/** The experiments' sections: auth cache with PostgreSQL, TLS memory, reconnect after reload. */
export const sections = {
  ...fixture,
  machine: {cpus: 2},
  authCache: {
    generatedAt: '2026-12-01T10:00:00.000Z',
    command: 'npm run measure -- --only authcache',
    durationS: 240,
    conditions: quiet,
    server: 'dovecot-2.3',
    version: '2.3.19.1 (9b53102964)',
    backend: 'PostgreSQL 15',
    setup: 'high-performance login processes',
    sqlConfig: 'driver = pgsql',
    users: 100,
    modes: [
      {id: 'a', scheme: 'SHA512-CRYPT', cache: false, worker: false, config: '', runs: [cacheRun(100, 8, 2, null)]},
      {id: 'b', scheme: 'SHA512-CRYPT', cache: true, worker: false, config: '', runs: [cacheRun(110, 7, 0, 2000)]},
      {id: 'c', scheme: 'SHA512-CRYPT', cache: true, worker: true, config: '', runs: [cacheRun(99, 7.5, 0, 1800)]},
      {id: 'd', scheme: 'SSHA512', cache: false, worker: false, config: '', runs: [cacheRun(200, 4, 2, null)]},
      {id: 'e', scheme: 'SSHA512', cache: true, worker: false, config: '', runs: [cacheRun(300, 3, 0, 4000)]},
      {id: 'f', scheme: 'SSHA512', cache: true, worker: true, config: '', runs: [cacheRun(280, 3.2, 0, 3900)]},
    ],
  },
  tlsMemory: {
    generatedAt: '2026-12-01T10:00:00.000Z',
    command: 'npm run measure -- --only tlsmem',
    durationS: 60,
    conditions: {...quiet, withinBound: false, foreignCpuMax: 0.9},
    tls: 'imaps',
    servers: [
      {server: 'dovecot-2.3', version: '2.3.19.1', config: '', points: [{sessions: 0, rssKiB: 7000, pssKiB: 4000, vszKiB: 10000, loginProcesses: 1}, {sessions: 100, rssKiB: 15000, pssKiB: 12000, vszKiB: 20000, loginProcesses: 1}], rssKiBPerSession: 80, pssKiBPerSession: 80, vszKiBPerSession: 100},
    ],
  },
  reload: {
    generatedAt: '2026-12-01T10:00:00.000Z',
    command: 'npm run measure -- --only reload',
    durationS: 300,
    conditions: quiet,
    clients: 150,
    tls: 'imaps',
    waitAfterReloadS: 5,
    modes: [
      {id: 'hs', server: 'dovecot-2.3', login: 'high-security', config: '', runs: [{rep: 1, ok: true, closedByReload: 0, allLoggedInMs: 3400, latencyMs: {p50: 2000, p95: 3200, max: 3400}, failedAttempts: 0, forks: 300, forksPerS: 88, limitLines: [], errors: []}]},
    ],
  },
} as unknown as Results;
