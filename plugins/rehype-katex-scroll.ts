/**
 * A display formula wider than the column scrolls inside its own box (src/css/custom.css), so on a
 * phone the page never scrolls sideways and the whole formula stays reachable. KaTeX's MathML
 * output has no box of its own for display formulas (`<span class="katex"><math display="block">`),
 * so its wrapper gets the `katex-display` class and is made focusable, so keyboard users can
 * scroll it too. Runs after rehype-katex.
 */
import type {Element, Root, RootContent} from 'hast';

type Any = Root | RootContent;

function walk(node: Any, visit: (n: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const c of node.children as RootContent[]) walk(c, visit);
}

function isDisplayMath(el: Element): boolean {
  const cls = el.properties?.className;
  if (!Array.isArray(cls) || !cls.includes('katex')) return false;
  return el.children.some((c) => c.type === 'element' && c.tagName === 'math' && c.properties?.display === 'block');
}

export default function rehypeKatexScroll() {
  return (tree: Root): void => {
    walk(tree, (el) => {
      if (!isDisplayMath(el)) return;
      el.properties.className = [...(el.properties.className as string[]), 'katex-display'];
      el.properties.tabIndex = 0;
    });
  };
}
