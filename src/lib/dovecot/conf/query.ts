// Read-only helpers over a parsed tree for later consumers (the service engine,
// calculators): find sections, read settings, walk with the enclosing sections.
// All walks are iterative, so deep nesting cannot overflow the call stack.

import type {ConfigTree, Node, Pos, SectionNode, SettingNode} from './ast';

type Parent = ConfigTree | SectionNode;

/** "service imap-login", "passdb", "group @metric_defaults backend", "mailbox Sent Messages". */
export function sectionLabel(section: SectionNode): string {
  const words = [section.type];
  if (section.group !== undefined) words.push(section.group);
  if (section.name !== undefined) words.push(section.name);
  return words.join(' ');
}

export type WalkControl = undefined | 'skip' | 'stop';

/**
 * Visits every node in document order. `ancestors` are the enclosing sections,
 * outermost first (when walking from a section, that section comes first).
 * The array is shared and changes as the walk goes on: copy it to keep it.
 * Return 'skip' from a section to leave out its children, 'stop' to end the walk.
 */
export function walkConfig(
  parent: Parent,
  // a visitor that returns nothing walks everything
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
  visit: (node: Node, ancestors: readonly SectionNode[]) => WalkControl | void,
): void {
  interface Frame {
    nodes: readonly Node[];
    next: number;
  }
  // One shared ancestor stack keeps the walk linear even for very deep trees.
  const ancestors: SectionNode[] = 'kind' in parent ? [parent] : [];
  const stack: Frame[] = [{nodes: parent.children, next: 0}];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.nodes.length) {
      stack.pop();
      if (stack.length > 0) ancestors.pop();
      continue;
    }
    const node = frame.nodes[frame.next++];
    const control = visit(node, ancestors);
    if (control === 'stop') return;
    if (node.kind === 'section' && control !== 'skip') {
      ancestors.push(node);
      stack.push({nodes: node.children, next: 0});
    }
  }
}

export interface FindSectionsOptions {
  /** Only sections with this name (e.g. 'imap-login'). */
  name?: string;
  /** Search nested sections too (default: direct children only). */
  deep?: boolean;
}

/** Sections of a type, in document order; repeated sections are all returned. */
export function findSections(parent: Parent, type: string, opts?: FindSectionsOptions): SectionNode[] {
  const found: SectionNode[] = [];
  const matches = (n: SectionNode) => n.type === type && (opts?.name === undefined || n.name === opts.name);
  if (!opts?.deep) {
    for (const n of parent.children) if (n.kind === 'section' && matches(n)) found.push(n);
    return found;
  }
  walkConfig(parent, (n) => {
    if (n.kind === 'section' && matches(n)) found.push(n);
  });
  return found;
}

/** All direct settings with this key, in order. */
export function getSettings(parent: Parent, key: string): SettingNode[] {
  const found: SettingNode[] = [];
  for (const n of parent.children) if (n.kind === 'setting' && n.key === key) found.push(n);
  return found;
}

/** The direct setting with this key; the last one wins, as in Dovecot. */
export function getSetting(parent: Parent, key: string): SettingNode | undefined {
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const n = parent.children[i];
    if (n.kind === 'setting' && n.key === key) return n;
  }
  return undefined;
}

export interface FlatSetting {
  /** Labels of the enclosing sections, outermost first, e.g. ['service imap-login', 'inet_listener imaps']. */
  path: string[];
  key: string;
  value: string;
  pos: Pos;
  node: SettingNode;
  sections: readonly SectionNode[];
}

/** Every setting in document order, with the sections around it. */
export function flattenSettings(parent: Parent): FlatSetting[] {
  const out: FlatSetting[] = [];
  walkConfig(parent, (node, ancestors) => {
    if (node.kind !== 'setting') return;
    out.push({
      path: ancestors.map(sectionLabel),
      key: node.key,
      value: node.value,
      pos: node.pos,
      node,
      sections: ancestors.slice(),
    });
  });
  return out;
}
