/**
 * Puts src/components/Search/searchByWorker.ts in place of the module through which
 * @easyops-cn/docusaurus-search-local's search bar and search page query their index (its
 * `theme/searchByWorker.js`), so a pasted log line finds its troubleshooting entry and can go to
 * the explainer. The plugin's own module stays reachable under its full package path, which the
 * replacement imports. The search plugin's version is pinned in package.json; a test runs the
 * search in the browser, so a change of its layout fails loudly.
 */
import {createRequire} from 'node:module';
import {resolve} from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import type {WebpackPluginInstance} from 'webpack';

const require = createRequire(import.meta.url);
const original = require.resolve('@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js');
const withoutExt = original.replace(/\.js$/, '');

export default function searchLogLinesPlugin(context: LoadContext): Plugin {
  const replacement = resolve(context.siteDir, 'src/components/Search/searchByWorker.ts');
  return {
    name: 'search-log-lines',
    configureWebpack(_config, _isServer, {currentBundler}) {
      const {NormalModuleReplacementPlugin} = currentBundler.instance as unknown as {
        NormalModuleReplacementPlugin: new (re: RegExp, fn: (data: {request: string; context: string}) => void) => WebpackPluginInstance;
      };
      return {
        plugins: [
          new NormalModuleReplacementPlugin(/^\.\.\/searchByWorker(?:\.js)?$/, (data) => {
            if (resolve(data.context, data.request).replace(/\.js$/, '') === withoutExt) data.request = replacement;
          }),
        ],
      };
    },
  };
}
