// The hidden version's content (src/components/DovecotVersion/ByVersion.tsx) keeps the server's
// markup and stays out of React's tree while the page hydrates; switching versions brings it in,
// working (its code blocks copy), and a page reached by client-side navigation renders both.
import {expect, test, type Page} from '@playwright/test';
import {allowClipboard, forgetRememberedVersion, hydrated, inReactTree} from './helpers';

const switchTo = (page: Page, v: string) => page.getByRole('group', {name: 'Dovecot version'}).getByRole('button', {name: v, exact: true}).click();


const block23 = (page: Page) => page.locator('.dv-23.dv-block', {hasText: 'In Dovecot 2.3 the listener has its own'});
const block24 = (page: Page) => page.locator('.dv-24.dv-block').filter({has: page.locator('pre')}).first();

test.beforeEach(async ({page}) => forgetRememberedVersion(page));

test('the hidden version keeps its server markup and joins React once it is shown', async ({page, context, baseURL}) => {
  const clipboard = await allowClipboard(context, new URL(String(baseURL)).origin);
  await page.goto('/services');
  await hydrated(page);
  const hidden = block23(page);
  await expect(hidden).toBeHidden();
  expect(await hidden.locator('pre').count(), 'server markup kept').toBeGreaterThan(0);
  expect(await inReactTree(hidden.locator('pre').first())).toBe(false);
  expect(await inReactTree(block24(page).locator('pre').first())).toBe(true);

  await switchTo(page, '2.3');
  await expect(hidden).toBeVisible();
  await expect.poll(() => inReactTree(hidden.locator('pre').first())).toBe(true);
  await hidden.locator('pre').first().hover();
  await hidden.getByRole('button', {name: /copy/i}).first().click();
  await expect.poll(() => clipboard(page)).toContain('service imap-login');
  // and back: the 2.4 content is still there and still React's
  await switchTo(page, '2.4');
  await expect(block24(page)).toBeVisible();
  expect(await inReactTree(block24(page).locator('pre').first())).toBe(true);
});

test('with 2.3 remembered, the 2.4 content is the one kept out of the tree', async ({page}) => {
  await page.goto('/services?v=2.3');
  await hydrated(page);
  await page.reload();
  await hydrated(page);
  await expect(block23(page)).toBeVisible();
  expect(await inReactTree(block23(page).locator('pre').first())).toBe(true);
  expect(await inReactTree(block24(page).locator('pre').first())).toBe(false);
});

test('a page reached by client-side navigation renders both versions', async ({page}) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('main').getByRole('link', {name: 'services and processes', exact: true}).click();
  await expect(page).toHaveURL(/\/services/);
  await expect(block24(page)).toBeVisible();
  await expect(block23(page).locator('pre').first()).toBeAttached();
  expect(await inReactTree(block23(page).locator('pre').first())).toBe(true);
  await switchTo(page, '2.3');
  await expect(block23(page)).toBeVisible();
});
