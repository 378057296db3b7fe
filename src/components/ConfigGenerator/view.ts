/**
 * Small pure helpers of the generator's view: severity labels (never colour alone), the warnings
 * split into what is shown and the address-space information, the explanations grouped per
 * service, each service's link to the calculator with its values, file names and links.
 */
import type {DovecotVersion} from '../../lib/version';
import type {Explanation, GeneratorInput, GeneratorOutput, GeneratorProtocol, GeneratorWarning, WarningSeverity} from '../../lib/dovecot/generator';
import {
  CALCULATOR_PATH,
  LOAD_FIELDS,
  SETTING_FIELDS,
  formFromState,
  defaultState,
  queryFor as calculatorQuery,
  settingLabel,
  type FormState as CalcForm,
} from '../ServiceCalculator/state';
import {GENERATOR_PATH} from './state';

export const SEVERITY: Readonly<Record<WarningSeverity, {label: string; icon: string}>> = {
  info: {label: 'Note', icon: 'i'},
  warning: {label: 'Warning', icon: '!'},
  danger: {label: 'Danger', icon: '✕'},
};

export function severityOf(value: unknown): WarningSeverity {
  return value === 'info' || value === 'warning' || value === 'danger' ? value : 'info';
}

/** The warning that shows for almost every input: information, collapsed by default. */
export const ADDRESS_SPACE_ID = 'address-space';

export function splitWarnings(warnings: readonly GeneratorWarning[]): {shown: GeneratorWarning[]; addressSpace: GeneratorWarning | null} {
  return {
    shown: warnings.filter((w) => w.id !== ADDRESS_SPACE_ID),
    addressSpace: warnings.find((w) => w.id === ADDRESS_SPACE_ID) ?? null,
  };
}

/** Only site-internal paths are followed; anything else goes to the generator's own page. */
export function safeLink(link: unknown): string {
  return typeof link === 'string' && /^\/(?!\/)[\w\-./#]*$/.test(link) ? link : GENERATOR_PATH;
}

export interface ExplanationGroup {
  /** The service, or null for global settings. */
  service: string | null;
  rows: Explanation[];
}

/** Global settings first, then one group per service block, in output order. */
export function explanationGroups(explanations: readonly Explanation[]): ExplanationGroup[] {
  const groups: ExplanationGroup[] = [];
  for (const e of explanations) {
    const m = /^service ([^/]+)\//.exec(e.path);
    const service = m ? m[1] : null;
    let g = groups.find((x) => x.service === service);
    if (!g) {
      g = {service, rows: []};
      groups.push(g);
    }
    g.rows.push(e);
  }
  return groups;
}

/** The protocol a service serves connections of (login and mail services), if any. */
function protocolOf(service: string): GeneratorProtocol | null {
  const p = service.replace(/-login$/, '');
  return p === 'imap' || p === 'pop3' || p === 'lmtp' || p === 'submission' || p === 'managesieve' ? p : null;
}

/**
 * `/calculator?…` for one service of the output: its written settings (the rest stay the built-in
 * defaults), the peak of its protocol (all enabled protocols for auth, anvil and auth-worker), the
 * rate, cores and RAM. `%{system:cpu_count}` is given as the number of cores.
 */
export function calculatorLink(out: GeneratorOutput, service: string): string {
  const input: GeneratorInput = out.input;
  const version: DovecotVersion = input.version;
  const form: CalcForm = {
    ...formFromState(defaultState()),
    version,
    service,
    protocols: [...input.protocols],
    proxy: input.proxy,
    authCache: input.authCache,
  };
  for (const node of out.tree.children) {
    if (node.kind !== 'section' || node.type !== 'service' || node.name !== service) continue;
    for (const c of node.children) {
      if (c.kind !== 'setting') continue;
      const k = SETTING_FIELDS.find((f) => settingLabel(version, f) === c.key);
      if (!k) continue;
      form[k] = k === 'process_min_avail' && !/^\d+$/.test(c.value) ? String(input.cores) : c.value;
    }
  }
  const p = protocolOf(service);
  const peak = p ? input.peak[p] : input.protocols.reduce((sum, x) => sum + input.peak[x], 0);
  const load: Record<(typeof LOAD_FIELDS)[number], number> = {
    peakConnections: peak,
    connectionsPerSecond: input.newPerSecond,
    tlsPercent: input.tlsPercent,
    cores: input.cores,
    ramGiB: input.ramGiB,
  };
  for (const k of LOAD_FIELDS) form[k] = String(load[k]);
  return `${CALCULATOR_PATH}?${calculatorQuery(form)}`;
}

/** The code block's title: where the text goes. */
export function configTitle(input: GeneratorInput): string {
  return input.output === 'file' ? 'dovecot.conf' : 'conf.d/10-master.conf';
}

/** The downloaded file's name: a conf.d file of its own, or a whole dovecot.conf. */
export function downloadName(input: GeneratorInput): string {
  return input.output === 'file' ? 'dovecot.conf' : '90-services.conf';
}

/** The absolute link to /generator with `query`. */
export function generatorUrl(origin: string, query: string): string {
  return `${origin.replace(/\/+$/, '')}${GENERATOR_PATH}?${query}`;
}
