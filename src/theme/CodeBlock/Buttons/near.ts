/**
 * Calls `then` once, when `el` comes within a screen of the viewport or the reader points at,
 * touches or focuses something in it; returns the cleanup. One observer serves every block.
 */
type Waiting = Map<Element, () => void>;

let observer: IntersectionObserver | null = null;
const waiting: Waiting = new Map();

function observe(el: Element, fire: () => void): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) waiting.get(e.target)?.();
    },
    {rootMargin: '100% 0px'},
  );
  waiting.set(el, fire);
  observer.observe(el);
}

function unobserve(el: Element): void {
  waiting.delete(el);
  observer?.unobserve(el);
}

const EVENTS = ['pointerenter', 'touchstart', 'focusin'] as const;

export function whenNear(el: HTMLElement, then: () => void): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    cleanup();
    then();
  };
  const cleanup = () => {
    unobserve(el);
    for (const name of EVENTS) el.removeEventListener(name, fire);
  };
  for (const name of EVENTS) el.addEventListener(name, fire, {passive: true});
  if (typeof IntersectionObserver === 'undefined') fire();
  else observe(el, fire);
  return cleanup;
}
