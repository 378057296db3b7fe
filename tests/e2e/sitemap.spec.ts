// Every published page loads cleanly: status 200, no console or page error, nothing fetched from
// another origin, no Content-Security-Policy violation, and no serious or critical accessibility violation (axe).
import {expect, test} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {drawLazyParts, recordCspViolations, sitemapPaths, watchPage} from './helpers';

for (const path of sitemapPaths()) {
  test(`page ${path} loads cleanly and passes axe`, async ({page, baseURL}) => {
    // axe over the longest pages (/settings, /services/choosing) outlasts 60 s on a busy 2-core machine
    test.slow();
    const problems = watchPage(page, String(baseURL));
    const cspViolations = await recordCspViolations(page);
    const response = await page.goto(path, {waitUntil: 'networkidle'});
    expect(response?.status(), 'HTTP status').toBe(200);
    await expect(page.locator('#__docusaurus_skipToContent_fallback')).toBeVisible();

    await drawLazyParts(page);
    const axe = await new AxeBuilder({page}).analyze();
    const bad = axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, 'serious or critical axe violations').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
    expect(problems.pageErrors, 'page errors').toEqual([]);
    expect(problems.foreignRequests, 'requests to another origin').toEqual([]);
    expect(await cspViolations(), 'Content-Security-Policy violations').toEqual([]);
  });
}
