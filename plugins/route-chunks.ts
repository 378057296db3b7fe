/**
 * After the pages are written, puts into each page's script loader the files its route needs, so a
 * first visit requests them with the entry bundles (scripts/lib/routeChunks.ts explains why; the
 * loader is in src/html/ssrTemplate.ts). Reads what this build generated: the route tree, the chunk
 * names per route and the bundler's chunk groups.
 */
import type {Plugin} from '@docusaurus/types';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {filesUnder} from '../scripts/lib/precompress';
import {pagePath, routeScripts, routeTree, withRouteChunks, type ClientManifest} from '../scripts/lib/routeChunks';
import {LOADER_ID} from '../src/html/ssrTemplate';

export default function routeChunksPlugin(): Plugin {
  return {
    name: 'route-chunks',
    async postBuild({outDir, generatedFilesDir}) {
      const generated = (name: string) => readFileSync(join(generatedFilesDir, name), 'utf8');
      const tree = routeTree(generated('routes.js'));
      const chunkNamesByKey = JSON.parse(generated('routesChunkNames.json')) as Record<string, unknown>;
      const manifest = JSON.parse(generated('client-manifest.json')) as ClientManifest;
      for (const file of filesUnder(outDir).filter((f) => f.endsWith('.html'))) {
        const path = pagePath(relative(outDir, file));
        // the not-found page is served at any address: the app finds that address's route itself
        const files = path === '/404' ? [] : routeScripts(tree, chunkNamesByKey, manifest, path);
        const missing = files.filter((u) => !existsSync(join(outDir, u)));
        if (missing.length > 0) throw new Error(`route-chunks: ${file} would load files the build does not have: ${missing.join(', ')}`);
        writeFileSync(file, withRouteChunks(readFileSync(file, 'utf8'), LOADER_ID, files));
      }
    },
  };
}
