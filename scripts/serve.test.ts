// The production server as a process: `tsx scripts/serve.ts` on a free port, serving a small site
// built into a temporary folder by the real postbuild step (headers file, .br/.gz files), gets
// the requests a hostile or broken client sends. Each must get the answer RFC 9110 gives it, with
// the site's headers, and the process must still serve afterwards.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {request as httpRequest} from 'node:http';
import {connect, createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {brotliDecompressSync, gunzipSync} from 'node:zlib';

const tmp = mkdtempSync(join(tmpdir(), 'serve-test-'));
const site = join(tmp, 'site');
const SECRET = 'outside-the-site-root-secret';
const INLINE = "document.documentElement.dataset.x='1'";

function page(title: string): string {
  // long enough to be precompressed (postbuild skips files under 256 bytes)
  return `<!doctype html><html><head><title>${title}</title><script>${INLINE}</script></head><body><h1>${title}</h1>${'<p>Dovecot services. '.repeat(40)}</body></html>`;
}

function buildFixture(): void {
  const files: Record<string, string | Buffer> = {
    'index.html': page('Home'),
    'services.html': page('Services'),
    '404.html': page('Page Not Found'),
    'guide/index.html': page('Guide'),
    'assets/js/main.0123abcd.js': `console.log(${JSON.stringify('x'.repeat(5000))});`,
    'assets/big.bin': Buffer.alloc(8 * 1024 * 1024, 7),
    'img/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    '.hidden': SECRET,
    'empty.txt': '',
  };
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(site, name, '..'), {recursive: true});
    writeFileSync(join(site, name), body);
  }
  writeFileSync(join(tmp, 'outside.txt'), SECRET);
  const r = spawnSync('node_modules/.bin/tsx', ['scripts/postbuild.ts', site], {encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`postbuild failed: ${r.stderr}`);
  // a hand-edited block the server cannot send (a space in a header name): one request fails
  writeFileSync(join(site, '_headers'), `${readFileSync(join(site, '_headers'), 'utf8')}\n/broken/*\n  Bad Name: x\n`);
  mkdirSync(join(site, 'broken'));
  writeFileSync(join(site, 'broken', 'page.html'), page('Broken'));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const {port} = s.address() as {port: number};
      s.close(() => resolve(port));
    });
  });
}

let port = 0;
let server: ChildProcess;
let stderr = '';

beforeAll(async () => {
  buildFixture();
  port = await freePort();
  server = spawn('node_modules/.bin/tsx', ['scripts/serve.ts', '--port', String(port), '--host', '127.0.0.1', '--dir', site], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    server.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('serving')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
});

afterAll(() => {
  server?.kill();
  rmSync(tmp, {recursive: true, force: true});
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({host: '127.0.0.1', port, path, method, headers, agent: false}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends bytes as they are (request lines http.request would refuse); the raw answer. */
function raw(text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    // the server may close while a long request is still being written: keep what it answered
    s.on('error', () => resolve(out));
    s.setTimeout(5000, () => {
      s.destroy();
      resolve(out);
    });
  });
}

const file = (name: string) => readFileSync(join(site, name));
const index = () => file('index.html');

/** The `/*` block of the fixture's _headers, read back independently of the server's parser. */
function siteHeaders(): [string, string][] {
  const text = readFileSync(join(site, '_headers'), 'utf8');
  const block = text.split(/\n(?=\S)/).find((b) => b.startsWith('/*\n'))!;
  return block
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
    });
}

function expectSiteHeaders(a: Answer): void {
  const expected = siteHeaders();
  expect(expected.length).toBeGreaterThanOrEqual(5);
  for (const [k, v] of expected) expect(a.headers[k], k).toBe(v);
}

describe('the fixture', () => {
  it('has a CSP allowing exactly its inline script', () => {
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(siteHeaders().find(([k]) => k === 'content-security-policy')?.[1]).toContain(`'sha256-${hash}'`);
  });
});

describe('byte ranges', () => {
  it.each(['bytes=5-1', 'bytes=2-1', 'bytes=abc', 'bytes=', 'items=0-5', 'bytes 0-5', 'bytes=-1-2', 'bytes=0-1,5-6', 'bytes=+1-2'])(
    'a malformed or invalid %j is ignored: 200 with the whole file',
    async (range) => {
      const a = await get('/', {Range: range});
      expect(a.status).toBe(200);
      expect(a.body.equals(index())).toBe(true);
      expect(a.headers['content-range']).toBeUndefined();
      expect(a.headers['accept-ranges']).toBe('bytes');
    },
  );

  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=10-', 10, -1],
    ['bytes=-10', -10, -1],
    ['bytes=-1', -1, -1],
    ['bytes=0-99999999999999999999', 0, -1],
    ['bytes=-99999999', 0, -1],
    ['bytes=0-3,4-7', 0, 7],
    ['bytes=0-0', 0, 0],
  ])('%j → 206 with exactly those bytes', async (range, from, to) => {
    const whole = index();
    const start = from < 0 ? whole.length + from : from;
    const end = to < 0 ? whole.length + to : to;
    const a = await get('/', {Range: range});
    expect(a.status).toBe(206);
    expect(a.headers['content-range']).toBe(`bytes ${start}-${end}/${whole.length}`);
    expect(Number(a.headers['content-length'])).toBe(end - start + 1);
    expect(a.body.equals(whole.subarray(start, end + 1))).toBe(true);
    expectSiteHeaders(a);
  });

  it.each(['bytes=999999-', 'bytes=99999999999999999999-', 'bytes=-0', 'bytes=999999-9999999,888888-'])(
    '%j → 416 with Content-Range: bytes */length',
    async (range) => {
      const a = await get('/', {Range: range});
      expect(a.status).toBe(416);
      expect(a.headers['content-range']).toBe(`bytes */${index().length}`);
      expectSiteHeaders(a);
    },
  );

  it('a range at exactly the length is unsatisfiable, one byte before it is not', async () => {
    const n = index().length;
    expect((await get('/', {Range: `bytes=${n}-`})).status).toBe(416);
    const last = await get('/', {Range: `bytes=${n - 1}-`});
    expect(last.status).toBe(206);
    expect(last.body.length).toBe(1);
  });

  it('ranges apply to the coding sent: a range of the brotli file', async () => {
    const a = await get('/', {Range: 'bytes=0-3', 'Accept-Encoding': 'br'});
    expect(a.status).toBe(206);
    expect(a.headers['content-encoding']).toBe('br');
    const br = file('index.html.br');
    expect(a.headers['content-range']).toBe(`bytes 0-3/${br.length}`);
    expect(a.body.equals(br.subarray(0, 4))).toBe(true);
  });

  it('HEAD and a 404 ignore Range', async () => {
    const head = await get('/', {Range: 'bytes=0-9'}, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(index().length);
    expect(head.body.length).toBe(0);
    const missing = await get('/nope', {Range: 'bytes=5-1'});
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('Page Not Found');
  });

  it('If-Range: the range only for the current representation', async () => {
    const {headers} = await get('/');
    const etag = String(headers.etag);
    const lastModified = String(headers['last-modified']);
    expect((await get('/', {Range: 'bytes=0-9', 'If-Range': etag})).status).toBe(206);
    expect((await get('/', {Range: 'bytes=0-9', 'If-Range': lastModified})).status).toBe(206);
    expect((await get('/', {Range: 'bytes=0-9', 'If-Range': '"stale"'})).status).toBe(200);
    expect((await get('/', {Range: 'bytes=0-9', 'If-Range': `W/${etag}`})).status).toBe(200);
  });

  it('an empty file ignores ranges it cannot satisfy without crashing', async () => {
    const a = await get('/empty.txt', {Range: 'bytes=0-0'});
    expect(a.status).toBe(416);
    expect(a.headers['content-range']).toBe('bytes */0');
    expect((await get('/empty.txt')).status).toBe(200);
  });
});

describe('methods', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL'])('%s → 405 with Allow: GET, HEAD', async (method) => {
    const a = await get('/services', {}, method);
    expect(a.status).toBe(405);
    expect(a.headers.allow).toBe('GET, HEAD');
    expect(a.body.toString()).not.toContain('<html');
    expectSiteHeaders(a);
  });

  it('a method HTTP does not define is a bad request (refused by the HTTP parser)', async () => {
    expect(await raw('FOO / HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('CONNECT → 405, not a dropped connection', async () => {
    expect(await raw('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')).toMatch(/^HTTP\/1\.1 405 .*\r\nAllow: GET, HEAD\r\n/);
  });

  it('HEAD → the headers of GET without a body', async () => {
    const getA = await get('/services', {'Accept-Encoding': 'gzip'});
    const head = await get('/services', {'Accept-Encoding': 'gzip'}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const k of ['content-length', 'content-type', 'content-encoding', 'etag', 'cache-control', 'vary']) {
      expect(head.headers[k], k).toBe(getA.headers[k]);
    }
  });
});

describe('content codings', () => {
  const plainHtml = () => file('services.html');
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['gzip;q=0', undefined],
    ['br;q=0', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0, identity', undefined],
    ['identity', undefined],
    ['deflate', undefined],
  ] as const)('Accept-Encoding %j → %s', async (accept, coding) => {
    const a = await get('/services', {'Accept-Encoding': accept});
    expect(a.status).toBe(200);
    expect(a.headers['content-encoding']).toBe(coding);
    expect(a.headers.vary).toBe('Accept-Encoding');
    const body = coding === 'br' ? brotliDecompressSync(a.body) : coding === 'gzip' ? gunzipSync(a.body) : a.body;
    expect(body.equals(plainHtml())).toBe(true);
  });

  it('an empty Accept-Encoding asks for no coding', async () => {
    const a = await raw('GET /services HTTP/1.1\r\nHost: x\r\nAccept-Encoding:\r\nConnection: close\r\n\r\n');
    expect(a).toMatch(/^HTTP\/1\.1 200 /);
    expect(a).not.toMatch(/\r\nContent-Encoding:/i);
  });

  it.each(['identity;q=0', '*;q=0', 'br;q=0, gzip;q=0, identity;q=0'])('%j refuses everything there is → 406', async (accept) => {
    const a = await get('/services', {'Accept-Encoding': accept});
    expect(a.status).toBe(406);
    expect(a.headers.vary).toBe('Accept-Encoding');
    expectSiteHeaders(a);
  });

  it('a file too small to be precompressed is sent as it is', async () => {
    const a = await get('/img/logo.svg', {'Accept-Encoding': 'br, gzip'});
    expect(a.headers['content-encoding']).toBeUndefined();
    expect(a.body.equals(file('img/logo.svg'))).toBe(true);
    expect((await get('/img/logo.svg', {'Accept-Encoding': 'br, identity;q=0'})).status).toBe(406);
  });
});

describe('conditional requests', () => {
  it('If-None-Match → 304 with ETag, Vary, Cache-Control and the security headers', async () => {
    const first = await get('/services', {'Accept-Encoding': 'br'});
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const a = await get('/services', {'Accept-Encoding': 'br', 'If-None-Match': inm});
      expect(a.status, inm).toBe(304);
      expect(a.body.length).toBe(0);
      expect(a.headers.etag).toBe(etag);
      expect(a.headers.vary).toBe('Accept-Encoding');
      expect(a.headers['cache-control']).toBe('no-cache');
      expectSiteHeaders(a);
    }
  });

  it("each coding has its own tag: the brotli tag does not validate the gzip body", async () => {
    const br = await get('/services', {'Accept-Encoding': 'br'});
    const gz = await get('/services', {'Accept-Encoding': 'gzip', 'If-None-Match': String(br.headers.etag)});
    expect(gz.status).toBe(200);
    expect(gz.headers.etag).not.toBe(br.headers.etag);
  });

  it('a 304 for a hashed asset keeps its year-long caching', async () => {
    const first = await get('/assets/js/main.0123abcd.js');
    const a = await get('/assets/js/main.0123abcd.js', {'If-None-Match': String(first.headers.etag)});
    expect(a.status).toBe(304);
    expect(a.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('If-Modified-Since, and If-None-Match taking precedence over it', async () => {
    const {headers} = await get('/services');
    const lm = String(headers['last-modified']);
    expect((await get('/services', {'If-Modified-Since': lm})).status).toBe(304);
    expect((await get('/services', {'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT'})).status).toBe(200);
    expect((await get('/services', {'If-Modified-Since': 'not a date'})).status).toBe(200);
    expect((await get('/services', {'If-Modified-Since': lm, 'If-None-Match': '"other"'})).status).toBe(200);
    expect((await get('/services', {'If-Modified-Since': lm}, 'HEAD')).status).toBe(304);
  });

  it('If-Match and If-Unmodified-Since → 412 when they fail', async () => {
    const {headers} = await get('/services');
    expect((await get('/services', {'If-Match': '"other"'})).status).toBe(412);
    expect((await get('/services', {'If-Match': String(headers.etag)})).status).toBe(200);
    expect((await get('/services', {'If-Match': '*'})).status).toBe(200);
    expect((await get('/services', {'If-Unmodified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT'})).status).toBe(412);
    expect((await get('/services', {'If-Unmodified-Since': String(headers['last-modified'])})).status).toBe(200);
  });
});

describe('paths', () => {
  it.each([
    ['/../outside.txt', 400],
    ['/../../../../etc/passwd', 400],
    ['/%2e%2e/outside.txt', 400],
    ['/assets/../../outside.txt', 400],
    ['/..%2foutside.txt', 400],
    ['/..%5coutside.txt', 400],
    ['/services.html%00.png', 400],
    ['/%', 400],
    ['/%E0%A4%A', 400],
    ['/%C0%AF', 400],
    ['/.hidden', 404],
    ['/assets/../.hidden', 404],
    ['/_headers', 404],
    ['//etc/passwd', 404],
    ['http://evil.example/../outside.txt', 404],
  ])('%s → %i, never a file outside the site or a hidden one', async (path, status) => {
    const a = await get(path);
    expect(a.status).toBe(status);
    expect(a.body.toString()).not.toContain(SECRET);
    expectSiteHeaders(a);
  });

  it('raw request lines the client library would clean up', async () => {
    for (const line of ['GET /../outside.txt HTTP/1.1', 'GET /./../outside.txt HTTP/1.0', 'GET * HTTP/1.1', 'GET outside.txt HTTP/1.1']) {
      const a = await raw(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(a, line).toMatch(/^HTTP\/1\.[01] 400 /);
      expect(a).not.toContain(SECRET);
    }
  });

  it('X finds X.html and X/index.html; X/ redirects to X on this site only', async () => {
    expect((await get('/services')).body.toString()).toContain('<h1>Services</h1>');
    expect((await get('/services.html')).body.toString()).toContain('<h1>Services</h1>');
    expect((await get('/guide')).body.toString()).toContain('<h1>Guide</h1>');
    expect((await get('/assets/../services')).body.toString()).toContain('<h1>Services</h1>');
    const slash = await get('/services/?s=1;v=2.4&cl=10');
    expect(slash.status).toBe(301);
    expect(slash.headers.location).toBe('/services?s=1;v=2.4&cl=10');
    const evil = await get('//evil.example/');
    expect(evil.status).toBe(404);
    expect(evil.headers.location).toBeUndefined();
    expect((await get('/nope/')).status).toBe(404);
  });

  it('unknown paths get the 404 page, never cached as an asset', async () => {
    for (const path of ['/nope', '/assets/js/nope.js']) {
      const a = await get(path, {'Accept-Encoding': 'gzip'});
      expect(a.status).toBe(404);
      expect(gunzipSync(a.body).toString()).toContain('Page Not Found');
      expect(a.headers['cache-control']).toBe('no-cache');
      expectSiteHeaders(a);
    }
  });

  it('very long URLs: 414 for the path, the page for a long query, 431 past the header limit', async () => {
    const path = await get(`/${'a'.repeat(5000)}`);
    expect(path.status).toBe(414);
    expectSiteHeaders(path);
    const query = await get(`/services?${'q'.repeat(10_000)}`);
    expect(query.status).toBe(200);
    expect(await raw(`GET /?${'a'.repeat(40_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
  });
});

describe('the process', () => {
  it('a request that fails inside the server gets a 500 and a log line', async () => {
    const a = await get('/broken/page');
    expect(a.status).toBe(500);
    expectSiteHeaders(a);
    await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toContain('GET /broken/page');
  });

  it('a client that hangs up mid-download does not disturb the server', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest({host: '127.0.0.1', port, path: '/assets/big.bin', agent: false}, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end();
    });
    const a = await get('/assets/big.bin', {Range: 'bytes=-5'});
    expect(a.status).toBe(206);
    expect([...a.body]).toEqual([7, 7, 7, 7, 7]);
  });

  it('still serves after everything above, and never exited', async () => {
    // the crash of issue 19, once more, then a plain request
    await get('/', {Range: 'bytes=5-1'}).catch(() => undefined);
    const many = await Promise.all(Array.from({length: 20}, () => get('/', {Range: 'bytes=0-99999999999999999999'})));
    expect(many.every((a) => a.status === 206)).toBe(true);
    const a = await get('/');
    expect(a.status).toBe(200);
    expect(a.body.equals(index())).toBe(true);
    expect(server.exitCode).toBeNull();
    expect(stderr).not.toMatch(/ERR_OUT_OF_RANGE|uncaught|Unhandled/i);
  });
});
