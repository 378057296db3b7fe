/**
 * Whether React is still hydrating the page the server sent. The site's Root (src/theme/Root.tsx)
 * marks the end in an effect: effects run children first, so its effect runs once every component
 * of the first render has been hydrated. Outside the browser nothing is hydrating.
 */
let hydrated = false;

export function markHydrated(): void {
  hydrated = true;
}

export function isHydrating(): boolean {
  return typeof window !== 'undefined' && !hydrated;
}
