/**
 * The config generator's page state, declared once: the permalink schema (URL keys, types,
 * ranges taken from the core's NUMBER_FIELDS, and schema 1's frozen defaults) and, derived from
 * it, the form model (typed text per number, controls for the rest), the check of what was typed
 * (messages that name the field) and the GeneratorInput the core gets. Pure: no React, no DOM.
 *
 * URL: `/generator?s=2&v=2.4&cores=8&imap=5000&login=performance` — `s` (schema) and `v` (Dovecot
 * version) always, every other field only when it differs from the current schema's defaults.
 * Schema 2 added `proxy` (this server proxies); schema 1 links read as before, without proxying.
 */
import {DEFAULT_VERSION, DOVECOT_VERSIONS, parseVersion, type DovecotVersion} from '../../lib/version';
import {SUPPORTED_CONFIG_VERSIONS_24} from '../../lib/dovecot/catalog';
import {
  GENERATOR_DEFAULTS,
  GENERATOR_PROTOCOLS,
  LOGIN_PROTOCOLS,
  NUMBER_FIELDS,
  cloneInput,
  presetInput,
  type GeneratorInput,
  type GeneratorProtocol,
  type LoginMode,
  type MailReuse,
  type MinAvailMode,
  type OutputForm,
  type PresetId,
} from '../../lib/dovecot/generator';
import {
  decode,
  defineSchema,
  encode,
  parseValue,
  unencodable,
  type Decoded,
  type IntField,
  type NumberField,
  type StateOf,
} from '../../lib/dovecot/permalink';

const N = NUMBER_FIELDS;
const PROTOCOL_WORD = `(?:${GENERATOR_PROTOCOLS.join('|')})`;
/** `imap,lmtp,submission`: the enabled protocols, comma-separated (order and repeats are normalised). */
const PROTOCOL_LIST = new RegExp(`${PROTOCOL_WORD}(?:,${PROTOCOL_WORD}){0,9}`);

const FIELDS = {
  version: {kind: 'enum', key: 'v', values: DOVECOT_VERSIONS, always: true},
  configVersion: {kind: 'enum', key: 'cv', values: SUPPORTED_CONFIG_VERSIONS_24},
  cores: {kind: 'int', key: 'cores', min: N.cores.min, max: N.cores.max},
  ramGiB: {kind: 'number', key: 'ram', min: N.ramGiB.min, max: N.ramGiB.max, decimals: 1},
  protocols: {
    kind: 'text',
    key: 'proto',
    pattern: PROTOCOL_LIST,
    maxLength: 80,
    expected: `a comma-separated list of ${GENERATOR_PROTOCOLS.join(', ')}`,
    literal: ',',
    required: true,
  },
  imap: {kind: 'int', key: 'imap', min: N.peak.min, max: N.peak.max},
  pop3: {kind: 'int', key: 'pop3', min: N.peak.min, max: N.peak.max},
  lmtp: {kind: 'int', key: 'lmtp', min: N.peak.min, max: N.peak.max},
  submission: {kind: 'int', key: 'sub', min: N.peak.min, max: N.peak.max},
  managesieve: {kind: 'int', key: 'sieve', min: N.peak.min, max: N.peak.max},
  newPerSecond: {kind: 'number', key: 'rate', min: N.newPerSecond.min, max: N.newPerSecond.max, decimals: 1},
  tlsPercent: {kind: 'number', key: 'tls', min: N.tlsPercent.min, max: N.tlsPercent.max, decimals: 1},
  proxy: {kind: 'enum', key: 'proxy', values: ['off', 'on']},
  loginMode: {kind: 'enum', key: 'login', values: ['security', 'performance']},
  mailReuse: {kind: 'enum', key: 'reuse', values: ['one', 'bounded', 'unlimited']},
  reuseCount: {kind: 'int', key: 'n', min: N.reuseCount.min, max: N.reuseCount.max},
  authCache: {kind: 'enum', key: 'cache', values: ['on', 'off']},
  cacheUsers: {kind: 'int', key: 'users', min: N.cacheUsers.min, max: N.cacheUsers.max},
  cacheTtlMinutes: {kind: 'int', key: 'ttl', min: N.cacheTtlMinutes.min, max: N.cacheTtlMinutes.max},
  cacheNegativeTtlMinutes: {kind: 'int', key: 'negttl', min: N.cacheNegativeTtlMinutes.min, max: N.cacheNegativeTtlMinutes.max},
  minAvail: {kind: 'enum', key: 'minavail', values: ['cores', 'cpu_count', 'off']},
  comments: {kind: 'enum', key: 'comments', values: ['on', 'off']},
  output: {kind: 'enum', key: 'out', values: ['blocks', 'file']},
} as const;

export type GenFields = typeof FIELDS;
export type GenState = StateOf<GenFields>;

/**
 * Schema 1's defaults. FROZEN: a published `s=1` link means what it meant. Schema 1 had no proxy
 * answer: its links describe a server that does not proxy.
 */
const DEFAULTS_1: GenState = {
  version: '2.4',
  configVersion: '2.4.1',
  cores: 2,
  ramGiB: 4,
  protocols: 'imap,lmtp,submission',
  imap: 100,
  pop3: 20,
  lmtp: 10,
  submission: 20,
  managesieve: 10,
  newPerSecond: 5,
  tlsPercent: 100,
  proxy: 'off',
  loginMode: 'security',
  mailReuse: 'one',
  reuseCount: 100,
  authCache: 'on',
  cacheUsers: 1000,
  cacheTtlMinutes: 60,
  cacheNegativeTtlMinutes: 60,
  minAvail: 'cores',
  comments: 'on',
  output: 'blocks',
};

/**
 * Schema 2's defaults. FROZEN once published. They equal the core's GENERATOR_DEFAULTS today
 * (state.test.ts checks it); if the core's defaults change, add schema 3 and keep these.
 */
const DEFAULTS_2: GenState = {...DEFAULTS_1, proxy: 'off'};

export const GENERATOR_SCHEMA = defineSchema<GenFields>({
  version: 2,
  fields: FIELDS,
  versions: {
    // schema 1 → 2 added a field and renamed nothing: its parameters carry over as they are
    1: {defaults: DEFAULTS_1, migrate: (params) => ({params: [...params]})},
    2: {defaults: DEFAULTS_2},
  },
});

export const GENERATOR_PATH = '/generator';

// --- the form -----------------------------------------------------------------------------------

/** The fields typed as text (numbers); `peak.imap` … are the peaks per protocol. */
export type NumberKey =
  | 'cores'
  | 'ramGiB'
  | 'newPerSecond'
  | 'tlsPercent'
  | 'reuseCount'
  | 'cacheUsers'
  | 'cacheTtlMinutes'
  | 'cacheNegativeTtlMinutes'
  | `peak.${GeneratorProtocol}`;

export const NUMBER_KEYS: readonly NumberKey[] = [
  'cores',
  'ramGiB',
  ...GENERATOR_PROTOCOLS.map((p) => `peak.${p}` as const),
  'newPerSecond',
  'tlsPercent',
  'reuseCount',
  'cacheUsers',
  'cacheTtlMinutes',
  'cacheNegativeTtlMinutes',
];

/** What the reader has set: text for numbers (so a half-typed value is kept), values otherwise. */
export interface FormState {
  version: DovecotVersion;
  configVersion: string;
  protocols: GeneratorProtocol[];
  proxy: boolean;
  loginMode: LoginMode;
  mailReuse: MailReuse;
  authCache: boolean;
  minAvail: MinAvailMode;
  comments: boolean;
  output: OutputForm;
  text: Record<NumberKey, string>;
}

/** The schema field of a number key (`peak.imap` → `imap`). */
function fieldOf(k: NumberKey): keyof GenFields {
  return (k.startsWith('peak.') ? k.slice(5) : k) as keyof GenFields;
}

export const FIELD_META: Readonly<Record<NumberKey, {label: string; unit: string}>> = {
  cores: {label: 'CPU cores', unit: 'cores'},
  ramGiB: {label: 'RAM', unit: 'GiB'},
  'peak.imap': {label: 'Peak concurrent imap connections', unit: 'connections'},
  'peak.pop3': {label: 'Peak concurrent pop3 connections', unit: 'connections'},
  'peak.lmtp': {label: 'Peak concurrent lmtp deliveries', unit: 'connections'},
  'peak.submission': {label: 'Peak concurrent submission connections', unit: 'connections'},
  'peak.managesieve': {label: 'Peak concurrent managesieve connections', unit: 'connections'},
  newPerSecond: {label: 'New connections per second', unit: 'per second, all protocols'},
  tlsPercent: {label: 'Connections using TLS', unit: '%'},
  reuseCount: {label: 'Restart every', unit: 'connections'},
  cacheUsers: {label: 'Expected users', unit: 'users'},
  cacheTtlMinutes: {label: 'Cache TTL', unit: 'minutes'},
  cacheNegativeTtlMinutes: {label: 'Negative cache TTL', unit: 'minutes (0 = off)'},
};

function protocolsOf(text: string): GeneratorProtocol[] {
  const words = new Set(text.split(','));
  return GENERATOR_PROTOCOLS.filter((p) => words.has(p));
}

export function formFromState(s: GenState): FormState {
  const text = {} as Record<NumberKey, string>;
  for (const k of NUMBER_KEYS) text[k] = String(s[fieldOf(k)]);
  return {
    version: parseVersion(s.version) ?? DEFAULT_VERSION,
    configVersion: s.configVersion,
    protocols: protocolsOf(s.protocols),
    proxy: s.proxy === 'on',
    loginMode: s.loginMode === 'performance' ? 'high-performance' : 'high-security',
    mailReuse: s.mailReuse as MailReuse,
    authCache: s.authCache === 'on',
    minAvail: s.minAvail as MinAvailMode,
    comments: s.comments === 'on',
    output: s.output as OutputForm,
    text,
  };
}

/** The form for a whole GeneratorInput (a preset, the defaults). */
export function formFromInput(i: GeneratorInput): FormState {
  const text = {} as Record<NumberKey, string>;
  for (const k of NUMBER_KEYS) {
    text[k] = String(k.startsWith('peak.') ? i.peak[k.slice(5) as GeneratorProtocol] : i[k as keyof GeneratorInput]);
  }
  return {
    version: i.version,
    configVersion: i.configVersion,
    protocols: [...i.protocols],
    proxy: i.proxy,
    loginMode: i.loginMode,
    mailReuse: i.mailReuse,
    authCache: i.authCache,
    minAvail: i.minAvail,
    comments: i.comments,
    output: i.output,
    text,
  };
}

export function defaultForm(version: DovecotVersion = DEFAULT_VERSION): FormState {
  return {...formFromState({...DEFAULTS_2}), version};
}

/** A preset in the version shown; the output form and comments are kept as the reader set them. */
export function presetForm(id: PresetId, current: FormState): FormState {
  const f = formFromInput(presetInput(id, current.version));
  return {...f, output: current.output, comments: current.comments};
}

/** The form as permalink state: typed text that is not a valid value is left for `unencodable`. */
function asLinkState(f: FormState): Record<string, unknown> {
  const out: Record<string, unknown> = {
    version: f.version,
    configVersion: f.configVersion,
    protocols: f.protocols.length > 0 ? GENERATOR_PROTOCOLS.filter((p) => f.protocols.includes(p)).join(',') : 'none',
    proxy: f.proxy ? 'on' : 'off',
    loginMode: f.loginMode === 'high-performance' ? 'performance' : 'security',
    mailReuse: f.mailReuse,
    authCache: f.authCache ? 'on' : 'off',
    minAvail: f.minAvail,
    comments: f.comments ? 'on' : 'off',
    output: f.output,
  };
  for (const k of NUMBER_KEYS) {
    const r = parseValue(FIELDS[fieldOf(k)], f.text[k]);
    out[fieldOf(k)] = r.ok ? r.value : f.text[k];
  }
  return out;
}

/** The query string (no `?`) for the form. */
export function queryFor(f: FormState): string {
  return encode(GENERATOR_SCHEMA, asLinkState(f) as Partial<GenState>);
}

/** The labels of the fields whose current value cannot go into a link. */
export function notInLink(f: FormState): string[] {
  const names = unencodable(GENERATOR_SCHEMA, asLinkState(f) as Partial<GenState>) as string[];
  return names.map((n) => {
    if (n === 'protocols') return 'Protocols';
    const k = NUMBER_KEYS.find((x) => fieldOf(x) === n);
    return k ? FIELD_META[k].label : n;
  });
}

/** A link's state (always valid) and notices for what it ignored. */
export function decodeQuery(query: string): Decoded<GenState> {
  return decode(GENERATOR_SCHEMA, query);
}

export interface FormProblems {
  /** Per number key or 'protocols': a message that names the field. */
  byField: Partial<Record<NumberKey | 'protocols', string>>;
  /** Notes that are not errors (e.g. %{system:cpu_count} in 2.3). */
  notes: string[];
}

/**
 * The core's input for the form: every valid field as typed; each invalid one is reported by its
 * label and replaced by the core's default (so the output never disappears while typing).
 */
export function inputFor(f: FormState): {input: GeneratorInput; problems: FormProblems} {
  const d = GENERATOR_DEFAULTS;
  const input = cloneInput(d);
  const byField: FormProblems['byField'] = {};
  const notes: string[] = [];
  input.version = f.version;
  input.configVersion = f.version === '2.4' && (SUPPORTED_CONFIG_VERSIONS_24 as readonly string[]).includes(f.configVersion) ? f.configVersion : d.configVersion;
  for (const k of NUMBER_KEYS) {
    const spec = FIELDS[fieldOf(k)] as IntField | NumberField;
    const typed = f.text[k];
    const r = parseValue(spec, typed);
    const fallback = k.startsWith('peak.') ? d.peak[k.slice(5) as GeneratorProtocol] : (d[k as keyof GeneratorInput] as number);
    if (!r.ok) {
      const meta = FIELD_META[k];
      const range = `${spec.kind === 'int' ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}`;
      const why = typed.trim() === '' ? 'enter a value' : /^(not a|must be)/.test(r.reason) ? `must be ${range}` : r.reason;
      byField[k] = `${meta.label}: ${why}; the output uses ${fallback} until this is fixed.`;
    }
    const value = r.ok ? (r.value as number) : fallback;
    if (k.startsWith('peak.')) input.peak[k.slice(5) as GeneratorProtocol] = value;
    else (input as unknown as Record<string, number>)[k] = value;
  }
  if (f.protocols.length === 0) {
    byField.protocols = `Protocols: choose at least one; the output uses ${d.protocols.join(', ')} until you do.`;
  } else {
    input.protocols = GENERATOR_PROTOCOLS.filter((p) => f.protocols.includes(p));
  }
  input.proxy = f.proxy;
  input.loginMode = f.loginMode;
  input.mailReuse = f.mailReuse;
  input.authCache = f.authCache;
  input.minAvail = f.minAvail;
  if (f.version === '2.3' && f.minAvail === 'cpu_count') {
    input.minAvail = 'cores';
    notes.push('%{system:cpu_count} exists only in Dovecot 2.4; the 2.3 output writes the number of cores.');
  }
  if (!input.protocols.some((p) => LOGIN_PROTOCOLS.includes(p))) {
    notes.push('lmtp alone has no login service: the login mode and process_min_avail change nothing in the output.');
  }
  input.comments = f.comments;
  input.output = f.output;
  return {input, problems: {byField, notes}};
}
