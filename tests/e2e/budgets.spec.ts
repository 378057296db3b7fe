// Performance budgets, measured from what Chromium really loads (the network log), so they hold
// for what a reader's browser does, not for what the HTML happens to reference:
//   - pages without a widget load none of the widgets' code nor the rules/implications engine;
//   - each widget's own code (what its page loads beyond the landing page, less KaTeX and the
//     shared domain chunks) stays small, and so do the two shared domain chunks
//     (plugins/dovecot-chunks.ts);
//   - no page executes more than the total JS budget, or blocks rendering on more CSS;
//   - the search index is fetched only when search is used;
//   - no page downloads a font (formulas are MathML, laid out with the system's fonts);
//   - while a page hydrates, the hidden Dovecot version's content stays out of React's tree, and
//     on pages without a widget React takes over at most 40 % of the article's elements (text,
//     code lines and the table of contents keep their server markup: what the main thread is
//     spared is proportional to it);
//   - no page starts ICU (any Intl call, `localeCompare`, `toLocaleString`) while it loads and
//     hydrates: the first such call costs 35–100 ms of main thread on a phone (blog posts and the
//     search page excepted: Docusaurus writes post dates and reading times, and the search plugin
//     its count of results, with Intl);
//   - React DOM and the main bundle carry V8's compile hint, and no other chunk does;
//   - nothing moves after load (CLS 0).
import {expect, test, type Browser} from '@playwright/test';
import {gzipSync} from 'node:zlib';
import {layoutShift, sitemapPaths} from './helpers';

const KB = 1024;
// The ceiling is 200 KB of JS on any page; these budgets are tightened to what the site reaches
// (docs pages about 154-162 KB, /troubleshooting 166 KB with an "Explain my line" under each of
// its messages; widget pages 170-199 KB since the calculator sizes what a running server needs:
// stats, fds, tasks, memory; /login-processes, with its worked examples, is the heaviest): docs
// pages keep a few KB of room, widget pages are held at the ceiling.
const BUDGET = {totalJs: 170 * KB, widgetPageJs: 200 * KB, ownWidgetJs: 30 * KB, catalogChunk: 12 * KB, engineChunk: 25 * KB, criticalCss: 25 * KB};

/** Pages that embed a widget (they may load engine code). */
const WIDGET_PAGES = new Set(['/calculator', '/generator', '/explain', '/services/choosing', '/login-processes']);
/** Text that only the widgets' code contains (rules, calculator, generator, explainer). */
const ENGINE_MARKERS = [
  'Counted for protocol services with ${', // rules: the template of doveconf's auth client_limit warning
  'A process lives until it is idle-killed', // calculator: a lifetime verdict
  'must keep process_limit 1', // generator core: an internal check
  'deflate-raw', // explainer: share links are compressed in the browser
];
const SHARED = {
  catalog: /\/dovecot-catalog\.[0-9a-f]+\.js$/,
  engine: /\/dovecot-engine\.[0-9a-f]+\.js$/,
  highlighting: /\/code-highlighting\.[0-9a-f]+\.js$/,
};
const KATEX_MARKER = 'KaTeX parse error';

type Loaded = {url: string; body: Buffer; gz: number; prefetch: boolean};

/** Scripts a first visit executes: a fresh context each time, so nothing comes from a cache. */
async function loadedScripts(browser: Browser, baseURL: string, path: string): Promise<Loaded[]> {
  const context = await browser.newContext({baseURL});
  const page = await context.newPage();
  const out: Loaded[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    const req = res.request();
    if (req.resourceType() !== 'script') return;
    const purpose = req.headers()['sec-purpose'] ?? req.headers()['purpose'] ?? '';
    pending.push(
      res.body().then(
        (body) => {
          out.push({url: res.url(), body, gz: gzipSync(body, {level: 6}).length, prefetch: purpose.includes('prefetch')});
        },
        () => undefined,
      ),
    );
  });
  await page.goto(path, {waitUntil: 'networkidle'});
  // the route's chunks are requested only once main.js has run: on a busy machine that can take
  // longer than networkidle's quiet half second, so wait for hydration and for the network again
  await page.locator('html[data-has-hydrated="true"]').waitFor();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
  return out.filter((s) => !s.prefetch);
}

const sum = (xs: Loaded[]) => xs.reduce((n, s) => n + s.gz, 0);

test('pages without a widget load no widget or engine code, and every page stays within the JS budget', async ({browser, baseURL}) => {
  test.setTimeout(240_000);
  const report: string[] = [];
  for (const path of sitemapPaths()) {
    const scripts = await loadedScripts(browser, String(baseURL), path);
    const total = sum(scripts);
    report.push(`${path}: ${(total / KB).toFixed(1)} KB gzip in ${scripts.length} scripts`);
    const budget = WIDGET_PAGES.has(path) ? BUDGET.widgetPageJs : BUDGET.totalJs;
    expect(total, `${path} executes ${(total / KB).toFixed(1)} KB of JS (gzip)`).toBeLessThanOrEqual(budget);
    if (!WIDGET_PAGES.has(path)) {
      const leaks = scripts
        .filter((s) => SHARED.engine.test(s.url) || ENGINE_MARKERS.some((m) => s.body.includes(m)))
        .map((s) => s.url);
      expect(leaks, `${path} loads engine code`).toEqual([]);
    }
  }
  console.log(report.join('\n'));
});

test('each widget\'s own code and the shared domain chunks stay within their budgets', async ({browser, baseURL}) => {
  const base = new Set((await loadedScripts(browser, String(baseURL), '/')).map((s) => new URL(s.url).pathname));
  for (const path of ['/calculator', '/generator', '/explain']) {
    const scripts = await loadedScripts(browser, String(baseURL), path);
    const catalog = scripts.filter((s) => SHARED.catalog.test(s.url));
    const engine = scripts.filter((s) => SHARED.engine.test(s.url));
    expect(engine, `${path} loads the shared engine chunk`).toHaveLength(1);
    expect(sum(catalog), `${path}: dovecot-catalog chunk`).toBeLessThanOrEqual(BUDGET.catalogChunk);
    expect(sum(engine), `${path}: dovecot-engine chunk`).toBeLessThanOrEqual(BUDGET.engineChunk);
    const own = scripts.filter(
      (s) =>
        !base.has(new URL(s.url).pathname) &&
        !s.body.includes(KATEX_MARKER) &&
        !SHARED.catalog.test(s.url) &&
        !SHARED.engine.test(s.url) &&
        !SHARED.highlighting.test(s.url),
    );
    console.log(
      `${path}: own ${(sum(own) / KB).toFixed(1)} KB gzip in ${own.length} chunks; catalog ${(sum(catalog) / KB).toFixed(1)} KB, engine ${(sum(engine) / KB).toFixed(1)} KB`,
    );
    expect(sum(own), `${path}'s own JS`).toBeLessThanOrEqual(BUDGET.ownWidgetJs);
  }
});

test('React DOM and the main bundle, and only they, ask V8 to compile all their functions while they stream in', async ({browser, baseURL}) => {
  // plugins/compile-hints.ts: the hint must be the file's first line, after minification
  const scripts = await loadedScripts(browser, String(baseURL), '/troubleshooting');
  const hinted = scripts.filter((s) => s.body.subarray(0, 40).toString('utf8').startsWith('//# allFunctionsCalledOnLoad\n'));
  expect(hinted.map((s) => new URL(s.url).pathname.replace(/\.[0-9a-f]+\.js$/, '')).sort()).toEqual(['/assets/js/main', '/assets/js/react-dom']);
  expect(scripts.length, 'the route\'s own chunks load too').toBeGreaterThan(4);
});

test('render-blocking CSS stays within the budget on every page', async ({page, request}) => {
  // every page of the sitemap in one test: on a busy machine that outlasts one page's minute
  test.setTimeout(180_000);
  for (const path of sitemapPaths()) {
    await page.goto(path);
    const hrefs = await page.locator('head link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href));
    let gz = 0;
    for (const href of new Set(hrefs)) gz += gzipSync(await (await request.get(href)).body(), {level: 6}).length;
    expect(gz, `${path} blocks on ${(gz / KB).toFixed(1)} KB of CSS (gzip)`).toBeLessThanOrEqual(BUDGET.criticalCss);
  }
});

test('the search index is fetched only when search is used', async ({page}) => {
  const indexRequests: string[] = [];
  page.on('request', (r) => {
    if (/search-index.*\.json/.test(r.url())) indexRequests.push(r.url());
  });
  await page.goto('/services', {waitUntil: 'networkidle'});
  expect(indexRequests).toEqual([]);
  await page.locator('nav').getByLabel('Search').focus();
  await expect.poll(() => indexRequests.length).toBeGreaterThan(0);
});

test('no page downloads a font, and formulas are MathML without KaTeX\'s HTML', async ({page}) => {
  test.setTimeout(180_000);
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'font' || /\.(woff2?|ttf|otf)(\?|$)/.test(r.url())) fonts.push(`${page.url()}: ${r.url()}`);
  });
  let formulas = 0;
  for (const path of sitemapPaths()) {
    await page.goto(path, {waitUntil: 'networkidle'});
    formulas += await page.locator('.katex math').count();
    expect(await page.locator('.katex-html').count(), `${path} has KaTeX HTML`).toBe(0);
  }
  expect(fonts).toEqual([]);
  // the check above saw formulas
  expect(formulas).toBeGreaterThan(20);
});

test('on every page the hidden version\'s content is kept out of hydration, and most of the text too', async ({page}) => {
  test.setTimeout(180_000);
  const hydratedHidden: string[] = [];
  const mostlyHydrated: string[] = [];
  let hidden = 0;
  let articles = 0;
  for (const path of sitemapPaths()) {
    await page.goto(path, {waitUntil: 'networkidle'});
    await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true', {timeout: 20_000});
    const r = await page.evaluate(() => {
      const owned = (e: Element) => Object.keys(e).some((k) => k.startsWith('__reactFiber'));
      const blocks = [...document.querySelectorAll('[data-version="2.3"]')];
      // a docs page or a blog post (not the lists of post excerpts)
      const html = document.documentElement.classList;
      const onePage = html.contains('docs-doc-page') || html.contains('blog-post-page');
      const article = onePage ? [...document.querySelectorAll('article *')] : [];
      return {
        blocks: blocks.length,
        hydrated: blocks.filter((b) => [...b.querySelectorAll('*')].some(owned)).length,
        article: article.length,
        articleOwned: article.filter(owned).length,
      };
    });
    hidden += r.blocks;
    if (r.hydrated > 0) hydratedHidden.push(`${path}: ${r.hydrated} of ${r.blocks} hidden 2.3 parts are in React's tree`);
    if (r.article > 0 && !WIDGET_PAGES.has(path)) {
      articles++;
      if (r.articleOwned > 0.4 * r.article) mostlyHydrated.push(`${path}: React owns ${r.articleOwned} of the article's ${r.article} elements`);
    }
  }
  expect(hydratedHidden).toEqual([]);
  expect(hidden).toBeGreaterThan(50);
  expect(mostlyHydrated).toEqual([]);
  expect(articles).toBeGreaterThan(20);
});

test('no page is painted with half a navbar: first paint waits for the marker after it', async ({request}) => {
  // A paint while the parser is inside the navbar shows the right-aligned group short of its later
  // items, which then push it left (a layout shift seen on slow devices).
  const wrong: string[] = [];
  for (const path of sitemapPaths()) {
    const html = await (await request.get(path)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    if (!/<link rel="?expect"? href="?#navbar-parsed"? blocking="?render"?>/.test(head)) wrong.push(`${path}: no render-blocking expect link in <head>`);
    if (!/<\/nav><span id="?navbar-parsed"? hidden><\/span>/.test(html)) wrong.push(`${path}: the marker does not follow the navbar`);
  }
  expect(wrong).toEqual([]);
});

test('nothing moves after load on any page (CLS 0)', async ({page}) => {
  test.setTimeout(180_000);
  const shifts: string[] = [];
  for (const path of sitemapPaths()) {
    await page.goto(path, {waitUntil: 'networkidle'});
    const cls = await layoutShift(page);
    // Lighthouse shows CLS with two decimals; a shift under 0.001 (a sub-pixel move) reads as 0.
    if (cls >= 0.001) shifts.push(`${path}: ${cls.toFixed(4)}`);
  }
  expect(shifts).toEqual([]);
});

test('no page but the blog and search starts ICU (Intl, localeCompare, toLocaleString) while it loads and hydrates', async ({page}) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const calls: string[] = ((window as unknown as {__icu: string[]}).__icu = []);
    const intl = Intl as unknown as Record<string, unknown>;
    for (const name of ['NumberFormat', 'PluralRules', 'DateTimeFormat', 'Collator', 'Segmenter', 'ListFormat', 'RelativeTimeFormat', 'DisplayNames']) {
      const Original = intl[name] as new (...args: unknown[]) => unknown;
      intl[name] = function (...args: unknown[]) {
        calls.push(`Intl.${name}`);
        return new Original(...args);
      };
    }
    const watch = (proto: object, method: string) => {
      const original = (proto as Record<string, (...args: unknown[]) => unknown>)[method];
      (proto as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        calls.push(method);
        return original.apply(this, args);
      };
    };
    watch(String.prototype, 'localeCompare');
    watch(Number.prototype, 'toLocaleString');
    watch(Date.prototype, 'toLocaleString');
    watch(Date.prototype, 'toLocaleDateString');
    watch(Array.prototype, 'toLocaleString');
  });
  const found: string[] = [];
  let pages = 0;
  for (const path of sitemapPaths()) {
    if (/^\/(blog|search)(\/|$)/.test(path)) continue;
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-has-hydrated', 'true', {timeout: 20_000});
    await page.waitForLoadState('networkidle');
    const calls = await page.evaluate(() => (window as unknown as {__icu: string[]}).__icu);
    if (calls.length > 0) found.push(`${path}: ${[...new Set(calls)].join(', ')}`);
    pages++;
  }
  expect(found).toEqual([]);
  expect(pages).toBeGreaterThan(20);
});
