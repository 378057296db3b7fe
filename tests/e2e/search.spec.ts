// Local search (no external service): a setting's name finds the page that explains it, and a
// log line pasted whole, with whatever syslog put before it, finds the troubleshooting entry that
// quotes its message first; a log line or config the site does not know goes to the explainer.
import {expect, test, type Page} from '@playwright/test';

const searchBox = (page: Page) => page.locator('nav').getByLabel('Search');

/** Types `text` into the search box, from an empty box, so no suggestion of an earlier query is left. */
async function search(page: Page, text: string): Promise<void> {
  const box = searchBox(page);
  await box.click();
  await box.fill('');
  await expect(page.getByRole('option')).toHaveCount(0);
  await box.fill(text);
}

test('searching client_limit finds the page that explains it', async ({page}) => {
  await page.goto('/');
  await search(page, 'client_limit');
  const hit = page.getByRole('option').first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/services\/client-limit(\?|#|$)/);
  await expect(page.getByRole('heading', {level: 1, name: 'client_limit'})).toBeVisible();
});

test('searching a message\'s words lands on its troubleshooting entry', async ({page}) => {
  await page.goto('/');
  await search(page, 'process_limit reached, client connections are being dropped');
  const hit = page.getByRole('option').first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/troubleshooting/);
  await expect(page.getByRole('heading', {level: 1, name: 'Troubleshooting'})).toBeVisible();
});

/** Every message the troubleshooting page quotes (its text blocks, both versions), with its entry's anchor. */
async function quotedMessages(page: Page): Promise<{id: string; line: string}[]> {
  await page.goto('/troubleshooting');
  return page.evaluate(() => {
    const out: {id: string; line: string}[] = [];
    let id = '';
    for (const el of document.querySelectorAll('article h2[id], article h3[id], article pre.language-text')) {
      if (el.tagName !== 'PRE') id = el.id;
      else for (const l of el.querySelectorAll('.token-line')) if (l.textContent?.trim()) out.push({id, line: l.textContent.trim()});
    }
    return out;
  });
}

test('every message quoted on /troubleshooting, pasted whole with a syslog prefix, finds its entry first', async ({page}) => {
  test.setTimeout(240_000);
  const messages = await quotedMessages(page);
  expect(messages.length).toBeGreaterThan(30);
  const wrong: string[] = [];
  for (const [i, {id, line}] of messages.entries()) {
    // picking a result navigates: start each search from the page itself, without an anchor
    if (new URL(page.url()).pathname !== '/troubleshooting' || i === 0) await page.goto('/troubleshooting');
    else await page.evaluate(() => history.replaceState(null, '', '/troubleshooting'));
    const pasted = `Nov 30 09:15:${String(10 + (i % 50)).padStart(2, '0')} mail dovecot[${1200 + i}]: ${line}`;
    await search(page, pasted);
    const first = page.getByRole('option').first();
    // the first search also loads the index and the messages
    await expect(first).toBeVisible({timeout: 20_000});
    await first.click();
    await page.waitForURL((u) => u.hash !== '' || !u.pathname.endsWith('/troubleshooting'));
    const url = new URL(page.url());
    if (url.pathname !== '/troubleshooting' || url.hash !== `#${id}`) wrong.push(`${line} → ${url.pathname}${url.hash} (expected #${id})`);
  }
  expect(wrong).toEqual([]);
});

test('a log line the site does not know is offered to the explainer, which opens with it', async ({page}) => {
  await page.goto('/services');
  const line = 'Nov 30 09:15:47 mail dovecot[1234]: imap(bob)<77><abc>: Error: Mailbox INBOX: something the wiki has never seen';
  await search(page, line);
  const options = page.getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Explain this line in the explainer');
  await options.first().click();
  await expect(page).toHaveURL(/\/explain#z=/);
  await expect(page.getByRole('textbox', {name: 'Configuration or log lines'})).toHaveValue(line);
  await expect(page.locator('html')).not.toHaveAttribute('data-link-state', /.*/);
});

test('a pasted config is offered to the explainer; an ordinary word that finds nothing is not', async ({page}) => {
  await page.goto('/');
  await search(page, 'service imap-login { service_count = 0 }');
  await expect(page.getByRole('option').last()).toContainText('Explain this config in the explainer');
  await searchBox(page).fill('');
  await search(page, 'qwertyuiopasdf');
  await expect(page.getByText('No results')).toBeVisible();
  await expect(page.getByRole('option')).toHaveCount(0);
});
