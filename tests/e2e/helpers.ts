/**
 * Shared e2e helpers: the URLs of the built sitemap, a page watcher that records console errors,
 * page errors and any request that leaves the site's own origin, and what the widget specs
 * (calculator, generator) check alike.
 */
import {readFileSync} from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import {BELOW_FOLD} from '../../src/lib/belowFold';
import {FAR_ATTRIBUTE} from '../../src/lib/farBlocks';
import {expect, type BrowserContext, type Locator, type Page} from '@playwright/test';

/** Paths (with leading slash) of every URL in build/sitemap.xml. */
export function sitemapPaths(): string[] {
  const xml = readFileSync('build/sitemap.xml', 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (paths.length === 0) throw new Error('build/sitemap.xml lists no URL');
  return paths;
}

export type PageProblems = {consoleErrors: string[]; pageErrors: string[]; foreignRequests: string[]};

/** Content-Security-Policy violations the page reported (recorded from the first script on). */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as {__csp: string[]};
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as {__csp: string[]}).__csp);
}

export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = {consoleErrors: [], pageErrors: [], foreignRequests: []};
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.foreignRequests.push(url);
    }
  });
  return problems;
}

/**
 * Draws what the page lays out lazily, as a reader's scrolling would: a long page's far blocks
 * (src/lib/farBlocks.ts) and a widget's later parts on a phone (src/lib/belowFold.ts). axe finds a
 * text's background from what is drawn, and a part not yet drawn has none.
 */
export async function drawLazyParts(page: Page): Promise<void> {
  await page.evaluate(
    ([marked, below]) => {
      document.querySelectorAll(marked).forEach((e) => e.removeAttribute(marked.slice(1, -1)));
      const style = document.createElement('style');
      style.textContent = `${below} { content-visibility: visible !important; }`;
      document.head.append(style);
    },
    [`[${FAR_ATTRIBUTE}]`, `.${BELOW_FOLD}`],
  );
}

/** Resolves two frames after now: after a load, the browser has decided which lazily laid-out parts are near. */
export async function twoFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * The boxes of the elements matching `scope` that differ between the `candidates` contained as
 * `content-visibility: auto` contains them (layout, style, paint) and not contained at all; both
 * measured in one synchronous call, so nothing else on the page can change in between. Elements
 * matching `skip` (content with no box of its own to compare) are left out.
 */
export async function boxesChangedByContainment(page: Page, candidates: string, scope: string, skip?: string): Promise<{count: number; differ: string[]}> {
  return page.evaluate(
    ([candidates, scope, skip]) => {
      const measure = (contain: string) => {
        const style = document.createElement('style');
        style.textContent = `${candidates} { content-visibility: visible !important; contain: ${contain} !important; }`;
        document.head.append(style);
        const out = [...document.querySelectorAll(scope)]
          .filter((e) => skip === '' || e.closest(skip) === null)
          .map((e) => {
            const r = e.getBoundingClientRect();
            const name = `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList.length ? '.' + [...e.classList].join('.') : ''}`;
            return `${name} ${Math.round(r.top + window.scrollY)} ${Math.round(r.left)} ${Math.round(r.width)}x${Math.round(r.height)}`;
          });
        style.remove();
        return out;
      };
      const contained = measure('layout style paint');
      const free = measure('none');
      return {count: contained.length, differ: contained.flatMap((b, i) => (b === free[i] ? [] : [`${b} (uncontained: ${free[i]})`]))};
    },
    [candidates, scope, skip ?? ''],
  );
}

/** Sum of layout-shift scores since navigation (CLS without the session windows). */
export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as {value: number; hadRecentInput: boolean}[]) {
            if (!e.hadRecentInput) total += e.value;
          }
        }).observe({type: 'layout-shift', buffered: true});
        setTimeout(() => resolve(total), 500);
      }),
  );
}

/** Whether React owns the element: hydrated or rendered elements carry React's fiber key. */
export function inReactTree(el: Locator): Promise<boolean> {
  return el.evaluate((e) => Object.keys(e).some((k) => k.startsWith('__reactFiber')));
}

/** Resolves once React has hydrated the page (Docusaurus marks <html>). */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true');
}

/**
 * Starts the test with no remembered Dovecot version: storage is cleared on the test's first page
 * only, so a version chosen during the test is kept on the next page.
 */
export async function forgetRememberedVersion(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-version-forgotten')) {
      localStorage.clear();
      sessionStorage.setItem('e2e-version-forgotten', '1');
    }
  });
}

/** The error message a field names in its aria-describedby; fails when it names none. */
export async function linkedError(field: Locator, name: string): Promise<Locator> {
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  expect(errorId, `${name}: error linked with aria-describedby`).toBeTruthy();
  return field.page().locator(`[id="${errorId}"]`);
}

/** The box of what a widget's link reader could not use (src/components/LinkNotices). */
export function linkNotices(widget: Locator): Locator {
  return widget.getByRole('status').filter({hasText: 'Parts of this link were not used'});
}

/** Dismisses every dialog the page opens (an injected alert() would be one) and counts them. */
export function countDialogs(page: Page): () => number {
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs++;
    await d.dismiss();
  });
  return () => dialogs;
}

/** Lets the site use the clipboard; the returned function reads what a page copied. */
export async function allowClipboard(context: BrowserContext, origin: string): Promise<(page: Page) => Promise<string>> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin});
  return (page) => page.evaluate(() => navigator.clipboard.readText());
}

/** Serious and critical axe violations in <main>, one line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({page}).include('main').analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Layout shift of loading `path`, measured once the page is hydrated and `ready` holds. */
export async function shiftOnLoad(page: Page, path: string, ready: () => Promise<void>): Promise<number> {
  await page.goto(path);
  await hydrated(page);
  await ready();
  return layoutShift(page);
}
