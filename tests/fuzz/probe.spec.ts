/**
 * Negative controls for the fuzz stage's probe: a page that does each thing the stage fails on (a
 * main-thread task over 1 s, a page error, a console error, markup from input, a blank page) must
 * be caught, and a quiet page must not. Without these, a probe that sees nothing would pass every
 * case.
 */
import {expect, test, type Page} from '@playwright/test';
import {INJECTED} from './cases';
import {LONGEST_TASK_MS, settle, watch} from './probe';

async function verdictAfter(page: Page, browser: Parameters<typeof watch>[1], act: (page: Page) => Promise<void>) {
  await page.goto('/explain');
  await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
  const probe = watch(page, browser);
  await probe.trace();
  await act(page);
  await settle(page);
  return probe.finish();
}

test('a quiet page passes', async ({page, browser}) => {
  const v = await verdictAfter(page, browser, async () => undefined);
  expect(v.problems).toEqual([]);
  expect(v.worstTaskMs).toBeLessThan(LONGEST_TASK_MS);
});

test('a task that keeps the main thread busy for over 1 s is caught', async ({page, browser}) => {
  const v = await verdictAfter(page, browser, (p) =>
    p
      .evaluate(() => {
        // 2.5 s of work: time between two looks at the clock (some 10 to 50 µs of work apart)
        // counts only when it is under 1 ms, so time other programs had the CPU (on a shared
        // machine) is left out
        let busy = 0;
        let last = performance.now();
        let x = 1;
        while (busy < 2500) {
          for (let i = 0; i < 10_000; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
          const now = performance.now();
          if (now - last < 1) busy += now - last;
          last = now;
        }
        return x;
      })
      .then(() => undefined),
  );
  expect(v.worstTaskMs).toBeGreaterThan(LONGEST_TASK_MS);
  expect(v.problems).toEqual([expect.stringMatching(/^one task kept the main thread busy for \d+ ms/)]);
});

test('a page error and a console error are caught', async ({page, browser}) => {
  const v = await verdictAfter(page, browser, (p) =>
    p.evaluate(() => {
      console.error('fuzz probe control');
      setTimeout(() => {
        throw new Error('fuzz probe control');
      });
    }),
  );
  expect(v.problems).toEqual(['console error: fuzz probe control', 'page error: Error: fuzz probe control']);
});

test('markup from the input and a javascript: link are caught', async ({page, browser}) => {
  const v = await verdictAfter(page, browser, (p) =>
    p.evaluate((marker) => {
      const b = document.createElement('b');
      b.setAttribute(marker, '');
      const a = document.createElement('a');
      a.href = 'javascript:void 0';
      document.querySelector('main')!.append(b, a);
    }, INJECTED),
  );
  expect(v.problems).toEqual(['1 element(s) from the input were parsed as markup', '1 javascript: link(s) in the page']);
});

test('a blank page is caught', async ({page, browser}) => {
  const v = await verdictAfter(page, browser, (p) =>
    p.evaluate(() => {
      document.querySelector('main')!.replaceChildren();
    }),
  );
  expect(v.problems).toEqual(['blank page: <main> holds 0 characters of text']);
});
