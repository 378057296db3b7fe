/**
 * "Explain my line" under every message the troubleshooting page quotes: after each ```text
 * block, an `<ExplainLine>` (src/components/ExplainLine) with the block's text and the Dovecot
 * version of the <V23Block>/<V24Block> it stands in, if any. New entries get their link without
 * any markup.
 */
import type {Parent, Root, RootContent} from 'mdast';
import type {DovecotVersion} from '../src/lib/version';

const VERSION_BLOCKS: Record<string, DovecotVersion> = {V23Block: '2.3', V24Block: '2.4'};

function explainLine(text: string, version: DovecotVersion | undefined): RootContent {
  const attributes = [{type: 'mdxJsxAttribute', name: 'text', value: text}];
  if (version) attributes.push({type: 'mdxJsxAttribute', name: 'version', value: version});
  return {type: 'mdxJsxFlowElement', name: 'ExplainLine', attributes, children: []} as unknown as RootContent;
}

function visit(parent: Parent, version: DovecotVersion | undefined): void {
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i];
    if (node.type === 'code' && node.lang === 'text' && node.value.trim() !== '') {
      parent.children.splice(i + 1, 0, explainLine(node.value.trim(), version));
      i++;
    } else if ('children' in node) {
      const name = (node as {name?: string}).name;
      visit(node as Parent, (name && VERSION_BLOCKS[name]) || version);
    }
  }
}

/** Options: `files`, the MDX files (paths ending so) whose text blocks get the link. */
export default function remarkExplainLinks(options: {files: string[]}) {
  return (tree: Root, file: {path?: string}): void => {
    const path = (file.path ?? '').replace(/\\/g, '/');
    if (!options.files.some((f) => path.endsWith(f))) return;
    visit(tree, undefined);
  };
}
