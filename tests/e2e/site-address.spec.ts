// The site's address is one setting (SITE_URL at build time): the static HTML's generated
// comments and links use it (the same address as the canonical links and the sitemap), and in the
// browser the widgets use the address the page is really served from.
import {readFileSync} from 'node:fs';
import {expect, test} from '@playwright/test';

function sitemapOrigin(): string {
  const loc = /<loc>([^<]+)<\/loc>/.exec(readFileSync('build/sitemap.xml', 'utf8'));
  if (!loc) throw new Error('build/sitemap.xml lists no URL');
  return new URL(loc[1]).origin;
}

test.describe('static HTML', () => {
  test.use({javaScriptEnabled: false});

  test('the generated config and the permalinks name the configured address', async ({page}) => {
    const origin = sitemapOrigin();
    await page.goto('/generator');
    expect(new URL(String(await page.locator('link[rel="canonical"]').getAttribute('href'))).origin).toBe(origin);
    const firstLine = await page.locator('[data-output="config"] .token-line').first().textContent();
    expect(firstLine).toBe(`# ${origin}/generator?s=1&v=2.4`);
    await expect(page.getByRole('textbox', {name: 'Link to these answers'}).first()).toHaveValue(`${origin}/generator?s=1&v=2.4`);
    await page.goto('/calculator');
    await expect(page.getByRole('textbox', {name: 'Link to this state'}).first()).toHaveValue(new RegExp(`^${origin.replace(/\./g, '\\.')}/calculator\\?s=1&v=2\\.4`));
  });
});

test('in the browser the widgets use the address the page is served from', async ({page, baseURL}) => {
  await page.goto('/generator');
  await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
  await expect(page.locator('[data-output="config"] .token-line').first()).toHaveText(`# ${baseURL}/generator?s=1&v=2.4`);
  await expect(page.getByRole('textbox', {name: 'Link to these answers'})).toHaveValue(`${baseURL}/generator?s=1&v=2.4`);
  await page.goto('/calculator');
  await expect(page.getByRole('textbox', {name: 'Link to this state'})).toHaveValue(new RegExp(`^${String(baseURL).replace(/\./g, '\\.')}/calculator\\?s=1&v=2\\.4`));
});
