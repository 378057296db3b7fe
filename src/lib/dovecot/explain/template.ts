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
  /** The configuration of a line with its control tags taken out (`listen = *{% endif %}`). */
  | {kind: 'text'; text: string}
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
  /** Every line the branch stands for: its tags and its lines. */
  lineNumbers: number[];
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
  /** The last branch of this frame that was set aside (its closing tag is listed with it). */
  lastSkip: SkippedBranch | null;
}

/** A tag that opens at the start of a line and closes on a later one (`{% if a and\n b %}`). */
interface PendingTag {
  text: string;
  lines: number[];
}

/** Most lines one tag may span. */
const MAX_TAG_LINES = 12;

/**
 * Reads a text line by line (call `line` in order) and keeps the branches apart. `expressions`
 * maps each placeholder number to the template text it stands for.
 */
export class TemplateReader {
  readonly expressions: string[] = [];
  readonly skipped: SkippedBranch[] = [];
  /** Tag lines that are the template's own structure and belong to no branch set aside. */
  readonly structure: number[] = [];
  /** Tags that insert text of their own (`{% include %}`, an expression over several lines). */
  readonly inserts: {line: number; text: string}[] = [];
  /** Languages seen, in order. */
  readonly languages: TemplateLanguage[] = [];
  private readonly stack: Frame[] = [];
  private open: SkippedBranch | null = null;
  private pending: PendingTag | null = null;
  /** Frames that are not followed (so a line is skipped while it is above 0). */
  private unfollowed = 0;
  /** The last line counted into a branch set aside. */
  private lastSkipped = -1;

  /** Whether `line` must see this line: it has a template mark, or a branch or tag is open. */
  needs(raw: string): boolean {
    return this.unfollowed > 0 || this.pending !== null || ANY_MARK.test(raw);
  }

  /** Whether any template syntax was seen. */
  get seen(): boolean {
    return this.languages.length > 0 || this.expressions.length > 0;
  }

  private note(language: TemplateLanguage): void {
    if (!this.languages.includes(language)) this.languages.push(language);
  }

  /** Starts listing the lines of a branch that is not followed, from its tag's lines. */
  private beginSkip(tag: string, lines: number[], loop: boolean): SkippedBranch {
    this.endSkip();
    const last = lines[lines.length - 1];
    this.open = {tag, tagLine: lines[0], firstLine: last + 1, lastLine: last, lines: 0, loop, lineNumbers: [...lines]};
    return this.open;
  }

  /** Ends the branch being listed (one with no line of its own is only structure). */
  private endSkip(): void {
    const b = this.open;
    this.open = null;
    if (!b) return;
    if (b.lines > 0) this.skipped.push(b);
    else this.structure.push(...b.lineNumbers);
  }

  /** Lists tag lines with the branch they end, if it was set aside, else as structure. */
  private attribute(lines: number[], branch: SkippedBranch | null): void {
    if (branch && this.skipped.includes(branch)) branch.lineNumbers.push(...lines);
    else this.structure.push(...lines);
  }

  /** Reads line `n` (its text as pasted, CRs and log escapes removed). */
  line(n: number, text: string): TemplateLine {
    const trimmed = text.trim();
    if (this.pending) return this.continueTag(n, trimmed);
    const marked = trimmed !== '' && ANY_MARK.test(trimmed);
    const tags = marked ? findTags(trimmed) : [];
    if (tags.length === 1 && tags[0].start === 0 && tags[0].end === trimmed.length) {
      const c = controlOf(trimmed);
      if (c) {
        this.note(c.language);
        this.control([n], trimmed, c.control);
        return {kind: 'control'};
      }
    }
    // a tag that starts the line and does not close on it
    if (marked && (tags.length === 0 || tags[0].start > 0) && /^(?:\{%|\{\{|<%[=#\s-])/.test(trimmed)) {
      this.pending = {text: trimmed, lines: [n]};
      return {kind: 'control'};
    }
    if (marked) {
      const inLine = findTags(text);
      const controls = inLine.map((t) => controlOf(text.slice(t.start, t.end)));
      if (controls.some((c) => c !== null)) return this.mixed(n, text, inLine, controls);
    }
    if (this.unfollowed > 0) {
      if (trimmed !== '') this.skip(n);
      return {kind: 'skipped'};
    }
    if (!marked) return {kind: 'plain'};
    const inLine = findTags(text);
    if (inLine.length === 0) return {kind: 'plain'};
    let out = '';
    let at = 0;
    for (const t of inLine) {
      out += `${text.slice(at, t.start)}${this.placeholder(text.slice(t.start, t.end))}`;
      at = t.end;
    }
    return {kind: 'expressions', text: out + text.slice(at)};
  }

  /** Line `n` is one of the branch being set aside. */
  private skip(n: number): void {
    const b = this.open;
    if (!b || this.lastSkipped === n) return;
    this.lastSkipped = n;
    b.lastLine = n;
    b.lines++;
    if (b.lineNumbers[b.lineNumbers.length - 1] !== n) b.lineNumbers.push(n);
  }

  /** An expression's placeholder (the language noted). */
  private placeholder(tag: string): string {
    if (tag.startsWith('${')) this.note('shell');
    else if (tag.startsWith('<%')) this.note(/[{}]\s{0,3}-?%>$/.test(tag) ? 'EPP' : 'ERB');
    else if (tag.startsWith('{%') || tag.startsWith('{#')) this.note('Jinja');
    else this.note('template');
    this.expressions.push(tag);
    return `${OPEN}${this.expressions.length - 1}${CLOSE}`;
  }

  /**
   * A line with control tags among other text (`{% for d in ds %}{% if d %}`, `}{% endif %}`):
   * each piece in order, text kept or set aside by the branch it is in, tags applied.
   */
  private mixed(n: number, text: string, tags: {start: number; end: number}[], controls: ReturnType<typeof controlOf>[]): TemplateLine {
    let kept = '';
    let keptText = false;
    let placeholders = false;
    let skipped = false;
    const piece = (t: string) => {
      if (t.trim() === '') return;
      if (this.unfollowed > 0) {
        skipped = true;
        this.skip(n);
      } else {
        kept += t;
        keptText = true;
      }
    };
    let at = 0;
    tags.forEach((t, i) => {
      piece(text.slice(at, t.start));
      const tag = text.slice(t.start, t.end);
      const c = controls[i];
      if (c) {
        this.note(c.language);
        this.control([n], tag, c.control);
      } else if (this.unfollowed > 0) {
        skipped = true;
        this.skip(n);
      } else {
        kept += this.placeholder(tag);
        keptText = true;
        placeholders = true;
      }
      at = t.end;
    });
    piece(text.slice(at));
    if (keptText) return placeholders ? {kind: 'expressions', text: kept} : {kind: 'text', text: kept};
    return {kind: skipped ? 'skipped' : 'control'};
  }

  /** The next line of a tag spread over several lines. */
  private continueTag(n: number, trimmed: string): TemplateLine {
    const p = this.pending!;
    p.text = `${p.text} ${trimmed}`;
    p.lines.push(n);
    const tags = findTags(p.text);
    const whole = tags.length === 1 && tags[0].start === 0 && tags[0].end === p.text.length;
    if (!whole && p.lines.length < MAX_TAG_LINES && tags.length === 0) return {kind: 'control'};
    this.pending = null;
    const c = whole ? controlOf(p.text) : null;
    if (c) {
      this.note(c.language);
      this.control(p.lines, p.text, c.control);
    } else if (this.unfollowed > 0 && this.open) this.open.lineNumbers.push(...p.lines);
    else this.inserts.push({line: p.lines[0], text: p.text.slice(0, 300)});
    return {kind: 'control'};
  }

  private control(lines: number[], tag: string, c: Control): void {
    const top = this.stack[this.stack.length - 1];
    // tags inside a branch set aside are part of it
    const inside = () => {
      if (this.open) this.open.lineNumbers.push(...lines);
    };
    if (c.op === 'none') {
      if (/^\{%-?\s{0,5}(?:include|import|from)\b/.test(tag)) {
        if (this.unfollowed > 0) inside();
        else this.inserts.push({line: lines[0], text: tag.slice(0, 300)});
      } else if (this.unfollowed > 0) inside();
      else this.structure.push(...lines);
      return;
    }
    if (c.op === 'open') {
      const followed = c.frame === 'block';
      const frame: Frame = {frame: c.frame, followed, lastSkip: null};
      this.stack.push(frame);
      if (followed) {
        if (this.unfollowed > 0) inside();
        else this.structure.push(...lines);
      } else if (++this.unfollowed === 1) frame.lastSkip = this.beginSkip(tag, lines, c.frame === 'loop');
      else inside();
      return;
    }
    if (!top) {
      // a fragment that starts inside a branch: nothing to close
      this.structure.push(...lines);
      return;
    }
    if (c.op === 'close') {
      this.stack.pop();
      if (this.unfollowed > (top.followed ? 0 : 1)) inside();
      else if (!top.followed) inside();
      else this.attribute(lines, top.lastSkip);
      if (!top.followed && --this.unfollowed === 0) this.endSkip();
      return;
    }
    if (top.frame !== 'if') {
      inside(); // `{% else %}` of a loop: its body is still not followed
      return;
    }
    // the last branch of a chain (`else`) is followed; `elif` / `else if` / `when` are not
    const followed = ELSE.test(inner(tag));
    const below = this.unfollowed - (top.followed ? 0 : 1);
    // inside a branch that is not followed anyway, the lines stay in that branch's list
    if (below > 0) {
      inside();
      this.unfollowed = below + (followed ? 0 : 1);
      top.followed = followed;
      return;
    }
    if (top.followed) this.attribute(lines, top.lastSkip);
    else if (followed) inside(); // `else` ends the branch set aside; an `elif` opens the next one
    this.unfollowed = below + (followed ? 0 : 1);
    top.followed = followed;
    if (followed) this.endSkip();
    else top.lastSkip = this.beginSkip(tag, lines, false);
  }

  /** Ends the text: branches still open are listed up to the last line; line lists sorted, once each. */
  finish(): void {
    if (this.pending) {
      this.inserts.push({line: this.pending.lines[0], text: this.pending.text.slice(0, 300)});
      this.pending = null;
    }
    this.endSkip();
    const tidy = (lines: number[]) => [...new Set(lines)].sort((a, b) => a - b);
    for (const b of this.skipped) b.lineNumbers = tidy(b.lineNumbers);
    this.structure.splice(0, this.structure.length, ...tidy(this.structure));
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
