/**
 * Plan → ConfigTree. Only this file builds config nodes; only printConfig turns them into text.
 * A value's comment goes after it on the same line when the line stays short, otherwise on
 * comment lines right above it.
 */
import type {CommentNode, ConfigTree, Node, SectionNode, SettingNode} from '../conf';
import type {Plan, PlannedSetting} from './sizing';
import {wrapSum, wrapWords} from './format';

/** Longest line (with indentation) a trailing comment may make. */
export const MAX_COMMENTED_LINE = 80;

const POS = {line: 0, column: 0};

function comment(text: string): CommentNode {
  return {kind: 'comment', text: ` ${text}`, pos: {...POS}};
}

function blank(): Node {
  return {kind: 'blank', pos: {...POS}};
}

function settingNodes(s: PlannedSetting, depth: number, comments: boolean): Node[] {
  const node: SettingNode = {kind: 'setting', key: s.name, value: s.value, pos: {...POS}};
  if (!comments || s.comment === '') return [node];
  const line = `${'  '.repeat(depth)}${s.name} = ${s.value} # ${s.comment}`;
  if (line.length <= MAX_COMMENTED_LINE) return [{...node, comment: ` ${s.comment}`}];
  const width = MAX_COMMENTED_LINE - 2 * depth - 2;
  return [...wrapSum(s.comment, width).map(comment), node];
}

export function headerLines(plan: Plan): string[] {
  const {version, configVersion, output} = plan.input;
  const target = version === '2.4' ? `Dovecot 2.4, dovecot_config_version ${configVersion}` : 'Dovecot 2.3';
  const where = output === 'file' ? 'A minimal dovecot.conf' : 'For conf.d/10-master.conf';
  return wrapWords(
    `${where} (${target}), from the Dovecot Services Wiki config generator. Only values that differ from the built-in defaults are set; each says why.`,
    70,
  );
}

export function buildTree(plan: Plan): ConfigTree {
  const comments = plan.input.comments;
  const children: Node[] = [];
  const group = (nodes: Node[]) => {
    if (nodes.length === 0) return;
    if (children.length > 0) children.push(blank());
    children.push(...nodes);
  };
  if (comments) group(headerLines(plan).map(comment));
  group(plan.header.flatMap((s) => settingNodes(s, 0, comments)));
  group(plan.globals.flatMap((s) => settingNodes(s, 0, comments)));
  for (const b of plan.blocks) {
    const section: SectionNode = {
      kind: 'section',
      type: 'service',
      name: b.service,
      children: b.settings.flatMap((s) => settingNodes(s, 1, comments)),
      pos: {...POS},
    };
    group([section]);
  }
  if (comments && plan.globals.length === 0 && plan.blocks.length === 0) {
    group([comment('Nothing to change: the built-in defaults already fit these answers.')]);
  }
  return {children};
}

/**
 * The output's config with one comment line on top carrying the page's permalink, so a pasted or
 * downloaded file says where it came from. Only when comments are on; anything that could end
 * the comment line (control characters) is dropped from the link.
 */
export function treeWithPermalink(tree: ConfigTree, permalink: string, comments: boolean): ConfigTree {
  const link = permalink.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '');
  if (!comments || link === '') return tree;
  return {children: [comment(link), ...tree.children]};
}
