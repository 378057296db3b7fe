/**
 * Adds `<head><link rel="stylesheet" href="/katex/katex.min.css"/></head>` to every MDX file
 * that contains math, so that KaTeX's stylesheet (and through it its fonts) loads only on
 * pages that render formulas and never sits in the critical CSS of the other pages.
 */
import type {Root, RootContent} from 'mdast';

export const KATEX_STYLESHEET = '/katex/katex.min.css';

function hasMath(node: Root | RootContent): boolean {
  if (node.type === 'math' || node.type === 'inlineMath') return true;
  return 'children' in node && (node.children as RootContent[]).some(hasMath);
}

export default function remarkKatexStylesheet() {
  return (tree: Root): void => {
    if (!hasMath(tree)) return;
    const link = {
      type: 'mdxJsxFlowElement',
      name: 'link',
      attributes: [
        {type: 'mdxJsxAttribute', name: 'rel', value: 'stylesheet'},
        {type: 'mdxJsxAttribute', name: 'href', value: KATEX_STYLESHEET},
      ],
      children: [],
    };
    // Named 'Head' directly: Docusaurus renames <head> in a remark step that runs before ours.
    const head = {type: 'mdxJsxFlowElement', name: 'Head', attributes: [], children: [link]};
    tree.children.push(head as unknown as RootContent);
  };
}
