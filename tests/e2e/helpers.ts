/**
 * Shared e2e helpers: the URLs of the built sitemap, and a page watcher that records console
 * errors, page errors and any request that leaves the site's own origin.
 */
import {readFileSync} from 'node:fs';
import type {Page} from '@playwright/test';

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
