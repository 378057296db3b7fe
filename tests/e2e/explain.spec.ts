// /explain: pasting a config shows each service, doveconf's checks and the 2.4 migration; pasting
// log lines shows their meaning and a prefilled calculator link that works; a share link restores
// the (redacted) text in a fresh page and keeps it out of the query; hostile paste renders as
// text; the page explains itself without JavaScript; axe finds no serious or critical violation.
import {expect, test, type Page} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {watchPage} from './helpers';

const hydrated = (page: Page) => expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
const box = (page: Page) => page.getByRole('textbox', {name: 'Configuration or log lines'});

const CONFIG = `# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf
protocols = imap
service imap {
  service_count = 0
}
service imap-login {
  service_count = 0
  vsz_limit = 0
}
`;
const LOGS = `Nov 30 13:05:47 mail dovecot: master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped
Nov 30 13:05:47 mail dovecot: imap-login: Info: Disconnected: Connection queue full (no auth attempts in 1 secs): user=<bob@example.com>, rip=203.0.113.9, lip=192.0.2.1, secured
this line means nothing`;

async function axe(page: Page): Promise<void> {
  const r = await new AxeBuilder({page}).include('main').analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('paste a config: services, doveconf warning, migration; no errors, nothing leaves the site', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  await page.goto('/explain');
  await hydrated(page);
  await expect(page.getByRole('heading', {level: 2, name: 'Example'})).toBeVisible();
  await box(page).fill(CONFIG);
  await expect(page.getByRole('heading', {level: 2, name: 'Analysis'})).toBeVisible();
  await expect(page.getByTestId('version')).toContainText('Dovecot 2.3: the doveconf header');
  await expect(page.getByText('service imap-login', {exact: true})).toBeVisible();
  await expect(page.getByText(/doveconf: Warning: service auth \{ client_limit=1000 \} is lower than required under max\. load \(1224\)/)).toBeVisible();
  const migration = page.locator('section', {has: page.getByRole('heading', {name: 'Migration to Dovecot 2.4'})});
  await expect(migration).toContainText('restart_request_count = unlimited');
  await expect(migration).toContainText('vsz_limit = unlimited');
  await expect(migration).toContainText('client_limit = 1224');
  // a code block's buttons are made once it comes near the screen
  await migration.scrollIntoViewIfNeeded();
  await expect(migration.getByRole('button', {name: /copy/i})).toBeVisible();
  await axe(page);
  expect(problems).toEqual({consoleErrors: [], pageErrors: [], foreignRequests: []});
});

test('paste log lines: meaning, fix, troubleshooting link, and a calculator link that opens prefilled', async ({page}) => {
  await page.goto('/explain');
  await hydrated(page);
  await box(page).fill(LOGS);
  const logs = page.locator('section', {has: page.getByRole('heading', {name: /^Log lines/})});
  await expect(logs).toContainText('process_limit reached');
  await expect(logs).toContainText('Raise service imap-login { process_limit } above 2 (for example to 4)');
  await expect(logs.getByRole('link', {name: 'What this message means'}).first()).toHaveAttribute('href', '/troubleshooting#process-limit-reached');
  await expect(page.locator('section', {has: page.getByRole('heading', {name: /^Not recognised/})})).toContainText('this line means nothing');
  await logs.getByRole('link', {name: 'Open in the calculator'}).first().click();
  await expect(page).toHaveURL(/\/calculator\?s=2&v=2\.3&svc=imap-login&pl=4$/);
  await hydrated(page);
  await expect(page.getByRole('textbox', {name: 'process_limit', exact: true})).toHaveValue('4');
});

test('share link: redaction offered, text in the #fragment only, a fresh page restores it', async ({page, browser}) => {
  await page.goto('/explain');
  await hydrated(page);
  await box(page).fill(`${CONFIG}ssl_key_password = hunter2\n${LOGS}`);
  await page.getByRole('button', {name: 'Share link…'}).click();
  await expect(page.getByRole('checkbox', {name: /ssl_key_password on line 10/})).toBeChecked();
  await expect(page.getByRole('checkbox', {name: /user=bob@example.com/})).toBeChecked();
  // keep the address on line 12 unredacted, to see that the choice is honoured
  await page.getByRole('checkbox', {name: /rip=203\.0\.113\.9/}).uncheck();
  await page.getByRole('button', {name: 'Create link'}).click();
  const url = await page.getByTestId('share-url').inputValue();
  const parsed = new URL(url);
  expect(parsed.pathname).toBe('/explain');
  expect(parsed.search).toBe('');
  expect(parsed.hash).toMatch(/^#z=[A-Za-z0-9_-]+$/);
  expect(new URL(page.url()).hash).toBe(parsed.hash);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(url);
  await hydrated(fresh);
  await expect(box(fresh)).not.toHaveValue('');
  const restored = await box(fresh).inputValue();
  expect(restored).toContain('service_count = 0');
  expect(restored).toContain('ssl_key_password = [redacted]');
  expect(restored).not.toContain('hunter2');
  expect(restored).toContain('user=<[user]>');
  expect(restored).toContain('rip=203.0.113.9');
  await expect(fresh.getByRole('heading', {level: 2, name: 'Analysis'})).toBeVisible();
  await fresh.context().close();
});

test('hostile paste renders as text', async ({page}) => {
  await page.goto('/explain');
  await hydrated(page);
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await box(page).fill(`service imap {\n  executable = ${hostile}\n}\n${hostile}\nmaster: Warning: service(imap): process_limit (5) reached, client connections are being dropped ${hostile}\n`);
  await expect(page.getByRole('heading', {level: 2, name: 'Analysis'})).toBeVisible();
  await expect(page.locator('main').getByText(hostile, {exact: false}).first()).toBeVisible();
  expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBeUndefined();
  await axe(page);
});

test.describe('without JavaScript', () => {
  test.use({javaScriptEnabled: false});
  test('what it does and an analysed example', async ({page}) => {
    await page.goto('/explain');
    // Playwright's text selectors skip <noscript>; the rendered text shows it
    expect(await page.locator('main').innerText()).toContain('The explainer needs JavaScript to analyse your own text.');
    await expect(page.getByRole('heading', {level: 2, name: 'Example'})).toBeVisible();
    await expect(page.getByText('restart_request_count = unlimited # 2.3: service_count = 0').first()).toBeVisible();
    await expect(page.getByRole('link', {name: 'What this message means'}).first()).toBeVisible();
  });
});

test('the example page passes axe', async ({page}) => {
  await page.goto('/explain');
  await hydrated(page);
  await axe(page);
});

/** Sets the text area's value the way a paste does, in one input event (fill() types too slowly for 1 MB). */
async function paste(page: Page, text: string): Promise<void> {
  await box(page).evaluate((el, value) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    setter.call(el, value);
    el.dispatchEvent(new Event('input', {bubbles: true}));
  }, text);
}

test('a 1 MB paste stays readable: repeats grouped, the long migration block as plain text, log messages 100 at a time', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  await page.goto('/explain');
  await hydrated(page);
  let big = '';
  // a long comment in each copy keeps a megabyte under the explainer's 16 384 lines
  const note = 'kept from the old server: '.padEnd(480, 'x');
  for (let i = 0; big.length < 1_000_000; i++) big += CONFIG.replace('protocols = imap', `protocols = imap\n# copy ${i}, ${note}`);
  await paste(page, big);
  const migration = page.locator('section', {has: page.getByRole('heading', {name: 'Migration to Dovecot 2.4'})});
  await expect(migration.getByText('This converts the service, login-process and auth-cache settings')).toBeVisible({timeout: 20_000});
  // what changed is folded under the block
  await migration.getByText(/^What changed/).click();
  await expect(migration).toContainText('service_count = 0 → restart_request_count = unlimited');
  await expect(migration.getByText(/and \d{4,} more like it/).first()).toBeVisible();
  const block = migration.locator('pre code').first();
  expect(await block.locator('.token').count(), 'a block this long is not coloured token by token').toBe(0);
  expect((await block.textContent())!.split('\n').length).toBeGreaterThan(2000);
  expect(await page.locator('main *').count(), 'elements on the page').toBeLessThan(3000);

  const logs = Array.from({length: 250}, (_, i) => `master: Warning: service(imap-login): process_limit (${i + 1}) reached, client connections are being dropped`).join('\n');
  await paste(page, logs);
  const section = page.locator('section', {has: page.getByRole('heading', {name: /^Log lines/})});
  await expect(section.locator('details > ul > li')).toHaveCount(100);
  await expect(section).toContainText('150 more messages not shown.');
  await section.getByRole('button', {name: 'Show all 250'}).click();
  await expect(section.locator('details > ul > li')).toHaveCount(250);
  expect(problems).toEqual({consoleErrors: [], pageErrors: [], foreignRequests: []});
});

// Debian's stock 10-master.conf service blocks: nothing in them names a version
const STOCK = 'service imap-login {\n  inet_listener imap {\n  }\n  inet_listener imaps {\n  }\n}\nservice pop3-login {\n  inet_listener pop3 {\n  }\n}\nservice lmtp {\n  unix_listener lmtp {\n  }\n}\nservice imap {\n}\nservice auth {\n  unix_listener auth-userdb {\n  }\n}\n';

test('load fields: nothing judged without a load; a peak entered judges capacity and goes into the link', async ({page}) => {
  await page.goto('/explain');
  await hydrated(page);
  await box(page).fill(STOCK);
  const services = page.locator('section', {has: page.getByRole('heading', {name: /^Services/})});
  await expect(services).toContainText('no load given, so capacity is not judged');
  await expect(services).not.toContainText('Capacity:');
  await expect(services.getByText('Error', {exact: true})).toHaveCount(0);
  await page.getByRole('textbox', {name: /^Peak concurrent connections/}).fill('1000');
  await expect(services).toContainText('judged against 1,000 connections at peak');
  const login = services.locator('details details', {has: page.getByText('service imap-login', {exact: true})});
  await expect(login).toContainText('Capacity: 1,000 connections held at your peak (1,000 TLS sessions + 0 logging in) need 1,000 processes; process_limit allows 100.');
  // lmtp's connections are deliveries, not the clients' peak
  await expect(services.locator('details details', {has: page.getByText('service lmtp', {exact: true})})).not.toContainText('Capacity:');
  await expect(page).toHaveURL(/\/explain\?s=1(&v=2\.[34])?&peak=1000$/);
  // a bad value is its field's problem, not a load
  await page.getByRole('textbox', {name: /^CPU cores/}).fill('many');
  await expect(page.getByText('CPU cores: Ignored')).toHaveCount(0);
  await expect(page.getByRole('textbox', {name: /^CPU cores/})).toHaveAttribute('aria-invalid', 'true');
  // the link restores the load in a fresh page
  await page.goto('/explain?s=1&peak=2500&cores=8');
  await hydrated(page);
  await expect(page.getByRole('textbox', {name: /^Peak concurrent connections/})).toHaveValue('2500');
  await expect(page.getByRole('textbox', {name: /^CPU cores/})).toHaveValue('8');
});

test('layout: the version (the other one offered), what doveconf says and the migration come before the findings, which fold', async ({page}) => {
  await page.goto('/explain?v=2.3');
  await hydrated(page);
  await box(page).fill(`${STOCK}service lmtp {\n  inet_listener {\n    port = 24\n  }\n}\nmaster: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped\n`);
  const version = page.getByTestId('version');
  await expect(version).toContainText('Dovecot 2.3: the unnamed inet_listener { } on line');
  const y = async (name: RegExp) => (await page.getByRole('heading', {name}).boundingBox())!.y;
  const order = [await y(/^What doveconf says/), await y(/^Migration to Dovecot 2\.4/), await y(/^Services/), await y(/^Log lines/)];
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect((await version.boundingBox())!.y).toBeLessThan(order[0]);
  const migration = page.locator('section', {has: page.getByRole('heading', {name: 'Migration to Dovecot 2.4'})});
  await expect(migration).toContainText('inet_listener lmtp {');
  await expect(migration.getByRole('link', {name: '2.3 to 2.4 upgrade guide'})).toHaveAttribute('href', 'https://doc.dovecot.org/main/installation/upgrade/2.3-to-2.4.html');
  // a group folds and unfolds under its heading
  const services = page.locator('section', {has: page.getByRole('heading', {name: /^Services/})});
  const group = services.locator('details').first();
  const wasOpen = (await group.getAttribute('open')) !== null;
  await group.locator('> summary').click();
  expect((await group.getAttribute('open')) !== null).toBe(!wasOpen);
  await group.locator('> summary').click();
  expect((await group.getAttribute('open')) !== null).toBe(wasOpen);
  // no clue at all: read as the site's version, the other one offered
  await box(page).fill(STOCK);
  await expect(version).toContainText('nothing in the text says which version it is for, so it is read as Dovecot 2.3, the version chosen for this site.');
  await version.getByRole('button', {name: 'Read it as Dovecot 2.4'}).click();
  await expect(version).toContainText('Dovecot 2.4: chosen by you');
  await axe(page);
});

test('a problem of every service at once is said once, across the services; sharing keeps Dovecot variables and replaces the secret', async ({page, browser}) => {
  await page.goto('/explain');
  await hydrated(page);
  // a 2.3 conf.d excerpt as public configs write it: login processes as the mail user, % variables
  const text = 'default_login_user = vmail\nmail_location = maildir:/var/vmail/%d/%n\nlogin_log_format_elements = "user=<%u> method=%m rip=%r lip=%l mpid=%e %c"\nssl_key_password = hunter2\nservice imap-login {\n  inet_listener imap {\n    port = 143\n  }\n}\n';
  await box(page).fill(text);
  const across = page.locator('section', {has: page.getByRole('heading', {name: /^Across all services/})});
  await expect(across).toContainText('All login processes (imap-login, pop3-login, …) run as vmail (default_login_user = vmail on line 1)');
  await expect(across.getByRole('link', {name: /^More on login process runs as a mail user/})).toHaveAttribute('href', /\/login-processes#/);
  // said once: not again under the login service
  const services = page.locator('section', {has: page.getByRole('heading', {name: /^Services/})});
  await expect(services).toBeVisible();
  await expect(services).not.toContainText('run as vmail');

  await page.getByRole('button', {name: 'Share link…'}).click();
  await expect(page.getByRole('checkbox', {name: /ssl_key_password on line 4/})).toBeChecked();
  // nothing offered for replacement is a Dovecot variable
  for (const label of await page.locator('fieldset label').allInnerTexts()) expect(label).not.toMatch(/%[a-z{]/);
  await page.getByRole('button', {name: 'Create link'}).click();
  const url = await page.getByTestId('share-url').inputValue();
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(url);
  await hydrated(fresh);
  await expect(box(fresh)).not.toHaveValue('');
  const restored = await box(fresh).inputValue();
  expect(restored).not.toContain('hunter2');
  expect(restored).toBe(text.replace('hunter2', '[redacted]'));
  await fresh.context().close();
});
