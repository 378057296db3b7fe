/**
 * The explainer: paste a config (doveconf -n of 2.3 or 2.4, a conf.d file, a whole dovecot.conf),
 * log lines, or both, and get per-service implications, doveconf's checks with their exact text,
 * settings the version lacks, what cannot be evaluated, the 2.3 → 2.4 migration, and what each
 * known log line means with its fix. Pure and synchronous; never throws; returns plain data.
 */
import type {DovecotVersion} from '../../version';
import {readHeader, MAX_CONFIG_BYTES, type ConfigTree} from '../conf';
import {LineCache} from '../conf/lineCache';
import {formatBytes, parseWithinLimit, utf8ByteLength} from '../conf/parse';
import {explainRules, explainServices, findUnknownSettings, findUnreadable, wrapForRules} from './config';
import {cleanLine, forEachLine, isConfigShaped, mayHaveLogPrefix, normaliseLogLine, templateMark} from './input';
import {logRecogniser, looksLikeKnownMessage} from './logs';
import {migrate23to24} from './migrate';
import {decideVersion, seriesVersion, settingEvidence} from './version';
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
export {checkText, MAX_INPUT_BYTES, MAX_NON_ASCII, type TextCheck} from './limits';
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

  /** The next line (starting at offset `start` of the text). */
  add(raw: string, start: number, isConfig: boolean): void {
    if (!this.lines) {
      if (isConfig || raw === '') return;
      this.lines = this.text.slice(0, start).split('\n');
      this.lines.pop(); // the text before this line ends with its newline
    }
    this.lines.push(isConfig ? raw : '');
  }

  /** The lines joined with newlines (no trailing one). */
  joined(): string {
    if (this.lines) return this.lines.join('\n');
    return this.text.endsWith('\n') ? this.text.slice(0, -1) : this.text;
  }
}

interface SortedLines {
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
  const mark = templateMark(trimmed);
  if (mark !== null && !trimmed.startsWith('#')) {
    into.cannot.push({line, text: trimmed.slice(0, 300), why: `templating (${mark} … ) is filled in before Dovecot reads the file; the result is not known here`});
    return 'template';
  }
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

function explainText(text: string, bytes: number, opts: ExplainOptions): ExplainResult {
  const sorted: SortedLines = {logs: [], unrecognised: [], cannot: [], evidence: []};
  const {logs, unrecognised, cannot, evidence} = sorted;
  const configParts: ConfigPart[] = [];
  const configText = new ConfigText(text);
  let part: ConfigPart | null = null;
  // pasted configs repeat lines: one that sorted as blank or config with nothing to record (no
  // doveconf header) is not sorted again
  const plainLines = new LineCache<Kind>();
  const lineCount = forEachLine(text, (line, raw, start) => {
    let kind = plainLines.get(raw);
    if (kind === undefined) {
      kind = sortLine(line, raw, sorted);
      if (kind === 'blank' || (kind === 'config' && !raw.includes('# 2.'))) plainLines.set(raw, kind);
    }
    configText.add(raw, start, kind === 'config');
    if (kind === 'config') {
      if (!part) {
        part = {firstLine: line, lastLine: line};
        configParts.push(part);
      } else part.lastLine = line;
    } else if (kind === 'log' || kind === 'other') part = null;
  });
  // the config text is no longer than the input, which is within MAX_EXPLAIN_BYTES
  const parsed = configParts.length > 0 ? parseWithinLimit(configText.joined()) : {tree: {children: []}, errors: []};
  const tree = parsed.tree;
  evidence.push(...settingEvidence(tree));

  // log lines: recognised once for the clues, again in the chosen version's names
  const recognise = logRecogniser();
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
  const detection = decideVersion(evidence, opts.version);
  const version: DovecotVersion = detection.version;

  const result = emptyResult(bytes, null);
  result.lines = lineCount;
  result.version = detection;
  result.configParts = configParts;
  result.parseErrors = parsed.errors;
  result.cannotEvaluate = cannot;

  if (hasContent(tree)) {
    const wrapped = wrapForRules(version, tree);
    result.assumptions = wrapped.assumptions;
    result.wholeFileNotes = wrapped.wholeFileNotes;
    result.rules = explainRules(version, wrapped.tree);
    result.cannotEvaluate.push(...findUnreadable(tree));
    result.services = explainServices(version, tree, result.rules, result.cannotEvaluate, opts.load).slice(0, 300);
    result.unknownSettings = findUnknownSettings(version, tree);
    if (version === '2.3') result.migration = migrate23to24(tree);
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
  return result;
}
