/**
 * False while the component renders on the server and while the page hydrates; true from a
 * later render, which is a transition: React may split that render into short tasks and let the
 * reader's input go first. `useIsBrowser` flips at the same moment, but its re-render is one
 * uninterruptible task, and a widget that trims its server-only copies then (the hidden version's
 * body, the site's address in its links) made that task 60–110 ms long at 4× CPU. A component
 * mounted after hydration (a client-side navigation) gets true from its first render.
 */
import {startTransition, useEffect, useState} from 'react';
import {isHydrated} from './hydration';

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(isHydrated);
  useEffect(() => {
    if (!hydrated) startTransition(() => setHydrated(true));
  }, [hydrated]);
  return hydrated;
}
