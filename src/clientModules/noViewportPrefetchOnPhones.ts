/**
 * On a phone-sized screen, a link merely scrolled into view no longer prefetches its page's
 * chunks. Docusaurus prefetches for every internal link that enters the viewport
 * (window.docusaurus.prefetch, called from <Link>); on a docs page that is dozens of chunks
 * downloaded and compiled while the reader is still reading, on the CPU and network a phone has
 * least of. Touching a link still preloads its page (window.docusaurus.preload), so following it
 * stays quick; wider screens keep prefetching as before.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

/** Docusaurus's own breakpoint between the mobile and the desktop layout. */
export const SMALL_SCREEN = '(max-width: 996px)';

type Docusaurus = {prefetch: (path: string) => unknown; preload: (path: string) => unknown};
const PATCHED = Symbol.for('dv-prefetch-patched');

function patch(): void {
  const w = window as unknown as {docusaurus?: Docusaurus & {[PATCHED]?: true}};
  const d = w.docusaurus;
  if (!d || d[PATCHED]) return;
  const prefetch = d.prefetch;
  const small = window.matchMedia(SMALL_SCREEN);
  w.docusaurus = {...d, prefetch: (path) => (small.matches ? false : prefetch(path)), [PATCHED]: true};
}

if (ExecutionEnvironment.canUseDOM) patch();

// window.docusaurus is set once the client modules have been evaluated; the first route update
// runs while the page hydrates, before any link has reported being in view.
export function onRouteDidUpdate(): void {
  patch();
}
