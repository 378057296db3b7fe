// Dovecot 2.4 "flat" spellings of service settings, mapped back to the block
// form: `service_process_limit` (global default for all services),
// `service/imap/service_process_limit` = `service imap { process_limit }`.
//
// Evidence: 2.4.1 doveconf accepts `service/imap-login/service_process_min_avail = 2`
// and prints it as `service imap-login { process_min_avail = 2 }` (probe 26);
// 2.4.1 config-parser.c config_apply_line_full() resolves `service/NAME/` and
// `service/NAME/inet_listener/NAME/` prefixes and auto-prefixes short names
// (`service/imap/process_limit` -> service_process_limit inside the filter).
// Deliberately conservative: only the setting names below are recognised;
// anything else returns null.

/** Settings of a 2.4 service (`doveconf -a`: service_*), without the prefix. */
export const SERVICE_SETTINGS: readonly string[] = [
  'chroot',
  'client_limit',
  'drop_priv_before_exec',
  'executable',
  'extra_groups',
  'group',
  'idle_kill_interval',
  'privileged_group',
  'process_limit',
  'process_min_avail',
  'protocol',
  'restart_request_count',
  'type',
  'user',
  'vsz_limit',
];

export type ListenerType = 'inet_listener' | 'unix_listener' | 'fifo_listener';

/** Listener settings in 2.4 (`doveconf -a`: inet_listener_*, unix_listener_*, fifo_listener_*). */
export const LISTENER_SETTINGS: Readonly<Record<ListenerType, readonly string[]>> = {
  inet_listener: ['port', 'ssl', 'haproxy', 'reuse_port', 'type'],
  unix_listener: ['path', 'mode', 'user', 'group', 'type'],
  fifo_listener: ['path', 'mode', 'user', 'group', 'type'],
};

export type FlatServiceSetting =
  | {scope: 'global'; setting: string}
  | {scope: 'service'; service: string; setting: string}
  | {
      scope: 'listener';
      service: string;
      listener: {type: ListenerType; name: string};
      setting: string;
    };

function serviceSetting(name: string, allowShort: boolean): string | null {
  if (name.startsWith('service_') && SERVICE_SETTINGS.includes(name.slice(8))) return name.slice(8);
  if (allowShort && SERVICE_SETTINGS.includes(name)) return name;
  return null;
}

function isListenerType(word: string): word is ListenerType {
  return word === 'inet_listener' || word === 'unix_listener' || word === 'fifo_listener';
}

/**
 * Maps a 2.4 flat key to what it configures, or null if it is not one:
 *   service_process_limit                          -> {scope:'global', setting:'process_limit'}
 *   service/imap/service_process_limit             -> {scope:'service', service:'imap', setting:'process_limit'}
 *   service/imap/process_limit                     -> same (2.4 auto-prefixes inside the filter)
 *   service/imap-login/inet_listener/imaps/port    -> {scope:'listener', ..., setting:'port'}
 *   service/imap-login/inet_listener/imaps/inet_listener_port -> same
 */
export function expandFlatServiceSetting(key: string): FlatServiceSetting | null {
  const parts = key.split('/');
  if (parts.some((p) => p === '')) return null;
  if (parts.length === 1) {
    const setting = serviceSetting(key, false);
    return setting === null ? null : {scope: 'global', setting};
  }
  if (parts[0] !== 'service') return null;
  if (parts.length === 3) {
    const setting = serviceSetting(parts[2], true);
    return setting === null ? null : {scope: 'service', service: parts[1], setting};
  }
  if (parts.length === 5 && isListenerType(parts[2])) {
    const type = parts[2];
    const known = LISTENER_SETTINGS[type];
    const raw = parts[4];
    const setting = raw.startsWith(`${type}_`) ? raw.slice(type.length + 1) : raw;
    if (!known.includes(setting)) return null;
    return {scope: 'listener', service: parts[1], listener: {type, name: parts[3]}, setting};
  }
  return null;
}
