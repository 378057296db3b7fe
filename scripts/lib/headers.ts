/**
 * The HTTP headers the site is served with, derived from the build: a Content-Security-Policy
 * that allows only the site's own origin plus the exact inline scripts the build contains (by
 * hash, never 'unsafe-inline' for scripts), the other security headers, and cache lifetimes by
 * kind of file. The production server applies them, and `build/_headers` (written at build time,
 * in the format Netlify and Cloudflare Pages read) carries them to any static host.
 */
import {createHash} from 'node:crypto';

/** Bodies of inline <script> elements (no src) in an HTML document. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const attrs = m[1];
    if (/\bsrc\s*=/.test(attrs)) continue;
    // JSON data blocks are not executed and need no hash
    if (/\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
    out.push(m[2]);
  }
  return out;
}

export function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(scriptHashes: Iterable<string>): string {
  const hashes = [...new Set(scriptHashes)].sort();
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // KaTeX positions glyphs with style attributes; Docusaurus sets a few inline styles too.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
}

/** Hashed bundles never change under their name; everything else is revalidated. */
export function cacheControl(pathname: string): string {
  if (pathname.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (pathname.startsWith('/katex/fonts/')) return 'public, max-age=2592000';
  if (pathname.endsWith('.html') || !/\.[a-z0-9]+$/i.test(pathname)) return 'no-cache';
  return 'public, max-age=3600';
}

/** `build/_headers` text: the security headers for every path, cache rules per prefix. */
export function headersFile(csp: string): string {
  const lines = ['/*'];
  for (const [k, v] of Object.entries(securityHeaders(csp))) lines.push(`  ${k}: ${v}`);
  lines.push('', '/assets/*', `  Cache-Control: ${cacheControl('/assets/x.js')}`);
  lines.push('', '/katex/fonts/*', `  Cache-Control: ${cacheControl('/katex/fonts/x.woff2')}`);
  return lines.join('\n') + '\n';
}

/** Reads the CSP back from a `_headers` file written by headersFile. */
export function cspFromHeadersFile(text: string): string | null {
  const m = /^\s*Content-Security-Policy:\s*(.+)$/m.exec(text);
  return m ? m[1].trim() : null;
}

/** One block of a `_headers` file: a path pattern (`*` matches anything) and its headers. */
export interface HeaderRule {
  readonly pattern: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
}

/** Reads a `_headers` file (Netlify / Cloudflare Pages format): path lines, indented headers. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: {pattern: string; headers: [string, string][]}[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({pattern: line.trim(), headers: []});
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0 || rules.length === 0) continue;
    rules[rules.length - 1].headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

function patternMatches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

/**
 * The headers `_headers` gives a path: every matching block in file order, a later block's
 * header replacing an earlier one of the same name.
 */
export function headersForPath(rules: readonly HeaderRule[], path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    for (const [name, value] of rule.headers) out.set(name, value);
  }
  return out;
}
