/**
 * The Dovecot 1.x / 2.0 setting names 2.3 still reads, and what it makes of them
 * (src/config/old-set-parser.c of 2.3.19.1): doveconf's checks (rules.ts) take them as an option
 * (OBSOLETE_23_NAMES), given for pasted texts by the explainer; the calculator's and generator's
 * configs never hold them, so their pages do not ship this table. 2.4.1 refuses them all as
 * unknown settings. Checked with both binaries by
 * tests/doveconf/version-names.test.ts and tests/doveconf/obsolete.test.ts.
 */

/** A table without Object's properties: a setting named `constructor` finds nothing in it. */
function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/**
 * Each name with the warning 2.3 prints after `Obsolete setting in FILE:LINE: `. (The
 * `ssl_*_file` ones warn only when the value is not empty.)
 */
export const OBSOLETE_23: Readonly<Record<string, string>> = table({
  login_chroot: 'login_chroot has been replaced by service { chroot }',
  login_user: 'login_user has been replaced by service { user }',
  login_executable: 'login_executable has been replaced by service { executable }',
  login_process_size: 'login_process_size has been replaced by service { vsz_limit }',
  login_process_per_connection: 'login_process_per_connection has been replaced by service { service_count }',
  login_processes_count: 'login_processes_count has been replaced by service { process_min_avail }',
  login_max_processes_count: 'login_max_processes_count has been replaced by service { process_limit }',
  login_max_connections: 'login_max_connections has been replaced by service { client_limit }',
  max_mail_processes: 'max_mail_processes has been replaced by service { process_limit }',
  mail_executable: 'mail_executable has been replaced by service { executable }',
  mail_process_size: 'mail_process_size has been replaced by service { vsz_limit }',
  mail_drop_priv_before_exec: 'mail_drop_priv_before_exec has been replaced by service { drop_priv_before_exec }',
  auth_executable: 'auth_executable has been replaced by service auth { executable }',
  auth_process_size: 'auth_process_size has been replaced by service auth { vsz_limit }',
  auth_user: 'auth_user has been replaced by service auth { user }',
  auth_chroot: 'auth_chroot has been replaced by service auth { chroot }',
  ssl_cert_file: 'ssl_cert_file has been replaced by ssl_cert = <file',
  ssl_key_file: 'ssl_key_file has been replaced by ssl_key = <file',
  ssl_ca_file: 'ssl_ca_file has been replaced by ssl_ca = <file',
  ssl_disable: 'ssl_disable has been renamed to ssl',
  fsync_disable: 'fsync_disable has been renamed to mail_fsync',
  dbox_rotate_size: 'dbox_rotate_size has been renamed to mdbox_rotate_size',
  ssl_parameters_regenerate: 'ssl_parameters_regenerate is no longer needed',
  ssl_dh_parameters_length: 'ssl_dh_parameters_length is no longer needed',
  ssl_protocols: 'ssl_protocols has been replaced by ssl_min_protocol',
  login_dir: 'login_dir has been removed',
  dbox_rotate_min_size: 'dbox_rotate_min_size has been removed',
  dbox_rotate_days: 'dbox_rotate_days has been removed',
  director_consistent_hashing: 'director_consistent_hashing has been removed',
  mail_log_max_lines_per_sec: 'mail_log_max_lines_per_sec has been removed',
  maildir_copy_preserve_filename: 'maildir_copy_preserve_filename has been removed',
});

/** What a 1.x name of OBSOLETE_23 sets in 2.3: a setting of the login, mail or auth services. */
export interface ObsoleteServiceSetting {
  services: 'login' | 'mail' | 'auth';
  /** The 2.3 service setting. */
  setting: string;
  /** Its value, from the old one (old-set-parser.c: sizes were megabytes, yes/no became 1/0). */
  value: (old: string) => string;
}

const same = (v: string) => v;

export const OBSOLETE_23_SERVICE: Readonly<Record<string, ObsoleteServiceSetting>> = table({
  login_chroot: {services: 'login', setting: 'chroot', value: (v) => (v === 'no' ? '' : 'login')},
  login_user: {services: 'login', setting: 'user', value: same},
  login_executable: {services: 'login', setting: 'executable', value: same},
  login_process_size: {services: 'login', setting: 'vsz_limit', value: (v) => `${v} M`},
  login_process_per_connection: {services: 'login', setting: 'service_count', value: (v) => (v === 'no' ? '0' : '1')},
  login_processes_count: {services: 'login', setting: 'process_min_avail', value: same},
  login_max_processes_count: {services: 'login', setting: 'process_limit', value: same},
  login_max_connections: {services: 'login', setting: 'client_limit', value: same},
  max_mail_processes: {services: 'mail', setting: 'process_limit', value: same},
  mail_executable: {services: 'mail', setting: 'executable', value: same},
  mail_process_size: {services: 'mail', setting: 'vsz_limit', value: (v) => `${v} M`},
  mail_drop_priv_before_exec: {services: 'mail', setting: 'drop_priv_before_exec', value: same},
  auth_executable: {services: 'auth', setting: 'executable', value: same},
  auth_process_size: {services: 'auth', setting: 'vsz_limit', value: (v) => `${v} M`},
  auth_user: {services: 'auth', setting: 'user', value: same},
  auth_chroot: {services: 'auth', setting: 'chroot', value: same},
});

/**
 * The services 2.3 applies such a name to: at the top of the config all of imap, pop3 and
 * managesieve's (login or mail) services, inside `protocol NAME { }` that protocol's only.
 */
export function obsoleteServices(kind: ObsoleteServiceSetting['services'], protocol: string | null): string[] {
  if (kind === 'auth') return ['auth'];
  const all = kind === 'login' ? ['imap-login', 'pop3-login', 'managesieve-login'] : ['imap', 'pop3', 'managesieve'];
  if (protocol === null) return all;
  const i = ['imap', 'pop3', 'sieve'].indexOf(protocol);
  return i < 0 ? [] : [all[i]];
}

/** The tables above, as rules.ts takes them (RulesOptions.obsolete23). */
export interface Obsolete23 {
  names: Readonly<Record<string, string>>;
  services: Readonly<Record<string, ObsoleteServiceSetting>>;
  servicesFor: typeof obsoleteServices;
}

export const OBSOLETE_23_NAMES: Obsolete23 = {names: OBSOLETE_23, services: OBSOLETE_23_SERVICE, servicesFor: obsoleteServices};
