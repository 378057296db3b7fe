/**
 * Configuration templates as config-management tools write them: Jinja (Ansible, Salt), ERB (Chef,
 * Puppet), EPP (Puppet), Go templates (confd, gomplate, Helm), Handlebars/Mustache, and `${VAR}`
 * (envsubst, Nix). A line is read in one of three ways:
 *
 * - a control line (`{% if debug %}`, `<% end %>`, `{{ else }}`) opens, switches or closes a branch
 *   and is no configuration itself;
 * - a line inside a branch the analysis does not follow is set aside, to be listed: where a template
 *   branches, the text is read as rendered when no condition holds (the `else` branch, or nothing
 *   for an `if` without one; never a loop body), so that two branches never merge into one config
 *   (two `listen` lines, a debug-only value made active);
 * - any other line has its template expressions (`{{ port }}`, `<%= @port %>`, `${PORT}`) replaced
 *   by placeholders, so the configuration around them parses; `restore` puts the expressions back
 *   into whatever text the analysis shows.
 *
 * Dovecot's own variables are never template syntax: `%u`, `%{user}`, `user=<%u>`,
 * `<%{session}>` (ERB needs `<%` followed by a blank, `=`, `-` or `#`, and a closing `%>`).
 * Every regex is anchored or bounded and has no nested quantifier.
 */
import type {ConfigTree, Node} from '../conf';

export type TemplateLanguage = 'Jinja' | 'ERB' | 'EPP' | 'Go template' | 'Handlebars' | 'shell' | 'template';

/** How one line reads, given the lines before it. */
export type TemplateLine =
  | {kind: 'plain'}
  | {kind: 'control'}
  | {kind: 'skipped'}
  | {kind: 'expressions'; text: string};

/** A run of lines in a branch the analysis does not follow. */
export interface SkippedBranch {
  /** The tag that opens the branch (`{% if debug %}`, `{% else %}`, `<% @list.each do |l| %>`). */
  tag: string;
  /** Line of that tag. */
  tagLine: number;
  /** The lines set aside (first and last), and how many of them are not blank. */
  firstLine: number;
  lastLine: number;
  lines: number;
  loop: boolean;
}

/** Placeholders are U+27E6 n U+27E7: one word to the config lexer, never in real configs. */
const OPEN = '\u27e6';
const CLOSE = '\u27e7';
export const PLACEHOLDER = /\u27e6(\d{1,7})\u27e7/g;
const HAS_PLACEHOLDER = /\u27e6\d{1,7}\u27e7/;

/** Whether a key, value or name holds a template expression. */
export function hasPlaceholder(text: string): boolean {
  return text.includes(OPEN) && HAS_PLACEHOLDER.test(text);
}

const ANY_MARK = /\{\{|\{%|\{#|<%[=#\s-]|\$\{/;

/** Each kind of tag: how it opens (with the character after `<%` checked apart) and closes. */
const KINDS = [
  {open: '{{', close: '}}', max: 2000},
  {open: '{%', close: '%}', max: 2000},
  {open: '{#', close: '#}', max: 2000},
  {open: '<%', close: '%>', max: 2000},
  {open: '${', close: '}', max: 500},
] as const;

/**
 * The template tags of one line, in order and not overlapping: Jinja/Go/Handlebars `{{ }}`, Jinja
 * `{% %}` and `{# #}`, ERB/EPP `<% %>` (with `=`, `-`, `#` or a blank after `<%`), `${NAME}`.
 * Linear in the line's length: each kind remembers where its next closing mark is.
 */
export function findTags(text: string): {start: number; end: number}[] {
  const out: {start: number; end: number}[] = [];
  const nextClose: number[] = KINDS.map(() => -2);
  let i = 0;
  while (i < text.length - 1) {
    const c = text.charCodeAt(i);
    // '{' '<' '$' start every tag
    if (c !== 0x7b && c !== 0x3c && c !== 0x24) {
      i++;
      continue;
    }
    let matched = false;
    for (let k = 0; k < KINDS.length; k++) {
      const kind = KINDS[k];
      if (!text.startsWith(kind.open, i)) continue;
      if (kind.open === '<%' && !/[=#\s-]/.test(text[i + 2] ?? '')) continue;
      if (nextClose[k] !== -1 && nextClose[k] < i + kind.open.length) nextClose[k] = text.indexOf(kind.close, i + kind.open.length);
      const close = nextClose[k];
      if (close < 0 || close - i > kind.max) continue;
      out.push({start: i, end: close + kind.close.length});
      i = close + kind.close.length;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  return out;
}

/** The first template mark on a line (for messages), or null. */
export function templateMark(text: string): string | null {
  const m = ANY_MARK.exec(text);
  if (!m) return null;
  return m[0].startsWith('<%') ? '<%' : m[0];
}

/** `else`, `} else {` (EPP): the branch taken when no condition holds. */
const ELSE = /^(?:\}\s{0,5})?else(?:\s{0,5}\{)?$/;

type Control = {op: 'open'; frame: 'if' | 'loop' | 'block'} | {op: 'branch'} | {op: 'close'} | {op: 'none'};

/** Inner text of a tag without its delimiters and whitespace-control dashes. */
function inner(tag: string): string {
  let s: string;
  if (tag.startsWith('{{') || tag.startsWith('{%') || tag.startsWith('<%') || tag.startsWith('{#')) s = tag.slice(2, -2);
  else s = tag.slice(2, -1);
  return s.replace(/^[-=~+]/, '').replace(/[-~+]$/, '').trim();
}

/** What a control tag does, and in which language. */
function controlOf(tag: string): {control: Control; language: TemplateLanguage} | null {
  const body = inner(tag);
  const word = /^[#/^]?[a-z]{1,12}/i.exec(body)?.[0] ?? '';
  if (tag.startsWith('{#') || (tag.startsWith('<%') && tag[2] === '#')) return {control: {op: 'none'}, language: tag.startsWith('{#') ? 'Jinja' : 'ERB'};
  if (tag.startsWith('{%')) {
    switch (word) {
      case 'if':
        return {control: {op: 'open', frame: 'if'}, language: 'Jinja'};
      case 'for':
      case 'macro':
      case 'call':
        return {control: {op: 'open', frame: 'loop'}, language: 'Jinja'};
      case 'block':
      case 'with':
      case 'filter':
      case 'raw':
      case 'autoescape':
        return {control: {op: 'open', frame: 'block'}, language: 'Jinja'};
      case 'elif':
      case 'else':
        return {control: {op: 'branch'}, language: 'Jinja'};
      default:
        return {control: word.startsWith('end') ? {op: 'close'} : {op: 'none'}, language: 'Jinja'};
    }
  }
  if (tag.startsWith('<%')) {
    if (tag[2] === '=') return null;
    // EPP (Puppet): `if $x {`, `} else {`, `} elsif $y {`, `}`, `$list.each |$x| {`
    if (/^\}\s{0,5}(?:else|elsif)\b[^\n]{0,500}\{$/.test(body)) return {control: {op: 'branch'}, language: 'EPP'};
    if (body === '}') return {control: {op: 'close'}, language: 'EPP'};
    if (/^(?:if|unless)\b[^\n]{0,500}\{$/.test(body)) return {control: {op: 'open', frame: 'if'}, language: 'EPP'};
    if (/\|[^\n|]{0,200}\|\s{0,5}\{$/.test(body)) return {control: {op: 'open', frame: 'loop'}, language: 'EPP'};
    // ERB (Ruby)
    if (word === 'if' || word === 'unless' || word === 'case') return {control: {op: 'open', frame: 'if'}, language: 'ERB'};
    if (word === 'elsif' || word === 'else' || word === 'when') return {control: {op: 'branch'}, language: 'ERB'};
    if (word === 'end') return {control: {op: 'close'}, language: 'ERB'};
    if (/\bdo(?:\s{1,5}\|[^\n|]{0,200}\|)?$/.test(body) || word === 'while' || word === 'until' || word === 'for') {
      return {control: {op: 'open', frame: 'loop'}, language: 'ERB'};
    }
    return {control: {op: 'none'}, language: 'ERB'};
  }
  if (tag.startsWith('{{')) {
    if (body.startsWith('#') || body.startsWith('^')) {
      const frame = word === '#each' ? 'loop' : word === '#with' ? 'block' : 'if';
      return {control: {op: 'open', frame}, language: 'Handlebars'};
    }
    if (body.startsWith('/')) return {control: {op: 'close'}, language: 'Handlebars'};
    if (body === 'else' || body.startsWith('else ')) return {control: {op: 'branch'}, language: body === 'else' ? 'template' : 'Go template'};
    switch (word) {
      case 'if':
      case 'with':
        return {control: {op: 'open', frame: 'if'}, language: 'Go template'};
      case 'range':
      case 'define':
        return {control: {op: 'open', frame: 'loop'}, language: 'Go template'};
      case 'block':
        return {control: {op: 'open', frame: 'block'}, language: 'Go template'};
      case 'end':
        return {control: {op: 'close'}, language: 'Go template'};
      default:
        return null;
    }
  }
  return null;
}

interface Frame {
  frame: 'if' | 'loop' | 'block';
  /** The branch being read is the one followed. */
  followed: boolean;
  tag: string;
  tagLine: number;
}

/**
 * Reads a text line by line (call `line` in order) and keeps the branches apart. `expressions`
 * maps each placeholder number to the template text it stands for.
 */
export class TemplateReader {
  readonly expressions: string[] = [];
  readonly skipped: SkippedBranch[] = [];
  /** Languages seen, in order. */
  readonly languages: TemplateLanguage[] = [];
  private readonly stack: Frame[] = [];
  private open: SkippedBranch | null = null;
  /** Frames that are not followed (so a line is skipped while it is above 0). */
  private unfollowed = 0;

  /** Whether `line` must see this line: it has a template mark, or a branch is being set aside. */
  needs(raw: string): boolean {
    return this.unfollowed > 0 || ANY_MARK.test(raw);
  }

  /** Whether any template syntax was seen. */
  get seen(): boolean {
    return this.languages.length > 0 || this.expressions.length > 0;
  }

  private note(language: TemplateLanguage): void {
    if (!this.languages.includes(language)) this.languages.push(language);
  }

  /** Starts listing the lines of a branch that is not followed. */
  private beginSkip(tag: string, tagLine: number, loop: boolean): void {
    this.endSkip();
    this.open = {tag, tagLine, firstLine: tagLine + 1, lastLine: tagLine, lines: 0, loop};
  }

  private endSkip(): void {
    if (this.open && this.open.lines > 0) this.skipped.push(this.open);
    this.open = null;
  }

  /** Reads line `n` (its text as pasted, CRs and log escapes removed). */
  line(n: number, text: string): TemplateLine {
    const trimmed = text.trim();
    const marked = trimmed !== '' && ANY_MARK.test(trimmed);
    const tags = marked ? findTags(trimmed) : [];
    if (tags.length === 1 && tags[0].start === 0 && tags[0].end === trimmed.length) {
      const c = controlOf(trimmed);
      if (c) {
        this.note(c.language);
        this.control(n, trimmed, c.control);
        return {kind: 'control'};
      }
    }
    if (this.unfollowed > 0) {
      if (this.open && trimmed !== '') {
        this.open.lastLine = n;
        this.open.lines++;
      }
      return {kind: 'skipped'};
    }
    if (!marked) return {kind: 'plain'};
    const inLine = findTags(text);
    if (inLine.length === 0) return {kind: 'plain'};
    let out = '';
    let at = 0;
    for (const t of inLine) {
      const tag = text.slice(t.start, t.end);
      if (tag.startsWith('${')) this.note('shell');
      else if (tag.startsWith('<%')) this.note(/[{}]\s{0,3}-?%>$/.test(tag) ? 'EPP' : 'ERB');
      else if (tag.startsWith('{%') || tag.startsWith('{#')) this.note('Jinja');
      else this.note('template');
      this.expressions.push(tag);
      out += `${text.slice(at, t.start)}${OPEN}${this.expressions.length - 1}${CLOSE}`;
      at = t.end;
    }
    return {kind: 'expressions', text: out + text.slice(at)};
  }

  private control(n: number, tag: string, c: Control): void {
    if (c.op === 'none') return;
    if (c.op === 'open') {
      const followed = c.frame === 'block';
      this.stack.push({frame: c.frame, followed, tag, tagLine: n});
      if (!followed && ++this.unfollowed === 1) this.beginSkip(tag, n, c.frame === 'loop');
      return;
    }
    const top = this.stack[this.stack.length - 1];
    if (!top) return; // a fragment that starts inside a branch: nothing to close
    if (c.op === 'close') {
      this.stack.pop();
      if (!top.followed && --this.unfollowed === 0) this.endSkip();
      return;
    }
    if (top.frame !== 'if') return; // `{% else %}` of a loop: its body is still not followed
    // the last branch of a chain (`else`) is followed; `elif` / `else if` / `when` are not
    const followed = ELSE.test(inner(tag));
    const below = this.unfollowed - (top.followed ? 0 : 1);
    this.unfollowed = below + (followed ? 0 : 1);
    top.followed = followed;
    // inside a branch that is not followed anyway, the lines stay in that branch's list
    if (below > 0) return;
    if (followed) this.endSkip();
    else this.beginSkip(tag, n, false);
  }

  /** Ends the text: branches still open are listed up to the last line. */
  finish(): void {
    this.endSkip();
  }

  /** `text` with every placeholder turned back into its template expression. */
  restore(text: string): string {
    if (!text.includes(OPEN)) return text;
    return text.replace(PLACEHOLDER, (m, n: string) => this.expressions[Number(n)] ?? m);
  }
}

/** A node that holds a template expression in its key, value, type or name. */
function templated(n: Node): boolean {
  if (n.kind === 'setting') return hasPlaceholder(n.key) || hasPlaceholder(n.value);
  if (n.kind === 'section') return hasPlaceholder(n.type) || (n.name !== undefined && hasPlaceholder(n.name));
  return n.kind === 'include' && hasPlaceholder(n.path);
}

/**
 * The tree without the settings and sections whose text the template fills in (doveconf's checks
 * cannot judge them); the tree itself when it has none. The checks read three levels (globals,
 * service blocks, listeners), so deeper levels are kept as they are: nesting depth is unbounded.
 */
export function withoutTemplates(tree: ConfigTree): ConfigTree {
  const strip = (children: Node[], depth: number): Node[] => {
    let out: Node[] | null = null;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      let keep: Node | null = c;
      if (templated(c)) keep = null;
      else if (c.kind === 'section' && c.children.length > 0 && depth < 3) {
        const inner = strip(c.children, depth + 1);
        if (inner !== c.children) keep = {...c, children: inner};
      }
      if (keep !== c && out === null) out = children.slice(0, i);
      if (out !== null && keep !== null) out.push(keep);
    }
    return out ?? children;
  };
  const children = strip(tree.children, 1);
  return children === tree.children ? tree : {children};
}

/**
 * Every string in a plain-data value (objects, arrays) with placeholders restored, in place where
 * it is a fresh object; returns the value. Used once on the explainer's result when the text was a
 * template.
 */
export function restoreDeep<T>(value: T, reader: TemplateReader): T {
  if (typeof value === 'string') return reader.restore(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreDeep(value[i], reader);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = restoreDeep(o[k], reader);
  }
  return value;
}
