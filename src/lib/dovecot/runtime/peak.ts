/**
 * What runs at a peak: from the services' effective limits and a load (sessions per protocol,
 * TLS share, proxying, logins per second), the processes each service has, and from those the
 * connections `stats` must take, the tasks systemd must allow, the file descriptors each process
 * needs and the resident memory. The generator and the calculator both size from here.
 */
import type {DovecotVersion} from '../../version';
import type {EffectiveLimits} from '../catalog';
import type {CheckedService} from '../rules';
import {measuredRssBytes} from '../measuredRss';
import {
  BASE_FDS_PER_PROCESS,
  FULL_PROTOCOLS,
  LOGIN_FDS_PER_SESSION,
  NOT_STATS_CLIENTS,
  OTHER_PROCESSES,
  PRE_LOGIN_SECONDS,
  TLS_SESSION_BYTES,
  type Protocol,
} from './facts';

/** A service as it runs: its effective limits as plain numbers (Infinity = no limit). */
export interface RunningService {
  name: string;
  /** `login`, `worker`, '' … as doveconf has it. */
  type: string;
  processLimit: number;
  clientLimit: number;
  /** min(client_limit, restart_request_count): connections one process holds at once. */
  clientsPerProcess: number;
  minAvail: number;
}

export interface PeakLoad {
  /** Simultaneous sessions per protocol (lmtp: deliveries). */
  sessions: Partial<Record<Protocol, number>>;
  /** Share of sessions that use TLS, 0 to 1. */
  tlsShare: number;
  /** proxy=y: every session stays in its login process and no mail process runs for it. */
  proxy: boolean;
  /**
   * New connections per second: one number counts for every protocol's login service (the
   * generator's rate over all protocols, a burst may hit any of them); a record, per protocol.
   */
  newPerSecond: number | Partial<Record<Protocol, number>>;
  /** auth-worker processes that may run (2.4: its process_limit; 2.3: min(auth_worker_max_count, it)). */
  authWorkers: number;
}

export interface ServiceAtPeak {
  service: string;
  processes: number;
  /** Connections held in its login processes (TLS or proxied sessions plus logins in progress). */
  held?: number;
  /** Why, in a few words with the numbers. */
  why: string;
}

const lim = (l: number | 'unlimited'): number => (l === 'unlimited' ? Infinity : l);

/** A service's running limits as doveconf's checks resolve them from a config (rules.ts). */
export function runningFromChecked(s: CheckedService): RunningService {
  // 2.3 service_count 0 and 2.4's unlimited (UINT_MAX) mean no limit on requests
  const restart = s.restart_request_count === 0 || s.restart_request_count >= 4_294_967_295 ? Infinity : s.restart_request_count;
  const clientLimit = s.client_limit_effective >= 4_294_967_295 ? Infinity : s.client_limit_effective;
  return {
    name: s.name,
    type: s.type,
    processLimit: s.process_limit >= 4_294_967_295 ? Infinity : s.process_limit,
    clientLimit,
    clientsPerProcess: Math.min(clientLimit, restart),
    minAvail: s.process_min_avail,
  };
}

/** A service's running limits from the catalog's effective limits. */
export function runningService(name: string, type: string, l: EffectiveLimits): RunningService {
  return {
    name,
    type,
    processLimit: lim(l.process_limit),
    clientLimit: lim(l.client_limit),
    clientsPerProcess: lim(l.clientsPerProcess),
    minAvail: l.process_min_avail,
  };
}

/** The protocol a login service (`imap-login`) or mail service (`imap`) serves sessions of. */
function protocolOfLogin(name: string): Protocol | null {
  const p = name.replace(/-login$/, '');
  return name.endsWith('-login') && (FULL_PROTOCOLS as readonly string[]).includes(p) ? (p as Protocol) : null;
}

function protocolOfMail(name: string): Protocol | null {
  return (FULL_PROTOCOLS as readonly string[]).includes(name) ? (name as Protocol) : null;
}

/** Connections held in a protocol's login processes at the load × scale. */
export function heldInLogin(p: Protocol, load: PeakLoad, scale = 1): number {
  if (p === 'lmtp') return 0;
  const s = (load.sessions[p] ?? 0) * scale;
  const staying = load.proxy ? s : s * load.tlsShare;
  const rate = typeof load.newPerSecond === 'number' ? load.newPerSecond : (load.newPerSecond[p] ?? 0);
  return Math.ceil(staying) + Math.ceil(rate * scale * PRE_LOGIN_SECONDS);
}

/** Processes of one service to hold `connections`, process_min_avail spare ones on top, capped at process_limit. */
function processesFor(s: RunningService, connections: number): number {
  const busy = connections <= 0 ? 0 : Number.isFinite(s.clientsPerProcess) ? Math.ceil(connections / s.clientsPerProcess) : 1;
  return Math.min(s.processLimit, busy + s.minAvail);
}

/**
 * Processes per service at the load × `scale` (1 = the peak as given; PEAK_HEADROOM for room
 * above it), each capped at its process_limit. process_min_avail counts processes with a free
 * slot (service-monitor.c), so they come on top of the full ones. The master (`dovecot`) and
 * OTHER_PROCESSES on-demand processes (`others`) are listed too.
 */
export function processesAtPeak(services: readonly RunningService[], load: PeakLoad, scale = 1): ServiceAtPeak[] {
  const out: ServiceAtPeak[] = [{service: 'dovecot', processes: 1, why: 'the master'}];
  for (const s of services) {
    const login = s.type === 'login' ? protocolOfLogin(s.name) : null;
    const mail = s.type === '' ? protocolOfMail(s.name) : null;
    if (login) {
      const held = heldInLogin(login, load, scale);
      out.push({service: s.name, processes: processesFor(s, held), held, why: `${held} connections held, ${fmtLimit(s.clientsPerProcess)} per process, + ${s.minAvail} spare`});
    } else if (mail) {
      const sessions = mail !== 'lmtp' && load.proxy ? 0 : Math.ceil((load.sessions[mail] ?? 0) * scale);
      out.push({service: s.name, processes: processesFor(s, sessions), why: mail !== 'lmtp' && load.proxy ? 'proxied: no mail process here' : `${sessions} sessions, ${fmtLimit(s.clientsPerProcess)} per process`});
    } else if (s.name === 'auth-worker') {
      out.push({service: s.name, processes: Math.min(s.processLimit, load.authWorkers), why: `up to ${load.authWorkers} workers`});
    } else if (['auth', 'anvil', 'config', 'log', 'stats'].includes(s.name)) {
      out.push({service: s.name, processes: 1, why: 'one process'});
    } else if (s.minAvail > 0) {
      out.push({service: s.name, processes: Math.min(s.processLimit, s.minAvail), why: 'process_min_avail'});
    }
  }
  out.push({service: 'others', processes: OTHER_PROCESSES, why: 'on-demand processes (dict, indexer, doveadm, …; assumed)'});
  return out.filter((x) => x.processes > 0);
}

function fmtLimit(n: number): string {
  return Number.isFinite(n) ? String(n) : 'unlimited';
}

/** Connections `stats` receives: one from every process except the master and NOT_STATS_CLIENTS. */
export function statsClients(version: DovecotVersion, atPeak: readonly ServiceAtPeak[]): number {
  const skip = new Set(['dovecot', ...NOT_STATS_CLIENTS[version]]);
  return atPeak.filter((x) => !skip.has(x.service)).reduce((a, x) => a + x.processes, 0);
}

/** Tasks in dovecot.service's cgroup: every process (Dovecot's processes are single-threaded). */
export function tasksAtPeak(atPeak: readonly ServiceAtPeak[]): number {
  return atPeak.reduce((a, x) => a + x.processes, 0);
}

export interface FdNeed {
  /** The largest need of one process (RLIMIT_NOFILE applies per process), and the master's check. */
  need: number;
  /** The service that sets it, or the master's check (`service X { client_limit }`). */
  because: string;
  /** need = clients × per client + base, in words. */
  formula: string;
}

/**
 * File descriptors the most demanding process needs: a login process holds LOGIN_FDS_PER_SESSION
 * per TLS or proxied session, auth one per auth-worker besides its clients, every other service
 * one per client; each process BASE_FDS_PER_PROCESS more. The master also wants ulimit -n ≥ the
 * largest client_limit (W3, master-settings.c); 2.3 counts default_client_limit there too.
 */
export function fdNeed(services: readonly RunningService[], load: PeakLoad, defaultClientLimit?: number): FdNeed {
  let best: FdNeed = {need: 0, because: '', formula: ''};
  const consider = (n: FdNeed) => {
    if (n.need > best.need) best = n;
  };
  if (defaultClientLimit !== undefined) consider({need: defaultClientLimit, because: 'default_client_limit', formula: `the master's check: default_client_limit ${defaultClientLimit}`});
  for (const s of services) {
    consider({need: s.clientLimit, because: `service ${s.name} { client_limit }`, formula: `the master's check: client_limit ${fmtLimit(s.clientLimit)}`});
    const perClient = s.type === 'login' && (load.proxy || load.tlsShare > 0) ? LOGIN_FDS_PER_SESSION : 1;
    const extra = s.name === 'auth' ? load.authWorkers : 0;
    const clients = s.clientsPerProcess;
    const need = clients * perClient + extra + BASE_FDS_PER_PROCESS;
    consider({
      need,
      because: `one ${s.name} process`,
      formula: `${fmtLimit(clients)} clients × ${perClient}${extra ? ` + ${extra} auth-workers` : ''} + ${BASE_FDS_PER_PROCESS}`,
    });
  }
  return best;
}

export interface MemoryTerm {
  service: string;
  processes: number;
  bytesEach: number;
  /** The process whose measured RSS stands in (`imap` for pop3), when not its own. */
  measuredAs?: string;
  /** TLS or proxied sessions held in long-running login processes (their growth). */
  sessions?: number;
  sessionBytes?: number;
  total: number;
}

/** Which measured process stands in for one that /measured did not measure. */
function standIn(service: string, type: string): string | null {
  if (type === 'login') return 'imap-login';
  if (protocolOfMail(service) || service.startsWith('imap-urlauth')) return 'imap';
  if (service === 'auth-worker') return 'auth';
  return null;
}

/**
 * Resident memory at the peak from the RSS measured per process (/measured): processes ×
 * their service's median RSS, plus TLS_SESSION_BYTES for each session a long-running login
 * process holds. RSS counts shared pages in every process, so this is an upper bound.
 */
export function memoryAtPeak(version: DovecotVersion, services: readonly RunningService[], atPeak: readonly ServiceAtPeak[]): {total: number; terms: MemoryTerm[]} {
  const byName = new Map(services.map((s) => [s.name, s]));
  const terms: MemoryTerm[] = [];
  for (const x of atPeak) {
    const s = byName.get(x.service);
    const own = measuredRssBytes(version, x.service);
    const alias = own === null ? standIn(x.service, s?.type ?? '') : null;
    const each = own ?? (alias ? measuredRssBytes(version, alias) : null);
    if (each === null) continue;
    const term: MemoryTerm = {service: x.service, processes: x.processes, bytesEach: each, total: x.processes * each, ...(alias ? {measuredAs: alias} : {})};
    if (s && s.type === 'login' && s.clientsPerProcess > 1 && x.held) {
      const sessionBytes = TLS_SESSION_BYTES[version];
      term.sessions = x.held;
      term.sessionBytes = sessionBytes;
      term.total += x.held * sessionBytes;
    }
    terms.push(term);
  }
  return {total: terms.reduce((a, t) => a + t.total, 0), terms};
}
