// The topics around the service model can be found the way people look for them: by the log line
// they have, or by the old setting name in their configuration. The first hit is a page that
// explains it.
import {expect, test} from '@playwright/test';

const CASES: {query: string; lands: RegExp}[] = [
  {query: 'dovecot.index.cache: Cannot allocate memory', lands: /\/(troubleshooting|services\/indexes)(\?|#|$)/},
  {query: 'mail_cache_max_size', lands: /\/(services\/indexes|troubleshooting)(\?|#|$)/},
  {query: 'Disconnected by proxy: Process shutting down', lands: /\/(troubleshooting|proxy)(\?|#|$)/},
  {query: 'login_max_processes_count', lands: /\/(old-settings|troubleshooting)(\?|#|$)/},
  {query: 'killed with signal 9', lands: /\/(troubleshooting|outside-dovecot)(\?|#|$)/},
  {query: 'postfix/anvil statistics: max connection rate', lands: /\/(troubleshooting|outside-dovecot)(\?|#|$)/},
  {query: 'Processes aren\'t dying after reload', lands: /\/(troubleshooting|reload-and-restarts)(\?|#|$)/},
];

for (const {query, lands} of CASES) {
  test(`searching "${query}" lands on the page that explains it`, async ({page}) => {
    await page.goto('/');
    const box = page.locator('nav').getByLabel('Search');
    await box.click();
    await box.fill(query);
    const hit = page.getByRole('option').first();
    await expect(hit).toBeVisible();
    await hit.click();
    await expect(page).toHaveURL(lands);
  });
}
