/**
 * The judgement of one corpus item, class by class. Each check compares the explainer's output
 * with something it did not produce: real doveconf's messages, a migration run through real
 * doveconf 2.4.1, the fixture's own template lines, and for log lines the cause and fix the source
 * established. A failed check says why, in one line.
 */
import {parseConfig, walkConfig, type ConfigTree, type SectionNode} from '../../src/lib/dovecot/conf';
import {findSecrets, redact, type ExplainResult, type LogExplanation} from '../../src/lib/dovecot/explain';
import type {Callout, JudgeRun, LogExpectation, Series} from './corpus';

/** The defect classes, in the order the scores are printed. */
export const CONFIG_CLASSES = ['version', 'prediction', 'migration-clean', 'migration-silent', 'template-silent', 'template-merged', 'redaction', 'callout'] as const;
export const LOG_CLASSES = ['log-recognised', 'log-cause', 'log-fix', 'log-calculator'] as const;
export type DefectClass = (typeof CONFIG_CLASSES)[number] | (typeof LOG_CLASSES)[number];

/** null = pass; a string = the failure, for the test log. */
export type Verdict = string | null;

// --- version -------------------------------------------------------------------------------------

/**
 * The version the explainer says the text is for: '2.3', '2.4' or 'unknown'. Its `detected`
 * field (what the text itself says) when it has one; otherwise the version it works with, so a
 * version it only assumed counts as reported.
 */
export function reportedVersion(r: ExplainResult): string {
  const v = r.version as ExplainResult['version'] & {detected?: string};
  return v.detected ?? v.version;
}

export function checkVersion(r: ExplainResult, series: Series, readsAs?: Series): Verdict {
  const want = (s: Series) => (s === '2.4' ? '2.4' : '2.3');
  const got = reportedVersion(r);
  if (got === want(series) || got === 'unknown' || (readsAs !== undefined && got === want(readsAs))) return null;
  return `reported ${got} (${r.version.source}: ${r.version.reason}), the config is for ${series}`;
}

// --- doveconf's messages -------------------------------------------------------------------------

export interface Messages {
  warnings: string[];
  /** doveconf stops at the first fatal error: at most one. */
  fatal: string | null;
}

/** Sorts the "Counted …" list, whose order is doveconf's service order. */
function normaliseCounted(text: string): string {
  const m = /^(.*(?:Counted for protocol services with \S+ != 1|Counted with): )(.*)$/.exec(text);
  return m ? m[1] + m[2].split(' + ').sort().join(' + ') : text;
}

/** The message without doveconf's file/line prefixes. */
export function bareMessage(text: string): string {
  return normaliseCounted(
    text
      .replace(/^Error in configuration file [^\s:]+(?: line \d+)?: /, '')
      .replace(/^Obsolete setting in [^\s:]+:\d+: /, '')
      .replace(/^Configuration file [^\s:]+ line \d+: /, '')
      .trim(),
  );
}

/** doveconf's stderr as messages: NOTE lines, the Error lines that repeat the fatal one, and 2.3's managesieve dump noise dropped. */
export function readStderr(stderr: string): Messages {
  const warnings: string[] = [];
  let fatal: string | null = null;
  for (const raw of stderr.split('\n')) {
    if (raw.trim() === '' || /dump-capability process returned \d+/.test(raw)) continue;
    const m = /^doveconf: (Warning|Error|Fatal): (.*)$/.exec(raw);
    if (!m) {
      warnings.push(`unexpected stderr: ${raw}`);
      continue;
    }
    const [, level, text] = m;
    if (level === 'Error') continue; // repeated by the Fatal line that follows
    if (level === 'Warning' && text.startsWith('NOTE: You can get a new clean config file')) continue;
    const msg = bareMessage(text);
    if (level === 'Fatal') fatal ??= msg;
    else if (!warnings.includes(msg)) warnings.push(msg);
  }
  return {warnings, fatal};
}

/** What the explainer says doveconf prints: its checks, and the settings the version rejects. */
export function predictedMessages(r: ExplainResult): {warnings: string[]; fatals: string[]} {
  const warnings: string[] = [];
  const fatals: string[] = [];
  for (const x of r.rules) {
    if (x.source !== 'doveconf') continue;
    const msg = bareMessage(x.message);
    if (x.severity === 'warning') {
      if (!warnings.includes(msg)) warnings.push(msg);
    } else fatals.push(msg);
  }
  for (const u of r.unknownSettings) if (u.doveconf) fatals.push(bareMessage(u.doveconf));
  return {warnings, fatals};
}

/**
 * The predictions equal doveconf's messages: the same warnings and no fatal error when doveconf
 * accepts; doveconf's fatal error among the predicted errors and every warning it printed before
 * stopping predicted, when it refuses.
 */
export function checkPrediction(r: ExplainResult, run: JudgeRun): Verdict {
  const real = readStderr(run.stderr);
  const predicted = predictedMessages(r);
  const problems: string[] = [];
  if (real.fatal === null) {
    if (run.exitCode !== 0) problems.push(`doveconf exited ${run.exitCode} without a fatal message`);
    if (predicted.fatals.length > 0) problems.push(`predicted errors doveconf does not print: ${predicted.fatals.join(' | ')}`);
    const missing = real.warnings.filter((w) => !predicted.warnings.includes(w));
    const extra = predicted.warnings.filter((w) => !real.warnings.includes(w));
    if (missing.length > 0) problems.push(`doveconf warns, not predicted: ${missing.join(' | ')}`);
    if (extra.length > 0) problems.push(`predicted warnings doveconf does not print: ${extra.join(' | ')}`);
  } else {
    if (!predicted.fatals.includes(real.fatal)) problems.push(`doveconf stops with "${real.fatal}", predicted ${predicted.fatals.length > 0 ? predicted.fatals.join(' | ') : 'no error'}`);
    const missing = real.warnings.filter((w) => !predicted.warnings.includes(w));
    if (missing.length > 0) problems.push(`doveconf warns, not predicted: ${missing.join(' | ')}`);
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

// --- migration -----------------------------------------------------------------------------------

/** The lines an item not converted stands for (a template branch stands for several). */
function linesOf(item: {line: number}): number[] {
  const lines = (item as {line: number; lines?: number[]}).lines;
  return lines && lines.length > 0 ? lines : [item.line];
}

export function checkMigrationClean(run: JudgeRun | null): Verdict {
  if (!run) return 'no migration offered';
  if (run.exitCode === 0 && run.stderr === '') return null;
  return `doveconf 2.4.1 on the migration: exit ${run.exitCode}, ${run.stderr.trim().split('\n').join(' | ')}`;
}

/** "service imap-login/inet_listener imaps": a section path (an unnamed section by its type). */
function pathOf(ancestors: readonly SectionNode[], dropListenerNames = false): string {
  return ancestors
    .map((a) => (a.name !== undefined && !(dropListenerNames && a.type.endsWith('_listener')) ? `${a.type} ${a.name}` : a.type))
    .join('/');
}

/** Every setting of a printed config by path and key, also with listener names left out. */
function outputSettings(tree: ConfigTree): Set<string> {
  const out = new Set<string>();
  walkConfig(tree, (n, ancestors) => {
    if (n.kind === 'setting') {
      out.add(`${pathOf(ancestors)}|${n.key}`);
      out.add(`~${pathOf(ancestors, true)}|${n.key}`);
    }
    return undefined;
  });
  return out;
}

/**
 * Nothing of the 2.3 text is dropped without a word: every setting and include is in the migrated
 * text (same section, same key; an unnamed listener may have been given a name), or its line (or
 * its section's) is among the changes or the items not converted. Sections themselves are judged
 * by what they contain: an empty one may go.
 */
export function checkMigrationSilent(r: ExplainResult, rendered: string): Verdict {
  const m = r.migration;
  if (!m) return 'no migration offered';
  const listed = new Set<number>([...m.notConverted.flatMap(linesOf), ...m.changes.map((c) => c.line)]);
  const out = outputSettings(parseConfig(m.text).tree);
  const dropped: string[] = [];
  walkConfig(parseConfig(rendered).tree, (n, ancestors) => {
    if (n.kind !== 'setting' && n.kind !== 'include') return undefined;
    if (listed.has(n.pos.line) || ancestors.some((a) => listed.has(a.pos.line))) return undefined;
    if (n.kind === 'setting') {
      const unnamed = ancestors.some((a) => a.name === undefined && a.type.endsWith('_listener'));
      if (out.has(`${pathOf(ancestors)}|${n.key}`) || (unnamed && out.has(`~${pathOf(ancestors, true)}|${n.key}`))) return undefined;
      dropped.push(`line ${n.pos.line}: ${pathOf(ancestors) ? `${pathOf(ancestors)} { ` : ''}${n.key} = ${n.value}`);
    } else dropped.push(`line ${n.pos.line}: !include ${n.path}`);
    return undefined;
  });
  return dropped.length > 0 ? `dropped without a word: ${dropped.slice(0, 8).join('; ')}${dropped.length > 8 ? ` and ${dropped.length - 8} more` : ''}` : null;
}

// --- templates -----------------------------------------------------------------------------------

/**
 * Every template line of the raw text that could be configuration is kept verbatim in the
 * migration or listed as not converted there (a line not read as configuration at all, such as a
 * YAML key, is exempt).
 */
export function checkTemplateSilent(r: ExplainResult, raw: string, lines: readonly number[]): Verdict {
  const m = r.migration;
  if (!m) return 'no migration offered for the template';
  const listed = new Set([...m.notConverted.flatMap(linesOf), ...r.unrecognised.map((u) => u.line)]);
  // a line inside a section listed as a whole (`plugin { … }`) is listed with it
  const sectionsOf = new Map<number, number[]>();
  walkConfig(parseConfig(raw).tree, (n, ancestors) => {
    if (ancestors.length > 0) sectionsOf.set(n.pos.line, ancestors.map((a) => a.pos.line));
    return undefined;
  });
  const text = raw.split('\n');
  const migrated = m.text;
  const dropped = lines.filter((l) => {
    const t = (text[l - 1] ?? '').trim();
    if (t === '' || t.startsWith('#') || listed.has(l) || migrated.includes(t)) return false;
    return !(sectionsOf.get(l) ?? []).some((s) => listed.has(s));
  });
  return dropped.length > 0 ? `template lines dropped without a word: ${dropped.slice(0, 6).map((l) => `line ${l}: ${text[l - 1].trim()}`).join('; ')}` : null;
}

/** Keys set twice in one section of a printed config. */
function duplicateKeys(text: string): Set<string> {
  const dup = new Set<string>();
  const seen = new Map<SectionNode | null, Set<string>>();
  walkConfig(parseConfig(text).tree, (n, ancestors) => {
    if (n.kind !== 'setting') return undefined;
    const parent = ancestors[ancestors.length - 1] ?? null;
    const keys = seen.get(parent) ?? new Set<string>();
    seen.set(parent, keys);
    if (keys.has(n.key)) dup.add(`${pathOf(ancestors)}|${n.key}`);
    keys.add(n.key);
    return undefined;
  });
  return dup;
}

/** Settings of a printed config by section path and key (template values left out). */
function settingKeys(text: string): Set<string> {
  const out = new Set<string>();
  walkConfig(parseConfig(text).tree, (n, ancestors) => {
    if (n.kind !== 'setting') return undefined;
    const key = `${pathOf(ancestors)}|${n.key}`;
    if (!TEMPLATE_VALUE.test(n.value) && !TEMPLATE_VALUE.test(key)) out.add(key);
    return undefined;
  });
  return out;
}

const TEMPLATE_VALUE = /\{\{|\}\}|\{%|%\}|<%[=#\s-]|-?%>|\$\{|\bPH_[A-Z_]{2,}/;

/**
 * Branches of the template are kept apart: the migration of the raw template sets no key twice
 * that the rendered form sets once, and no key the rendered form does not set at all (a branch
 * that is off, such as debug settings, must not become active).
 */
export function checkTemplateMerged(fromRaw: ExplainResult, fromRendered: ExplainResult): Verdict {
  if (!fromRaw.migration) return null; // reported by template-silent
  const renderedText = fromRendered.migration?.text ?? '';
  const twice = [...duplicateKeys(fromRaw.migration.text)].filter((k) => !duplicateKeys(renderedText).has(k));
  const rendered = settingKeys(renderedText);
  const extra = [...settingKeys(fromRaw.migration.text)].filter((k) => !rendered.has(k));
  const problems: string[] = [];
  if (twice.length > 0) problems.push(`set twice: ${twice.map((k) => k.replace('|', ' ').trim()).join(', ')}`);
  if (extra.length > 0) problems.push(`set although the rendered config does not: ${extra.map((k) => k.replace('|', ' ').trim()).join(', ')}`);
  return problems.length > 0 ? `template branches merged into one block: ${problems.join('; ')}` : null;
}

// --- call-outs -----------------------------------------------------------------------------------

/** What the explainer says about a service (or about all of them): problems, findings, checks. */
function saidAbout(r: ExplainResult, service?: string): string {
  const parts: string[] = [];
  for (const s of r.services) {
    if (service !== undefined && s.name !== service) continue;
    parts.push(...s.problems);
    for (const f of s.findings) parts.push(f.title, String(f.verdict), String(f.explanation));
  }
  for (const x of [...r.rules, ...r.wholeFileNotes]) if (service === undefined || x.service === service) parts.push(x.message);
  // what holds for every service at once (a login user that can read mail) is said about each
  for (const f of r.findings) parts.push(f.title, f.verdict, f.explanation);
  return parts.join('\n').toLowerCase();
}

/** Each problem doveconf accepts but a reader must know about is named where it belongs. */
export function checkCallouts(r: ExplainResult, callouts: readonly Callout[]): Verdict {
  const missed = callouts.filter((c) => c.words.some((w) => !saidAbout(r, c.service).includes(w.toLowerCase())));
  return missed.length > 0 ? `not called out: ${missed.map((c) => `${c.service ? `service ${c.service} ` : ''}${c.words.join(', ')}`).join('; ')}` : null;
}

// --- redaction -----------------------------------------------------------------------------------

const PERCENT_VARIABLE = /%(?:\{[^}\n]{1,80}\}|[A-Za-z]{1,2})/g;

/** The default redaction of the share dialog keeps every Dovecot `%` variable. */
export function checkRedaction(raw: string): Verdict {
  const redacted = redact(raw, findSecrets(raw));
  const count = (t: string) => {
    const m = new Map<string, number>();
    for (const v of t.match(PERCENT_VARIABLE) ?? []) m.set(v, (m.get(v) ?? 0) + 1);
    return m;
  };
  const before = count(raw);
  const after = count(redacted);
  const lost = [...before].filter(([v, n]) => (after.get(v) ?? 0) < n).map(([v]) => v);
  return lost.length > 0 ? `redaction rewrites ${lost.join(' ')}` : null;
}

// --- log lines -----------------------------------------------------------------------------------

export interface LogVerdicts {
  'log-recognised': Verdict;
  'log-cause': Verdict;
  'log-fix': Verdict;
  'log-calculator': Verdict;
}

function containsAll(text: string, words: readonly string[]): string[] {
  const t = text.toLowerCase();
  return words.filter((w) => !t.includes(w.toLowerCase()));
}

function judgeEntry(l: LogExplanation, e: LogExpectation): Omit<LogVerdicts, 'log-recognised'> {
  const k = l.recognised!;
  const service = typeof k.numbers.service === 'string' ? k.numbers.service : k.fix?.service;
  const causeProblems: string[] = [];
  if (e.service !== undefined && service !== e.service) causeProblems.push(`about service ${service ?? '(none)'}, the line is about ${e.service}`);
  const missing = containsAll(`${k.title} ${k.meaning}`, e.cause);
  if (missing.length > 0) causeProblems.push(`the explanation does not name ${missing.join(', ')} ("${k.title}")`);
  const fixProblems: string[] = [];
  const wantsFix = e.setting !== undefined || (e.fix ?? []).length > 0;
  if (!k.fix) {
    if (wantsFix) fixProblems.push('no fix');
  } else {
    const settings = e.setting === undefined ? [] : Array.isArray(e.setting) ? e.setting : [e.setting];
    if (settings.length > 0 && !settings.includes(k.fix.setting ?? '')) fixProblems.push(`fix changes ${k.fix.setting ?? '(no setting)'}, the source changed ${settings.join(' or ')}`);
    if (e.setting !== undefined && e.service !== undefined && k.fix.service !== undefined && k.fix.service !== e.service) fixProblems.push(`fix is for service ${k.fix.service}, the source fixed ${e.service}`);
    const words = containsAll(k.fix.text, e.fix ?? []);
    if (words.length > 0) fixProblems.push(`fix does not say ${words.join(', ')}`);
  }
  const hasCalc = k.fix?.calculator !== undefined;
  return {
    'log-cause': causeProblems.length > 0 ? causeProblems.join('; ') : null,
    'log-fix': fixProblems.length > 0 ? fixProblems.join('; ') : null,
    'log-calculator': e.calculator === undefined || hasCalc === e.calculator ? null : e.calculator ? 'no calculator link' : 'a calculator link for a fix that is not a service limit',
  };
}

/** The best recognised entry of the paste decides (the one passing the most checks, in order). */
export function checkLog(r: ExplainResult, e: LogExpectation): LogVerdicts {
  const recognised = r.logs.filter((l) => l.recognised);
  if (recognised.length === 0) {
    const what = r.logs.length > 0 ? r.logs.map((l) => l.message.slice(0, 100)).join(' | ') : r.unrecognised.map((u) => u.text.slice(0, 100)).join(' | ');
    return {'log-recognised': `not recognised: ${what || '(nothing read as a log line)'}`, 'log-cause': null, 'log-fix': null, 'log-calculator': null};
  }
  const score = (v: Omit<LogVerdicts, 'log-recognised'>) => (v['log-cause'] ? 0 : 4) + (v['log-fix'] ? 0 : 2) + (v['log-calculator'] ? 0 : 1);
  let best = judgeEntry(recognised[0], e);
  for (const l of recognised.slice(1)) {
    const v = judgeEntry(l, e);
    if (score(v) > score(best)) best = v;
  }
  return {'log-recognised': null, ...best};
}
