/**
 * `npm run serve`: serves build/ as a production host would — precompressed brotli/gzip files
 * (made by scripts/postbuild.ts), long-lived caching for hashed assets, and the security
 * headers of build/_headers on every response. Static serving itself is sirv's.
 * Usage: tsx scripts/serve.ts [--port 3210] [--host 127.0.0.1] [--dir build]
 */
import {createServer, type ServerResponse} from 'node:http';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import sirv from 'sirv';
import {cacheControl, cspFromHeadersFile, securityHeaders} from './lib/headers';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const dir = arg('dir', 'build');
const port = Number(arg('port', process.env.PORT ?? '3210'));
const host = arg('host', '127.0.0.1');
const headersPath = join(dir, '_headers');
if (!existsSync(headersPath)) {
  console.error(`serve: ${headersPath} is missing; run npm run build first`);
  process.exit(1);
}
const csp = cspFromHeadersFile(readFileSync(headersPath, 'utf8'));
if (!csp) {
  console.error(`serve: no Content-Security-Policy in ${headersPath}`);
  process.exit(1);
}
const security = securityHeaders(csp);

function applyHeaders(res: ServerResponse, pathname: string): void {
  for (const [k, v] of Object.entries(security)) res.setHeader(k, v);
  res.setHeader('Cache-Control', cacheControl(pathname));
}

const notFound = readFileSync(join(dir, '404.html'));
const assets = sirv(dir, {
  dev: false,
  etag: true,
  brotli: true,
  gzip: true,
  extensions: ['html'],
  setHeaders: (res, pathname) => applyHeaders(res, pathname),
});

createServer((req, res) => {
  assets(req, res, () => {
    applyHeaders(res, '/404.html');
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(notFound);
  });
}).listen(port, host, () => console.log(`serving ${dir} at http://${host}:${port}/`));
