/**
 * What Dovecot 2.4 has instead of the top-level settings only 2.3 knows (names.ts), from
 * the "Converted Settings" and "Removed Features" tables of the 2.3 to 2.4 upgrade guide
 * (UPGRADE_GUIDE). `to` is the 2.4 setting to write, when there is one; every `to` is checked
 * against the real doveconf 2.4.1 by tests/doveconf/version-names.test.ts.
 */

export const UPGRADE_GUIDE = 'https://doc.dovecot.org/main/installation/upgrade/2.3-to-2.4.html';

export interface Replacement {
  /** The 2.4 setting that takes its place (of `service`, when it is a service setting). */
  to?: string;
  service?: string;
  /** What to write instead, in one sentence (setting names in backticks). */
  note: string;
}

const renamed = (to: string, extra = ''): Replacement => ({to, note: `2.4 renamed it to \`${to}\`${extra}.`});
const file = (to: string): Replacement => renamed(to, ', which takes a path (no `<` before it)');
const gone = (why: string): Replacement => ({note: `2.4 removed it: ${why}.`});

export const REPLACED_IN_24: Readonly<Record<string, Replacement>> = {
  auth_default_realm: renamed('auth_default_domain'),
  auth_policy_server_timeout_msecs: {to: 'http_client_request_timeout', note: 'In 2.4 it is `http_client_request_timeout` inside the `auth_policy { }` block.'},
  auth_stats: gone('there is no replacement setting'),
  auth_worker_max_count: {to: 'process_limit', service: 'auth-worker', note: 'In 2.4 the number of auth workers is the process_limit of the auth-worker service: `service auth-worker { process_limit = N }`.'},
  default_idle_kill: renamed('default_idle_kill_interval'),
  dict_db_config: gone('Berkeley DB dictionaries are no longer supported'),
  disable_plaintext_auth: {to: 'auth_allow_cleartext', note: '2.4 replaced it with `auth_allow_cleartext`, which means the opposite: `disable_plaintext_auth = yes` is `auth_allow_cleartext = no`.'},
  doveadm_http_rawlog_dir: {to: 'http_client_rawlog_dir', note: 'In 2.4 it is `http_client_rawlog_dir` inside the `doveadm_server { }` block.'},
  imap_id_log: gone('the `imap_id_received` event replaces it'),
  imapc_ssl_verify: {to: 'ssl_client_require_valid_cert', note: '2.4 dropped it for the global `ssl_client_require_valid_cert`.'},
  login_access_sockets: gone('use an auth Lua script instead; 2.4 refuses to start with it'),
  mail_attachment_dir: renamed('mail_ext_attachment_path'),
  mail_attachment_fs: {note: 'In 2.4 it is `fs` inside the `mail_ext_attachment { }` block.'},
  mail_attachment_hash: renamed('mail_ext_attachment_hash'),
  mail_attachment_min_size: renamed('mail_ext_attachment_min_size'),
  mail_attribute_dict: {note: 'In 2.4 it is `dict` inside the `mail_attribute { }` block.'},
  mail_location: {to: 'mail_path', note: '2.4 split it into `mail_driver` and `mail_path` (and `mail_index_path`, `mail_control_path`, `mail_inbox_path` for the INDEX=, CONTROL=, INBOX= parts): `mail_location = maildir:~/Maildir` becomes `mail_driver = maildir` and `mail_path = ~/Maildir`.'},
  ssl_alt_cert: file('ssl_server_alt_cert_file'),
  ssl_alt_key: file('ssl_server_alt_key_file'),
  ssl_ca: {to: 'ssl_server_ca_file', note: '2.4 split it into `ssl_server_ca_file` (client certificates) and `ssl_client_ca_file` (outgoing connections); both take a path, no `<`.'},
  ssl_cert: file('ssl_server_cert_file'),
  ssl_cert_username_field: renamed('ssl_server_cert_username_field'),
  ssl_client_cert: file('ssl_client_cert_file'),
  ssl_client_key: file('ssl_client_key_file'),
  ssl_dh: file('ssl_server_dh_file'),
  ssl_key: file('ssl_server_key_file'),
  ssl_key_password: renamed('ssl_server_key_password'),
  ssl_prefer_server_ciphers: {to: 'ssl_server_prefer_ciphers', note: '2.4 replaced it with `ssl_server_prefer_ciphers` (`client` or `server`).'},
  ssl_require_crl: renamed('ssl_server_require_crl'),
  ssl_verify_client_cert: renamed('ssl_server_request_client_cert'),
  stats_http_rawlog_dir: {to: 'http_client_rawlog_dir', note: 'In 2.4 it is `http_client_rawlog_dir` inside the `stats_server { }` block.'},
  verbose_ssl: {to: 'log_debug', note: 'In 2.4 SSL debugging is a log filter: `log_debug = category=ssl`.'},
};

/** The replacement of a 2.3-only name, by its prefix for the removed families. */
export function replacementIn24(name: string): Replacement | undefined {
  const own = REPLACED_IN_24[name];
  if (own) return own;
  if (name.startsWith('director_')) return gone('the director architecture is gone');
  if (name.startsWith('replication_') || name.startsWith('replicator_')) return gone('the replicator is gone; use a shared filesystem or `doveadm sync`');
  if (name.startsWith('old_stats_')) return gone('the old stats plugin is gone; the stats service and metrics replace it');
  return undefined;
}
