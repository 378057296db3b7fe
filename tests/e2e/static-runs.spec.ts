// A page's plain text keeps its server markup instead of being hydrated
// (plugins/rehype-static-runs.ts, src/components/StaticRun): what has behaviour still works,
// links in the kept text navigate without reloading the page, and the spacing is the theme's.
import {expect, test, type Page} from '@playwright/test';
import {allowClipboard, forgetRememberedVersion, hydrated, inReactTree} from './helpers';

const markdown = (page: Page) => page.locator('article .markdown');

test.beforeEach(async ({page}) => forgetRememberedVersion(page));

test('a long page hydrates its code blocks and headings, not its text', async ({page, context, baseURL}) => {
  const clipboard = await allowClipboard(context, new URL(String(baseURL)).origin);
  await page.goto('/troubleshooting');
  await hydrated(page);
  const runs = markdown(page).locator('.static-run');
  expect(await runs.count()).toBeGreaterThan(10);
  const paragraphs = markdown(page).locator('.static-run > p');
  expect(await paragraphs.count()).toBeGreaterThan(20);
  for (const i of [0, 10, 20]) expect(await inReactTree(paragraphs.nth(i)), `paragraph ${i}`).toBe(false);
  // headings and code blocks are React's, and a code block still copies
  expect(await inReactTree(markdown(page).locator('h2').first())).toBe(true);
  const code = markdown(page).locator('.dv-24 pre, :scope > pre').first();
  expect(await inReactTree(code)).toBe(true);
  await code.hover();
  await markdown(page).getByRole('button', {name: /copy/i}).first().click();
  await expect.poll(() => clipboard(page)).not.toBe('');
});

test('a link in kept text navigates without reloading the page, to its anchor', async ({page}) => {
  await page.goto('/services');
  await hydrated(page);
  const link = markdown(page).locator('.static-run a[href^="/services/client-limit"]').first();
  expect(await inReactTree(link)).toBe(false);
  await page.evaluate(() => ((window as unknown as {samePage: boolean}).samePage = true));
  await link.click();
  await expect(page).toHaveURL(/\/services\/client-limit/);
  await expect(page.getByRole('heading', {level: 1})).toContainText('client_limit');
  expect(await page.evaluate(() => (window as unknown as {samePage?: boolean}).samePage)).toBe(true);
  // the page reached this way renders its text in React, and Back returns
  expect(await inReactTree(markdown(page).locator('.static-run > p').first())).toBe(true);
  await page.goBack();
  await expect(page).toHaveURL(/\/services$/);
  expect(await page.evaluate(() => (window as unknown as {samePage?: boolean}).samePage)).toBe(true);
});

test('a link to a heading of another page lands on the heading', async ({page}) => {
  await page.goto('/services');
  await hydrated(page);
  const link = markdown(page).locator('.static-run a[href*="/troubleshooting#"]').first();
  const href = String(await link.getAttribute('href'));
  await link.click();
  await expect(page).toHaveURL(new RegExp(href.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&') + '$'));
  const id = decodeURIComponent(href.split('#')[1] ?? '');
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
});

test('kept text is spaced as the theme spaces the page', async ({page}) => {
  await page.goto('/services/client-limit');
  await hydrated(page);
  const spacing = await page.evaluate(() => {
    const md = document.querySelector('article .markdown') as HTMLElement;
    // what the theme gives a paragraph that is a child of the page itself
    const probe = md.insertBefore(document.createElement('p'), md.firstChild);
    const leading = parseFloat(getComputedStyle(probe).marginBottom);
    probe.remove();
    const ps = [...md.querySelectorAll(':scope > .static-run > p')].map((p) => parseFloat(getComputedStyle(p).marginBottom));
    const last = md.lastElementChild as HTMLElement;
    const lastLeaf = last.classList.contains('static-run') ? (last.lastElementChild as HTMLElement) : last;
    return {leading, ps, lastMargin: parseFloat(getComputedStyle(lastLeaf).marginBottom), runBox: getComputedStyle(md.querySelector('.static-run') as HTMLElement).display};
  });
  expect(spacing.runBox).toBe('contents');
  expect(spacing.ps.length).toBeGreaterThan(3);
  // every paragraph but the page's last keeps the theme's bottom margin
  expect(spacing.ps.slice(0, -1).every((m) => Math.abs(m - spacing.leading) < 0.5)).toBe(true);
  expect(spacing.lastMargin).toBe(0);
});

test('the table of contents keeps its server markup and still marks where the reader is', async ({page}) => {
  await page.setViewportSize({width: 1280, height: 900});
  await page.goto('/troubleshooting');
  await hydrated(page);
  const toc = page.locator('.theme-doc-toc-desktop .table-of-contents');
  await expect(toc).toBeVisible();
  expect(await inReactTree(toc.locator('a').first())).toBe(false);
  // the theme marks the entry of the heading in view by class, on the DOM, and moves the mark
  const active = toc.locator('a.table-of-contents__link--active');
  const scrollTo = async (id: string) => {
    await page.locator(`[id="${id}"]`).evaluate((h) => h.scrollIntoView({block: 'start'}));
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, 5);
  };
  await scrollTo('fork-failed');
  await expect(active).toHaveCount(1);
  const first = String(await active.getAttribute('href'));
  await scrollTo('ignoring-idle-sigint');
  await expect(active).not.toHaveAttribute('href', first);
  await expect(active).toHaveCount(1);
  // following an entry jumps to its heading
  await toc.locator('a').nth(2).click();
  const id = String(await toc.locator('a').nth(2).getAttribute('href')).slice(1);
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
});

test('a code block is hydrated where the server put it, not rendered a second time', async ({page}) => {
  // remember the blocks the server sent, before any script runs
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as {serverBlocks: Element[]}).serverBlocks = [...document.querySelectorAll('article pre')];
    });
  });
  await page.goto('/services/client-limit');
  await hydrated(page);
  // the copy button appears once the block is React's
  await markdown(page).locator('pre:visible').first().hover();
  await expect(markdown(page).getByRole('button', {name: /copy/i}).first()).toBeAttached();
  const r = await page.evaluate(() => {
    const blocks = (window as unknown as {serverBlocks: Element[]}).serverBlocks;
    return {blocks: blocks.length, connected: blocks.filter((b) => b.isConnected).length};
  });
  expect(r.blocks).toBeGreaterThan(2);
  expect(r.connected).toBe(r.blocks);
  // and its coloured lines are the server's
  expect(await inReactTree(markdown(page).locator('.token-line').first())).toBe(false);
});
