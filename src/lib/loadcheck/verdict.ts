/**
 * The verdict of one load check: what a run must show for a config to "hold its load", from what
 * the clients saw, the processes sampled and the master's log. Pure, so the rules are unit-tested
 * on real log lines and the site can say exactly what a pass means.
 *
 * Log lines, with where Dovecot prints them (dovecot/core, tags 2.3.19.1 and 2.4.1):
 *  - `service(NAME): process_limit (N) reached, client connections are being dropped` and the
 *    `client_limit (N)` variant: src/master/service-monitor.c service_log_drop_warning().
 *  - `Timeout waiting for handshake response`: src/lib-master/stats-client.c, after 5 s
 *    (STATS_CLIENT_TIMEOUT_MSECS in 2.3, STATS_CLIENT_HANDSHAKE_TIMEOUT_MSECS in 2.4) without an
 *    answer from the stats service; the process waits those 5 s before it serves anything, and
 *    the master, which counts a new process as available (service-process.c) and stops listening
 *    once it has created one (service-monitor.c service_accept()), starts no other meanwhile.
 *  - `net_connect_unix(PATH) failed`: stats-client.c, anvil-client.c, master-auth.c,
 *    master-login.c (a service's socket refused or missing).
 *  - `fd limit (ulimit -n) is lower than required under max. load`: src/master/master-settings.c
 *    (master only, at start); `Too many open files` is EMFILE from any process.
 */
import type {LoadClaim} from './claim';

/**
 * Login latency bound: p99 of connect → tagged OK of LOGIN, in ms. A process that waits for a
 * stats handshake stalls 5 s, so a run that hits the stats limit lands far above it, while a
 * healthy login on this two-core machine (fork, TLS handshake, SHA512-CRYPT) takes tens of ms.
 */
export const LOGIN_P99_BOUND_MS = 2000;

export type CheckId = 'logins' | 'held' | 'reached' | 'stats-handshake' | 'net-connect-unix' | 'fd' | 'latency' | 'process-limit' | 'tasks' | 'log' | 'run';

export interface Reason {
  check: CheckId;
  message: string;
  /** Log lines behind it (normalized: no time stamps or PIDs), at most a few. */
  lines?: string[];
}

export interface LogFindings {
  reached: string[];
  statsHandshake: string[];
  netConnectUnix: string[];
  fd: string[];
  /** Every other Warning, Error, Fatal or Panic line. */
  other: string[];
  /** How many lines matched each, before de-duplication. */
  counts: Record<'reached' | 'statsHandshake' | 'netConnectUnix' | 'fd' | 'other', number>;
}

/** Lines that every clean stop prints. */
const BENIGN = [/Killed with signal 15/, /Shutting down logging/];

const MAX_KEPT = 6;

/** The message of a log line without time stamp, PIDs, session ids and long numbers. */
export function normalizeLogLine(line: string): string {
  return line
    .replace(/^\w{3} +\d+ [\d:]+ /, '')
    .replace(/^\d{4}-\d\d-\d\d[ T][\d:.]+ /, '')
    .replace(/session=<[^>]*>/g, 'session=<>')
    .replace(/^([\w-]+)\(\d+\): /, '$1(PID): ')
    .replace(/\bpid=\d+/g, 'pid=N')
    .replace(/<\d+><[^>]*>/g, '<PID><>')
    .replace(/\bu\d{5}\b/g, 'USER')
    .replace(/\b(?:waited \d+\.\d+ secs)/g, 'waited N secs')
    .trim();
}

export function classifyLog(text: string): LogFindings {
  const f: LogFindings = {reached: [], statsHandshake: [], netConnectUnix: [], fd: [], other: [], counts: {reached: 0, statsHandshake: 0, netConnectUnix: 0, fd: 0, other: 0}};
  const keep = (k: keyof LogFindings['counts'], line: string) => {
    f.counts[k]++;
    const list = f[k];
    const msg = normalizeLogLine(line);
    if (list.length < MAX_KEPT && !list.includes(msg)) list.push(msg);
  };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (/\breached\b/.test(line) || /Connection queue full/.test(line)) keep('reached', line);
    else if (/Timeout waiting for handshake response/.test(line)) keep('statsHandshake', line);
    else if (/net_connect_unix\(.*\) failed/.test(line)) keep('netConnectUnix', line);
    else if (/fd limit \(ulimit -n\) is lower than required|Too many open files/.test(line)) keep('fd', line);
    else if (/: (Warning|Error|Fatal|Panic): /.test(line) && !BENIGN.some((re) => re.test(line))) keep('other', line);
  }
  return f;
}

export interface ClientSide {
  /** Sessions started. */
  started: number;
  /** Sessions whose LOGIN got a tagged OK. */
  loggedIn: number;
  /** Sessions that reached IDLE (`+ idling`). */
  idling: number;
  /** Sessions still open and answering DONE with OK at the end of the hold. */
  held: number;
  /** Failures by kind (connect, tls, greeting, login, select, idle, timeout, closed, dropped). */
  failures: Record<string, number>;
  failureSamples: string[];
  latencyMs: {p50: number | null; p95: number | null; p99: number | null; max: number | null; n: number};
}

export interface ProcessSide {
  /** Highest number of live processes of the whole tree in one sample. */
  peakProcesses: number;
  /** Highest count per service (process name) in one sample. */
  peakByService: Record<string, number>;
}

export interface Limits {
  /** Effective process_limit per service (services not listed are not checked). */
  processLimit: Record<string, number>;
  /** systemd TasksMax the config comes with, if any. */
  tasksMax?: number;
}

export interface Verdict {
  pass: boolean;
  reasons: Reason[];
}

/** Judge a run. `runError` is a failure of the run itself (the master did not start, the host ran short). */
export function judge(claim: LoadClaim, client: ClientSide, procs: ProcessSide, log: LogFindings, limits: Limits, runError?: string): Verdict {
  const reasons: Reason[] = [];
  if (runError) reasons.push({check: 'run', message: runError});
  if (client.loggedIn < claim.sessions || client.idling < claim.sessions) {
    const fails = Object.entries(client.failures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    reasons.push({
      check: 'logins',
      message: `${client.loggedIn} of ${claim.sessions} logins succeeded, ${client.idling} reached IDLE${fails ? ` (failures: ${fails})` : ''}`,
      lines: client.failureSamples.slice(0, 3),
    });
  } else if (client.held < claim.sessions) {
    reasons.push({check: 'held', message: `${claim.sessions - client.held} of ${claim.sessions} sessions were dropped while held open`, lines: client.failureSamples.slice(0, 3)});
  }
  if (log.reached.length) reasons.push({check: 'reached', message: `a limit was reached (${log.counts.reached} log lines)`, lines: log.reached});
  if (log.statsHandshake.length) {
    reasons.push({check: 'stats-handshake', message: `${log.counts.statsHandshake} processes waited 5 s for the stats handshake`, lines: log.statsHandshake});
  }
  if (log.netConnectUnix.length) {
    reasons.push({check: 'net-connect-unix', message: `${log.counts.netConnectUnix} connections to a service socket failed`, lines: log.netConnectUnix});
  }
  if (log.fd.length) reasons.push({check: 'fd', message: 'file descriptors: limit below need', lines: log.fd});
  const p99 = client.latencyMs.p99;
  if (p99 !== null && p99 > LOGIN_P99_BOUND_MS) {
    reasons.push({check: 'latency', message: `login latency p99 ${Math.round(p99)} ms is above the bound of ${LOGIN_P99_BOUND_MS} ms`});
  }
  for (const [service, limit] of Object.entries(limits.processLimit)) {
    const seen = procs.peakByService[service] ?? 0;
    if (seen > limit) reasons.push({check: 'process-limit', message: `${seen} ${service} processes seen, above its process_limit ${limit}`});
  }
  if (limits.tasksMax !== undefined && procs.peakProcesses > limits.tasksMax) {
    reasons.push({check: 'tasks', message: `${procs.peakProcesses} processes seen, above TasksMax=${limits.tasksMax}`});
  }
  if (log.other.length) reasons.push({check: 'log', message: `${log.counts.other} other warnings or errors in the log`, lines: log.other});
  return {pass: reasons.length === 0, reasons};
}
