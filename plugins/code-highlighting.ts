/**
 * Code blocks are coloured by src/lib/highlight (see src/theme/CodeBlock/Content). This plugin
 *   - writes the colours of both colour modes (plugins/prism-themes.ts) as one stylesheet keyed
 *     on `<html data-theme>`, loaded with the site's CSS, so a code block is drawn in the
 *     reader's mode from the first paint (inline colours from the server render would show the
 *     light theme until hydration);
 *   - removes the client module through which Docusaurus's classic theme loads
 *     prism-react-renderer, with Prism and its bundled languages, into every page, only to
 *     register extra languages the site does not use (`prism.additionalLanguages` stays empty);
 *   - puts the highlighter in one shared chunk, fetched once, rather than a copy in each page
 *     with a code block (the bundler's default here).
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {codeThemeCss} from '../src/lib/highlight/theme';
import {darkCodeTheme, lightCodeTheme} from './prism-themes';

const require = createRequire(import.meta.url);
const prismClientModule = require.resolve('@docusaurus/theme-classic/lib/prism-include-languages.js');

export default function codeHighlightingPlugin(context: LoadContext): Plugin {
  const dir = join(context.generatedFilesDir, 'code-highlighting');
  const css = join(dir, 'code-theme.css');
  mkdirSync(dir, {recursive: true});
  writeFileSync(css, codeThemeCss(lightCodeTheme, darkCodeTheme));
  return {
    name: 'code-highlighting',
    getClientModules() {
      return [css];
    },
    configureWebpack(_config, isServer) {
      const alias = {resolve: {alias: {[prismClientModule]: false as const}}};
      if (isServer) return alias;
      return {
        ...alias,
        optimization: {
          splitChunks: {
            cacheGroups: {
              codeHighlighting: {
                name: 'code-highlighting',
                test: /[\\/]src[\\/](lib[\\/]highlight|theme[\\/]CodeBlock)[\\/]/,
                chunks: 'all',
                priority: 50,
                enforce: true,
              },
            },
          },
        },
      };
    },
  };
}
