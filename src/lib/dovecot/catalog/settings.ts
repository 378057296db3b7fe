/**
 * Every service setting, listener setting and related global the site covers, per version.
 * Defaults are as the binaries print them (2.3.19.1 `doveconf -a`, 2.4.1 `doveconf -d`);
 * what 0 and `unlimited` do was checked with each version's doveconf (tests/doveconf).
 */
import type {SettingDef, SpecialValue, VersionedSetting} from './types';
import {SRC} from './sources';

// --- special values shared by several settings -------------------------------------------------

const REJECT_UNLIMITED_23_COUNT: SpecialValue = {
  accepted: false,
  meaning: 'error',
  text: '2.3 has no `unlimited` for counts; the parser rejects the word.',
  message: 'Invalid number unlimited: Not a valid number',
};
const REJECT_UNLIMITED_23_SIZE: SpecialValue = {
  accepted: false,
  meaning: 'error',
  text: '2.3 has no `unlimited` for sizes; write 0 for "no limit".',
  message: 'Invalid size: unlimited',
};
const REJECT_UNLIMITED_23_TIME: SpecialValue = {
  accepted: false,
  meaning: 'error',
  text: '2.3 has no `unlimited` for times; the parser rejects the word.',
  message: 'Invalid time interval: unlimited',
};
const NO_LIMIT_24: SpecialValue = {accepted: true, meaning: 'no-limit', text: 'No limit.'};

function zeroError24(message: string): SpecialValue {
  return {accepted: false, meaning: 'error', text: '0 is a configuration error in 2.4; write `unlimited` for no limit.', message};
}

function service23(name: string, rest: Omit<VersionedSetting, 'name'>): VersionedSetting {
  return {name, ...rest};
}
function service24(name: string, rest: Omit<VersionedSetting, 'name' | 'flatName'>): VersionedSetting {
  return {name, flatName: `service_${name}`, ...rest};
}
function listener24(kind: string, name: string, rest: Omit<VersionedSetting, 'name' | 'flatName'>): VersionedSetting {
  return {name, flatName: `${kind}_${name}`, ...rest};
}

const SERVICE_SOURCES = [SRC.a23, SRC.d24, SRC.docService23, SRC.docService24] as const;

// --- service settings ---------------------------------------------------------------------------

const SERVICE_SETTINGS: SettingDef[] = [
  {
    id: 'name',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('name', {type: 'section-name', default: null, defaultNote: 'written after `service`'}),
      '2.4': service24('name', {type: 'section-name', default: '', defaultNote: 'written after `service`'}),
    },
    description:
      'The service\'s name, written after the `service` keyword. It identifies the block: writing a block with the name of a built-in service changes that service, and repeated blocks with the same name are merged.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'process_limit',
    scope: 'service',
    group: 'limits',
    versions: {
      '2.3': service23('process_limit', {
        type: 'uint',
        unit: 'processes',
        default: '0',
        defaultNote: '0, which means default_process_limit (100); some services set their own value',
        zero: {accepted: true, meaning: 'use-default', text: '0 means "use default_process_limit".'},
        unlimited: REJECT_UNLIMITED_23_COUNT,
      }),
      '2.4': service24('process_limit', {
        type: 'uint',
        unit: 'processes',
        default: '100',
        defaultNote: 'inherited from service_process_limit, which is $SET:default_process_limit (100)',
        zero: zeroError24('service(NAME): process_limit must be higher than 0'),
        unlimited: NO_LIMIT_24,
      }),
    },
    description:
      'The most processes of this service the master keeps running at once. When every process is busy and the limit is reached, new connections wait and the master logs that the limit was reached; login services then drop their oldest connection that has not logged in yet. Multiplied by client_limit it gives the most connections the service can hold.',
    changes: '2.3 treats 0 as "use default_process_limit"; 2.4 refuses 0 and takes the default from the global service_process_limit.',
    sources: [...SERVICE_SOURCES, SRC.serviceCreate23, SRC.check24],
  },
  {
    id: 'client_limit',
    scope: 'service',
    group: 'limits',
    versions: {
      '2.3': service23('client_limit', {
        type: 'uint',
        unit: 'connections',
        default: '0',
        defaultNote: '0, which means default_client_limit (1000); some services set their own value',
        zero: {accepted: true, meaning: 'use-default', text: '0 means "use default_client_limit".'},
        unlimited: REJECT_UNLIMITED_23_COUNT,
      }),
      '2.4': service24('client_limit', {
        type: 'uint',
        unit: 'connections',
        default: '1000',
        defaultNote: 'inherited from service_client_limit, which is $SET:default_client_limit (1000)',
        zero: zeroError24('service(NAME): client_limit must be higher than 0'),
        unlimited: NO_LIMIT_24,
      }),
    },
    description:
      'How many connections one process of the service handles at the same time. Services that serve one user per process (imap, pop3, submission, lmtp) default to 1; login processes, auth and anvil use the default of 1000. The value in force is capped by service_count / restart_request_count when that is lower. The master also wants the file descriptor limit (ulimit -n) to be at least the largest client_limit.',
    changes: '2.3 treats 0 as "use default_client_limit"; 2.4 refuses 0.',
    sources: [...SERVICE_SOURCES, SRC.serviceCreate23, SRC.serviceCreate24, SRC.check24],
  },
  {
    id: 'restart_request_count',
    scope: 'service',
    group: 'limits',
    versions: {
      '2.3': service23('service_count', {
        type: 'uint',
        unit: 'requests',
        default: '0',
        defaultNote: '0 (no limit); login services, imap, pop3, submission, managesieve, doveadm and imap-urlauth* set 1',
        zero: {accepted: true, meaning: 'no-limit', text: '0 means no limit: a process is reused for any number of connections.'},
        unlimited: REJECT_UNLIMITED_23_COUNT,
      }),
      '2.4': service24('restart_request_count', {
        type: 'uint',
        unit: 'requests',
        default: 'unlimited',
        defaultNote: 'inherited from service_restart_request_count (unlimited); login services, imap, pop3, submission, managesieve, doveadm, imap-urlauth* and (with dovecot_config_version 2.4.1) lmtp set 1',
        zero: zeroError24('service(NAME): restart_request_count must be higher than 0 (did you mean "unlimited"?)'),
        unlimited: NO_LIMIT_24,
      }),
    },
    description:
      'How many connections a process handles in its lifetime before it exits and the master starts a fresh one. 1 gives every connection its own new process, so nothing of one user can be left in memory for the next: the high-security login mode and the default for imap and pop3. A larger value or no limit lets a process be reused, which saves forks; it also caps client_limit, because a process never serves more clients at once than it may serve in total.',
    changes: 'Renamed from service_count to restart_request_count in 2.4. 2.3 writes 0 for "no limit"; 2.4 refuses 0 and needs `unlimited`. 2.4 has no automatic translation: the old name is an unknown setting.',
    sources: [...SERVICE_SOURCES, SRC.serviceCreate23, SRC.serviceCreate24, SRC.check24, SRC.docUpgrade],
  },
  {
    id: 'process_min_avail',
    scope: 'service',
    group: 'limits',
    versions: {
      '2.3': service23('process_min_avail', {
        type: 'uint',
        unit: 'processes',
        default: '0',
        zero: {accepted: true, meaning: 'none', text: '0 means no processes are started ahead of demand.'},
        unlimited: REJECT_UNLIMITED_23_COUNT,
      }),
      '2.4': service24('process_min_avail', {
        type: 'uint',
        unit: 'processes',
        default: '0',
        defaultNote: 'inherited from service_process_min_avail (0)',
        zero: {accepted: true, meaning: 'none', text: '0 means no processes are started ahead of demand.'},
      }),
    },
    description:
      'How many processes the master keeps started and idle, ready for the next connection, so a client does not wait for a fork. It must not exceed process_limit (doveconf stops with "process_min_avail is higher than process_limit"; 2.3 compares with the limit after 0 is replaced by the default). For long-running login processes the documentation suggests about one per CPU core; 2.4 can write `%{system:cpu_count}`, which doveconf expands on the machine that checks the file.',
    sources: [...SERVICE_SOURCES, SRC.verify23, SRC.check24, SRC.docLogin23, SRC.docLogin24],
  },
  {
    id: 'vsz_limit',
    scope: 'service',
    group: 'limits',
    versions: {
      '2.3': service23('vsz_limit', {
        type: 'size',
        unit: 'bytes',
        default: '18446744073709551615 B',
        defaultNote: 'unset (printed as 18446744073709551615 B), which means default_vsz_limit (256 M)',
        zero: {accepted: true, meaning: 'no-limit', text: '0 means no memory limit.'},
        unlimited: REJECT_UNLIMITED_23_SIZE,
      }),
      '2.4': service24('vsz_limit', {
        type: 'size',
        unit: 'bytes',
        default: '256 M',
        defaultNote: 'inherited from service_vsz_limit, which is $SET:default_vsz_limit (256 M)',
        zero: zeroError24('service(NAME): vsz_limit is too low (did you mean "unlimited"?)'),
        unlimited: NO_LIMIT_24,
      }),
    },
    description:
      'The most virtual memory (address space) one process of the service may use. A process that runs out exits with status 83 and the master logs an "Out of memory" line naming this setting. Values under 1 MiB (other than 2.3\'s 0) are refused. Long-running login processes that hold many TLS connections may need more than the default.',
    changes: 'In 2.3, 0 means no limit; in 2.4, 0 is "too low" and no limit is written `unlimited`.',
    sources: [...SERVICE_SOURCES, SRC.serviceCreate23, SRC.verify23, SRC.check24],
  },
  {
    id: 'idle_kill_interval',
    scope: 'service',
    group: 'limits',
    versions: {
      '2.3': service23('idle_kill', {
        type: 'time',
        unit: 'seconds',
        default: '0',
        defaultNote: '0, which means default_idle_kill (1 mins); anvil, config, log, stats and a few more use 4294967295 secs (never)',
        zero: {accepted: true, meaning: 'use-default', text: '0 means "use default_idle_kill".'},
        unlimited: REJECT_UNLIMITED_23_TIME,
      }),
      '2.4': service24('idle_kill_interval', {
        type: 'time',
        unit: 'seconds',
        default: '1 mins',
        defaultNote: 'inherited from service_idle_kill_interval, which is $SET:default_idle_kill_interval (1 mins); anvil, config, log and stats use infinite',
        zero: zeroError24('service(NAME): idle_kill_interval must be higher than 0 (did you mean "unlimited"?)'),
        unlimited: {accepted: true, meaning: 'never', text: 'Idle processes are never stopped (doveconf prints `infinite` or `unlimited`).'},
      }),
    },
    description:
      'How long processes may sit idle before the master asks them to exit, so that a burst of processes shrinks back. Dovecot 2.3.19 (Debian 12) applies it to each idle process; 2.3.21 and 2.4 instead look, per interval, at how many processes stayed idle the whole time and stop that many. Processes that ignore the request are reported in the log.',
    changes: 'Renamed from idle_kill to idle_kill_interval in 2.4; 0 became an error there and "never" is written `infinite` or `unlimited`.',
    sources: [...SERVICE_SOURCES, SRC.serviceCreate23, SRC.check24],
  },
  {
    id: 'type',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('type', {type: 'enum', values: ['', 'login', 'worker', 'anvil', 'config', 'log'], default: ''}),
      '2.4': service24('type', {type: 'enum', values: ['', 'login', 'worker', 'anvil', 'config', 'log'], default: ''}),
    },
    description:
      'Tells the master what role the service plays. Empty is an ordinary service; `login` marks pre-authentication processes (the master tells them when all processes are full, and they count towards anvil\'s and auth\'s client_limit checks); `worker` marks helper pools such as auth-worker and indexer-worker; anvil, config and log are special internal services. Any other word stops doveconf with "Unknown service type".',
    sources: [SRC.a23, SRC.d24, SRC.probes23, SRC.probes24],
  },
  {
    id: 'protocol',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('protocol', {type: 'string', default: ''}),
      '2.4': service24('protocol', {type: 'string', default: ''}),
    },
    description:
      'The protocol the service belongs to (imap, pop3, submission, lmtp, or sieve for ManageSieve). A service whose protocol is not listed in `protocols` is not started, and doveconf skips its per-service checks. Services with an empty protocol (auth, anvil, log, ...) always run.',
    sources: [SRC.a23, SRC.d24, SRC.verify23, SRC.check24],
  },
  {
    id: 'executable',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('executable', {type: 'string', default: ''}),
      '2.4': service24('executable', {type: 'string', default: ''}),
    },
    description:
      'The program the master starts for the service, with optional arguments (auth-worker runs `auth -w`, health-check runs a script).',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'user',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('user', {type: 'string', default: '', defaultNote: 'empty: the process runs as root or takes the user from the login; many services use $default_internal_user or $default_login_user'}),
      '2.4': service24('user', {type: 'string', default: '', defaultNote: 'empty; many services use $SET:default_internal_user or $SET:default_login_user'}),
    },
    description:
      'The system user the service\'s processes run as. Login processes run as the unprivileged default_login_user, internal services as default_internal_user; mail processes such as imap leave it empty because they switch to the logged-in user.',
    changes: 'References to the default users are written `$default_login_user` in 2.3 and `$SET:default_login_user` in 2.4.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'group',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('group', {type: 'string', default: ''}),
      '2.4': service24('group', {type: 'string', default: ''}),
    },
    description: 'The primary system group of the service\'s processes. Empty keeps the group that comes with the user.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'extra_groups',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('extra_groups', {type: 'list', default: ''}),
      '2.4': service24('extra_groups', {type: 'boollist', default: ''}),
    },
    description:
      'Additional system groups the processes get. Mail processes (imap, pop3, lmtp, submission, doveadm) are given the internal group by default so they can reach internal sockets.',
    changes: 'A space-separated string in 2.3, a boollist in 2.4.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'privileged_group',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('privileged_group', {type: 'string', default: ''}),
      '2.4': service24('privileged_group', {type: 'string', default: ''}),
    },
    description: 'A group the process may switch to temporarily when it needs extra rights (for example to write a mail spool owned by a group). Empty for every built-in service.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'chroot',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('chroot', {type: 'string', default: ''}),
      '2.4': service24('chroot', {type: 'string', default: ''}),
    },
    description:
      'A directory the processes are confined to, relative to base_dir. Login services use `login` (imap-urlauth-login uses `token-login`), so a compromised login process sees almost nothing of the file system. Empty means no chroot.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'drop_priv_before_exec',
    scope: 'service',
    group: 'process',
    versions: {
      '2.3': service23('drop_priv_before_exec', {type: 'bool', default: 'no'}),
      '2.4': service24('drop_priv_before_exec', {type: 'bool', default: 'no'}),
    },
    description:
      'When yes, the process gives up root before the program is executed rather than after it starts. It cannot be combined with chroot (doveconf refuses the pair). health-check is the only built-in service that sets it.',
    sources: [SRC.a23, SRC.d24, SRC.verify23, SRC.check24],
  },
  {
    id: 'unix_listener',
    scope: 'service',
    group: 'listeners',
    versions: {
      '2.3': {name: 'unix_listener', type: 'section', default: null},
      '2.4': {name: 'unix_listener', type: 'section', default: null},
    },
    description: 'A UNIX socket the service accepts connections on, written `unix_listener PATH { }` inside the service. A relative path is under base_dir.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'fifo_listener',
    scope: 'service',
    group: 'listeners',
    versions: {
      '2.3': {name: 'fifo_listener', type: 'section', default: null},
      '2.4': {name: 'fifo_listener', type: 'section', default: null},
    },
    description: 'A named pipe (FIFO) the service reads from, written `fifo_listener PATH { }`. Only some 2.3 services (aggregator, director, old-stats) have one by default.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'inet_listener',
    scope: 'service',
    group: 'listeners',
    versions: {
      '2.3': {name: 'inet_listener', type: 'section', default: null},
      '2.4': {name: 'inet_listener', type: 'section', default: null},
    },
    description: 'A TCP port the service listens on, written `inet_listener NAME { port = ... }`. Login services have one per port (imap 143 and imaps 993, pop3 110 and pop3s 995, submission 587, 2.4 also submissions 465, sieve 4190).',
    sources: [SRC.a23, SRC.d24],
  },
];

// --- listener settings ----------------------------------------------------------------------------

function fileListenerSettings(kind: 'unix_listener' | 'fifo_listener'): SettingDef[] {
  const what = kind === 'unix_listener' ? 'socket' : 'FIFO';
  return [
    {
      id: `${kind}_path`,
      scope: kind,
      group: 'listeners',
      versions: {
        '2.3': {name: 'path', type: 'section-name', default: null, defaultNote: `written after \`${kind}\``},
        '2.4': listener24(kind, 'path', {type: 'section-name', default: '', defaultNote: `written after \`${kind}\``}),
      },
      description: `The ${what}'s path, written after \`${kind}\`. Relative paths are under base_dir; writing base_dir in front of it draws a warning.`,
      sources: [SRC.a23, SRC.d24],
    },
    {
      id: `${kind}_mode`,
      scope: kind,
      group: 'listeners',
      versions: {
        '2.3': {name: 'mode', type: 'octal', default: '0600'},
        '2.4': listener24(kind, 'mode', {type: 'octal', default: '0600'}),
      },
      description: `File permissions of the ${what}, in octal. Sockets that other processes or users must reach are 0660 or 0666.`,
      sources: [SRC.a23, SRC.d24],
    },
    {
      id: `${kind}_user`,
      scope: kind,
      group: 'listeners',
      versions: {
        '2.3': {name: 'user', type: 'string', default: ''},
        '2.4': listener24(kind, 'user', {type: 'string', default: ''}),
      },
      description: `Owner of the ${what}. Empty keeps the owner the master creates it with.`,
      sources: [SRC.a23, SRC.d24],
    },
    {
      id: `${kind}_group`,
      scope: kind,
      group: 'listeners',
      versions: {
        '2.3': {name: 'group', type: 'string', default: ''},
        '2.4': listener24(kind, 'group', {type: 'string', default: ''}),
      },
      description: `Group of the ${what}; together with mode it decides who may connect.`,
      sources: [SRC.a23, SRC.d24],
    },
    {
      id: `${kind}_type`,
      scope: kind,
      group: 'listeners',
      versions: {
        '2.4': listener24(kind, 'type', {type: 'string', default: ''}),
      },
      description: `2.4 only: tells the service what kind of client connects through this ${what} (auth has \`auth\`, \`login\`, \`master\`, \`userdb\`; mail services have \`admin\` sockets named srv.SERVICE/%{pid}).`,
      sources: [SRC.d24],
    },
  ];
}

const LISTENER_SETTINGS: SettingDef[] = [
  ...fileListenerSettings('unix_listener'),
  ...fileListenerSettings('fifo_listener'),
  {
    id: 'inet_listener_name',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.3': {name: 'name', type: 'section-name', default: null, defaultNote: 'written after `inet_listener`'},
      '2.4': listener24('inet_listener', 'name', {type: 'section-name', default: '', defaultNote: 'written after `inet_listener`'}),
    },
    description: 'The listener\'s name, written after `inet_listener` (imap, imaps, pop3, ...). The name only identifies the block; the port is set separately.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'inet_listener_port',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.3': {name: 'port', type: 'port', default: null, defaultNote: 'every built-in inet listener sets its port'},
      '2.4': listener24('inet_listener', 'port', {type: 'port', default: '0'}),
    },
    description: 'The TCP port. Port 0 disables the listener, which is the usual way to switch off e.g. imaps. Two listeners on the same port and address stop doveconf with "duplicate listener".',
    sources: [SRC.a23, SRC.d24, SRC.probes23, SRC.probes24],
  },
  {
    id: 'inet_listener_address',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.3': {name: 'address', type: 'list', default: ''},
    },
    description: '2.3 only: the addresses this listener binds to; empty uses the global `listen`. 2.4 removed it: write `listen = ...` inside the inet_listener block instead.',
    changes: 'Removed in 2.4 (an unknown setting there); use `listen` inside the listener.',
    sources: [SRC.a23, SRC.probes24, SRC.docUpgrade],
  },
  {
    id: 'inet_listener_ssl',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.3': {name: 'ssl', type: 'bool', default: 'no'},
      '2.4': listener24('inet_listener', 'ssl', {type: 'bool', default: 'no'}),
    },
    description: 'When yes, TLS starts immediately on connect (imaps, pop3s, submissions) instead of by STARTTLS.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'inet_listener_haproxy',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.3': {name: 'haproxy', type: 'bool', default: 'no'},
      '2.4': listener24('inet_listener', 'haproxy', {type: 'bool', default: 'no'}),
    },
    description: 'When yes, connections must start with a HAProxy PROXY header, which tells Dovecot the real client address; only hosts in haproxy_trusted_networks may send it.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'inet_listener_reuse_port',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.3': {name: 'reuse_port', type: 'bool', default: 'no'},
      '2.4': listener24('inet_listener', 'reuse_port', {type: 'bool', default: 'no'}),
    },
    description: 'When yes, the listening socket is opened with SO_REUSEPORT, letting the kernel spread new connections over the service\'s processes.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'inet_listener_type',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.4': listener24('inet_listener', 'type', {type: 'string', default: ''}),
    },
    description: '2.4 only: the kind of client this listener is for, as with unix_listener type. Empty for every built-in inet listener.',
    sources: [SRC.d24],
  },
];

// --- related globals ------------------------------------------------------------------------------

function global(name: string, rest: Omit<VersionedSetting, 'name'>): VersionedSetting {
  return {name, ...rest};
}

const GLOBAL_SETTINGS: SettingDef[] = [
  {
    id: 'default_process_limit',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('default_process_limit', {type: 'uint', unit: 'processes', default: '100', unlimited: REJECT_UNLIMITED_23_COUNT}),
      '2.4': global('default_process_limit', {
        type: 'uint',
        unit: 'processes',
        default: '100',
        zero: zeroError24('process_limit must be higher than 0'),
        unlimited: NO_LIMIT_24,
      }),
    },
    description:
      'The process_limit of every service that does not set its own. In 2.3 a service\'s process_limit of 0 points here; in 2.4 it feeds the global service_process_limit, which services inherit.',
    sources: [SRC.a23, SRC.d24, SRC.serviceCreate23, SRC.defaults24],
  },
  {
    id: 'default_client_limit',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('default_client_limit', {type: 'uint', unit: 'connections', default: '1000', unlimited: REJECT_UNLIMITED_23_COUNT}),
      '2.4': global('default_client_limit', {
        type: 'uint',
        unit: 'connections',
        default: '1000',
        zero: zeroError24('client_limit must be higher than 0'),
      }),
    },
    description: 'The client_limit of every service that does not set its own (login services, auth, anvil, ...). In 2.4 it feeds service_client_limit.',
    sources: [SRC.a23, SRC.d24, SRC.serviceCreate23, SRC.defaults24],
  },
  {
    id: 'default_vsz_limit',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('default_vsz_limit', {type: 'size', unit: 'bytes', default: '256 M', unlimited: REJECT_UNLIMITED_23_SIZE}),
      '2.4': global('default_vsz_limit', {
        type: 'size',
        unit: 'bytes',
        default: '256 M',
        zero: zeroError24('vsz_limit is too low (did you mean "unlimited"?)'),
        unlimited: NO_LIMIT_24,
      }),
    },
    description: 'The vsz_limit of every service that does not set its own. In 2.4 it feeds service_vsz_limit. (Dovecot Pro builds use 1G; Debian\'s builds use 256 M.)',
    sources: [SRC.a23, SRC.d24, SRC.defaults24],
  },
  {
    id: 'default_idle_kill_interval',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('default_idle_kill', {type: 'time', unit: 'seconds', default: '1 mins', unlimited: REJECT_UNLIMITED_23_TIME}),
      '2.4': global('default_idle_kill_interval', {
        type: 'time',
        unit: 'seconds',
        default: '1 mins',
        zero: zeroError24('idle_kill_interval must be higher than 0 (did you mean "unlimited"?)'),
      }),
    },
    description: 'The idle_kill (2.3) / idle_kill_interval (2.4) of every service that does not set its own.',
    changes: 'Renamed from default_idle_kill to default_idle_kill_interval in 2.4; the old name is an unknown setting there.',
    sources: [SRC.a23, SRC.d24, SRC.probes24],
  },
  {
    id: 'default_login_user',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('default_login_user', {type: 'string', default: 'dovenull'}),
      '2.4': global('default_login_user', {type: 'string', default: 'dovenull'}),
    },
    description: 'The unprivileged user login processes run as. It should own nothing and be used for nothing else. doveconf stops if the user does not exist.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'default_internal_user',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('default_internal_user', {type: 'string', default: 'dovecot'}),
      '2.4': global('default_internal_user', {type: 'string', default: 'dovecot'}),
    },
    description: 'The user internal services (auth, anvil, dict, stats, ...) run as and that owns many internal sockets. doveconf stops if the user does not exist.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'default_internal_group',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('default_internal_group', {type: 'string', default: 'dovecot'}),
      '2.4': global('default_internal_group', {type: 'string', default: 'dovecot'}),
    },
    description: 'The group of internal sockets and the extra group mail processes get, so they can talk to internal services.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'protocols',
    scope: 'global',
    group: 'protocols',
    versions: {
      '2.3': global('protocols', {type: 'list', default: '', defaultNote: 'empty in Debian\'s build; Debian\'s protocol packages add theirs through /usr/share/dovecot/protocols.d'}),
      '2.4': global('protocols', {type: 'boollist', default: ''}),
    },
    description:
      'Which protocols the server offers (imap, pop3, submission, lmtp, sieve). Services of protocols not listed here are not started, and doveconf skips their checks, so a configuration must list its protocols for a check to mean anything. A word no service provides stops doveconf with "Unknown protocol".',
    sources: [SRC.a23, SRC.d24, SRC.probes23, SRC.probes24],
  },
  {
    id: 'listen',
    scope: 'global',
    group: 'protocols',
    versions: {
      '2.3': global('listen', {type: 'list', default: '*, ::'}),
      '2.4': global('listen', {type: 'boollist', default: '* ::'}),
    },
    description: 'Addresses the inet listeners bind to: `*` is every IPv4 address, `::` every IPv6 address. 2.4 also accepts it inside an inet_listener block, replacing 2.3\'s per-listener address.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'mail_max_userip_connections',
    scope: 'global',
    group: 'login',
    versions: {
      '2.3': global('mail_max_userip_connections', {type: 'uint', unit: 'connections', default: '10'}),
      '2.4': global('mail_max_userip_connections', {type: 'uint', unit: 'connections', default: '10'}),
    },
    description: 'How many connections one user may have open from one IP address at the same time. It limits users, not processes, but it decides how many mail processes one busy user can occupy.',
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'login_access_sockets',
    scope: 'global',
    group: 'login',
    versions: {
      '2.3': global('login_access_sockets', {type: 'list', default: ''}),
    },
    description: '2.3 only: sockets a login process asks before accepting a client (the tcpwrap service answers them). 2.4 removed it together with the tcpwrap service.',
    changes: 'Removed in 2.4 (unknown setting there).',
    sources: [SRC.a23, SRC.probes24, SRC.docUpgrade],
  },
  {
    id: 'auth_cache_size',
    scope: 'global',
    group: 'auth',
    versions: {
      '2.3': global('auth_cache_size', {
        type: 'size',
        unit: 'bytes',
        default: '0',
        zero: {accepted: true, meaning: 'disabled', text: '0 turns the authentication cache off.'},
      }),
      '2.4': global('auth_cache_size', {
        type: 'size',
        unit: 'bytes',
        default: '0',
        zero: {accepted: true, meaning: 'disabled', text: '0 turns the authentication cache off.'},
      }),
    },
    description:
      'Memory for the authentication cache, which keeps the results of passdb and userdb lookups so repeated logins do not hit the database. Give it a unit (10M). 2.3 reads a bare number as megabytes with an "Obsolete setting" warning; 2.4 reads it as bytes and refuses anything under 1 KiB.',
    changes: 'Name and default unchanged; 2.4 refuses 1 to 1023 bytes ("auth_cache_size value is too small").',
    sources: [SRC.a23, SRC.d24, SRC.oldSetParser23, SRC.authSettings24, SRC.docCache23, SRC.docCache24],
  },
  {
    id: 'auth_cache_ttl',
    scope: 'global',
    group: 'auth',
    versions: {
      '2.3': global('auth_cache_ttl', {type: 'time', unit: 'seconds', default: '1 hours'}),
      '2.4': global('auth_cache_ttl', {type: 'time', unit: 'seconds', default: '1 hours'}),
    },
    description: 'How long a cached successful lookup stays valid. Expired entries are still used if the database cannot be reached; a failed login after a cached success makes auth look up again, so password changes are noticed.',
    sources: [SRC.a23, SRC.d24, SRC.docCache23, SRC.docCache24],
  },
  {
    id: 'auth_cache_negative_ttl',
    scope: 'global',
    group: 'auth',
    versions: {
      '2.3': global('auth_cache_negative_ttl', {
        type: 'time',
        unit: 'seconds',
        default: '1 hours',
        zero: {accepted: true, meaning: 'disabled', text: '0 turns off caching of failed lookups.'},
      }),
      '2.4': global('auth_cache_negative_ttl', {
        type: 'time',
        unit: 'seconds',
        default: '1 hours',
        zero: {accepted: true, meaning: 'disabled', text: '0 turns off caching of failed lookups.'},
      }),
    },
    description: 'How long a cached "user unknown" or "wrong password" result stays valid.',
    sources: [SRC.a23, SRC.d24, SRC.docCache23, SRC.docCache24],
  },
  {
    id: 'auth_cache_verify_password_with_worker',
    scope: 'global',
    group: 'auth',
    versions: {
      '2.3': global('auth_cache_verify_password_with_worker', {type: 'bool', default: 'no'}),
      '2.4': global('auth_cache_verify_password_with_worker', {type: 'bool', default: 'no'}),
    },
    description: 'When yes, checking a password against a cached (slow) hash is done by auth-worker processes, so the single auth process is not blocked by expensive hashing.',
    sources: [SRC.a23, SRC.d24, SRC.docCache23],
  },
  {
    id: 'auth_worker_max_count',
    scope: 'global',
    group: 'auth',
    versions: {
      '2.3': global('auth_worker_max_count', {
        type: 'uint',
        unit: 'processes',
        default: '30',
        zero: {accepted: false, meaning: 'error', text: '0 is refused.', message: 'auth_worker_max_count must be above zero'},
      }),
    },
    description: '2.3 only: how many auth-worker processes auth runs at most for blocking lookups. 2.4 removed it; the cap there is `service auth-worker { process_limit }`, whose default became 30.',
    changes: 'Removed in 2.4; use service auth-worker { process_limit = N }.',
    sources: [SRC.a23, SRC.d24, SRC.probes23, SRC.probes24, SRC.news240],
  },
  {
    id: 'passdb_use_cache',
    scope: 'passdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_cache', flatName: 'passdb_use_cache', type: 'bool', default: 'yes'}},
    description: '2.4 only: whether this passdb\'s results go through the authentication cache (when the cache is on at all).',
    sources: [SRC.d24, SRC.authSettings24],
  },
  {
    id: 'passdb_use_worker',
    scope: 'passdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_worker', flatName: 'passdb_use_worker', type: 'bool', default: 'no'}},
    description: '2.4 only: whether this passdb is queried from auth-worker processes instead of the auth process itself; blocking drivers such as pam and passwd default to yes.',
    sources: [SRC.d24],
  },
  {
    id: 'userdb_use_cache',
    scope: 'userdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_cache', flatName: 'userdb_use_cache', type: 'bool', default: 'yes'}},
    description: '2.4 only: whether this userdb\'s results go through the authentication cache.',
    sources: [SRC.d24, SRC.authSettings24],
  },
  {
    id: 'userdb_use_worker',
    scope: 'userdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_worker', flatName: 'userdb_use_worker', type: 'bool', default: 'no'}},
    description: '2.4 only: whether this userdb is queried from auth-worker processes.',
    sources: [SRC.d24],
  },
  {
    id: 'dovecot_config_version',
    scope: 'global',
    group: 'config-file',
    versions: {
      '2.4': global('dovecot_config_version', {type: 'version', default: null, defaultNote: 'none: it must be the first setting of the file'}),
    },
    description:
      '2.4 only: the Dovecot version the file was written for. It must be the first setting, and it selects the defaults of that version, so newer releases do not change a tested configuration behind its back: with 2.4.0, lmtp keeps restart_request_count = unlimited; with 2.4.1 it is 1.',
    sources: [SRC.probes24, SRC.query24, SRC.docUpgrade241],
  },
  {
    id: 'dovecot_storage_version',
    scope: 'global',
    group: 'config-file',
    versions: {
      '2.4': global('dovecot_storage_version', {type: 'version', default: '', defaultNote: 'empty, but it must be set'}),
    },
    description: '2.4 only: the oldest Dovecot version that must still be able to read the mail files this server writes. Required; doveconf stops without it.',
    sources: [SRC.d24, SRC.probes24],
  },
];

export const SETTINGS: readonly SettingDef[] = [...SERVICE_SETTINGS, ...LISTENER_SETTINGS, ...GLOBAL_SETTINGS];
