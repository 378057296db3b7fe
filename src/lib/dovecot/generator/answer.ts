/**
 * "Copy as answer": the generator's output as plain text for an email or a forum post — the
 * config without comments, one line per value saying why (its short formula), the warnings, and the permalink —
 * wrapped at 72 columns. A URL is never broken: mail clients and forums only link a URL that
 * stays on one line, so every URL gets a line of its own, whole, even when it is longer than 72.
 */
import {printConfig, type ConfigTree, type Node} from '../conf';
import {wrapWords} from './format';
import type {GeneratorOutput} from './types';

export const ANSWER_WIDTH = 72;

function withoutComments(tree: ConfigTree): ConfigTree {
  const strip = (nodes: readonly Node[]): Node[] =>
    nodes
      .filter((n) => n.kind !== 'comment')
      .map((n) => {
        if (n.kind === 'setting') {
          const {comment: _c, ...rest} = n;
          return rest;
        }
        if (n.kind === 'section') {
          const {comment: _c, endComment: _e, ...rest} = n;
          return {...rest, children: strip(n.children)};
        }
        return n;
      });
  const children = strip(tree.children);
  while (children[0]?.kind === 'blank') children.shift();
  return {children};
}

const URL_RE = /^<?[a-z][a-z0-9+.-]*:\/\/\S+$/i;

/** Whether `word` is a URL (possibly in angle brackets): it is never broken. */
export function isUrl(word: string): boolean {
  return URL_RE.test(word);
}

/** Word wrap within `width`, with every URL on a line of its own. */
function wrapAround(text: string, width: number): string[] {
  const out: string[] = [];
  let words: string[] = [];
  const flush = () => {
    if (words.length > 0) out.push(...wrapWords(words.join(' '), width));
    words = [];
  };
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (isUrl(w)) {
      flush();
      out.push(w);
    } else words.push(w);
  }
  flush();
  return out;
}

/** `first` then continuation lines indented by `indent`, all within ANSWER_WIDTH (URLs whole). */
function hanging(first: string, text: string, indent: string): string[] {
  const lines = wrapAround(`${first}${text}`, ANSWER_WIDTH);
  if (lines.length <= 1) return lines;
  const rest = lines.slice(1).join(' ');
  return [lines[0], ...wrapAround(rest, ANSWER_WIDTH - indent.length).map((l) => (isUrl(l) ? l : indent + l))];
}

/** Hard-breaks a line longer than the width (only ever a long value); a URL stays whole. */
function breakLong(line: string): string[] {
  if (line.length <= ANSWER_WIDTH || isUrl(line)) return [line];
  const out: string[] = [];
  for (let i = 0; i < line.length; i += ANSWER_WIDTH) out.push(line.slice(i, i + ANSWER_WIDTH));
  return out;
}

/** The label, then the link alone on the next line (whole, whatever its length). */
function permalinkLines(permalink: string): string[] {
  return ['Generator state:', permalink.trim()];
}

/**
 * The answer text. `permalink` is what the UI passes (the page URL with the state, or a
 * placeholder). Every line is at most ANSWER_WIDTH characters, except a line that is one URL.
 */
export function copyAsAnswer(out: GeneratorOutput, permalink: string): string {
  const v = out.input.version;
  const lines: string[] = [];
  const target = v === '2.4' ? `Dovecot 2.4 (dovecot_config_version = ${out.input.configVersion})` : 'Dovecot 2.3';
  const where = out.input.output === 'file' ? 'as a whole dovecot.conf' : 'in conf.d/10-master.conf';
  lines.push(...wrapAround(`For ${target}, ${where}:`, ANSWER_WIDTH));
  lines.push('');
  const config = printConfig(withoutComments(out.tree)).replace(/\n$/, '');
  if (config === '') lines.push('(nothing to change: the built-in defaults fit)');
  else for (const l of config.split('\n')) lines.push(...breakLong(l));
  if (out.explanations.length > 0) {
    lines.push('', 'Why:');
    for (const e of out.explanations) lines.push(...hanging(`- ${e.path} = ${e.value}: `, e.short, '  '));
  }
  const notes = out.warnings.filter((w) => w.severity !== 'info');
  if (notes.length > 0) {
    lines.push('', 'Watch out:');
    for (const w of notes) lines.push(...hanging('- ', w.message, '  '));
  }
  lines.push('', 'systemd drop-in (the master checks ulimit -n against client_limit):');
  for (const l of out.systemd.replace(/\n$/, '').split('\n')) if (!l.startsWith('#')) lines.push(...breakLong(l));
  lines.push('', ...permalinkLines(permalink));
  return `${lines.flatMap((l) => breakLong(l)).join('\n')}\n`;
}
