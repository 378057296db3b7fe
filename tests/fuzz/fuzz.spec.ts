/**
 * The fuzz stage: hostile share links, pastes and widget permalinks in Debian Chromium against the
 * production build. A case fails on a main-thread task over 1 s (thread time, see probe.ts), a
 * page or console error, a renderer crash, a blank page, or markup from the input in the DOM.
 * Each case records its longest task, which `npm test` sums up per kind of input. FUZZ_SEED picks
 * other generated cases (the seed is printed with the results); the fixtures are always run.
 */
import {expect, test, type Page} from '@playwright/test';
import {fixtures, generated, type FuzzCase} from './cases';
import {explainerReacted, settle, watch} from './probe';

export const SEED = Number(process.env.FUZZ_SEED ?? 18);
const CASES: FuzzCase[] = [...fixtures(), ...generated(SEED, {share: 12, paste: 12, permalink: 24})];

const box = (page: Page) => page.getByRole('textbox', {name: 'Configuration or log lines'});

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await box(page).focus();
  await page.keyboard.press('Control+V');
}

test.describe.configure({timeout: 180_000});

for (const c of CASES) {
  test(c.id, async ({page, browser, baseURL, context}) => {
    test.info().annotations.push({type: 'fuzz-seed', description: String(SEED)});
    const probe = watch(page, browser);
    const text = c.paste?.();
    if (text !== undefined) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: String(baseURL)});
      await page.goto(c.path);
      await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
    }
    if (c.kind === 'typing') {
      // the paste is a case of its own: here only the keys and the scrolling are watched
      await paste(page, text!);
      await explainerReacted(page, 8000);
      await settle(page);
    }
    await probe.trace();
    let typingMs: number | undefined;
    if (text === undefined) {
      await page.goto(c.path, {timeout: 60_000});
      if (c.kind === 'share') await explainerReacted(page, 8000);
    } else if (c.kind === 'typing') {
      const t0 = Date.now();
      await box(page).press('Control+End');
      for (let i = 0; i < 20; i++) await page.keyboard.type('x');
      await page.mouse.wheel(0, 2000);
      typingMs = Date.now() - t0;
    } else {
      await paste(page, text);
      await explainerReacted(page, 8000);
    }
    await settle(page);
    const verdict = await probe.finish();
    test.info().annotations.push({
      type: 'fuzz',
      description: JSON.stringify({kind: c.kind, worstTaskMs: verdict.worstTaskMs, worstWallMs: verdict.worstWallMs, ...(typingMs === undefined ? {} : {typingMs})}),
    });
    expect(verdict.problems, `${c.id}: ${c.path.slice(0, 200)}`).toEqual([]);
  });
}
