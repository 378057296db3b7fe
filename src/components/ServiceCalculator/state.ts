/**
 * The calculator's inputs, declared once: the permalink schema (URL keys, types, frozen defaults
 * per schema version, the migration of links without a schema version) and, derived from it, the
 * form model (labels in the version's own setting names, units, placeholders from the catalog's
 * built-in defaults, hints about 0 and `unlimited`), the checks of the typed text and the input
 * the engine gets. Pure: no React, no DOM, so it is tested on its own.
 */
import {DEFAULT_VERSION, DOVECOT_VERSIONS, parseVersion, type DovecotVersion} from '../../lib/version';
import {getSettingDef, listServices, serviceDefaults, settingName} from '../../lib/dovecot/catalog';
import type {CalculatorInput, CalculatorLoad, CalculatorSettings, FieldProblem} from '../../lib/dovecot/calculator/types';
import {protocolOfService} from '../../lib/dovecot/calculator/input';
import {FULL_PROTOCOLS, type Protocol} from '../../lib/dovecot/runtime/facts';
import {
  decode,
  defineSchema,
  encode,
  parseValue,
  unencodable,
  type Decoded,
  type Param,
  type StateOf,
} from '../../lib/dovecot/permalink';

/** Every service of either version, sorted: links for one version's service stay readable. */
const ALL_SERVICES: readonly string[] = [...new Set(DOVECOT_VERSIONS.flatMap((v) => listServices(v)))].sort();

// A count as Dovecot writes it (0 and `unlimited` are judged by the engine per version).
const COUNT = /[0-9]{1,10}|unlimited/;
// A size as Dovecot writes it: 256M, 256 M, 1G, 1048576, unlimited.
const SIZE = /[0-9]{1,15} ?(?:[bBkKmMgGtT][bB]?)?|unlimited/;
const PROTOCOL_WORD = `(?:${FULL_PROTOCOLS.join('|')})`;
/** `imap,pop3`: the enabled protocols, comma-separated (order and repeats are normalised); empty = none. */
const PROTOCOL_LIST = new RegExp(`${PROTOCOL_WORD}(?:,${PROTOCOL_WORD}){0,9}`);

const FIELDS = {
  service: {kind: 'enum', key: 'svc', values: ALL_SERVICES},
  version: {kind: 'enum', key: 'v', values: DOVECOT_VERSIONS, always: true},
  process_limit: {kind: 'text', key: 'pl', pattern: COUNT, maxLength: 10, expected: 'a count or unlimited'},
  client_limit: {kind: 'text', key: 'cl', pattern: COUNT, maxLength: 10, expected: 'a count or unlimited'},
  restart_request_count: {kind: 'text', key: 'rc', pattern: COUNT, maxLength: 10, expected: 'a count or unlimited'},
  process_min_avail: {kind: 'text', key: 'pma', pattern: COUNT, maxLength: 10, expected: 'a count'},
  vsz_limit: {kind: 'text', key: 'vsz', pattern: SIZE, maxLength: 18, expected: 'a size such as 256M or unlimited'},
  peakConnections: {kind: 'int', key: 'peak', min: 0, max: 10_000_000},
  connectionsPerSecond: {kind: 'number', key: 'rate', min: 0, max: 1_000_000, decimals: 1},
  cores: {kind: 'int', key: 'cores', min: 1, max: 1024},
  ramGiB: {kind: 'number', key: 'ram', min: 0.1, max: 65_536, decimals: 1},
  tlsPercent: {kind: 'number', key: 'tls', min: 0, max: 100, decimals: 1},
  protocols: {
    kind: 'text',
    key: 'proto',
    pattern: PROTOCOL_LIST,
    maxLength: 80,
    expected: `a comma-separated list of ${FULL_PROTOCOLS.join(', ')}`,
    literal: ',',
  },
  proxy: {kind: 'enum', key: 'proxy', values: ['off', 'on']},
  authCache: {kind: 'enum', key: 'cache', values: ['off', 'on']},
} as const;

export type CalcFields = typeof FIELDS;
export type FieldName = keyof CalcFields;
export type CalcState = StateOf<CalcFields>;
export type SettingField = keyof CalculatorSettings;
export type LoadField = keyof CalculatorLoad;

export const SETTING_FIELDS: readonly SettingField[] = [
  'process_limit',
  'client_limit',
  'restart_request_count',
  'process_min_avail',
  'vsz_limit',
];
export const LOAD_FIELDS: readonly LoadField[] = ['peakConnections', 'connectionsPerSecond', 'tlsPercent', 'cores', 'ramGiB'];

/**
 * Schema 1's defaults. FROZEN: a published link means what it meant; a change of defaults is a
 * new schema version with a migration (permalink.test.ts and state.test.ts assert these). Schema
 * 1 knew no protocols, TLS share, proxying or cache: it checked the service's own protocol only
 * (the migration to 2 writes that into the link), every session over TLS, no proxy, no cache.
 */
const DEFAULTS_1: CalcState = {
  service: 'imap',
  version: '2.4',
  process_limit: '',
  client_limit: '',
  restart_request_count: '',
  process_min_avail: '',
  vsz_limit: '',
  peakConnections: 1000,
  connectionsPerSecond: 10,
  cores: 4,
  ramGiB: 8,
  tlsPercent: 100,
  protocols: 'imap',
  proxy: 'off',
  authCache: 'off',
};

/**
 * Schema 2's defaults. FROZEN once published. Every protocol Debian enables (imap pop3 lmtp
 * submission sieve), as a server with every protocol package installed runs.
 */
const DEFAULTS_2: CalcState = {...DEFAULTS_1, protocols: FULL_PROTOCOLS.join(',')};

/**
 * Links without `s` (hand-written ones) are schema 0: the same defaults, and Dovecot's own
 * setting names are accepted as keys (`?client_limit=1&service_count=0`).
 */
const LONG_NAMES: Readonly<Record<string, string>> = {
  service: 'svc',
  version: 'v',
  process_limit: 'pl',
  client_limit: 'cl',
  service_count: 'rc',
  restart_request_count: 'rc',
  process_min_avail: 'pma',
  vsz_limit: 'vsz',
};

function migrate0(params: readonly Param[]): {params: Param[]; notices?: string[]} {
  // `?v=2.3` alone is the version switch on any URL, not a saved state: today's protocols
  if (params.every(([k]) => k === 'v')) return {params: [...params, ['proto', DEFAULTS_2.protocols]]};
  const renamed: string[] = [];
  const out = params.map(([k, v]): Param => {
    const short = Object.prototype.hasOwnProperty.call(LONG_NAMES, k) ? LONG_NAMES[k] : undefined;
    if (short === undefined) return [k, v];
    renamed.push(`${k} was read as ${short}`);
    return [short, v];
  });
  return renamed.length ? {params: out, notices: renamed} : {params: out};
}

/**
 * Schema 1 → 2: a schema 1 link checked its service with only the service's own protocol
 * enabled (none for auth, stats, …); write that down, so the link keeps meaning it.
 */
function migrate1(params: readonly Param[]): {params: Param[]; notices?: string[]} {
  if (params.some(([k]) => k === 'proto')) return {params: [...params]};
  const version: DovecotVersion = params.find(([k]) => k === 'v')?.[1] === '2.3' ? '2.3' : '2.4';
  const service = params.find(([k]) => k === 'svc')?.[1] ?? DEFAULTS_1.service;
  const protocol: Protocol | null = listServices(version).includes(service) ? protocolOfService(version, service) : null;
  return {
    params: [...params, ['proto', protocol ?? '']],
    notices: [`only ${protocol ?? 'no protocol'} enabled, as that schema checked`],
  };
}

export const CALCULATOR_SCHEMA = defineSchema<CalcFields>({
  version: 2,
  fields: FIELDS,
  unversioned: 0,
  versions: {
    0: {defaults: DEFAULTS_1, migrate: migrate0},
    1: {defaults: DEFAULTS_1, migrate: migrate1},
    2: {defaults: DEFAULTS_2},
  },
});

export const CALCULATOR_PATH = '/calculator';

export function defaultState(): CalcState {
  return {...CALCULATOR_SCHEMA.versions[CALCULATOR_SCHEMA.version].defaults};
}

// --- the form -----------------------------------------------------------------------------------

/** What the reader has typed: text per field (the version, service, protocols and switches come from controls). */
export type FormState = {
  version: DovecotVersion;
  service: string;
  protocols: Protocol[];
  proxy: boolean;
  authCache: boolean;
} & Record<SettingField | LoadField, string>;

function protocolsOf(text: string): Protocol[] {
  const words = new Set(text.split(','));
  return FULL_PROTOCOLS.filter((p) => words.has(p));
}

export function formFromState(s: CalcState): FormState {
  return {
    version: parseVersion(s.version) ?? DEFAULT_VERSION,
    service: s.service,
    protocols: protocolsOf(s.protocols),
    proxy: s.proxy === 'on',
    authCache: s.authCache === 'on',
    process_limit: s.process_limit,
    client_limit: s.client_limit,
    restart_request_count: s.restart_request_count,
    process_min_avail: s.process_min_avail,
    vsz_limit: s.vsz_limit,
    peakConnections: String(s.peakConnections),
    connectionsPerSecond: String(s.connectionsPerSecond),
    cores: String(s.cores),
    ramGiB: String(s.ramGiB),
    tlsPercent: String(s.tlsPercent),
  };
}

/**
 * Preset props of an embedded calculator over the defaults. Preset settings are written as
 * Dovecot 2.4 writes them (`unlimited`); formIn shows them in 2.3's syntax.
 */
export function presetForm(
  service: string | undefined,
  settings: CalculatorSettings | undefined,
  load: Partial<CalculatorLoad> | undefined,
): FormState {
  const f = formFromState(defaultState());
  if (service) f.service = service;
  for (const k of SETTING_FIELDS) if (settings?.[k] !== undefined) f[k] = String(settings[k]);
  for (const k of LOAD_FIELDS) if (load?.[k] !== undefined) f[k] = String(load[k]);
  return f;
}

/** The form as permalink state: typed text that is not a valid value is left for `unencodable`. */
function asLinkState(f: FormState): Partial<CalcState> & Record<string, unknown> {
  const out: Record<string, unknown> = {
    version: f.version,
    service: f.service,
    protocols: FULL_PROTOCOLS.filter((p) => f.protocols.includes(p)).join(','),
    proxy: f.proxy ? 'on' : 'off',
    authCache: f.authCache ? 'on' : 'off',
  };
  for (const k of SETTING_FIELDS) out[k] = f[k].trim();
  for (const k of LOAD_FIELDS) {
    const r = parseValue(FIELDS[k], f[k]);
    out[k] = r.ok ? r.value : f[k];
  }
  return out as Partial<CalcState> & Record<string, unknown>;
}

/** The query string (no `?`) for the form. */
export function queryFor(f: FormState): string {
  return encode(CALCULATOR_SCHEMA, asLinkState(f));
}

/** The fields whose typed text cannot go into a link. */
export function notInLink(f: FormState): FieldName[] {
  return unencodable(CALCULATOR_SCHEMA, asLinkState(f));
}

export function decodeQuery(query: string): Decoded<CalcState> {
  return decode(CALCULATOR_SCHEMA, query);
}

/** The engine's input, and the problems of typed load values (the engine only sees numbers). */
export function engineInput(f: FormState): {input: CalculatorInput; problems: FieldProblem[]} {
  const problems: FieldProblem[] = [];
  const settings: CalculatorSettings = {};
  for (const k of SETTING_FIELDS) {
    const t = f[k].trim();
    if (t !== '') settings[k] = t;
  }
  const defaults = defaultState();
  const load = {} as CalculatorLoad;
  for (const k of LOAD_FIELDS) {
    const r = parseValue(FIELDS[k], f[k]);
    if (r.ok) {
      load[k] = r.value;
    } else {
      load[k] = defaults[k];
      problems.push({field: k, message: `${LOAD_META[k].label}: ${f[k].trim() === '' ? 'enter a value' : r.reason}`});
    }
  }
  return {
    input: {version: f.version, service: f.service, settings, load, protocols: [...f.protocols], proxy: f.proxy, authCache: f.authCache},
    problems,
  };
}

/**
 * Problems to show under each field: the engine's, plus ours for typed setting text that cannot
 * go into a link when the engine said nothing about that field. The first message per field.
 */
export function problemsByField(
  version: DovecotVersion,
  f: FormState,
  engine: readonly FieldProblem[],
  load: readonly FieldProblem[],
): Partial<Record<FieldProblem['field'], string>> {
  const out: Partial<Record<FieldProblem['field'], string>> = {};
  for (const p of [...load, ...engine]) if (out[p.field] === undefined) out[p.field] = p.message;
  for (const k of SETTING_FIELDS) {
    if (out[k] !== undefined) continue;
    const r = parseValue(FIELDS[k], f[k].trim());
    if (!r.ok) out[k] = `${settingLabel(version, k)}: ${r.reason}`;
  }
  return out;
}

// --- labels, units, placeholders ------------------------------------------------------------------

export const LOAD_META: Readonly<Record<LoadField, {label: string; unit: string; step: string}>> = {
  peakConnections: {label: 'Peak concurrent connections', unit: 'connections', step: '1'},
  connectionsPerSecond: {label: 'New connections per second', unit: 'per second', step: '0.1'},
  tlsPercent: {label: 'Sessions using TLS', unit: '%', step: '0.1'},
  cores: {label: 'CPU cores', unit: 'cores', step: '1'},
  ramGiB: {label: 'RAM', unit: 'GiB', step: '0.1'},
};

const SETTING_UNITS: Readonly<Record<SettingField, string>> = {
  process_limit: 'processes',
  client_limit: 'connections each',
  restart_request_count: 'connections, then exit',
  process_min_avail: 'processes kept ready',
  vsz_limit: 'e.g. 256M, 1G',
};

/** The setting's name in the version (`service_count` in 2.3). */
export function settingLabel(version: DovecotVersion, k: SettingField): string {
  return settingName(version, k) ?? k;
}

export function settingUnit(k: SettingField): string {
  return SETTING_UNITS[k];
}

/** The service's built-in value, as the placeholder ("1024", "unlimited", "256 M"). */
export function placeholderFor(version: DovecotVersion, service: string, k: SettingField): string {
  try {
    const name = settingLabel(version, k);
    const s = serviceDefaults(version, service).settings[name];
    return s ? s.effective : '';
  } catch {
    return '';
  }
}

/** What 0 and `unlimited` mean for the setting in the version, one sentence (backticks = code). */
export function settingHint(version: DovecotVersion, k: SettingField): string {
  const v = getSettingDef(k)?.versions[version];
  if (!v) return '';
  const parts: string[] = [];
  if (v.zero) parts.push(v.zero.text);
  if (v.unlimited?.accepted && !(v.zero && /unlimited/.test(v.zero.text))) parts.push('`unlimited` means no limit.');
  return parts.join(' ');
}

export interface ServiceGroup {
  label: string;
  services: string[];
}

/** The version's services grouped for the select: login services, mail services, others. */
export function serviceGroups(version: DovecotVersion): ServiceGroup[] {
  const login: string[] = [];
  const mail: string[] = [];
  const other: string[] = [];
  for (const s of listServices(version)) {
    const d = serviceDefaults(version, s);
    if (d.type === 'login') login.push(s);
    else if (d.protocol !== '') mail.push(s);
    else other.push(s);
  }
  return [
    {label: 'Login services', services: login},
    {label: 'Mail services', services: mail},
    {label: 'Other services', services: other},
  ];
}

export function hasService(version: DovecotVersion, service: string): boolean {
  return listServices(version).includes(service);
}

// --- versions -------------------------------------------------------------------------------------

/**
 * A setting's typed text carried from one version's syntax to the other's, where the two spell
 * the same meaning differently: 2.3's `0` = no limit (service_count, vsz_limit) is 2.4's
 * `unlimited`; 2.3's `0` = "use default_*" (process_limit, client_limit) is 2.4's empty (the
 * service_* inheritance from default_*). Anything else is kept as typed.
 */
export function translateSetting(from: DovecotVersion, to: DovecotVersion, k: SettingField, text: string): string {
  if (from === to) return text;
  const t = text.trim();
  const zero23 = getSettingDef(k)?.versions['2.3']?.zero?.meaning;
  if (from === '2.3' && t === '0') {
    if (zero23 === 'no-limit') return 'unlimited';
    if (zero23 === 'use-default') return '';
  }
  if (from === '2.4' && t === 'unlimited' && zero23 === 'no-limit') return '0';
  return text;
}

/** The form as `version` writes it (see translateSetting). */
export function formIn(f: FormState, version: DovecotVersion): FormState {
  if (f.version === version) return f;
  const out: FormState = {...f, version};
  for (const k of SETTING_FIELDS) out[k] = translateSetting(f.version, version, k, f[k]);
  return out;
}
