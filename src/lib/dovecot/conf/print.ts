// Printer: ConfigTree -> Dovecot configuration text, in doveconf's layout
// (two-space indent, `key = value`, `key = ` for empty values).
//
// Quoting is decided per line: the printer builds the plainest candidate,
// re-lexes it with the parser's own line lexer and keeps it only if it reads
// back as the same node; otherwise it falls back to quoting. So for every tree
// the parser produces, parse(print(tree)) equals the tree (modulo positions).
// Lines made only of characters that never need quotes (BARE_WORD, BARE_VALUE)
// are known to read back and skip the re-lex: most lines of a large config.

import type {IncludeNode, Node, PrintOptions, SectionNode, SettingNode} from './ast';
import {isWhite, lexSingleLine, quoteString, type Statement} from './lex';

/**
 * Indentation stops growing at this depth. The parser ignores indentation, so
 * this changes nothing semantically, but keeps output linear in size for
 * pathologically deep input.
 */
export const MAX_INDENT_DEPTH = 32;

/** The parser strips CRs at line ends, so a comment must not end with one. */
function trimCarriageReturns(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\r') end--;
  return text.slice(0, end);
}

function commentSuffix(comment: string | undefined): string {
  // A newline would end the line early; the parser never produces one.
  return comment === undefined ? '' : `#${comment.replace(/\n/g, ' ')}`;
}

/** Words that can be tried unquoted (the re-lex check decides the rest). */
function maybePlain(word: string): boolean {
  if (word === '' || word[0] === '"' || word[0] === '#') return false;
  for (const ch of word) if (isWhite(ch) || ch === '=' || ch === '\n') return false;
  return true;
}

function joinLine(body: string, comment: string | undefined): string {
  const suffix = commentSuffix(comment);
  if (suffix === '') return body;
  return body.endsWith(' ') ? body + suffix : `${body} ${suffix}`;
}

/** 2: reads back exactly; 1: same meaning, only the quoting flag differs; 0: different. */
type Match = 0 | 1 | 2;

/**
 * Returns the first candidate line that reads back exactly, else the first
 * that keeps the meaning (a value that cannot stay bare gets quotes), else the
 * last candidate. Candidates are ordered plainest first.
 */
function pickLine(
  candidates: string[],
  comment: string | undefined,
  match: (st: Statement) => Match,
): string {
  let fallback: string | undefined;
  for (const line of candidates) {
    const lex = lexSingleLine(line);
    if (lex.kind !== 'statement' || lex.comment !== comment) continue;
    const m = match(lex.statement);
    if (m === 2) return line;
    if (m === 1 && fallback === undefined) fallback = line;
  }
  return fallback ?? candidates[candidates.length - 1];
}

/**
 * Words that never need quotes: printable ASCII but space, quotes, '#', backslash, '=' and braces.
 * Text made of these lexes back as written, which lets the common line skip the re-lex check
 * below (the result is the same line pickLine would choose). Regexes: they scan the ~1 MB of a
 * large config natively.
 */
const BARE_WORD = /^[!$-&(-<>-[\]-z|~]+$/;

/**
 * Values that read back unquoted as themselves: as BARE_WORD, but spaces (not at either end), '='
 * and braces are fine (the value is the rest of the line), and no `<file` start.
 */
const BARE_VALUE = /^(?:[!$-&(-;=-[\]-~](?:[ !$-&(-[\]-~]*[!$-&(-[\]-~])?)?$/;

/** A key, section type or section name that reads back unquoted as the same word. */
function isBareWord(word: string): boolean {
  return word !== '!include' && word !== '!include_try' && BARE_WORD.test(word);
}

/** A value that reads back unquoted as itself: no blank ends, not a `<file`, no quotes or '#'. */
function isBareValue(value: string): boolean {
  return BARE_VALUE.test(value);
}

/** A trailing comment the lexer gives back unchanged (no newline, no CR at its end). */
function isBareComment(comment: string | undefined): boolean {
  return comment === undefined || (!comment.includes('\n') && !comment.endsWith('\r'));
}

function printSetting(node: SettingNode): string {
  if (!node.file && node.quote === undefined && isBareWord(node.key) && isBareValue(node.value) && isBareComment(node.comment)) {
    // joinLine()'s result, knowing the line ends in a blank only when the value is empty
    if (node.comment === undefined) return `${node.key} = ${node.value}`;
    return node.value === '' ? `${node.key} = #${node.comment}` : `${node.key} = ${node.value} #${node.comment}`;
  }
  const keys = maybePlain(node.key) ? [node.key, quoteString(node.key, '"')] : [quoteString(node.key, '"')];
  let values: string[];
  if (node.file) values = [`<${node.value}`];
  else if (node.quote !== undefined) values = [quoteString(node.value, node.quote)];
  else values = [node.value, quoteString(node.value, '"')];
  // `key = ` keeps a trailing blank for empty values, exactly like doveconf.
  const candidates = keys.flatMap((k) => values.map((v) => joinLine(`${k} = ${v}`, node.comment)));
  return pickLine(candidates, node.comment, (st) => {
    if (st.type !== 'setting' || st.key !== node.key || st.value !== node.value) return 0;
    if (!!st.file !== !!node.file) return 0;
    return st.quote === node.quote ? 2 : 1;
  });
}

function printSectionHeader(node: SectionNode): string {
  const bareName = node.name === undefined || (!node.nameQuoted && isBareWord(node.name));
  if (node.group === undefined && node.type !== 'group' && isBareWord(node.type) && bareName && isBareComment(node.comment)) {
    const header = node.name === undefined ? `${node.type} {` : `${node.type} ${node.name} {`;
    return node.comment === undefined ? header : `${header} #${node.comment}`;
  }
  let names: string[];
  if (node.group !== undefined) names = [` ${node.group} ${node.name ?? ''}`];
  else if (node.name === undefined) names = [''];
  else if (node.nameQuoted) names = [` ${quoteString(node.name, '"')}`];
  else names = [` ${node.name}`, ` ${quoteString(node.name, '"')}`];
  const candidates = names.map((name) => joinLine(`${node.type}${name} {`, node.comment));
  return pickLine(candidates, node.comment, (st) => {
    if (st.type !== 'sectionStart' || st.sectionType !== node.type) return 0;
    if (st.name !== node.name || st.group !== node.group) return 0;
    return !!st.nameQuoted === !!node.nameQuoted ? 2 : 1;
  });
}

function printInclude(node: IncludeNode): string {
  const keyword = node.optional ? '!include_try' : '!include';
  const paths =
    node.quote !== undefined
      ? [quoteString(node.path, node.quote)]
      : [node.path, quoteString(node.path, '"')];
  const candidates = paths.map((p) => joinLine(`${keyword} ${p}`, node.comment));
  return pickLine(candidates, node.comment, (st) => {
    if (st.type !== 'include' || st.path !== node.path || st.optional !== node.optional) return 0;
    return st.quote === node.quote ? 2 : 1;
  });
}

/** Lines joined per chunk, as printed. */
const CHUNK_LINES = 1024;

/**
 * Printed lines, joined with newlines a chunk at a time: the pieces of a large config's lines then
 * die young instead of all living (and being copied by the garbage collector) until one last join.
 */
class Lines {
  private lines: string[] = [];
  private readonly chunks: string[] = [];

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length === CHUNK_LINES) {
      this.chunks.push(this.lines.join('\n'));
      this.lines = [];
    }
  }

  /** Every line followed by a newline; '' for none. */
  text(): string {
    const chunks = this.lines.length > 0 ? [...this.chunks, this.lines.join('\n')] : this.chunks;
    return chunks.length === 0 ? '' : `${chunks.join('\n')}\n`;
  }
}

interface Frame {
  nodes: readonly Node[];
  next: number;
  depth: number;
  section?: SectionNode;
}

/** Prints a tree. Never throws; an unusable argument prints as ''. */
export function printConfig(tree: {children: readonly Node[]}, opts?: PrintOptions): string {
  try {
    const unit = typeof opts?.indent === 'string' ? opts.indent : '  ';
    const indents: string[] = [''];
    for (let d = 1; d <= MAX_INDENT_DEPTH; d++) indents.push(indents[d - 1] + unit);
    const indent = (depth: number) => indents[Math.min(depth, MAX_INDENT_DEPTH)];

    const out = new Lines();
    // An explicit stack: nesting depth is unbounded and must not hit the call stack.
    const stack: Frame[] = [{nodes: tree.children, next: 0, depth: 0}];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next >= frame.nodes.length) {
        stack.pop();
        if (frame.section) out.push(indent(frame.depth - 1) + joinLine('}', frame.section.endComment));
        continue;
      }
      const node = frame.nodes[frame.next++];
      const pad = indent(frame.depth);
      switch (node.kind) {
        case 'blank':
          out.push('');
          break;
        case 'comment':
          for (const part of node.text.split('\n')) out.push(`${pad}#${trimCarriageReturns(part)}`);
          break;
        case 'setting':
          out.push(pad + printSetting(node));
          break;
        case 'include':
          out.push(pad + printInclude(node));
          break;
        case 'section':
          out.push(pad + printSectionHeader(node));
          stack.push({nodes: node.children, next: 0, depth: frame.depth + 1, section: node});
          break;
      }
    }
    return out.text();
  } catch {
    return '';
  }
}
