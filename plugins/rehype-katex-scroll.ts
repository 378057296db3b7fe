/**
 * A display formula wider than the column scrolls inside its own box (src/css/custom.css), so on a
 * phone the page never scrolls sideways and the whole formula stays reachable. The box is made
 * focusable, so keyboard users can scroll it too. Runs after rehype-katex.
 */
import type {Element, Root, RootContent} from 'hast';

type Any = Root | RootContent;

function walk(node: Any, visit: (n: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const c of node.children as RootContent[]) walk(c, visit);
}

export default function rehypeKatexScroll() {
  return (tree: Root): void => {
    walk(tree, (el) => {
      const cls = el.properties?.className;
      if (Array.isArray(cls) && cls.includes('katex-display')) el.properties.tabIndex = 0;
    });
  };
}
