import {describe, expect, it} from 'vitest';
import {createHash} from 'node:crypto';
import {cacheControl, contentSecurityPolicy, cspFromHeadersFile, headersFile, inlineScripts, scriptHash} from './headers';

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
    // the explainer's analysis runs in a worker script from the site itself
    expect(csp).toContain("worker-src 'self'");
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
