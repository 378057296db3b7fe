// Long pages lay out their far blocks lazily (src/lib/farBlocks.ts): the inline script marks the
// article's blocks that are surely more than two screens down, and `content-visibility: auto`
// skips them until the reader comes near. This holds it to what a reader must never notice:
// containment moves no box on any page, nothing near the first screen is marked, and a jump to an
// anchor (opened with the page, clicked, or through the app's router) lands on the real layout.
import {expect, test, type Page} from '@playwright/test';
import {FAR_ATTRIBUTE, FAR_CANDIDATES, FAR_MIN_HEIGHT, FAR_SCREENS} from '../../src/lib/farBlocks';
import {boxesChangedByContainment, sitemapPaths, twoFrames} from './helpers';

const PHONE = {width: 390, height: 844};
const MARKED = `[${FAR_ATTRIBUTE}]`;
/** An entry near the end of /troubleshooting, far below every screen's first two. */
const FAR_ENTRY = 'auth-worker-max-count-zero';
/** The boxes containment must not move: the article's elements, the pagination and the footer after it. */
const ARTICLE_BOXES = 'article .markdown *, .pagination-nav, .pagination-nav *, footer.footer, footer.footer *';

/** Where each marked block really is once drawn, and the screen's height the script used. */
async function markedTops(page: Page): Promise<{tops: number[]; screen: number}> {
  return page.evaluate((marked) => {
    const far = [...document.querySelectorAll<HTMLElement>(marked)];
    for (const e of far) e.style.contentVisibility = 'visible';
    const tops = far.map((e) => e.getBoundingClientRect().top + window.scrollY);
    for (const e of far) e.style.contentVisibility = '';
    return {tops, screen: screen.height};
  }, MARKED);
}

/** The heading's distance from where a jump to it should put it (its scroll margin below the window's top). */
async function offsetFromLanding(page: Page, id: string): Promise<number> {
  return page.evaluate((id) => {
    const h = document.getElementById(id)!;
    return Math.abs(h.getBoundingClientRect().top - parseFloat(getComputedStyle(h).scrollMarginTop));
  }, id);
}

for (const width of [PHONE.width, 1280]) {
  test(`containment of the candidate blocks changes no box on any page (width ${width})`, async ({page}) => {
    test.slow();
    await page.setViewportSize({width, height: 900});
    let compared = 0;
    for (const path of sitemapPaths()) {
      await page.goto(path);
      if ((await page.locator('article .markdown').count()) === 0) continue;
      const {count, differ} = await boxesChangedByContainment(page, FAR_CANDIDATES, ARTICLE_BOXES);
      expect(differ.slice(0, 5), `${path}: ${differ.length} of ${count} boxes differ`).toEqual([]);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
}

for (const viewport of [{width: 320, height: 640}, PHONE, {width: 1280, height: 800}, {width: 1920, height: 1080}]) {
  test(`every page marks only blocks below the first ${FAR_SCREENS} screens, and declared heights hold (${viewport.width}x${viewport.height})`, async ({page}) => {
    test.slow();
    await page.setViewportSize(viewport);
    let long = 0;
    let declared = 0;
    for (const path of sitemapPaths()) {
      await page.goto(path);
      const short = await page.evaluate(
        (attr) => [...document.querySelectorAll(`[${attr}]`)].flatMap((e) => (e.getBoundingClientRect().height < Number(e.getAttribute(attr)) ? [`${e.tagName}.${e.className}`] : [])),
        FAR_MIN_HEIGHT,
      );
      expect(short, `${path}: shorter than the height they declare`).toEqual([]);
      declared += await page.locator(`article [${FAR_MIN_HEIGHT}]`).count();
      const {tops, screen} = await markedTops(page);
      if (tops.length === 0) continue;
      long++;
      expect(Math.min(...tops), `${path}: the first marked block`).toBeGreaterThan(FAR_SCREENS * screen);
    }
    expect(long, 'pages with marked blocks').toBeGreaterThan(5);
    expect(declared, 'blocks declaring a height').toBeGreaterThan(5);
  });
}

test('the browser draws no marked block before the reader scrolls (it would lay it out a second time in the first frame)', async ({page}) => {
  await page.setViewportSize(PHONE);
  await page.addInitScript(() => {
    const drawn: string[] = [];
    (window as unknown as {drawn: string[]}).drawn = drawn;
    document.addEventListener(
      'contentvisibilityautostatechange',
      (e) => {
        if (!(e as Event & {skipped: boolean}).skipped) drawn.push((e.target as Element).outerHTML.slice(0, 80));
      },
      true,
    );
  });
  for (const path of ['/troubleshooting', '/services/client-limit', '/login-processes', '/measured']) {
    await page.goto(path);
    await expect.poll(() => page.locator(MARKED).count()).toBeGreaterThan(0);
    // two frames after the load: the browser has decided which blocks are near
    await twoFrames(page);
    expect(await page.evaluate(() => (window as unknown as {drawn: string[]}).drawn), path).toEqual([]);
  }
});

test('a long page marks only blocks far below the first screens, and they are drawn as the reader reaches them', async ({page}) => {
  await page.setViewportSize(PHONE);
  await page.goto('/troubleshooting');
  const marked = page.locator(MARKED);
  expect(await marked.count()).toBeGreaterThan(50);
  await expect(marked.last()).toHaveCSS('content-visibility', 'auto');
  const {tops, screen} = await markedTops(page);
  expect(Math.min(...tops)).toBeGreaterThan(FAR_SCREENS * screen);
  // a short page marks nothing
  await page.goto('/');
  expect(await page.locator(MARKED).count()).toBe(0);
  // a far code block is skipped until the reader comes near, then drawn
  await page.goto('/troubleshooting');
  const block = page.locator(`.theme-code-block${MARKED}`).last();
  const drawn = () => block.locator('pre').evaluate((e) => e.checkVisibility({contentVisibilityAuto: true}));
  expect(await drawn()).toBe(false);
  await block.scrollIntoViewIfNeeded();
  await expect.poll(drawn).toBe(true);
});

test('nothing is marked when the page opens on an anchor or is reloaded, and the anchor lands', async ({page}) => {
  await page.setViewportSize(PHONE);
  await page.goto(`/troubleshooting#${FAR_ENTRY}`);
  expect(await page.locator(MARKED).count()).toBe(0);
  await expect.poll(() => offsetFromLanding(page, FAR_ENTRY)).toBeLessThan(2);
  await page.goto('/troubleshooting');
  expect(await page.locator(MARKED).count()).toBeGreaterThan(0);
  await page.reload();
  expect(await page.locator(MARKED).count()).toBe(0);
});

test('a clicked link to a far heading lands on it in the real layout', async ({page}) => {
  await page.setViewportSize({width: 1280, height: 800});
  await page.goto('/troubleshooting');
  expect(await page.locator(MARKED).count()).toBeGreaterThan(0);
  await page.locator(`.table-of-contents a[href="#${FAR_ENTRY}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#${FAR_ENTRY}$`));
  expect(await page.locator(MARKED).count()).toBe(0);
  await expect.poll(() => offsetFromLanding(page, FAR_ENTRY)).toBeLessThan(2);
});

test('only a link to an anchor of the same page lays the page out in full', async ({page}) => {
  await page.setViewportSize(PHONE);
  await page.goto('/troubleshooting');
  const before = await page.locator(MARKED).count();
  expect(before).toBeGreaterThan(0);
  /**
   * Clicks a new link to `href`; the browser does not follow it (the page stays to be looked at).
   * The link lives outside React's root: a click inside it while React hydrates would make React
   * hydrate that part at once, find the stranger and render the part anew.
   */
  const click = (href: string) =>
    page.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'link';
      document.body.append(a);
      window.addEventListener('click', (e) => e.preventDefault(), {once: true});
      a.click();
      a.remove();
    }, href);
  await click('/explain#z=AAAA');
  await click('/services/client-limit#examples');
  expect(await page.locator(MARKED).count()).toBe(before);
  await click(`/troubleshooting#${FAR_ENTRY}`);
  expect(await page.locator(MARKED).count()).toBe(0);
});

test('a move to an anchor through the app router (the search box) lands on it in the real layout', async ({page}) => {
  await page.setViewportSize({width: 1280, height: 800});
  await page.goto('/troubleshooting');
  expect(await page.locator(MARKED).count()).toBeGreaterThan(0);
  const box = page.locator('nav').getByLabel('Search');
  await box.click();
  await box.fill('auth_worker_max_count must be above zero');
  await expect(page.getByRole('option').first()).toBeVisible();
  // the keyboard, not a click: no link is clicked, only the router moves
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#${FAR_ENTRY}$`));
  expect(await page.locator(MARKED).count()).toBe(0);
  await expect.poll(() => offsetFromLanding(page, FAR_ENTRY)).toBeLessThan(2);
});

test('printing draws every block', async ({page}) => {
  await page.goto('/troubleshooting');
  const marked = page.locator(MARKED).last();
  await expect(marked).toHaveCSS('content-visibility', 'auto');
  await page.emulateMedia({media: 'print'});
  await expect(marked).toHaveCSS('content-visibility', 'visible');
});
