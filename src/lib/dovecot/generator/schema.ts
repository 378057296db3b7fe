/**
 * The generator's inputs declared once: type, allowed range and default of every field, the
 * three presets, and the validation every other part (form, permalink codec, generate) uses.
 * Bad fields are reported by name and replaced by their default; nothing here throws.
 */
import {DEFAULT_CONFIG_VERSION_24, SUPPORTED_CONFIG_VERSIONS_24} from '../catalog';
import {
  GENERATOR_PROTOCOLS,
  type FieldProblem,
  type GeneratorInput,
  type GeneratorProtocol,
  type LoginMode,
  type MailReuse,
  type MinAvailMode,
  type OutputForm,
} from './types';

export interface NumberField {
  kind: 'number';
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  unit?: string;
}

/** Ranges of the numeric fields. Generous on purpose: the output stays valid across all of them. */
export const NUMBER_FIELDS = {
  cores: {kind: 'number', min: 1, max: 1024, integer: true, unit: 'cores'},
  ramGiB: {kind: 'number', min: 0.5, max: 65536, integer: false, unit: 'GiB'},
  peak: {kind: 'number', min: 0, max: 1_000_000, integer: true, unit: 'connections'},
  newPerSecond: {kind: 'number', min: 0, max: 100_000, integer: false, unit: 'connections per second'},
  tlsPercent: {kind: 'number', min: 0, max: 100, integer: false, unit: '%'},
  reuseCount: {kind: 'number', min: 2, max: 1_000_000, integer: true, unit: 'connections'},
  cacheUsers: {kind: 'number', min: 1, max: 10_000_000, integer: true, unit: 'users'},
  // 30 days: the docs call very high TTLs safe (a failed login after a cached success looks up again).
  cacheTtlMinutes: {kind: 'number', min: 1, max: 43_200, integer: true, unit: 'minutes'},
  cacheNegativeTtlMinutes: {kind: 'number', min: 0, max: 43_200, integer: true, unit: 'minutes'},
} as const satisfies Record<string, NumberField>;

export const LOGIN_MODES: readonly LoginMode[] = ['high-security', 'high-performance'];
export const MAIL_REUSE: readonly MailReuse[] = ['one', 'bounded', 'unlimited'];
export const MIN_AVAIL_MODES: readonly MinAvailMode[] = ['cores', 'cpu_count', 'off'];
export const OUTPUT_FORMS: readonly OutputForm[] = ['blocks', 'file'];

/** A small server: 2 cores, 4 GiB, IMAP with submission and LMTP, the built-in secure modes. */
export const GENERATOR_DEFAULTS: Readonly<GeneratorInput> = Object.freeze({
  version: '2.4',
  configVersion: DEFAULT_CONFIG_VERSION_24,
  cores: 2,
  ramGiB: 4,
  protocols: ['imap', 'lmtp', 'submission'],
  peak: {imap: 100, pop3: 20, lmtp: 10, submission: 20, managesieve: 10},
  newPerSecond: 5,
  tlsPercent: 100,
  proxy: false,
  loginMode: 'high-security',
  mailReuse: 'one',
  reuseCount: 100,
  authCache: true,
  cacheUsers: 1000,
  cacheTtlMinutes: 60,
  cacheNegativeTtlMinutes: 60,
  minAvail: 'cores',
  comments: true,
  output: 'blocks',
}) as GeneratorInput;

export type PresetId = 'small-office' | 'isp-10k' | 'maximum-isolation';

export interface Preset {
  id: PresetId;
  title: string;
  description: string;
  /** Fields that differ from GENERATOR_DEFAULTS (the version is kept from the current state). */
  values: Partial<Omit<GeneratorInput, 'version' | 'configVersion'>>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'small-office',
    title: 'Small office',
    description: '2 cores, 4 GiB, IMAP + submission + LMTP, 50 connections, high-security login, one process per connection, auth cache on.',
    values: {
      cores: 2,
      ramGiB: 4,
      protocols: ['imap', 'lmtp', 'submission'],
      peak: {imap: 50, pop3: 0, lmtp: 5, submission: 10, managesieve: 0},
      newPerSecond: 2,
      tlsPercent: 100,
      loginMode: 'high-security',
      mailReuse: 'one',
      authCache: true,
      cacheUsers: 50,
      cacheTtlMinutes: 60,
      cacheNegativeTtlMinutes: 60,
      minAvail: 'cores',
    },
  },
  {
    id: 'isp-10k',
    title: 'ISP, 10k users',
    description:
      '16 cores, 128 GiB, IMAP + POP3 + LMTP + submission, 10 000 IMAP connections at peak, high-performance login, mail processes restarted every 100 connections, auth cache for 100 000 users.',
    values: {
      cores: 16,
      ramGiB: 128,
      protocols: ['imap', 'pop3', 'lmtp', 'submission'],
      peak: {imap: 10_000, pop3: 1000, lmtp: 200, submission: 500, managesieve: 0},
      newPerSecond: 200,
      tlsPercent: 100,
      loginMode: 'high-performance',
      mailReuse: 'bounded',
      reuseCount: 100,
      authCache: true,
      cacheUsers: 100_000,
      cacheTtlMinutes: 60,
      cacheNegativeTtlMinutes: 60,
      minAvail: 'cores',
    },
  },
  {
    id: 'maximum-isolation',
    title: 'Maximum isolation',
    description:
      'Every protocol, a fresh login process and a fresh mail process for every connection, no authentication cache: nothing of one session can stay in memory for the next.',
    values: {
      cores: 4,
      ramGiB: 8,
      protocols: ['imap', 'pop3', 'lmtp', 'submission', 'managesieve'],
      peak: {imap: 300, pop3: 50, lmtp: 20, submission: 50, managesieve: 10},
      newPerSecond: 10,
      tlsPercent: 100,
      loginMode: 'high-security',
      mailReuse: 'one',
      authCache: false,
      minAvail: 'cores',
    },
  },
];

/** The full input of a preset for a version (2.4: the default dovecot_config_version). */
export function presetInput(id: PresetId, version: GeneratorInput['version'] = '2.4'): GeneratorInput {
  const preset = PRESETS.find((p) => p.id === id);
  const base = cloneInput(GENERATOR_DEFAULTS);
  return {...base, ...(preset ? cloneValues(preset.values) : {}), version, configVersion: DEFAULT_CONFIG_VERSION_24};
}

function cloneValues(v: Preset['values']): Preset['values'] {
  return {...v, ...(v.protocols ? {protocols: [...v.protocols]} : {}), ...(v.peak ? {peak: {...v.peak}} : {})};
}

export function cloneInput(i: Readonly<GeneratorInput>): GeneratorInput {
  return {...i, protocols: [...i.protocols], peak: {...i.peak}};
}

// --- validation -------------------------------------------------------------------------------

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function numberProblem(field: string, spec: NumberField, value: unknown): string | undefined {
  const range = `${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${field}: must be ${range} (got ${describe(value)})`;
  if (spec.integer && !Number.isInteger(value)) return `${field}: must be ${range} (got ${value})`;
  if (value < spec.min || value > spec.max) return `${field}: must be ${range} (got ${value})`;
  return undefined;
}

function oneOf<T extends string>(field: string, values: readonly T[], value: unknown): string | undefined {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
    ? undefined
    : `${field}: must be one of ${values.join(', ')} (got ${describe(value)})`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface NormalizedInput {
  input: GeneratorInput;
  problems: FieldProblem[];
}

/**
 * Checks every field of `raw` (anything: a partial input, a decoded permalink, garbage) and
 * returns a complete input: each missing field takes its default, each bad field is reported
 * and takes its default. Never throws.
 */
export function normalizeInput(raw: unknown): NormalizedInput {
  const src: Record<string, unknown> = isRecord(raw) ? raw : {};
  const d = GENERATOR_DEFAULTS;
  const problems: FieldProblem[] = [];
  const out = cloneInput(d);
  if (!isRecord(raw) && raw !== undefined) {
    problems.push({field: 'version', message: `input: expected an object of answers (got ${describe(raw)}); using the defaults`});
  }
  const has = (k: string) => src[k] !== undefined;

  if (has('version')) {
    const p = oneOf('version', ['2.3', '2.4'] as const, src.version);
    if (p) problems.push({field: 'version', message: p});
    else out.version = src.version as GeneratorInput['version'];
  }
  if (has('configVersion') && out.version === '2.4') {
    const p = oneOf('configVersion', SUPPORTED_CONFIG_VERSIONS_24, src.configVersion);
    if (p) problems.push({field: 'configVersion', message: `${p}; these are the dovecot_config_version values Dovecot 2.4.1 accepts`});
    else out.configVersion = src.configVersion as string;
  }

  const numbers: (keyof typeof NUMBER_FIELDS & keyof GeneratorInput)[] = [
    'cores',
    'ramGiB',
    'newPerSecond',
    'tlsPercent',
    'reuseCount',
    'cacheUsers',
    'cacheTtlMinutes',
    'cacheNegativeTtlMinutes',
  ];
  for (const k of numbers) {
    if (!has(k)) continue;
    const p = numberProblem(k, NUMBER_FIELDS[k], src[k]);
    if (p) problems.push({field: k, message: p});
    else (out as unknown as Record<string, number>)[k] = src[k] as number;
  }

  if (has('protocols')) {
    const v = src.protocols;
    const ok =
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((x) => typeof x === 'string' && (GENERATOR_PROTOCOLS as readonly string[]).includes(x)) &&
      new Set(v).size === v.length;
    if (!ok) {
      problems.push({
        field: 'protocols',
        message: `protocols: must be a non-empty list of distinct protocols from ${GENERATOR_PROTOCOLS.join(', ')} (got ${Array.isArray(v) ? JSON.stringify(v).slice(0, 60) : describe(v)})`,
      });
    } else {
      // Keep the canonical order so the same choice always prints the same text.
      out.protocols = GENERATOR_PROTOCOLS.filter((p) => (v as string[]).includes(p));
    }
  }

  if (has('peak')) {
    if (!isRecord(src.peak)) {
      problems.push({field: 'peak', message: `peak: must be connections per protocol (got ${describe(src.peak)})`});
    } else {
      for (const p of GENERATOR_PROTOCOLS) {
        const v = src.peak[p];
        if (v === undefined) continue;
        const field = `peak.${p}` as const;
        const msg = numberProblem(field, NUMBER_FIELDS.peak, v);
        if (msg) problems.push({field, message: msg});
        else out.peak[p as GeneratorProtocol] = v as number;
      }
    }
  }

  const enums: [keyof GeneratorInput, readonly string[]][] = [
    ['loginMode', LOGIN_MODES],
    ['mailReuse', MAIL_REUSE],
    ['minAvail', MIN_AVAIL_MODES],
    ['output', OUTPUT_FORMS],
  ];
  for (const [k, values] of enums) {
    if (!has(k)) continue;
    const p = oneOf(k, values, src[k]);
    if (p) problems.push({field: k, message: p});
    else (out as unknown as Record<string, string>)[k] = src[k] as string;
  }
  if (out.version === '2.3' && out.minAvail === 'cpu_count') {
    problems.push({
      field: 'minAvail',
      message: 'minAvail: %{system:cpu_count} exists only in Dovecot 2.4; using the number of cores instead',
    });
    out.minAvail = 'cores';
  }

  for (const k of ['proxy', 'authCache', 'comments'] as const) {
    if (!has(k)) continue;
    if (typeof src[k] !== 'boolean') problems.push({field: k, message: `${k}: must be true or false (got ${describe(src[k])})`});
    else out[k] = src[k] as boolean;
  }
  if (out.version === '2.3') out.configVersion = d.configVersion;
  return {input: out, problems};
}

/** The problems of `raw`, each naming its field (empty when every field is usable). */
export function validateInput(raw: unknown): FieldProblem[] {
  return normalizeInput(raw).problems;
}
