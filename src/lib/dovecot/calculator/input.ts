/**
 * Reading the calculator's raw input: each setting as doveconf would read it (rules.ts parsers),
 * with the values doveconf refuses turned into field problems (the engine then uses the
 * service's default for that field), and the load checked for sense.
 */
import type {DovecotVersion} from '../../version';
import {listServices, serviceDefaults, SUPPORTED_CONFIG_VERSIONS_24, DEFAULT_CONFIG_VERSION_24} from '../catalog';
import {parseSizeSetting, parseUintSetting, UINT_MAX, CPU_COUNT} from '../rules';
import {FULL_PROTOCOLS, type Protocol} from '../runtime';
import type {CalculatorInput, CalculatorLoad, CalculatorSettings, FieldProblem} from './types';

export const SETTING_FIELDS = ['process_limit', 'client_limit', 'restart_request_count', 'process_min_avail', 'vsz_limit'] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];

/** The field's name in the version's syntax (2.3 calls restart_request_count service_count). */
export function fieldName(version: DovecotVersion, field: SettingField): string {
  return version === '2.3' && field === 'restart_request_count' ? 'service_count' : field;
}

export interface ReadInput {
  version: DovecotVersion;
  service: string;
  configVersion: string;
  /** Valid settings, normalised text in the version's names (what goes into the config). */
  settings: Partial<Record<SettingField, string>>;
  load: CalculatorLoad & {tlsPercent: number};
  /** The enabled protocols, canonical order, the service's own included. */
  protocols: Protocol[];
  proxy: boolean;
  authCache: boolean;
  problems: FieldProblem[];
}

const MIB = 1024n * 1024n;

/** doveconf strips surrounding whitespace and one pair of double quotes. */
function normalise(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

function readSetting(
  version: DovecotVersion,
  service: string,
  field: SettingField,
  raw: unknown,
): {value?: string; problem?: string} {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'string' && typeof raw !== 'number') return {problem: `${fieldName(version, field)}: not a value`};
  const text = normalise(String(raw));
  if (text === '') return {};
  const name = fieldName(version, field);
  const v23 = version === '2.3';

  if (field === 'vsz_limit') {
    const r = parseSizeSetting(version, text);
    if (!r.ok) {
      if (v23 && (text === 'unlimited' || text === 'infinite')) {
        return {problem: `${name}: Dovecot 2.3 does not accept ${text}; write 0 for no limit (doveconf: ${r.error})`};
      }
      return {problem: `${name}: ${r.error}`};
    }
    if (v23 && r.value !== 0n && r.value < MIB) {
      return {problem: `${name}: below 1 MiB is not allowed; write 0 for no limit (doveconf: service(${service}): vsz_limit is too low)`};
    }
    if (!v23 && r.value < MIB) {
      const what = r.value === 0n ? '0 is not allowed in Dovecot 2.4' : 'below 1 MiB is not allowed';
      return {problem: `${name}: ${what}; write unlimited for no limit (doveconf: service(${service}): vsz_limit is too low (did you mean "unlimited"?))`};
    }
    return {value: text};
  }

  if (!v23 && text === CPU_COUNT && field === 'process_min_avail') return {value: text};
  const r = parseUintSetting(version, text);
  if (!r.ok) {
    if (v23 && (text === 'unlimited' || text === 'infinite')) {
      const instead = field === 'restart_request_count' ? 'write 0 for no limit' : 'write a number';
      return {problem: `${name}: Dovecot 2.3 does not accept ${text}; ${instead} (doveconf: ${r.error})`};
    }
    return {problem: `${name}: ${r.error}`};
  }
  if (!v23 && r.value === 0 && field !== 'process_min_avail') {
    const doveconf =
      field === 'restart_request_count'
        ? `service(${service}): restart_request_count must be higher than 0 (did you mean "unlimited"?)`
        : `service(${service}): ${field} must be higher than 0`;
    return {problem: `${name}: 0 is not allowed in Dovecot 2.4; write unlimited (doveconf: ${doveconf})`};
  }
  // 2.4 stores unlimited as 4294967295; say it the way people write it
  if (!v23 && r.value === UINT_MAX) return {value: 'unlimited'};
  return {value: text};
}

const LOAD_FIELDS: readonly (keyof CalculatorLoad)[] = ['peakConnections', 'connectionsPerSecond', 'cores', 'ramGiB', 'tlsPercent'];
const LOAD_FALLBACK: CalculatorLoad & {tlsPercent: number} = {peakConnections: 0, connectionsPerSecond: 0, cores: 1, ramGiB: 0, tlsPercent: 100};

function readLoad(raw: unknown, problems: FieldProblem[]): CalculatorLoad & {tlsPercent: number} {
  const src = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out = {...LOAD_FALLBACK};
  for (const f of LOAD_FIELDS) {
    const v = src[f];
    if (v === undefined) continue;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      problems.push({field: f, message: `${f}: must be a number of 0 or more`});
    } else if (f === 'cores' && (!Number.isInteger(n) || n < 1)) {
      problems.push({field: f, message: 'cores: must be a whole number of at least 1'});
    } else if (f === 'peakConnections' && !Number.isInteger(n)) {
      problems.push({field: f, message: 'peakConnections: must be a whole number'});
    } else if (f === 'tlsPercent' && n > 100) {
      problems.push({field: f, message: 'tlsPercent: must be a share from 0 to 100'});
    } else {
      out[f] = n;
    }
  }
  return out;
}

/** Reads the input; never throws. `service` is null when the version has no such service. */
export function readInput(input: CalculatorInput): ReadInput & {serviceKnown: boolean} {
  const problems: FieldProblem[] = [];
  const version: DovecotVersion = input?.version === '2.3' ? '2.3' : '2.4';
  if (input?.version !== '2.3' && input?.version !== '2.4') {
    problems.push({field: 'service', message: `version: ${String(input?.version)} is not a Dovecot version this site covers; using 2.4`});
  }
  const service = typeof input?.service === 'string' ? input.service.trim() : '';
  const serviceKnown = listServices(version).includes(service);
  if (!serviceKnown) problems.push({field: 'service', message: `service: Dovecot ${version} has no service "${service}"`});

  let configVersion = DEFAULT_CONFIG_VERSION_24;
  if (version === '2.4' && input?.configVersion !== undefined) {
    if (SUPPORTED_CONFIG_VERSIONS_24.includes(String(input.configVersion))) configVersion = String(input.configVersion);
    else {
      problems.push({
        field: 'configVersion',
        message: `configVersion: Invalid dovecot_config_version: Currently supported versions are: ${SUPPORTED_CONFIG_VERSIONS_24.join(' ')}`,
      });
    }
  }

  const settings: Partial<Record<SettingField, string>> = {};
  const rawSettings = (input?.settings && typeof input.settings === 'object' ? input.settings : {}) as CalculatorSettings;
  for (const f of SETTING_FIELDS) {
    const r = readSetting(version, service || 'NAME', f, rawSettings[f]);
    if (r.problem) problems.push({field: f, message: r.problem});
    else if (r.value !== undefined) settings[f] = r.value;
  }
  const load = readLoad(input?.load, problems);

  // protocols: the full set unless given; the service's own protocol always runs
  let protocols: Protocol[] = [...FULL_PROTOCOLS];
  if (input?.protocols !== undefined) {
    const given = Array.isArray(input.protocols) ? input.protocols.map(String) : [];
    const unknown = given.filter((p) => !(FULL_PROTOCOLS as readonly string[]).includes(p));
    if (!Array.isArray(input.protocols) || unknown.length > 0) {
      problems.push({field: 'protocols', message: `protocols: ${unknown.length ? `unknown ${unknown.slice(0, 3).join(', ')}` : 'not a list'}; choose from ${FULL_PROTOCOLS.join(', ')}`});
    }
    protocols = FULL_PROTOCOLS.filter((p) => given.includes(p));
  }
  const own = serviceKnown ? protocolOfService(version, service) : null;
  // a service runs only when its protocol is enabled: the one under study always is
  if (own && !protocols.includes(own)) protocols = FULL_PROTOCOLS.filter((p) => p === own || protocols.includes(p));
  return {version, service, configVersion, settings, load, protocols, proxy: input?.proxy === true, authCache: input?.authCache === true, problems, serviceKnown};
}

/** The protocol (generator name) a service serves, or null (auth, stats, …). */
export function protocolOfService(version: DovecotVersion, service: string): Protocol | null {
  const word = serviceDefaults(version, service).protocol;
  const p = word === 'sieve' ? 'managesieve' : word;
  return (FULL_PROTOCOLS as readonly string[]).includes(p) ? (p as Protocol) : null;
}
