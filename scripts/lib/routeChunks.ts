/**
 * The script files a page's route needs besides the entry bundles, read from what Docusaurus
 * generated for the build: its route tree (`.docusaurus/routes.js`), the chunk names each route
 * loads (`routesChunkNames.json`) and the bundler's chunk groups (`client-manifest.json`).
 *
 * Docusaurus lists only the entry bundles in a page (its server render reports module paths, which
 * its manifest, keyed by chunk, never matches), so a first visit learned the route's files only
 * when the app had started: one more round trip, and one task that created and appended every
 * script element (about 6 ms on this machine, 25 ms on a phone at 4× slowdown, the longest task
 * after the first paint on a doc page). The page loader requests them with the entry bundles
 * instead (src/html/ssrTemplate.ts); the bundler then finds them installed.
 */
import {createRequire} from 'node:module';

/** A route as the generated `routes.js` declares it; `key` names its entry in routesChunkNames. */
export type RouteNode = {path: string; exact?: boolean; key: string; routes?: RouteNode[]};

export type ClientManifest = {
  entrypoints: string[];
  origins: Record<string, string[]>;
  assets: Record<string, {js?: {file: string; publicPath: string}[]}>;
};

/**
 * Evaluates the generated route module with `ComponentCreator(path, hash)` standing for the key it
 * has in routesChunkNames (`path-hash`). The file is this build's own output, not user input.
 */
export function routeTree(routesJs: string): RouteNode[] {
  const imports = /^import\s+\w+\s+from\s+'[^']+';\s*$/gm;
  const body = routesJs.replace(imports, '').replace(/^export default\s+/m, 'return ');
  if (body === routesJs || !body.includes('return ')) throw new Error('routes.js: not the module shape Docusaurus generates');
  type Raw = {path: string; exact?: boolean; component: string; routes?: Raw[]};
  const raw = new Function('ComponentCreator', body)((path: string, hash?: string) => (hash === undefined ? path : `${path}-${hash}`)) as Raw[];
  const convert = (r: Raw): RouteNode => ({path: r.path, exact: r.exact, key: r.component, routes: r.routes?.map(convert)});
  return raw.map(convert);
}

/** react-router-config's `matchRoutes`, the function the site's client preloads a route with. */
export type MatchRoutes = (routes: readonly RouteNode[], pathname: string) => {route: RouteNode}[];

/**
 * The same `matchRoutes` the client uses (the copy @docusaurus/core depends on), so a page's list is
 * computed with the client's own matching: exact and prefix routes, case, parameters, first match per level.
 */
export function docusaurusMatchRoutes(): MatchRoutes {
  const fromCore = createRequire(createRequire(__filename).resolve('@docusaurus/core/package.json'));
  return (fromCore('react-router-config') as {matchRoutes: MatchRoutes}).matchRoutes;
}

/**
 * The routes a pathname renders, outermost first, as the client's preload finds them: it matches the
 * path and its decoded form and takes the first that matches anything.
 */
export function matchBranch(tree: readonly RouteNode[], pathname: string, matchRoutes: MatchRoutes): RouteNode[] {
  for (const p of new Set([pathname, decodeURI(pathname)])) {
    const branch = matchRoutes(tree, p);
    if (branch.length > 0) return branch.map((m) => m.route);
  }
  return [];
}

/** Every chunk name in a route's entry (props, content, context: nested objects and lists). */
export function chunkNames(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap(chunkNames);
  if (entry && typeof entry === 'object') return Object.values(entry).flatMap(chunkNames);
  return [];
}

/**
 * The files of the chunk groups the names stand for: the manifest's `origins` lists, by chunk name,
 * the chunks its group loads (the named chunk and the shared chunks split out of it), and `assets`
 * their files. Files of the entry's group are left out (the page requests them anyway); the order is stable.
 */
export function chunkFiles(manifest: ClientManifest, names: readonly string[]): string[] {
  const filesOf = (id: string) => (manifest.assets[id]?.js ?? []).map((js) => js.publicPath);
  const groupFiles = (name: string) => (manifest.origins[name] ?? []).flatMap(filesOf);
  const entryFiles = new Set(manifest.entrypoints.flatMap(groupFiles));
  const out = new Set<string>();
  for (const f of names.flatMap(groupFiles)) if (!entryFiles.has(f)) out.add(f);
  return [...out].sort();
}

/** The files a first visit to `pathname` needs beyond the entry bundles. */
export function routeScripts(tree: readonly RouteNode[], chunkNamesByKey: Record<string, unknown>, manifest: ClientManifest, pathname: string, matchRoutes: MatchRoutes): string[] {
  const names = matchBranch(tree, pathname, matchRoutes).flatMap((r) => chunkNames(chunkNamesByKey[r.key]));
  return chunkFiles(manifest, names);
}

/**
 * Where the build may have written a route's page, most likely first (`/x` → `x.html` with
 * trailingSlash false, `x/index.html` with true; `/404.html` as it is), relative to the output folder.
 */
export function pageFileCandidates(routePath: string, baseUrl: string): string[] {
  const rel = routePath.startsWith(baseUrl) ? routePath.slice(baseUrl.length) : routePath.replace(/^\//, '');
  if (rel === '') return ['index.html'];
  if (rel.endsWith('.html')) return [rel];
  const bare = rel.replace(/\/$/, '');
  return [`${bare}.html`, `${bare}/index.html`];
}

/** The page with its route's files in the loader's `data-chunks`; throws if the page has no loader. */
export function withRouteChunks(html: string, loaderId: string, files: readonly string[]): string {
  // a page written before (postbuild run again on the same build) is rewritten, not refused
  const tag = new RegExp(`<script id=["']?${loaderId}["']?(?: data-chunks="[^"]*")?>`);
  if (!tag.test(html)) throw new Error(`no <script id=${loaderId}> in the page (src/html/ssrTemplate.ts)`);
  if (files.some((f) => !/^[\w/.~-]+$/.test(f))) throw new Error(`route files with unexpected characters: ${files.join(' ')}`);
  return html.replace(tag, `<script id=${loaderId} data-chunks="${files.join(' ')}">`);
}
