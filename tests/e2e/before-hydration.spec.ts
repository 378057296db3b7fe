// What a reader does in the moments between the first paint and hydration (long on a slow phone,
// where the scripts are requested after the first paint) is not lost: typed and pasted text is
// given back to the widget once it has hydrated, and the last tap on a button is replayed
// (src/lib/earlyInput.ts). The version switch and the phone menu have their own specs.
import {expect, test, type Page} from '@playwright/test';

/** Holds the site's scripts back until `release()`, as a slow connection would. */
async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.js(\?|$)/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const hydrated = (page: Page) => expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');

test('a number typed into the calculator before hydration stays, and the widget computes with it', async ({page}) => {
  const release = await holdScripts(page);
  await page.goto('/calculator', {waitUntil: 'domcontentloaded'});
  const peak = page.locator('[id$="-24-peakConnections"]');
  await peak.fill('7');
  release();
  await hydrated(page);
  await expect(peak).toHaveValue('7');
  await expect.poll(() => new URL(page.url()).searchParams.get('peak')).toBe('7');
});

test('a config pasted into the explainer before hydration is explained once it has', async ({page}) => {
  const release = await holdScripts(page);
  await page.goto('/explain', {waitUntil: 'domcontentloaded'});
  const box = page.getByRole('textbox', {name: 'Configuration or log lines'});
  const line = 'master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped';
  await box.fill(line);
  release();
  await hydrated(page);
  await expect(box).toHaveValue(line);
  const logs = page.locator('section', {has: page.getByRole('heading', {name: /^Log lines/})});
  await expect(logs).toContainText('Raise service imap-login { process_limit } above 2 (for example to 4)');
});

test('the generator switched to 2.3 before hydration hydrates its 2.3 answers and keeps working in 2.3', async ({page}) => {
  const release = await holdScripts(page);
  await page.goto('/generator', {waitUntil: 'domcontentloaded'});
  // the hidden version's copy is kept out of hydration; the switch makes it the one shown
  await page.getByRole('button', {name: '2.3', exact: true}).first().click();
  release();
  await hydrated(page);
  const output = page.locator('[data-version="2.3"] pre').first();
  await expect(output).toContainText('(Dovecot 2.3)');
  await expect(page.locator('[data-version="2.4"]')).toHaveCount(0);
  await page.getByRole('textbox', {name: 'CPU cores'}).fill('6');
  await expect.poll(() => new URL(page.url()).searchParams.get('v')).toBe('2.3');
  await expect.poll(() => new URL(page.url()).searchParams.get('cores')).toBe('6');
});
