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

