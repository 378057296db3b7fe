/**
 * Puts the inline script that keeps what a reader types and taps before hydration
 * (src/lib/earlyInput.ts) into every page's `<head>`; the site's Root replays it once the page
 * has hydrated.
 * Its hash joins the Content-Security-Policy with the others (scripts/postbuild.ts).
 */
import type {Plugin} from '@docusaurus/types';
import {earlyInputInlineScript} from '../../src/lib/earlyInput';

export default function earlyInputPlugin(): Plugin {
  return {
    name: 'early-input',
    injectHtmlTags() {
      return {headTags: [{tagName: 'script', innerHTML: earlyInputInlineScript()}]};
    },
  };
}
