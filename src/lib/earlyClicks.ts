/**
 * Taps on buttons that arrive before React has hydrated the page. Until then a button that needs
 * JavaScript (the phone menu, a widget's buttons) does nothing, and the tap is lost; on a slow
 * phone that is the first second or two of every page. The inline script in `<head>` catches
 * such a click, keeps it from React (so it cannot also be half-handled during hydration) and
 * remembers the last one; once the page has hydrated, `replayEarlyClick` clicks that button again.
 * Links, form submits, disabled buttons and the version switch (which works without React,
 * src/lib/version.ts) are left alone.
 */

/** The property of `window` the inline script keeps its state in. */
export const EARLY_CLICK_KEY = '__dvEarlyClick';

export type EarlyClickState = {live: boolean; button: HTMLButtonElement | null};

export function earlyClickInlineScript(): string {
  return (
    `(function(){var s=window.${EARLY_CLICK_KEY}={live:true,button:null};` +
    `document.addEventListener('click',function(e){if(!s.live)return;` +
    `var t=e.target,b=t&&t.closest?t.closest('button'):null;` +
    `if(!b||b.disabled||b.hasAttribute('data-dv-set')||(b.form&&b.type==='submit'))return;` +
    `e.preventDefault();e.stopPropagation();s.button=b},true)})();`
  );
}

/** Ends the catching and clicks the button caught last, if it is still on the page. */
export function replayEarlyClick(w: Window = window): void {
  const s = (w as unknown as Record<string, EarlyClickState | undefined>)[EARLY_CLICK_KEY];
  if (!s) return;
  s.live = false;
  const b = s.button;
  s.button = null;
  if (b && b.isConnected && !b.disabled) b.click();
}
