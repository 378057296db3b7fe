/**
 * One element whose server markup a component keeps while the page hydrates: React leaves the
 * innerHTML of an element rendered with `dangerouslySetInnerHTML` alone when it hydrates it, so
 * the markup inside never enters React's tree and costs no hydration work.
 *
 * `kept` is true when the component's first render is part of hydrating a server page (and
 * `keepAtFirst`, if given, agrees). It turns false by itself when the element turns out to be
 * empty after mounting (no server markup after all: a client-side navigation, the development
 * server), or when the component calls `release()` to render its children from then on.
 *
 * Hydration is one page-wide flag (./hydration) rather than each component asking React through
 * useSyncExternalStore's server snapshot: that would re-render every kept element once more right
 * after hydration, the work this exists to save.
 */
import {useCallback, useEffect, useRef, useState, type RefObject} from 'react';
import {isHydrating} from './hydration';

export type KeptServerMarkup<T extends HTMLElement> = {ref: RefObject<T | null>; kept: boolean; release: () => void};

export function useKeptServerMarkup<T extends HTMLElement>(keepAtFirst?: () => boolean): KeptServerMarkup<T> {
  const ref = useRef<T>(null);
  const [kept, setKept] = useState(() => isHydrating() && (keepAtFirst ? keepAtFirst() : true));
  useEffect(() => {
    // (not innerHTML === '': that would serialise the whole kept subtree, on every kept element)
    if (kept && ref.current && !ref.current.hasChildNodes()) setKept(false);
  }, [kept]);
  const release = useCallback(() => setKept(false), []);
  return {ref, kept, release};
}
