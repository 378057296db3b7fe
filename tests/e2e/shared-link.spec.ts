// A page opened from a link with widget state never shows another state as if it were the
// answer: until the widget has read its link, the output says so, the defaults drawn by the
// server are hidden and Copy/Download are inert and look it; without JavaScript the page says the
// link needs it and labels the defaults as defaults. Checked on a CPU slowed down 4×, where the
// time from opening a shared generator link to its state being shown is measured and reported.
import {expect, test, type Page} from '@playwright/test';

const SHARED = '/generator?s=1&v=2.4&cores=8&imap=5000&login=performance';
/** A line only the shared state's output has (the defaults write 2 CPU cores). */
const SHARED_LINE = 'process_min_avail = 8';

/** Records, from the first byte on, every change of the mark and of the generator's output. */
async function recordStates(page: Page): Promise<void> {
  await page.addInitScript((sharedLine) => {
    const w = window as unknown as {__states: {t: number; loading: boolean; output: 'none' | 'shared' | 'other'; hidden: boolean}[]};
    w.__states = [];
    const check = () => {
      const loading = document.documentElement?.getAttribute('data-link-state') === 'loading';
      const code = document.querySelector('[data-output="config"]');
      const text = code?.textContent ?? null;
      const hidden = code ? getComputedStyle(code).visibility === 'hidden' : true;
      const output = text === null ? 'none' : text.includes(sharedLine) ? 'shared' : 'other';
      const last = w.__states[w.__states.length - 1];
      if (!last || last.loading !== loading || last.output !== output || last.hidden !== hidden) w.__states.push({t: performance.now(), loading, output, hidden});
    };
    new MutationObserver(check).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
  }, SHARED_LINE);
}

async function states(page: Page) {
  return page.evaluate(() => (window as unknown as {__states: {t: number; loading: boolean; output: string; hidden: boolean}[]}).__states);
}

test('before the generator has read its link: the output says so, the defaults are hidden, Copy and Download are inert', async ({page}) => {
  // the widget's JavaScript never arrives: this is what a slow phone shows until it does
  await page.route(/\/assets\/js\//, (route) => route.abort());
  await page.goto(SHARED);
  await expect(page.locator('html')).toHaveAttribute('data-link-state', 'loading');
  const gen = page.getByRole('region', {name: 'Config generator'});
  await expect(gen.getByText('Loading the answers from the link').first()).toBeVisible();
  await expect(gen.locator('[data-output="config"]').first()).toBeHidden();
  for (const name of ['Copy', 'Download 90-services.conf', 'Copy as answer']) {
    const button = gen.getByRole('button', {name, exact: true}).first();
    const style = await button.evaluate((b) => ({pointer: getComputedStyle(b).pointerEvents, opacity: Number(getComputedStyle(b.closest('[data-link-dim]') ?? b).opacity)}));
    expect(style.pointer, `${name} takes no clicks`).toBe('none');
    expect(style.opacity, `${name} looks inert`).toBeLessThan(0.6);
  }
  // the link box would show the defaults' link: hidden too
  await expect(gen.getByRole('textbox', {name: 'Link to these answers'}).first()).toBeHidden();
});

test('a page without widget state in its link is not marked', async ({page}) => {
  await page.route(/\/assets\/js\//, (route) => route.abort());
  for (const path of ['/generator', '/generator?s=1&v=2.3', '/calculator?v=2.4', '/explain', '/services?imap=5000']) {
    await page.goto(path);
    await expect(page.locator('html'), path).not.toHaveAttribute('data-link-state', /.*/);
  }
});

for (const [name, rate] of [['4× slower CPU', 4], ['full speed', 1]] as const) {
  test(`opening a shared generator link never shows the defaults as the answer (${name}); time to the shared state`, async ({page}) => {
    await recordStates(page);
    if (rate > 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', {rate});
    }
    await page.goto(SHARED);
    await expect(page.locator('[data-output="config"]').first()).toContainText(SHARED_LINE, {timeout: 30_000});
    await expect(page.locator('html')).not.toHaveAttribute('data-link-state', /.*/);
    const log = await states(page);
    // every moment the defaults' output was on the page, it was hidden under the mark
    const shownWrong = log.filter((s) => s.output === 'other' && !(s.loading && s.hidden));
    expect(shownWrong, JSON.stringify(log)).toEqual([]);
    const shown = log.find((s) => s.output === 'shared' && !s.loading);
    expect(shown, JSON.stringify(log)).toBeDefined();
    const ms = Math.round(shown!.t);
    const fcp = Math.round(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    console.log(`shared generator link, ${name}: first paint (marked "loading") ${fcp} ms, shared state shown ${ms} ms after navigation start`);
    test.info().annotations.push({type: 'shared-state-ms', description: `${name}: first paint ${fcp} ms, shared state ${ms} ms`});
  });
}

test('the calculator and the explainer mark a shared link the same way', async ({page}) => {
  await page.route(/\/assets\/js\//, (route) => route.abort());
  await page.goto('/calculator?s=1&v=2.4&svc=imap&cl=10');
  await expect(page.locator('html')).toHaveAttribute('data-link-state', 'loading');
  await expect(page.getByText('Loading the values from the link').first()).toBeVisible();
  await expect(page.locator('[data-finding]').first()).toBeHidden();
  await page.goto('/explain#z=BcFBCsMwDATAr-wxgRbSqz_SY1HlxRHYkpFN39-ZIWszC96Sbt4KFvNnysOGzGePZn4WzAzlWp9uwzaO13WdSIrerA9oN_qGhjt1W_iCJPGleUPNmJP1Dw');
  await expect(page.locator('html')).toHaveAttribute('data-link-state', 'loading');
  await expect(page.getByText('Opening the text from the link')).toBeVisible();
  await expect(page.getByRole('heading', {name: 'Example'})).toBeHidden();
});

test.describe('without JavaScript', () => {
  test.use({javaScriptEnabled: false});

  test('a shared link says it needs JavaScript and labels the defaults as defaults', async ({page}) => {
    // (Playwright's text and name matching skip <noscript>, so these read the elements themselves)
    await page.goto(SHARED);
    const gen = page.getByRole('region', {name: 'Config generator'});
    const note = gen.locator('noscript p').first();
    await expect(note).toBeVisible();
    await expect(note).toContainText('Without JavaScript the generator cannot read the answers a link carries: the output below is for the default answers.');
    const heading = gen.locator('h2:visible', {has: page.locator('noscript')}).first();
    expect(await heading.evaluate((h) => h.textContent)).toBe('Configuration for Dovecot 2.4 (default answers)');
    await expect(gen.locator('[data-output="config"]').first()).toBeVisible();
    await expect(gen.locator('[data-output="config"]').first()).not.toContainText(SHARED_LINE);

    await page.goto('/calculator?s=1&v=2.4&svc=imap&cl=10');
    await expect(page.locator('noscript p').first()).toContainText('Without JavaScript the calculator cannot read the values a link carries');
    expect(await page.locator('h2:visible', {has: page.locator('noscript')}).first().evaluate((h) => h.textContent)).toBe('Findings for service imap in Dovecot 2.4 (default values)');
  });
});
