/**
 * The HTTP rules the production server (scripts/serve.ts) follows, as pure functions: request
 * paths to safe file paths, byte ranges, content-coding negotiation and validators, each as RFC
 * 9110 defines them (https://www.rfc-editor.org/rfc/rfc9110). No I/O here, so every rule is
 * unit-tested on its own (http.test.ts) and the server only wires them together.
 */

// --- request paths --------------------------------------------------------------------------------

/** Longest path (before the query) the server reads; longer ones get 414. */
export const MAX_PATH_LENGTH = 1024;

export type PathResult =
  | {ok: true; segments: string[]; trailingSlash: boolean}
  | {ok: false; status: 400 | 414; reason: string};

/**
 * The request target's path as file-system-safe segments: percent-decoded one segment at a time,
 * dot segments resolved (RFC 3986 §5.2.4), empty segments dropped. Anything that could name a
 * file outside the served folder is refused: a `..` above the root, an encoded `/` or `\`, a NUL.
 * `target` is the request line's target: origin form (`/a?b`) or absolute form (`http://h/a`).
 */
export function parseRequestPath(target: string): PathResult {
  let path: string;
  if (target.startsWith('/')) {
    path = target;
  } else if (/^https?:\/\//i.test(target) && URL.canParse(target)) {
    path = new URL(target).pathname;
  } else {
    return {ok: false, status: 400, reason: 'the request target is not a path'};
  }
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  if (path.length > MAX_PATH_LENGTH) return {ok: false, status: 414, reason: `the path is longer than ${MAX_PATH_LENGTH} characters`};

  const segments: string[] = [];
  let last = '';
  for (const piece of path.split('/').slice(1)) {
    try {
      last = decodeURIComponent(piece);
    } catch {
      return {ok: false, status: 400, reason: 'the path is not valid percent-encoding'};
    }
    if (/[/\\\0]/.test(last)) return {ok: false, status: 400, reason: 'the path contains an encoded slash, backslash or NUL'};
    if (last === '' || last === '.') continue;
    if (last === '..') {
      if (segments.length === 0) return {ok: false, status: 400, reason: 'the path leaves the site root'};
      segments.pop();
      continue;
    }
    segments.push(last);
  }
  // "/a/", "/a/." and "/a/b/.." all name the directory a/
  const trailingSlash = segments.length > 0 && (last === '' || last === '.' || last === '..');
  return {ok: true, segments, trailingSlash};
}

/** A query string from a request, made safe to repeat in a Location header. */
export function safeQuery(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return '';
  const query = target.slice(q).replace(/#.*$/s, '');
  return query.replace(/[^\x21-\x7e]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(ch);
  });
}

// --- byte ranges (RFC 9110 §14) ---------------------------------------------------------------

export type RangeResult =
  /** No Range, or one the server ignores (malformed, invalid, several disjoint ranges): send 200. */
  | {kind: 'ignore'}
  /** Valid but no range overlaps the representation: send 416 with `Content-Range: bytes *\/size`. */
  | {kind: 'unsatisfiable'}
  /** One range (several overlapping or adjacent ones are merged): send 206. */
  | {kind: 'range'; start: number; end: number};

/** More range-specs than this is a broken client or an attack (RFC 9110 §14.2): ignored. */
export const MAX_RANGES = 16;

const DIGITS = /^\d+$/;

/** A position; longer digit strings than any file size become Infinity (still comparable). */
function position(digits: string): number {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return trimmed.length > 15 ? Infinity : Number(trimmed);
}

/**
 * Reads a Range header for a representation of `size` bytes. Follows RFC 9110: a header with a
 * syntax error, an unknown unit or an invalid range-spec (last-pos < first-pos) is ignored
 * (§14.2 lets a server ignore it); a valid one of which no range-spec is satisfiable (§14.1.1:
 * first-pos ≥ size, or a zero suffix-length) is 416; otherwise the satisfiable ranges, clamped
 * to the end, are merged, and if they become one range it is sent as 206 (several disjoint ones
 * are ignored rather than sent as multipart: a server may always send the whole representation).
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return {kind: 'ignore'};
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).toLowerCase() !== 'bytes') return {kind: 'ignore'};
  const specs = header
    .slice(eq + 1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (specs.length === 0 || specs.length > MAX_RANGES) return {kind: 'ignore'};

  const ranges: {start: number; end: number}[] = [];
  for (const spec of specs) {
    const dash = spec.indexOf('-');
    if (dash < 0) return {kind: 'ignore'};
    const first = spec.slice(0, dash);
    const last = spec.slice(dash + 1);
    if (first === '') {
      // suffix-range: the last N bytes
      if (!DIGITS.test(last)) return {kind: 'ignore'};
      const n = position(last);
      if (n === 0 || size === 0) continue;
      ranges.push({start: Math.max(0, size - n), end: size - 1});
      continue;
    }
    if (!DIGITS.test(first) || (last !== '' && !DIGITS.test(last))) return {kind: 'ignore'};
    const start = position(first);
    const end = last === '' ? Infinity : position(last);
    if (end < start) return {kind: 'ignore'};
    if (start >= size) continue;
    ranges.push({start, end: Math.min(end, size - 1)});
  }
  if (ranges.length === 0) return {kind: 'unsatisfiable'};

  ranges.sort((a, b) => a.start - b.start);
  const merged = [ranges[0]];
  for (const r of ranges.slice(1)) {
    const top = merged[merged.length - 1];
    if (r.start <= top.end + 1) top.end = Math.max(top.end, r.end);
    else merged.push({...r});
  }
  return merged.length === 1 ? {kind: 'range', ...merged[0]} : {kind: 'ignore'};
}

// --- content codings (RFC 9110 §12.5.3) ------------------------------------------------------

export type Coding = 'br' | 'gzip' | 'identity';

/** The server's preference when the client weighs codings equally. */
const PREFERENCE: readonly Coding[] = ['br', 'gzip', 'identity'];

/** A qvalue (§12.4.2): 0 to 1 with at most three decimals; anything else is not one. */
function qvalue(text: string): number | null {
  return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text) ? Number(text) : null;
}

/**
 * The content coding to send, from what the client accepts and the precompressed files there
 * are (`available`, besides identity), or null when none is acceptable (406). No header means
 * identity (the client said nothing; a plain body is always understood); an empty header means
 * "no coding" (§12.5.3). `identity` is acceptable unless refused by `identity;q=0` or by `*;q=0`
 * without an identity entry. Equal weights prefer br, then gzip, then identity.
 */
export function negotiateEncoding(header: string | undefined, available: readonly Coding[]): Coding | null {
  if (header === undefined) return 'identity';
  const weights = new Map<string, number>();
  for (const element of header.split(',')) {
    const [name, ...params] = element.split(';').map((s) => s.trim());
    if (!name) continue;
    let q: number | null = 1;
    for (const p of params) {
      const m = /^q\s*=\s*(.*)$/i.exec(p);
      if (m) q = qvalue(m[1].trim());
    }
    if (q === null) continue; // a malformed weight: the element is not understood
    let coding = name.toLowerCase();
    if (coding === 'x-gzip') coding = 'gzip';
    if (!weights.has(coding)) weights.set(coding, q);
  }
  const star = weights.get('*');
  const weightOf = (c: Coding): number => {
    const own = weights.get(c);
    if (own !== undefined) return own;
    if (star !== undefined) return star;
    // identity is acceptable unless refused; rank it below anything the client named
    return c === 'identity' ? 0.0005 : 0;
  };
  let best: Coding | null = null;
  let bestQ = 0;
  for (const c of PREFERENCE) {
    if (c !== 'identity' && !available.includes(c)) continue;
    const q = weightOf(c);
    if (q > bestQ) {
      best = c;
      bestQ = q;
    }
  }
  return best;
}

// --- validators and preconditions (RFC 9110 §8.8, §13) ----------------------------------------

/** A strong entity tag for one file's bytes, different for each coding of it. */
export function entityTag(size: number, mtimeMs: number, coding: Coding): string {
  return `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}${coding === 'identity' ? '' : `-${coding}`}"`;
}

/** The entity tags of an If-Match / If-None-Match list, or '*'. Malformed entries are dropped. */
function tagList(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

/** If-Match: strong comparison (§13.1.1). */
export function ifMatchPasses(header: string, etag: string): boolean {
  const list = tagList(header);
  return list === '*' || list.some((t) => !t.startsWith('W/') && t === etag);
}

/** If-None-Match: weak comparison (§13.1.2); true when the client's copy is current. */
export function noneMatchHits(header: string, etag: string): boolean {
  const list = tagList(header);
  const bare = etag.replace(/^W\//, '');
  return list === '*' || list.some((t) => t.replace(/^W\//, '') === bare);
}

/** An HTTP-date in seconds, or null when it is not one (the header is then ignored). */
export function httpDate(text: string | undefined): number | null {
  if (!text || text.length > 64) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/**
 * If-Range (§13.1.5): the range applies only if the validator names the current representation:
 * a strong entity tag equal to ours, or exactly our Last-Modified date.
 */
export function ifRangePasses(header: string | undefined, etag: string, lastModified: string): boolean {
  if (header === undefined) return true;
  const v = header.trim();
  if (v.startsWith('"')) return v === etag;
  if (v.startsWith('W/')) return false;
  return v === lastModified;
}

// --- media types ----------------------------------------------------------------------------------

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
};

/** The Content-Type of a file by its extension; unknown kinds are plain bytes. */
export function contentType(file: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(file);
  return (m && TYPES[m[1].toLowerCase()]) || 'application/octet-stream';
}
