// Code blocks are drawn in the reader's colour mode from the first paint: with the site's
// JavaScript held back (only the inline head scripts run, as before hydration), every block
// already has the colours of its mode, and hydration does not change them.
import {expect, test, type Page} from '@playwright/test';
import {darkCodeTheme, lightCodeTheme} from '../../plugins/prism-themes';

/** `#161b22` → `rgb(22, 27, 34)`, as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

function colourOf(theme: typeof darkCodeTheme, type: string): string {
  const entry = theme.styles.find((s) => s.types.includes(type));
  return rgb(String(entry?.style.color));
}

async function codeColours(page: Page) {
  return page.evaluate(() => {
    const blocks = [...document.querySelectorAll('.theme-code-block')].filter((b) => (b as HTMLElement).offsetParent !== null);
    const tokens = (sel: string) => [...document.querySelectorAll(sel)].filter((t) => (t as HTMLElement).offsetParent !== null).map((t) => getComputedStyle(t).color);
    return {
      backgrounds: [...new Set(blocks.map((b) => getComputedStyle(b).backgroundColor))],
      pres: [...new Set(blocks.map((b) => getComputedStyle(b.querySelector('pre') as Element).backgroundColor))],
      text: [...new Set(blocks.map((b) => getComputedStyle(b.querySelector('.token-line') as Element).color))],
      properties: [...new Set(tokens('.prism-code .token.property'))],
      comments: [...new Set(tokens('.prism-code .token.comment'))],
      count: blocks.length,
    };
  });
}

for (const [mode, theme] of [['dark', darkCodeTheme], ['light', lightCodeTheme]] as const) {
  test(`${mode} mode: code blocks have their colours before hydration, and keep them after`, async ({browser, baseURL}) => {
    const expected = {
      backgrounds: [rgb(String(theme.plain.backgroundColor))],
      pres: [rgb(String(theme.plain.backgroundColor))],
      text: [rgb(String(theme.plain.color))],
      properties: [colourOf(theme, 'property')],
      comments: [colourOf(theme, 'comment')],
    };
    for (const path of ['/troubleshooting', '/generator']) {
      const context = await browser.newContext({baseURL, colorScheme: mode});
      const before = await context.newPage();
      await before.route(/\/assets\/js\//, (route) => route.abort());
      await before.goto(path);
      await expect(before.locator('html')).toHaveAttribute('data-theme', mode);
      const first = await codeColours(before);
      expect(first.count, path).toBeGreaterThan(0);
      expect({...first, count: undefined}, `${path} before hydration`).toEqual({...expected, count: undefined});

      const after = await context.newPage();
      await after.goto(path);
      await expect(after.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
      expect({...(await codeColours(after)), count: undefined}, `${path} after hydration`).toEqual({...expected, count: undefined});
      await context.close();
    }
  });
}
