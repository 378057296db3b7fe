// /explain under hostile or huge input: a paste over the size or line limit or of binary data is
// refused before it reaches the text area, with a message; typing past the limit is refused; a
// share link that inflates too far or is not UTF-8 is not opened; sections nested too deep are reported on their line; the analysis runs in
// a Web Worker, and one that outlives its 10 s budget (or a worker that dies) is stopped and said
// so, while the text area stays usable.
import {expect, test, type Page} from '@playwright/test';
import {deflateRawSync} from 'node:zlib';
import {hydrated, watchPage} from './helpers';

const box = (page: Page) => page.getByRole('textbox', {name: 'Configuration or log lines'});
const explainer = (page: Page) => page.locator('[data-analysis]');

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await box(page).focus();
  await page.keyboard.press('Control+V');
}

test.beforeEach(async ({context, baseURL}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: String(baseURL)});
});

test('a paste over 1 MB or of binary data is refused and the text area keeps what it had', async ({page, baseURL}) => {
  const problems = watchPage(page, String(baseURL));
  await page.goto('/explain');
  await hydrated(page);
  await box(page).fill('service imap {\n  process_limit = 5\n}\n');
  await expect(page.getByRole('heading', {level: 2, name: 'Analysis'})).toBeVisible();

  await paste(page, 'x'.repeat(5_000_000));
  await expect(page.getByRole('alert')).toHaveText(/^The text is 4\.8 MB; the explainer reads at most 1 MB\./);
  await expect(box(page)).toHaveValue('service imap {\n  process_limit = 5\n}\n');

  await paste(page, 'a {\n'.repeat(100_000));
  await expect(page.getByRole('alert')).toHaveText(/^The text has 100,003 lines; the explainer takes at most 16,384 /);
  await expect(box(page)).toHaveValue('service imap {\n  process_limit = 5\n}\n');

  let seed = 7;
  const garbage = Array.from({length: 20_000}, () => String.fromCharCode((seed = (seed * 48271) % 2147483647) & 0xffff)).join('');
  await paste(page, garbage);
  await expect(page.getByRole('alert')).toHaveText(/^This looks like binary data, not a config or log text/);
  await expect(box(page)).toHaveValue('service imap {\n  process_limit = 5\n}\n');

  // a paste that fits goes in, and the message goes away
  await box(page).press('Control+End');
  await paste(page, 'service pop3 {\n  process_limit = 7\n}\n');
  await expect(box(page)).toHaveValue(/service pop3/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(explainer(page)).toHaveAttribute('data-analysis', 'done');
  expect(problems).toEqual({consoleErrors: [], pageErrors: [], foreignRequests: []});
});

test('typing past the limit is refused, the text stays as it was', async ({page}) => {
  await page.goto('/explain');
  await hydrated(page);
  const full = `# ${'x'.repeat(61)}\n`.repeat(16_384);
  expect(full.length).toBe(1_048_576);
  await paste(page, full);
  await expect(explainer(page)).toHaveAttribute('data-analysis', 'done');
  await box(page).press('Control+End');
  await page.keyboard.type('x');
  await expect(page.getByRole('alert')).toHaveText(/^The text is 1,048,577 bytes; the explainer reads at most 1,048,576 bytes\./);
  expect(await box(page).evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(1_048_576);
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await box(page).evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(1_048_575);
});

const link = (bytes: Buffer) => `/explain#z=${deflateRawSync(bytes, {level: 9}).toString('base64url')}`;

test('share links that inflate past the ratio bound or are not UTF-8 are not opened', async ({page}) => {
  await page.goto(link(Buffer.alloc(1_048_576, 0x61)));
  await hydrated(page);
  await expect(page.getByRole('alert')).toHaveText('The link unpacks to more than 400 times its size, which no real config or log does; it was not opened.');
  await expect(box(page)).toHaveValue('');

  // a new document: a link that differs only after '#' would not load the page again
  await page.goto('about:blank');
  await page.goto(link(Buffer.alloc(50_000, 0xff)));
  await hydrated(page);
  await expect(page.getByRole('alert')).toHaveText('The link is damaged: its text is not valid UTF-8, so it was not opened.');
  await expect(box(page)).toHaveValue('');
});

test('16 000 nested sections: the report names the line where nesting goes too deep', async ({page}) => {
  await page.goto('/explain');
  await hydrated(page);
  await paste(page, 'a {\n'.repeat(16_000));
  await expect(explainer(page)).toHaveAttribute('data-analysis', 'done');
  await expect(page.locator('main')).toContainText("Section 'a' is nested more than 32 levels deep; it is skipped with everything in it up to its '}'");
});

test('an analysis that outlives its budget is stopped and said so; typing goes on meanwhile', async ({page}) => {
  // a worker that never answers stands in for an analysis that never ends
  await page.route(/\/assets\/js\/explain\.[0-9a-f]+\.js$/, (route) => route.fulfill({contentType: 'text/javascript', body: 'self.onmessage = () => {};'}));
  await page.goto('/explain');
  await hydrated(page);
  await box(page).fill('service imap {\n  process_limit = 5\n}\n');
  await expect(page.getByRole('status').filter({hasText: 'Analysing…'})).toBeVisible();
  await box(page).press('Control+End');
  await page.keyboard.type('# still typing');
  await expect(box(page)).toHaveValue(/# still typing$/);
  // the first text's 10 s run out, then those of the newest text, which was waiting
  await expect(page.getByRole('alert')).toHaveText(/^The analysis stopped after 10 s without finishing, so nothing is shown for this text\./, {timeout: 30_000});
  await expect(explainer(page)).toHaveAttribute('data-analysis', 'stopped');
});

test('a worker that dies is reported', async ({page}) => {
  await page.route(/\/assets\/js\/explain\.[0-9a-f]+\.js$/, (route) => route.fulfill({contentType: 'text/javascript', body: 'self.onmessage = () => { throw new Error("boom"); };'}));
  await page.goto('/explain');
  await hydrated(page);
  await box(page).fill('service imap {\n  process_limit = 5\n}\n');
  await expect(page.getByRole('alert')).toHaveText(/^The analysis stopped with an error in this browser/);
  await expect(explainer(page)).toHaveAttribute('data-analysis', 'failed');
});
