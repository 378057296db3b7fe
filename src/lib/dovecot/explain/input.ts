/**
 * Splits pasted text into configuration lines and log lines, and takes log lines apart the way
 * people paste them: syslog / journald / ISO timestamps, container prefixes (`dovecot-1  | `,
 * `[pod/x/dovecot] `), rsyslog's `#015` carriage-return escapes, `host dovecot[123]: `, then
 * Dovecot's own `process(pid)<session>: Level: ` prefix.
 *
 * Every regex here is anchored and has no nested quantifier, and each is applied to a bounded
 * head of the line, so a line of any length costs time linear in its length.
 */
import type {InputLine, LogLine} from './types';

/** Longest part of a line the prefix regexes look at. */
const PREFIX_WINDOW = 600;

const CONTAINER_PIPE = /^[A-Za-z0-9][\w.-]{0,99} {0,20}\| ?/;
const CONTAINER_BRACKET = /^\[[^\]\n]{1,200}\] /;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})? /;
const SYSLOG_TIME = /^[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? /;
const HOST_TAG = /^[\w.-]{1,253} dovecot(?:\[\d{1,10}\])?: /;
const TAG = /^dovecot(?:\[\d{1,10}\])?: /;
const LEVELS = ['Info', 'Warning', 'Error', 'Fatal', 'Panic', 'Debug'];
const PROCESS_NAME = /^[a-z][a-z0-9_-]{0,63}/i;

interface Prefix {
  process?: string;
  level?: string;
  length: number;
}

function readLevel(text: string, at: number): {level: string; end: number} | null {
  for (const level of LEVELS) {
    if (text.startsWith(level, at) && text.startsWith(': ', at + level.length)) {
      return {level, end: at + level.length + 2};
    }
  }
  return null;
}

/** `imap(user)<123><sess>: Error: ` / `master: Warning: ` / `Warning: ` at the start of `text`. */
function readDovecotPrefix(text: string): Prefix | null {
  const bare = readLevel(text, 0);
  if (bare) return {level: bare.level, length: bare.end};
  const m = PROCESS_NAME.exec(text.slice(0, 64));
  if (!m) return null;
  let i = m[0].length;
  // up to 8 "(...)" / "<...>" groups: pid, user, session ids
  for (let n = 0; n < 8 && i < text.length; n++) {
    const open = text[i];
    if (open !== '(' && open !== '<') break;
    const close = text.indexOf(open === '(' ? ')' : '>', i + 1);
    if (close < 0 || close - i > 300) return null;
    i = close + 1;
  }
  if (!text.startsWith(': ', i)) return null;
  const level = readLevel(text, i + 2);
  // `doveconf: Fatal: `, `imap-login: Info: `; a process without a level is not taken.
  if (!level) return null;
  return {process: m[0], level: level.level, length: level.end};
}

/** Removes rsyslog `#015` / `#011` escapes and trailing CRs. */
export function cleanLine(text: string): string {
  let t = text;
  if (t.includes('#015')) t = t.split('#015').join('');
  if (t.includes('#011')) t = t.split('#011').join('\t');
  let end = t.length;
  while (end > 0 && t[end - 1] === '\r') end--;
  return end === t.length ? t : t.slice(0, end);
}

export interface Normalised {
  /** A timestamp, container prefix or Dovecot log prefix was found. */
  logShaped: boolean;
  log: LogLine;
}

/**
 * Whether a prefix regex could match `text` from `start` (its first non-blank): each prefix needs
 * a '|' (container), a '[' or a digit first (container, ISO time), "Mmm " first (syslog time) or
 * a ': ' (host tag, Dovecot's prefix). Most configuration lines have none of these.
 */
function mayHavePrefixAt(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  if (c === 0x5b || (c >= 0x30 && c <= 0x39)) return true;
  if (c >= 0x41 && c <= 0x5a && text[start + 3] === ' ') return true;
  return text.includes(': ', start) || text.includes('|', start);
}

/** The first character trimStart() keeps (\s is the same set of white space and line ends). */
const NON_BLANK = /\S/;

/** Whether normaliseLogLine could find a prefix on a line (after cleanLine). */
export function mayHaveLogPrefix(cleaned: string): boolean {
  const start = cleaned.search(NON_BLANK);
  return start >= 0 && mayHavePrefixAt(cleaned, start);
}

/** Length of the match of an anchored prefix regex on the head of `text`; 0 when none (never empty). */
function prefixLength(re: RegExp, text: string): number {
  const m = re.exec(text.slice(0, PREFIX_WINDOW));
  return m ? m[0].length : 0;
}

/** Takes the prefixes off one line. Never throws; linear in the line's length. */
export function normaliseLogLine(line: number, raw: string): Normalised {
  const cleaned = cleanLine(raw).trimStart();
  if (!mayHavePrefixAt(cleaned, 0)) return {logShaped: false, log: {line, text: raw, message: cleaned}};
  let rest = cleaned;
  let timestamp: string | undefined;
  // container prefix, then timestamps (docker adds its own before the app's), in any order
  for (let round = 0; round < 3; round++) {
    const before = rest.length;
    rest = rest.slice(prefixLength(CONTAINER_PIPE, rest) || prefixLength(CONTAINER_BRACKET, rest));
    const time = prefixLength(ISO_TIME, rest) || prefixLength(SYSLOG_TIME, rest);
    if (time > 0 && timestamp === undefined) timestamp = rest.slice(0, time).trim();
    rest = rest.slice(time);
    if (rest.length === before) break;
  }
  rest = rest.slice(prefixLength(HOST_TAG, rest) || prefixLength(TAG, rest));
  // every prefix taken off was at least one character long
  let logShaped = rest.length < cleaned.length;
  const p = readDovecotPrefix(rest.slice(0, PREFIX_WINDOW));
  const log: LogLine = {line, text: raw, message: rest};
  if (p) {
    logShaped = true;
    log.message = rest.slice(p.length);
    if (p.process !== undefined) log.process = p.process;
    if (p.level !== undefined) log.level = p.level;
  }
  if (timestamp !== undefined) log.timestamp = timestamp;
  return {logShaped, log};
}

const TEMPLATE_MARKS = ['{{', '{%', '<%', '${'];
/** Any of TEMPLATE_MARKS, looked for in one pass (most lines have none). */
const ANY_TEMPLATE_MARK = /\{\{|\{%|<%|\$\{/;

/** Templating (Jinja, ERB, shell/envsubst) that makes a line impossible to read as Dovecot's. */
export function templateMark(text: string): string | null {
  if (!ANY_TEMPLATE_MARK.test(text)) return null;
  for (const m of TEMPLATE_MARKS) if (text.includes(m)) return m;
  return null;
}

// blanks before `=` or `{`: hand-aligned configs pad keys with runs of spaces or tabs
const KEY_EQUALS = /^(?:"[^"\n]{0,200}"|[^\s={}#"]{1,200})[ \t]{0,200}=/;
const SECTION_OPEN = /^[^={}#\n"]{1,300}(?:"[^"\n]{0,300}")?[ \t]{0,200}\{[ \t]*(?:#.*)?$/;

/** Whether a (trimmed) line reads as Dovecot configuration syntax. */
export function isConfigShaped(trimmed: string): boolean {
  if (trimmed === '' || trimmed[0] === '#' || trimmed[0] === '}' || trimmed.startsWith('!include')) return true;
  if (trimmed.endsWith('\\')) return true;
  const head = trimmed.slice(0, 400);
  if (KEY_EQUALS.test(head)) return true;
  return trimmed.length <= 300 && SECTION_OPEN.test(trimmed);
}

/**
 * Calls `visit` for each line of the text (LF or CRLF), numbered from 1, with the offset it starts
 * at; returns the count.
 */
export function forEachLine(text: string, visit: (line: number, text: string, start: number) => void): number {
  let start = 0;
  let n = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    // a trailing newline does not start another line
    if (nl < 0 && start === text.length && n > 0) break;
    n++;
    visit(n, text.slice(start, nl < 0 ? text.length : nl), start);
    if (nl < 0) break;
    start = nl + 1;
  }
  return n;
}

/** Lines of the text (LF or CRLF), numbered from 1. */
export function splitLines(text: string): InputLine[] {
  const out: InputLine[] = [];
  forEachLine(text, (line, t) => out.push({line, text: t}));
  return out;
}
