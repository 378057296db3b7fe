/**
 * Puts the inline script that marks a page opened from a link with widget state
 * (src/lib/sharedLink.ts) into every page's `<head>`, so the mark is there before first paint.
 * Its hash joins the Content-Security-Policy with the others (scripts/postbuild.ts).
 */
import type {Plugin} from '@docusaurus/types';
import {sharedLinkInlineScript} from '../src/lib/sharedLink';

export default function sharedLinkPlugin(): Plugin {
  return {
    name: 'shared-link',
    injectHtmlTags() {
      return {headTags: [{tagName: 'script', innerHTML: sharedLinkInlineScript()}]};
    },
  };
}
