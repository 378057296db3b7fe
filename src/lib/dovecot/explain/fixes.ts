/**
 * The concrete fix for each problem this tool recognises, shared by the log-line recognisers and
 * the doveconf checks: the setting to change, the value, a sentence, and the calculator state
 * that shows the result. Setting names come from the catalog in the version's own spelling.
 */
import type {DovecotVersion} from '../../version';
import {globalDefault, settingName} from '../catalog';
import type {CalculatorSettings} from '../calculator/types';
import type {Fix} from './types';

const NAMES: Record<DovecotVersion, Map<string, string>> = {'2.3': new Map(), '2.4': new Map()};

/** The version's name of a service setting given by its catalog id (looked up once per id). */
export function nameOf(version: DovecotVersion, id: string): string {
  let name = NAMES[version].get(id);
  if (name === undefined) {
    name = settingName(version, id, 'service') ?? id;
    NAMES[version].set(id, name);
  }
  return name;
}

const CALC_FIELDS: readonly (keyof CalculatorSettings)[] = [
  'process_limit',
  'client_limit',
  'restart_request_count',
  'process_min_avail',
  'vsz_limit',
];

function calcField(id: string): keyof CalculatorSettings | null {
  return (CALC_FIELDS as readonly string[]).includes(id) ? (id as keyof CalculatorSettings) : null;
}

/** "raise `service auth { client_limit }` to at least 1224", with the calculator prefilled. */
export function settingFix(
  version: DovecotVersion,
  service: string,
  id: string,
  value: string,
  sentence: string,
): Fix {
  const fix: Fix = {text: sentence, service, setting: nameOf(version, id)};
  if (value !== '') fix.value = value;
  const field = calcField(id);
  fix.calculator = {version, service, settings: field && value !== '' ? {[field]: value} : {}};
  return fix;
}

/** `service NAME { setting }` in the version's names. */
export function ref(version: DovecotVersion, service: string, id: string): string {
  return `\`service ${service} { ${nameOf(version, id)} }\``;
}

export function raiseTo(version: DovecotVersion, service: string, id: string, value: number | string): Fix {
  return settingFix(version, service, id, String(value), `Raise ${ref(version, service, id)} to at least ${value}.`);
}

export function defaultVszLimit(version: DovecotVersion): string {
  return globalDefault(version, 'default_vsz_limit') ?? '256 M';
}

/**
 * "vsz_limit is too low": a size a process can start with, never the 1 MiB floor doveconf checks
 * (a process needs tens of MB of address space to load its libraries; 4M already fails with
 * "failed to map segment from shared object"). No limit is 0 in 2.3, which refuses `unlimited`
 * ("Invalid size: unlimited"), and `unlimited` in 2.4, which refuses 0.
 */
export function vszTooLowFix(version: DovecotVersion, service: string): Fix {
  const def = defaultVszLimit(version);
  const size = def.replace(/\s+/g, '');
  return version === '2.3'
    ? settingFix(version, service, 'vsz_limit', size,
      `Write a size with a unit in ${ref(version, service, 'vsz_limit')}: the default ${def} or more (a bare number means bytes, and a process needs tens of megabytes of address space just to start). For no limit, Dovecot 2.3 writes 0.`)
    : settingFix(version, service, 'vsz_limit', 'unlimited',
      `If the 0 came from a 2.3 configuration, where it meant no limit, write \`unlimited\` in ${ref(version, service, 'vsz_limit')}; otherwise write a size with a unit, the default ${def} or more (a bare number means bytes, and a process needs tens of megabytes of address space just to start).`);
}

/** 2.4's "must be higher than 0" checks: what the 0 meant in 2.3 and what to write instead. */
export function zeroFix(version: DovecotVersion, service: string, id: string): Fix {
  const name = nameOf(version, id);
  if (id === 'restart_request_count') {
    return settingFix(
      version,
      service,
      id,
      'unlimited',
      `Write \`${name} = unlimited\` in \`service ${service}\` (2.3's \`service_count = 0\` meant no limit).`,
    );
  }
  const meant = id === 'idle_kill_interval' ? 'default_idle_kill' : `default_${id}`;
  const fix: Fix = {
    text: `Remove \`${name} = 0\` from \`service ${service}\` so it inherits the default (2.3's 0 meant ${meant}); write \`unlimited\` only if you mean no limit.`,
    service,
    setting: name,
  };
  const field = calcField(id);
  if (field) fix.calculator = {version, service, settings: {}};
  return fix;
}
