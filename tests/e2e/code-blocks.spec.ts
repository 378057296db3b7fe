// A code block's buttons and its word-wrap state are made when the block comes near the screen
// (src/theme/CodeBlock/Buttons, src/theme/CodeBlock/Content/String): on a phone, a block too wide
// for the screen still offers to wrap its lines, far down the page and in the hidden version too.
import {expect, test, type Locator, type Page} from '@playwright/test';
import {forgetRememberedVersion, hydrated} from './helpers';

test.use({viewport: {width: 390, height: 844}});
test.beforeEach(async ({page}) => forgetRememberedVersion(page));

const wrap = (block: Locator) => block.getByRole('button', {name: 'Toggle word wrap'});

/** The index of the first shown block (of `version`'s content or shared) wider than its box, below `after`. */
async function wideBlock(page: Page, opts: {version?: '2.3' | '2.4'; below?: number}): Promise<Locator> {
  const i = await page.evaluate(({version, below}) => {
    const blocks = [...document.querySelectorAll<HTMLElement>('article .markdown .theme-code-block')];
    return blocks.findIndex((b) => {
      const pre = b.querySelector('pre');
      if (!pre) return false;
      const v = b.closest('[data-version]')?.getAttribute('data-version');
      if (version ? v !== version : v !== null && v !== '2.4') return false;
      if (b.getBoundingClientRect().top + window.scrollY < (below ?? 0)) return false;
      // measured with its own line width (hidden blocks have none): a line longer than the screen's 40 or so characters
      return (pre.textContent ?? '').split('\n').some((l) => l.length > 60);
    });
  }, opts);
  expect(i, 'a wide block on the page').toBeGreaterThanOrEqual(0);
  return page.locator('article .markdown .theme-code-block').nth(i);
}

test('a wide block near the top offers word wrap, which wraps and unwraps its lines', async ({page}) => {
  await page.goto('/troubleshooting');
  await hydrated(page);
  const block = await wideBlock(page, {});
  await block.scrollIntoViewIfNeeded();
  await block.hover();
  const button = wrap(block);
  await expect(button).toBeVisible();
  const code = block.locator('code');
  await button.click();
  await expect(code).toHaveCSS('white-space', 'pre-wrap');
  await expect.poll(() => block.locator('pre').evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true);
  await button.click();
  await expect(code).not.toHaveCSS('white-space', 'pre-wrap');
});

test('a block far down the page gets its buttons only when the reader comes near it', async ({page}) => {
  await page.goto('/troubleshooting');
  await hydrated(page);
  const block = await wideBlock(page, {below: 6000});
  // made lazily: nothing yet three screens and more away
  await expect(block.locator('button')).toHaveCount(0);
  await block.scrollIntoViewIfNeeded();
  await block.hover();
  await expect(wrap(block)).toBeVisible();
});

test('a wide block of the hidden version offers word wrap once its version is shown', async ({page}) => {
  await page.goto('/troubleshooting');
  await hydrated(page);
  await page.getByRole('navigation', {name: 'Main'}).getByRole('button', {name: '2.3', exact: true}).click();
  await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
  const block = await wideBlock(page, {version: '2.3'});
  await block.scrollIntoViewIfNeeded();
  await block.hover();
  await expect(wrap(block)).toBeVisible();
});
