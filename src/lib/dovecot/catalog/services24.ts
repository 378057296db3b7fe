/**
 * Dovecot 2.4.1 (Debian 13) services, from `doveconf -d`: the global service_* defaults every
 * service inherits, and each service's default filter exactly as doveconf lists it. Defaults
 * that depend on dovecot_config_version come from `doveconf -c FILE service` with 2.4.0 and 2.4.1.
 */
import type {ListenerData, ServiceData} from './types';

/**
 * The global service_* settings (flat names), as `doveconf -d` prints them. In the source the
 * four limits are `$SET:default_*`; -d prints them expanded.
 */
export const SERVICE_GLOBALS_24: Readonly<Record<string, string>> = {
  service_chroot: '',
  service_client_limit: '1000',
  service_drop_priv_before_exec: 'no',
  service_executable: '',
  service_extra_groups: '',
  service_group: '',
  service_idle_kill_interval: '1 mins',
  service_name: '',
  service_privileged_group: '',
  service_process_limit: '100',
  service_process_min_avail: '0',
  service_protocol: '',
  service_restart_request_count: 'unlimited',
  service_type: '',
  service_user: '',
  service_vsz_limit: '256 M',
};

/** Which global default_* setting each inherited service_* limit takes its value from. */
export const SERVICE_GLOBAL_SOURCES_24: Readonly<Record<string, string>> = {
  service_process_limit: 'default_process_limit',
  service_client_limit: 'default_client_limit',
  service_vsz_limit: 'default_vsz_limit',
  service_idle_kill_interval: 'default_idle_kill_interval',
};

/** The global listener settings (flat names), as `doveconf -d` prints them. */
export const LISTENER_GLOBALS_24: Readonly<Record<string, string>> = {
  unix_listener_group: '',
  unix_listener_mode: '0600',
  unix_listener_path: '',
  unix_listener_type: '',
  unix_listener_user: '',
  fifo_listener_group: '',
  fifo_listener_mode: '0600',
  fifo_listener_path: '',
  fifo_listener_type: '',
  fifo_listener_user: '',
  inet_listener_haproxy: 'no',
  inet_listener_name: '',
  inet_listener_port: '0',
  inet_listener_reuse_port: 'no',
  inet_listener_ssl: 'no',
  inet_listener_type: '',
};

const INTERNAL = '$SET:default_internal_user';
const INTERNAL_GROUP = '$SET:default_internal_group';
const LOGIN = '$SET:default_login_user';
const M600 = {mode: '0600'};
const M666 = {mode: '0666'};
const ADMIN = {mode: '0600', type: 'admin'};

function unix(name: string, settings: Record<string, string>): ListenerData {
  return {kind: 'unix_listener', name, settings};
}
function inet(name: string, settings: Record<string, string>): ListenerData {
  return {kind: 'inet_listener', name, settings};
}
/** Every 2.4 default filter lists these eight settings, most of them empty. */
function svc(
  name: string,
  settings: Record<string, string> & {executable: string},
  listeners: ListenerData[],
  otherFilterSettings?: string[],
): ServiceData {
  const always = {chroot: '', drop_priv_before_exec: 'no', group: '', privileged_group: '', protocol: '', type: '', user: ''};
  return {name, settings: {...always, ...settings}, listeners, ...(otherFilterSettings ? {otherFilterSettings} : {})};
}

export const SERVICES_24: readonly ServiceData[] = [
  svc('anvil', {executable: 'anvil', idle_kill_interval: 'infinite', process_limit: '1', process_min_avail: '1', type: 'anvil'}, [
    unix('anvil', M600),
    unix('anvil-auth-penalty', M600),
  ]),
  svc('auth', {executable: 'auth', process_limit: '1', user: INTERNAL}, [
    unix('auth-client', {mode: '0600', type: 'auth', user: INTERNAL}),
    unix('auth-login', {mode: '0600', type: 'login', user: INTERNAL}),
    unix('auth-master', {mode: '0600', type: 'master'}),
    unix('auth-userdb', {group: INTERNAL_GROUP, mode: '0666', type: 'userdb', user: INTERNAL}),
    unix('login/login', {mode: '0666', type: 'login'}),
    unix('token-login/tokenlogin', {mode: '0666', type: 'token-login'}),
  ]),
  svc('auth-worker', {client_limit: '1', executable: 'auth -w', process_limit: '30', type: 'worker'}, [
    unix('auth-worker', {mode: '0600', user: INTERNAL}),
  ]),
  svc('config', {executable: 'config', idle_kill_interval: 'infinite', type: 'config'}, [unix('config', M600)]),
  svc('dict', {client_limit: '1', executable: 'dict', user: INTERNAL}, [unix('dict', {group: INTERNAL_GROUP, mode: '0660'})]),
  svc('dict-async', {executable: 'dict', user: INTERNAL}, [unix('dict-async', {group: INTERNAL_GROUP, mode: '0660'})]),
  svc('dict-expire', {client_limit: '1', executable: 'dict-expire', process_limit: '1', user: INTERNAL}, []),
  svc('dns-client', {client_limit: '1', executable: 'dns-client', user: INTERNAL}, [unix('dns-client', M666), unix('login/dns-client', M666)]),
  svc('doveadm', {client_limit: '1', executable: 'doveadm-server', extra_groups: INTERNAL_GROUP, restart_request_count: '1'}, [
    unix('doveadm-server', {mode: '0600', type: 'tcp'}),
  ]),
  svc('health-check', {client_limit: '1', drop_priv_before_exec: 'yes', executable: 'script -p health-check.sh', user: INTERNAL}, []),
  svc(
    'imap',
    {
      client_limit: '1',
      executable: 'imap',
      extra_groups: INTERNAL_GROUP,
      process_limit: '1024',
      protocol: 'imap',
      restart_request_count: '1',
    },
    [unix('imap-master', {mode: '0600', type: 'master'}), unix('login/imap', {mode: '0666', type: 'login'}), unix('srv.imap/%{pid}', ADMIN)],
    ['imap_capability'],
  ),
  svc('imap-hibernate', {executable: 'imap-hibernate', protocol: 'imap', user: INTERNAL}, [
    unix('imap-hibernate', {group: INTERNAL_GROUP, mode: '0660'}),
    unix('srv.imap-hibernate/%{pid}', ADMIN),
  ]),
  svc(
    'imap-login',
    {chroot: 'login', executable: 'imap-login', protocol: 'imap', restart_request_count: '1', type: 'login', user: LOGIN},
    [unix('srv.imap-login/%{pid}', ADMIN), inet('imap', {port: '143'}), inet('imaps', {port: '993', ssl: 'yes'})],
    ['imap_capability'],
  ),
  svc(
    'imap-urlauth',
    {client_limit: '1', executable: 'imap-urlauth', process_limit: '1024', protocol: 'imap', restart_request_count: '1', user: INTERNAL},
    [unix('token-login/imap-urlauth', M666)],
  ),
  svc(
    'imap-urlauth-login',
    {chroot: 'token-login', executable: 'imap-urlauth-login', protocol: 'imap', restart_request_count: '1', type: 'login', user: LOGIN},
    [unix('imap-urlauth', M666)],
  ),
  svc(
    'imap-urlauth-worker',
    {
      client_limit: '1',
      executable: 'imap-urlauth-worker',
      extra_groups: INTERNAL_GROUP,
      process_limit: '1024',
      protocol: 'imap',
      restart_request_count: '1',
    },
    [unix('imap-urlauth-worker', {mode: '0600', user: INTERNAL})],
  ),
  svc('indexer', {executable: 'indexer', process_limit: '1', user: INTERNAL}, [unix('indexer', M666)]),
  svc(
    'indexer-worker',
    {client_limit: '1', executable: 'indexer-worker', extra_groups: INTERNAL_GROUP, process_limit: '10', type: 'worker'},
    [unix('indexer-worker', {mode: '0600', user: INTERNAL}), unix('srv.indexer-worker/%{pid}', ADMIN)],
  ),
  svc(
    'lmtp',
    {client_limit: '1', executable: 'lmtp', extra_groups: INTERNAL_GROUP, protocol: 'lmtp', restart_request_count: '1'},
    [unix('lmtp', M666)],
  ),
  svc('log', {executable: 'log', idle_kill_interval: 'infinite', process_limit: '1', type: 'log'}, [
    unix('log-errors', {mode: '0600', type: 'errors'}),
  ]),
  svc('managesieve', {client_limit: '1', executable: 'managesieve', protocol: 'sieve', restart_request_count: '1'}, [
    unix('login/sieve', M666),
    unix('srv.managesieve/%{pid}', ADMIN),
  ]),
  svc(
    'managesieve-login',
    {chroot: 'login', executable: 'managesieve-login', protocol: 'sieve', restart_request_count: '1', type: 'login', user: LOGIN},
    [unix('srv.managesieve-login/%{pid}', ADMIN), inet('sieve', {port: '4190'})],
  ),
  svc(
    'pop3',
    {
      client_limit: '1',
      executable: 'pop3',
      extra_groups: INTERNAL_GROUP,
      process_limit: '1024',
      protocol: 'pop3',
      restart_request_count: '1',
    },
    [unix('login/pop3', M666), unix('srv.pop3/%{pid}', ADMIN)],
  ),
  svc(
    'pop3-login',
    {chroot: 'login', executable: 'pop3-login', protocol: 'pop3', restart_request_count: '1', type: 'login', user: LOGIN},
    [unix('srv.pop3-login/%{pid}', ADMIN), inet('pop3', {port: '110'}), inet('pop3s', {port: '995', ssl: 'yes'})],
  ),
  svc('stats', {executable: 'stats', idle_kill_interval: 'infinite', process_limit: '1', user: INTERNAL}, [
    unix('login/stats-writer', {mode: '0600', type: 'writer', user: LOGIN}),
    unix('stats-reader', {mode: '0600', type: 'reader'}),
    unix('stats-writer', {group: INTERNAL_GROUP, mode: '0660', type: 'writer'}),
  ]),
  svc(
    'submission',
    {
      client_limit: '1',
      executable: 'submission',
      extra_groups: INTERNAL_GROUP,
      process_limit: '1024',
      protocol: 'submission',
      restart_request_count: '1',
    },
    [unix('login/submission', M666), unix('srv.submission/%{pid}', ADMIN)],
  ),
  svc(
    'submission-login',
    {chroot: 'login', executable: 'submission-login', protocol: 'submission', restart_request_count: '1', type: 'login', user: LOGIN},
    [unix('srv.submission-login/%{pid}', ADMIN), inet('submission', {port: '587'}), inet('submissions', {port: '465', ssl: 'yes'})],
  ),
];

/** Services for which 2.4 doveconf refuses process_limit > 1 (process_limit_1 = TRUE). */
export const PROCESS_LIMIT_1_24: readonly string[] = ['anvil', 'auth', 'indexer', 'log'];

/** The dovecot_config_version values the 2.4.1 binary accepts. */
export const SUPPORTED_CONFIG_VERSIONS_24: readonly string[] = ['2.4.0', '2.4.1', '2.4.2', '2.4.3', '2.4.4'];
export const DEFAULT_CONFIG_VERSION_24 = '2.4.1';

/**
 * Service defaults that changed within 2.4 and therefore depend on dovecot_config_version: the
 * filter value `before` applies to config versions older than `since`. (`doveconf -n` of a
 * 2.4.0 file reports "4 default setting changes since version 2.4.0"; two are service
 * settings, listed here. lmtp_user_concurrency_limit, 0 → 10, is another.)
 */
export interface ConfigVersionChange {
  readonly since: string;
  readonly service: string;
  /** Set when the setting belongs to one of the service's listeners. */
  readonly listener?: {readonly kind: 'unix_listener' | 'fifo_listener' | 'inet_listener'; readonly name: string};
  readonly setting: string;
  readonly before: string;
}

export const CONFIG_VERSION_CHANGES_24: readonly ConfigVersionChange[] = [
  {since: '2.4.1', service: 'lmtp', setting: 'restart_request_count', before: 'unlimited'},
  {since: '2.4.1', service: 'auth', listener: {kind: 'unix_listener', name: 'auth-userdb'}, setting: 'group', before: ''},
];
