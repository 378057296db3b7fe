/**
 * The analysis of a text, with the engine (src/lib/dovecot/explain) loaded only when there is a
 * text to analyse: a reader who only looks at the page, and its example (example.generated.ts),
 * never downloads it. Null while the text is blank or the engine is still on its way.
 */
import {useEffect, useMemo, useState} from 'react';
import type {ExplainOptions, ExplainResult} from '../../lib/dovecot/explain/types';

type Engine = typeof import('../../lib/dovecot/explain');

export function useExplain(text: string, options: ExplainOptions): ExplainResult | null {
  const [engine, setEngine] = useState<Engine | null>(null);
  const wanted = text.trim() !== '';
  useEffect(() => {
    if (!wanted || engine) return undefined;
    let live = true;
    void import('../../lib/dovecot/explain').then((m) => {
      if (live) setEngine(m);
    });
    return () => {
      live = false;
    };
  }, [wanted, engine]);
  return useMemo(() => (wanted && engine ? engine.explain(text, options) : null), [wanted, engine, text, options]);
}
