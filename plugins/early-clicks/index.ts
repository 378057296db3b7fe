/**
 * Puts the inline script that keeps taps made before hydration (src/lib/earlyClicks.ts) into
 * every page's `<head>`; the site's Root replays the last one once the page has hydrated.
 * Its hash joins the Content-Security-Policy with the others (scripts/postbuild.ts).
 */
import type {Plugin} from '@docusaurus/types';
import {earlyClickInlineScript} from '../../src/lib/earlyClicks';

export default function earlyClicksPlugin(): Plugin {
  return {
    name: 'early-clicks',
    injectHtmlTags() {
      return {headTags: [{tagName: 'script', innerHTML: earlyClickInlineScript()}]};
    },
  };
}
