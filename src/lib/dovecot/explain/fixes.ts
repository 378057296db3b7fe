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
