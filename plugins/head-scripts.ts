/**
 * The inline scripts every page runs from `<head>`, before its first paint, in this order:
 *  - the Dovecot version: sets `<html data-dovecot>` from the link or the remembered choice, and
 *    runs the navbar's version switch (src/lib/version.ts);
 *  - a link with widget state: marks the page so it opens on that state (src/lib/sharedLink.ts);
 *  - taps and typing before hydration, replayed by the site's Root (src/lib/earlyInput.ts);
 *  - a long page's far blocks, marked to be laid out when the reader comes near (src/lib/farBlocks.ts).
 * Their hashes join the Content-Security-Policy (scripts/postbuild.ts).
 */
import type {Plugin} from '@docusaurus/types';
import {versionInlineScript} from '../src/lib/version';
import {sharedLinkInlineScript} from '../src/lib/sharedLink';
import {earlyInputInlineScript} from '../src/lib/earlyInput';
import {farBlocksInlineScript} from '../src/lib/farBlocks';

export default function headScriptsPlugin(): Plugin {
  return {
    name: 'head-scripts',
    injectHtmlTags() {
      return {headTags: [versionInlineScript(), sharedLinkInlineScript(), earlyInputInlineScript(), farBlocksInlineScript()].map((innerHTML) => ({tagName: 'script', innerHTML}))};
    },
  };
}
