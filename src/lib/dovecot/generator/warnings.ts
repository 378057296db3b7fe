/**
 * Where the answers conflict or carry a risk, said once, with a link into the wiki. Also a
 * small check over any config tree for the one thing the generator itself never writes:
 * client_limit > 1 on a mail process.
 */
import type {DovecotVersion} from '../../version';
import {parseCount, settingName} from '../catalog';
import {MEASURED_BUILD} from '../measuredRss';
import {INOTIFY_DEFAULT_INSTANCES, roundUpTo, threadsMax} from '../runtime';
import type {ConfigTree} from '../conf';
import {SIZING, type Plan} from './sizing';
import type {FieldProblem, GeneratorWarning} from './types';

/** Pages and anchors the warnings link to (DESIGN.md site map). */
export const LINKS = {
  fourPatterns: '/services#four-patterns',
  serviceCount: '/services/service-count',
  clientLimit: '/services/client-limit',
  processLimit: '/services/process-limit',
  memory: '/services/memory-and-idle',
  loginProcesses: '/login-processes',
  authCache: '/auth-cache',
  generator: '/generator',
  processMinAvail: '/settings#process_min_avail',
  hibernate: '/services/memory-and-idle#imap-hibernate',
  tasks: '/services/process-limit#systemd-limits',
  proxy: '/login-processes#tls-proxying',
  vszLimit: '/settings#vsz_limit',
  configVersion: '/settings#dovecot_config_version',
} as const;

/** Services that run one user's mail session per connection and block on disk I/O. */
export const MAIL_PROCESS_SERVICES: readonly string[] = ['imap', 'pop3', 'lmtp', 'submission', 'managesieve'];

/**
 * client_limit > 1 on imap/pop3/lmtp/submission/managesieve in any tree (both the block form
 * `service imap { client_limit = 10 }` and 2.4's flat `service/imap/service_client_limit`).
 * "client_limit>1 ... shouldn't be used for imap/pop3/lmtp processes" (Timo Sirainen, 2012).
 */
export function mailClientLimitWarnings(version: DovecotVersion, tree: ConfigTree): GeneratorWarning[] {
  const out: GeneratorWarning[] = [];
  const name = settingName(version, 'client_limit', 'service');
  const check = (service: string, value: string) => {
    if (!MAIL_PROCESS_SERVICES.includes(service)) return;
    let n: number | 'unlimited';
    try {
      n = parseCount(value);
    } catch {
      return;
    }
    if (n === 'unlimited' || n > 1) {
      out.push({
        id: 'mail-client-limit',
        severity: 'danger',
        message: `service ${service} { client_limit = ${value} }: a ${service} process blocks on disk I/O and locks, so one slow mailbox would stall every other connection in the same process (Timo Sirainen, 2012: client_limit > 1 "shouldn't be used for imap/pop3/lmtp processes"). Keep client_limit = 1 and reuse processes with ${settingName(version, 'restart_request_count')} instead.`,
        link: LINKS.fourPatterns,
      });
    }
  };
  for (const node of tree.children) {
    if (node.kind === 'section' && node.type === 'service' && node.name) {
      for (const c of node.children) if (c.kind === 'setting' && c.key === name) check(node.name, c.value);
    } else if (node.kind === 'setting' && version === '2.4') {
      const m = /^service\/([^/]+)\/service_client_limit$/.exec(node.key);
      if (m) check(m[1], node.value);
    }
  }
  return out;
}

export function planWarnings(plan: Plan, problems: readonly FieldProblem[], tree: ConfigTree): GeneratorWarning[] {
  const i = plan.input;
  const v = i.version;
  const w: GeneratorWarning[] = [];
  const restartName = settingName(v, 'restart_request_count')!;

  for (const p of problems) {
    w.push({id: `input-${p.field}`, severity: 'warning', message: `${p.message}. The default was used instead.`, link: LINKS.generator});
  }

  w.push(...mailClientLimitWarnings(v, tree));

  const performance = i.mailReuse !== 'one' || i.loginMode === 'high-performance';
  if (performance && !i.authCache) {
    w.push({
      id: 'performance-without-cache',
      severity: 'warning',
      message:
        'Reused processes without an authentication cache: every login still goes to the passdb and userdb, which is usually the slower part. Timo Sirainen (2012): "Authentication cache is needed and login processes must be in high performance mode."',
      link: LINKS.authCache,
    });
  }
  if (i.loginMode === 'high-performance' && i.minAvail === 'off') {
    w.push({
      id: 'performance-without-min-avail',
      severity: 'warning',
      message: `High-performance login mode without process_min_avail: the docs set it to at least the number of CPU cores (${i.cores}), so connections are spread over that many long-running login processes from the start instead of piling onto the first one.`,
      link: LINKS.processMinAvail,
    });
  }
  if (i.mailReuse === 'unlimited') {
    w.push({
      id: 'unlimited-reuse',
      severity: 'warning',
      message: `Mail processes reused without limit (${restartName} = ${v === '2.3' ? '0' : 'unlimited'}): a process lives on with whatever earlier users' sessions left in memory, and a leak never ends. The 2012 message's advice is a bounded count ("restart process every N connections, just in case it leaks some memory"), e.g. ${restartName} = 100.`,
      link: LINKS.fourPatterns,
    });
  }
  if (i.mailReuse !== 'one') {
    w.push({
      id: 'reuse-isolation',
      severity: 'info',
      message: `Reused mail processes serve users one after another. Dovecot's default is one process per connection because "if there are any bugs in Dovecot, they might accidentally expose another user's email data to the wrong user" (Timo Sirainen, 2012). Choose it when forks are a measured cost.`,
      link: LINKS.fourPatterns,
    });
  }
  if (i.loginMode === 'high-performance') {
    w.push({
      id: 'login-isolation',
      severity: 'info',
      message: 'High-performance login processes handle many users\' logins and TLS sessions in one process: the docs note that an attacker who took over one could see other users\' logins.',
      link: LINKS.loginProcesses,
    });
  }
  // only login services get process_min_avail; with none (lmtp alone) there is nothing to exceed
  if (v === '2.4' && plan.minAvailValue === '%{system:cpu_count}' && plan.loginServices.length > 0) {
    const least = Math.min(...plan.loginServices.map((s) => plan.limits[s].process_limit as number));
    w.push({
      id: 'cpu-count-expansion',
      severity: 'warning',
      message: `doveconf expands %{system:cpu_count} on the machine that reads the file, not here: the check result depends on that machine. With more than ${least} CPUs there, process_min_avail would exceed the smallest login process_limit (${least}) and doveconf would stop with "process_min_avail is higher than process_limit".`,
      link: LINKS.processMinAvail,
    });
  }
  if (v === '2.4' && i.configVersion === '2.4.0' && i.protocols.includes('lmtp')) {
    w.push({
      id: 'lmtp-config-version',
      severity: 'info',
      message: 'With dovecot_config_version = 2.4.0, lmtp processes are reused without limit (restart_request_count = unlimited), so lmtp counts towards auth\'s client_limit; 2.4.1 and later restart them after every connection.',
      link: LINKS.configVersion,
    });
  }
  if (i.loginMode === 'high-security' && i.newPerSecond >= 50 * i.cores) {
    const forks = i.mailReuse === 'one' ? 2 * i.newPerSecond : i.newPerSecond;
    w.push({
      id: 'fork-rate',
      severity: 'info',
      message: `High-security login mode at ${i.newPerSecond} new connections per second forks about ${forks} processes per second on ${i.cores} cores (a login process per connection${i.mailReuse === 'one' ? ', and a mail process per login' : ''}). If that shows in the CPU load, the high-performance login mode removes the login forks.`,
      link: LINKS.loginProcesses,
    });
  }

  if (i.proxy && i.mailReuse !== 'one') {
    w.push({
      id: 'proxy-mail-reuse',
      severity: 'info',
      message: 'This server proxies: its sessions run in the backends\' mail processes, not here, so the mail process reuse answer is not used.',
      link: LINKS.proxy,
    });
  }
  if (i.proxy && i.loginMode === 'high-security') {
    const sessions = plan.loginServices.reduce((a, s) => a + (plan.atPeak.find((x) => x.service === s)?.processes ?? 0), 0);
    if (sessions > 1000) {
      w.push({
        id: 'proxy-high-security',
        severity: 'info',
        message: `A proxy in high-security login mode runs one login process for every session for its whole life: about ${sessions} login processes at the peak. High-performance mode holds the same sessions in a few processes.`,
        link: LINKS.loginProcesses,
      });
    }
  }

  // IDLE: every imap process waiting in IDLE holds an inotify instance of its mail user
  // (lib/ioloop-notify-inotify.c); the kernel allows 128 per user unless raised.
  if (!i.proxy && i.protocols.includes('imap') && i.peak.imap > INOTIFY_DEFAULT_INSTANCES) {
    const want = roundUpTo(Math.ceil(i.peak.imap * SIZING.connectionHeadroom) + INOTIFY_DEFAULT_INSTANCES, 1024);
    w.push({
      id: 'inotify',
      severity: 'info',
      message: `Each imap session waiting in IDLE holds an inotify instance of its mail user, and the kernel allows ${INOTIFY_DEFAULT_INSTANCES} per user by default. When all mail users share one UID (virtual users), the ${INOTIFY_DEFAULT_INSTANCES + 1}th logs "Inotify instance limit for user … exceeded, disabling" and falls back to checking the mailbox at intervals (mailbox_idle_check_interval). For ${i.peak.imap} sessions raise it: sysctl fs.inotify.max_user_instances=${want}.`,
      link: LINKS.hibernate,
    });
  }

  // Tasks: beyond kernel.threads-max no TasksMax helps.
  const threads = threadsMax(i.ramGiB);
  if (plan.tasks > threads) {
    w.push({
      id: 'threads-max',
      severity: 'danger',
      message: `${plan.tasks} processes at 1.25 × the peak exceed kernel.threads-max, which the kernel sets to RAM / 128 KiB = ${threads} for ${i.ramGiB} GiB: forks would fail whatever TasksMax says. Plan for less load per server, or raise kernel.threads-max with sysctl.`,
      link: LINKS.tasks,
    });
  }

  // Resident memory at the peak, from the RSS measured per process (an upper bound).
  {
    const gib = (b: number) => Math.round((b / 1024 ** 3) * 10) / 10;
    const mib = (b: number) => Math.round((b / 1024 ** 2) * 10) / 10;
    const total = plan.memory.total;
    const ramBytes = i.ramGiB * 1024 ** 3;
    const top = [...plan.memory.terms]
      .sort((a, b) => b.total - a.total)
      .slice(0, 3)
      .map((t) => `${t.service} ${t.processes} × ${mib(t.bytesEach)} MiB${t.sessions ? ` + ${t.sessions} sessions × ${Math.round(t.sessionBytes! / 1024)} KiB` : ''}${t.measuredAs ? ` (${t.measuredAs}'s figure)` : ''}`);
    w.push({
      id: 'memory-at-peak',
      // an upper bound (RSS counts shared pages in every process): a warning, never a verdict
      severity: total > 0.8 * ramBytes ? 'warning' : 'info',
      message: `About ${gib(total)} GiB resident at the peak on a ${i.ramGiB} GiB machine, from the RSS measured per process on Dovecot ${MEASURED_BUILD[v]} (largest: ${top.join('; ')}). RSS counts shared libraries in every process, so this is an upper bound; mailboxes larger than the measured ones use more.`,
      link: '/measured#memory',
    });
    const imap = plan.memory.terms.find((t) => t.service === 'imap');
    if (imap && imap.total >= 0.5 * total && total >= 0.5 * ramBytes) {
      w.push({
        id: 'hibernate',
        severity: 'info',
        message: `${imap.processes} imap processes hold ${gib(imap.total)} GiB of that. If most of these sessions sit in IDLE (phones and desktop clients waiting for new mail), imap_hibernate_timeout = ${SIZING.hibernateTimeout} hands a session that has been in IDLE that long to the imap-hibernate service, and its imap process (${mib(imap.bytesEach)} MiB) exits; it needs the imap-master socket set up as the hibernation docs show. A TLS session still keeps its login process.`,
        link: LINKS.hibernate,
      });
    }
  }

  // Address space: process_limit × vsz_limit is what the processes may reserve, not what they use.
  let bytes = 0;
  const sized = plan.sizedServices.map((s) => [s, plan.limits[s]] as const);
  for (const [, l] of sized) {
    if (l.process_limit === 'unlimited' || l.vsz_limit === 'unlimited') continue;
    bytes += l.process_limit * l.vsz_limit;
  }
  const gib = bytes / 1024 ** 3;
  const ramBytes = i.ramGiB * 1024 ** 3;
  if (bytes > ramBytes) {
    const biggest = sized
      .filter(([, l]) => l.process_limit !== 'unlimited' && l.vsz_limit !== 'unlimited')
      .map(([s, l]) => ({s, b: (l.process_limit as number) * (l.vsz_limit as number)}))
      .sort((a, b) => b.b - a.b)[0];
    w.push({
      id: 'address-space',
      severity: 'info',
      message: `The sized services at their process_limit, each process at its vsz_limit, could reserve ${Math.round(gib)} GiB of address space (largest: ${biggest.s}, ${Math.round(biggest.b / 1024 ** 3)} GiB) on a ${i.ramGiB} GiB machine. vsz_limit bounds address space per process, not RAM: real processes use a fraction of it, so this is no reason to lower the limits, but watch memory at peak.`,
      link: LINKS.memory,
    });
  }
  return w;
}
