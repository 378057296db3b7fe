// Local search (no external service): a setting's name finds the page that explains it.
import {expect, test} from '@playwright/test';

test('searching client_limit finds the page that explains it', async ({page}) => {
  await page.goto('/');
  const box = page.locator('nav').getByLabel('Search');
  await box.click();
  await box.fill('client_limit');
  const hit = page.getByRole('option').first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/services\/client-limit(\?|#|$)/);
  await expect(page.getByRole('heading', {level: 1, name: 'client_limit'})).toBeVisible();
});

test('searching a pasted log line lands on its troubleshooting entry', async ({page}) => {
  await page.goto('/');
  const box = page.locator('nav').getByLabel('Search');
  await box.click();
  await box.fill('process_limit reached, client connections are being dropped');
  const hit = page.getByRole('option').first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/troubleshooting/);
  await expect(page.getByRole('heading', {level: 1, name: 'Troubleshooting'})).toBeVisible();
});
