/**
 * Recognisers for the log lines and doveconf messages about service limits (FACTS §4-5), in
 * both versions' wordings: each pulls out its numbers (service, limit, required value, counted
 * services), says what it means and gives the concrete fix and the /troubleshooting anchor.
 *
 * Linear time by construction: a recogniser first looks for a literal needle with indexOf, then
 * runs its regex (bounded quantifiers, none nested) on a window of at most MESSAGE_WINDOW
 * characters of the message.
 */
import type {DovecotVersion} from '../../version';
import {anchorFor, CHANGES_23_TO_24, getSettingDef} from '../catalog';
import {replacementIn24} from './upgrade24';
import {NAMES_ONLY_24} from './names';
import {addedAfter241} from './namesLater24';
import {troubleshootingLink, type TroubleshootingAnchor} from './anchors';
import {nameOf, raiseTo, ref, settingFix, vszTooLowFix, zeroFix} from './fixes';
import type {Fix, LogLine, RecognisedLog} from './types';

export const MESSAGE_WINDOW = 8000;

interface Recogniser {
  kind: string;
  /** Literal text the message must contain (cheap pre-check). */
  needle: string;
  re: RegExp;
  build(m: RegExpExecArray, log: LogLine, version: DovecotVersion): RecognisedLog;
}

const SVC = String.raw`service\(([^)\s]{1,64})\): `;
const INT = String.raw`(\d{1,10})`;

function int(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

function rec(
  kind: string,
  title: string,
  severity: RecognisedLog['severity'],
  meaning: string,
  extra: Partial<RecognisedLog> & {numbers?: RecognisedLog['numbers']},
): RecognisedLog {
  return {kind, title, severity, meaning, numbers: {}, ...extra};
}

function anchored(anchor: TroubleshootingAnchor): {anchor: TroubleshootingAnchor; link: string} {
  return {anchor, link: troubleshootingLink(anchor)};
}

/** Parses "service X { process_limit=N } + service Y { process_limit=M }". */
export function parseCounted(text: string): {service: string; process_limit: number}[] {
  const out: {service: string; process_limit: number}[] = [];
  const re = /service ([\w.-]{1,64}) \{ process_limit=(\d{1,10}) \}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < 200) out.push({service: m[1], process_limit: Number(m[2])});
  return out;
}

/** `service_count = 0` (2.3) / `restart_request_count = unlimited` (2.4). */
function noRestart(version: DovecotVersion): string {
  return `${nameOf(version, 'restart_request_count')} = ${version === '2.3' ? '0' : 'unlimited'}`;
}

function loginMode(version: DovecotVersion, service: string): string {
  const restart = nameOf(version, 'restart_request_count');
  return service.endsWith('-login')
    ? ` With \`${restart} = 1\` (the default, high-security mode) every connection that has not logged in yet, and every TLS connection being proxied, holds a whole process; with \`${noRestart(version)}\` each process serves up to client_limit connections.`
    : '';
}

const RECOGNISERS: readonly Recogniser[] = [
  {
    kind: 'process-limit-reached',
    needle: 'reached, client connections are being dropped',
    // 2.0 printed no number: `service(imap-login): process_limit reached, …`
    re: new RegExp(`${SVC}process_limit(?: \\(${INT}\\))? reached, client connections are being dropped`),
    build: (m, _log, v) => {
      const service = m[1];
      if (m[2] === undefined) {
        return rec('process-limit-reached', 'process_limit reached', 'warning',
          `Every ${service} process is busy and there are already process_limit of them, so the master stops accepting new connections for ${service} until one frees up. (Dovecot 2.0 words it without the number; from 2.1 on the line says which limit it reached.)${loginMode(v, service)}`,
          {numbers: {service}, fix: settingFix(v, service, 'process_limit', '',
            `Raise ${ref(v, service, 'process_limit')} above what it is now (\`doveconf -a\` shows it) so that it covers the connections ${service} must hold at peak.`),
          ...anchored('process-limit-reached')});
      }
      const limit = int(m[2]);
      const suggested = Math.max(limit * 2, limit + 1);
      return rec('process-limit-reached', 'process_limit reached', 'warning',
        `Every ${service} process is busy and there are already ${limit} of them (process_limit), so the master stops accepting new connections for ${service} until one frees up.${loginMode(v, service)}`,
        {numbers: {service, process_limit: limit}, fix: settingFix(v, service, 'process_limit', String(suggested),
          `Raise ${ref(v, service, 'process_limit')} above ${limit} (for example to ${suggested}) so that it covers the connections ${service} must hold at peak.`),
        ...anchored('process-limit-reached')});
    },
  },
  {
    kind: 'client-limit-restart-reached',
    needle: 'reached, client connections are being dropped',
    re: new RegExp(`${SVC}client_limit/(service_count|restart_request_count) \\(${INT}\\) reached, client connections are being dropped`),
    build: (m, _log, v) => {
      const service = m[1];
      const version: DovecotVersion = m[2] === 'service_count' ? '2.3' : '2.4';
      return rec('client-limit-restart-reached', `client_limit/${m[2]} reached`, 'warning',
        `${service} has process_limit 1 and each process serves one connection (${m[2]} = 1), so a second connection has to wait until the only process is free.`,
        {version, numbers: {service, [m[2]]: int(m[3])},
          fix: settingFix(v, service, 'process_limit', '2', `Raise ${ref(v, service, 'process_limit')} above 1, or let the process serve more connections (${ref(v, service, 'restart_request_count')}).`),
          ...anchored('client-limit-reached')});
    },
  },
  {
    kind: 'client-limit-reached',
    needle: 'reached, client connections are being dropped',
    re: new RegExp(`${SVC}client_limit(?: \\(${INT}\\))? reached, client connections are being dropped`),
    build: (m, _log, v) => {
      const service = m[1];
      if (m[2] === undefined) {
        return rec('client-limit-reached', 'client_limit reached', 'warning',
          `${service} runs a single process (process_limit 1) and it already serves client_limit connections, so new connections wait. (Dovecot 2.0 words it without the number.)`,
          {numbers: {service}, fix: settingFix(v, service, 'client_limit', '', `Raise ${ref(v, service, 'client_limit')} (and make sure \`ulimit -n\` covers it).`),
            ...anchored('client-limit-reached')});
      }
      const limit = int(m[2]);
      return rec('client-limit-reached', 'client_limit reached', 'warning',
        `${service} runs a single process (process_limit 1) and it already serves ${limit} connections (client_limit), so new connections wait.`,
        {numbers: {service, client_limit: limit}, fix: settingFix(v, service, 'client_limit', String(limit * 2),
          `Raise ${ref(v, service, 'client_limit')} above ${limit} (and make sure \`ulimit -n\` covers it).`),
        ...anchored('client-limit-reached')});
    },
  },
  {
    kind: 'connection-queue-full',
    needle: 'Connection queue full',
    re: /(Login aborted|Disconnected|Aborted login|BYE): ?Connection queue full(?: \(([^)\n]{0,300})\))?(?: \(([a-z_]{1,40})\))?/,
    build: (m, log, v) => {
      const is24 = m[1] === 'Login aborted' || (m[2] ?? '').startsWith('client_limit and process_limit was hit');
      const is23 = m[1] === 'Disconnected' || m[1] === 'Aborted login';
      const service = log.process && log.process.endsWith('-login') ? log.process : 'imap-login';
      const named = log.process && log.process.endsWith('-login') ? service : 'the login service (imap-login, pop3-login, …)';
      const secs = /no auth attempts in (\d{1,10}) secs/.exec(m[2] ?? '');
      const restart = nameOf(v, 'restart_request_count');
      const fix = settingFix(v, service, 'process_limit', '', `Raise ${ref(v, service, 'process_limit')} (one process per connection with \`${restart} = 1\`), or with \`${noRestart(v)}\` raise client_limit × process_limit to cover the connections at peak.`);
      return rec('connection-queue-full', 'Connection queue full', 'warning',
        `All processes of ${named} were full (client_limit and process_limit reached), so the login process dropped its oldest connection that had not logged in yet${secs ? ` (it had been connected ${secs[1]} s without trying to log in)` : ''}. The client saw "BYE Connection queue full".`,
        {...(is24 ? {version: '2.4' as const} : is23 ? {version: '2.3' as const} : {}),
          numbers: {service, ...(secs ? {seconds: Number(secs[1])} : {})}, fix, ...anchored('connection-queue-full')});
    },
  },
  {
    kind: 'auth-client-limit-warning',
    needle: 'service auth { client_limit=',
    // 2.2 to 2.3.15 stop after the number; 2.3.16 added the "Counted …" list
    re: new RegExp(`service auth \\{ client_limit=${INT} \\} is lower than required under max\\. load \\(${INT}\\)(?:\\. Counted for protocol services with (service_count|restart_request_count) != 1: (.{0,7000}))?`),
    build: (m, _log, v) => {
      const [limit, required] = [int(m[1]), int(m[2])];
      const counted = m[4] === undefined ? undefined : parseCounted(m[4]);
      const what = counted
        ? 'Each counted process'
        : `Each process of a login service, and of a protocol service with ${nameOf(v, 'restart_request_count')} other than 1, counted by its process_limit (this 2.2 to 2.3.15 wording does not list them),`;
      return rec('auth-client-limit-warning', 'auth client_limit too low', 'warning',
        `${what} can hold a connection to the auth service at the same time; at full load that is ${required} connections, but auth accepts only ${limit}. Logins would then wait or fail.`,
        {version: m[3] === 'restart_request_count' ? '2.4' : '2.3', numbers: {client_limit: limit, required}, ...(counted ? {counted} : {}),
          fix: raiseTo(v, 'auth', 'client_limit', required), ...anchored('auth-client-limit-warning')});
    },
  },
  {
    kind: 'anvil-client-limit-warning',
    needle: 'service anvil { client_limit=',
    re: new RegExp(`service anvil \\{ client_limit=${INT} \\} is lower than required under max\\. load \\(${INT}\\)(?:\\. Counted with: (.{0,7000}))?`),
    build: (m, _log, v) => {
      const [limit, required] = [int(m[1]), int(m[2])];
      return rec('anvil-client-limit-warning', 'anvil client_limit too low', 'warning',
        `Every login process and the auth process keep a connection to anvil (plus 2 for the master); at full load that is ${required}, but anvil accepts only ${limit}.${m[3] === undefined ? ' (This 2.2 to 2.3.15 wording does not list the services counted.)' : ''}`,
        {...(m[3] === undefined ? {version: '2.3' as const} : {}), numbers: {client_limit: limit, required}, ...(m[3] === undefined ? {} : {counted: parseCounted(m[3])}),
          fix: raiseTo(v, 'anvil', 'client_limit', required), ...anchored('anvil-client-limit-warning')});
    },
  },
  {
    kind: 'fd-limit',
    needle: 'fd limit (ulimit -n) is lower than required',
    re: new RegExp(`fd limit \\(ulimit -n\\) is lower than required under max\\. load \\(${INT} < ${INT}\\), because of (?:service ([\\w.-]{1,64}) \\{ client_limit \\}|(default_client_limit))`),
    build: (m, _log, v) => {
      const [have, need] = [int(m[1]), int(m[2])];
      const service = m[3];
      const fix: Fix = {
        text: `Raise the open-files limit of the dovecot master to at least ${need} (systemd: \`LimitNOFILE=${need}\` in a drop-in for dovecot.service; otherwise \`ulimit -n ${need}\`), or lower ${service ? ref(v, service, 'client_limit') : '`default_client_limit`'}.`,
        value: String(need),
      };
      if (service) fix.calculator = {version: v, service, settings: {client_limit: String(need)}};
      return rec('fd-limit', 'fd limit too low', 'warning',
        `One process may need a file descriptor per client: ${service ? `service ${service} allows ${need} clients per process` : `default_client_limit is ${need}`}, but the master runs with ulimit -n ${have}. Past ${have} open files accept() and open() fail.`,
        {numbers: {fd_limit: have, required: need, ...(service ? {service} : {because: 'default_client_limit'})}, fix, ...anchored('fd-limit')});
    },
  },
  {
    kind: 'process-min-avail-higher',
    needle: 'process_min_avail is higher than process_limit',
    re: new RegExp(`${SVC}process_min_avail is higher than process_limit`),
    build: (m, _log, v) => rec('process-min-avail-higher', 'process_min_avail higher than process_limit', 'error',
      `doveconf refuses the config: ${m[1]} is asked to keep more processes ready (process_min_avail) than it may run at all (process_limit).`,
      {numbers: {service: m[1]}, fix: settingFix(v, m[1], 'process_min_avail', '', `Lower ${ref(v, m[1], 'process_min_avail')} to at most its process_limit, or raise ${ref(v, m[1], 'process_limit')}.`),
        ...anchored('process-min-avail-higher')}),
  },
  {
    kind: 'process-limit-must-be-1',
    needle: 'process_limit must be 1',
    re: new RegExp(`${SVC}process_limit must be 1`),
    build: (m, _log, v) => rec('process-limit-must-be-1', 'process_limit must be 1', 'error',
      `${m[1]} keeps shared state in one process, so doveconf refuses any process_limit other than 1 for it.`,
      {numbers: {service: m[1], required: 1}, fix: settingFix(v, m[1], 'process_limit', '1', `Remove \`process_limit\` from \`service ${m[1]}\` (its default is 1) or set it to 1.`),
        ...anchored('process-limit-must-be-1')}),
  },
  {
    kind: 'vsz-limit-too-low',
    needle: 'vsz_limit is too low',
    re: new RegExp(`${SVC}vsz_limit is too low( \\(did you mean "unlimited"\\?\\))?`),
    build: (m, _log, v) => rec('vsz-limit-too-low', 'vsz_limit too low', 'error',
      `A vsz_limit under 1 MiB cannot run any process${m[2] ? '; 2.4 also refuses 0, which meant "no limit" in 2.3' : ''}.`,
      {...(m[2] ? {version: '2.4' as const} : {}), numbers: {service: m[1], minimum: '1 M'},
        // the form without "(did you mean ...)" is 2.3's, whatever version is selected
        fix: vszTooLowFix(m[2] ? v : '2.3', m[1]),
        ...anchored('vsz-limit-too-low')}),
  },
  {
    kind: 'must-be-higher-than-0',
    needle: 'must be higher than 0',
    re: new RegExp(`${SVC}(process_limit|client_limit|restart_request_count|idle_kill_interval) must be higher than 0`),
    build: (m) => rec('must-be-higher-than-0', `${m[2]} must be higher than 0`, 'error',
      `Dovecot 2.4 refuses 0 for ${m[2]}. In 2.3, 0 meant ${m[2] === 'restart_request_count' ? '"no limit"' : '"use the default"'}.`,
      {version: '2.4', numbers: {service: m[1], setting: m[2]}, fix: zeroFix('2.4', m[1], m[2]), ...anchored('must-be-higher-than-0')}),
  },
  {
    kind: 'error-83-out-of-memory',
    needle: 'returned error 83',
    // 2.0: `(Out of memory (vsz_limit=256 MB, you may …`; 2.1 on: `(service imap { vsz_limit=256 MB }, …`
    // documentation quotes it with "child ..." for the pid
    re: new RegExp(`${SVC}child (\\d{1,10}|\\.\\.\\.|…) returned error 83(?: \\(Out of memory \\((?:service ([^\\s{]{1,64}) \\{ )?vsz_limit=(\\d{1,12}) MB)?`),
    build: (m, _log, v) => {
      const service = m[1];
      const mb = m[4] === undefined ? undefined : int(m[4]);
      const fix = mb === undefined
        ? settingFix(v, service, 'vsz_limit', '', `Raise ${ref(v, service, 'vsz_limit')}.`)
        : settingFix(v, service, 'vsz_limit', `${mb * 2}M`, `Raise ${ref(v, service, 'vsz_limit')} above ${mb} MB, for example to ${mb * 2}M.`);
      return rec('error-83-out-of-memory', 'Out of memory (error 83)', 'error',
        `A ${service} process${/^\d/.test(m[2]) ? ` (pid ${m[2]})` : ''} ran out of memory: usually it hit its vsz_limit${mb !== undefined ? ` of ${mb} MB` : ''} (address space, not resident memory), occasionally the machine itself was out of memory.`,
        {numbers: {service, ...(/^\d/.test(m[2]) ? {pid: int(m[2])} : {}), ...(mb !== undefined ? {vsz_limit_mb: mb} : {})}, fix, ...anchored('error-83-out-of-memory')});
    },
  },
  {
    kind: 'mmap-cannot-allocate',
    needle: 'Cannot allocate memory',
    re: /mmap\((?:size=(\d{1,20}|[^)\n]{0,20}))?\) failed with file ([^\n]{1,1000}?): Cannot allocate memory/,
    build: (m, log, v) => {
      const size = m[1] === undefined || !/^\d+$/.test(m[1]) ? undefined : Number(m[1]);
      const file = m[2];
      const service = log.process && /^[a-z][a-z0-9-]{0,63}$/.test(log.process) && log.process !== 'master' ? log.process : 'imap';
      const mib = size === undefined ? undefined : Math.ceil(size / 1048576);
      // the file's mapping comes on top of what the process already uses (the default limit is 256M)
      const suggested = mib === undefined ? undefined : `${Math.max(512, Math.ceil((mib + 256) / 256) * 256)}M`;
      const cache = file.endsWith('dovecot.index.cache');
      return rec('mmap-cannot-allocate', 'mmap() failed: Cannot allocate memory', 'error',
        `A ${service} process could not map ${cache ? 'the mailbox\'s cache file' : 'an index file'} into memory${mib !== undefined ? ` (${mib} MiB)` : ''}: mapping a file takes address space, and the process reached its vsz_limit (or, rarely, the machine is out of memory). ${cache ? 'Large cache files come with large mailboxes; the mailbox stays usable, only slower, until the limit allows the mapping.' : ''}`.trim(),
        {numbers: {service, ...(size !== undefined ? {size} : {}), file},
          fix: settingFix(v, service, 'vsz_limit', suggested ?? '',
            suggested ? `Raise ${ref(v, service, 'vsz_limit')} so that the ${mib} MiB file fits next to what the process already uses, for example to ${suggested}.` : `Raise ${ref(v, service, 'vsz_limit')}.`),
          link: '/services/memory-and-idle#vsz-limit-reached'});
    },
  },
  {
    kind: 'initial-status-timeout',
    needle: 'Initial status notification not received',
    re: new RegExp(`(?:${SVC})?Initial status notification not received in ${INT} seconds, killing the process`),
    build: (m) => {
      const service = m[1];
      return rec('initial-status-timeout', 'Initial status notification not received', 'error',
        `A new ${service ?? ''} process did not tell the master it was ready within ${m[2]} seconds of starting, so the master killed it with SIGKILL (the "killed with signal 9" line that follows). It hung while starting up: the machine was overloaded (many processes starting at once, swapping), or the process waited on something that did not answer (the config, auth, log or stats socket, DNS).`.replace('  ', ' '),
        {numbers: {...(service ? {service} : {}), seconds: int(m[2])},
          fix: {text: `Look at what ${service ?? 'the process'} logged just before, and at the machine's load at that time; if many processes start at once, lower process_min_avail or spread the start. Raising a limit does not help here.`, ...(service ? {service} : {})}});
    },
  },
  {
    kind: 'userip-connections-exceeded',
    needle: 'Maximum number of connections from user+IP exceeded',
    // 2.0 printed it without the setting and its value
    re: new RegExp(`Maximum number of connections from user\\+IP exceeded(?: \\(mail_max_userip_connections=${INT}\\))?`),
    build: (m, log) => {
      const n = m[1] === undefined ? undefined : int(m[1]);
      const protocol = log.process?.replace(/-login$/, '') ?? 'imap';
      const more = n === undefined ? 20 : n * 2;
      return rec('userip-connections-exceeded', 'Maximum number of connections from user+IP exceeded', 'warning',
        `The user already had ${n ?? 'mail_max_userip_connections (default 10)'} ${protocol} sessions open from the same IP address (mail_max_userip_connections), so this login was refused. This is a per-user limit, not a capacity one: a mail client opening one connection per folder, several devices behind one NAT address, or connections left over from a client that lost its network.`,
        {numbers: {...(n !== undefined ? {mail_max_userip_connections: n} : {}), protocol},
          fix: {text: `If the user's clients legitimately need more, raise it for that protocol: \`protocol ${protocol} { mail_max_userip_connections = ${more} }\`; otherwise limit the client's connections (e.g. Thunderbird's "maximum number of server connections to cache").`, setting: 'mail_max_userip_connections', value: String(more)},
          link: '/services/client-limit#mail-max-userip-connections'});
    },
  },
  {
    kind: 'signal-sent-to-processes',
    needle: 'SIG',
    re: /(?:Sent|sent) (SIGTERM|SIGKILL) to (\d{1,10}) (?:([\w.-]{1,64}) )?processes/,
    build: (m) => {
      const [signal, count, service] = [m[1], int(m[2]), m[3]];
      const who = service ? `${count} ${service} processes` : `${count} processes`;
      return rec('signal-sent-to-processes', `Sent ${signal} to processes`, signal === 'SIGKILL' ? 'warning' : 'info',
        signal === 'SIGKILL'
          ? `Dovecot was stopped or reloaded, and ${who} had not exited after SIGTERM, so the master killed them. Their clients were disconnected; each killed process is logged as "killed with signal 9". A few at a restart with many connected clients is normal; processes that never exit are stuck (often on slow storage such as NFS).`
          : `Dovecot was stopped or reloaded, and the master asked ${who} to exit (SIGTERM). If they do not exit in time, SIGKILL follows.`,
        {numbers: {signal, processes: count, ...(service ? {service} : {})},
          ...(signal === 'SIGKILL' ? {fix: {text: 'Nothing to change if it happens only at restarts. To keep logged-in sessions across a reload, set `shutdown_clients = no`; if processes hang, see what they wait on (strace, storage).', setting: 'shutdown_clients'}} : {})});
    },
  },
  {
    kind: 'child-killed-with-signal',
    needle: 'killed with signal',
    re: new RegExp(`${SVC}child ${INT} killed with signal ${INT}`),
    build: (m) => {
      const [service, pid, signal] = [m[1], int(m[2]), int(m[3])];
      const meaning: Record<number, string> = {
        9: `The ${service} process (pid ${pid}) was killed with SIGKILL, which it cannot catch. By the master after "Initial status notification not received" or after "Sent SIGKILL to … processes" at a restart; otherwise by the kernel's OOM killer (\`dmesg\` then shows "Out of memory: Killed process ${pid}"), by systemd stopping the service, or by an admin.`,
        11: `The ${service} process (pid ${pid}) crashed (SIGSEGV): a bug in Dovecot or a plugin. The lines before it in the log usually show what it was doing; a core dump and backtrace are what the developers need.`,
        6: `The ${service} process (pid ${pid}) aborted (SIGABRT), normally right after logging a Panic: the Panic line before it says why.`,
        7: `The ${service} process (pid ${pid}) got SIGBUS: usually a mapped index file shrank or its storage failed under it.`,
        15: `The ${service} process (pid ${pid}) was stopped with SIGTERM, normally at a restart or reload.`,
      };
      return rec('child-killed-with-signal', `child killed with signal ${signal}`, signal === 15 ? 'info' : 'error',
        meaning[signal] ?? `The ${service} process (pid ${pid}) was killed with signal ${signal}.`,
        {numbers: {service, pid, signal},
          ...(signal === 9 ? {fix: {text: `Find who sent it: the master's own lines just before (timeouts, restarts), \`dmesg\` or the journal for the OOM killer. If it is the OOM killer, the machine needs more memory or fewer ${service} processes (process_limit, vsz_limit).`, service}} : {})});
    },
  },
  {
    kind: 'obsolete-setting',
    needle: 'Obsolete setting in ',
    re: /Obsolete setting in ([^\n]{1,500}?):(\d{1,7}): ([^\n]{1,500})/,
    build: (m) => {
      const [file, line, what] = [m[1], int(m[2]), m[3].trim()];
      const old = /^([a-z_]{1,64})/.exec(what)?.[1] ?? '';
      const service = /has been replaced by service (?:([a-z-]{1,64}) )?\{ ([a-z_]{1,64}) \}/.exec(what);
      let meaning = `doveconf still reads ${old || 'this setting'} at ${file} line ${line}, but the name is from Dovecot 1.x or 2.0: ${what}. Dovecot 2.4 refuses it ("Unknown setting").`;
      let fix: Fix = {text: `Replace it as the warning says; \`doveconf -Pn > dovecot-new.conf\` writes the whole configuration with the new names.`};
      const plain = / has been (?:replaced by|renamed to) ([a-z_]{1,64})(?: = <file)?$/.exec(what);
      const protocol = /^'(imaps|pop3s)' protocol/.exec(what);
      if (plain) fix = {text: `Write \`${plain[1]}\` instead of \`${old}\`${what.endsWith('<file') ? ' (with `<` before the path)' : ''}${old === 'ssl_protocols' ? ', with the lowest protocol to allow (e.g. `ssl_min_protocol = TLSv1.2`)' : ''}.`, setting: plain[1]};
      else if (protocol) {
        meaning = `'${protocol[1]}' in protocols is Dovecot 1.x: since 2.0 TLS is a listener of ${protocol[1].slice(0, 4)}-login (\`inet_listener ${protocol[1]}\` with \`ssl = yes\`), not a protocol. 2.3 drops it with this warning; 2.4 stops with "protocols: Unknown protocol: ${protocol[1]}".`;
        fix = {text: `Remove \`${protocol[1]}\` from \`protocols\`${what.includes('can no longer be specified') ? ` and add \`${protocol[1].slice(0, 4)}\`` : ''}.`, setting: 'protocols'};
      }
      // Debian's conf.d puts a protocol's settings in 20-imap.conf etc., inside `protocol imap { }`
      const fileProtocol = /\b\d\d-(imap|pop3|managesieve)\.conf$/.exec(file)?.[1];
      let only: string | undefined;
      if (service) {
        only = service[1] ?? (fileProtocol && /^(login_|mail_|max_mail)/.test(old) ? `${fileProtocol}${old.startsWith('login_') ? '-login' : ''}` : undefined);
        const target = only ? `service ${only}${service[1] ? '' : ` (${file.replace(/^.*\//, '')} holds protocol ${fileProtocol}'s settings)`}` : /^login_/.test(old) ? 'service imap-login, service pop3-login (and the other -login services you run)' : /^(mail_|max_mail)/.test(old) ? 'service imap and service pop3 (the mail processes)' : 'the service';
        meaning = `${old} at ${file} line ${line} is a Dovecot 1.x setting. 2.x reads it as \`${service[2]}\` in ${target}, and warns; 2.4 refuses it ("Unknown setting: ${old}").`;
        fix = {text: `Delete \`${old}\` and write \`${service[2]} = …\` in ${target}${old.endsWith('_size') ? ' (the old value was megabytes: 256 becomes `256M`)' : ''}.`, setting: service[2], ...(only ? {service: only} : {})};
      }
      return rec('obsolete-setting', `Obsolete setting: ${old || what.slice(0, 60)}`, 'warning', meaning,
        // 2.4 prints only "has been renamed to" (renames between 2.4.x config versions)
        {...(/ has been renamed to /.test(what) ? {} : {version: '2.3' as const}), numbers: {file, line, ...(old ? {setting: old} : {}), ...(only ? {service: only} : {})}, fix, ...(service && anchorFor(service[2]) ? {link: `/settings#${anchorFor(service[2])}`} : {})});
    },
  },
  {
    kind: 'clean-config-note',
    needle: 'You can get a new clean config file with',
    re: /NOTE: You can get a new clean config file with: doveconf -Pn > ([^\s]{1,200})/,
    build: (m) => rec('clean-config-note', 'doveconf -Pn writes a clean config', 'info',
      `doveconf prints this once before its "Obsolete setting" warnings: \`doveconf -Pn > ${m[1]}\` writes the configuration with every obsolete name already replaced (and without the defaults).`,
      {numbers: {}}),
  },
  {
    kind: 'socket-unavailable',
    needle: 'Resource temporarily unavailable',
    re: /net_connect_unix\(([^)\n]{1,300})\) failed: Resource temporarily unavailable/,
    build: (m, log, v) => {
      const path = m[1];
      const service = /([a-z][a-z0-9-]{0,63})$/.exec(path.replace(/^.*\//, ''))?.[1] ?? path;
      const handing = log.process?.endsWith('-login') ? log.process : 'the login process';
      return rec('socket-unavailable', 'net_connect_unix failed: Resource temporarily unavailable', 'error',
        `${handing} could not hand a logged-in connection to ${service}: the socket's queue was full, because every ${service} process was busy and no new one could start (its process_limit was reached), or because ${service} processes take several connections each (client_limit above 1) and answer slowly. The client's login failed.`,
        {numbers: {service, socket: path},
          fix: settingFix(v, service, 'process_limit', '',
            `Raise ${ref(v, service, 'process_limit')} to cover the sessions ${service} holds at peak, and keep ${ref(v, service, 'client_limit')} at 1 for mail processes.`),
          ...anchored('process-limit-reached')});
    },
  },
  {
    kind: 'filter-conflict',
    needle: 'Conflict in setting ',
    re: /Conflict in setting ([\w/.-]{1,200}) found from filter at ([^\n]{1,500})/,
    build: (m) => rec('filter-conflict', `Conflict in setting ${m[1]}`, 'error',
      `${m[1]} is set in two filters (protocol, local or remote blocks) that both match the same connection, with different values, so the config process cannot tell which one applies (the other one is at ${m[2].trim()}). doveconf accepts the file; the error comes at the first connection that matches both, and that login fails.`,
      {numbers: {setting: m[1], where: m[2].trim()},
        fix: {text: `Set \`${m[1]}\` in one place only, or make the two filters so that no connection matches both (e.g. one inside the other).`, setting: m[1]}}),
  },
  {
    kind: 'auth-handshake-timeout',
    needle: 'handshake from auth server',
    re: /Timeout waiting for handshake from auth server\. my pid=(\d{1,10})/,
    build: (m, log) => rec('auth-handshake-timeout', 'Timeout waiting for handshake from auth server', 'error',
      `${log.process ?? 'A login process'} connected to the auth service but auth never answered: the auth process was not running (it failed or was killed while starting: look at its own errors just before), or it hung. Logins wait and then fail. This is not a limit of the login service.`,
      {numbers: {pid: int(m[1])},
        fix: {text: 'Find out why the auth process is not answering: its own errors and the master\'s lines about service(auth) before this one (a passdb/userdb it cannot reach, a crash, a startup failure). Raising login limits does not help.', service: 'auth'}}),
  },
  {
    kind: 'auth-process-broken',
    needle: 'disconnected before auth was ready',
    re: /Auth process broken \(disconnected before auth was ready, waited (\d{1,10}) secs\)/,
    build: (m, log) => rec('auth-process-broken', 'Auth process broken', 'error',
      `The client gave up after ${m[1]} s: ${log.process ?? 'the login process'} was still waiting for the auth service to answer its handshake, so it could not even offer a login. The auth process was down or hung.`,
      {numbers: {seconds: int(m[1])},
        fix: {text: 'Find out why the auth process is not answering: its own errors and the master\'s lines about service(auth) before this one. Raising login limits does not help.', service: 'auth'}}),
  },
  {
    kind: 'fts-xapian-memory',
    needle: 'FTS Xapian: Memory',
    re: /FTS Xapian: Memory (?:error|too low)[^\n]{0,100}?'?std::bad_alloc'?/,
    build: (m, log, v) => {
      const service = log.process && /^indexer-worker|^imap|^doveadm|^lmtp/.test(log.process) ? log.process : 'indexer-worker';
      return rec('fts-xapian-memory', 'FTS Xapian: out of memory', 'error',
        `The fts-xapian plugin could not allocate memory while indexing in ${service}: the process reached its vsz_limit (address space), which a large mailbox's Xapian index exceeds.`,
        {numbers: {service},
          fix: settingFix(v, service, 'vsz_limit', '2G', `Raise ${ref(v, service, 'vsz_limit')} (for example to 2G; the plugin's own advice is several times its index size), or default_vsz_limit for every service.`),
          link: '/services/memory-and-idle#vsz-limit-reached'});
    },
  },
  {
    kind: 'missing-section-name',
    needle: ' { } is missing section name',
    re: /([a-z_]{1,64}) \{ \} is missing section name/,
    build: (m) => rec('missing-section-name', `${m[1]} { } is missing section name`, 'error',
      `Dovecot 2.4 requires a name on every ${m[1]} block (it is a named list: the name tells the blocks apart and lets later files change them); 2.3 accepted ${m[1]} { } without one.`,
      {version: '2.4', numbers: {section: m[1]},
        fix: {text: m[1].endsWith('_listener')
          ? `Give the ${m[1]} a name no built-in listener of that service has (\`${m[1]} ${m[1] === 'inet_listener' ? 'lmtp' : 'NAME'} { … }\`); with no \`type\` set, the part of the name after its last dash is read as the listener's type, so avoid dashes.`
          : `Give the block a name: \`${m[1]} NAME { … }\`.`}}),
  },
  {
    kind: 'unknown-section',
    needle: 'Unknown section name: ',
    re: /Unknown section name: ([\w-]{1,64})/,
    build: (m) => rec('unknown-section', `Unknown section name: ${m[1]}`, 'error',
      m[1] === 'plugin'
        ? 'Dovecot 2.4 has no plugin { } section: plugin settings are global settings now (many renamed, some into named blocks such as quota { } or sieve_script { }). A 2.3 configuration is being read by Dovecot 2.4.'
        : `Dovecot does not know a ${m[1]} { } section here.`,
      {...(m[1] === 'plugin' ? {version: '2.4' as const} : {}), numbers: {section: m[1]},
        ...(m[1] === 'plugin' ? {fix: {text: 'Move the settings out of plugin { } under their 2.4 names, with the 2.3 to 2.4 upgrade guide (https://doc.dovecot.org/main/installation/upgrade/2.3-to-2.4.html).'}} : {})}),
  },
  {
    kind: 'fork-failed',
    needle: 'fork() failed',
    re: new RegExp(`fork\\(\\) failed: ([^(\\n]{1,200})(?:\\(ulimit -u ${INT} reached\\?\\))?`),
    build: (m) => {
      const n = m[2] === undefined ? undefined : int(m[2]);
      return rec('fork-failed', 'fork() failed', 'error',
        `The master could not start another process: ${m[1].trim()}.${n !== undefined ? ` The hint names the master's own ulimit -u (${n}), which the master raises at start to at least the sum of the process_limits; that limit is rarely the one hit, since the kernel does not apply it to root, which forks every child.` : ''}`,
        {numbers: n !== undefined ? {ulimit_u: n} : {}, fix: {text: `Under systemd, raise \`TasksMax\` of dovecot.service (in a container, its pids limit) above the sum of the process_limit values, or lower them. \`LimitNPROC\` does not help here.`},
          ...anchored('fork-failed')});
    },
  },
  {
    kind: 'startup-throttling',
    needle: 'startup failed, throttling for',
    re: new RegExp(`${SVC}command startup failed, throttling for (\\d{1,10}(?:\\.\\d{1,9})?) secs`),
    build: (m) => rec('startup-throttling', 'Startup failed, throttling', 'error',
      `New ${m[1]} processes failed right after starting, so the master waits ${m[2]} s before trying again (the wait doubles up to 60 s). The real cause is logged just before this line.`,
      {numbers: {service: m[1], seconds: Number(m[2])}, fix: {text: `Look at the error ${m[1]} logged just before this line and fix that (permissions, a missing file, a crash).`, service: m[1]},
        ...anchored('startup-throttling')}),
  },
  {
    kind: 'ignoring-idle-sigint',
    needle: 'is ignoring idle SIGINT',
    re: new RegExp(`${SVC}Process ${INT} is ignoring idle SIGINT`),
    build: (m, _log, v) => rec('ignoring-idle-sigint', 'Process is ignoring idle SIGINT', 'info',
      `The master asked an idle ${m[1]} process (pid ${m[2]}) to exit, because there were more idle processes than needed, and it has not exited: it is probably busy or stuck in a blocking call.`,
      {numbers: {service: m[1], pid: int(m[2])}, fix: {text: `Usually harmless once in a while. If it repeats, see what pid ${m[2]} is waiting on; ${ref(v, m[1], 'idle_kill_interval')} sets how often the master asks.`, service: m[1]},
        ...anchored('ignoring-idle-sigint')}),
  },
  {
    kind: 'first-setting-must-be-dovecot-config-version',
    needle: 'The first setting must be dovecot_config_version',
    re: /The first setting must be dovecot_config_version/,
    build: () => rec('first-setting-must-be-dovecot-config-version', 'dovecot_config_version must come first', 'error',
      'Dovecot 2.4 reads dovecot_config_version before anything else to know which defaults the file was written for; it has to be the first setting in dovecot.conf.',
      {version: '2.4', fix: {text: 'Put `dovecot_config_version = 2.4.1` (the version the file was written for) as the first setting of dovecot.conf.', setting: 'dovecot_config_version', value: '2.4.1'},
        ...anchored('first-setting-must-be-dovecot-config-version')}),
  },
  {
    kind: 'dovecot-storage-version-must-be-set',
    needle: 'dovecot_storage_version setting must be set',
    re: /dovecot_storage_version setting must be set/,
    build: () => rec('dovecot-storage-version-must-be-set', 'dovecot_storage_version must be set', 'error',
      'Dovecot 2.4 requires dovecot_storage_version: the oldest version whose storage format the mail files must stay readable by.',
      {version: '2.4', fix: {text: 'Add `dovecot_storage_version = 2.4.1` (or the version your storage was first written with) after dovecot_config_version.', setting: 'dovecot_storage_version'},
        ...anchored('dovecot-storage-version-must-be-set')}),
  },
  {
    kind: 'invalid-dovecot-config-version',
    needle: 'Invalid dovecot_config_version',
    re: /Invalid dovecot_config_version: ?([^\n]{0,200})/,
    build: (m) => rec('invalid-dovecot-config-version', 'Invalid dovecot_config_version', 'error',
      `This Dovecot does not know the dovecot_config_version in the file. ${m[1]}`.trim(),
      {version: '2.4', fix: {text: 'Set `dovecot_config_version` to one of the versions listed (e.g. 2.4.1); a 2.3 config must be converted first.', setting: 'dovecot_config_version'},
        ...anchored('invalid-dovecot-config-version')}),
  },
  {
    kind: 'unknown-setting',
    needle: 'Unknown setting: ',
    re: /Unknown setting: ([\w.-]{1,64} \{ )?([\w/.-]{1,200})( \([^)\n]{0,400} not found either\.\))?/,
    build: (m) => {
      const key = m[2];
      // 2.4 names the setting before its error (`ssl_cert: Unknown setting: ssl_cert`); 2.3 does not
      const prefixed = m.input.slice(0, m.index).endsWith(`${key}: `);
      const version: DovecotVersion = m[3] || prefixed ? '2.4' : '2.3';
      const def = getSettingDef(key);
      const other: DovecotVersion = version === '2.4' ? '2.3' : '2.4';
      const otherName = def?.versions[other]?.name;
      // 2.4's "(service_X or service_NAME_X not found either.)" names the service block
      const service = m[3] ? new RegExp(`service_([a-z0-9-]{1,64})_${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `).exec(m[3])?.[1] : undefined;
      const replaced = version === '2.4' ? replacementIn24(key) : undefined;
      const change = CHANGES_23_TO_24.find((c) => c.from === key && (c.kind === 'renamed' || c.kind === 'removed'));
      let meaning = `Dovecot ${version} has no setting called ${key} there.`;
      let fix: Fix | undefined;
      if (version === '2.4' && addedAfter241(service ? `service_${key}` : key)) {
        const since = addedAfter241(service ? `service_${key}` : key)!;
        meaning = `${key} exists from Dovecot ${since}: the configuration was written for a newer 2.4 release than the Dovecot that read it.`;
        fix = {text: `Run Dovecot ${since} or later (dovecot --version shows the running one), or remove \`${key}\` for the release that runs.`};
      } else if (version === '2.4' && key === 'service_count' && change) {
        meaning = `${key} is a Dovecot 2.3 setting; 2.4 does not translate 2.3 names. ${change.note}`;
        fix = {text: `Replace \`${key}\` with \`restart_request_count\`${service ? ` in \`service ${service}\`` : ''} (and 0 with \`unlimited\`).`, setting: 'restart_request_count', ...(service ? {service, calculator: {version: '2.4' as const, service, settings: {}}} : {})};
      } else if (replaced) {
        meaning = `${key} is a Dovecot 2.3 setting; 2.4 does not translate 2.3 names. ${replaced.note}`;
        fix = {text: replaced.note, ...(replaced.to ? {setting: replaced.to} : {}),
          ...(replaced.service ? {service: replaced.service, calculator: {version: '2.4' as const, service: replaced.service, settings: {}}} : {})};
      } else if (version === '2.4' && change) {
        meaning = `${key} is a Dovecot 2.3 setting; 2.4 does not translate 2.3 names. ${change.note}`;
        const to = change.to ?? change.replacement;
        if (to) fix = {text: `Replace \`${key}\` with \`${to}\`.`, setting: to};
      } else if (def && otherName === key && !def.versions[version]) {
        meaning = `${key} exists only in Dovecot ${other}.`;
      } else if (def && otherName === key && def.versions[version]) {
        meaning = `${key} is the Dovecot ${other} name; Dovecot ${version} calls it ${def.versions[version]!.name}. Is a ${other} config being read by Dovecot ${version}?`;
        fix = {text: `Write \`${def.versions[version]!.name}\` instead of \`${key}\`, or run the Dovecot version the file was written for.`, setting: def.versions[version]!.name};
      } else if (version === '2.3' && NAMES_ONLY_24.includes(key)) {
        meaning = `${key} exists only in Dovecot 2.4: a 2.4 configuration is being read by Dovecot 2.3.`;
        fix = {text: 'Run the Dovecot version the configuration was written for, or write it in 2.3 names.'};
      }
      const anchor = key === 'service_count' || key === 'restart_request_count' ? anchored('unknown-setting-service-count') : {};
      const settingsAnchor = anchorFor(key);
      return rec('unknown-setting', `Unknown setting: ${key}`, 'error', meaning,
        {version, numbers: {setting: key, ...(service ? {service} : {})}, ...(fix ? {fix} : {}), ...anchor,
          ...(!('link' in anchor) && settingsAnchor && def ? {link: `/settings#${settingsAnchor}`} : {})});
    },
  },
  {
    kind: 'starting-up',
    needle: 'starting up',
    re: /Dovecot v(\d{1,3}\.\d{1,3}(?:\.\d{1,4}){0,3}(?:-[\w.]{1,20})?)(?: \(([0-9a-f]{6,40})\))? starting up(?: for ([^\n(]{0,200}))?/,
    build: (m) => rec('starting-up', 'Dovecot starting', 'info',
      `The master started Dovecot ${m[1]}${m[3] ? ` for ${m[3].trim()}` : ''}.`,
      {numbers: {dovecot: m[1]}, ...(m[1].startsWith('2.3') ? {version: '2.3' as const} : m[1].startsWith('2.4') ? {version: '2.4' as const} : {})}),
  },
  {
    kind: 'unknown-protocol',
    needle: 'Unknown protocol: ',
    re: /protocols: Unknown protocol: ([\w.-]{1,64})/,
    build: (m) => rec('unknown-protocol', 'Unknown protocol', 'error',
      `protocols lists ${m[1]}, but no installed service serves that protocol (a package such as dovecot-${m[1]}d may be missing, or it is misspelt).`,
      {numbers: {protocol: m[1]}, fix: {text: `Install the package that provides ${m[1]}, or remove it from \`protocols\`.`, setting: 'protocols'}, link: '/settings#protocols'}),
  },
  {
    kind: 'auth-cache-size-too-small',
    needle: 'auth_cache_size value is too small',
    re: /auth_cache_size value is too small \((\d{1,10}) bytes\)/,
    build: (m) => rec('auth-cache-size-too-small', 'auth_cache_size too small', 'error',
      `Dovecot 2.4 reads a bare auth_cache_size as bytes and refuses ${m[1]} bytes; 2.3 read a bare number as megabytes.`,
      {version: '2.4', numbers: {auth_cache_size: int(m[1])}, fix: {text: `Write the unit: \`auth_cache_size = ${m[1]}M\` if you meant megabytes.`, setting: 'auth_cache_size', value: `${m[1]}M`}, link: '/auth-cache'}),
  },
  {
    kind: 'auth-worker-max-count-zero',
    needle: 'auth_worker_max_count must be above zero',
    re: /auth_worker_max_count must be above zero/,
    build: () => rec('auth-worker-max-count-zero', 'auth_worker_max_count must be above zero', 'error',
      'Dovecot 2.3 needs at least one auth worker.',
      {version: '2.3', fix: {text: 'Remove `auth_worker_max_count = 0` (the default is 30).', setting: 'auth_worker_max_count'}, link: '/auth-cache'}),
  },
  {
    kind: 'unknown-service-type',
    needle: 'Unknown service type: ',
    re: /Unknown service type: ([^\s]{0,64})/,
    build: (m) => rec('unknown-service-type', 'Unknown service type', 'error',
      `A service block sets \`type = ${m[1]}\`, which Dovecot does not know.`,
      {numbers: {type: m[1]}, fix: {text: 'Remove the `type` line; built-in services already have the right type.'}, link: '/services'}),
  },
  {
    kind: 'duplicate-listener',
    needle: 'duplicate listener: ',
    re: /duplicate listener: ([^\s]{0,200})/,
    build: (m) => rec('duplicate-listener', 'Duplicate listener', 'error',
      `Two listeners use the same address and port (or the same socket path): ${m[1]}.`,
      {numbers: {listener: m[1]}, fix: {text: 'Give each inet_listener its own port (or remove one of them).'}, link: '/services'}),
  },
  {
    kind: 'killed-with-signal',
    needle: 'Killed with signal ',
    re: /Killed with signal (\d{1,3})(?: \(by pid=(\d{1,10}))?/,
    build: (m) => rec('killed-with-signal', 'Killed with signal', 'info',
      m[1] === '15' ? 'Dovecot was stopped (SIGTERM), for example by systemctl stop or restart.' : `The process was killed with signal ${m[1]}.`,
      {numbers: {signal: int(m[1])}}),
  },
];

/** The kinds of message this module recognises, for documentation and tests. */
export const RECOGNISED_KINDS: readonly string[] = [...new Set(RECOGNISERS.map((r) => r.kind))];

/** The recognised meaning of one (normalised) log line, or null. Never throws. */
export function recogniseLog(log: LogLine, version: DovecotVersion): RecognisedLog | null {
  const message = log.message.length > MESSAGE_WINDOW ? log.message.slice(0, MESSAGE_WINDOW) : log.message;
  for (const r of RECOGNISERS) {
    if (!message.includes(r.needle)) continue;
    const m = r.re.exec(message);
    if (!m) continue;
    try {
      const out = r.build(m, log, version);
      if (log.level === 'Fatal' || log.level === 'Error') {
        if (out.severity === 'warning' || out.severity === 'info') out.severity = out.kind === 'killed-with-signal' ? out.severity : 'error';
      }
      return out;
    } catch {
      return null;
    }
  }
  // "Out of memory" inside a mail process: the cause of error 83
  if (message.includes('Out of memory') && (log.level === 'Fatal' || log.level === 'Error')) {
    return rec('out-of-memory', 'Out of memory', 'error',
      'The process could not allocate memory: it reached its vsz_limit or the machine ran out. The master then logs "returned error 83" for it.',
      {numbers: log.process ? {process: log.process} : {}, ...anchored('error-83-out-of-memory'),
        ...(log.process ? {fix: settingFix(version, log.process, 'vsz_limit', '', `Raise ${ref(version, log.process, 'vsz_limit')}.`)} : {})});
  }
  return null;
}

/**
 * Any needle looksLikeKnownMessage looks for, as one regex: a single pass over a line instead of
 * one search per recogniser (most lines, config lines above all, contain none).
 */
const KNOWN_NEEDLE = new RegExp(
  RECOGNISERS.filter((r) => r.kind !== 'killed-with-signal')
    .map((r) => r.needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);

/**
 * recogniseLog, worked out once per distinct line: pasted logs repeat the same messages. The
 * result depends only on the version, the level, the process and the message, so lines alike in
 * those share one (never modified) result object.
 */
export function logRecogniser(): (log: LogLine, version: DovecotVersion) => RecognisedLog | null {
  const seen = new Map<string, RecognisedLog | null>();
  return (log, version) => {
    const message = log.message.length > MESSAGE_WINDOW ? log.message.slice(0, MESSAGE_WINDOW) : log.message;
    const key = `${version}\u0000${log.level ?? ''}\u0000${log.process ?? ''}\u0000${message}`;
    let r = seen.get(key);
    if (r === undefined) {
      r = recogniseLog(log, version);
      seen.set(key, r);
    }
    return r;
  };
}

/** Whether a bare line (no log prefix) is a message this module knows. */
export function looksLikeKnownMessage(message: string): boolean {
  const m = message.length > MESSAGE_WINDOW ? message.slice(0, MESSAGE_WINDOW) : message;
  if (!KNOWN_NEEDLE.test(m)) return false;
  return RECOGNISERS.some((r) => r.kind !== 'killed-with-signal' && m.includes(r.needle) && r.re.test(m));
}
