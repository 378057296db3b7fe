// On a phone, where links from mailing lists are often opened: the version switch is on screen
// and usable, and the pages pass the same accessibility scan as on a desktop.
import {expect, test} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {drawLazyParts} from './helpers';
import {KEY_PAGES} from '../../scripts/lib/keyPages';

test.use({viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true});

for (const path of ['/', '/services/client-limit', '/calculator', '/generator', '/explain']) {
  test(`phone: ${path} passes axe and its version switch works`, async ({page}) => {
    await page.goto(path, {waitUntil: 'networkidle'});
    await drawLazyParts(page);
    const axe = await new AxeBuilder({page}).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);

    const switchGroup = page.getByRole('navigation', {name: 'Main'}).getByRole('group', {name: 'Dovecot version'});
    const b23 = switchGroup.getByRole('button', {name: '2.3', exact: true});
    await expect(b23).toBeInViewport({ratio: 1});
    await b23.tap();
    await expect(page.locator('html')).toHaveAttribute('data-dovecot', '2.3');
  });
}

test('phone: a tap on the menu before the page has hydrated opens it once it has', async ({page}) => {
  // The site's scripts are held back until after the tap, as on a slow connection.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.js(\?|$)/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/services', {waitUntil: 'domcontentloaded'});
  const sidebar = page.locator('.navbar-sidebar');
  await page.getByRole('button', {name: 'Toggle navigation bar'}).tap();
  await expect(sidebar).toHaveCount(0);
  release();
  await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
  await expect(sidebar.getByRole('button', {name: '← Back to main menu'})).toBeVisible();
  // opened once, not toggled twice: a second tap closes it as usual
  await page.getByRole('button', {name: 'Close navigation bar'}).tap();
  await expect(page.locator('.navbar-sidebar--show')).toHaveCount(0);
});

// Nothing moves while a page loads: an animation draws a frame every 16 ms while the page hydrates
// (on a doc page the closed phone menu once slid to the doc sidebar, 200 ms on the main thread).
for (const path of KEY_PAGES) {
  test(`phone: nothing animates while ${path} loads`, async ({page}) => {
    await page.addInitScript(() => {
      const started: string[] = [];
      (window as unknown as {started: string[]}).started = started;
      for (const type of ['transitionstart', 'animationstart'])
        document.addEventListener(type, (e) => started.push(`${type} ${(e as TransitionEvent).propertyName ?? (e as AnimationEvent).animationName} on ${(e.target as Element).className}`), true);
    });
    await page.goto(path);
    await page.locator('html[data-has-hydrated="true"]').waitFor();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as {started: string[]}).started)).toEqual([]);
  });
}
