/**
 * Calls back when an element comes within a screen of the viewport: `whenNear` once (or when the
 * reader points at, touches or focuses something in it), `eachTimeNear` every time it comes back
 * into that range (a block inside a hidden version or tab comes into range when it is shown).
 * One observer serves every block; each returns its cleanup.
 */
let observer: IntersectionObserver | null = null;
const waiting = new Map<Element, Set<() => void>>();

function observe(el: Element, fire: () => void): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) for (const f of [...(waiting.get(e.target) ?? [])]) f();
    },
    {rootMargin: '100% 0px'},
  );
  const set = waiting.get(el);
  if (set) {
    set.add(fire);
    return;
  }
  waiting.set(el, new Set([fire]));
  observer.observe(el);
}

function unobserve(el: Element, fire: () => void): void {
  const set = waiting.get(el);
  if (!set) return;
  set.delete(fire);
  if (set.size > 0) return;
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
    unobserve(el, fire);
    for (const name of EVENTS) el.removeEventListener(name, fire);
  };
  for (const name of EVENTS) el.addEventListener(name, fire, {passive: true});
  if (typeof IntersectionObserver === 'undefined') fire();
  else observe(el, fire);
  return cleanup;
}

export function eachTimeNear(el: HTMLElement, then: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    then();
    return () => undefined;
  }
  const fire = () => then();
  observe(el, fire);
  return () => unobserve(el, fire);
}
