// Every URL and heading anchor the site has published still resolves, in both Dovecot versions:
// the page loads (directly or through a redirect) and the anchor's element exists and is not
// hidden by the version switch.
import {expect, test} from '@playwright/test';
import {readPublished} from '../../scripts/published-urls';

const byPath = new Map<string, string[]>();
for (const url of readPublished()) {
  const [path, anchor] = url.split('#');
  const anchors = byPath.get(path) ?? [];
  if (anchor) anchors.push(anchor);
  byPath.set(path, anchors);
}

test('the published list is not empty', () => {
  expect(byPath.size).toBeGreaterThan(0);
});

for (const [path, anchors] of byPath) {
  for (const version of ['2.4', '2.3']) {
    test(`published ${path} (${anchors.length} anchors) resolves with Dovecot ${version}`, async ({page}) => {
      const response = await page.goto(`${path}?v=${version}`);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('domcontentloaded');
      const missing = await page.evaluate((ids) => {
        const hidden = document.documentElement.getAttribute('data-dovecot') === '2.3' ? '.dv-24' : '.dv-23';
        return ids.filter((id) => {
          const el = document.getElementById(id);
          return !el || el.closest(hidden) !== null;
        });
      }, anchors);
      expect(missing, `anchors missing or hidden on ${path}`).toEqual([]);
    });
  }
}
