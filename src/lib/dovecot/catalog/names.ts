/**
 * Setting names per Dovecot version. Every renamed setting maps both ways, so content can name
 * a setting by either version's name and print the one of the version being shown. The data
 * comes from the settings catalog (settings.ts), so a rename is recorded in one place only.
 */
import type {DovecotVersion} from '../../version';
import {SETTINGS} from './settings';

function renames(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of SETTINGS) {
    const a = def.versions['2.3'];
    const b = def.versions['2.4'];
    if (a && b && a.name !== b.name && (def.scope === 'service' || def.scope === 'global')) out[a.name] = b.name;
  }
  return out;
}

/** 2.3 name → 2.4 name, for the service and process settings this site covers. */
export const RENAMED_23_TO_24: Readonly<Record<string, string>> = renames();

const RENAMED_24_TO_23: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RENAMED_23_TO_24).map(([a, b]) => [b, a]),
);

/** The name `name` (given in either version's spelling) has in `version`. */
export function nameIn(version: DovecotVersion, name: string): string {
  if (version === '2.4') return RENAMED_23_TO_24[name] ?? name;
  return RENAMED_24_TO_23[name] ?? name;
}

/**
 * The anchor of a setting on /settings: the catalog id (the 2.4 name where 2.4 has the setting);
 * 2.3 names and 2.4 flat names resolve to it. Unknown names are returned in their 2.4 spelling.
 */
export function settingAnchor(name: string): string {
  for (const def of SETTINGS) {
    if (def.id === name) return def.id;
  }
  for (const def of SETTINGS) {
    if (def.scope !== 'service' && def.scope !== 'global') continue;
    if (Object.values(def.versions).some((v) => v && (v.name === name || v.flatName === name))) return def.id;
  }
  return nameIn('2.4', name);
}
