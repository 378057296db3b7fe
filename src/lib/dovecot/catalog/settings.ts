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
    sources: [SRC.a23, SRC.d24],
  },
];

// --- listener settings ----------------------------------------------------------------------------

function fileListenerSettings(kind: 'unix_listener' | 'fifo_listener'): SettingDef[] {
  return [
    {
      id: `${kind}_path`,
      scope: kind,
      group: 'listeners',
      versions: {
        '2.3': {name: 'path', type: 'section-name', default: null, defaultNote: `written after \`${kind}\``},
        '2.4': listener24(kind, 'path', {type: 'section-name', default: '', defaultNote: `written after \`${kind}\``}),
      },
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
      sources: [SRC.a23, SRC.d24],
    },
    {
      id: `${kind}_type`,
      scope: kind,
      group: 'listeners',
      versions: {
        '2.4': listener24(kind, 'type', {type: 'string', default: ''}),
      },
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
    sources: [SRC.a23, SRC.d24, SRC.probes23, SRC.probes24],
  },
  {
    id: 'inet_listener_address',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.3': {name: 'address', type: 'list', default: ''},
    },
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
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'inet_listener_type',
    scope: 'inet_listener',
    group: 'listeners',
    versions: {
      '2.4': listener24('inet_listener', 'type', {type: 'string', default: ''}),
    },
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
    sources: [SRC.a23, SRC.d24],
  },
  {
    id: 'shutdown_clients',
    scope: 'global',
    group: 'defaults',
    versions: {
      '2.3': global('shutdown_clients', {type: 'bool', default: 'yes'}),
      '2.4': global('shutdown_clients', {type: 'bool', default: 'yes'}),
    },
    sources: [SRC.a23, SRC.d24, SRC.servicesDestroy],
  },
  {
    id: 'login_proxy_max_disconnect_delay',
    scope: 'global',
    group: 'login',
    versions: {
      '2.3': global('login_proxy_max_disconnect_delay', {type: 'time', unit: 'seconds', default: '0', zero: {accepted: true, meaning: 'disabled', text: '0 disconnects every proxied client at once.'}}),
      '2.4': global('login_proxy_max_disconnect_delay', {type: 'time', unit: 'seconds', default: '0', zero: {accepted: true, meaning: 'disabled', text: '0 disconnects every proxied client at once.'}}),
    },
    sources: [SRC.a23, SRC.d24, SRC.loginProxy],
  },
  {
    id: 'login_access_sockets',
    scope: 'global',
    group: 'login',
    versions: {
      '2.3': global('login_access_sockets', {type: 'list', default: ''}),
    },
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
    sources: [SRC.a23, SRC.d24, SRC.probes23, SRC.probes24, SRC.news240],
  },
  {
    id: 'passdb_use_cache',
    scope: 'passdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_cache', flatName: 'passdb_use_cache', type: 'bool', default: 'yes'}},
    sources: [SRC.d24, SRC.authSettings24],
  },
  {
    id: 'passdb_use_worker',
    scope: 'passdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_worker', flatName: 'passdb_use_worker', type: 'bool', default: 'no'}},
    sources: [SRC.d24],
  },
  {
    id: 'userdb_use_cache',
    scope: 'userdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_cache', flatName: 'userdb_use_cache', type: 'bool', default: 'yes'}},
    sources: [SRC.d24, SRC.authSettings24],
  },
  {
    id: 'userdb_use_worker',
    scope: 'userdb',
    group: 'auth',
    versions: {'2.4': {name: 'use_worker', flatName: 'userdb_use_worker', type: 'bool', default: 'no'}},
    sources: [SRC.d24],
  },
  {
    id: 'dovecot_config_version',
    scope: 'global',
    group: 'config-file',
    versions: {
      '2.4': global('dovecot_config_version', {type: 'version', default: null, defaultNote: 'none: it must be the first setting of the file'}),
    },
    sources: [SRC.probes24, SRC.query24, SRC.docUpgrade241],
  },
  {
    id: 'dovecot_storage_version',
    scope: 'global',
    group: 'config-file',
    versions: {
      '2.4': global('dovecot_storage_version', {type: 'version', default: '', defaultNote: 'empty, but it must be set'}),
    },
    sources: [SRC.d24, SRC.probes24],
  },
];

export const SETTINGS: readonly SettingDef[] = [...SERVICE_SETTINGS, ...LISTENER_SETTINGS, ...GLOBAL_SETTINGS];
