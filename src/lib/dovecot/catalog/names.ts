/**
 * Setting names per Dovecot version. Every renamed setting maps both ways, so content can name
 * a setting by either version's name and print the one of the version being shown.
 */
import type {DovecotVersion} from '../../version';

/** 2.3 name → 2.4 name, for the service and process settings this site covers. */
export const RENAMED_23_TO_24: Readonly<Record<string, string>> = {
  service_count: 'restart_request_count',
  idle_kill: 'idle_kill_interval',
  default_idle_kill: 'default_idle_kill_interval',
};

const RENAMED_24_TO_23: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RENAMED_23_TO_24).map(([a, b]) => [b, a]),
);

/** The name `name` (given in either version's spelling) has in `version`. */
export function nameIn(version: DovecotVersion, name: string): string {
  if (version === '2.4') return RENAMED_23_TO_24[name] ?? name;
  return RENAMED_24_TO_23[name] ?? name;
}

/** The anchor of a setting on /settings: its 2.4 name (2.3 names resolve to it as aliases). */
export function settingAnchor(name: string): string {
  return nameIn('2.4', name);
}
