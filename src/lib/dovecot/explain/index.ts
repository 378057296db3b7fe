/**
 * The explainer: paste a config (doveconf -n of 2.3 or 2.4, a conf.d file, a whole dovecot.conf),
 * log lines, or both, and get per-service implications, doveconf's checks with their exact text,
 * settings the version lacks, what cannot be evaluated, the 2.3 → 2.4 migration, and what each
 * known log line means with its fix. Pure and synchronous; never throws; returns plain data.
 */
import {parseVersion, type DovecotVersion} from '../../version';
import {readHeader, MAX_CONFIG_BYTES, type ConfigTree} from '../conf';
import {LineCache} from '../conf/lineCache';
import {formatBytes, parseWithinLimit, utf8ByteLength} from '../conf/parse';
import {ambiguousHashes, configFindings, explainRules, explainServices, findUnknownSettings, findUnreadable, wrapForRules} from './config';
import {cleanLine, forEachLine, isConfigShaped, mayHaveLogPrefix, normaliseLogLine} from './input';
import {logRecogniser, looksLikeKnownMessage} from './logs';
import {migrate23to24} from './migrate';
import {restoreDeep, TemplateReader, type SkippedBranch} from './template';
import {decideVersion, seriesVersion, settingEvidence} from './version';
import {WrappedLog} from './wrap';
import type {
  CannotEvaluate,
  ConfigPart,
  ExplainOptions,
  ExplainResult,
  InputLine,
  LogExplanation,
  LogLine,
  VersionEvidence,
} from './types';

export * from './types';
export {TROUBLESHOOTING_ANCHORS, TROUBLESHOOTING_PATH, troubleshootingLink, type TroubleshootingAnchor} from './anchors';
export {findSecrets, redact, type SecretKind, type SecretSpan} from './redact';
export {decodeShare, encodeShare, MAX_SHARE_FRAGMENT, MAX_SHARED_TEXT_BYTES} from './share';
export {migrate23to24} from './migrate';
export {RECOGNISED_KINDS, recogniseLog} from './logs';
export {normaliseLogLine} from './input';

/** Largest input analysed (UTF-8 bytes). */
export const MAX_EXPLAIN_BYTES = MAX_CONFIG_BYTES;
/** Most log entries (after folding repeats) and unrecognised lines returned. */
export const MAX_LOG_ENTRIES = 2000;
export const MAX_UNRECOGNISED = 500;

type Kind = 'config' | 'blank' | 'template' | 'log' | 'other';

function emptyResult(bytes: number, refused: string | null): ExplainResult {
  return {
    refused,
    bytes,
    lines: 0,
    version: decideVersion([]),
    configParts: [],
    parseErrors: [],
    assumptions: [],
    services: [],
    findings: [],
    rules: [],
    wholeFileNotes: [],
    unknownSettings: [],
    cannotEvaluate: [],
    migration: null,
    logs: [],
    unrecognised: [],
    omitted: {logs: 0, unrecognised: 0},
  };
}

function hasContent(tree: ConfigTree): boolean {
  return tree.children.some((n) => n.kind !== 'blank' && n.kind !== 'comment');
}

/** Explains pasted text. */
export function explain(text: string, opts: ExplainOptions = {}): ExplainResult {
  if (typeof text !== 'string') return emptyResult(0, 'The input is not text.');
  const bytes = text.length * 3 > MAX_EXPLAIN_BYTES ? utf8ByteLength(text) : text.length;
  if (bytes > MAX_EXPLAIN_BYTES) {
    return emptyResult(bytes, `The text is ${formatBytes(bytes)}; the explainer reads at most ${formatBytes(MAX_EXPLAIN_BYTES)}. Paste the relevant part (doveconf -n output and the log lines in question).`);
  }
  try {
    return explainText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes, opts);
  } catch (e) {
    const r = emptyResult(bytes, null);
    r.parseErrors.push({line: 1, column: 1, message: `Internal error: ${e instanceof Error ? e.message : String(e)}`});
    return r;
  }
}

/**
 * The configuration in the text: every other line blanked, so that line numbers stay as pasted.
 * Until a line needs blanking that is the text itself, so lines are only collected from the first
 * one that does.
 */
class ConfigText {
  private lines: string[] | null = null;

  constructor(private readonly text: string) {}

  /** The next line (starting at offset `start` of the text), read as `text` (placeholders). */
  add(raw: string, start: number, isConfig: boolean, text = raw): void {
    if (!this.lines) {
      if ((isConfig && text === raw) || raw === '') return;
      this.lines = this.text.slice(0, start).split('\n');
      this.lines.pop(); // the text before this line ends with its newline
    }
    this.lines.push(isConfig ? text : '');
  }

  /** The lines joined with newlines (no trailing one). */
  joined(): string {
    if (this.lines) return this.lines.join('\n');
    return this.text.endsWith('\n') ? this.text.slice(0, -1) : this.text;
  }
}

interface SortedLines {
  /** Template lines that are not in the parsed configuration (whole-line inserts). */
  templateOnly: {line: number; text: string}[];
  logs: LogLine[];
  unrecognised: InputLine[];
  cannot: CannotEvaluate[];
  evidence: VersionEvidence[];
}

/** Decides what one pasted line is, adding it to the logs, the unrecognised lines or the clues. */
function sortLine(line: number, raw: string, into: SortedLines): Kind {
  const cleaned = cleanLine(raw);
  const trimmed = cleaned.trim();
  if (trimmed === '') return 'blank';
  // most config lines cannot carry a log prefix: those skip taking the line apart
  const n = mayHaveLogPrefix(cleaned) ? normaliseLogLine(line, raw) : null;
  if (n?.logShaped || (!trimmed.startsWith('#') && looksLikeKnownMessage(trimmed))) {
    into.logs.push((n ?? normaliseLogLine(line, raw)).log);
    return 'log';
  }
  if (isConfigShaped(trimmed)) {
    if (trimmed.startsWith('# 2.') && into.evidence.length < 40) {
      const h = readHeader(trimmed);
      const v = h ? seriesVersion(h.version) : null;
      if (h && v) into.evidence.push({version: v, source: 'header', reason: `the doveconf header "${trimmed.slice(0, 120)}" on line ${line}`, line});
    }
    return 'config';
  }
  into.unrecognised.push({line, text: raw});
  return 'other';
}

/** A line with template expressions, already replaced by placeholders in `text`. */
function sortTemplateLine(line: number, original: string, text: string, into: SortedLines): Kind {
  const shown = original.trim().slice(0, 300);
  // a comment that mentions a template value (`# {{ ansible_managed }}`) is just a comment
  if (shown.startsWith('#')) return 'config';
  const rest = text.replace(/\u27e6\d{1,7}\u27e7/g, '').trim();
  if (rest === '' || rest.startsWith('#')) {
    into.cannot.push({line, text: shown, why: 'a template expression that inserts text here when the template is rendered; what it inserts is not known here'});
    into.templateOnly.push({line, text: shown});
    return 'template';
  }
  const trimmed = text.trim();
  if (!trimmed.startsWith('#') && isConfigShaped(trimmed)) {
    into.cannot.push({line, text: shown, why: 'its template expressions are filled in when the template is rendered; their values are not known here'});
    return 'config';
  }
  return sortLine(line, original, into);
}

/** Recognised, and with how many numbers. */
function score(recognise: ReturnType<typeof logRecogniser>, log: LogLine, message: string): number {
  const r = recognise({...log, message}, '2.4');
  return r ? 1 + Object.keys(r.numbers).length : 0;
}

/**
 * A wrapped message joined the way it is recognised best (most numbers; with spaces on a tie), or
 * null when a tentative join (see wrap.ts) is recognised no better than its first line.
 */
function bestJoin(w: WrappedLog, recognise: ReturnType<typeof logRecogniser>): string | null {
  let best = '';
  let bestScore = -1;
  for (const message of w.joins().reverse()) {
    const s = score(recognise, w.log, message);
    if (s > bestScore) {
      best = message;
      bestScore = s;
    }
  }
  if (w.tentative && bestScore <= score(recognise, w.log, w.pieces[0])) return null;
  return best;
}

/** How a template is read, for "How the text was read". */
function templateAssumption(t: TemplateReader): string {
  const named = t.languages.filter((l) => l !== 'template');
  const what = named.length > 0 ? `a ${named.join(' / ')} template` : 'a template';
  const branches = t.skipped.length > 0
    ? ` Where it branches it is read as rendered when no condition holds (the else branch, or nothing for an if without one); the ${t.skipped.length === 1 ? 'other branch is' : `other ${t.skipped.length} branches are`} listed under "Not evaluated" and never merged in.`
    : '';
  return `The text is ${what}: its expressions are kept as written and not evaluated.${branches}`;
}

/** What of a template the migration lists: inserts, branches set aside, the tags themselves. */
function migrationTemplateLines(t: TemplateReader, inserts: SortedLines['templateOnly'], skipped: CannotEvaluate[]): CannotEvaluate[] {
  const out: CannotEvaluate[] = inserts.map((i) => ({...i, why: 'a template expression inserts text here'}));
  out.push(...skipped);
  if (t.structure.length > 0) {
    const lines = [...new Set(t.structure)].sort((a, b) => a - b);
    out.push({
      line: lines[0],
      lines,
      text: `the template's own tags (if, else, end, set, comments) on ${lines.length === 1 ? 'line' : 'lines'} ${lines.slice(0, 12).join(', ')}${lines.length > 12 ? ', …' : ''}`,
      why: 'the migrated block is the configuration the template renders when no condition holds; its tags are not part of it',
    });
  }
  return out;
}

/** A branch of the template that is not followed, as a line of the "Not evaluated" list. */
export function skippedEntry(b: SkippedBranch): CannotEvaluate {
  const where = b.firstLine === b.lastLine ? `line ${b.firstLine}` : `lines ${b.firstLine}–${b.lastLine}`;
  return {
    line: b.firstLine,
    lines: b.lineNumbers,
    text: `${where}, after ${b.tag.slice(0, 200)} on line ${b.tagLine}`,
    why: b.loop
      ? 'the body of a template loop or macro: it is repeated or called with values that are not known here, so it is not read as configuration'
      : 'a branch of a template conditional: the text is read as rendered when no condition holds, so this branch is listed instead of merged into the configuration',
  };
}

function explainText(text: string, bytes: number, opts: ExplainOptions): ExplainResult {
  const sorted: SortedLines = {templateOnly: [], logs: [], unrecognised: [], cannot: [], evidence: []};
  const templates = new TemplateReader();
  const {logs, unrecognised, cannot, evidence} = sorted;
  const configParts: ConfigPart[] = [];
  const configText = new ConfigText(text);
  let part: ConfigPart | null = null;
  // pasted configs repeat lines: one that sorted as blank or config with nothing to record (no
  // doveconf header) is not sorted again
  const plainLines = new LineCache<Kind>();
  const recognise = logRecogniser();
  const wraps: WrappedLog[] = [];
  let wrap: WrappedLog | null = null;
  const lineCount = forEachLine(text, (line, raw, start) => {
    if (wrap) {
      const cleaned = cleanLine(raw);
      const trimmed = cleaned.trim();
      if (trimmed !== '' && !(mayHaveLogPrefix(cleaned) && normaliseLogLine(line, raw).logShaped) && wrap.takes(trimmed, isConfigShaped(trimmed))) {
        wrap.add(line, raw, trimmed);
        configText.add(raw, start, false);
        part = null;
        return;
      }
      wrap = null;
    }
    let kind: Kind | undefined;
    let configLine = raw;
    if (templates.needs(raw)) {
      const t = templates.line(line, cleanLine(raw));
      if (t.kind === 'control' || t.kind === 'skipped') kind = 'template';
      else if (t.kind === 'text') {
        configLine = t.text;
        kind = sortLine(line, t.text, sorted);
      } else if (t.kind === 'expressions') {
        configLine = t.text;
        kind = sortTemplateLine(line, raw, t.text, sorted);
      }
    }
    if (kind === undefined) kind = plainLines.get(raw);
    if (kind === undefined) {
      kind = sortLine(line, raw, sorted);
      if (kind === 'blank' || (kind === 'config' && !raw.includes('# 2.'))) plainLines.set(raw, kind);
    }
    configText.add(raw, start, kind === 'config', configLine);
    if (kind === 'config') {
      if (!part) {
        part = {firstLine: line, lastLine: line};
        configParts.push(part);
      } else part.lastLine = line;
    } else if (kind === 'log' || kind === 'other') part = null;
    if (kind === 'log') {
      const last = logs[logs.length - 1];
      if (WrappedLog.startsWrap(last.message)) wraps.push((wrap = new WrappedLog(last)));
      else if (last.level !== undefined && last.message.length >= 20 && !recognise(last, '2.4')) wraps.push((wrap = new WrappedLog(last, true)));
    }
  });
  templates.finish();
  const skipped = templates.skipped.map(skippedEntry);
  cannot.push(...skipped);
  for (const t of templates.inserts) {
    cannot.push({line: t.line, text: t.text, why: 'a template tag that inserts text here when the template is rendered; what it inserts is not known here'});
    sorted.templateOnly.push(t);
  }
  // the config text is no longer than the input, which is within MAX_EXPLAIN_BYTES
  const configSource = configParts.length > 0 ? configText.joined() : '';
  const parsed = configParts.length > 0 ? parseWithinLimit(configSource) : {tree: {children: []}, errors: []};
  const tree = parsed.tree;
  evidence.push(...settingEvidence(tree));

  // log lines: recognised once for the clues, again in the chosen version's names
  for (const w of wraps) {
    if (w.pieces.length < 2) continue;
    const joined = bestJoin(w, recognise);
    if (joined === null) unrecognised.push(...w.undo());
    else w.log.message = joined;
  }
  if (wraps.length > 0) unrecognised.sort((a, b) => a.line - b.line);
  for (const log of logs) {
    if (evidence.length >= 80) break;
    const r = recognise(log, '2.4');
    if (r?.version) {
      evidence.push({
        version: r.version,
        source: 'log',
        reason: r.kind === 'starting-up' ? `"Dovecot v${r.numbers.dovecot} starting up" on line ${log.line}` : `the ${r.version} wording of "${r.title}" on line ${log.line}`,
        line: log.line,
      });
    }
  }
  const detection = decideVersion(evidence, parseVersion(opts.version) ?? undefined, parseVersion(opts.siteVersion) ?? undefined);
  const version: DovecotVersion = detection.version;

  const result = emptyResult(bytes, null);
  result.lines = lineCount;
  result.version = detection;
  result.configParts = configParts;
  result.parseErrors = parsed.errors;
  result.cannotEvaluate = cannot;

  if (templates.seen) result.assumptions.push({text: templateAssumption(templates)});
  if (hasContent(tree)) {
    const wrapped = wrapForRules(version, tree);
    result.assumptions.push(...wrapped.assumptions);
    result.wholeFileNotes = wrapped.wholeFileNotes;
    result.rules = [...ambiguousHashes(configSource), ...explainRules(version, wrapped.tree)];
    result.cannotEvaluate.push(...findUnreadable(tree));
    result.services = explainServices(version, tree, result.rules, result.cannotEvaluate, opts.load).slice(0, 300);
    result.findings = configFindings(version, tree);
    result.unknownSettings = findUnknownSettings(version, tree);
    if (version === '2.3') result.migration = migrate23to24(tree, {templateLines: migrationTemplateLines(templates, sorted.templateOnly, skipped)});
    result.cannotEvaluate.sort((a, b) => a.line - b.line);
  }

  // fold identical log lines (same kind and numbers, or same unrecognised message)
  const byKey = new Map<string, LogExplanation>();
  let omittedLogs = 0;
  for (const log of logs) {
    const recognised = recognise(log, version);
    const key = recognised ? `${recognised.kind}\u0000${JSON.stringify(recognised.numbers)}` : `?\u0000${log.process ?? ''}\u0000${log.message.slice(0, 2000)}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.repeats++;
      if (seen.repeatLines.length < 20) seen.repeatLines.push(log.line);
      continue;
    }
    if (result.logs.length >= MAX_LOG_ENTRIES) {
      omittedLogs++;
      continue;
    }
    const entry: LogExplanation = {...log, recognised, repeats: 0, repeatLines: []};
    byKey.set(key, entry);
    result.logs.push(entry);
  }
  result.unrecognised = unrecognised.slice(0, MAX_UNRECOGNISED);
  result.omitted = {logs: omittedLogs, unrecognised: Math.max(0, unrecognised.length - MAX_UNRECOGNISED)};
  // what the analysis shows of the text, with the template expressions as written
  return templates.expressions.length > 0 ? restoreDeep(result, templates) : result;
}
