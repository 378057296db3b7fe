import {describe, expect, it} from 'vitest';
import {createHash} from 'node:crypto';
import {
  cacheControl,
  contentSecurityPolicy,
  cspFromHeadersFile,
  headersFile,
  headersForPath,
  inlineScripts,
  parseHeadersFile,
  scriptHash,
} from './headers';

describe('inline scripts and their hashes', () => {
  it('finds inline scripts, not external or JSON ones', () => {
    const html =
      '<head><script>a()</script><script src=/x.js></script><script type="application/ld+json">{"a":1}</script></head>' +
      '<body><SCRIPT async>b()</SCRIPT></body>';
    expect(inlineScripts(html)).toEqual(['a()', 'b()']);
  });
  it('hashes exactly the script text, as browsers do', () => {
    const expected = createHash('sha256').update('a()').digest('base64');
    expect(scriptHash('a()')).toBe(`'sha256-${expected}'`);
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy(["'sha256-b'", "'sha256-a'", "'sha256-a'"]);
  it('lists each hash once and never allows inline or eval scripts', () => {
    expect(csp).toContain("script-src 'self' 'sha256-a' 'sha256-b'");
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toMatch(/unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it('round-trips through the _headers file', () => {
    expect(cspFromHeadersFile(headersFile(csp))).toBe(csp);
  });
});

describe('cache lifetimes', () => {
  it('caches hashed assets for a year and revalidates pages', () => {
    expect(cacheControl('/assets/js/main.1a2b.js')).toMatch(/immutable/);
    expect(cacheControl('/services')).toBe('no-cache');
    expect(cacheControl('/services.html')).toBe('no-cache');
    expect(cacheControl('/img/favicon.svg')).toBe('public, max-age=3600');
  });
});

describe('reading _headers back', () => {
  const text = '# comment\n/*\n  X-A: 1\n  Cache-Control: no-cache\n\n/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n\n/exact.txt\n  X-B: two: parts\n';
  const rules = parseHeadersFile(text);
  it('keeps blocks and headers in file order', () => {
    expect(rules).toEqual([
      {pattern: '/*', headers: [['X-A', '1'], ['Cache-Control', 'no-cache']]},
      {pattern: '/assets/*', headers: [['Cache-Control', 'public, max-age=31536000, immutable']]},
      {pattern: '/exact.txt', headers: [['X-B', 'two: parts']]},
    ]);
  });
  it('gives a path every matching block, later blocks winning', () => {
    expect([...headersForPath(rules, '/services')]).toEqual([['X-A', '1'], ['Cache-Control', 'no-cache']]);
    expect(headersForPath(rules, '/assets/js/a.js').get('Cache-Control')).toMatch(/immutable/);
    expect(headersForPath(rules, '/assets').get('Cache-Control')).toBe('no-cache');
    expect(headersForPath(rules, '/exact.txt').get('X-B')).toBe('two: parts');
    expect(headersForPath(rules, '/exactXtxt').has('X-B')).toBe(false);
  });
  it('reads what headersFile writes', () => {
    const csp = contentSecurityPolicy(["'sha256-a'"]);
    const h = headersForPath(parseHeadersFile(headersFile(csp)), '/assets/x.js');
    expect(h.get('Content-Security-Policy')).toBe(csp);
    expect(h.get('X-Content-Type-Options')).toBe('nosniff');
    expect(h.get('Cache-Control')).toBe(cacheControl('/assets/x.js'));
  });
});
