/**
 * Widget state <-> URL query string, driven by a schema a widget declares once: each field's
 * short URL key, its type (int or decimal number with a range, enum, text with a pattern) and
 * its default per schema version. Form validation and the permalink come from the same
 * declaration (the way nginxconfig.io derives its URL from its defaults), and links survive
 * (the way Mozilla's ssl-config-generator carries its guideline version):
 *
 * - `encode(schema, state)` writes `s=<schema version>` first, then the fields marked `always`
 *   (the Dovecot version `v`), then every other field whose value differs from the current
 *   schema's default, in declaration order. Values that are not valid are left out.
 * - `decode(schema, query)` never throws: any string gives a valid state plus plain-text notices
 *   for what it ignored or reinterpreted. A link of an older schema version starts from that
 *   version's frozen defaults and goes through that version's migration hook, so an old link
 *   keeps meaning what it meant.
 *
 * Hostile input is harmless by construction: the query is cut to a fixed size, keys are looked up
 * in a Map of declared keys (never used as object keys, so `__proto__` is just an unknown
 * parameter), values are accepted only when they match their field, and values quoted in notices
 * are shortened and stripped of control characters. Pure: no DOM, no React.
 */

// --- declaring a schema -------------------------------------------------------------------------

interface FieldBase {
  /** The parameter name in the URL: short, lowercase, readable (`cl`, `peak`). */
  readonly key: string;
  /** Written even when it equals the default (the Dovecot version). */
  readonly always?: boolean;
}

/** A whole number in [min, max]. */
export interface IntField extends FieldBase {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
}

/** A non-negative decimal in [min, max] with at most `decimals` digits after the point. */
export interface NumberField extends FieldBase {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly decimals: number;
}

/** One of a fixed list of words. */
export interface EnumField extends FieldBase {
  readonly kind: 'enum';
  readonly values: readonly string[];
}

/**
 * Free text that must match `pattern` (anchored by the codec) and be at most `maxLength` long;
 * the empty string means "not set" unless the field is `required`. `expected` completes the
 * sentence "Ignored cl=abc: not …" and is shown to the reader.
 */
export interface TextField extends FieldBase {
  readonly kind: 'text';
  readonly pattern: RegExp;
  readonly maxLength: number;
  readonly expected: string;
  /**
   * Characters of RFC 3986's sub-delims written into the link as they are instead of
   * percent-encoded, for readable lists (`proto=imap,pop3` rather than `imap%2Cpop3`). Only
   * `,` `:` `@` `!` `$` `'` `(` `)` `*` are honoured; reading accepts both spellings.
   */
  readonly literal?: string;
  /** The empty string is not a value (a list that must name something): `x=` is ignored. */
  readonly required?: boolean;
}

export type FieldSpec = IntField | NumberField | EnumField | TextField;

export type FieldValue<F extends FieldSpec> = F extends IntField | NumberField ? number : string;

/** The state a set of fields describes: one value per field. */
export type StateOf<Fs extends Record<string, FieldSpec>> = {[K in keyof Fs]: FieldValue<Fs[K]>};

/** A parameter as it appears in a link, in order. */
export type Param = readonly [key: string, value: string];

export interface MigrationResult {
  /** The parameters in the next schema version's keys and syntax. */
  readonly params: Param[];
  /** What the migration did, for the reader; omitted when it changed nothing. */
  readonly notices?: string[];
}

export interface SchemaVersion<S> {
  /** The defaults of this schema version: frozen once published. */
  readonly defaults: Readonly<S>;
  /**
   * Turns parameters of this schema version into parameters of the next one (renamed keys,
   * changed value syntax). The last version has none.
   */
  readonly migrate?: (params: readonly Param[]) => MigrationResult;
}

export interface Schema<Fs extends Record<string, FieldSpec>> {
  /** The current schema version: what `encode` writes as `s`. */
  readonly version: number;
  readonly fields: Fs;
  /** Every schema version from the oldest that links may carry to `version`. */
  readonly versions: Readonly<Record<number, SchemaVersion<StateOf<Fs>>>>;
  /**
   * The schema version assumed for a link without `s` (links from before schema versions were
   * written). Default: the current version.
   */
  readonly unversioned?: number;
}

/** The reserved parameter carrying the schema version. */
export const SCHEMA_PARAM = 's';
/** Longest query read; the rest is ignored with a notice. */
export const MAX_QUERY_LENGTH = 2048;
/** Most parameters read. */
export const MAX_PARAMS = 64;
/** Most notices returned (one more says how many were left out). */
export const MAX_NOTICES = 12;

const KEY_RE = /^[a-z][a-z0-9]{0,15}$/;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/**
 * Checks a schema once, when a widget declares it (wrong declarations fail at import, in tests
 * and the build, never in a reader's browser later), and freezes it.
 */
export function defineSchema<Fs extends Record<string, FieldSpec>>(schema: Schema<Fs>): Schema<Fs> {
  const keys = new Set<string>([SCHEMA_PARAM]);
  for (const [name, f] of Object.entries(schema.fields)) {
    if (!KEY_RE.test(f.key)) throw new Error(`permalink: field ${name}: key ${JSON.stringify(f.key)} is not short lowercase`);
    if (keys.has(f.key)) throw new Error(`permalink: field ${name}: key ${f.key} is used twice`);
    keys.add(f.key);
    if ((f.kind === 'int' || f.kind === 'number') && !(f.min <= f.max)) throw new Error(`permalink: field ${name}: min > max`);
    if (f.kind === 'enum' && f.values.length === 0) throw new Error(`permalink: field ${name}: no values`);
    if (f.kind === 'text' && (f.pattern.flags.includes('g') || f.pattern.flags.includes('y'))) {
      throw new Error(`permalink: field ${name}: pattern must not be global or sticky`);
    }
  }
  if (!Number.isInteger(schema.version) || schema.version < 0) throw new Error('permalink: schema version must be an integer ≥ 0');
  const known = Object.keys(schema.versions).map(Number);
  for (let v = Math.min(...known); v <= schema.version; v++) {
    const sv = schema.versions[v];
    if (!sv) throw new Error(`permalink: schema version ${v} is missing`);
    if (v < schema.version && !sv.migrate) throw new Error(`permalink: schema version ${v} has no migration`);
    for (const name of Object.keys(schema.fields)) {
      if (!(name in sv.defaults)) throw new Error(`permalink: schema ${v}: no default for ${name}`);
    }
    const bad = Object.keys(schema.fields).filter(
      (name) => !isValidValue(schema.fields[name], (sv.defaults as Record<string, unknown>)[name]),
    );
    if (bad.length) throw new Error(`permalink: schema ${v}: invalid defaults for ${bad.join(', ')}`);
  }
  if (schema.unversioned !== undefined && !schema.versions[schema.unversioned]) {
    throw new Error(`permalink: unversioned links point at unknown schema ${schema.unversioned}`);
  }
  return deepFreeze(schema);
}

// --- values -------------------------------------------------------------------------------------

export type ParseResult<T> = {ok: true; value: T} | {ok: false; reason: string};

function fmt(n: number): string {
  return String(n);
}

function decimalRe(decimals: number): RegExp {
  return decimals > 0 ? new RegExp(`^\\d{1,15}(?:\\.\\d{1,${decimals}})?$`) : /^\d{1,15}$/;
}

const ANCHORED = new WeakMap<RegExp, RegExp>();

function anchored(pattern: RegExp): RegExp {
  let re = ANCHORED.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern.source})$`, pattern.flags);
    ANCHORED.set(pattern, re);
  }
  return re;
}

/** Whether `value` is a value of field `f` (what a state may hold). */
export function isValidValue(f: FieldSpec, value: unknown): boolean {
  switch (f.kind) {
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= f.min && value <= f.max;
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= f.min &&
        value <= f.max &&
        decimalRe(f.decimals).test(fmt(value))
      );
    case 'enum':
      return typeof value === 'string' && f.values.includes(value);
    case 'text':
      return (
        typeof value === 'string' &&
        value.length <= f.maxLength &&
        (value === '' ? !f.required : anchored(f.pattern).test(value))
      );
  }
}

/**
 * Reads text (from a link or a form input) as a value of field `f`. `reason` completes
 * "Ignored cl=abc: …" and "client_limit: …".
 */
export function parseValue<F extends FieldSpec>(f: F, text: string): ParseResult<FieldValue<F>> {
  type R = ParseResult<FieldValue<F>>;
  switch (f.kind) {
    case 'int': {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t)) return {ok: false, reason: 'not a whole number'} as R;
      const n = Number(t) + 0; // never -0
      if (!Number.isSafeInteger(n) || n < f.min || n > f.max) {
        return {ok: false, reason: `must be between ${f.min} and ${f.max}`} as R;
      }
      return {ok: true, value: n} as R;
    }
    case 'number': {
      const t = text.trim();
      if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return {ok: false, reason: 'not a number'} as R;
      const n = Number(t) + 0;
      if (!Number.isFinite(n) || n < f.min || n > f.max) {
        return {ok: false, reason: `must be between ${f.min} and ${f.max}`} as R;
      }
      if (!isValidValue(f, n)) {
        return {ok: false, reason: `at most ${f.decimals} digit${f.decimals === 1 ? '' : 's'} after the point`} as R;
      }
      return {ok: true, value: n} as R;
    }
    case 'enum':
      if (f.values.includes(text)) return {ok: true, value: text} as R;
      return {
        ok: false,
        reason: f.values.length <= 6 ? `not one of ${f.values.join(', ')}` : 'not a known value',
      } as R;
    case 'text':
      if (text === '') return (f.required ? {ok: false, reason: `empty, not ${f.expected}`} : {ok: true, value: text}) as R;
      // the pattern first: "not a count" says more than "too long"; a long text is not tested
      if (text.length > 256 || !anchored(f.pattern).test(text)) return {ok: false, reason: `not ${f.expected}`} as R;
      if (text.length > f.maxLength) return {ok: false, reason: `longer than ${f.maxLength} characters`} as R;
      return {ok: true, value: text} as R;
  }
}

function formatValue(f: FieldSpec, value: unknown): string {
  return f.kind === 'int' || f.kind === 'number' ? fmt(value as number) : String(value);
}

/** Characters a text field may keep literal in a link: sub-delims that mean nothing to the query. */
const LITERAL_SAFE = new Set([',', ':', '@', '!', '$', "'", '(', ')', '*']);

function encodeFieldValue(f: FieldSpec, value: unknown): string {
  let out = encodeComponent(formatValue(f, value));
  if (f.kind === 'text' && f.literal) {
    for (const ch of new Set(f.literal)) {
      if (!LITERAL_SAFE.has(ch)) continue;
      out = out.split(encodeURIComponent(ch)).join(ch);
    }
  }
  return out;
}

/** Whether every field of `state` holds a valid value. */
export function isValidState<Fs extends Record<string, FieldSpec>>(schema: Schema<Fs>, state: unknown): state is StateOf<Fs> {
  if (!state || typeof state !== 'object') return false;
  return Object.keys(schema.fields).every(
    (name) => Object.prototype.hasOwnProperty.call(state, name) && isValidValue(schema.fields[name], (state as Record<string, unknown>)[name]),
  );
}

/** The current schema version's defaults, as a fresh object. */
export function defaultsOf<Fs extends Record<string, FieldSpec>>(schema: Schema<Fs>, version = schema.version): StateOf<Fs> {
  return {...schema.versions[version].defaults};
}

// --- encode -------------------------------------------------------------------------------------

function encodeComponent(text: string): string {
  // encodeURIComponent leaves !'()* alone; URLSearchParams and readers cope, and `unlimited`,
  // `256M` and `2.4` stay readable.
  return encodeURIComponent(text);
}

/**
 * The query string (without `?`) for `state`: `s`, the `always` fields, then the fields that
 * differ from the current defaults, in declaration order. Fields holding invalid values (text a
 * reader is still typing) are left out, so the result always decodes without notices.
 */
export function encode<Fs extends Record<string, FieldSpec>>(schema: Schema<Fs>, state: Partial<StateOf<Fs>>): string {
  const defaults = schema.versions[schema.version].defaults as Record<string, unknown>;
  const parts = [`${SCHEMA_PARAM}=${schema.version}`];
  const names = Object.keys(schema.fields);
  const ordered = [...names.filter((n) => schema.fields[n].always), ...names.filter((n) => !schema.fields[n].always)];
  for (const name of ordered) {
    const f = schema.fields[name];
    const value = Object.prototype.hasOwnProperty.call(state, name) ? (state as Record<string, unknown>)[name] : undefined;
    if (value === undefined || !isValidValue(f, value)) {
      if (f.always) parts.push(`${f.key}=${encodeFieldValue(f, defaults[name])}`);
      continue;
    }
    if (!f.always && value === defaults[name]) continue;
    parts.push(`${f.key}=${encodeFieldValue(f, value)}`);
  }
  return parts.join('&');
}

/** The names of the fields whose value in `state` cannot go into a link. */
export function unencodable<Fs extends Record<string, FieldSpec>>(schema: Schema<Fs>, state: Partial<StateOf<Fs>>): (keyof Fs)[] {
  return Object.keys(schema.fields).filter((name) => {
    const value = (state as Record<string, unknown>)[name];
    return value !== undefined && !isValidValue(schema.fields[name], value);
  });
}

// --- decode -------------------------------------------------------------------------------------

export interface Decoded<S> {
  /** Always valid: the link's values over the defaults of the link's schema version. */
  readonly state: S;
  /** Plain-text sentences for the reader (render as text, never as markup). */
  readonly notices: string[];
  /** The fields the link set explicitly, e.g. to know whether it carried the Dovecot version. */
  readonly given: (keyof S)[];
  /** The schema version the link was read as. */
  readonly schemaVersion: number;
}

/** A value or key quoted in a notice: short, one line, no control characters. */
export function quote(text: string, max = 40): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, '\ufffd');
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // a stray % or broken UTF-8: decode what can be decoded, keep the rest as typed
    return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}

/** Splits a query (`?a=1&b=2`, `a=1&b=2`, or a whole URL) into parameters, with size limits. */
export function splitQuery(query: string, notices: string[] = []): Param[] {
  let q = typeof query === 'string' ? query : '';
  const qm = q.indexOf('?');
  if (qm >= 0 && /^[a-z][a-z0-9+.-]*:|^\//i.test(q)) q = q.slice(qm + 1);
  else if (q.startsWith('?')) q = q.slice(1);
  const hash = q.indexOf('#');
  if (hash >= 0) q = q.slice(0, hash);
  if (q.length > MAX_QUERY_LENGTH) {
    notices.push(`The link is too long (${q.length} characters); only the first ${MAX_QUERY_LENGTH} were read.`);
    q = q.slice(0, MAX_QUERY_LENGTH);
  }
  const pieces = q.split(/[&;]/).filter((p) => p !== '');
  if (pieces.length > MAX_PARAMS) {
    notices.push(`The link has ${pieces.length} parameters; only the first ${MAX_PARAMS} were read.`);
    pieces.length = MAX_PARAMS;
  }
  return pieces.map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [decodeComponent(p), ''] : [decodeComponent(p.slice(0, eq)), decodeComponent(p.slice(eq + 1))];
  });
}

function capNotices(notices: string[]): string[] {
  if (notices.length <= MAX_NOTICES) return notices;
  const more = notices.length - (MAX_NOTICES - 1);
  return [...notices.slice(0, MAX_NOTICES - 1), `… and ${more} more things in the link were ignored.`];
}

/**
 * Reads a query into a valid state. Never throws; every string gives the defaults of the link's
 * schema version overlaid with the link's valid values, plus notices for everything else.
 */
export function decode<Fs extends Record<string, FieldSpec>>(schema: Schema<Fs>, query: string): Decoded<StateOf<Fs>> {
  const notices: string[] = [];
  let params = splitQuery(query, notices);

  // the schema version: the first valid `s`; none → `unversioned`
  let linkVersion: number | undefined;
  const sValues = params.filter(([k]) => k === SCHEMA_PARAM).map(([, v]) => v);
  params = params.filter(([k]) => k !== SCHEMA_PARAM);
  if (sValues.length > 0) {
    const s = sValues[0];
    if (!/^\d{1,6}$/.test(s)) {
      notices.push(`Ignored ${SCHEMA_PARAM}=${quote(s)}: not a schema version; the link was read as schema ${schema.version}.`);
    } else if (Number(s) > schema.version) {
      notices.push(
        `This link was made with schema ${Number(s)}, newer than this page knows; it was read as schema ${schema.version}, and settings this page does not know were ignored.`,
      );
    } else if (!schema.versions[Number(s)]) {
      notices.push(`This link was made with schema ${Number(s)}, which this page cannot read; it was read as schema ${schema.version}.`);
    } else {
      linkVersion = Number(s);
    }
    if (sValues.length > 1) notices.push(`Ignored repeated parameter ${SCHEMA_PARAM} (the first one counts).`);
  } else if (params.length > 0) {
    linkVersion = schema.unversioned;
  }
  const from = linkVersion ?? schema.version;

  // older schema: migrate the parameters step by step, and start from that version's defaults
  if (from < schema.version) {
    const steps: string[] = [];
    for (let v = from; v < schema.version; v++) {
      const migrate = schema.versions[v].migrate;
      if (!migrate) continue;
      try {
        const r = migrate(params);
        params = r.params.filter((p): p is Param => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string');
        if (r.notices) steps.push(...r.notices);
      } catch {
        steps.push(`its parameters could not be converted from schema ${v}`);
      }
    }
    if (steps.length > 0 || sValues.length > 0) {
      notices.push(
        `This link was made with schema ${from}; it was read with schema ${from}'s defaults` +
          (steps.length ? `: ${steps.join('; ')}.` : '.'),
      );
    }
  }

  const byKey = new Map<string, keyof Fs & string>();
  for (const name of Object.keys(schema.fields)) byKey.set(schema.fields[name].key, name);

  const state: Record<string, unknown> = {...schema.versions[from].defaults};
  const seen = new Set<string>();
  const given: (keyof Fs)[] = [];
  for (const [key, value] of params) {
    const name = byKey.get(key);
    if (name === undefined) {
      notices.push(key === '' ? 'Ignored a parameter without a name.' : `Ignored unknown parameter ${quote(key)}.`);
      continue;
    }
    if (seen.has(key)) {
      notices.push(`Ignored repeated parameter ${key}=${quote(value)} (the first ${key} counts).`);
      continue;
    }
    seen.add(key);
    const r = parseValue(schema.fields[name], value);
    if (!r.ok) {
      notices.push(`Ignored ${key}=${quote(value)}: ${r.reason}.`);
      continue;
    }
    state[name] = r.value;
    given.push(name);
  }
  // belt and braces: whatever happened above, the state is valid
  for (const name of Object.keys(schema.fields)) {
    if (!isValidValue(schema.fields[name], state[name])) state[name] = (schema.versions[schema.version].defaults as Record<string, unknown>)[name];
  }
  return {state: state as StateOf<Fs>, notices: capNotices(notices), given, schemaVersion: from};
}
