// Inline MathML formulas are cut after top-level relations and binary operators so that they can
// wrap on a phone (./rehype-math-line-breaks.ts); display formulas and short ones stay whole.
import {describe, expect, it} from 'vitest';
import type {Root, RootContent} from 'hast';
import rehypeKatex from 'rehype-katex';
import rehypeMathLineBreaks from './rehype-math-line-breaks';

/** The site's pipeline on one formula: rehype-katex (MathML output) as the build runs it, then ours. */
function run(tex: string, displayMode = false): string {
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'element', tagName: 'code', properties: {className: ['language-math', displayMode ? 'math-display' : 'math-inline']}, children: [{type: 'text', value: tex}]},
    ],
  };
  const transform = rehypeKatex.call({} as never, {output: 'mathml'}) as unknown as (t: Root, f: unknown) => void;
  transform(tree, {message: () => undefined});
  rehypeMathLineBreaks()(tree);
  return html(tree);
}

function html(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return `<${node.tagName}>${node.children.map(html).join('')}</${node.tagName}>`;
  return 'children' in node ? node.children.map(html).join('') : '';
}
const maths = (html: string) => html.match(/<math/g)?.length ?? 0;
const visibleText = (html: string) => html.replace(/<annotation[^>]*>.*?<\/annotation>/g, '').replace(/<[^>]+>/g, '').replace(/\u2061/g, '').replace(/\u00a0/g, ' ');

describe('rehypeMathLineBreaks', () => {
  it('cuts a long inline sum after each + and =, keeping every symbol in order', () => {
    const html = run('3200 + 100\\ (\\texttt{imap-urlauth-login}) = 3300');
    expect(maths(html)).toBe(3);
    expect(html.match(/<wbr>/g)).toHaveLength(2);
    expect(visibleText(html)).toBe('3200+100 (imap-urlauth-login)=3300');
    // the TeX source once, on the first piece
    expect(html.match(/<annotation/g)).toHaveLength(1);
  });

  it('does not cut inside brackets or sub-expressions, only at the top level', () => {
    const html = run('\\min(1000, 1) = 1');
    expect(maths(html)).toBe(2);
    expect(visibleText(html)).toBe('min(1000,1)=1');
  });

  it('leaves display formulas and formulas without an operator whole', () => {
    expect(maths(run('a = b + c', true))).toBe(1);
    expect(maths(run('c_\\text{eff}'))).toBe(1);
    // an operator at the very end leaves no empty piece
    expect(maths(run('x ='))).toBe(1);
  });
});
