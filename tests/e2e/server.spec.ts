// The production server (scripts/serve.ts) sends what a real host would: security headers with
// a script CSP made of hashes only, precompressed bodies, and long caching for hashed assets.
import {expect, test} from '@playwright/test';

test('pages carry the security headers and a strict script policy', async ({request}) => {
  for (const path of ['/', '/services', '/no-such-page']) {
    const res = await request.get(path);
    expect(res.status()).toBe(path === '/no-such-page' ? 404 : 200);
    const h = res.headers();
    const csp = h['content-security-policy'] ?? '';
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
    expect(scriptSrc).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+$/);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['cache-control']).toBe('no-cache');
  }
});

test('bodies are precompressed and hashed assets are cached for a year', async ({request, page}) => {
  const html = await request.get('/services', {headers: {'Accept-Encoding': 'br'}});
  expect(html.headers()['content-encoding']).toBe('br');
  const gz = await request.get('/services', {headers: {'Accept-Encoding': 'gzip'}});
  expect(gz.headers()['content-encoding']).toBe('gzip');

  await page.goto('/services');
  const script = await page.locator('script[src^="/assets/js/"]').first().getAttribute('src');
  expect(script).toBeTruthy();
  const asset = await request.get(String(script), {headers: {'Accept-Encoding': 'br, gzip'}});
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers()['content-encoding']).toBe('br');
});
