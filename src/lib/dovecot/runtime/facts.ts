/**
 * What a running Dovecot needs beyond the sums doveconf checks: which processes keep a connection
 * to `stats`, file descriptors per session, what systemd and the kernel allow a service to run,
 * the limit Debian's unit file already sets, and the memory measured per process and per TLS
 * session. Each fact carries its source; the numbers marked "assumed" are judgement, said so
 * wherever the widgets show them.
 */
import type {DovecotVersion} from '../../version';
import {MEASURED_TLS_SESSION_KIB} from '../measuredRss';

const CORE = 'https://github.com/dovecot/core/blob';

/** Where each fact comes from (dovecot/core at the tags Debian ships, systemd, the kernel). */
export const RUNTIME_SOURCES = {
  statsClient23: `${CORE}/2.3.19.1/src/lib-master/master-service.c`,
  statsClient24: `${CORE}/2.4.1/src/lib-master/master-service.c`,
  statsEnv23: `${CORE}/2.3.19.1/src/master/service-process.c`,
  statsListeners24: `${CORE}/2.4.1/src/stats/stats-settings.c`,
  unitFile23: `${CORE}/2.3.19.1/dovecot.service.in`,
  unitFile24: `${CORE}/2.4.1/dovecot.service.in`,
  tlsSocketpair: `${CORE}/2.4.1/src/login-common/client-common.c`,
  proxyConnect: `${CORE}/2.4.1/src/login-common/login-proxy.c`,
  fdCheck: `${CORE}/2.4.1/src/master/master-settings.c`,
  serviceMonitor: `${CORE}/2.4.1/src/master/service-monitor.c`,
  reusePort: `${CORE}/2.4.1/src/master/service-process.c`,
  cacheWorker: `${CORE}/2.4.1/src/auth/passdb-cache.c`,
  inotify: `${CORE}/2.4.1/src/lib/ioloop-notify-inotify.c`,
  kernelInotify: 'https://github.com/torvalds/linux/blob/v6.1/fs/notify/inotify/inotify_user.c',
  systemdTasks: 'https://github.com/systemd/systemd/blob/v252/src/basic/limits-util.c',
  systemdPidMax: 'https://github.com/systemd/systemd/blob/v252/sysctl.d/50-pid-max.conf',
  systemdDefaultTasksMax: 'https://www.freedesktop.org/software/systemd/man/252/systemd-system.conf.html',
  kernelThreadsMax: 'https://github.com/torvalds/linux/blob/v6.1/kernel/fork.c',
  hibernation23: 'https://doc.dovecot.org/2.3/configuration_manual/hibernation/',
  hibernation24: 'https://doc.dovecot.org/2.4.1/core/config/imap_hibernation.html',
} as const;

/**
 * Services whose processes do not connect to `stats`: they start with
 * MASTER_SERVICE_FLAG_DONT_SEND_STATS (grep of src/ at each tag; the master itself sets it too).
 * Every other process, login processes included (through `login/stats-writer` in their chroot),
 * opens one connection to stats-writer when it starts and keeps it until it exits
 * (master_service_init() in lib-master/master-service.c).
 */
export const NOT_STATS_CLIENTS: Readonly<Record<DovecotVersion, readonly string[]>> = {
  '2.3': ['anvil', 'config', 'ipc', 'log', 'old-stats', 'stats'],
  '2.4': ['anvil', 'config', 'log', 'stats'],
};

/** LimitNOFILE in dovecot.service as dovecot/core ships it (Debian 12 and 13 install it unchanged). */
export const UNIT_LIMIT_NOFILE = 65535;

/**
 * File descriptors one client connection keeps in a login process: a TLS session after login,
 * the client's socket plus the login process's end of the socketpair it relays over
 * (client_get_plaintext_fd() in login-common/client-common.c); a proxied session, the client's
 * socket plus the connection to the backend (login_proxy_connect(), net_connect_ip()). A
 * plaintext connection is handed to the mail process at login and leaves. Measured: 2.00 more
 * descriptors per session, direct or proxied, in a high-performance imap-login process holding
 * 200 TLS sessions in IDLE (2.3.19.1 and 2.4.1).
 */
export const LOGIN_FDS_PER_SESSION = 2;

/**
 * Descriptors a process has besides its clients: listeners, the master's status and log pipes,
 * config, stats, auth and anvil connections, its own files. Measured: 18 to 20 in
 * /proc/PID/fd of an imap-login process of 2.3.19.1 and 2.4.1 with one session; 64 leaves room
 * (assumed).
 */
export const BASE_FDS_PER_PROCESS = 64;

/**
 * systemd on Debian 12 (252) and 13: /usr/lib/sysctl.d/50-pid-max.conf sets kernel.pid_max to
 * 2^22 on 64-bit kernels, so it no longer bounds tasks; DefaultTasksMax is 15 % of the smallest
 * of kernel.threads-max, pid_max − 1 and the root cgroup's pids.max (system_tasks_max() in
 * src/basic/limits-util.c); the kernel sets threads-max to RAM / (8 × THREAD_SIZE), and
 * THREAD_SIZE is 16 KiB on x86-64, so RAM / 128 KiB (set_max_threads() in kernel/fork.c).
 */
export const TASKS = {
  pidMax: 4_194_304,
  defaultTasksMaxPercent: 15,
  bytesPerThread: 128 * 1024,
} as const;

/**
 * Memory a high-performance login process gains per TLS session it holds, in bytes: the slope of
 * one imap-login process's RSS over 0–150 logged-in TLS sessions, as `npm run measure` publishes
 * it (/measured#tls-session-memory, MEASURED_TLS_SESSION_KIB).
 */
export const TLS_SESSION_BYTES: Readonly<Record<DovecotVersion, number>> = {
  '2.3': Math.round(MEASURED_TLS_SESSION_KIB['2.3'] * 1024),
  '2.4': Math.round(MEASURED_TLS_SESSION_KIB['2.4'] * 1024),
};

/**
 * inotify instances the kernel allows one user by default (inotify_user_setup() in
 * fs/notify/inotify/inotify_user.c). Every imap process in IDLE holds one of its mail user's
 * (lib/ioloop-notify-inotify.c logs "Inotify instance limit for user … exceeded" past it).
 */
export const INOTIFY_DEFAULT_INSTANCES = 128;

/**
 * How long a new connection stays in its login process before it has logged in (assumed 2 s:
 * TLS handshake, capability exchange and an auth round trip, with a slow client).
 */
export const PRE_LOGIN_SECONDS = 2;

/**
 * Processes that run on demand besides the ones a load sizes (dict, indexer, imap-hibernate,
 * doveadm, …): room for them in the stats and task counts (assumed).
 */
export const OTHER_PROCESSES = 20;

/**
 * Headroom on every count sized from a peak: a peak estimate is an estimate (assumed 25 %).
 */
export const PEAK_HEADROOM = 1.25;

/**
 * The protocols Debian enables when every protocol package is installed (dovecot-imapd, -pop3d,
 * -lmtpd, -managesieved, -submissiond: /usr/share/dovecot/protocols.d/*.protocol), in the
 * generator's names (managesieve's protocol word is `sieve`). The same in Debian 12 and 13.
 */
export const FULL_PROTOCOLS = ['imap', 'pop3', 'lmtp', 'submission', 'managesieve'] as const;
export type Protocol = (typeof FULL_PROTOCOLS)[number];

/** The `protocols =` word of each protocol. */
export function protocolWord(p: Protocol): string {
  return p === 'managesieve' ? 'sieve' : p;
}

/** The login service of a protocol (lmtp has none). */
export function loginServiceOf(p: Protocol): string | null {
  return p === 'lmtp' ? null : `${p}-login`;
}
