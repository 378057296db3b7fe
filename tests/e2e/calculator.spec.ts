// /calculator: typing changes the findings, the service select and the version switch change
// what is shown (and the setting's name), the state goes into the URL and a copied link restores
// it, hostile links are shown as notices and never as markup, the page works without JavaScript,
// nothing moves on load, and axe finds no serious or critical violation.
import {expect, test, type Page} from '@playwright/test';
import {allowClipboard, countDialogs, forgetRememberedVersion, hydrated, linkNotices, linkedError, recordCspViolations, seriousAxeViolations, shiftOnLoad, watchPage} from './helpers';

const calc = (page: Page) => page.getByRole('region', {name: 'Calculator'});
// visible: until the widget has trimmed its server-only copies (a transition after hydration), the
// hidden version's copy is still in the page
const findings = (page: Page) => calc(page).locator('[data-finding]').filter({visible: true});
const input = (page: Page, name: string) => calc(page).getByRole('textbox', {name, exact: true});
const linkBox = (page: Page) => calc(page).getByRole('textbox', {name: 'Link to this state'});
const query = (page: Page) => new URL(page.url()).searchParams;

async function findingTexts(page: Page): Promise<string[]> {
  return findings(page).allInnerTexts();
}

test.beforeEach(({page}) => forgetRememberedVersion(page));

test('loads cleanly with the default findings, the built-in defaults and a link', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  const csp = await recordCspViolations(page);
  await page.goto('/calculator');
  await hydrated(page);
  await expect(page.getByRole('heading', {level: 1, name: 'Service calculator'})).toBeVisible();
  await expect(findings(page).first()).toBeVisible();
  await expect(input(page, 'process_limit')).toHaveAttribute('placeholder', '1024');
  await expect(input(page, 'restart_request_count')).toBeVisible();
  await expect(linkBox(page)).toHaveValue(`${baseURL}/calculator?s=2&v=2.4`);
  // formulas are typeset as MathML in the server render: no KaTeX stylesheet, fonts or script
  await expect(calc(page).locator('.katex math').first()).toBeVisible();
  await expect(page.locator('link[rel="stylesheet"][href="/katex/katex.min.css"]')).toHaveCount(0);
  // the implied config is a code block with a copy button
  await expect(calc(page).locator('pre code').filter({hasText: 'service imap {', visible: true}).first()).toBeVisible();
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(await csp()).toEqual([]);
});

test('typing changes the findings and the URL', async ({page}) => {
  await page.goto('/calculator');
  await hydrated(page);
  await expect(findings(page).first()).toBeVisible();
  const before = await findingTexts(page);
  const formulas = () => calc(page).locator('[data-version="2.4"] .katex annotation, .katex annotation').allTextContents();
  const formulasBefore = await formulas();

  await input(page, 'restart_request_count').fill('unlimited');
  await input(page, 'client_limit').fill('100');
  await input(page, 'Peak concurrent connections').fill('20000');
  await expect.poll(() => findingTexts(page)).not.toEqual(before);
  // the formulas follow the numbers (KaTeX is loaded now, on the first change)
  await expect.poll(formulas).not.toEqual(formulasBefore);
  // written after a short pause (debounced), in a stable order
  await expect.poll(() => new URL(page.url()).search).toBe('?s=2&v=2.4&cl=100&rc=unlimited&peak=20000');

  // every keystroke: one more character, new findings
  const mid = await findingTexts(page);
  await input(page, 'Peak concurrent connections').press('End');
  await input(page, 'Peak concurrent connections').press('0');
  await expect.poll(() => findingTexts(page)).not.toEqual(mid);

  await calc(page).getByRole('button', {name: 'Reset'}).click();
  await expect(input(page, 'client_limit')).toHaveValue('');
  await expect.poll(() => findingTexts(page)).toEqual(before);
  await expect.poll(() => page.url()).toMatch(/\/calculator\?s=2&v=2\.4$/);
});

test('choosing a service shows its defaults and findings', async ({page}) => {
  await page.goto('/calculator');
  await hydrated(page);
  const select = calc(page).getByRole('combobox', {name: 'Service'});
  await expect(select.locator('optgroup[label="Login services"] option[value="imap-login"]')).toHaveCount(1);
  await expect(select.locator('optgroup[label="Mail services"] option[value="lmtp"]')).toHaveCount(1);
  await select.selectOption('imap-login');
  await expect(calc(page).getByRole('heading', {name: /Findings for service imap-login/})).toBeVisible();
  await expect(input(page, 'process_limit')).toHaveAttribute('placeholder', '100');
  await expect(input(page, 'client_limit')).toHaveAttribute('placeholder', '1000');
  await expect.poll(() => query(page).get('svc')).toBe('imap-login');
});

test('the version switch changes the names and the syntax', async ({page}) => {
  await page.goto('/calculator');
  await hydrated(page);
  await input(page, 'restart_request_count').fill('unlimited');
  await calc(page).getByRole('group', {name: 'Dovecot version'}).getByRole('button', {name: '2.3'}).click();
  await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
  await expect(input(page, 'service_count')).toBeVisible();
  await expect(input(page, 'restart_request_count')).toHaveCount(0);
  // 2.4's unlimited is 2.3's 0
  await expect(input(page, 'service_count')).toHaveValue('0');
  await expect(calc(page).getByRole('heading', {name: /in Dovecot 2\.3/})).toBeVisible();
  await expect.poll(() => new URL(page.url()).search).toBe('?s=2&v=2.3&rc=0');

  // the site-wide switch in the navbar drives the calculator too
  await page.getByRole('navigation').getByRole('button', {name: '2.4', exact: true}).click();
  await expect(input(page, 'restart_request_count')).toHaveValue('unlimited');
  await expect.poll(() => query(page).get('v')).toBe('2.4');
});

test('bad input shows a message under the field, never a crash', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  await page.goto('/calculator');
  await hydrated(page);
  const cases: [string, string, RegExp][] = [
    ['client_limit', 'abc', /client_limit/],
    ['Peak concurrent connections', '-5', /Peak concurrent connections/],
    ['CPU cores', '99999999999999999999', /CPU cores/],
    ['restart_request_count', '0', /restart_request_count/],
  ];
  for (const [name, value, message] of cases) {
    const field = input(page, name);
    await field.fill(value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(await linkedError(field, name)).toContainText(message);
    await field.fill('');
  }
  await input(page, 'client_limit').fill('<script>alert(1)</script>');
  await expect(input(page, 'client_limit')).toHaveAttribute('aria-invalid', 'true');
  await expect(findings(page).first()).toBeVisible();
  expect(problems.pageErrors).toEqual([]);
});

test('copy link, then open it in a fresh page: same state', async ({page, context, baseURL}) => {
  const clipboard = await allowClipboard(context, String(baseURL));
  await page.goto('/calculator');
  await hydrated(page);
  await calc(page).getByRole('combobox', {name: 'Service'}).selectOption('pop3');
  await input(page, 'client_limit').fill('10');
  await input(page, 'vsz_limit').fill('1G');
  await input(page, 'RAM').fill('0.5');
  await calc(page).getByRole('button', {name: 'Copy link'}).click();
  await expect(calc(page).getByRole('status').filter({hasText: 'Copied'})).toBeVisible();
  const copied = await clipboard(page);
  expect(copied).toBe(`${baseURL}/calculator?s=2&v=2.4&svc=pop3&cl=10&vsz=1G&ram=0.5`);
  const shownFindings = await findingTexts(page);

  const fresh = await context.newPage();
  await fresh.goto(copied);
  await hydrated(fresh);
  await expect(calc(fresh).getByRole('combobox', {name: 'Service'})).toHaveValue('pop3');
  await expect(input(fresh, 'client_limit')).toHaveValue('10');
  await expect(input(fresh, 'vsz_limit')).toHaveValue('1G');
  await expect(input(fresh, 'RAM')).toHaveValue('0.5');
  await expect(linkBox(fresh)).toHaveValue(copied);
  await expect.poll(() => findingTexts(fresh)).toEqual(shownFindings);
  await expect(calc(fresh).getByText('Parts of this link were not used')).toHaveCount(0);
});

test('protocols, TLS share, proxying and the cache: the sums and the config follow them; a schema 1 link keeps its protocol', async ({page}) => {
  // the 3000-user example: imap-login with 3500 processes, every protocol enabled
  await page.goto('/calculator?s=2&v=2.4&svc=imap-login&pl=3500&pma=4&peak=3000&rate=100');
  await hydrated(page);
  const config = calc(page).locator('pre code').filter({hasText: 'protocols =', visible: true}).first();
  await expect(config).toContainText('protocols = imap pop3 lmtp submission sieve');
  await expect(config).toContainText('client_limit = 3900'); // auth: 3500 + 4 × 100
  await expect(config).toContainText('process_limit = 3750'); // imap: 3000 × 1.25
  await expect(calc(page).locator('[data-finding="mail-processes"]').filter({visible: true})).toHaveAttribute('data-severity', 'danger');
  await expect(calc(page).locator('[data-finding="stats"]').filter({visible: true})).toHaveAttribute('data-severity', 'danger');
  // only imap: auth needs 3500 + 100 (imap-urlauth-login)
  for (const p of ['pop3', 'lmtp', 'submission', 'sieve']) await calc(page).getByRole('checkbox', {name: p, exact: true}).uncheck();
  await expect(config).toContainText(/protocols = imap(?! pop3)/);
  await expect(config).toContainText('client_limit = 3600');
  await expect.poll(() => query(page).get('proto')).toBe('imap');
  // proxying: no imap process here
  await calc(page).getByRole('checkbox', {name: /This server proxies/}).check();
  await expect(config).not.toContainText('service imap {');
  await expect.poll(() => query(page).get('proxy')).toBe('on');
  await calc(page).getByRole('checkbox', {name: /authentication cache/}).check();
  await expect(config).toContainText('auth_cache_verify_password_with_worker = yes');

  // a schema 1 link checked its service with only its own protocol, and still does
  await page.goto('/calculator?s=1&v=2.3&svc=pop3-login&pl=500');
  await hydrated(page);
  await expect(linkNotices(calc(page))).toContainText('only pop3 enabled');
  await expect(calc(page).getByRole('checkbox', {name: 'imap', exact: true})).not.toBeChecked();
  await expect(calc(page).locator('pre code').filter({hasText: 'protocols =', visible: true}).first()).toContainText(/protocols = pop3(?! )/);
});

test('a link carries the version: ?v=2.3 shows 2.3 names', async ({page}) => {
  await page.goto('/calculator?s=2&v=2.3&svc=imap&rc=0');
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
  await expect(input(page, 'service_count')).toHaveValue('0');
});

test('a hostile link shows notices and injects nothing', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  const dialogs = countDialogs(page);
  await page.goto('/calculator?s=2&v=2.4&cl=%3Cimg%20src=x%20onerror=alert(1)%3E&zzz=1&__proto__=1&pl=%00');
  await hydrated(page);
  const notices = linkNotices(calc(page));
  await expect(notices).toContainText('Ignored cl=<img src=x onerror=alert(1)>: not a count or unlimited.');
  await expect(notices).toContainText('Ignored unknown parameter zzz.');
  await expect(notices).toContainText('Ignored unknown parameter __proto__.');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(input(page, 'client_limit')).toHaveValue('');
  await expect(findings(page).first()).toBeVisible();
  expect(dialogs()).toBe(0);
  expect(problems.pageErrors).toEqual([]);
  await notices.getByRole('button', {name: 'Dismiss'}).click();
  await expect(notices).toHaveCount(0);
});

test('no layout shift on load, also with 2.3 remembered', async ({page}) => {
  expect(await shiftOnLoad(page, '/calculator', () => expect(findings(page).first()).toBeVisible())).toBeLessThan(0.01);
  await page.goto('/services?v=2.3');
  expect(await shiftOnLoad(page, '/calculator', () => expect(input(page, 'service_count')).toBeVisible())).toBeLessThan(0.01);
});

test('axe: no serious or critical violations on /calculator, also with errors and notices', async ({page}) => {
  await page.goto('/calculator?s=2&v=2.4&zzz=1');
  await hydrated(page);
  await input(page, 'client_limit').fill('abc');
  await expect(findings(page).first()).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({javaScriptEnabled: false});

  test('shows the default findings for 2.4 and 2.3 on request', async ({page}) => {
    await page.goto('/calculator');
    const shown = page.locator('[data-version="2.4"]');
    await expect(shown.locator('[data-finding]').first()).toBeVisible();
    await expect(shown.locator('.katex math').first()).toBeVisible();
    await expect(shown.getByRole('textbox', {name: 'restart_request_count'})).toBeVisible();
    await expect(page.locator('[data-version="2.3"]')).toBeHidden();
    await page.getByRole('note').getByRole('link', {name: 'Show Dovecot 2.3 instead'}).click();
    await expect(page.locator('[data-version="2.3"]').getByRole('textbox', {name: 'service_count'})).toBeVisible();
    await expect(page.locator('[data-version="2.3"] [data-finding]').first()).toBeVisible();
  });
});

test('the landing page links to the calculator', async ({page}) => {
  await page.goto('/');
  await page.getByRole('link', {name: 'Service calculator'}).click();
  await expect(page).toHaveURL(/\/calculator/);
  await expect(page.getByRole('heading', {level: 1, name: 'Service calculator'})).toBeVisible();
});
