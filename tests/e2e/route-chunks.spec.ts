// Each page's script loader requests its route's files with the entry bundles (the build writes
// them into the loader's data-chunks: scripts/lib/routeChunks.ts). The list must be exactly what
// the app would otherwise request itself while the page loads and hydrates: measured here by
// loading every page twice, once as built and once with the list taken out of the HTML, and
// recording the script elements the bundler's runtime creates (it marks them data-rspack, or
// data-webpack under webpack).
import {expect, test, type Page} from '@playwright/test';
import {hydrated, sitemapPaths} from './helpers';

const RECORD_RUNTIME_SCRIPTS = `
  window.__runtimeScripts = [];
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeName === 'SCRIPT' && (n.hasAttribute('data-rspack') || n.hasAttribute('data-webpack'))) window.__runtimeScripts.push(new URL(n.src).pathname);
    }
  }).observe(document, {childList: true, subtree: true});
`;

/** The scripts the runtime has added to the page so far (recorded by RECORD_RUNTIME_SCRIPTS). */
function runtimeScripts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as {__runtimeScripts: string[]}).__runtimeScripts);
}

/** Loads a page and returns the loader's list and the scripts the runtime itself added. */
async function load(page: Page, path: string): Promise<{listed: string[]; byRuntime: string[]}> {
  await page.goto(path, {waitUntil: 'networkidle'});
  await hydrated(page);
  await page.waitForLoadState('networkidle');
  const listed = ((await page.locator('script#dv-loader').getAttribute('data-chunks')) ?? '').split(' ').filter(Boolean);
  const byRuntime = await runtimeScripts(page);
  return {listed: listed.sort(), byRuntime: [...new Set(byRuntime)].sort()};
}

const paths = sitemapPaths();

for (const path of paths) {
  test(`${path}: the loader lists exactly the files the app would request while the page loads`, async ({browser, baseURL}) => {
    const context = await browser.newContext({baseURL});
    await context.addInitScript(RECORD_RUNTIME_SCRIPTS);
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') requested.push(new URL(r.url()).pathname);
    });

    const asBuilt = await load(page, path);
    expect(asBuilt.listed.length, 'a page with no route files listed').toBeGreaterThan(0);
    expect(asBuilt.byRuntime, 'scripts the app requested itself although the loader could have').toEqual([]);
    for (const f of asBuilt.listed) expect(requested.filter((u) => u === f), `${f} requested once`).toHaveLength(1);

    // the same page with the list taken out: what the app requests then is what the list must be
    await page.route(
      (url) => url.pathname === path,
      async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace(/ data-chunks="[^"]*"/, '');
        const headers = {...response.headers()};
        delete headers['content-encoding'];
        delete headers['content-length'];
        await route.fulfill({status: response.status(), headers, body: html});
      },
    );
    const withoutList = await load(page, path);
    expect(withoutList.listed).toEqual([]);
    expect(asBuilt.listed).toEqual(withoutList.byRuntime);
    await context.close();
  });
}

test('a page reached inside the app still loads its route\'s files (the list is for the first page only)', async ({browser, baseURL}) => {
  const context = await browser.newContext({baseURL});
  await context.addInitScript(RECORD_RUNTIME_SCRIPTS);
  const page = await context.newPage();
  await page.goto('/', {waitUntil: 'networkidle'});
  await hydrated(page);
  await page.evaluate(() => ((window as unknown as {__runtimeScripts: string[]}).__runtimeScripts.length = 0));
  await page.locator('main a[href="/calculator"]').first().click();
  await expect(page).toHaveURL(/\/calculator$/);
  await expect(page.locator('h1')).toContainText(/calculator/i);
  const byRuntime = await runtimeScripts(page);
  expect(byRuntime.some((u) => /\/assets\/js\/dovecot-engine\./.test(u)), `runtime requested: ${byRuntime.join(', ')}`).toBe(true);
  await context.close();
});

test('a route file that fails to load is requested again by the app, which then hydrates (it does not wait on the failed element)', async ({page}) => {
  const html = await (await page.request.get('/services/client-limit')).text();
  const listed = /data-chunks="([^"]*)"/.exec(html)?.[1].split(' ') ?? [];
  const failing = listed.find((f) => /\/assets\/js\/[0-9a-f]{8}\./.test(f));
  expect(failing, `a route chunk in ${listed.join(' ')}`).toBeDefined();
  let tries = 0;
  await page.route(
    (url) => url.pathname === failing,
    async (route) => {
      tries += 1;
      if (tries === 1) await route.abort('connectionreset');
      else await route.continue();
    },
  );
  await page.goto('/services/client-limit');
  // the runtime would wait 120 s on an element whose load had already failed
  await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true', {timeout: 15_000});
  // requested again by the runtime (twice when the runtime was already waiting on the failed element)
  expect(tries).toBeGreaterThanOrEqual(2);
});
