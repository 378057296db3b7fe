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

/** Takes the prefixes off one line. Never throws; linear in the line's length. */
export function normaliseLogLine(line: number, raw: string): Normalised {
  let rest = cleanLine(raw).trimStart();
  let logShaped = false;
  let timestamp: string | undefined;
  const strip = (re: RegExp): string | null => {
    const m = re.exec(rest.slice(0, PREFIX_WINDOW));
    if (!m) return null;
    rest = rest.slice(m[0].length);
    logShaped = true;
    return m[0];
  };
  // container prefix, then timestamps (docker adds its own before the app's), in any order
  for (let round = 0; round < 3; round++) {
    const before = rest.length;
    if (strip(CONTAINER_PIPE) === null) strip(CONTAINER_BRACKET);
    const t = strip(ISO_TIME) ?? strip(SYSLOG_TIME);
    if (t !== null && timestamp === undefined) timestamp = t.trim();
    if (rest.length === before) break;
  }
  if (strip(HOST_TAG) === null) strip(TAG);
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

/** Templating (Jinja, ERB, shell/envsubst) that makes a line impossible to read as Dovecot's. */
export function templateMark(text: string): string | null {
  for (const m of TEMPLATE_MARKS) if (text.includes(m)) return m;
  return null;
}

const KEY_EQUALS = /^(?:"[^"\n]{0,200}"|[^\s={}#"]{1,200}) {0,20}=/;
const SECTION_OPEN = /^[^={}#\n"]{1,300}(?:"[^"\n]{0,300}")? {0,20}\{ *(?:#.*)?$/;

/** Whether a (trimmed) line reads as Dovecot configuration syntax. */
export function isConfigShaped(trimmed: string): boolean {
  if (trimmed === '' || trimmed[0] === '#' || trimmed[0] === '}' || trimmed.startsWith('!include')) return true;
  if (trimmed.endsWith('\\')) return true;
  const head = trimmed.slice(0, 400);
  if (KEY_EQUALS.test(head)) return true;
  return trimmed.length <= 300 && SECTION_OPEN.test(trimmed);
}

/** Lines of the text (LF or CRLF), numbered from 1. */
export function splitLines(text: string): InputLine[] {
  const out: InputLine[] = [];
  let start = 0;
  let n = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    n++;
    out.push({line: n, text: text.slice(start, end)});
    if (nl < 0) break;
    start = nl + 1;
  }
  // a trailing newline does not start another line
  if (out.length > 1 && out[out.length - 1].text === '') out.pop();
  return out;
}
