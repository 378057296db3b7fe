// No URL, hash change or stored value crashes or blanks a page: a malformed fragment typed in the
// same tab, a widget link a remembered version must not rewrite, degenerate widget states that
// once showed "Infinity" or nothing, the version a link names while storage is blocked, and a
// seeded fuzz of hostile query strings over the three widget pages.
import {expect, test, type Page} from '@playwright/test';
import {forgetRememberedVersion, hydrated, linkNotices, watchPage} from './helpers';

const WIDGET_PAGES = [
  {path: '/explain', ready: (page: Page) => page.getByRole('textbox', {name: 'Configuration or log lines'})},
  {path: '/generator', ready: (page: Page) => page.getByRole('region', {name: 'Config generator'})},
  {path: '/calculator', ready: (page: Page) => page.getByRole('region', {name: 'Calculator'})},
];

const CRASHED = 'This page crashed';
/** What a page must never show: JavaScript's names for a missing or impossible number. */
const BROKEN = /\b(?:Infinity|NaN|undefined)\b/;
const uriNotice = (page: Page) => page.locator('#dv-uri-notice');

test.beforeEach(({page}) => forgetRememberedVersion(page));

test.describe('a malformed fragment', () => {
  for (const {path, ready} of WIDGET_PAGES) {
    test(`changed in the same tab on ${path}: a notice, the page stays`, async ({page, baseURL}) => {
      const problems = watchPage(page, String(baseURL));
      await page.goto(path);
      await hydrated(page);
      // what typing it into the address bar does: a same-document navigation (popstate, hashchange)
      await page.evaluate(() => {
        window.location.hash = 'z=abc%';
      });
      await expect(uriNotice(page)).toContainText('stray “%”');
      await expect(page.getByText(CRASHED)).toHaveCount(0);
      await expect(ready(page)).toBeVisible();
      expect(new URL(page.url()).hash).toBe('#z=abc%25');
      // the page still works: a second change, and an ordinary anchor, navigate as usual
      await page.evaluate(() => {
        window.location.hash = '%E0%A4%A';
      });
      await page.evaluate(() => {
        window.location.hash = 'top';
      });
      await expect(ready(page)).toBeVisible();
      await expect(page.getByText(CRASHED)).toHaveCount(0);
      await uriNotice(page).getByRole('button', {name: 'Dismiss'}).click();
      await expect(uriNotice(page)).toHaveCount(0);
      expect(problems.pageErrors).toEqual([]);
    });
  }

  test('on /explain the damaged share link says so, and a good one opened in the same tab is read', async ({page}) => {
    await page.goto('/explain');
    await hydrated(page);
    await page.evaluate(() => {
      window.location.hash = 'z=abc%';
    });
    await expect(page.getByRole('alert')).toHaveText('The link is damaged (not base64url): was it cut off?');
    // "service imap {}" deflated: a share link pasted over the damaged one
    const fragment = await page.evaluate(async () => {
      const packed = await new Response(new Blob(['service imap {\n}\n']).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
      return btoa(String.fromCharCode(...new Uint8Array(packed))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    });
    await page.evaluate((z) => {
      window.location.hash = `z=${z}`;
    }, fragment);
    await expect(page.getByRole('textbox', {name: 'Configuration or log lines'})).toHaveValue('service imap {\n}\n');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('in the first address of a page, and in its path', async ({page, baseURL}) => {
    const problems = watchPage(page, String(baseURL));
    await page.goto('/calculator#%C0%AF');
    await hydrated(page);
    await expect(uriNotice(page)).toBeVisible();
    await expect(page.getByRole('region', {name: 'Calculator'})).toBeVisible();
    // the server refuses a path that is not valid percent-encoding with a plain 400
    const res = await page.goto('/explain%');
    expect(res?.status()).toBe(400);
    expect(problems.pageErrors).toEqual([]);
  });
});

test.describe('a remembered version does not rewrite a widget link', () => {
  for (const remembered of ['2.3', '2.4']) {
    test(`/calculator?s=2;v=2.4;cl=10;pl=5 with ${remembered} remembered keeps every value`, async ({page}) => {
      await page.addInitScript((v) => localStorage.setItem('dovecot-version', v), remembered);
      await page.goto('/calculator?s=2;v=2.4;cl=10;pl=5');
      await hydrated(page);
      const calc = page.getByRole('region', {name: 'Calculator'});
      await expect(calc.getByRole('textbox', {name: 'client_limit', exact: true})).toHaveValue('10');
      await expect(calc.getByRole('textbox', {name: 'process_limit', exact: true})).toHaveValue('5');
      await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.4');
      await expect(linkNotices(calc)).toHaveCount(0);
      expect(decodeURIComponent(page.url())).not.toContain('s=2;v=2.4;cl=10;pl=5&');
      expect(page.url()).toMatch(/[?&;]cl=10(?:[&;]|$)/);
    });
  }

  test('on another page a remembered version is added without touching the rest of the query', async ({page}) => {
    await page.addInitScript(() => localStorage.setItem('dovecot-version', '2.3'));
    await page.goto('/services?a=x%20y;b=1&flag');
    await hydrated(page);
    await expect.poll(() => new URL(page.url()).search).toBe('?a=x%20y;b=1&flag&v=2.3');
  });
});

test.describe('degenerate widget states get a clear notice', () => {
  test('lmtp alone with %{system:cpu_count}: no "Infinity", and a note that the login choices change nothing', async ({page}) => {
    await page.goto('/generator?s=1&v=2.4&proto=lmtp&minavail=cpu_count');
    await hydrated(page);
    const gen = page.getByRole('region', {name: 'Config generator'});
    await expect(gen.getByRole('checkbox', {name: 'lmtp'})).toBeChecked();
    await expect(gen.getByRole('checkbox', {name: 'imap'})).not.toBeChecked();
    await expect(gen.locator('pre').first()).toContainText('For conf.d/10-master.conf (Dovecot 2.4');
    await expect(gen.getByText('lmtp alone has no login service: the login mode and process_min_avail change nothing in the output.')).toBeVisible();
    expect(await page.locator('main').innerText()).not.toMatch(BROKEN);
  });

  test('an empty proto= is ignored with a notice, the default protocols stay', async ({page}) => {
    await page.goto('/generator?s=1&v=2.4&proto=');
    await hydrated(page);
    const gen = page.getByRole('region', {name: 'Config generator'});
    await expect(linkNotices(gen)).toContainText('Ignored proto=: empty, not a comma-separated list of imap, pop3, lmtp, submission, managesieve.');
    for (const p of ['imap', 'lmtp', 'submission']) await expect(gen.getByRole('checkbox', {name: p})).toBeChecked();
  });

  test('a share link with an empty text says so', async ({page}) => {
    await page.goto('/explain#z=AwA');
    await hydrated(page);
    await expect(page.getByRole('alert')).toHaveText('The link carries an empty text: there is nothing to explain.');
  });
});

test.describe('?v=2.3 with browser storage blocked', () => {
  async function blockStorage(page: Page): Promise<void> {
    // what Chromium does when site data is blocked: any access to localStorage throws
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
  }

  test('paints 2.3 before any page script runs', async ({page}) => {
    await blockStorage(page);
    await page.route('**/assets/js/**', (route) => route.abort());
    await page.goto('/services?v=2.3');
    await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
    await expect(page.locator('.dv-23').first()).toBeVisible();
    await expect(page.locator('.dv-24').first()).toBeHidden();
  });

  test('and the page works once its script runs', async ({page, baseURL}) => {
    const problems = watchPage(page, String(baseURL));
    await blockStorage(page);
    await page.goto('/calculator?s=1&v=2.3&svc=imap&rc=0');
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
    await expect(page.getByRole('region', {name: 'Calculator'}).getByRole('textbox', {name: 'service_count'})).toHaveValue('0');
    expect(problems.pageErrors).toEqual([]);
  });
});

// --- fuzz -------------------------------------------------------------------------------------------

/** A small deterministic generator (mulberry32), so a failure names a query that fails again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS: Record<string, string[]> = {
  '/calculator': ['svc', 'v', 'pl', 'cl', 'rc', 'pma', 'vsz', 'peak', 'rate', 'cores', 'ram'],
  '/generator': ['v', 'cv', 'cores', 'ram', 'proto', 'imap', 'pop3', 'lmtp', 'sub', 'sieve', 'rate', 'tls', 'login', 'reuse', 'n', 'cache', 'users', 'ttl', 'negttl', 'minavail', 'comments', 'out'],
  '/explain': ['v', 'z', 'q'],
};

// Values that compute to the impossible (no literal "Infinity" or "NaN": a notice quoting them would
// be right to show them), markup, broken escapes, extremes and values valid somewhere.
const VALUES = [
  '', '0', '-0', '1', '-1', '2.3', '2.4', '2.5', '0.1', '0.05', '1e309', '9'.repeat(25), '99999999999', '1024', '10000000', '65536',
  'unlimited', '0x10', '1,5', '%', '%zz', '%E0%A4%A', '%00', '%0A', '+', ' 5', '%3Cb%3Ex%3C/b%3E', '"quoted"', "it's", '__proto__',
  'constructor', 'lmtp', 'imap,lmtp', 'lmtp,lmtp', 'pop3,managesieve', 'imap,', ',', 'cpu_count', 'cores', 'off', 'on', 'performance',
  'bounded', 'file', 'imap-login', 'auth', 'stats', 'anvil', '256M', '1T', '999999999999999T', '0B', '2.4.0', '2.4.4', 'AwA', '\u00e9', '\u202e',
  'x'.repeat(300),
];

function hostileQuery(next: () => number, keys: string[]): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const parts: string[] = next() < 0.8 ? [`s=${pick(['1', '1', '0', '2', '', 'x'])}`] : [];
  const n = 1 + Math.floor(next() * 8);
  for (let i = 0; i < n; i++) {
    const key = next() < 0.9 ? pick(keys) : pick(['', 'zz', '__proto__', 'V', 's', '%', 'cl%00']);
    parts.push(next() < 0.05 ? key : `${key}=${pick(VALUES)}`);
  }
  return parts.join(next() < 0.2 ? ';' : '&');
}

test.describe('fuzz: hostile query strings', () => {
  test.describe.configure({timeout: 180_000});
  for (const {path, ready} of WIDGET_PAGES) {
    test(`on ${path}: never "Infinity", "NaN", "undefined" or a crash`, async ({page, baseURL}) => {
      const next = random(19 + path.length);
      const problems = watchPage(page, String(baseURL));
      const queries = [
        ...(path === '/generator' ? ['s=1&v=2.4&proto=lmtp&minavail=cpu_count'] : []),
        ...Array.from({length: 24}, () => hostileQuery(next, KEYS[path])),
      ];
      for (const q of queries) {
        await page.goto(`${path}?${q}${path === '/explain' ? `#${hostileQuery(next, ['v', 'z'])}` : ''}`);
        await hydrated(page);
        await expect(ready(page), q).toBeVisible();
        // notices and results are rendered after hydration: give React its effects
        await page.waitForTimeout(100);
        const text = await page.locator('body').innerText();
        expect(text, q).not.toContain(CRASHED);
        expect(text.match(BROKEN)?.[0], `${q}: ${text.match(new RegExp(`.{0,80}${BROKEN.source}.{0,40}`))?.[0]}`).toBeUndefined();
        expect(problems.pageErrors, q).toEqual([]);
      }
    });
  }
});
