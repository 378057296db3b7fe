/**
 * Preloads the KaTeX fonts a page's formulas use. Without it the browser discovers a font only
 * when it lays out a formula, paints the fallback first, and the formula (and everything below
 * it) moves when the font arrives. Runs after rehype-katex; adds `<link rel="preload">` elements
 * to the `<Head>` that remark-katex-stylesheet put in the same file.
 */
import type {Element, Root, RootContent} from 'hast';

const FONT_DIR = '/katex/fonts';

/** Which font a class of KaTeX's HTML output needs. */
function fontsFor(classes: readonly string[]): string[] {
  const has = (c: string) => classes.includes(c);
  const out: string[] = [];
  if (has('katex')) out.push('KaTeX_Main-Regular');
  if (has('mathnormal')) out.push('KaTeX_Math-Italic');
  if (has('texttt')) out.push('KaTeX_Typewriter-Regular');
  if (has('mathbf') || has('textbf')) out.push('KaTeX_Main-Bold');
  if (has('mathit') || has('textit')) out.push('KaTeX_Main-Italic');
  if (has('boldsymbol')) out.push('KaTeX_Math-BoldItalic');
  if (has('amsrm')) out.push('KaTeX_AMS-Regular');
  if (has('mathsf') || has('textsf')) out.push('KaTeX_SansSerif-Regular');
  if (has('delimsizing') || has('op-symbol') || has('large-op')) {
    for (const n of [1, 2, 3, 4]) if (has(`size${n}`) || has(`large-op`)) out.push(`KaTeX_Size${n}-Regular`);
  }
  return out;
}

type Any = Root | RootContent;

function walk(node: Any, visit: (n: Any) => void): void {
  visit(node);
  if ('children' in node) for (const c of node.children as RootContent[]) walk(c, visit);
}

export default function rehypeKatexFonts() {
  return (tree: Root): void => {
    const fonts = new Set<string>();
    let head: {children: unknown[]} | null = null;
    walk(tree, (n) => {
      if (n.type === 'element') {
        const cls = (n as Element).properties?.className;
        if (Array.isArray(cls)) for (const f of fontsFor(cls.map(String))) fonts.add(f);
      } else if ((n as {type: string}).type === 'mdxJsxFlowElement' && (n as unknown as {name: string}).name === 'Head') {
        head = n as unknown as {children: unknown[]};
      }
    });
    if (!head || fonts.size === 0) return;
    const target: {children: unknown[]} = head;
    for (const font of [...fonts].sort()) {
      target.children.push({
        type: 'mdxJsxFlowElement',
        name: 'link',
        attributes: [
          {type: 'mdxJsxAttribute', name: 'rel', value: 'preload'},
          {type: 'mdxJsxAttribute', name: 'as', value: 'font'},
          {type: 'mdxJsxAttribute', name: 'type', value: 'font/woff2'},
          {type: 'mdxJsxAttribute', name: 'href', value: `${FONT_DIR}/${font}.woff2`},
          {type: 'mdxJsxAttribute', name: 'crossOrigin', value: 'anonymous'},
        ],
        children: [],
      });
    }
  };
}
