// On a phone the widgets' later parts (findings after the second, the lower fieldsets, the outputs, the
// report's later sections) are laid out only when the reader comes near (src/lib/belowFold.ts). This holds
// them to what a reader must never notice: every such part starts below the first two and a half screens
// at common phone sizes in both versions (nearer, the first frame would lay it out twice), containment moves
// no box, the parts are drawn once reached, and wider screens lay everything out as before.
import {expect, test, type Page} from '@playwright/test';
import {BELOW_FOLD, BELOW_FOLD_MAX_WIDTH} from '../../src/lib/belowFold';
import {FAR_ATTRIBUTE, FAR_SCREENS} from '../../src/lib/farBlocks';
import {boxesChangedByContainment, hydrated, twoFrames} from './helpers';

const WIDGETS = ['/calculator', '/generator', '/explain'];
/** How many parts each widget leaves for later on a phone with its default input. */
const AT_LEAST: Record<string, number> = {'/calculator': 8, '/generator': 4, '/explain': 2};
const PHONES = [
  {width: 320, height: 568},
  {width: 360, height: 640},
  {width: 390, height: 844},
  {width: 412, height: 915},
  {width: 430, height: 932},
  {width: BELOW_FOLD_MAX_WIDTH, height: 854},
];

/** The page's parts that are laid out lazily now (far blocks and the hidden version aside), with where each really starts once drawn. */
async function lazyParts(page: Page): Promise<{tops: number[]; skipped: number; screen: number}> {
  await twoFrames(page);
  return page.evaluate((far) => {
    const parts = [...document.querySelectorAll<HTMLElement>('main *')].filter((e) => !e.hasAttribute(far) && e.checkVisibility() && getComputedStyle(e).contentVisibility === 'auto');
    const skipped = parts.filter((e) => e.firstElementChild !== null && !e.firstElementChild.checkVisibility({contentVisibilityAuto: true})).length;
    for (const e of parts) e.style.contentVisibility = 'visible';
    const tops = parts.map((e) => e.getBoundingClientRect().top + window.scrollY);
    for (const e of parts) e.style.contentVisibility = '';
    return {tops, skipped, screen: window.innerHeight};
  }, FAR_ATTRIBUTE);
}

for (const viewport of PHONES) {
  test(`every part left for later starts below the first ${FAR_SCREENS} screens and is skipped until then (${viewport.width}x${viewport.height})`, async ({page}) => {
    await page.setViewportSize(viewport);
    for (const path of WIDGETS) {
      for (const version of ['2.4', '2.3']) {
        await page.goto(`${path}?v=${version}`);
        const {tops, skipped, screen} = await lazyParts(page);
        expect(tops.length, `${path} (${version}): parts left for later`).toBeGreaterThanOrEqual(AT_LEAST[path]);
        expect(Math.min(...tops), `${path} (${version}): the first part left for later`).toBeGreaterThan(FAR_SCREENS * screen);
        expect(skipped, `${path} (${version}): parts the browser skipped`).toBe(tops.length);
      }
    }
  });
}

test('containment of the parts left for later moves no box', async ({page}) => {
  await page.setViewportSize({width: 390, height: 844});
  for (const path of WIDGETS) {
    await page.goto(path);
    // content inside a closed <details> has no box of its own to compare
    const {count, differ} = await boxesChangedByContainment(page, `.${BELOW_FOLD}`, 'main *', 'details:not([open]) > :not(summary)');
    expect(count, path).toBeGreaterThan(100);
    expect(differ.slice(0, 5), `${path}: ${differ.length} of ${count} boxes differ`).toEqual([]);
  }
});

test('a part left for later is drawn as the reader reaches it', async ({page}) => {
  await page.setViewportSize({width: 390, height: 844});
  await page.goto('/calculator');
  // the app renders the widget anew as it starts: the part to follow is the one it renders
  await hydrated(page);
  const last = page.locator(`li.${BELOW_FOLD}`).last();
  const drawn = () => last.evaluate((e) => e.firstElementChild!.checkVisibility({contentVisibilityAuto: true}));
  expect(await drawn()).toBe(false);
  await last.scrollIntoViewIfNeeded();
  await expect.poll(drawn).toBe(true);
  await expect(last.getByRole('link', {name: /^Read more/})).toBeVisible();
});

for (const viewport of [{width: BELOW_FOLD_MAX_WIDTH + 1, height: 854}, {width: 1280, height: 800}]) {
  test(`a wider screen lays every part out at once (${viewport.width}x${viewport.height})`, async ({page}) => {
    await page.setViewportSize(viewport);
    for (const path of WIDGETS) {
      await page.goto(path);
      expect(await page.locator(`.${BELOW_FOLD}`).count(), path).toBeGreaterThan(0);
      expect((await lazyParts(page)).tops, path).toEqual([]);
    }
  });
}
