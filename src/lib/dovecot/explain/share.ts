/**
 * Share links: the pasted text, compressed with the browser's own CompressionStream
 * ('deflate-raw'), base64url-encoded, in the URL `#fragment` (never the query, so it never reaches
 * a server). Decoding stops reading past the input limit, so a crafted link cannot blow up.
 */
import type {DovecotVersion} from '../../version';

/** Longest fragment a link may carry; mail clients and chat tools mangle longer URLs. */
export const MAX_SHARE_FRAGMENT = 32_000;
/** Most bytes a share link may decompress to. */
export const MAX_SHARED_TEXT_BYTES = 1_048_576;

export type ShareResult = {ok: true; fragment: string} | {ok: false; message: string};
export type OpenResult = {ok: true; text: string; version?: DovecotVersion} | {ok: false; message: string};

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function kb(n: number): string {
  return `${Math.ceil(n / 1024)} KB`;
}

/**
 * The share fragment for text already compressed with deflate-raw: `z=<base64url>`, after
 * `v=2.3&` when the version was chosen by hand. Links made at build time (the troubleshooting
 * page's "Explain my line") compress with Node's zlib and use this too.
 */
export function shareFragment(packed: Uint8Array, version?: DovecotVersion): string {
  return `${version ? `v=${version}&` : ''}z=${toBase64Url(packed)}`;
}

/** `z=<deflate-raw, base64url>` (and `v=2.3` when the version was chosen by hand). */
export async function encodeShare(text: string, version?: DovecotVersion): Promise<ShareResult> {
  if (typeof CompressionStream === 'undefined') return {ok: false, message: 'This browser cannot compress text (no CompressionStream), so no share link can be made.'};
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_SHARED_TEXT_BYTES) {
    return {ok: false, message: `The text is ${kb(bytes.length)}; a share link holds at most ${kb(MAX_SHARED_TEXT_BYTES)} of text. Share only the relevant part.`};
  }
  const packed = await pipe(bytes, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  if (!packed) return {ok: false, message: 'Compression failed.'};
  const fragment = shareFragment(packed, version);
  if (fragment.length > MAX_SHARE_FRAGMENT) {
    return {
      ok: false,
      message: `Even compressed, the text needs ${kb(fragment.length)} in the link; share links hold at most ${kb(MAX_SHARE_FRAGMENT)}. Paste only what matters (doveconf -n and the log lines in question) and try again.`,
    };
  }
  return {ok: true, fragment};
}

/** Reads a share fragment (with or without '#'). Never throws. */
export async function decodeShare(fragment: string): Promise<OpenResult> {
  try {
    const params = new URLSearchParams(fragment.replace(/^#/, '').slice(0, MAX_SHARE_FRAGMENT + 100));
    const z = params.get('z');
    if (z === null) return {ok: false, message: 'The link carries no text.'};
    if (z.length > MAX_SHARE_FRAGMENT) return {ok: false, message: 'The link is longer than share links can be.'};
    const bytes = fromBase64Url(z);
    if (!bytes) return {ok: false, message: 'The link is damaged (not base64url): was it cut off?'};
    if (typeof DecompressionStream === 'undefined') return {ok: false, message: 'This browser cannot decompress text (no DecompressionStream).'};
    const raw = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_SHARED_TEXT_BYTES);
    if (!raw) return {ok: false, message: `The link unpacks to more than ${kb(MAX_SHARED_TEXT_BYTES)}; it was not opened.`};
    const text = new TextDecoder('utf-8', {fatal: false}).decode(raw);
    if (text.trim() === '') return {ok: false, message: 'The link carries an empty text: there is nothing to explain.'};
    const v = params.get('v');
    return v === '2.3' || v === '2.4' ? {ok: true, text, version: v} : {ok: true, text};
  } catch {
    return {ok: false, message: 'The link is damaged: its text could not be unpacked.'};
  }
}
