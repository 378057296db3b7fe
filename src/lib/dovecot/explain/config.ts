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
  globalDefault,
  listServices,
  serviceDefaults,
  type SettingDef,
  type SettingScope,
} from '../catalog';
import {evaluate} from '../calculator';
import {FULL_PROTOCOLS} from '../runtime';
import type {CalculatorLoad, CalculatorSettings, Finding} from '../calculator/types';
import {walkConfig, type ConfigTree, type Node, type SectionNode, type SettingNode} from '../conf';
import {analyzeConfig, type RuleResult} from '../rules';
import type {TroubleshootingAnchor} from './anchors';
import {hasPlaceholder, withoutTemplates} from './template';
import {NAMES_ONLY_23, NAMES_ONLY_24} from './names';
import {addedAfter241} from './namesLater24';
import {OBSOLETE_23, OBSOLETE_23_NAMES} from '../rulesObsolete';
import {SECTIONS_ONLY_24} from './version';
import {nameOf, raiseTo, ref, settingFix, vszTooLowFix, zeroFix} from './fixes';
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
  type WrittenService,
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
      return vszTooLowFix(version, svc);
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
export function wrapForRules(version: DovecotVersion, templated: ConfigTree): RulesInput {
  const tree = withoutTemplates(templated);
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
  load?: Partial<CalculatorLoad>,
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
        // template lines are listed once, as lines
        if (!hasPlaceholder(w.value)) cannot.push({line: w.line, text: `${name} = ${w.value}`, why: r.why});
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
      if (explanation.effective) {
        try {
          // a load counts for the services whose connections it is: the clients' protocols
          const given = CLIENT_PROTOCOLS.includes(protocol) ? givenLoad(load) : null;
          // the config's own protocols, so the calculator's sums are the ones this config gets
          const protocols = enabled?.map((w) => (w === 'sieve' ? 'managesieve' : w)).filter((w) => (FULL_PROTOCOLS as readonly string[]).includes(w));
          const result = evaluate({version, service: svc.name, settings: calcSettings, load: given?.load ?? NO_LOAD, ...(configVersion ? {configVersion} : {}), ...(protocols ? {protocols} : {})});
          // isolation is between users' sessions: services without a protocol (auth, anvil, dict, …) serve Dovecot's own processes
          explanation.findings = result.findings.filter((f) => !f.id.startsWith('rule-') && holds(f.id, given?.fields ?? []) && (f.id !== 'isolation' || protocol !== ''));
          for (const p of result.problems) if (!problems.includes(p.message)) problems.push(p.message);
        } catch {
          // the calculator's findings are a bonus; the limits above stand on their own
        }
      }
    }
    explanation.findings.push(...configProblems(version, svc, explanation, globals));
    let sev: Severity = explanation.severity;
    for (const f of explanation.findings) sev = worst(sev, findingSeverity(f));
    for (const r of rules) if (r.service === svc.name && r.source === 'doveconf') sev = worst(sev, r.severity);
    if (problems.length > 0) sev = worst(sev, 'info');
    explanation.severity = sev;
    out.push(explanation);
  }
  return out;
}

/** The protocols a reader's load (connections of mail clients) is about. */
const CLIENT_PROTOCOLS = ['imap', 'pop3', 'submission', 'sieve'];

/** What the calculator is given for a field the reader left empty (its findings are then dropped). */
const NO_LOAD: CalculatorLoad = {peakConnections: 0, connectionsPerSecond: 0, cores: 1, ramGiB: 0};

/** The calculator findings that need a field of the load, and which; the others hold at any load. */
const NEEDS: Readonly<Record<string, readonly (keyof CalculatorLoad)[]>> = {
  capacity: ['peakConnections'],
  headroom: ['peakConnections'],
  memory: ['peakConnections'],
  forks: ['connectionsPerSecond'],
  lifetime: ['peakConnections', 'connectionsPerSecond'],
  'min-avail': ['cores'],
  // what a running master needs at the peak: processes, their stats connections, tasks, memory
  'mail-processes': ['peakConnections'],
  'login-processes': ['peakConnections'],
  'spare-processes': ['peakConnections'],
  stats: ['peakConnections'],
  tasks: ['peakConnections', 'ramGiB'],
  hibernate: ['peakConnections'],
  // the master's fd limit is doveconf's W3, listed with the checks
  fds: ['never' as keyof CalculatorLoad],
};

/** A finding the load the reader gave supports (those that need no load always). */
function holds(id: string, given: readonly (keyof CalculatorLoad)[]): boolean {
  return (NEEDS[id] ?? []).every((f) => given.includes(f));
}

/** The fields of a load that were given (finite, not negative), with the others filled in. */
function givenLoad(load: Partial<CalculatorLoad> | undefined): {load: CalculatorLoad; fields: (keyof CalculatorLoad)[]} | null {
  if (!load) return null;
  const fields = (Object.keys(NO_LOAD) as (keyof CalculatorLoad)[]).filter((k) => typeof load[k] === 'number' && Number.isFinite(load[k]) && load[k]! >= 0 && (k !== 'cores' || load[k]! >= 1));
  if (fields.length === 0) return null;
  const out = {...NO_LOAD};
  for (const f of fields) out[f] = load[f]!;
  return {load: out, fields};
}

/** The file name of an executable line: `/usr/lib/dovecot/imap imap-postlogin` → imap. */
function binaryOf(executable: string): string {
  const first = executable.trim().split(/\s+/)[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

/** Dovecot's own programs, by the service whose default `executable` they are. */
function programs(version: DovecotVersion): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of listServices(version)) {
    const e = serviceDefaults(version, name).settings.executable?.effective;
    if (e) out.set(binaryOf(e), name);
  }
  return out;
}

/** Users that own or read mail, which a login process must never run as. */
function mailUsers(version: DovecotVersion, globals: Map<string, WrittenSetting>): string[] {
  const users = ['root', 'vmail', 'mail'];
  for (const g of ['mail_uid', 'default_internal_user']) {
    const v = globals.get(g)?.value ?? globalDefault(version, g) ?? '';
    if (v !== '' && !users.includes(v)) users.push(v);
  }
  return users;
}

/**
 * What a written service block gets wrong whatever the load: a client_limit that cannot take
 * effect, a service running another service's program, a login service running as a user that
 * can read mail.
 */
function configProblems(version: DovecotVersion, svc: WrittenService, e: ServiceExplanation, globals: Map<string, WrittenSetting>): Finding[] {
  const out: Finding[] = [];
  const rc = limitName(version, 'restart_request_count');
  const cl = svc.settings.get('client_limit');
  if (cl && e.effective && e.effective.restart_request_count === '1' && /^\d+$/.test(cl.value) && Number(cl.value) > 1) {
    out.push({
      id: 'client-limit-no-effect',
      title: 'client_limit without effect',
      severity: 'warning',
      verdict: `client_limit = ${cl.value} (line ${cl.line}) has no effect: with ${rc} = 1 each ${svc.name} process serves one connection in its whole life, so it never holds two at once.`,
      explanation: `For several connections per process set ${rc} = ${version === '2.3' ? '0' : 'unlimited'} (or a number above 1) as well; otherwise drop the line, which only makes the master's file-descriptor and auth sums larger.`,
      numbers: {client_limit: Number(cl.value), [rc]: 1, line: cl.line},
      link: '/services/client-limit#effective-client-limit',
    });
  }
  const ex = svc.settings.get('executable');
  if (ex && getService(version, svc.name) !== undefined) {
    const own = binaryOf(serviceDefaults(version, svc.name).settings.executable?.effective ?? '');
    const runs = binaryOf(ex.value);
    const other = programs(version).get(runs);
    if (own !== '' && runs !== own && other !== undefined && other !== svc.name) {
      out.push({
        id: 'executable-of-another-service',
        title: 'Another service\'s program',
        severity: 'danger',
        verdict: `service ${svc.name} runs ${runs} (executable, line ${ex.line}), the program of service ${other}: the connections handed to ${svc.name} reach a ${other} server.`,
        explanation: `Remove the executable line (the default runs ${own}), or keep only what comes after the program name (a post-login script: \`executable = ${own} script-name\`).`,
        numbers: {executable: ex.value, line: ex.line, runs: other},
        link: '/services',
      });
    }
  }
  const builtin = getService(version, svc.name) !== undefined;
  if ((builtin && serviceDefaults(version, svc.name).type === 'login') || svc.settings.get('type')?.value === 'login') {
    // a service's own `user =`; default_login_user is judged once for all (configFindings)
    const written = svc.settings.get('user');
    if (written && !/^\$(?:SET:)?default_login_user$/.test(written.value) && mailUsers(version, globals).includes(written.value)) {
      out.push(loginAsMailUser(svc.name, written.value, `user = ${written.value} on line ${written.line}`, written.line));
    }
  }
  return out;
}

function loginAsMailUser(who: string, user: string, where: string, line: number, plural = false): Finding {
  return {
    id: 'login-as-mail-user',
    title: 'Login process runs as a mail user',
    severity: 'danger',
    verdict: `${who} ${plural ? 'run' : 'runs'} as ${user} (${where}), a user that can read mail or more.`,
    explanation: 'A login process parses what clients send before they log in; if it is compromised it holds the rights of its user. Dovecot runs it as dovenull, an account with no access to anything: remove the line (or set default_login_user back to dovenull).',
    numbers: {user, line},
    link: '/login-processes#what-a-compromised-login-process-sees',
  };
}

/** What a configuration gets wrong for every service at once, whatever the load. */
export function configFindings(version: DovecotVersion, tree: ConfigTree): Finding[] {
  const globals = topLevel(tree);
  const out: Finding[] = [];
  const dlu = globals.get('default_login_user');
  if (dlu && mailUsers(version, globals).includes(dlu.value)) {
    out.push(loginAsMailUser('All login processes (imap-login, pop3-login, …)', dlu.value, `default_login_user = ${dlu.value} on line ${dlu.line}`, dlu.line, true));
  }
  return out;
}

/** doveconf's checks on the tree (wrapped), as explanations. */
export function explainRules(version: DovecotVersion, wrapped: ConfigTree): RuleExplanation[] {
  try {
    const report = analyzeConfig(version, wrapped, {obsolete23: OBSOLETE_23_NAMES});
    const dpl = topLevel(wrapped).get('default_process_limit');
    return [...report.warnings, ...(report.fatal ? [report.fatal] : []), ...report.master].map((r) => {
      const e = ruleExplanation(version, r);
      if ((r.id === 'W1' || r.id === 'W2') && dpl && r.counted) defaultProcessLimitNote(version, e, r.counted, dpl);
      return e;
    });
  } catch {
    return [];
  }
}

/**
 * W1/W2 raised by a high default_process_limit: it is the process_limit of every service without
 * one of its own, so every login and counted service adds it to the sum.
 */
function defaultProcessLimitNote(version: DovecotVersion, e: RuleExplanation, counted: {service: string; process_limit: number}[], dpl: WrittenSetting): void {
  const n = Number(dpl.value);
  const fromDefault = counted.filter((c) => c.process_limit === n);
  if (!Number.isFinite(n) || n <= 100 || fromDefault.length === 0) return;
  e.note = `default_process_limit = ${dpl.value} (line ${dpl.line}) is the process_limit of every service that sets none of its own: ${fromDefault.map((c) => c.service).join(', ')} ${fromDefault.length === 1 ? 'takes' : 'take'} ${dpl.value} from it, and the sum counts each.`;
  if (e.fix) {
    e.fix = {
      ...e.fix,
      text: `${e.fix.text} Or keep default_process_limit at its default (100) and set process_limit only in the services that need many processes (imap, pop3 with ${nameOf(version, 'restart_request_count')} = 1).`,
    };
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
    if (node.kind === 'section') {
      const s = unknownSection(version, node, ancestors);
      if (s) {
        out.push(s);
        return 'skip';
      }
      return undefined;
    }
    if (node.kind !== 'setting' || hasPlaceholder(node.key)) return undefined;
    const scope = scopeOf(ancestors);
    if (scope === null) return undefined;
    const named = defFor(scope, node.key);
    if (!named && scope === 'global') {
      const only = globalOnlyName(version, node.key, node.pos.line, contextOf(ancestors));
      if (only) {
        out.push({...only, value: node.value});
        return undefined;
      }
    }
    if (!named && scope === 'service') {
      const later = laterServiceName(version, node.key, node.pos.line, ancestors);
      if (later) {
        out.push({...later, value: node.value});
        return undefined;
      }
    }
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

let onlyNames: Record<DovecotVersion, ReadonlySet<string>> | null = null;

/** The names only `version` knows, as a set (built on first use). */
function namesOnly(version: DovecotVersion): ReadonlySet<string> {
  onlyNames ??= {'2.3': new Set(NAMES_ONLY_23), '2.4': new Set(NAMES_ONLY_24)};
  return onlyNames[version];
}

const UPGRADE_GUIDE = 'https://doc.dovecot.org/main/installation/upgrade/2.3-to-2.4.html';

/**
 * A global setting the version does not know because only the other version has that name
 * (names.ts, checked with both binaries): doveconf's words, and why.
 */
function globalOnlyName(version: DovecotVersion, key: string, line: number, context: string): Omit<UnknownSetting, 'value'> | null {
  const msg = version === '2.4' ? `${key}: Unknown setting: ${key}` : `Unknown setting: ${key}`;
  const base = {line, key, context, doveconf: `Error in configuration file dovecot.conf line ${line}: ${msg}`};
  if (version === '2.4' && OBSOLETE_23[key] !== undefined) {
    return {...base, reason: `${key} is a Dovecot 1.x name that 2.3 still read, with the warning "${OBSOLETE_23[key]}"; 2.4 refuses it.`};
  }
  if (version === '2.4' && namesOnly('2.3').has(key)) {
    return {...base, reason: `${key} exists only in Dovecot 2.3: 2.4 renamed or removed it (the 2.3 to 2.4 upgrade guide, ${UPGRADE_GUIDE}, lists the new names).`};
  }
  if (version === '2.3' && namesOnly('2.4').has(key)) return {...base, reason: `${key} exists only in Dovecot 2.4. Is a 2.4 config being read by Dovecot 2.3?`};
  const later = addedAfter241(key);
  if (later) return {...base, reason: laterReason(version, key, later)};
  return null;
}

/** Why a name that 2.4 added after 2.4.1 (namesLater24.ts) is refused by this version. */
function laterReason(version: DovecotVersion, key: string, since: string): string {
  if (version === '2.3') return `${key} exists only in Dovecot ${since} and later. Is a 2.4 config being read by Dovecot 2.3?`;
  return `${key} exists from Dovecot ${since}; 2.4.1 (the doveconf these checks follow) does not know it. A server that runs ${since} or later reads it: check the version (dovecot --version) before removing the line.`;
}

/** A setting in a service block that 2.4 added after 2.4.1 (`reuse_port`, as `service_reuse_port` in 2.4.4). */
function laterServiceName(version: DovecotVersion, key: string, line: number, ancestors: readonly SectionNode[]): Omit<UnknownSetting, 'value'> | null {
  const since = addedAfter241(`service_${key}`);
  if (!since) return null;
  const msg = unknownMessage(version, key, 'service', ancestors);
  return {line, key, context: contextOf(ancestors), reason: laterReason(version, key, since), ...(msg ? {doveconf: `Error in configuration file dovecot.conf line ${line}: ${msg}`} : {})};
}

/** A section the version refuses by its type: 2.4 has no `plugin { }`; 2.3 lacks 2.4's new filters. */
function unknownSection(version: DovecotVersion, node: SectionNode, ancestors: readonly SectionNode[]): UnknownSetting | null {
  if (hasPlaceholder(node.type) || ancestors.some((a) => a.type !== 'protocol' && a.type !== 'local' && a.type !== 'remote')) return null;
  const line = node.pos.line;
  const base = {line, key: `${node.type}${node.name !== undefined ? ` ${node.name}` : ''} { }`, value: '', context: contextOf(ancestors)};
  if (version === '2.4' && node.type === 'plugin') {
    return {...base, reason: `Dovecot 2.4 has no plugin { } section: the plugins' settings are global settings, many of them renamed (the 2.3 to 2.4 upgrade guide, ${UPGRADE_GUIDE}, lists them).`, doveconf: `Error in configuration file dovecot.conf line ${line}: Unknown section name: plugin`};
  }
  if (version === '2.3' && SECTIONS_ONLY_24.has(node.type)) {
    return {...base, reason: `${node.type} { } is Dovecot 2.4 syntax. Is a 2.4 config being read by Dovecot 2.3?`, doveconf: `Error in configuration file dovecot.conf line ${line}: Unknown setting: ${node.type} { ${node.type}`};
  }
  return null;
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

/**
 * doveconf's warning (2.3 and 2.4 alike) for a `#` that follows a character other than a blank,
 * outside quotes: it still starts a comment, so `password = ab#cd` reads `ab`. As
 * config_parse_line() in config-parser.c: leading blanks skipped, whole-line comments ignored,
 * quotes (with backslash escapes) skipped. One per line, in order.
 */
export function ambiguousHashes(text: string): RuleExplanation[] {
  const out: RuleExplanation[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length && out.length < 200) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    line++;
    const hash = text.indexOf('#', start);
    if (hash >= 0 && hash < end) {
      let i = start;
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] !== '#') {
        for (; i < end; i++) {
          const c = text[i];
          if (c === '"' || c === "'") {
            for (i++; i < end && text[i] !== c; i++) if (text[i] === '\\' && i + 1 < end) i++;
            if (i >= end) break;
          } else if (c === '#') {
            if (text[i - 1] !== ' ' && text[i - 1] !== '\t') {
              out.push({
                id: 'W6',
                severity: 'warning',
                source: 'doveconf',
                message: "Ambiguous '#' character in line, treating it as comment. Add a space before it to remove this warning.",
                line,
                numbers: {},
                fix: {text: 'If the `#` and what follows belong to the value (a password, a cipher list), put the value in double quotes; if it starts a comment, put a space before it. As it is, Dovecot reads the value only up to the `#`.'},
              });
            }
            break;
          }
        }
      }
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
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
