/**
 * The load the reader enters on /explain (peak connections, new connections per second, cores,
 * RAM), declared once: its link format (`/explain?peak=5000&cores=8`, the pasted text stays in
 * the #fragment), the form, and what the engine gets. Every field may stay empty: a finding that
 * needs a field left empty is not shown, so nothing is judged against a load nobody gave. Pure.
 */
import {DEFAULT_VERSION, DOVECOT_VERSIONS, parseVersion, type DovecotVersion} from '../../lib/version';
import type {CalculatorLoad} from '../../lib/dovecot/calculator/types';
import {decode, defineSchema, encode, parseValue, type Decoded, type StateOf} from '../../lib/dovecot/permalink';
import {formatNumber} from '../../lib/numberFormat';

const FIELDS = {
  // the site's version rides along, so a shared link reads a paste without clues as it was read
  version: {kind: 'enum', key: 'v', values: DOVECOT_VERSIONS},
  peakConnections: {kind: 'text', key: 'peak', pattern: /[0-9]{1,8}/, maxLength: 8, expected: 'a whole number of connections'},
  connectionsPerSecond: {kind: 'text', key: 'rate', pattern: /[0-9]{1,7}(?:\.[0-9])?/, maxLength: 9, expected: 'a number of connections per second'},
  cores: {kind: 'text', key: 'cores', pattern: /[1-9][0-9]{0,3}/, maxLength: 4, expected: 'a number of cores from 1'},
  ramGiB: {kind: 'text', key: 'ram', pattern: /[0-9]{1,6}(?:\.[0-9])?/, maxLength: 8, expected: 'a size in GiB'},
} as const;

type LoadState = StateOf<typeof FIELDS>;
/** The load fields the explainer asks for (not the TLS share: the calculator then takes its own default). */
export type LoadField = Exclude<keyof CalculatorLoad, 'tlsPercent'>;
export const LOAD_FIELDS: readonly LoadField[] = ['peakConnections', 'connectionsPerSecond', 'cores', 'ramGiB'];

/** Schema 1's defaults. FROZEN: an empty field means "not given". */
const DEFAULTS_1: LoadState = {version: DEFAULT_VERSION, peakConnections: '', connectionsPerSecond: '', cores: '', ramGiB: ''};

export const LOAD_SCHEMA = defineSchema<typeof FIELDS>({
  version: 1,
  fields: FIELDS,
  unversioned: 1,
  versions: {1: {defaults: DEFAULTS_1}},
});

export const LOAD_META: Readonly<Record<LoadField, {label: string; shown: string; unit: string; inputMode: 'numeric' | 'decimal'}>> = {
  peakConnections: {label: 'Peak concurrent connections (IMAP, POP3, submission, ManageSieve)', shown: 'Peak connections', unit: 'at once', inputMode: 'numeric'},
  connectionsPerSecond: {label: 'New connections per second at peak', shown: 'New per second', unit: 'per s', inputMode: 'decimal'},
  cores: {label: 'CPU cores', shown: 'CPU cores', unit: 'cores', inputMode: 'numeric'},
  ramGiB: {label: 'RAM', shown: 'RAM', unit: 'GiB', inputMode: 'decimal'},
};

/** What the reader typed, per field; `version` is the site's. */
export type LoadForm = {version: DovecotVersion} & Record<LoadField, string>;

export function emptyLoadForm(version: DovecotVersion = DEFAULT_VERSION): LoadForm {
  return {version, peakConnections: '', connectionsPerSecond: '', cores: '', ramGiB: ''};
}

export function loadFormFromState(s: LoadState): LoadForm {
  return {
    version: parseVersion(s.version) ?? DEFAULT_VERSION,
    peakConnections: s.peakConnections,
    connectionsPerSecond: s.connectionsPerSecond,
    cores: s.cores,
    ramGiB: s.ramGiB,
  };
}

export function decodeLoadQuery(query: string): Decoded<LoadState> {
  return decode(LOAD_SCHEMA, query);
}

/** The query for the form (no `?`); fields whose text is not valid are left out. */
export function loadQueryFor(f: LoadForm): string {
  const state: Record<string, string> = {version: f.version};
  for (const k of LOAD_FIELDS) state[k] = f[k].trim();
  return encode(LOAD_SCHEMA, state as Partial<LoadState>);
}

export interface ReadLoad {
  /** The fields given, as numbers; empty when none is. */
  load: Partial<CalculatorLoad>;
  /** Per field, why its text is not used. */
  problems: Partial<Record<LoadField, string>>;
}

/** The engine's load: each valid field as a number; a field left empty is simply not given. */
export function readLoad(f: LoadForm): ReadLoad {
  const load: Partial<CalculatorLoad> = {};
  const problems: Partial<Record<LoadField, string>> = {};
  for (const k of LOAD_FIELDS) {
    const t = f[k].trim();
    if (t === '') continue;
    const r = parseValue(FIELDS[k], t);
    if (r.ok) load[k] = Number(r.value);
    else problems[k] = `${LOAD_META[k].shown}: ${r.reason}`;
  }
  return {load, problems};
}

/** "5,000 connections at peak, 8 cores", or null when nothing was given. */
export function loadSummary(load: Partial<CalculatorLoad>): string | null {
  const parts: string[] = [];
  const n = (x: number) => formatNumber(x);
  if (load.peakConnections !== undefined) parts.push(`${n(load.peakConnections)} connections at peak`);
  if (load.connectionsPerSecond !== undefined) parts.push(`${n(load.connectionsPerSecond)} new per second`);
  if (load.cores !== undefined) parts.push(`${n(load.cores)} cores`);
  if (load.ramGiB !== undefined) parts.push(`${n(load.ramGiB)} GiB RAM`);
  return parts.length > 0 ? parts.join(', ') : null;
}
