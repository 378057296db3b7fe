/**
 * Explains a parsed configuration in one Dovecot version: each service block with its limits
 * after defaults (catalog), the calculator's findings, doveconf's own checks with their exact text
 * (rules), settings that do not exist in the version, and what cannot be evaluated here.
 */
import type {DovecotVersion} from '../../version';
import {
  CHANGES_23_TO_24,
  DEFAULT_CONFIG_VERSION_24,
  SETTINGS,
  anchorFor,
  effectiveLimits,
  getService,
  type SettingDef,
  type SettingScope,
} from '../catalog';
import {evaluate} from '../calculator';
import {FULL_PROTOCOLS} from '../runtime';
import type {CalculatorLoad, CalculatorSettings, Finding} from '../calculator/types';
import {walkConfig, type ConfigTree, type Node, type SectionNode, type SettingNode} from '../conf';
import {analyzeConfig, type RuleResult} from '../rules';
import type {TroubleshootingAnchor} from './anchors';
import {raiseTo, ref, settingFix, zeroFix, defaultVszLimit} from './fixes';
import {
  countText,
  missingService,
  protocolOf,
  resolveValue,
  sizeSetting,
  sizeText,
  timeText,
  topLevel,
  writtenServices,
  type WrittenSetting,
} from './shared';
import type {
  Assumption,
  CannotEvaluate,
  Fix,
  RuleExplanation,
  ServiceExplanation,
  Severity,
  UnknownSetting,
} from './types';

/** Catalog ids of the service settings the limits are computed from. */
const LIMIT_IDS = ['process_limit', 'client_limit', 'restart_request_count', 'process_min_avail', 'vsz_limit', 'idle_kill_interval'] as const;

function defById(id: string): SettingDef {
  return SETTINGS.find((d) => d.id === id)!;
}

/** The version's block name of a limit (service_count in 2.3). */
function limitName(version: DovecotVersion, id: string): string {
  return defById(id).versions[version]!.name;
}

const RULE_ANCHOR: Partial<Record<RuleResult['id'], TroubleshootingAnchor>> = {
  E1: 'process-min-avail-higher',
  E2: 'vsz-limit-too-low',
  E3: 'process-limit-must-be-1',
  E4: 'must-be-higher-than-0',
  E5: 'must-be-higher-than-0',
  E6: 'must-be-higher-than-0',
  E7: 'must-be-higher-than-0',
  W1: 'auth-client-limit-warning',
  W2: 'anvil-client-limit-warning',
  W3: 'fd-limit',
  E17: 'first-setting-must-be-dovecot-config-version',
  E18: 'dovecot-storage-version-must-be-set',
  E19: 'invalid-dovecot-config-version',
};

const ZERO_SETTING: Partial<Record<RuleResult['id'], string>> = {
  E4: 'process_limit',
  E5: 'client_limit',
  E6: 'restart_request_count',
  E7: 'idle_kill_interval',
};

/** The fix for one of doveconf's checks, with its numbers. */
export function ruleFix(version: DovecotVersion, r: RuleResult): Fix | undefined {
  const svc = r.service ?? '';
  const n = r.numbers;
  switch (r.id) {
    case 'W1':
      return raiseTo(version, 'auth', 'client_limit', Number(n.required));
    case 'W2':
      return raiseTo(version, 'anvil', 'client_limit', Number(n.required));
    case 'W3':
      return {
        text: `Make sure the dovecot master runs with \`ulimit -n\` of at least ${n.required} (systemd: \`LimitNOFILE=${n.required}\`).`,
        value: String(n.required),
      };
    case 'E1':
      return settingFix(version, svc, 'process_min_avail', String(n.process_limit),
        `Lower ${ref(version, svc, 'process_min_avail')} to at most ${n.process_limit}, or raise ${ref(version, svc, 'process_limit')}.`);
    case 'E2':
      return settingFix(version, svc, 'vsz_limit', 'unlimited',
        `Set ${ref(version, svc, 'vsz_limit')} to at least 1M (the default is ${defaultVszLimit(version)})${version === '2.4' ? ', or `unlimited` for no limit' : ', or 0 for no limit'}.`);
    case 'E3':
      return settingFix(version, svc, 'process_limit', '1', `Remove \`process_limit\` from \`service ${svc}\` (it must be 1).`);
    case 'E4':
    case 'E5':
    case 'E6':
    case 'E7':
      return zeroFix(version, svc, ZERO_SETTING[r.id]!);
    case 'E17':
      return {text: 'Make `dovecot_config_version = 2.4.1` the first setting of dovecot.conf.', setting: 'dovecot_config_version', value: '2.4.1'};
    case 'E18':
      return {text: 'Add `dovecot_storage_version = 2.4.1` (or the version your mail storage was first written with).', setting: 'dovecot_storage_version'};
    case 'E19':
      return {text: 'Set `dovecot_config_version` to a version this Dovecot supports (2.4.1).', setting: 'dovecot_config_version', value: '2.4.1'};
    case 'E15':
      return {text: `Write the unit, e.g. \`auth_cache_size = ${n.auth_cache_size}M\`.`, setting: 'auth_cache_size'};
    case 'E16':
      return {text: 'Remove `auth_worker_max_count = 0` (the default is 30).', setting: 'auth_worker_max_count'};
    default:
      return undefined;
  }
}

export function ruleExplanation(version: DovecotVersion, r: RuleResult): RuleExplanation {
  const out: RuleExplanation = {id: r.id, severity: r.severity, source: r.source, message: r.message, numbers: r.numbers};
  if (r.service !== undefined) out.service = r.service;
  if (r.line !== undefined && r.line > 0) out.line = r.line;
  const fix = ruleFix(version, r);
  if (fix) out.fix = fix;
  const anchor = RULE_ANCHOR[r.id];
  if (anchor) out.anchor = anchor;
  return out;
}

function synthetic(key: string, value: string): SettingNode {
  return {kind: 'setting', key, value, pos: {line: 0, column: 0}};
}

export interface RulesInput {
  tree: ConfigTree;
  assumptions: Assumption[];
  wholeFileNotes: RuleExplanation[];
}

/**
 * The tree the checks run on, wrapped as DESIGN.md's "clean in real doveconf" defines: a text
 * without `protocols` is checked with the protocols of its services (otherwise doveconf would
 * skip every check); a 2.4 text without dovecot_config_version is treated as a conf.d fragment.
 */
export function wrapForRules(version: DovecotVersion, tree: ConfigTree): RulesInput {
  const globals = topLevel(tree);
  const assumptions: Assumption[] = [];
  const wholeFileNotes: RuleExplanation[] = [];
  const head: Node[] = [];
  if (version === '2.4' && !globals.has('dovecot_config_version')) {
    head.push(synthetic('dovecot_config_version', DEFAULT_CONFIG_VERSION_24));
    wholeFileNotes.push(ruleExplanation(version, {id: 'E17', severity: 'error', source: 'doveconf', message: 'The first setting must be dovecot_config_version', numbers: {}}));
    if (!globals.has('dovecot_storage_version')) {
      head.push(synthetic('dovecot_storage_version', DEFAULT_CONFIG_VERSION_24));
      wholeFileNotes.push(ruleExplanation(version, {id: 'E18', severity: 'error', source: 'doveconf', message: 'dovecot_storage_version setting must be set', numbers: {}}));
    }
    assumptions.push({text: `The text has no dovecot_config_version, so it is read as a conf.d fragment of a file with dovecot_config_version = ${DEFAULT_CONFIG_VERSION_24}.`});
  }
  if (!globals.has('protocols')) {
    const protocols: string[] = [];
    for (const s of writtenServices(tree, version, 'protocol')) {
      const p = protocolOf(version, s);
      if (p !== '' && !protocols.includes(p)) protocols.push(p);
    }
    if (protocols.length > 0) {
      head.push(synthetic('protocols', protocols.join(' ')));
      assumptions.push({text: `The text does not set protocols; it is checked with protocols = ${protocols.join(' ')} (the protocols of its services), since doveconf skips services whose protocol is not enabled.`});
    }
  }
  if (head.length === 0) return {tree, assumptions, wholeFileNotes};
  const children = [...tree.children];
  // dovecot_config_version must stay first when the text has it
  const at = globals.has('dovecot_config_version') ? children.indexOf(globals.get('dovecot_config_version')!.node) + 1 : 0;
  children.splice(at, 0, ...head);
  return {tree: {children}, assumptions, wholeFileNotes};
}

function worst(a: Severity, b: Severity): Severity {
  const order: Severity[] = ['ok', 'info', 'warning', 'error'];
  return order.indexOf(b) > order.indexOf(a) ? b : a;
}

function findingSeverity(f: Finding): Severity {
  return f.severity === 'danger' ? 'error' : f.severity;
}

function protocolsEnabled(version: DovecotVersion, globals: Map<string, WrittenSetting>): string[] | null {
  const p = globals.get('protocols');
  if (!p) return null;
  const words = p.value.split(/[\s,]+/).filter((w) => w !== '' && w !== '$protocols' && w !== '$SET:protocols');
  if (words.some((w) => w.includes('$') || w.includes('%'))) return null;
  if (version === '2.3' && words.length === 1 && words[0] === 'none') return [];
  return words;
}

/** Service explanations for every service the text configures. */
export function explainServices(
  version: DovecotVersion,
  tree: ConfigTree,
  rules: RuleExplanation[],
  cannot: CannotEvaluate[],
  load?: CalculatorLoad,
): ServiceExplanation[] {
  const globals = topLevel(tree);
  const enabled = protocolsEnabled(version, globals);
  const configVersion = version === '2.4' ? (globals.get('dovecot_config_version')?.value ?? DEFAULT_CONFIG_VERSION_24) : undefined;
  const globalOverrides: Record<string, string> = {};
  const globalNames = version === '2.3'
    ? ['default_process_limit', 'default_client_limit', 'default_vsz_limit', 'default_idle_kill']
    : ['default_process_limit', 'default_client_limit', 'default_vsz_limit', 'default_idle_kill_interval',
      'service_process_limit', 'service_client_limit', 'service_restart_request_count', 'service_process_min_avail', 'service_vsz_limit', 'service_idle_kill_interval'];
  const globalProblems: string[] = [];
  for (const g of globalNames) {
    const w = globals.get(g);
    if (!w) continue;
    const r = resolveValue(version, globals, w.node);
    if (r.ok) globalOverrides[g] = r.value;
    else globalProblems.push(`${g} (line ${w.line}): ${r.why}`);
  }

  const out: ServiceExplanation[] = [];
  for (const svc of writtenServices(tree, version)) {
    const builtin = getService(version, svc.name) !== undefined;
    const protocol = protocolOf(version, svc);
    const problems: string[] = [...globalProblems];
    const overrides: Record<string, string> = {};
    const calcSettings: CalculatorSettings = {};
    let evaluable = builtin;
    if (!builtin) problems.push(`Dovecot ${version} has no built-in service ${svc.name}, so its defaults are not known here.`);
    for (const id of LIMIT_IDS) {
      const name = limitName(version, id);
      const w = svc.settings.get(name);
      if (!w) continue;
      const r = resolveValue(version, globals, w.node);
      if (!r.ok) {
        evaluable = false;
        problems.push(`${name} (line ${w.line}) cannot be evaluated: ${r.why}.`);
        cannot.push({line: w.line, text: `${name} = ${w.value}`, why: r.why});
        continue;
      }
      overrides[name] = r.value;
      if (id !== 'idle_kill_interval') calcSettings[id] = r.value;
    }
    const explanation: ServiceExplanation = {
      name: svc.name,
      line: svc.line,
      builtin,
      enabled: protocol === '' ? true : enabled === null ? null : enabled.includes(protocol),
      protocol,
      written: [...svc.settings.values()].sort((a, b) => a.line - b.line).map((w) => ({key: w.key, value: w.value, line: w.line})),
      effective: null,
      findings: [],
      problems,
      severity: 'ok',
      calculator: {version, service: svc.name, settings: calcSettings},
    };
    if (evaluable) {
      try {
        const e = effectiveLimits(version, svc.name, {service: overrides, global: globalOverrides}, configVersion ? {configVersion} : undefined);
        const capacity = e.process_limit === 'unlimited' || e.clientsPerProcess === 'unlimited' ? 'unlimited' : e.process_limit * e.clientsPerProcess;
        const space = e.process_limit === 'unlimited' || e.vsz_limit === 'unlimited' ? 'unlimited' : e.process_limit * e.vsz_limit;
        explanation.effective = {
          process_limit: countText(e.process_limit),
          client_limit: countText(e.client_limit),
          restart_request_count: countText(e.restart_request_count),
          process_min_avail: String(e.process_min_avail),
          vsz_limit: sizeText(e.vsz_limit),
          idle_kill_interval: timeText(e.idle_kill_interval),
          clients_per_process: countText(e.clientsPerProcess),
          capacity: countText(capacity),
          address_space: sizeText(space),
        };
        // changed global defaults reach the calculator as this service's own values
        if (Object.keys(globalOverrides).length > 0) {
          if (calcSettings.process_limit === undefined) calcSettings.process_limit = countText(e.process_limit);
          if (calcSettings.client_limit === undefined) calcSettings.client_limit = countText(e.client_limit);
          if (calcSettings.vsz_limit === undefined) calcSettings.vsz_limit = sizeSetting(version, e.vsz_limit);
        }
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
        explanation.severity = 'error';
      }
      if (load && explanation.effective) {
        try {
          // the config's own protocols, so the calculator's sums are the ones this config gets
          const protocols = enabled?.map((w) => (w === 'sieve' ? 'managesieve' : w)).filter((w) => (FULL_PROTOCOLS as readonly string[]).includes(w));
          const result = evaluate({version, service: svc.name, settings: calcSettings, load, ...(configVersion ? {configVersion} : {}), ...(protocols ? {protocols} : {})});
          explanation.findings = result.findings.filter((f) => !f.id.startsWith('rule-'));
          for (const p of result.problems) if (!problems.includes(p.message)) problems.push(p.message);
        } catch {
          // the calculator's findings are a bonus; the limits above stand on their own
        }
      }
    }
    let sev: Severity = explanation.severity;
    for (const f of explanation.findings) sev = worst(sev, findingSeverity(f));
    for (const r of rules) if (r.service === svc.name && r.source === 'doveconf') sev = worst(sev, r.severity);
    if (problems.length > 0) sev = worst(sev, 'info');
    explanation.severity = sev;
    out.push(explanation);
  }
  return out;
}

/** doveconf's checks on the tree (wrapped), as explanations. */
export function explainRules(version: DovecotVersion, wrapped: ConfigTree): RuleExplanation[] {
  try {
    const report = analyzeConfig(version, wrapped);
    return [...report.warnings, ...(report.fatal ? [report.fatal] : []), ...report.master].map((r) => ruleExplanation(version, r));
  } catch {
    return [];
  }
}

/** "service imap-login / inet_listener imap": where a setting is. */
function contextOf(ancestors: readonly SectionNode[]): string {
  return ancestors.map((a) => (a.name !== undefined ? `${a.type} ${a.name}` : a.type)).join(' / ');
}

/** The catalog scope of settings directly in the innermost section (null: none the catalog has). */
function scopeOf(ancestors: readonly SectionNode[]): SettingScope | null {
  const inner = ancestors[ancestors.length - 1];
  if (!inner) return 'global';
  switch (inner.type) {
    case 'service':
    case 'inet_listener':
    case 'unix_listener':
    case 'fifo_listener':
    case 'passdb':
    case 'userdb':
      return inner.type;
    case 'protocol':
    case 'local':
    case 'remote':
      return 'global';
    default:
      return null;
  }
}

/** The name of the service a setting is in, if any. */
function serviceOf(ancestors: readonly SectionNode[]): string | undefined {
  return ancestors.find((a) => a.type === 'service')?.name;
}

/** A catalog setting found by one of its names, and which versions spell it that way. */
interface NamedSetting {
  def: SettingDef;
  ownName: Record<DovecotVersion, boolean>;
}

/** Per scope: each name (and, for globals, flat name) to the first catalog setting that has it. */
let defIndex: Map<SettingScope, Map<string, NamedSetting>> | null = null;

function buildDefIndex(): Map<SettingScope, Map<string, NamedSetting>> {
  const index = new Map<SettingScope, Map<string, NamedSetting>>();
  const isOwn = (d: SettingDef, version: DovecotVersion, name: string) => {
    const mine = d.versions[version];
    return !!mine && (mine.name === name || mine.flatName === name);
  };
  const add = (names: Map<string, NamedSetting>, name: string | undefined, d: SettingDef) => {
    if (name === undefined || names.has(name)) return;
    names.set(name, {def: d, ownName: {'2.3': isOwn(d, '2.3', name), '2.4': isOwn(d, '2.4', name)}});
  };
  for (const d of SETTINGS) {
    let names = index.get(d.scope);
    if (!names) index.set(d.scope, (names = new Map()));
    for (const v of Object.values(d.versions)) {
      if (!v) continue;
      add(names, v.name, d);
      if (d.scope === 'global') add(names, v.flatName, d);
    }
  }
  return index;
}

/** The catalog setting a key names in a scope (the first in catalog order), looked up in an index. */
function defFor(scope: SettingScope, key: string): NamedSetting | undefined {
  defIndex ??= buildDefIndex();
  return defIndex.get(scope)?.get(key);
}

/** A 2.3 `$default_*` reference, which 2.4 writes as `$SET:default_*`. */
const DEFAULT_REF = /\$default_[a-z_]{1,40}/;

/** Settings (and services) the text uses that the version does not have. */
export function findUnknownSettings(version: DovecotVersion, tree: ConfigTree): UnknownSetting[] {
  const other: DovecotVersion = version === '2.4' ? '2.3' : '2.4';
  const out: UnknownSetting[] = [];
  walkConfig(tree, (node, ancestors) => {
    if (out.length >= 500) return 'stop';
    if (node.kind === 'section' && node.type === 'service' && node.name !== undefined && ancestors.length === 0) {
      const removed = missingService(version, node.name);
      if (removed) {
        out.push({line: node.pos.line, key: `service ${node.name}`, value: '', context: '', reason: `Dovecot ${version} has no service ${node.name}. ${removed.note}`});
        return 'skip';
      }
      return undefined;
    }
    if (node.kind !== 'setting') return undefined;
    const scope = scopeOf(ancestors);
    if (scope === null) return undefined;
    const named = defFor(scope, node.key);
    if (named && !named.ownName[version]) {
      const def = named.def;
      const mine = def.versions[version];
      const change = CHANGES_23_TO_24.find((c) => c.from === node.key && (c.kind === 'renamed' || c.kind === 'removed') && (c.scope === scope || scope === 'global'));
      let reason: string;
      if (mine) reason = `Dovecot ${version} calls it ${mine.name}.`;
      else if (version === '2.4' && change) reason = change.note;
      else reason = `${node.key} exists only in Dovecot ${other}.`;
      if (version === '2.4' && change && mine) reason = `${reason} ${change.note}`;
      const item: UnknownSetting = {line: node.pos.line, key: node.key, value: node.value, context: contextOf(ancestors), reason};
      const msg = unknownMessage(version, node.key, scope, ancestors);
      if (msg) item.doveconf = `Error in configuration file dovecot.conf line ${node.pos.line}: ${msg}`;
      const anchor = anchorFor(def.id);
      if (anchor && def.versions['2.4'] && (def.scope === 'service' || def.scope === 'global')) item.link = `/settings#${anchor}`;
      if (node.key === 'service_count' || node.key === 'restart_request_count') item.anchor = 'unknown-setting-service-count';
      out.push(item);
      return undefined;
    }
    if (version === '2.4' && DEFAULT_REF.test(node.value)) {
      out.push({line: node.pos.line, key: node.key, value: node.value, context: contextOf(ancestors), reason: `2.4 refers to other settings as $SET:name: write ${node.value.replace(/\$default_/g, '$SET:default_')}.`});
    } else if (version === '2.3' && node.value.includes('$SET:')) {
      out.push({line: node.pos.line, key: node.key, value: node.value, context: contextOf(ancestors), reason: '$SET: is 2.4 syntax; 2.3 writes $name.'});
    }
    return undefined;
  });
  return out;
}

/** doveconf's "Unknown setting" text where its wording is known (probes 2.3/05, 2.4/05, 05c, 24). */
function unknownMessage(version: DovecotVersion, key: string, scope: SettingScope, ancestors: readonly SectionNode[]): string | null {
  const service = serviceOf(ancestors);
  const listener = ancestors[ancestors.length - 1];
  if (version === '2.4') {
    if (scope === 'global') return `${key}: Unknown setting: ${key}`;
    if (scope === 'service' && service) return `${key}: Unknown setting: ${key} (service_${key} or service_${service}_${key} not found either.)`;
    if (scope === 'inet_listener' && listener?.name) return `${key}: Unknown setting: ${key} (inet_listener_${key} or inet_listener_${listener.name}_${key} not found either.)`;
    return null;
  }
  if (scope === 'global') return `Unknown setting: ${key}`;
  if (scope === 'service') return `Unknown setting: service { ${key}`;
  return null;
}

/** `!include`, `<file` values: never read, listed. */
export function findUnreadable(tree: ConfigTree): CannotEvaluate[] {
  const out: CannotEvaluate[] = [];
  walkConfig(tree, (node) => {
    if (out.length >= 500) return 'stop';
    if (node.kind === 'include') {
      out.push({
        line: node.pos.line,
        text: `${node.optional ? '!include_try' : '!include'} ${node.path}`,
        why: 'included files are not read here: paste their contents too',
      });
    } else if (node.kind === 'setting' && node.file) {
      out.push({line: node.pos.line, text: `${node.key} = <${node.value}`, why: 'the value is read from that file, which is not available here'});
    }
    return undefined;
  });
  return out;
}
