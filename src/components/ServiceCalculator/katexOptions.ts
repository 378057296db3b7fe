/**
 * How the calculator typesets a formula: KaTeX without trust (no \href, \url, \htmlClass …),
 * errors shown in place instead of thrown, bounded sizes and macro expansion. The TeX comes from
 * the engine (numbers and fixed text), but is treated as untrusted all the same. Output is MathML
 * only, which browsers typeset natively: widget pages need neither KaTeX's stylesheet nor its
 * fonts, and nothing shifts when fonts arrive.
 */
import katex from 'katex';

export function formulaHtml(tex: string): string {
  return katex.renderToString(tex, {
    displayMode: true,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxSize: 20,
    maxExpand: 200,
    output: 'mathml',
  });
}
