/**
 * Code blocks are coloured by src/lib/highlight (see src/theme/CodeBlock/Content). This plugin
 *   - removes the client module through which Docusaurus's classic theme loads
 *     prism-react-renderer, with Prism and its bundled languages, into every page, only to
 *     register extra languages the site does not use (`prism.additionalLanguages` stays empty);
 *   - puts the highlighter in one shared chunk, fetched once, rather than a copy in each page
 *     with a code block (the bundler's default here).
 */
import {createRequire} from 'node:module';
import type {Plugin} from '@docusaurus/types';

const require = createRequire(import.meta.url);
const prismClientModule = require.resolve('@docusaurus/theme-classic/lib/prism-include-languages.js');

export default function codeHighlightingPlugin(): Plugin {
  return {
    name: 'code-highlighting',
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
