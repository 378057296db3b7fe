// Phones: no page of the sitemap scrolls sideways at 360 or 390 px. What is wider than the column
// (display formulas, tables, code, the widgets' tables) scrolls inside its own box, and the whole
// of it can be reached by scrolling that box.
import {expect, test} from '@playwright/test';
import {sitemapPaths} from './helpers';

for (const width of [360, 390]) {
  test(`at ${width} px no page scrolls sideways, and every wide box scrolls to its end`, async ({browser, baseURL}) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({baseURL, viewport: {width, height: 800}, isMobile: true, hasTouch: true});
    const page = await context.newPage();
    const problems: string[] = [];
    let scrollers = 0;
    for (const path of sitemapPaths()) {
      await page.goto(path, {waitUntil: 'networkidle'});
      const r = await page.evaluate(() => {
        const de = document.documentElement;
        const out = {scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, boxes: [] as string[], scrollers: 0};
        for (const el of document.querySelectorAll<HTMLElement>('.katex-display, .table-scroll, pre, [class*="tableWrap"]')) {
          if (el.offsetParent === null || el.scrollWidth <= el.clientWidth + 1) continue;
          out.scrollers++;
          const name = `${el.className.split(' ')[0] || el.tagName} "${(el.textContent ?? '').slice(0, 30)}"`;
          if (!['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) out.boxes.push(`${name} is wider than its box and does not scroll`);
          // scrolled to the end, the content's right edge is inside the box
          el.scrollLeft = el.scrollWidth;
          const box = el.getBoundingClientRect();
          let right = -Infinity;
          for (const c of el.querySelectorAll('*')) {
            const b = c.getBoundingClientRect();
            if (b.width > 0) right = Math.max(right, b.right);
          }
          if (right > box.right + 1) out.boxes.push(`${name}: its end stays ${Math.round(right - box.right)} px out of reach`);
          el.scrollLeft = 0;
        }
        return out;
      });
      scrollers += r.scrollers;
      if (r.scrollWidth > r.clientWidth) problems.push(`${path}: the page is ${r.scrollWidth} px wide in a ${r.clientWidth} px viewport`);
      problems.push(...r.boxes.map((b) => `${path}: ${b}`));
    }
    await context.close();
    expect(problems).toEqual([]);
    // the check above saw real wide content (formulas and code wider than a phone)
    expect(scrollers).toBeGreaterThan(10);
  });
}
