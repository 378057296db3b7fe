/**
 * Splits the project's domain code into two shared chunks instead of copying it into every page
 * that uses it (the bundler's default here):
 *   dovecot-catalog  the settings catalog, used by docs pages (defaults tables) and every widget;
 *   dovecot-engine   config syntax, doveconf's rules, the calculator engine and what it knows
 *                    of a running server (runtime/, the measured RSS), the URL codec and
 *                    the calculator's link format (ServiceCalculator/state.ts, which every widget
 *                    uses to link into the calculator), used only by pages with a widget. The
 *                    1.x names doveconf 2.3 still reads (rulesObsolete.ts) stay with the
 *                    explainer, the only one that reads pasted configs.
 * React DOM (with its scheduler) is a file of its own, so that the browser receives and compiles it
 * apart from the app (src/client/stagedEntry.ts runs it in a task of its own too).
 * A reader who opens several pages fetches each once; pages without a widget never load the
 * engine (checked by the budgets test).
 */
import type {Plugin} from '@docusaurus/types';
import path from 'node:path';
import {createRequire} from 'node:module';

const {files} = createRequire(__filename)('./loaders/docusaurus-patches.js') as {files: RegExp[]};
const patchedFiles = new RegExp(files.map((re) => re.source).join('|'));

/** React DOM's chunk (plugins/compile-hints.ts marks it by this name). */
export const REACT_DOM_CHUNK = 'react-dom';

const lib = String.raw`[\\/]src[\\/]lib[\\/]`;
const calculatorLinks = String.raw`[\\/]src[\\/]components[\\/]ServiceCalculator[\\/]state\.ts$`;

export default function dovecotChunksPlugin(): Plugin {
  return {
    name: 'dovecot-chunks',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {
        module: {
          rules: [
            {
              // see src/vendor/tslib-import-default.js
              test: /@docusaurus[\\/]utils-common[\\/]lib[\\/]index\.js$/,
              resolve: {alias: {tslib$: path.resolve(__dirname, '../src/vendor/tslib-import-default.js')}},
            },
            {
              // exact-line patches to Docusaurus's own files (see the loader)
              test: patchedFiles,
              enforce: 'pre',
              use: [{loader: path.resolve(__dirname, 'loaders/docusaurus-patches.js')}],
            },
          ],
        },
        optimization: {
          splitChunks: {
            cacheGroups: {
              reactDom: {
                name: REACT_DOM_CHUNK,
                test: /[\\/]node_modules[\\/](react-dom|scheduler)[\\/]/,
                chunks: 'initial',
                priority: 70,
                enforce: true,
              },
              dovecotCatalog: {
                name: 'dovecot-catalog',
                test: new RegExp(`${lib}dovecot[\\\\/](catalog[\\\\/](?!prose)|defaultText)`),
                chunks: 'all',
                priority: 60,
                enforce: true,
              },
              dovecotEngine: {
                name: 'dovecot-engine',
                test: new RegExp(`${lib}dovecot[\\\\/](conf[\\\\/]|rules[.]|calculator[\\\\/]|runtime[\\\\/]|measuredRss|permalink)|${calculatorLinks}`),
                chunks: 'all',
                priority: 55,
                enforce: true,
              },
            },
          },
        },
      };
    },
  };
}
