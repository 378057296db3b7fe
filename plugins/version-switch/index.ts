/**
 * Docusaurus plugin for the site-wide Dovecot version choice: puts the inline script that sets
 * `<html data-dovecot>` before first paint into every page's `<head>`, and registers the client
 * module that keeps the choice in the URL across client-side navigation.
 */
import type {Plugin} from '@docusaurus/types';
import {versionInlineScript} from '../../src/lib/version';

export default function versionSwitchPlugin(): Plugin {
  return {
    name: 'dovecot-version-switch',
    getClientModules() {
      return [require.resolve('../../src/clientModules/versionInUrl')];
    },
    injectHtmlTags() {
      return {headTags: [{tagName: 'script', innerHTML: versionInlineScript()}]};
    },
  };
}
