/**
 * Lets a long inline formula wrap, as KaTeX's HTML did. The browser lays out a MathML `<math>` as
 * one unbreakable box, so on a phone a sum in a sentence would push the page sideways. Like KaTeX,
 * the formula may break after a top-level relation or binary operator (`=`, `≤`, `+`, `×` …): its
 * top-level row is cut there into several `<math>` elements with a break opportunity between them.
 * The TeX source stays on the first piece. Runs after rehype-katex (MathML output).
 */
import type {Element, ElementContent, Root, RootContent} from 'hast';

/** Operators KaTeX breaks after: relations and binary operators. */
const BREAK_AFTER = new Set(['=', '<', '>', '≤', '≥', '≠', '≈', '∼', '≃', '≅', '≡', '→', '←', '⇒', '⇔', '+', '−', '-', '×', '⋅', '·', '÷', '±', '∖']);

type Any = Root | RootContent;

function walk(node: Any, visit: (n: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const c of node.children as RootContent[]) walk(c, visit);
}

const elements = (nodes: readonly ElementContent[]) => nodes.filter((c): c is Element => c.type === 'element');
const text = (el: Element): string => el.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? text(c) : '')).join('');

/** The top-level row of an inline formula: its pieces, cut after each operator KaTeX breaks after. */
export function pieces(row: readonly ElementContent[]): ElementContent[][] {
  const out: ElementContent[][] = [[]];
  for (const c of row) {
    out.at(-1)!.push(c);
    if (c.type === 'element' && c.tagName === 'mo' && BREAK_AFTER.has(text(c).trim())) out.push([]);
  }
  return out.filter((p) => elements(p).length > 0);
}

function splitInline(katex: Element): void {
  const math = elements(katex.children).find((c) => c.tagName === 'math');
  if (!math || math.properties?.display === 'block') return;
  const semantics = elements(math.children).find((c) => c.tagName === 'semantics');
  const [row, annotation] = semantics ? elements(semantics.children) : [];
  if (!row || row.tagName !== 'mrow') return;
  const parts = pieces(row.children);
  if (parts.length < 2) return;
  const piece = (children: ElementContent[], first: boolean): Element => {
    const mrow: Element = {type: 'element', tagName: 'mrow', properties: {}, children};
    const body: Element[] = first && annotation ? [mrow, annotation] : [mrow];
    return {type: 'element', tagName: 'math', properties: {...math.properties}, children: [{type: 'element', tagName: 'semantics', properties: {}, children: body}]};
  };
  katex.children = parts.flatMap((p, i): ElementContent[] => {
    const m = piece(p, i === 0);
    return i === 0 ? [m] : [{type: 'element', tagName: 'wbr', properties: {}, children: []}, m];
  });
}

export default function rehypeMathLineBreaks() {
  return (tree: Root): void => {
    walk(tree, (el) => {
      const cls = el.properties?.className;
      if (Array.isArray(cls) && cls.includes('katex')) splitInline(el);
    });
  };
}
