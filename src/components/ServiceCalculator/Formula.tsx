/**
 * One formula of a finding, typeset with KaTeX. Loaded lazily (its own chunk, with KaTeX), so
 * the calculator is interactive before KaTeX arrives; the server render includes it, so the
 * formulas are there without JavaScript. The TeX comes from the engine (numbers and fixed text);
 * KaTeX still runs untrusted: no \href, \url or HTML extensions, errors shown in place.
 */
import React, {useMemo} from 'react';
import katex from 'katex';

export function formulaHtml(tex: string): string {
  return katex.renderToString(tex, {
    displayMode: true,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxSize: 20,
    maxExpand: 200,
    output: 'htmlAndMathml',
  });
}

export default function Formula({tex, className}: {tex: string; className?: string}): React.ReactElement {
  const html = useMemo(() => formulaHtml(tex), [tex]);
  // KaTeX's own output of engine TeX, rendered without trust: the one place markup is injected.
  return <div className={className} dangerouslySetInnerHTML={{__html: html}} />;
}
