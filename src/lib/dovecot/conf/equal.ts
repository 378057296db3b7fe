// Tree comparison that ignores source positions, for round-trip checks.
// Both helpers are iterative so arbitrarily deep trees cannot overflow the stack.

import type {ConfigTree, IncludeNode, Node, Pos, SectionNode, SettingNode} from './ast';

const NO_POS: Pos = {line: 0, column: 0};

function sameNode(a: Node, b: Node): boolean {
  switch (a.kind) {
    case 'blank':
      return b.kind === 'blank';
    case 'comment':
      return b.kind === 'comment' && a.text === b.text;
    case 'setting':
      return (
        b.kind === 'setting' &&
        a.key === b.key &&
        a.value === b.value &&
        a.quote === b.quote &&
        !!a.file === !!b.file &&
        a.comment === b.comment
      );
    case 'include':
      return (
        b.kind === 'include' &&
        a.path === b.path &&
        a.optional === b.optional &&
        a.quote === b.quote &&
        a.comment === b.comment
      );
    case 'section':
      return (
        b.kind === 'section' &&
        a.type === b.type &&
        a.name === b.name &&
        !!a.nameQuoted === !!b.nameQuoted &&
        a.group === b.group &&
        a.comment === b.comment &&
        a.endComment === b.endComment &&
        a.children.length === b.children.length
      );
  }
}

/** Structural equality of two trees, ignoring `pos` and `end`. */
export function treesEqual(a: {children: readonly Node[]}, b: {children: readonly Node[]}): boolean {
  if (a.children.length !== b.children.length) return false;
  const work: Array<[readonly Node[], readonly Node[]]> = [[a.children, b.children]];
  while (work.length > 0) {
    const item = work.pop();
    if (!item) break;
    const [xs, ys] = item;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const y = ys[i];
      if (!sameNode(x, y)) return false;
      if (x.kind === 'section' && y.kind === 'section') work.push([x.children, y.children]);
    }
  }
  return true;
}

/**
 * A deep copy with every position set to line 0, column 0 and `end` removed,
 * so trees can be compared with ordinary deep equality (e.g. `toEqual`).
 * Optional fields that are undefined or false are dropped as well.
 */
export function stripPositions(tree: {children: readonly Node[]}): ConfigTree {
  const copyFlat = (n: Node): Node => {
    switch (n.kind) {
      case 'blank':
        return {kind: 'blank', pos: NO_POS};
      case 'comment':
        return {kind: 'comment', text: n.text, pos: NO_POS};
      case 'setting': {
        const c: SettingNode = {kind: 'setting', key: n.key, value: n.value, pos: NO_POS};
        if (n.quote !== undefined) c.quote = n.quote;
        if (n.file) c.file = true;
        if (n.comment !== undefined) c.comment = n.comment;
        return c;
      }
      case 'include': {
        const c: IncludeNode = {kind: 'include', path: n.path, optional: n.optional, pos: NO_POS};
        if (n.quote !== undefined) c.quote = n.quote;
        if (n.comment !== undefined) c.comment = n.comment;
        return c;
      }
      case 'section': {
        const c: SectionNode = {kind: 'section', type: n.type, children: [], pos: NO_POS};
        if (n.name !== undefined) c.name = n.name;
        if (n.nameQuoted) c.nameQuoted = true;
        if (n.group !== undefined) c.group = n.group;
        if (n.comment !== undefined) c.comment = n.comment;
        if (n.endComment !== undefined) c.endComment = n.endComment;
        return c;
      }
    }
  };
  const out: ConfigTree = {children: []};
  const work: Array<[readonly Node[], Node[]]> = [[tree.children, out.children]];
  while (work.length > 0) {
    const item = work.pop();
    if (!item) break;
    const [from, to] = item;
    for (const n of from) {
      const c = copyFlat(n);
      to.push(c);
      if (n.kind === 'section' && c.kind === 'section') work.push([n.children, c.children]);
    }
  }
  return out;
}
