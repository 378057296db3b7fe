// Parser: Dovecot configuration text -> ConfigTree plus a list of errors.
//
// Works line by line like Dovecot does, never throws, recovers from errors by
// skipping the offending line, and runs in time linear in the input (one pass,
// an explicit section stack instead of recursion, no backtracking regexes).
// Sections nest at most MAX_SECTION_DEPTH deep: a deeper one is reported on its
// line and skipped up to its '}'.
//
// Syntax accepted (checked against config_parse_line() in Dovecot 2.3.19.1 and 2.4.1):
// - `key = value`, `key=value`, `key =`; the value is the rest of the line, trimmed.
//   `"..."`/`'...'` values are unescaped (\x -> x); `<path` marks a file value.
// - `#` starts a comment anywhere outside quotes; an unclosed quote hides it.
// - `type {`, `type name {`, `type "name" {`, 2.4 `group @name filter {`, `}`.
// - `"quoted key" = value` (2.4 doveconf prints IMAP capabilities that way).
// - `!include path` / `!include_try path` (globs allowed), never resolved.
// - A line ending in `\` continues on the next line; the pieces are joined with
//   one space. As in Dovecot, a blank or comment line ends (and drops) it.
// - CRLF line ends and a leading UTF-8 BOM.
// Where we knowingly differ from Dovecot:
// - An opening quote that never closes is an error (Dovecot keeps the text literally).
// - Quoted include paths are unquoted (Dovecot would look for a file named with quotes).
// - Quoted keys and section names are unescaped with backslash escapes honoured
//   (Dovecot keeps backslashes in keys and ends a quoted name at the first `"`).
// - Quote state carries over a `\` continuation; comments on continued (non-final)
//   pieces are dropped, as Dovecot does.
// - `= value` / `"" = value` (no setting name) is reported here, not later.
// Not supported: heredocs (Dovecot has none), quoted section types, `'`-quoted
// section names (kept verbatim, as Dovecot does).

import {
  MAX_CONFIG_BYTES,
  MAX_REPORTED_ERRORS,
  MAX_SECTION_DEPTH,
  type ConfigError,
  type ConfigTree,
  type IncludeNode,
  type Node,
  type ParseOptions,
  type ParseResult,
  type Pos,
  type Quote,
  type SectionNode,
  type SettingNode,
} from './ast';
import {parseStatement, scanComment, skipWhite, trimEnd, type CommentScan, type Statement} from './lex';
import {LineCache} from './lineCache';

const NON_ASCII = /[^\x00-\x7f]/;
// character codes the line loop compares with (cheaper than one-character strings)
const CR = 0x0d;
const HASH = 0x23;
const BACKSLASH = 0x5c;

/** UTF-8 length without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  // ASCII counts one byte per character: skip to the first other character in one regex scan
  const first = text.search(NON_ASCII);
  if (first < 0) return text.length;
  let bytes = first;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** "512 bytes", "12.5 KB", "2.3 MB" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  const trim = (x: number) => {
    const s = x.toFixed(1);
    return s.endsWith('.0') ? s.slice(0, -2) : s;
  };
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KB`;
  return `${trim(bytes / (1024 * 1024))} MB`;
}

/** A piece of a (possibly backslash-continued) logical line and where it came from. */
interface Segment {
  text: string;
  /** Offset of this piece inside the joined logical line. */
  offset: number;
  line: number;
  column: number;
}

interface Continuation {
  segments: Segment[];
  length: number;
  quote: Quote | null;
  line: number;
  column: number;
}

class ErrorList {
  readonly items: ConfigError[] = [];
  dropped = 0;

  add(line: number, column: number, message: string): void {
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push({line, column, message});
    else this.dropped++;
  }

  finish(): ConfigError[] {
    // Stable sort: "Missing '}'" errors are found at the end but point upwards.
    const sorted = this.items
      .map((e, i) => ({e, i}))
      .sort((a, b) => a.e.line - b.e.line || a.e.column - b.e.column || a.i - b.i)
      .map((x) => x.e);
    if (this.dropped > 0) {
      const last = sorted[sorted.length - 1];
      sorted.push({
        line: last ? last.line : 1,
        column: 1,
        message: `${this.dropped} more error(s) not shown`,
      });
    }
    return sorted;
  }
}

/** Where character `index` of a joined logical line was written. */
function positionIn(segments: readonly Segment[], index: number): Pos {
  let seg = segments[0];
  for (const s of segments) if (s.offset <= index) seg = s;
  return {line: seg.line, column: seg.column + Math.min(index - seg.offset, seg.text.length)};
}

function describeSection(s: SectionNode): string {
  const words = [s.type];
  if (s.group !== undefined) words.push(s.group);
  if (s.name !== undefined) words.push(s.nameQuoted ? `"${s.name}"` : s.name);
  const label = words.join(' ');
  return label.length > 40 ? `${label.slice(0, 37)}...` : label;
}

function parseText(text: string): ParseResult {
  const root: ConfigTree = {children: []};
  const errors = new ErrorList();
  const open: SectionNode[] = [];
  let children: Node[] = root.children;
  let pending: Continuation | null = null;
  // A section past MAX_SECTION_DEPTH: how deep inside it the parser is (0: not in one).
  let skipping = 0;
  let skipped: SectionNode | null = null;
  // A repeated statement is lexed once; the nodes stay separate objects (sharing their strings).
  const lexed = new LineCache<Statement>();
  const lex = (logical: string) => {
    let st = lexed.get(logical);
    if (st === undefined) lexed.set(logical, (st = shareWords(parseStatement(logical))));
    return st;
  };
  // Keys and section words repeat even where values do not: the tree keeps one string of each.
  const words = new LineCache<string>();
  const word = (w: string) => {
    const seen = words.get(w);
    if (seen !== undefined) return seen;
    words.set(w, w);
    return w;
  };
  const shareWords = (st: Statement): Statement => {
    if (st.type === 'setting') st.key = word(st.key);
    else if (st.type === 'sectionStart') {
      st.sectionType = word(st.sectionType);
      if (st.name !== undefined) st.name = word(st.name);
    }
    return st;
  };

  const dropContinuation = (why: string) => {
    if (pending) {
      errors.add(pending.line, pending.column, `Line continuation ('\\') ${why}; the continued line is ignored`);
      pending = null;
    }
  };

  const apply = (st: Exclude<Statement, {type: 'error'}>, pos: Pos, comment: string | undefined) => {
    if (skipping > 0) {
      if (st.type === 'sectionStart') skipping++;
      else if (st.type === 'sectionEnd') skipping--;
      return;
    }
    switch (st.type) {
      case 'setting': {
        const node: SettingNode = {kind: 'setting', key: st.key, value: st.value, pos};
        if (st.quote !== undefined) node.quote = st.quote;
        if (st.file) node.file = true;
        if (comment !== undefined) node.comment = comment;
        children.push(node);
        return;
      }
      case 'include': {
        const node: IncludeNode = {kind: 'include', path: st.path, optional: st.optional, pos};
        if (st.quote !== undefined) node.quote = st.quote;
        if (comment !== undefined) node.comment = comment;
        children.push(node);
        return;
      }
      case 'sectionStart': {
        const node: SectionNode = {kind: 'section', type: st.sectionType, children: [], pos};
        if (st.group !== undefined) node.group = st.group;
        if (st.name !== undefined) node.name = st.name;
        if (st.nameQuoted) node.nameQuoted = true;
        if (comment !== undefined) node.comment = comment;
        if (open.length >= MAX_SECTION_DEPTH) {
          errors.add(
            pos.line,
            pos.column,
            `Section '${describeSection(node)}' is nested more than ${MAX_SECTION_DEPTH} levels deep; it is skipped with everything in it up to its '}' (real configs nest a few levels)`,
          );
          skipping = 1;
          skipped = node;
          return;
        }
        children.push(node);
        open.push(node);
        children = node.children;
        return;
      }
      case 'sectionEnd': {
        const section = open.pop();
        if (!section) {
          errors.add(pos.line, pos.column, "Unexpected '}' (no section is open)");
          return;
        }
        section.end = pos;
        if (comment !== undefined) section.endComment = comment;
        const parent = open[open.length - 1];
        children = parent ? parent.children : root.children;
        return;
      }
    }
  };

  const scan: CommentScan = {contentEnd: 0, comment: undefined, openQuote: null};
  let lineNo = 0;
  let start = 0;
  const total = text.length;
  while (start < total) {
    lineNo++;
    const nl = text.indexOf('\n', start);
    const lineEnd = nl < 0 ? total : nl;
    const lineStart = start;
    start = nl < 0 ? total : nl + 1;

    // CRLF (and stray CRs) at the end of a line are not content.
    let end = lineEnd;
    while (end > lineStart && text.charCodeAt(end - 1) === CR) end--;
    const first = skipWhite(text, lineStart, end);
    const column = first - lineStart + 1;

    if (first === end) {
      // Dovecot drops a pending continuation on blank and comment lines.
      dropContinuation('is followed by an empty line');
      if (skipping === 0) children.push({kind: 'blank', pos: {line: lineNo, column: 1}});
      continue;
    }
    if (text.charCodeAt(first) === HASH) {
      dropContinuation('is followed by a comment line');
      if (skipping === 0) children.push({kind: 'comment', text: text.slice(first + 1, end), pos: {line: lineNo, column}});
      continue;
    }

    scanComment(text, first, end, pending ? pending.quote : null, scan);
    const contentEnd = trimEnd(text, first, scan.contentEnd);

    if (text.charCodeAt(contentEnd - 1) === BACKSLASH) {
      // "\" at the end continues the line; Dovecot joins the pieces with one space.
      if (!pending) pending = {segments: [], length: 0, quote: null, line: lineNo, column};
      const pieceEnd = trimEnd(text, first, contentEnd - 1);
      if (pieceEnd > first) {
        const piece = text.slice(first, pieceEnd);
        const offset = pending.length === 0 ? 0 : pending.length + 1;
        pending.segments.push({text: piece, offset, line: lineNo, column});
        pending.length = offset + piece.length;
      }
      pending.quote = scan.openQuote;
      continue;
    }

    const piece = text.slice(first, contentEnd);
    const cont: Continuation | null = pending;
    pending = null;
    // a continued line is joined from its pieces; a plain line (the usual case) is one piece,
    // whose segment is only made when an error needs its position
    const segments = cont && cont.segments.length > 0 ? [...cont.segments, {text: piece, offset: cont.length + 1, line: lineNo, column}] : null;
    const st = lex(segments ? segments.map((s) => s.text).join(' ') : piece);
    if (st.type === 'error') {
      const p = positionIn(segments ?? [{text: piece, offset: 0, line: lineNo, column}], st.index);
      errors.add(p.line, p.column, st.message);
    } else {
      apply(st, segments ? {line: segments[0].line, column: segments[0].column} : {line: lineNo, column}, scan.comment);
    }
  }

  dropContinuation('is at the end of the input');
  const unclosed = skipping > 0 && skipped ? [...open, skipped] : open;
  for (const section of unclosed) {
    errors.add(
      section.pos.line,
      section.pos.column,
      `Missing '}' for '${describeSection(section)}' opened on line ${section.pos.line}`,
    );
  }
  return {tree: root, errors: errors.finish()};
}

/**
 * Parses Dovecot configuration text. Never throws: problems come back in
 * `errors` (sorted by position) and the tree holds everything that parsed.
 */
export function parseConfig(text: string, opts?: ParseOptions): ParseResult {
  try {
    if (typeof text !== 'string') {
      return {tree: {children: []}, errors: [{line: 1, column: 1, message: 'Input is not text'}]};
    }
    const requested = opts?.maxBytes;
    const limit =
      typeof requested === 'number' && Number.isFinite(requested) && requested >= 0
        ? requested
        : MAX_CONFIG_BYTES;
    // UTF-16 length <= UTF-8 length <= 3 * UTF-16 length: count only when it matters.
    if (text.length > limit || (text.length * 3 > limit && utf8ByteLength(text) > limit)) {
      const size = utf8ByteLength(text);
      return {
        tree: {children: []},
        errors: [
          {
            line: 1,
            column: 1,
            message: `Input is ${formatBytes(size)}; the limit is ${formatBytes(limit)}. Nothing was parsed.`,
          },
        ],
      };
    }
    return parseWithinLimit(text);
  } catch (e) {
    return internalError(e);
  }
}

function internalError(e: unknown): ParseResult {
  // Defensive: a bug here must not take the page down with it.
  const detail = e instanceof Error ? e.message : String(e);
  return {tree: {children: []}, errors: [{line: 1, column: 1, message: `Internal parser error: ${detail}`}]};
}

/**
 * parseConfig for text the caller has already measured and found within the size limit
 * (saves counting the UTF-8 bytes of a large text twice). Never throws.
 */
export function parseWithinLimit(text: string): ParseResult {
  try {
    return parseText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return internalError(e);
  }
}
