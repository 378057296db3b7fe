// Line-level lexing shared by the parser and the printer.
//
// The rules follow Dovecot's own config_parse_line() (src/config/config-parser.c,
// 2.3.19.1 and 2.4.1). The printer re-lexes the lines it emits with these same
// functions (all but lines of plain words, see print.ts), so what it prints is, by
// construction, what the parser reads back.
//
// Everything here scans characters left to right with no backtracking, so the
// cost of a line is linear in its length.

import type {Quote} from './ast';

/** Dovecot's i_isspace() minus '\n' (lines are already split), plus the BOM. */
export function isWhite(ch: string | undefined): boolean {
  return (
    ch === ' ' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f' || ch === '\uFEFF'
  );
}

/** isWhite() of a character code (NaN, past the end, is not white): the scans below use codes. */
function isWhiteCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c || c === 0xfeff;
}

export function skipWhite(text: string, from: number, end = text.length): number {
  let i = from;
  while (i < end && isWhiteCode(text.charCodeAt(i))) i++;
  return i;
}

/** Index just after the last non-white character in [from, end). */
export function trimEnd(text: string, from: number, end: number): number {
  let e = end;
  while (e > from && isWhiteCode(text.charCodeAt(e - 1))) e--;
  return e;
}

export interface CommentScan {
  /** Where the content ends: the '#' of a comment, or `end`. */
  contentEnd: number;
  /** Text after '#', when there was a comment. */
  comment?: string;
  /** The quote still open at `end` (only possible when there was no comment). */
  openQuote: Quote | null;
}

/**
 * Finds a trailing comment. Like Dovecot, '#' starts a comment anywhere outside
 * single or double quotes (a backslash escapes the next character inside
 * quotes), and an unclosed quote hides any '#' after it. `quote` is the quote
 * state carried over from a backslash-continued previous line. The result is
 * written to `into` when given (the parser reuses one for every line).
 */
export function scanComment(
  text: string,
  from: number,
  end: number,
  quote: Quote | null,
  into: CommentScan = {contentEnd: 0, comment: undefined, openQuote: null},
): CommentScan {
  let open = quote === null ? 0 : quote.charCodeAt(0);
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (open !== 0) {
      if (c === 0x5c && i + 1 < end) i += 2; // backslash
      else {
        if (c === open) open = 0;
        i++;
      }
    } else if (c === 0x22 || c === 0x27) {
      // '"' or "'"
      open = c;
      i++;
    } else if (c === 0x23) {
      // '#'
      return found(into, i, text.slice(i + 1, end), null);
    } else {
      i++;
    }
  }
  return found(into, end, undefined, open === 0 ? null : open === 0x22 ? '"' : "'");
}

/** `into`, filled in. */
function found(into: CommentScan, contentEnd: number, comment: string | undefined, openQuote: Quote | null): CommentScan {
  into.contentEnd = contentEnd;
  into.comment = comment;
  into.openQuote = openQuote;
  return into;
}

/** Index of the quote closing the one at `open`, honouring backslash escapes; -1 if none. */
export function findClosingQuote(text: string, open: number): number {
  const q = text[open];
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) i += 2;
    else if (ch === q) return i;
    else i++;
  }
  return -1;
}

/** Dovecot's str_unescape(): "\x" becomes "x"; a lone trailing backslash is dropped. */
export function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      if (i < text.length) out += text[i];
    } else {
      out += ch;
    }
  }
  return out;
}

/** Inverse of `unescape` inside the given quotes. */
export function quoteString(value: string, q: Quote): string {
  let out = q;
  for (const ch of value) {
    if (ch === '\\' || ch === q) out += '\\';
    out += ch;
  }
  return out + q;
}

/** One logical line (comment removed, trimmed, continuations joined) as a statement. */
export type Statement =
  | {type: 'setting'; key: string; value: string; quote?: Quote; file?: boolean}
  | {type: 'sectionStart'; sectionType: string; name?: string; nameQuoted?: boolean; group?: string}
  | {type: 'sectionEnd'}
  | {type: 'include'; path: string; optional: boolean; quote?: Quote}
  | {type: 'error'; message: string; index: number};

/** Keeps echoes of user text in messages short: garbage lines can be huge. */
function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function fail(message: string, index: number): Statement {
  return {type: 'error', message, index};
}

/**
 * Parses one statement. `text` must be non-empty, start and end with a
 * non-white character and carry no comment.
 *
 *   a) key = value          (key may be "quoted", as 2.4's doveconf prints it)
 *   b) type [name] {        (name may be "quoted"; 2.4: group @group name {)
 *   c) }
 *   d) !include[_try] path
 */
export function parseStatement(text: string): Statement {
  const n = text.length;
  if (text[0] === '"') {
    const close = findClosingQuote(text, 0);
    if (close < 0) return fail('Unterminated quote', 0);
    const key = unescape(text.slice(1, close));
    const eq = skipWhite(text, close + 1);
    if (text[eq] !== '=') return fail(`Expected '=' after "${short(key)}"`, eq);
    return parseValue(key, text, eq + 1);
  }

  let j = 0;
  while (j < n && !isWhiteCode(text.charCodeAt(j)) && text.charCodeAt(j) !== 0x3d) j++; // '='
  const key = text.slice(0, j);
  const k = skipWhite(text, j);

  // Dovecot checks for includes before '=', so "!include = x" includes "= x".
  if (key === '!include' || key === '!include_try') {
    return parseInclude(text, k, key === '!include_try');
  }
  if (text[k] === '=') return parseValue(key, text, k + 1);
  if (key === '}') return k === n ? {type: 'sectionEnd'} : fail("Unexpected text after '}'", k);
  if (key[0] === '}') return fail("Unexpected text after '}'", 1);
  if (key[0] === '{') return fail("Expected a section type before '{'", 0);
  if (k === n) {
    if (key.endsWith('{')) return fail("Missing space before '{'", j - 1);
    return fail(`Expected '=' or '{' after '${short(key)}'`, j);
  }
  if (text[k] === '{') {
    if (k + 1 < n) return fail("Unexpected text after '{'", skipWhite(text, k + 1));
    return {type: 'sectionStart', sectionType: key};
  }

  // Section name: one word, or a double-quoted string.
  let name: string;
  let nameQuoted = false;
  let m: number;
  if (text[k] === '"') {
    const close = findClosingQuote(text, k);
    if (close < 0) return fail('Unterminated quote', k);
    name = unescape(text.slice(k + 1, close));
    nameQuoted = true;
    m = close + 1;
  } else {
    m = k;
    while (m < n && !isWhiteCode(text.charCodeAt(m))) m++;
    name = text.slice(k, m);
  }
  const p = skipWhite(text, m);
  if (p === n) {
    if (!nameQuoted && name.endsWith('{')) return fail("Missing space before '{'", m - 1);
    return fail(`Expected '{' after '${short(`${key} ${name}`)}'`, p);
  }

  if (key === 'group' && !nameQuoted && text[p] !== '{') {
    // 2.4: group @group-name filter-name {
    let q = p;
    while (q < n && !isWhiteCode(text.charCodeAt(q))) q++;
    const filterName = text.slice(p, q);
    const r = skipWhite(text, q);
    if (r === n && filterName.endsWith('{')) return fail("Missing space before '{'", q - 1);
    if (text[r] !== '{') {
      return fail(`Expected '{' after '${short(`group ${name} ${filterName}`)}'`, r);
    }
    if (r + 1 < n) return fail("Unexpected text after '{'", skipWhite(text, r + 1));
    return {type: 'sectionStart', sectionType: key, name: filterName, group: name};
  }

  if (text[p] !== '{') return fail(`Expected '{' after '${short(`${key} ${name}`)}'`, p);
  if (p + 1 < n) return fail("Unexpected text after '{'", skipWhite(text, p + 1));
  return nameQuoted
    ? {type: 'sectionStart', sectionType: key, name, nameQuoted: true}
    : {type: 'sectionStart', sectionType: key, name};
}

/**
 * Reads a possibly quoted value starting at `from`. Dovecot's rule: a value
 * that starts and ends with the same quote character is unescaped; anything
 * else is verbatim. We add one check Dovecot lacks: an opening quote that is
 * never closed is reported instead of being kept as literal text.
 */
function readMaybeQuoted(
  text: string,
  from: number,
): {value: string; quote?: Quote} | {error: Statement} {
  const first = text[from];
  if (first !== '"' && first !== "'") return {value: text.slice(from)};
  if (findClosingQuote(text, from) < 0) return {error: fail('Unterminated quote', from)};
  if (text.length - from >= 2 && text[text.length - 1] === first) {
    return {value: unescape(text.slice(from + 1, text.length - 1)), quote: first};
  }
  return {value: text.slice(from)};
}

function parseValue(key: string, text: string, afterEquals: number): Statement {
  if (key === '') return fail("Missing setting name before '='", 0);
  const v = skipWhite(text, afterEquals);
  if (text[v] === '<') {
    // Dovecot allows blanks between '<' and the path.
    return {type: 'setting', key, value: text.slice(skipWhite(text, v + 1)), file: true};
  }
  const read = readMaybeQuoted(text, v);
  if ('error' in read) return read.error;
  return read.quote === undefined
    ? {type: 'setting', key, value: read.value}
    : {type: 'setting', key, value: read.value, quote: read.quote};
}

function parseInclude(text: string, from: number, optional: boolean): Statement {
  const what = optional ? '!include_try' : '!include';
  if (from >= text.length) return fail(`Missing file name after '${what}'`, from);
  const read = readMaybeQuoted(text, from);
  if ('error' in read) return read.error;
  return read.quote === undefined
    ? {type: 'include', path: read.value, optional}
    : {type: 'include', path: read.value, optional, quote: read.quote};
}

export type LineLex =
  | {kind: 'blank'}
  | {kind: 'comment'; text: string}
  | {kind: 'continuation'}
  | {kind: 'statement'; statement: Statement; comment?: string};

/** How the parser reads one physical line on its own (used by the printer to check itself). */
export function lexSingleLine(line: string): LineLex {
  let end = line.length;
  while (end > 0 && line[end - 1] === '\r') end--;
  const start = skipWhite(line, 0, end);
  if (start === end) return {kind: 'blank'};
  if (line[start] === '#') return {kind: 'comment', text: line.slice(start + 1, end)};
  const scan = scanComment(line, start, end, null);
  const contentEnd = trimEnd(line, start, scan.contentEnd);
  if (line[contentEnd - 1] === '\\') return {kind: 'continuation'};
  const statement = parseStatement(line.slice(start, contentEnd));
  return scan.comment === undefined
    ? {kind: 'statement', statement}
    : {kind: 'statement', statement, comment: scan.comment};
}
