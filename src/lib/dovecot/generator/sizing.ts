/**
 * The sizing rules: from a (valid) GeneratorInput to a plan of settings that differ from the
 * built-in defaults, each with the rule and the numbers that produced it. Defaults, names and
 * the "no limit" spelling all come from the catalog; the sums doveconf checks (W1 auth, W2 anvil)
 * are computed here from the catalog's per-service defaults plus the planned overrides.
 *
 * Sources (see /work/shared/dovecot/FACTS.md, copied facts are cited by section):
 *  - login modes and their docs examples: FACTS §6; doc.dovecot.org login_processes (2.3, 2.4)
 *  - W1/W2: FACTS §4, src/master/master-settings.c master_settings_verify() (2.3.19.1) and
 *    master_settings_ext_check() (2.4.1)
 *  - the four process patterns: Timo Sirainen, dovecot list, 22 June 2012 (/services#four-patterns)
 *  - auth cache: FACTS §7, doc.dovecot.org authentication/caching; cache node layout in
 *    src/auth/auth-cache.h (prev/next pointers, created time, size, "key\0value\0")
 *  - stats clients, fds, tasks, memory at the peak: ../runtime (facts.ts cites dovecot/core,
 *    systemd and the kernel)
 */
import type {DovecotVersion} from '../../version';
import {
  effectiveLimits,
  getService,
  globalDefault,
  listServices,
  parseSize,
  processLimit1Services,
  serviceDefaults,
  type EffectiveLimits,
} from '../catalog';
import {
  OTHER_PROCESSES,
  PEAK_HEADROOM,
  PRE_LOGIN_SECONDS,
  defaultTasksMax,
  fdNeed,
  limitNofileFor,
  memoryAtPeak,
  processesAtPeak,
  runningService,
  statsClients,
  tasksAtPeak,
  tasksMaxFor,
  type FdNeed,
  type MemoryTerm,
  type PeakLoad,
  type RunningService,
  type ServiceAtPeak,
} from '../runtime';
import {hasSetting, minutesText, nameOf, noLimitText, roundUpTo, sizeText} from './format';
import {LOGIN_PROTOCOLS, type GeneratorInput, type GeneratorProtocol} from './types';

/** doveconf prints "1 hours"; prose says "1 hour". */
function timeInProse(value: string | null | undefined): string {
  return (value ?? '').replace(/^1 (\w+)s$/, '1 $1');
}

/**
 * The assumptions behind the numbers, in one place. Those marked (assumed) are judgement, not
 * measured Dovecot behaviour; the UI shows them with the explanations.
 */
export const SIZING = {
  /**
   * Headroom on connection counts (mail process_limit, high-security login process_limit, stats
   * client_limit, tasks): a peak estimate is an estimate (assumed 25 %).
   */
  connectionHeadroom: PEAK_HEADROOM,
  /**
   * High-performance login processes: the docs example's capacity is client_limit ×
   * process_limit; we keep twice the processes the peak needs (assumed), so one process reaching
   * client_limit never leaves clients without a free slot, plus the process_min_avail ones (the
   * master keeps that many with a free slot, service-monitor.c), and never fewer than the
   * built-in 100.
   */
  loginProcessHeadroom: 2,
  /** How long a new connection stays in its login process before it is logged in (assumed 2 s). */
  preLoginSeconds: PRE_LOGIN_SECONDS,
  /**
   * auth cache memory per user: a passdb entry with a SHA512-CRYPT hash (about 165 bytes: a
   * 32-byte header, the key and the 120-character hash, auth_cache_insert() in auth-cache.c)
   * and a userdb entry (114–130 bytes measured), about 300 bytes (/auth-cache#sizing); we allow
   * 3 × that for negative entries and longer replies, rounded to 1 KiB (SIGUSR2 to auth logs the
   * real size).
   */
  cacheDocsBytesPerUser: 300,
  cacheHeadroom: 3,
  cacheBytesPerUser: 1024,
  /** Address space the auth process needs besides its cache (assumed 128 MiB). */
  authBaseMiB: 128,
  /** A blocking passdb/userdb lookup (SQL, LDAP, PAM) takes up to this long (assumed 0.1 s). */
  authLookupSeconds: 0.1,
  /** Headroom on auth-worker processes. */
  authWorkerHeadroom: 2,
  /** vsz_limit for long-running login processes: the docs' high-performance example (both versions). */
  highPerformanceVsz: 1024 * 1024 * 1024,
  /** imap_hibernate_timeout suggested for IDLE-heavy loads (the docs' example is 5s; assumed 30s). */
  hibernateTimeout: '30s',
} as const;

export interface PlannedSetting {
  /** Catalog id (`restart_request_count`). */
  id: string;
  /** Name in the version (`service_count` in 2.3). */
  name: string;
  value: string;
  /** Short: the formula with the numbers (goes into the config as a comment). */
  comment: string;
  /** The rule, its source and the numbers (explanations, "copy as answer"). */
  why: string;
  /** A wiki page with anchor that works the rule out, when there is one besides /settings. */
  guide?: string;
}

export interface PlannedBlock {
  service: string;
  settings: PlannedSetting[];
}

export interface SumTerm {
  service: string;
  processLimit: number;
}

export interface Plan {
  input: GeneratorInput;
  /** The words of `protocols =` (managesieve's protocol is `sieve`). */
  protocolWords: string[];
  /** file form: dovecot_config_version, dovecot_storage_version (2.4) and protocols. */
  header: PlannedSetting[];
  /** auth_cache_* and (2.3) auth_worker_max_count. */
  globals: PlannedSetting[];
  blocks: PlannedBlock[];
  /** Services that run with these protocols (no protocol, or an enabled one). */
  enabledServices: string[];
  /** Effective limits of every enabled service with the plan applied. */
  limits: Record<string, EffectiveLimits>;
  w1: {sum: number; terms: SumTerm[]};
  w2: {sum: number; terms: SumTerm[]};
  largestClient: {service: string; limit: number};
  /** The load as the runtime model reads it. */
  load: PeakLoad;
  /** Every enabled service with the plan applied, as it runs. */
  running: RunningService[];
  /** Processes per service at the peak as given, and with the headroom. */
  atPeak: ServiceAtPeak[];
  atPeakWithHeadroom: ServiceAtPeak[];
  /** Connections stats receives at the peak with headroom. */
  statsClients: number;
  /** Processes (systemd tasks) at the peak with headroom, and systemd's default for the RAM. */
  tasks: number;
  defaultTasksMax: number;
  /** The most file descriptors one process needs, and why. */
  fd: FdNeed;
  /** What the drop-in writes: only values above what dovecot.service and systemd already give. */
  limitNofile?: number;
  tasksMax?: number;
  /** Resident memory at the peak (measured RSS per process; an upper bound). */
  memory: {total: number; terms: MemoryTerm[]};
  /** The services whose process_limit the generator decides. */
  sizedServices: string[];
  /** Login services of enabled protocols that the generator sizes. */
  loginServices: string[];
  /** Mail services whose reuse the input decides. */
  mailServices: string[];
  /** process_min_avail written on login services (a number or `%{system:cpu_count}`), if any. */
  minAvailValue?: string;
  /** The process_min_avail count assumed for sizing (the cores given). */
  minAvailCount: number;
}

/** The mail (post-login) services whose reuse the "mail process reuse" answer decides. */
const REUSED_MAIL_PROTOCOLS: readonly GeneratorProtocol[] = ['imap', 'pop3', 'submission', 'managesieve'];

const CPU_COUNT_VARIABLE = '%{system:cpu_count}';

/** On equal client_limits, name the service an admin knows (auth, anvil) as the largest. */
function interest(service: string): number {
  const i = ['auth', 'anvil'].indexOf(service);
  return i === -1 ? 2 : i;
}

function num(limit: number | 'unlimited', what: string): number {
  if (limit === 'unlimited') throw new Error(`internal: ${what} is unlimited`);
  return limit;
}

export function makePlan(input: GeneratorInput): Plan {
  const v: DovecotVersion = input.version;
  const opts = v === '2.4' ? {configVersion: input.configVersion} : undefined;
  const enabled = new Set<GeneratorProtocol>(input.protocols);
  const protocolOf = (p: GeneratorProtocol) => serviceDefaults(v, p, opts).protocol;
  const protocolWords = input.protocols.map(protocolOf);
  const words = new Set(protocolWords);
  const enabledServices = listServices(v).filter((s) => {
    const p = serviceDefaults(v, s, opts).protocol;
    return p === '' || words.has(p);
  });

  // Overrides per service, keyed by catalog id, in planning order.
  const overrides = new Map<string, Map<string, PlannedSetting>>();
  const set = (service: string, id: string, value: string, comment: string, why: string) => {
    if (!getService(v, service)) throw new Error(`internal: Dovecot ${v} has no service ${service}`);
    if (id === 'process_limit' && processLimit1Services(v).includes(service) && value !== '1') {
      throw new Error(`internal: ${service} must keep process_limit 1`);
    }
    if (!overrides.has(service)) overrides.set(service, new Map());
    overrides.get(service)!.set(id, {id, name: nameOf(v, id, 'service'), value, comment, why});
  };
  /** Limits of a service with the overrides planned so far (process_min_avail may be a variable). */
  const limitsOf = (service: string): EffectiveLimits => {
    const own: Record<string, string> = {};
    for (const s of overrides.get(service)?.values() ?? []) {
      if (s.id === 'process_min_avail' && !/^\d+$/.test(s.value)) continue;
      own[s.name] = s.value;
    }
    return effectiveLimits(v, service, {service: own}, opts);
  };
  const defaults = (service: string) => effectiveLimits(v, service, undefined, opts);

  const t = input.tlsPercent / 100;
  const preLogin = Math.ceil(input.newPerSecond * SIZING.preLoginSeconds);
  const restartName = nameOf(v, 'restart_request_count');
  const noLimit = noLimitText(v, 'restart_request_count');

  // --- process_min_avail for login services ------------------------------------------------------
  // Docs (login processes, both versions): process_min_avail avoids waiting for a fork; for the
  // high-performance mode set it to at least the number of CPU cores. 2.4 can write
  // %{system:cpu_count}, which doveconf expands on the machine that reads the file (FACTS §6).
  const minAvailCount = input.minAvail === 'off' ? 0 : input.cores;
  const minAvailValue =
    input.minAvail === 'off' ? undefined : input.minAvail === 'cpu_count' && v === '2.4' ? CPU_COUNT_VARIABLE : String(input.cores);

  // --- login services ------------------------------------------------------------------------------
  const loginServices = LOGIN_PROTOCOLS.filter((p) => enabled.has(p)).map((p) => `${p}-login`);
  for (const service of loginServices) {
    const p = service.replace(/-login$/, '') as GeneratorProtocol;
    const def = defaults(service);
    const peak = input.peak[p];
    // TLS sessions stay in the login process, which relays them; with proxy=y every session does.
    const staying = input.proxy ? peak : Math.ceil(peak * t);
    const need = staying + preLogin;
    const stayText = input.proxy ? `${peak} proxied sessions` : `${peak} peak × ${input.tlsPercent}% TLS = ${staying} TLS sessions`;
    const needText = `${stayText} + ${input.newPerSecond}/s × ${SIZING.preLoginSeconds} s = ${preLogin} still logging in: ${need} connections`;
    const why = input.proxy
      ? 'With proxy=y every session, plaintext or TLS, stays in its login process for its whole life.'
      : 'TLS connections stay in the login process for the whole session, which relays them.';
    const defLimit = num(def.process_limit, `${service} process_limit`);

    if (input.loginMode === 'high-performance') {
      set(
        service,
        'restart_request_count',
        noLimit,
        `high-performance login mode${noLimit === '0' ? ' (0 = no limit)' : ''}`,
        `High-performance login mode (Dovecot's login-process docs): a login process is reused for any number of connections and serves up to client_limit at once, so logins cost no fork. ${restartName} = ${noLimit} means no limit in ${v}. The cost: a compromised login process could see other users' logins.`,
      );
      // The master keeps process_min_avail processes with a free slot (service-monitor.c), so
      // those come on top of the full ones; and never below the built-in 100.
      const clientLimit = num(def.client_limit, `${service} client_limit`);
      const processesNeeded = Math.max(1, Math.ceil(need / clientLimit));
      const sized = processesNeeded * SIZING.loginProcessHeadroom + minAvailCount;
      const limit = Math.max(sized, defLimit);
      if (limit !== defLimit) {
        set(
          service,
          'process_limit',
          String(limit),
          `${need} conns / ${clientLimit} = ${processesNeeded}, ×${SIZING.loginProcessHeadroom} + ${minAvailCount} spare`,
          `Capacity is client_limit × process_limit (docs). ${why} ${needText}; / ${clientLimit} per process (client_limit) = ${processesNeeded} processes, ×${SIZING.loginProcessHeadroom} headroom, + ${minAvailCount} for process_min_avail (the master keeps that many processes with a free slot on top of the full ones) = ${sized}, above the default ${defLimit}.`,
        );
      }
      set(
        service,
        'vsz_limit',
        sizeText(SIZING.highPerformanceVsz),
        'many TLS sessions per process (docs example)',
        `A long-running login process holds the TLS state of up to client_limit connections; the docs' high-performance example raises vsz_limit to ${sizeText(SIZING.highPerformanceVsz)} (the default is 256M).`,
      );
    } else {
      // High-security: one process per connection (the built-in default, nothing to write for
      // the mode itself). The docs: process_limit must exceed the simultaneous SSL/TLS users,
      // because TLS proxying keeps the login process for the whole session. The
      // process_min_avail idle processes come on top of the busy ones (one connection per process).
      const sized = Math.ceil(need * SIZING.connectionHeadroom);
      const withSpares = need + minAvailCount;
      const limit = Math.max(sized, withSpares, defLimit);
      if (limit !== defLimit) {
        const spares = limit === withSpares && withSpares > sized;
        set(
          service,
          'process_limit',
          String(limit),
          spares
            ? `${need} conns + ${minAvailCount} idle (process_min_avail)`
            : `${staying} ${input.proxy ? 'proxied' : 'TLS sessions'} + ${preLogin} logging in = ${need}, ×${SIZING.connectionHeadroom} headroom`,
          `High-security login mode: one login process per connection (the docs: process_limit must exceed the simultaneous SSL/TLS users). ${why} ${needText}; ${spares ? `+ ${minAvailCount} idle processes kept by process_min_avail (one connection each) = ${withSpares}` : `×${SIZING.connectionHeadroom} headroom = ${sized}`}. The default is ${defLimit}.`,
        );
      }
    }
    if (minAvailValue !== undefined) {
      const isVar = minAvailValue === CPU_COUNT_VARIABLE;
      const performance = input.loginMode === 'high-performance';
      set(
        service,
        'process_min_avail',
        minAvailValue,
        isVar ? 'one per CPU, expanded where the file is read' : `${input.cores} CPU cores`,
        (isVar
          ? `One login process per CPU (docs: at least the number of CPU cores). doveconf expands ${CPU_COUNT_VARIABLE} on the machine that reads the file; it must stay below process_limit there.`
          : `${input.cores} login processes started ahead of demand; the docs advise at least one per CPU core (${input.cores} given).`) +
          (performance
            ? ' In high-performance mode the master counts processes that still have a free slot, not idle ones: it keeps this many able to accept, and starts another when one fills up. Without reuse_port the processes share one listening socket and the kernel hands each connection to whichever process accepts first; with reuse_port each has its own socket and the kernel spreads connections evenly.'
            : ' Each waits idle, so a new client does not wait for a fork.'),
      );
    }
  }

  // --- mail services ---------------------------------------------------------------------------
  // A proxy runs no imap, pop3, submission or managesieve process for its sessions: the backends do.
  const mailServices = input.proxy ? [] : REUSED_MAIL_PROTOCOLS.filter((p) => enabled.has(p));
  for (const service of mailServices) {
    const p = service as GeneratorProtocol;
    const def = defaults(service);
    if (input.mailReuse !== 'one') {
      const n = input.mailReuse === 'bounded' ? String(input.reuseCount) : noLimit;
      set(
        service,
        'restart_request_count',
        n,
        input.mailReuse === 'bounded'
          ? `fresh process after ${input.reuseCount} connections`
          : `reused without limit${n === '0' ? ' (0 = no limit)' : ''}`,
        input.mailReuse === 'bounded'
          ? `Reuse a ${service} process for ${input.reuseCount} connections, one after another (client_limit stays 1), then start a fresh one "just in case it leaks some memory" (Timo Sirainen, 2012). Saves forks; users follow one another in a process.`
          : `Reuse a ${service} process for any number of connections, one after another (client_limit stays 1). Saves forks, but a process lives on with whatever earlier sessions left in memory; Dovecot advises a bounded number instead.`,
      );
    }
    // client_limit stays 1: "client_limit>1 ... shouldn't be used for imap/pop3/lmtp processes"
    // (2012), since they block on disk I/O. So each concurrent connection needs one process.
    const peak = input.peak[p];
    const sized = Math.ceil(peak * SIZING.connectionHeadroom);
    const defLimit = num(def.process_limit, `${service} process_limit`);
    if (sized > defLimit) {
      set(
        service,
        'process_limit',
        String(sized),
        `${peak} peak × ${SIZING.connectionHeadroom} headroom`,
        `A ${service} process serves one connection at a time (client_limit 1: mail processes block on disk I/O, 2012 message), so the peak needs one process per connection: ${peak} × ${SIZING.connectionHeadroom} headroom = ${sized}, above the default ${defLimit}.`,
      );
    }
  }

  // --- lmtp: reuse is left at the version's default (2.3 and 2.4.0: unlimited; 2.4.1: 1) ---------
  if (enabled.has('lmtp')) {
    const def = defaults('lmtp');
    const peak = input.peak.lmtp;
    const sized = Math.ceil(peak * SIZING.connectionHeadroom);
    const defLimit = num(def.process_limit, 'lmtp process_limit');
    if (sized > defLimit) {
      set(
        'lmtp',
        'process_limit',
        String(sized),
        `${peak} peak deliveries × ${SIZING.connectionHeadroom} headroom`,
        `An lmtp process serves one delivery connection at a time (client_limit 1): ${peak} concurrent deliveries × ${SIZING.connectionHeadroom} headroom = ${sized}, above the default ${defLimit}.`,
      );
    }
  }

  // --- auth workers --------------------------------------------------------------------------------
  // Blocking passdb/userdb lookups run in auth-worker processes; by Little's law the concurrent
  // lookups are rate × duration. 2.3 caps them with auth_worker_max_count (30), 2.4 with
  // service auth-worker { process_limit } (30) (FACTS §3, §7).
  const globals: PlannedSetting[] = [];
  const workers = Math.ceil(input.newPerSecond * SIZING.authLookupSeconds * SIZING.authWorkerHeadroom);
  const workerFormula = `${input.newPerSecond}/s × ${SIZING.authLookupSeconds} s per lookup × ${SIZING.authWorkerHeadroom} headroom`;
  const workerWhy = `Blocking passdb/userdb lookups run in auth-worker processes; concurrent lookups = logins per second × lookup time: ${workerFormula} = ${workers}, above the default`;
  if (hasSetting(v, 'auth_worker_max_count')) {
    const defCount = Number(globalDefault(v, 'auth_worker_max_count'));
    if (workers > defCount) {
      globals.push({
        id: 'auth_worker_max_count',
        name: nameOf(v, 'auth_worker_max_count'),
        value: String(workers),
        comment: workerFormula,
        why: `${workerWhy} ${defCount}.`,
      });
      const defLimit = num(defaults('auth-worker').process_limit, 'auth-worker process_limit');
      if (workers > defLimit) {
        set(
          'auth-worker',
          'process_limit',
          String(workers),
          `room for auth_worker_max_count ${workers}`,
          `auth_worker_max_count (${workers}) cannot start more processes than the auth-worker service's process_limit (default ${defLimit}).`,
        );
      }
    }
  } else {
    const defLimit = num(defaults('auth-worker').process_limit, 'auth-worker process_limit');
    if (workers > defLimit) set('auth-worker', 'process_limit', String(workers), workerFormula, `${workerWhy} ${defLimit}.`);
  }

  /** auth-worker processes that may run: 2.3 caps them with auth_worker_max_count too. */
  const authWorkerCount = (): number => {
    const limit = num(limitsOf('auth-worker').process_limit, 'auth-worker process_limit');
    if (!hasSetting(v, 'auth_worker_max_count')) return limit;
    const planned = globals.find((g) => g.id === 'auth_worker_max_count')?.value;
    return Math.min(limit, Number(planned ?? globalDefault(v, 'auth_worker_max_count')));
  };

  // --- auth cache ------------------------------------------------------------------------------------
  if (input.authCache) {
    const bytes = input.cacheUsers * SIZING.cacheBytesPerUser;
    const size = sizeText(bytes);
    const mib = parseSize(size) as number;
    globals.push({
      id: 'auth_cache_size',
      name: nameOf(v, 'auth_cache_size'),
      value: size,
      comment: `${input.cacheUsers} users × 1 KiB (${SIZING.cacheDocsBytesPerUser} B × ${SIZING.cacheHeadroom} headroom)`,
      why: `${SIZING.cacheDocsBytesPerUser} bytes per user (a passdb entry with a SHA512-CRYPT hash and a userdb entry) × ${SIZING.cacheHeadroom} headroom for negative entries and longer userdb replies, rounded to 1 KiB per user: ${input.cacheUsers} users × 1 KiB, rounded up to whole MiB = ${size}. 0 (the default) turns the cache off; the 2012 message names the cache as needed under high load.`,
      guide: '/auth-cache#sizing',
    });
    const ttl = minutesText(input.cacheTtlMinutes);
    globals.push({
      id: 'auth_cache_ttl',
      name: nameOf(v, 'auth_cache_ttl'),
      value: ttl,
      comment: 'how long a successful lookup is reused',
      why: `A cached successful lookup is used for ${ttl} (default ${timeInProse(globalDefault(v, 'auth_cache_ttl'))}). Long TTLs are safe: a failed login after a cached success looks the user up again, so password changes are noticed.`,
    });
    const neg = minutesText(input.cacheNegativeTtlMinutes);
    globals.push({
      id: 'auth_cache_negative_ttl',
      name: nameOf(v, 'auth_cache_negative_ttl'),
      value: neg,
      comment: neg === '0' ? 'failed lookups are not cached' : 'how long "unknown user" is remembered',
      why:
        neg === '0'
          ? 'Failed lookups (unknown user, wrong password) are not cached.'
          : `A failed lookup (unknown user) is remembered for ${neg} (default ${timeInProse(globalDefault(v, 'auth_cache_negative_ttl'))}); a user created meanwhile cannot log in until it expires or the cache is flushed (SIGHUP to auth).`,
    });
    // A cache hit holds the password hash; without this the single auth process verifies every
    // one itself (passdb-cache.c: with it, a PASSW request goes to an auth-worker). Since 2.3.9.
    globals.push({
      id: 'auth_cache_verify_password_with_worker',
      name: nameOf(v, 'auth_cache_verify_password_with_worker'),
      value: 'yes',
      comment: 'hash checks of cache hits in auth-worker processes',
      why: `A cached entry holds the password hash, so every cache hit still verifies a password. By default the single auth process does that itself, and an expensive scheme (SHA512-CRYPT, BLF-CRYPT, ARGON2) then serialises all logins in it; with yes it sends the check to the auth-worker processes (passdb-cache.c in Dovecot 2.3.9 and later, default ${globalDefault(v, 'auth_cache_verify_password_with_worker')}).`,
      guide: '/auth-cache',
    });
    // The cache lives in the single auth process: keep its vsz_limit above cache + auth itself.
    const needMiB = mib / (1024 * 1024) + SIZING.authBaseMiB;
    const defVsz = defaults('auth').vsz_limit;
    if (defVsz !== 'unlimited' && needMiB * 1024 * 1024 > defVsz) {
      const vsz = sizeText(roundUpTo(needMiB, 64) * 1024 * 1024);
      set(
        'auth',
        'vsz_limit',
        vsz,
        `${size} cache + ${SIZING.authBaseMiB}M for auth itself`,
        `The cache lives in the auth process: ${size} cache + ${SIZING.authBaseMiB} MiB for auth itself = ${needMiB} MiB, rounded up to 64 MiB = ${vsz} (default ${sizeText(defVsz)}).`,
      );
    }
  }

  // --- W1: service auth { client_limit } -----------------------------------------------------------
  // doveconf (and the master) warn when auth's client_limit is below the sum of process_limit over
  // every enabled service that has a protocol and either is a login service or does not restart
  // after every connection (restart_request_count / service_count != 1); imap-hibernate excluded.
  // Every login service of an enabled protocol counts, including imap-urlauth-login (protocol imap).
  const w1Terms: SumTerm[] = [];
  for (const service of enabledServices) {
    const d = serviceDefaults(v, service, opts);
    if (d.protocol === '' || service === 'imap-hibernate') continue;
    const l = limitsOf(service);
    if (d.type === 'login' || l.restart_request_count !== 1) {
      w1Terms.push({service, processLimit: num(l.process_limit, `${service} process_limit`)});
    }
  }
  const w1 = w1Terms.reduce((a, b) => a + b.processLimit, 0);
  const authDefault = num(defaults('auth').client_limit, 'auth client_limit');
  if (w1 > authDefault) {
    set(
      'auth',
      'client_limit',
      String(w1),
      `${w1Terms.map((x) => `${x.service} ${x.processLimit}`).join(' + ')} = ${w1}`,
      `doveconf warns unless auth's client_limit covers the process_limit of every login service and every protocol service that does not restart after each connection: ${w1Terms.map((x) => `${x.service} ${x.processLimit}`).join(' + ')} = ${w1} (default ${authDefault}).`,
    );
  }

  // --- W2: service anvil { client_limit } -----------------------------------------------------------
  // 2 (the master's pipes) + process_limit of every enabled login service + auth's process_limit.
  const w2Terms: SumTerm[] = [];
  for (const service of enabledServices) {
    if (serviceDefaults(v, service, opts).type !== 'login') continue;
    w2Terms.push({service, processLimit: num(limitsOf(service).process_limit, `${service} process_limit`)});
  }
  w2Terms.push({service: 'auth', processLimit: num(limitsOf('auth').process_limit, 'auth process_limit')});
  const w2 = 2 + w2Terms.reduce((a, b) => a + b.processLimit, 0);
  const anvilDefault = num(defaults('anvil').client_limit, 'anvil client_limit');
  if (w2 > anvilDefault) {
    set(
      'anvil',
      'client_limit',
      String(w2),
      `2 + ${w2Terms.map((x) => `${x.service} ${x.processLimit}`).join(' + ')} = ${w2}`,
      `doveconf warns unless anvil's client_limit covers 2 + the process_limit of every login service + auth's: 2 + ${w2Terms.map((x) => `${x.service} ${x.processLimit}`).join(' + ')} = ${w2} (default ${anvilDefault}).`,
    );
  }

  // --- what the enabled services run with, and what the running master needs ------------------------
  const load: PeakLoad = {
    sessions: {...input.peak},
    tlsShare: t,
    proxy: input.proxy,
    newPerSecond: input.newPerSecond,
    authWorkers: authWorkerCount(),
  };
  const runningNow = () => enabledServices.map((s) => runningService(s, serviceDefaults(v, s, opts).type, limitsOf(s)));

  // stats: every process but the master, anvil, config, log and stats keeps a connection to it
  // (../runtime/facts.ts). Past its client_limit new processes wait 5 s for a handshake.
  {
    const clients = statsClients(v, processesAtPeak(runningNow(), load, SIZING.connectionHeadroom));
    const def = num(defaults('stats').client_limit, 'stats client_limit');
    if (clients > def) {
      set(
        'stats',
        'client_limit',
        String(clients),
        `${clients} processes at ${SIZING.connectionHeadroom} × the peak connect to stats`,
        `Every Dovecot process except the master, anvil, config and log keeps a connection to stats from its start to its exit, login processes included. At ${SIZING.connectionHeadroom} × the peak that is ${clients} processes (login, mail, lmtp, auth, auth-workers and ${OTHER_PROCESSES} on-demand ones such as dict and indexer); the default ${def} would make the master log "service(stats): client_limit (${def}) reached" and every new process wait 5 s for its stats handshake.`,
      );
    }
  }

  const limits: Record<string, EffectiveLimits> = {};
  let largestClient = {service: '', limit: 0};
  const byInterest = [...enabledServices].sort((a, b) => interest(a) - interest(b));
  for (const service of byInterest) {
    const l = limitsOf(service);
    limits[service] = l;
    const cl = l.client_limit === 'unlimited' ? Infinity : l.client_limit;
    if (cl > largestClient.limit) largestClient = {service, limit: cl};
  }
  const defaultClientLimit = v === '2.3' ? Number(globalDefault('2.3', 'default_client_limit')) : undefined;
  if (defaultClientLimit !== undefined && defaultClientLimit > largestClient.limit) {
    // 2.3's master also compares with default_client_limit.
    largestClient = {service: 'default_client_limit', limit: defaultClientLimit};
  }
  const running = runningNow();
  const atPeak = processesAtPeak(running, load);
  const atPeakWithHeadroom = processesAtPeak(running, load, SIZING.connectionHeadroom);
  const tasks = tasksAtPeak(atPeakWithHeadroom);
  const fd = fdNeed(running, load, defaultClientLimit);
  const limitNofile = limitNofileFor(fd.need) ?? undefined;
  const tasksMax = tasksMaxFor(tasks, input.ramGiB) ?? undefined;
  // The services whose process_limit the generator decides (imap-urlauth and its worker only run for URLAUTH).
  const sizedServices = enabledServices.filter((s) =>
    [...loginServices, 'imap-urlauth-login', ...mailServices, 'lmtp', 'auth', 'anvil', 'auth-worker'].includes(s),
  );

  const blocks: PlannedBlock[] = [];
  const order = [...loginServices, ...mailServices, 'lmtp', 'auth', 'auth-worker', 'anvil', 'stats'];
  const settingOrder = ['restart_request_count', 'process_limit', 'client_limit', 'process_min_avail', 'vsz_limit'];
  for (const service of order) {
    const o = overrides.get(service);
    if (!o) continue;
    blocks.push({service, settings: [...o.values()].sort((a, b) => settingOrder.indexOf(a.id) - settingOrder.indexOf(b.id))});
  }

  const header: PlannedSetting[] = [];
  if (input.output === 'file') {
    if (v === '2.4') {
      header.push({
        id: 'dovecot_config_version',
        name: nameOf(v, 'dovecot_config_version'),
        value: input.configVersion,
        comment: 'must be the first setting; pins the defaults',
        why: `Dovecot 2.4 needs dovecot_config_version as the first setting; it selects the defaults of that version (lmtp's restart_request_count is 1 from 2.4.1, unlimited with 2.4.0), which these values were computed for.`,
      });
      header.push({
        id: 'dovecot_storage_version',
        name: nameOf(v, 'dovecot_storage_version'),
        value: input.configVersion,
        comment: 'oldest version that must read the mail files',
        why: 'Required in 2.4: the oldest Dovecot version that must still read the mail files this server writes. The same as dovecot_config_version is the safe choice for a new server.',
      });
    }
    header.push({
      id: 'protocols',
      name: nameOf(v, 'protocols'),
      value: protocolWords.join(' '),
      comment: '',
      why: `Services of protocols not listed here do not run and doveconf skips their checks. managesieve's protocol word is "sieve".`,
    });
  }

  return {
    input,
    protocolWords,
    header,
    globals,
    blocks,
    enabledServices,
    limits,
    w1: {sum: w1, terms: w1Terms},
    w2: {sum: w2, terms: w2Terms},
    largestClient,
    load,
    running,
    atPeak,
    atPeakWithHeadroom,
    statsClients: statsClients(v, atPeakWithHeadroom),
    tasks,
    defaultTasksMax: defaultTasksMax(input.ramGiB),
    fd,
    ...(limitNofile !== undefined ? {limitNofile} : {}),
    ...(tasksMax !== undefined ? {tasksMax} : {}),
    memory: memoryAtPeak(v, running, atPeak),
    sizedServices,
    loginServices,
    mailServices,
    ...(minAvailValue !== undefined ? {minAvailValue} : {}),
    minAvailCount,
  };
}
