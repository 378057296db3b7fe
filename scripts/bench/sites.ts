/**
 * The sites the bench loads, each served by the production server's handler
 * (scripts/lib/static-handler.ts) with precompressed brotli and gzip files, so that every site
 * meets the same server: this site's build/, and, for the comparison, a peer tool's built folder
 * (copied to a temporary folder and precompressed there; the original is never written to).
 */
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {parseHeadersFile} from '../lib/headers';
import {filesUnder, precompress} from '../lib/precompress';
import {createStaticHandler} from '../lib/static-handler';

export type Served = {origin: string; close: () => Promise<void>};

export async function serveFolder(root: string, port: number): Promise<Served> {
  const headersPath = join(root, '_headers');
  const rules = existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, 'utf8')) : [];
  const server: Server = createServer(createStaticHandler({root: resolve(root), rules, log: () => undefined}));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A precompressed copy of a peer's built site; `remove` deletes it. */
export function peerCopy(dir: string): {root: string; remove: () => void} {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no built site at ${dir} (index.html missing)`);
  const root = mkdtempSync(join(tmpdir(), 'bench-peer-'));
  cpSync(dir, root, {recursive: true});
  precompress(filesUnder(root));
  return {root, remove: () => rmSync(root, {recursive: true, force: true})};
}
