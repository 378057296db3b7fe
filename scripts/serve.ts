/**
 * `npm run serve`: serves build/ as a production host would — the headers of build/_headers on
 * every response, precompressed brotli/gzip files (made by scripts/postbuild.ts), `X` → `X.html`,
 * and HTTP ranges, conditionals and methods as RFC 9110 has them (scripts/lib/static-handler.ts).
 * A request that fails is answered and logged; no request can stop the server.
 * Usage: tsx scripts/serve.ts [--port 3210] [--host 127.0.0.1] [--dir build]
 */
import {createServer} from 'node:http';
import {existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {cspFromHeadersFile, parseHeadersFile} from './lib/headers';
import {createStaticHandler} from './lib/static-handler';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const dir = resolve(arg('dir', 'build'));
const port = Number(arg('port', process.env.PORT ?? '3210'));
const host = arg('host', '127.0.0.1');
const headersPath = join(dir, '_headers');
if (!existsSync(headersPath)) {
  console.error(`serve: ${headersPath} is missing; run npm run build first`);
  process.exit(1);
}
const headersText = readFileSync(headersPath, 'utf8');
if (!cspFromHeadersFile(headersText)) {
  console.error(`serve: no Content-Security-Policy in ${headersPath}`);
  process.exit(1);
}

const server = createServer(createStaticHandler({root: dir, rules: parseHeadersFile(headersText)}));
// CONNECT never reaches the request handler; answer it here instead of dropping the connection
server.on('connect', (_req, socket) => {
  socket.on('error', () => undefined);
  socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
});
server.on('error', (err) => {
  console.error(`serve: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.log(`serving ${dir} at http://${host}:${port}/`));
