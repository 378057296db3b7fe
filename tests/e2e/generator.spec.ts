// /generator: answers change the blocks, the state goes into the URL and a copied link reopens
// it, Copy / Download / Copy as answer give exactly the shown text (the answer in lines of at
// most 72 columns), bad values show messages under their field, hostile links are shown as
// notices and never as markup, the page works without JavaScript, nothing moves on load, and axe
// finds no serious or critical violation.
import {readFileSync} from 'node:fs';
import {expect, test, type Page} from '@playwright/test';
import {allowClipboard, countDialogs, forgetRememberedVersion, hydrated, linkNotices, linkedError, recordCspViolations, seriousAxeViolations, shiftOnLoad, watchPage} from './helpers';

const gen = (page: Page) => page.getByRole('region', {name: 'Config generator'});
const input = (page: Page, name: string) => gen(page).getByRole('textbox', {name, exact: true});
// visible: until the widget has trimmed its server-only copies (a transition after hydration), the
// hidden version's copy is still in the page
const config = (page: Page) => gen(page).locator('[data-output="config"] pre').filter({visible: true});
const systemd = (page: Page) => gen(page).locator('[data-output="systemd"] pre').filter({visible: true});
const status = (page: Page) => gen(page).getByRole('status').filter({hasText: /\S/}).last();
const linkBox = (page: Page) => gen(page).getByRole('textbox', {name: 'Link to these answers'});

/** The code block's text as shown (one line per line, no trailing newline). */
async function shownConfig(page: Page): Promise<string> {
  const lines = await config(page).locator('.token-line').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  return lines.join('\n').replace(/\n+$/, '');
}

test.beforeEach(({page}) => forgetRememberedVersion(page));

test('loads cleanly with the default output, the systemd drop-in, explanations and a link', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  const csp = await recordCspViolations(page);
  await page.goto('/generator');
  await hydrated(page);
  await expect(page.getByRole('heading', {level: 1, name: 'Config generator'})).toBeVisible();
  await expect(gen(page).locator('[data-output="config"]').filter({visible: true}).getByText('conf.d/10-master.conf', {exact: true})).toBeVisible();
  await expect(config(page)).toContainText(`# ${baseURL}/generator?s=2&v=2.4`);
  await expect(config(page)).toContainText('service imap-login {');
  // the defaults need nothing from systemd: never a LimitNOFILE below dovecot.service's 65535
  await expect(gen(page).locator('[data-output="systemd"]').filter({visible: true}).getByText('Nothing to add', {exact: true})).toBeVisible();
  await expect(systemd(page)).toContainText("LimitNOFILE: the unit file's 65535 covers it");
  await expect(systemd(page)).not.toContainText('LimitNOFILE=');
  await expect(gen(page).getByText(/Not doveconf settings/)).toBeVisible();
  await expect(gen(page).getByRole('link', {name: 'auth_cache_size'})).toHaveAttribute('href', '/settings#auth_cache_size');
  await expect(linkBox(page)).toHaveValue(`${baseURL}/generator?s=2&v=2.4`);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
  expect(await csp()).toEqual([]);
});

test('answers change the blocks and the URL; presets and Reset', async ({page}) => {
  await page.goto('/generator');
  await hydrated(page);
  const before = await shownConfig(page);
  await input(page, 'CPU cores').fill('8');
  await input(page, 'Peak concurrent imap connections').fill('5000');
  await gen(page).getByRole('radio', {name: /^High-performance/}).check();
  await expect.poll(() => shownConfig(page)).not.toEqual(before);
  await expect(config(page)).toContainText('restart_request_count = unlimited');
  await expect(config(page)).toContainText('process_min_avail = 8');
  await expect.poll(() => new URL(page.url()).search).toBe('?s=2&v=2.4&cores=8&imap=5000&login=performance');

  // protocols: pop3 on adds its blocks; a bounded reuse writes the N
  await gen(page).getByRole('checkbox', {name: 'pop3'}).check();
  await expect(config(page)).toContainText('service pop3-login {');
  await gen(page).getByRole('radio', {name: /^Restart every N connections/}).check();
  await input(page, 'Restart every').fill('50');
  await expect(config(page)).toContainText('restart_request_count = 50');

  await gen(page).getByRole('button', {name: 'ISP, 10k users'}).click();
  await expect(input(page, 'CPU cores')).toHaveValue('16');
  await expect(config(page)).toContainText('auth_cache_size = 98M');
  await gen(page).getByRole('button', {name: 'Reset'}).click();
  await expect.poll(() => shownConfig(page)).toBe(before);
  await expect.poll(() => page.url()).toMatch(/\/generator\?s=2&v=2\.4$/);
});

test('a schema 1 link keeps its answers; proxying and a small machine change the blocks and the drop-in', async ({page}) => {
  await page.goto('/generator?s=1&v=2.4&ram=2&imap=3000');
  await hydrated(page);
  await expect(input(page, 'RAM')).toHaveValue('2');
  await expect(gen(page).getByRole('checkbox', {name: /This server proxies/})).not.toBeChecked();
  // 3000 TLS users: imap and stats sized, and TasksMax above the 2457 that 2 GiB allows
  await expect(config(page)).toContainText('process_limit = 3750');
  await expect(config(page)).toContainText('service stats {');
  await expect(systemd(page)).toContainText('TasksMax=');
  await expect(systemd(page)).not.toContainText('LimitNOFILE=');
  await gen(page).getByRole('checkbox', {name: /This server proxies/}).check();
  await expect.poll(() => new URL(page.url()).search).toBe('?s=2&v=2.4&ram=2&imap=3000&proxy=on');
  await expect(config(page)).not.toContainText('service imap {');
});

test('the version switch writes 2.3 names', async ({page}) => {
  await page.goto('/generator');
  await hydrated(page);
  await gen(page).getByRole('radio', {name: /^Unlimited reuse/}).check();
  await gen(page).getByRole('group', {name: 'Dovecot version'}).getByRole('button', {name: '2.3'}).click();
  await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
  await expect(config(page)).toContainText('service_count = 0');
  await expect(config(page)).not.toContainText('restart_request_count');
  await expect(gen(page).getByRole('combobox', {name: 'dovecot_config_version'})).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).search).toBe('?s=2&v=2.3&reuse=unlimited');
});

test('Copy and Download give exactly the shown text; Copy as answer stays within 72 columns and keeps the link whole', async ({page, context, baseURL}) => {
  const clipboard = await allowClipboard(context, String(baseURL));
  await page.goto('/generator?s=2&v=2.4&cores=8&imap=5000&login=performance');
  await hydrated(page);
  await expect(config(page)).toContainText('process_min_avail = 8');

  await gen(page).getByRole('button', {name: 'Copy', exact: true}).click();
  await expect(status(page)).toHaveText('Copied the configuration.');
  const copied = await clipboard(page);
  expect(copied.split('\n')[0]).toBe(`# ${baseURL}/generator?s=2&v=2.4&cores=8&imap=5000&login=performance`);
  expect(copied.endsWith('}\n')).toBe(true);
  expect(copied.replace(/\n+$/, '')).toBe(await shownConfig(page));

  const [download] = await Promise.all([page.waitForEvent('download'), gen(page).getByRole('button', {name: /^Download/}).click()]);
  expect(download.suggestedFilename()).toBe('90-services.conf');
  expect(readFileSync(await download.path(), 'utf8')).toBe(copied);

  await gen(page).getByRole('button', {name: 'Copy as answer'}).click();
  await expect(status(page)).toContainText('Copied as an answer');
  const answer = await clipboard(page);
  const lines = answer.replace(/\n$/, '').split('\n');
  const link = `${baseURL}/generator?s=2&v=2.4&cores=8&imap=5000&login=performance`;
  // the link is longer than 72 columns here: it must still be one line, whole, with nothing else on it
  expect(link.length).toBeGreaterThan(72);
  expect(lines).toContain(link);
  expect(lines.filter((l) => l !== link && l.length > 72)).toEqual([]);
  expect(answer).toContain('service imap-login {');
});

test('copy link, then open it in a fresh page: same answers, same output', async ({page, context, baseURL}) => {
  const clipboard = await allowClipboard(context, String(baseURL));
  await page.goto('/generator');
  await hydrated(page);
  await gen(page).getByRole('button', {name: 'Maximum isolation'}).click();
  await input(page, 'RAM').fill('6.5');
  await gen(page).getByRole('radio', {name: /^A whole minimal file/}).check();
  await gen(page).getByRole('checkbox', {name: 'Explain each value in a comment'}).uncheck();
  await gen(page).getByRole('button', {name: 'Copy link'}).click();
  await expect(status(page)).toHaveText('Copied the link.');
  const copied = await clipboard(page);
  expect(copied).toBe(
    `${baseURL}/generator?s=2&v=2.4&cores=4&ram=6.5&proto=imap,pop3,lmtp,submission,managesieve&imap=300&pop3=50&lmtp=20&sub=50&rate=10&cache=off&comments=off&out=file`,
  );
  const shown = await shownConfig(page);
  expect(shown).toMatch(/^dovecot_config_version = 2\.4\.1/);

  const fresh = await context.newPage();
  await fresh.goto(copied);
  await hydrated(fresh);
  await expect(input(fresh, 'RAM')).toHaveValue('6.5');
  await expect(fresh.getByRole('region', {name: 'Config generator'}).getByRole('checkbox', {name: 'managesieve'})).toBeChecked();
  await expect.poll(() => shownConfig(fresh)).toBe(shown);
  await expect(linkBox(fresh)).toHaveValue(copied);
  await expect(gen(fresh).getByText('Parts of this link were not used')).toHaveCount(0);
});

test('bad values show a message under their field, never a crash', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  await page.goto('/generator');
  await hydrated(page);
  const cases: [string, string, RegExp][] = [
    ['CPU cores', '-3', /^⚠ CPU cores: must be a whole number from 1 to 1024/],
    ['RAM', 'lots', /^⚠ RAM: must be a number/],
    ['Peak concurrent imap connections', '99999999999', /Peak concurrent imap connections: must be a whole number from 0 to 1000000/],
    ['Connections using TLS', '', /Connections using TLS: enter a value/],
    ['Expected users', '<b>x</b>', /Expected users: must be a whole number/],
  ];
  for (const [name, value, message] of cases) {
    const field = input(page, name);
    await field.fill(value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(await linkedError(field, name)).toHaveText(message);
    await expect(config(page)).toContainText('service imap-login {');
  }
  await expect(gen(page).getByText(/Not in the link \(invalid values\): CPU cores, RAM/)).toBeVisible();
  for (const p of ['imap', 'lmtp', 'submission']) await gen(page).getByRole('checkbox', {name: p}).uncheck();
  await expect(gen(page).getByText(/^⚠ Protocols: choose at least one/)).toBeVisible();
  await expect(gen(page).getByRole('checkbox', {name: 'pop3'})).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('b', {hasText: 'x'})).toHaveCount(0);
  expect(problems.pageErrors).toEqual([]);
});

test('a hostile link shows notices and injects nothing', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  const dialogs = countDialogs(page);
  await page.goto(
    '/generator?s=2&v=2.4&cores=%3Cimg%20src=x%20onerror=alert(1)%3E&proto=imap,%3Cscript%3E&zzz=1&__proto__=1&users=%00&s=9',
  );
  await hydrated(page);
  const notices = linkNotices(gen(page));
  await expect(notices).toContainText('Ignored cores=<img src=x onerror=alert(1)>: not a whole number.');
  await expect(notices).toContainText('Ignored unknown parameter zzz.');
  await expect(notices).toContainText('Ignored unknown parameter __proto__.');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(input(page, 'CPU cores')).toHaveValue('2');
  await expect(config(page)).toContainText('service imap-login {');
  expect(dialogs()).toBe(0);
  expect(problems.pageErrors).toEqual([]);
  await notices.getByRole('button', {name: 'Dismiss'}).click();
  await expect(notices).toHaveCount(0);
});

test('no layout shift on load, also with 2.3 remembered', async ({page}) => {
  expect(await shiftOnLoad(page, '/generator', () => expect(config(page)).toBeVisible())).toBeLessThan(0.01);
  await page.goto('/services?v=2.3');
  expect(await shiftOnLoad(page, '/generator', () => expect(config(page)).toContainText('service imap-login {'))).toBeLessThan(0.01);
});

test('axe: no serious or critical violations, also with errors, notices and the details open', async ({page}) => {
  await page.goto('/generator?s=2&v=2.4&zzz=1&cores=32&imap=20000');
  await hydrated(page);
  await input(page, 'RAM').fill('abc');
  await gen(page).locator('summary').first().click();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({javaScriptEnabled: false});

  test('shows the default output for 2.4, and 2.3 on request', async ({page}) => {
    await page.goto('/generator');
    const shown = page.locator('[data-version="2.4"]');
    await expect(shown.locator('[data-output="config"] pre')).toContainText('service imap-login {');
    await expect(shown.locator('[data-output="systemd"] pre')).toContainText('Nothing to add to dovecot.service.');
    await expect(page.locator('[data-version="2.3"]')).toBeHidden();
    await page.getByRole('note').getByRole('link', {name: 'Show Dovecot 2.3 instead'}).click();
    await expect(page.locator('[data-version="2.3"] [data-output="config"] pre')).toContainText('service imap-login {');
  });
});

test('the landing page links to the generator', async ({page}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', {level: 2, name: 'Generate'})).toBeVisible();
  await page.getByRole('link', {name: 'Config generator'}).click();
  await expect(page).toHaveURL(/\/generator/);
  await expect(page.getByRole('heading', {level: 1, name: 'Config generator'})).toBeVisible();
});
