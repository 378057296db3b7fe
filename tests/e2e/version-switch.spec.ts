// The site-wide Dovecot version switch: what the reader sees, what is remembered, what the URL
// carries, and that choosing 2.3 ahead of time moves nothing on load.
import {expect, test, type Page} from '@playwright/test';
import {layoutShift} from './helpers';

const text24 = 'In Dovecot 2.4 the setting is called';
const text23 = 'In Dovecot 2.3 the setting is called';
const switchButton = (page: Page, v: string) =>
  page.getByRole('group', {name: 'Dovecot version'}).getByRole('button', {name: v, exact: true});

test('2.4 is the default, and the switch shows 2.3 instead', async ({page}) => {
  await page.goto('/services');
  await expect(page.getByText(text24)).toBeVisible();
  await expect(page.getByText(text23)).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.4');

  await switchButton(page, '2.3').click();
  await expect(page.getByText(text23)).toBeVisible();
  await expect(page.getByText(text24)).toBeHidden();
  await expect(switchButton(page, '2.3')).toHaveAttribute('aria-pressed', 'true');
  expect(new URL(page.url()).searchParams.get('v')).toBe('2.3');
  // the setting's name follows the switch too
  await expect(page.locator('code', {hasText: /^service_count$/}).first()).toBeVisible();
  await expect(page.locator('code', {hasText: /^restart_request_count$/}).first()).toBeHidden();
});

test('the switch works before the page has hydrated', async ({page}) => {
  // The site's scripts never arrive: only the inline script in <head> runs, as in the moments
  // between the first paint and hydration on a slow connection.
  await page.route(/\.js(\?|$)/, (route) => route.abort());
  await page.goto('/services?x=1');
  await switchButton(page, '2.3').click();
  await expect(page.getByText(text23)).toBeVisible();
  await expect(page.getByText(text24)).toBeHidden();
  expect(new URL(page.url()).search).toBe('?x=1&v=2.3');
  await page.unrouteAll();
  // remembered for the next page, which then hydrates with it
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
  await expect(switchButton(page, '2.3')).toHaveAttribute('aria-pressed', 'true');
});

test('the choice survives a reload and a visit without ?v', async ({page}) => {
  await page.goto('/services');
  await switchButton(page, '2.3').click();
  await page.reload();
  await expect(page.getByText(text23)).toBeVisible();
  await page.goto('/services');
  await expect(page.getByText(text23)).toBeVisible();
  // the remembered choice is written back into the URL, so a copied link carries it
  await expect.poll(() => new URL(page.url()).searchParams.get('v')).toBe('2.3');

  await switchButton(page, '2.4').click();
  await expect(page.getByText(text24)).toBeVisible();
  expect(new URL(page.url()).searchParams.get('v')).toBe('2.4');
});

test('?v=2.3 selects and remembers 2.3, and a hostile v is ignored', async ({page}) => {
  await page.goto('/services?v=2.3');
  await expect(page.getByText(text23)).toBeVisible();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');

  await page.goto('/services?v=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  await expect(page.getByText(text23)).toBeVisible();
  await page.goto('/services?v=2.4');
  await expect(page.getByText(text24)).toBeVisible();
});

test('client-side navigation keeps the version in the URL', async ({page}) => {
  await page.goto('/?v=2.3');
  await page.getByRole('main').getByRole('link', {name: 'services and processes', exact: true}).click();
  await expect(page).toHaveURL(/\/services\?v=2\.3/);
  await expect(page.getByText(text23)).toBeVisible();
});

test('no layout shift on load with 2.3 remembered', async ({page}) => {
  await page.goto('/services?v=2.3');
  await page.goto('/services');
  await expect(page.getByText(text23)).toBeVisible();
  expect(await layoutShift(page)).toBe(0);
});
