// With JavaScript off the pages are still complete: 2.4 text and formulas are server-rendered,
// a note says how to see 2.3, and its CSS-only link shows the 2.3 text.
import {expect, test} from '@playwright/test';

test.use({javaScriptEnabled: false});

test('/services shows its 2.4 text and the formula without JavaScript', async ({page}) => {
  await page.goto('/services');
  await expect(page.getByRole('heading', {level: 1, name: 'Services and processes'})).toBeVisible();
  await expect(page.getByText('In Dovecot 2.4 the setting is called')).toBeVisible();
  await expect(page.getByText('In Dovecot 2.3 the setting is called')).toBeHidden();
  const formula = page.locator('.katex-display').filter({hasText: 'process_limit'}).first();
  await expect(formula).toBeVisible();
  await expect(formula).toContainText('process_limit');
  // typeset as MathML by the browser: no KaTeX stylesheet
  await expect(formula.locator('math')).toBeVisible();
  await expect(page.locator('link[href*="katex"]')).toHaveCount(0);

  const note = page.getByRole('note');
  await expect(note).toContainText('This page shows Dovecot 2.4');
  await note.getByRole('link', {name: 'Show Dovecot 2.3 instead'}).click();
  await expect(page.getByText('In Dovecot 2.3 the setting is called')).toBeVisible();
  await expect(page.getByText('In Dovecot 2.4 the setting is called')).toBeHidden();
});
