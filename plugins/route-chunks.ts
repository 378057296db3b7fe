/**
 * After the pages are written, puts into each page's script loader the files its route needs, so a
 * first visit requests them with the entry bundles (scripts/lib/routeChunks.ts explains why; the
 * loader is in src/html/ssrTemplate.ts). Reads what this build generated: the route tree, the chunk
 * names per route and the bundler's chunk groups. Synchronous on purpose: other plugins read the
 * pages in their own postBuild, and none of them may see a page half written.
 */
import type {Plugin} from '@docusaurus/types';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {docusaurusMatchRoutes, pageFileCandidates, routeScripts, routeTree, withRouteChunks, type ClientManifest} from '../scripts/lib/routeChunks';
import {LOADER_ID} from '../src/html/ssrTemplate';

export default function routeChunksPlugin(): Plugin {
  return {
    name: 'route-chunks',
    async postBuild({outDir, generatedFilesDir, routesPaths, baseUrl}) {
      const generated = (name: string) => readFileSync(join(generatedFilesDir, name), 'utf8');
      const tree = routeTree(generated('routes.js'));
      const chunkNamesByKey = JSON.parse(generated('routesChunkNames.json')) as Record<string, unknown>;
      const manifest = JSON.parse(generated('client-manifest.json')) as ClientManifest;
      const matchRoutes = docusaurusMatchRoutes();
      for (const routePath of routesPaths) {
        const file = pageFileCandidates(routePath, baseUrl)
          .map((f) => join(outDir, f))
          .find((f) => existsSync(f));
        if (!file) throw new Error(`route-chunks: no page written for the route ${routePath}`);
        // the not-found page is served at any address: the app finds that address's route itself
        const files = routePath.endsWith('/404.html') ? [] : routeScripts(tree, chunkNamesByKey, manifest, routePath, matchRoutes);
        const missing = files.filter((u) => !existsSync(join(outDir, u)));
        if (missing.length > 0) throw new Error(`route-chunks: ${file} would load files the build does not have: ${missing.join(', ')}`);
        writeFileSync(file, withRouteChunks(readFileSync(file, 'utf8'), LOADER_ID, files));
      }
    },
  };
}
