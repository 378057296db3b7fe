/**
 * The production server's request handler: serves a built site folder the way the deploy notes
 * in the README ask of any host. `/X` finds `X`, `X.html` or `X/index.html`; `/X/` redirects to
 * `/X`; a precompressed `.br` or `.gz` next to a file is sent when the client accepts it; every
 * response carries the headers `_headers` gives its path; ranges, conditionals and methods follow
 * RFC 9110 (the rules themselves are in http.ts). A request that fails in any way gets an answer
 * and a log line; it never ends the process.
 */
import type {Stats} from 'node:fs';
import {open, stat, type FileHandle} from 'node:fs/promises';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {join} from 'node:path';
import {pipeline} from 'node:stream';
import {cacheControl, headersForPath, type HeaderRule} from './headers';
import {
  contentType,
  entityTag,
  httpDate,
  ifMatchPasses,
  ifRangePasses,
  negotiateEncoding,
  noneMatchHits,
  parseRange,
  parseRequestPath,
  safeQuery,
  type Coding,
} from './http';

export interface StaticOptions {
  /** The folder to serve (absolute). */
  readonly root: string;
  /** The blocks of the folder's `_headers`. */
  readonly rules: readonly HeaderRule[];
  /** Where request failures are reported. */
  readonly log?: (message: string) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ALLOW = 'GET, HEAD';
const SUFFIX: Record<Exclude<Coding, 'identity'>, string> = {br: '.br', gzip: '.gz'};

interface Found {
  /** The file's URL path, e.g. `/services.html`. */
  readonly urlPath: string;
  readonly file: string;
}

/** A request header that may appear once; repeated ones are joined as a list (RFC 9110 §5.3). */
function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

async function fileStats(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null; // ENOENT, ENOTDIR, ENAMETOOLONG, EACCES: not a file we serve
  }
}

export function createStaticHandler({root, rules, log = (m) => console.error(m)}: StaticOptions): Handler {
  async function find(segments: readonly string[]): Promise<Found | null> {
    // hidden files and the deploy's own header file are not part of the site
    if (segments.some((s) => s.startsWith('.')) || (segments.length === 1 && segments[0] === '_headers')) return null;
    const base = segments.join('/');
    const candidates = base === '' ? ['index.html'] : [base, `${base}.html`, `${base}/index.html`];
    for (const rel of candidates) {
      const file = join(root, ...rel.split('/'));
      if (await fileStats(file)) return {urlPath: `/${rel}`, file};
    }
    return null;
  }

  /** Headers for a path from `_headers`; responses that are not the file itself are not cached. */
  function baseHeaders(res: ServerResponse, path: string, cache: string): void {
    for (const [k, v] of headersForPath(rules, path)) res.setHeader(k, v);
    res.setHeader('Cache-Control', cache);
  }

  function plain(req: IncomingMessage, res: ServerResponse, status: number, text: string, path = '/'): void {
    baseHeaders(res, path, 'no-cache');
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(req.method === 'HEAD' ? undefined : text);
  }

  /** Sends `found` (or its precompressed variant) with status 200/206/304/404/406/412/416. */
  async function send(req: IncomingMessage, res: ServerResponse, found: Found, requestPath: string, status: 200 | 404): Promise<void> {
    const variants: Coding[] = [];
    for (const c of ['br', 'gzip'] as const) {
      if (await fileStats(found.file + SUFFIX[c])) variants.push(c);
    }
    const cache = status === 200 ? (headersForPath(rules, requestPath).get('Cache-Control') ?? cacheControl(found.urlPath)) : 'no-cache';
    baseHeaders(res, requestPath, cache);
    res.setHeader('Vary', 'Accept-Encoding');

    const coding = negotiateEncoding(req.headers['accept-encoding'], variants);
    if (coding === null) return plain(req, res, 406, 'None of the content codings this client accepts is available.\n', requestPath);
    const file = coding === 'identity' ? found.file : found.file + SUFFIX[coding];
    // opened before anything is sent, so a file that cannot be read is a 500, not a cut-off body
    const fd = await open(file, 'r');
    let streaming = false;
    try {
      streaming = await sendOpened(req, res, fd, await fd.stat(), found, requestPath, status, coding);
    } finally {
      if (!streaming) await fd.close();
    }
  }

  /** Sends an opened file; true when a stream now owns `fd`. */
  async function sendOpened(
    req: IncomingMessage,
    res: ServerResponse,
    fd: FileHandle,
    stats: Stats,
    found: Found,
    requestPath: string,
    status: 200 | 404,
    coding: Coding,
  ): Promise<boolean> {
    const etag = entityTag(stats.size, stats.mtimeMs, coding);
    const lastModified = stats.mtime.toUTCString();
    const mtime = Math.floor(stats.mtimeMs / 1000);

    if (status === 200) {
      res.setHeader('ETag', etag);
      res.setHeader('Last-Modified', lastModified);
      // preconditions in the order of RFC 9110 §13.2.2
      const ifMatch = req.headers['if-match'];
      const unmodifiedSince = httpDate(req.headers['if-unmodified-since']);
      if (ifMatch !== undefined ? !ifMatchPasses(ifMatch, etag) : unmodifiedSince !== null && mtime > unmodifiedSince) {
        plain(req, res, 412, 'The precondition failed: the file has changed.\n', requestPath);
        return false;
      }
      const ifNoneMatch = req.headers['if-none-match'];
      const modifiedSince = httpDate(req.headers['if-modified-since']);
      if (ifNoneMatch !== undefined ? noneMatchHits(ifNoneMatch, etag) : modifiedSince !== null && mtime <= modifiedSince) {
        res.statusCode = 304;
        res.end();
        return false;
      }
      res.setHeader('Accept-Ranges', 'bytes');
    }

    res.setHeader('Content-Type', contentType(found.urlPath));
    if (coding !== 'identity') res.setHeader('Content-Encoding', coding);

    let start = 0;
    let end = stats.size - 1;
    res.statusCode = status;
    // Range is defined for GET only (RFC 9110 §14.2), and only when the answer would be 200.
    if (status === 200 && req.method === 'GET' && ifRangePasses(header(req, 'if-range'), etag, lastModified)) {
      const range = parseRange(req.headers.range, stats.size);
      if (range.kind === 'unsatisfiable') {
        res.statusCode = 416;
        res.removeHeader('Content-Encoding');
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Range', `bytes */${stats.size}`);
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        const text = 'The requested range is outside the file.\n';
        res.setHeader('Content-Length', Buffer.byteLength(text));
        res.end(text);
        return false;
      }
      if (range.kind === 'range') {
        ({start, end} = range);
        res.statusCode = 206;
        res.setHeader('Content-Range', `bytes ${start}-${end}/${stats.size}`);
      }
    }
    res.setHeader('Content-Length', Math.max(0, end - start + 1));
    if (req.method === 'HEAD' || end < start) {
      res.end();
      return false;
    }
    pipeline(fd.createReadStream({start, end}), res, (err) => {
      if (err && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        log(`serve: ${req.method} ${req.url}: reading ${found.file} failed: ${err.message}`);
      }
    });
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', ALLOW);
      return plain(req, res, 405, `${req.method} is not allowed here; this site answers ${ALLOW}.\n`);
    }
    const path = parseRequestPath(target);
    if (!path.ok) return plain(req, res, path.status, `Bad request: ${path.reason}.\n`);
    const requestPath = `/${path.segments.join('/')}`;

    const found = await find(path.segments);
    if (found && path.trailingSlash) {
      baseHeaders(res, requestPath, 'no-cache');
      res.statusCode = 301;
      // the segments were checked, so this is a path on this site, never `//host`
      res.setHeader('Location', `/${path.segments.map(encodeURIComponent).join('/')}${safeQuery(target)}`);
      res.end();
      return;
    }
    if (found) return send(req, res, found, requestPath, 200);

    const notFound = await find(['404.html']);
    if (!notFound) return plain(req, res, 404, 'Not found.\n', requestPath);
    return send(req, res, notFound, requestPath, 404);
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      log(`serve: ${req.method} ${req.url}: ${e.stack ?? e.message}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      try {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        plain(req, res, 500, 'Internal server error.\n');
      } catch {
        res.destroy();
      }
    });
  };
}
