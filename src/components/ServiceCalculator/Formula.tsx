/**
 * A finding's formula, typeset with KaTeX without putting KaTeX in the calculator's chunk:
 * - the server typesets synchronously (./ssr-katex resolves to KaTeX only outside the browser);
 * - while hydrating, the server's markup is kept as it is (an element whose innerHTML React
 *   leaves alone), and KaTeX is not loaded at all until a formula differs from the server's:
 *   a reader who only reads the default findings never downloads it;
 * - then the browser loads KaTeX lazily (./katexOptions, its own chunk); a formula that changes
 *   before KaTeX arrives shows its TeX source meanwhile.
 * No Suspense: React streams large Suspense boundaries as hidden segments plus inline scripts,
 * which would hide formulas without JavaScript.
 */
import React, {useEffect, useRef, useState} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {renderFormulaOnServer} from './ssr-katex';

type Typeset = (tex: string) => string;

let typeset: Typeset | null = renderFormulaOnServer;
let loading: Promise<Typeset> | null = null;

function loadTypeset(): Promise<Typeset> {
  loading ??= import('./katexOptions').then((m) => (typeset = m.formulaHtml));
  return loading;
}

function useTypeset(needed: boolean): Typeset | null {
  const [fn, setFn] = useState<Typeset | null>(() => typeset);
  useEffect(() => {
    if (fn || !needed) return undefined;
    let live = true;
    loadTypeset().then(
      (f) => live && setFn(() => f),
      () => undefined, // offline: the TeX source stays
    );
    return () => {
      live = false;
    };
  }, [fn, needed]);
  return fn;
}

export default function Formula({tex, className, fallbackClassName}: {tex: string; className?: string; fallbackClassName?: string}): React.ReactElement {
  const isBrowser = useIsBrowser();
  // the formula the server rendered, if this element came from the server's HTML
  const serverTex = useRef<string | null>(isBrowser ? null : tex);
  const fn = useTypeset(serverTex.current !== tex);
  if (fn) {
    // KaTeX's own output of engine TeX, rendered without trust: the one place markup is injected.
    return <div className={className} dangerouslySetInnerHTML={{__html: fn(tex)}} />;
  }
  if (serverTex.current === tex) {
    return <div className={className} dangerouslySetInnerHTML={{__html: ''}} suppressHydrationWarning />;
  }
  return <code className={fallbackClassName}>{tex}</code>;
}
