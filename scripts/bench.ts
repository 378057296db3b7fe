/**
 * `npm run bench`: how heavy and how fast the site is (a measurement, not a test). Prints tables
 * and writes bench-results/bench.json:
 *   - cold and warm build time;
 *   - per page of the sitemap: HTML, CSS and JS bytes (raw and gzip) referenced by the HTML,
 *     actually loaded in Chromium (network log), and prefetched;
 *   - Lighthouse 12.8 (mobile, Debian Chromium), median of 3 runs, for the key pages;
 *   - the domain engine's timings (parser on 1 MB, calculator, generator, explainer on 1 MB);
 *   - the explainer in Chromium: from a 1 MB paste to the drawn report.
 * Options: --skip-build (use build/ as it is), --skip-lighthouse, --runs N.
 *
 * `--compare` measures instead the key pages against a peer tool, Mozilla's SSL Configuration
 * Generator, built beforehand and given as BENCH_PEER_DIR (scripts/bench/compare.ts): Lighthouse
 * interleaved, as the machine is and under an artificial CPU load, and a main-thread breakdown.
 * Its options: --runs N, --load-runs N, --load-processes N, --traces N (0 skips a part),
 * --baseline [NAME=]DIR (an earlier build measured in the same rounds; repeatable), --site DIR (a build to measure
 * instead of a fresh one), --skip-build.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {chromium} from '@playwright/test';
import {CHROMIUM_FLAGS, systemPaths} from './system-check';
import {compare, compareOptions, median} from './bench/compare';
import {lighthouse, type LighthouseRun} from './bench/lighthouse';
import {KEY_PAGES} from './lib/keyPages';

const args = process.argv.slice(2);
const has = (flag: string) => args.includes(flag);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const PORT = 3290;
const ORIGIN = `http://127.0.0.1:${PORT}`;

type Weight = {raw: number; gz: number};
const kb = (n: number) => (n / 1024).toFixed(1);
const gz = (buf: Buffer) => gzipSync(buf, {level: 6}).length;

function timed(cmd: string, argv: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, argv, {stdio: ['ignore', 'ignore', 'inherit']});
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
  return (performance.now() - t) / 1000;
}

function buildTimes(): {cold: number; warm: number} {
  spawnSync('npx', ['docusaurus', 'clear'], {stdio: 'ignore'});
  const cold = timed('npm', ['run', '-s', 'build']);
  const warm = timed('npm', ['run', '-s', 'build']);
  return {cold, warm};
}

function sitemapPaths(): string[] {
  const xml = readFileSync('build/sitemap.xml', 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

function fileFor(urlPath: string): string {
  const clean = urlPath.split('?')[0];
  if (clean === '/') return 'build/index.html';
  const direct = join('build', clean);
  if (existsSync(direct) && statSync(direct).isFile()) return direct;
  return `${join('build', clean)}.html`;
}

function referenced(html: string, re: RegExp): Weight {
  const w = {raw: 0, gz: 0};
  // a file referenced twice (KaTeX's stylesheet: static link + <Head>) is loaded once
  for (const href of new Set([...html.matchAll(re)].map((m) => m[1]))) {
    const f = fileFor(href);
    if (!existsSync(f)) continue;
    const b = readFileSync(f);
    w.raw += b.length;
    w.gz += gz(b);
  }
  return w;
}

type PageWeight = {
  path: string;
  html: Weight;
  cssReferenced: Weight;
  jsReferenced: Weight;
  jsLoaded: Weight & {files: number};
  cssLoaded: Weight;
  prefetched: Weight & {files: number};
};

async function pageWeights(paths: string[]): Promise<PageWeight[]> {
  const browser = await chromium.launch({executablePath: systemPaths.chromium, args: CHROMIUM_FLAGS});
  const out: PageWeight[] = [];
  for (const path of paths) {
    const htmlBuf = readFileSync(fileFor(path));
    const html = htmlBuf.toString('utf8');
    const page = await browser.newPage();
    const loaded: {url: string; type: string; prefetch: boolean}[] = [];
    page.on('requestfinished', (req) => {
      const prefetch = req.headers()['purpose'] === 'prefetch' || req.headers()['sec-purpose']?.includes('prefetch') === true;
      loaded.push({url: req.url(), type: req.resourceType(), prefetch});
    });
    await page.goto(`${ORIGIN}${path}`, {waitUntil: 'networkidle'});
    await page.waitForTimeout(500);
    await page.close();
    const sum = (items: typeof loaded) => {
      const w = {raw: 0, gz: 0, files: 0};
      for (const r of items) {
        const f = fileFor(new URL(r.url).pathname);
        if (!existsSync(f)) continue;
        const b = readFileSync(f);
        w.raw += b.length;
        w.gz += gz(b);
        w.files++;
      }
      return w;
    };
    const js = loaded.filter((r) => r.url.endsWith('.js'));
    out.push({
      path,
      html: {raw: htmlBuf.length, gz: gz(htmlBuf)},
      cssReferenced: referenced(html, /<link[^>]+rel=["']?stylesheet["']?[^>]*href=["']?([^"' >]+)/g),
      jsReferenced: referenced(html, /<script[^>]+src=["']?([^"' >]+)/g),
      jsLoaded: sum(js.filter((r) => !r.prefetch)),
      cssLoaded: sum(loaded.filter((r) => r.url.endsWith('.css') && !r.prefetch)),
      prefetched: sum(loaded.filter((r) => r.prefetch)),
    });
  }
  await browser.close();
  return out;
}

type LighthouseScores = Omit<LighthouseRun, 'jsTransfer' | 'fcp'> & {path: string};

async function medianScores(path: string, n: number): Promise<LighthouseScores | null> {
  const all: LighthouseRun[] = [];
  for (let i = 0; i < n; i++) {
    const r = await lighthouse(`${ORIGIN}${path}`, {outDir: 'bench-results', retries: 1});
    if (r) all.push(r);
  }
  if (all.length === 0) return null;
  const m = (k: 'performance' | 'accessibility' | 'bestPractices' | 'seo' | 'lcp' | 'tbt' | 'cls') => median(all.map((x) => x[k] ?? NaN));
  return {path, performance: m('performance'), accessibility: m('accessibility'), bestPractices: m('bestPractices'), seo: m('seo'), lcp: m('lcp'), tbt: m('tbt'), cls: m('cls')};
}

async function engineTimings(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const {parseConfig} = await import('../src/lib/dovecot/conf');
  const block = readFileSync('src/lib/dovecot/conf/fixtures/doveconf-2.3-a.txt', 'utf8');
  let big = '';
  while (big.length < 1_000_000) big += block;
  big = big.slice(0, 1_000_000);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    parseConfig(big);
    times.push(performance.now() - t);
  }
  out.parser1MB = {medianMs: Number(median(times).toFixed(1)), runs: times.length};
  const {runBench} = await import('../src/lib/dovecot/calculator/bench');
  out.calculator = runBench(10_000);
  const {generate, presetInput} = await import('../src/lib/dovecot/generator');
  const gen: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    generate(presetInput('isp-10k', i % 2 ? '2.3' : '2.4'));
    gen.push(performance.now() - t);
  }
  out.generator = {medianMs: Number(median(gen).toFixed(2)), runs: gen.length};
  const {bench: explainerBench} = await import('../src/lib/dovecot/explain/bench');
  out.explainer = explainerBench();
  return out;
}

type PasteTiming = {inputBytes: number; medianMs: number; elements: number; bareTextareaMs: number};

/**
 * What a reader waits for on /explain: a 1 MB paste (one input event, as a paste makes) until the
 * report is drawn and the page answers again. Median of `n` fresh pages per input. For scale,
 * the same text put into a bare <textarea> on an empty page: the part of the wait that is the
 * browser's own text layout, whatever the page does with the text.
 */
async function explainerInBrowser(n: number): Promise<Record<string, PasteTiming>> {
  const {inputs} = await import('../src/lib/dovecot/explain/bench');
  const browser = await chromium.launch({executablePath: systemPaths.chromium, args: CHROMIUM_FLAGS});
  const out: Record<string, PasteTiming> = {};
  for (const [name, text] of Object.entries(inputs())) {
    const times: number[] = [];
    let elements = 0;
    for (let i = 0; i < n; i++) {
      const page = await browser.newPage();
      await page.goto(`${ORIGIN}/explain`, {waitUntil: 'networkidle'});
      await page.locator('html[data-has-hydrated="true"]').waitFor();
      times.push(
        await page.evaluate(async (value) => {
          const box = document.querySelector('textarea')!;
          const start = performance.now();
          Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, value);
          box.dispatchEvent(new Event('input', {bubbles: true}));
          while (!document.getElementById('analysis')) await new Promise((r) => setTimeout(r, 1));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return performance.now() - start;
        }, text),
      );
      elements = await page.locator('main *').count();
      await page.close();
    }
    const bare: number[] = [];
    for (let i = 0; i < n; i++) {
      const page = await browser.newPage();
      await page.setContent('<textarea rows="14" cols="80"></textarea>');
      bare.push(
        await page.evaluate(async (value) => {
          const start = performance.now();
          document.querySelector('textarea')!.value = value;
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return performance.now() - start;
        }, text),
      );
      await page.close();
    }
    out[name] = {inputBytes: text.length, medianMs: Math.round(median(times)), elements, bareTextareaMs: Math.round(median(bare))};
  }
  await browser.close();
  return out;
}

async function main(): Promise<void> {
  mkdirSync('bench-results', {recursive: true});
  const result: Record<string, unknown> = {date: new Date().toISOString()};
  if (has('--compare')) {
    const opts = compareOptions(args, KEY_PAGES);
    if (!opts) process.exit(2);
    if (!has('--skip-build') && !has('--site')) timed('npm', ['run', '-s', 'build']);
    await compare(opts);
    return;
  }
  if (!has('--skip-build')) {
    result.build = buildTimes();
    console.log(`build: cold ${(result.build as {cold: number}).cold.toFixed(1)} s, warm ${(result.build as {warm: number}).warm.toFixed(1)} s`);
  }
  // First, while the process is fresh: later it holds the browser runs' data, and GC pauses in
  // a larger heap would be counted against the engines.
  result.engine = await engineTimings();
  console.log('\nengine:', JSON.stringify(result.engine));
  let server: ChildProcess | null = spawn('node_modules/.bin/tsx', ['scripts/serve.ts', '--port', String(PORT)], {stdio: 'ignore'});
  await new Promise((r) => setTimeout(r, 1500));
  try {
    const weights = await pageWeights(sitemapPaths());
    result.pages = weights;
    console.log('\npage                              HTML gz   CSS gz   JS ref gz   JS loaded gz (files)   prefetched gz');
    for (const w of weights) {
      console.log(
        `${w.path.padEnd(32)} ${kb(w.html.gz).padStart(7)}  ${kb(w.cssReferenced.gz).padStart(7)}  ${kb(w.jsReferenced.gz).padStart(9)}  ${`${kb(w.jsLoaded.gz)} (${w.jsLoaded.files})`.padStart(20)}  ${kb(w.prefetched.gz).padStart(13)}`,
      );
    }
    if (!has('--skip-lighthouse')) {
      const scores: (LighthouseScores | null)[] = [];
      for (const p of KEY_PAGES.filter((q) => existsSync(fileFor(q)))) scores.push(await medianScores(p, runs));
      result.lighthouse = scores;
      console.log(`\nLighthouse 12.8.2, mobile, median of ${runs}: perf / a11y / best practices / SEO, LCP, TBT, CLS`);
      for (const s of scores) {
        if (s) console.log(`${s.path.padEnd(28)} ${s.performance} / ${s.accessibility} / ${s.bestPractices} / ${s.seo}   LCP ${s.lcp} ms  TBT ${s.tbt} ms  CLS ${s.cls}`);
      }
    }
    result.explainerInBrowser = await explainerInBrowser(runs);
    console.log(`\nexplainer in Chromium, 1 MB paste to drawn report (median of ${runs}):`);
    for (const [name, t] of Object.entries(result.explainerInBrowser as Record<string, PasteTiming>)) {
      console.log(`${name.padEnd(8)} ${String(t.medianMs).padStart(6)} ms  ${t.elements} elements  (a bare textarea alone: ${t.bareTextareaMs} ms)`);
    }
  } finally {
    server?.kill();
    server = null;
  }
  writeFileSync('bench-results/bench.json', JSON.stringify(result, null, 2));
  console.log('\nwrote bench-results/bench.json');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
