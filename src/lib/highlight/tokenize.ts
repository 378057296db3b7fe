/**
 * A tokenizer for grammars in Prism's format, with Prism's matching rules, so code blocks look
 * exactly as Prism would colour them while the browser ships a few hundred lines instead of
 * Prism and the dozens of languages bundled with it (tokenize.test.ts compares the two).
 *
 * The rules: token names are tried in the grammar's order; each pattern runs over the text not
 * yet claimed by an earlier token. A `lookbehind` pattern's first group is context, not part of
 * the token. A `greedy` pattern is matched against the whole text, so a string may swallow a
 * comment sign found inside it; the tokens it displaces are then matched again. `inside` is the
 * grammar for the token's own text.
 */

export interface TokenRule {
  pattern: RegExp;
  lookbehind?: boolean;
  greedy?: boolean;
  alias?: string;
  inside?: Grammar;
}
export type Grammar = Record<string, RegExp | TokenRule>;

export type Stream = (string | Token)[];

export class Token {
  constructor(
    readonly type: string,
    readonly content: string | Stream,
    readonly alias: string | undefined,
    /** Length of the source text the token covers. */
    readonly length: number,
  ) {}
}

type Piece = string | Token;
interface Node {
  value: Piece;
  prev: Node;
  next: Node;
}

/** The text as a doubly linked chain of pieces, between two sentinels. */
class Chain {
  readonly head: Node;
  readonly tail: Node;
  size = 0;

  constructor() {
    // The sentinels' outer links point at themselves; nothing walks past them.
    this.head = {value: ''} as Node;
    this.tail = {value: '', prev: this.head, next: this.head} as Node;
    this.head.prev = this.tail;
    this.head.next = this.tail;
  }

  insertAfter(node: Node, value: Piece): Node {
    const added: Node = {value, prev: node, next: node.next};
    node.next.prev = added;
    node.next = added;
    this.size++;
    return added;
  }

  removeAfter(node: Node, count: number): void {
    let next = node.next;
    let removed = 0;
    for (; removed < count && next !== this.tail; removed++) next = next.next;
    node.next = next;
    next.prev = node;
    this.size -= removed;
  }

  toArray(): Stream {
    const out: Stream = [];
    for (let n = this.head.next; n !== this.tail; n = n.next) out.push(n.value);
    return out;
  }
}

/** Greedy patterns search from a position in the whole text, which needs the `g` flag. */
const globalCopies = new WeakMap<RegExp, RegExp>();
function globalPattern(re: RegExp): RegExp {
  if (re.global) return re;
  let copy = globalCopies.get(re);
  if (!copy) {
    copy = new RegExp(re.source, `${re.flags}g`);
    globalCopies.set(re, copy);
  }
  return copy;
}

function find(re: RegExp, from: number, text: string, lookbehind: boolean): RegExpExecArray | null {
  re.lastIndex = from;
  const match = re.exec(text);
  if (match && lookbehind && match[1]) {
    const context = match[1].length;
    match.index += context;
    match[0] = match[0].slice(context);
  }
  return match;
}

/** Set while re-matching after a greedy token: stop at the token that caused it, or past `reach`. */
interface Rematch {
  cause: string;
  reach: number;
}

function matchGrammar(text: string, chain: Chain, grammar: Grammar, start: Node, startPos: number, rematch?: Rematch): void {
  for (const [type, spec] of Object.entries(grammar)) {
    if (rematch?.cause === type) return;
    const rule: TokenRule = spec instanceof RegExp ? {pattern: spec} : spec;
    const lookbehind = Boolean(rule.lookbehind);
    const greedy = Boolean(rule.greedy);
    const pattern = greedy ? globalPattern(rule.pattern) : rule.pattern;

    for (let node = start.next, pos = startPos; node !== chain.tail; pos += node.value.length, node = node.next) {
      if (rematch && pos >= rematch.reach) break;
      // A safety net Prism has too: more pieces than characters means something went wrong.
      if (chain.size > text.length) return;
      if (node.value instanceof Token) continue;

      let str = node.value;
      let removeCount = 1;
      let match: RegExpExecArray | null;
      if (greedy) {
        match = find(pattern, pos, text, lookbehind);
        if (!match || match.index >= text.length) break;
        const from = match.index;
        const to = from + match[0].length;
        // Walk to the piece where the match starts.
        let p = pos + node.value.length;
        while (from >= p) {
          node = node.next;
          p += node.value.length;
        }
        p -= node.value.length;
        pos = p;
        if (node.value instanceof Token) continue;
        // The match replaces every piece it overlaps, and the plain text that follows them.
        for (let k = node; k !== chain.tail && (p < to || typeof k.value === 'string'); k = k.next) {
          removeCount++;
          p += k.value.length;
        }
        removeCount--;
        str = text.slice(pos, p);
        match.index -= pos;
      } else {
        match = find(pattern, 0, str, lookbehind);
        if (!match) continue;
      }

      const matched = match[0];
      const before = str.slice(0, match.index);
      const after = str.slice(match.index + matched.length);
      const reach = pos + str.length;
      if (rematch && reach > rematch.reach) rematch.reach = reach;

      let anchor = node.prev;
      if (before) {
        anchor = chain.insertAfter(anchor, before);
        pos += before.length;
      }
      chain.removeAfter(anchor, removeCount);
      const content = rule.inside ? tokenize(matched, rule.inside) : matched;
      node = chain.insertAfter(anchor, new Token(type, content, rule.alias, matched.length));
      if (after) chain.insertAfter(node, after);

      if (removeCount > 1) {
        // Pieces that were tokens before the greedy match took them are plain text again.
        const nested: Rematch = {cause: type, reach};
        matchGrammar(text, chain, grammar, node.prev, pos, nested);
        if (rematch && nested.reach > rematch.reach) rematch.reach = nested.reach;
      }
    }
  }
}

/** The text as plain strings and tokens, in order; joining their texts gives the input back. */
export function tokenize(text: string, grammar: Grammar): Stream {
  const chain = new Chain();
  chain.insertAfter(chain.head, text);
  matchGrammar(text, chain, grammar, chain.head, 0);
  return chain.toArray();
}
