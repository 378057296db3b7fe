/**
 * The text a page prints for a built-in default: a service setting's value in force (after 2.3's
 * 0 → default_* and 2.4's inheritance from service_*), or a global's default, as doveconf writes
 * it. Unknown names throw, so a typo in a page fails the build instead of printing nonsense.
 */
import type {DovecotVersion} from '../version';
import {getSettingDef, globalDefault, serviceDefaults, settingName} from './catalog';

export type DefaultText = {text: string; note?: string};

export function defaultText(version: DovecotVersion, setting: string, service?: string): DefaultText {
  const def = getSettingDef(setting);
  if (!def) throw new RangeError(`Default: unknown setting ${JSON.stringify(setting)}`);
  const name = settingName(version, setting);
  if (!name) return {text: '—', note: `Dovecot ${version} has no ${setting}`};
  if (!service) {
    const value = globalDefault(version, setting);
    if (value === undefined || value === null) return {text: '—', note: `doveconf ${version} prints no default`};
    return {text: value === '' ? '(empty)' : value};
  }
  const resolved = serviceDefaults(version, service).settings[name];
  if (!resolved) throw new RangeError(`Default: ${setting} is not a service setting in Dovecot ${version}`);
  const text = resolved.effective === '' ? '(empty)' : resolved.effective;
  return resolved.from && resolved.raw !== null ? {text, note: `${resolved.raw} in the service, meaning ${resolved.from}`} : {text};
}
