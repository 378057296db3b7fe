/**
 * Dovecot 2.3.19.1 (Debian 12) services, from `doveconf -a -c EMPTYFILE`. 2.3 prints every
 * setting of every service, so each service is written here as the 2.3 base plus what differs.
 */
import type {ListenerData, ServiceData} from './types';
import {UOFF_T_MAX_TEXT} from './values';

/** What a 2.3 service block holds when the service sets nothing itself. */
export const SERVICE_BASE_23: Readonly<Record<string, string>> = {
  chroot: '',
  client_limit: '0',
  drop_priv_before_exec: 'no',
  executable: '',
  extra_groups: '',
  group: '',
  idle_kill: '0',
  privileged_group: '',
  process_limit: '0',
  process_min_avail: '0',
  protocol: '',
  service_count: '0',
  type: '',
  user: '',
  vsz_limit: UOFF_T_MAX_TEXT,
};

/** What a 2.3 unix/fifo listener holds when it sets nothing itself. */
export const FILE_LISTENER_BASE_23: Readonly<Record<string, string>> = {group: '', mode: '0600', user: ''};
/** What a 2.3 inet listener holds besides its port. */
export const INET_LISTENER_BASE_23: Readonly<Record<string, string>> = {address: '', haproxy: 'no', reuse_port: 'no', ssl: 'no'};

const NEVER = '4294967295 secs';
const INTERNAL = '$default_internal_user';
const INTERNAL_GROUP = '$default_internal_group';
const LOGIN = '$default_login_user';

function unix(name: string, settings: Record<string, string> = {}): ListenerData {
  return {kind: 'unix_listener', name, settings};
}
function fifo(name: string, settings: Record<string, string> = {}): ListenerData {
  return {kind: 'fifo_listener', name, settings};
}
function inet(name: string, port: string, settings: Record<string, string> = {}): ListenerData {
  return {kind: 'inet_listener', name, settings: {port, ...settings}};
}
function svc(name: string, settings: Record<string, string>, listeners: ListenerData[]): ServiceData {
  return {name, settings, listeners};
}

export const SERVICES_23: readonly ServiceData[] = [
  svc('aggregator', {chroot: '.', executable: 'aggregator', user: INTERNAL}, [
    fifo('replication-notify-fifo'),
    unix('replication-notify'),
  ]),
  svc(
    'anvil',
    {chroot: 'empty', executable: 'anvil', idle_kill: NEVER, process_limit: '1', process_min_avail: '1', type: 'anvil', user: INTERNAL},
    [unix('anvil-auth-penalty'), unix('anvil')],
  ),
  svc('auth', {executable: 'auth', process_limit: '1', user: INTERNAL}, [
    unix('auth-client', {user: INTERNAL}),
    unix('auth-login', {user: INTERNAL}),
    unix('auth-master'),
    unix('auth-userdb', {mode: '0666', user: INTERNAL}),
    unix('login/login', {mode: '0666'}),
    unix('token-login/tokenlogin', {mode: '0666'}),
  ]),
  svc('auth-worker', {client_limit: '1', executable: 'auth -w', type: 'worker'}, [unix('auth-worker', {user: INTERNAL})]),
  svc('config', {executable: 'config', idle_kill: NEVER, type: 'config'}, [unix('config')]),
  svc('dict', {client_limit: '1', executable: 'dict', user: INTERNAL}, [unix('dict', {group: INTERNAL_GROUP, mode: '0660'})]),
  svc('dict-async', {executable: 'dict', user: INTERNAL}, [unix('dict-async', {group: INTERNAL_GROUP, mode: '0660'})]),
  svc('director', {chroot: '.', executable: 'director', idle_kill: NEVER, process_limit: '1', user: INTERNAL}, [
    fifo('login/proxy-notify', {mode: '00'}),
    unix('director-admin'),
    unix('login/director', {mode: '00'}),
  ]),
  svc('dns-client', {client_limit: '1', executable: 'dns-client', user: INTERNAL}, [
    unix('dns-client', {mode: '0666'}),
    unix('login/dns-client', {mode: '0666'}),
  ]),
  svc('doveadm', {client_limit: '1', executable: 'doveadm-server', extra_groups: INTERNAL_GROUP, service_count: '1'}, [
    unix('doveadm-server'),
  ]),
  svc('health-check', {client_limit: '1', drop_priv_before_exec: 'yes', executable: 'script -p health-check.sh', user: INTERNAL}, []),
  svc(
    'imap',
    {client_limit: '1', executable: 'imap', extra_groups: INTERNAL_GROUP, process_limit: '1024', protocol: 'imap', service_count: '1'},
    [unix('imap-master'), unix('login/imap', {mode: '0666'})],
  ),
  svc('imap-hibernate', {executable: 'imap-hibernate', protocol: 'imap', user: INTERNAL}, [
    unix('imap-hibernate', {group: INTERNAL_GROUP, mode: '0660'}),
  ]),
  svc(
    'imap-login',
    {chroot: 'login', executable: 'imap-login', protocol: 'imap', service_count: '1', type: 'login', user: LOGIN},
    [inet('imap', '143'), inet('imaps', '993', {ssl: 'yes'})],
  ),
  svc(
    'imap-urlauth',
    {client_limit: '1', executable: 'imap-urlauth', process_limit: '1024', protocol: 'imap', service_count: '1', user: INTERNAL},
    [unix('token-login/imap-urlauth', {mode: '0666'})],
  ),
  svc(
    'imap-urlauth-login',
    {chroot: 'token-login', executable: 'imap-urlauth-login', protocol: 'imap', service_count: '1', type: 'login', user: LOGIN},
    [unix('imap-urlauth', {mode: '0666'})],
  ),
  svc(
    'imap-urlauth-worker',
    {
      client_limit: '1',
      executable: 'imap-urlauth-worker',
      extra_groups: INTERNAL_GROUP,
      process_limit: '1024',
      protocol: 'imap',
      service_count: '1',
    },
    [unix('imap-urlauth-worker', {user: INTERNAL})],
  ),
  svc('indexer', {executable: 'indexer', process_limit: '1', user: INTERNAL}, [unix('indexer', {mode: '0666'})]),
  svc(
    'indexer-worker',
    {client_limit: '1', executable: 'indexer-worker', extra_groups: INTERNAL_GROUP, process_limit: '10', type: 'worker'},
    [unix('indexer-worker', {user: INTERNAL})],
  ),
  svc('ipc', {chroot: 'empty', executable: 'ipc', process_limit: '1', user: INTERNAL}, [
    unix('ipc', {user: INTERNAL}),
    unix('login/ipc-proxy', {user: LOGIN}),
  ]),
  svc('lmtp', {client_limit: '1', executable: 'lmtp', extra_groups: INTERNAL_GROUP, protocol: 'lmtp'}, [unix('lmtp', {mode: '0666'})]),
  svc('log', {executable: 'log', idle_kill: NEVER, process_limit: '1', type: 'log'}, [unix('log-errors')]),
  svc('managesieve', {client_limit: '1', executable: 'managesieve', protocol: 'sieve', service_count: '1'}, [
    unix('login/sieve', {mode: '0666'}),
  ]),
  svc(
    'managesieve-login',
    {chroot: 'login', executable: 'managesieve-login', protocol: 'sieve', service_count: '1', type: 'login', user: LOGIN},
    [inet('sieve', '4190')],
  ),
  svc('old-stats', {chroot: 'empty', executable: 'old-stats', idle_kill: NEVER, process_limit: '1', user: INTERNAL}, [
    fifo('old-stats-mail'),
    fifo('old-stats-user'),
    unix('old-stats'),
  ]),
  svc(
    'pop3',
    {client_limit: '1', executable: 'pop3', extra_groups: INTERNAL_GROUP, process_limit: '1024', protocol: 'pop3', service_count: '1'},
    [unix('login/pop3', {mode: '0666'})],
  ),
  svc(
    'pop3-login',
    {chroot: 'login', executable: 'pop3-login', protocol: 'pop3', service_count: '1', type: 'login', user: LOGIN},
    [inet('pop3', '110'), inet('pop3s', '995', {ssl: 'yes'})],
  ),
  svc('replicator', {executable: 'replicator', idle_kill: NEVER, process_limit: '1'}, [
    unix('replicator-doveadm', {mode: '00', user: INTERNAL}),
    unix('replicator', {user: INTERNAL}),
  ]),
  svc('stats', {executable: 'stats', idle_kill: NEVER, process_limit: '1', user: INTERNAL}, [
    unix('login/stats-writer', {user: LOGIN}),
    unix('stats-reader'),
    unix('stats-writer', {group: INTERNAL_GROUP, mode: '0660'}),
  ]),
  svc(
    'submission',
    {
      client_limit: '1',
      executable: 'submission',
      extra_groups: INTERNAL_GROUP,
      process_limit: '1024',
      protocol: 'submission',
      service_count: '1',
    },
    [unix('login/submission', {mode: '0666'})],
  ),
  svc(
    'submission-login',
    {chroot: 'login', executable: 'submission-login', protocol: 'submission', service_count: '1', type: 'login', user: LOGIN},
    [inet('submission', '587')],
  ),
  svc('tcpwrap', {client_limit: '1', executable: 'tcpwrap', user: INTERNAL}, []),
];

/** Services for which 2.3 doveconf refuses process_limit > 1 (process_limit_1 = TRUE). */
export const PROCESS_LIMIT_1_23: readonly string[] = ['anvil', 'auth', 'director', 'indexer', 'ipc', 'log', 'old-stats', 'replicator'];
