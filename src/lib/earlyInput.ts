/**
 * What a reader does before React has hydrated the page. Until then a button that needs
 * JavaScript (the phone menu, a widget's buttons) does nothing, and hydrating a widget puts its
 * fields back to the values React holds, so a tap is lost and typed or pasted text is wiped; on
 * a slow phone that is the first second or two of every page. The inline script in `<head>`:
 *  - catches a click on a button, keeps it from React (so it cannot also be half-handled during
 *    hydration) and remembers the last one;
 *  - remembers the last value of each text field, text area and select the reader changes.
 * Once the page has hydrated, `replayEarlyInput` gives each field its value again (as typing
 * would, so the widget's state follows) and then clicks the button.
 * Links, form submits, disabled buttons, check boxes and the version switch (which works without
 * React, src/lib/version.ts) are left to the browser.
 */

/** The property of `window` the inline script keeps its state in. */
export const EARLY_INPUT_KEY = '__dvEarlyInput';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
export type EarlyInputState = {live: boolean; button: HTMLButtonElement | null; fields: Field[]; values: string[]};

export function earlyInputInlineScript(): string {
  return (
    `(function(){var s=window.${EARLY_INPUT_KEY}={live:true,button:null,fields:[],values:[]},d=document;` +
    `d.addEventListener('click',function(e){if(!s.live)return;` +
    `var t=e.target,b=t&&t.closest?t.closest('button'):null;` +
    `if(!b||b.disabled||b.hasAttribute('data-dv-set')||(b.form&&b.type==='submit'))return;` +
    `e.preventDefault();e.stopPropagation();s.button=b},true);` +
    `function keep(e){var f=e.target,n=f&&f.tagName,i;if(!s.live||!(n==='TEXTAREA'||n==='SELECT'||` +
    `(n==='INPUT'&&!/^(checkbox|radio|button|submit|reset|file|image|hidden)$/.test(f.type))))return;` +
    `i=s.fields.indexOf(f);if(i<0){s.fields.push(f);s.values.push(f.value)}else s.values[i]=f.value}` +
    `d.addEventListener('input',keep,true);d.addEventListener('change',keep,true)})();`
  );
}

/**
 * Sets a field's value the way typing does, so React's change handler sees it. React keeps the
 * value it last knew in a tracker on the element and ignores an input event that does not change
 * it; hydration set that tracker from the element, which may already show the typed text. So the
 * value goes through the element's own setter first as something else (React's tracker follows),
 * then through the prototype's setter (which the tracker does not see), and then comes the event.
 */
function retype(f: Field, value: string): void {
  f.value = value === '' ? ' ' : '';
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(f) as object, 'value')?.set;
  if (setter) setter.call(f, value);
  else f.value = value;
  f.dispatchEvent(new Event(f.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
}

/** Ends the catching: gives every field the reader changed its value again, then clicks the button caught last. */
export function replayEarlyInput(w: Window = window): void {
  const s = (w as unknown as Record<string, EarlyInputState | undefined>)[EARLY_INPUT_KEY];
  if (!s) return;
  s.live = false;
  s.fields.forEach((f, i) => {
    if (f.isConnected && !f.disabled) retype(f, s.values[i]);
  });
  s.fields = [];
  s.values = [];
  const b = s.button;
  s.button = null;
  if (b && b.isConnected && !b.disabled) b.click();
}
