// Links in view prefetch their pages' chunks on wide screens only
// (src/clientModules/noViewportPrefetchOnPhones.ts); on a phone, following a link still works and
// touching it loads the page's chunks.
import {expect, test, type Page} from '@playwright/test';
import {hydrated} from './helpers';

/** Scripts requested as prefetches (Docusaurus adds <link rel="prefetch"> for them). */
function watchPrefetches(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    const purpose = r.headers()['sec-purpose'] ?? r.headers()['purpose'] ?? '';
    if (purpose.includes('prefetch')) urls.push(r.url());
  });
  return urls;
}

test('a wide screen prefetches the chunks of links in view', async ({page}) => {
  await page.setViewportSize({width: 1280, height: 900});
  const prefetched = watchPrefetches(page);
  await page.goto('/services', {waitUntil: 'networkidle'});
  await hydrated(page);
  await expect.poll(() => prefetched.length).toBeGreaterThan(0);
});

test('a phone prefetches nothing for links merely in view, and following a link still works', async ({browser, baseURL}) => {
  const context = await browser.newContext({baseURL, viewport: {width: 390, height: 800}, isMobile: true, hasTouch: true});
  const page = await context.newPage();
  const prefetched = watchPrefetches(page);
  await page.goto('/services', {waitUntil: 'networkidle'});
  await hydrated(page);
  // scroll through the page, so that every link has been in view
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await page.waitForLoadState('networkidle');
  expect(prefetched).toEqual([]);
  expect(await page.locator('link[rel="prefetch"]').count()).toBe(0);

  const link = page.getByRole('main').getByRole('link', {name: 'client_limit', exact: true}).first();
  await link.tap();
  await expect(page).toHaveURL(/\/services\/client-limit/);
  await expect(page.getByRole('heading', {level: 1})).toContainText('client_limit');
  await context.close();
});
