// Static islands (src/components/StaticIsland): defaults, setting names, the settings reference and
// the measured tables are server-rendered and kept as they are in the browser, without the code
// or data behind them. Reached by client-side navigation, they must still fill in.
import {expect, test, type Page} from '@playwright/test';

async function emptyIslands(page: Page): Promise<number> {
  return page.locator('.static-island').evaluateAll((els) => els.filter((e) => e.textContent?.trim() === '').length);
}

test('islands keep their server content on load', async ({page}) => {
  await page.goto('/services', {waitUntil: 'networkidle'});
  expect(await page.locator('.static-island').count()).toBeGreaterThan(5);
  expect(await emptyIslands(page)).toBe(0);
  // the version switch still swaps the names inside them
  await expect(page.locator('.static-island code', {hasText: /^restart_request_count$/}).first()).toBeVisible();
  await page.getByRole('group', {name: 'Dovecot version'}).getByRole('button', {name: '2.3', exact: true}).click();
  await expect(page.locator('.static-island code', {hasText: /^service_count$/}).first()).toBeVisible();
});

test('islands fill in after client-side navigation', async ({page}) => {
  await page.goto('/', {waitUntil: 'networkidle'});
  for (const name of ['Settings reference', 'Measured under load', 'process_limit and process_min_avail']) {
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Wiki'}).click();
    await page.locator('.theme-doc-sidebar-menu').getByRole('link', {name, exact: true}).click();
    await expect(page.locator('h1')).toBeVisible();
    await expect.poll(() => page.locator('.static-island').count()).toBeGreaterThan(0);
    await expect.poll(() => emptyIslands(page)).toBe(0);
  }
});
