/**
 * What the fuzz stage watches on a page: the longest task on the renderer's main thread (from a
 * Chromium trace: the Long Tasks API does not see a task that is only layout, such as a text area
 * taking in a megabyte of text), page errors, console errors, a renderer crash, a blank page, and
 * any element that could only have come from input parsed as markup.
 *
 * A task is measured by the time the main thread spent running it (its thread time), which is
 * what it takes on an idle machine. Its duration by the clock is recorded too, but not judged:
 * on a machine shared with other work the clock also counts the time other programs had the CPU.
 */
import type {Browser, Page} from '@playwright/test';
import {INJECTED} from './cases';

/** A main-thread task longer than this is a freeze. */
export const LONGEST_TASK_MS = 1000;

export interface Verdict {
  /** Thread time of the longest task. */
  worstTaskMs: number;
  /** The same task by the clock. */
  worstWallMs: number;
  problems: string[];
}

export interface Probe {
  /** Starts the trace: tasks before this are not judged. */
  trace(): Promise<void>;
  /** Stops watching and says what went wrong. */
  finish(): Promise<Verdict>;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  /** Microseconds by the clock. */
  dur?: number;
  /** Microseconds the thread ran. */
  tdur?: number;
  args?: {name?: string};
}

/** The longest task on any renderer main thread of a Chromium trace: its thread time and its time by the clock (ms). */
export function longestRendererTask(trace: {traceEvents: TraceEvent[]}): {threadMs: number; wallMs: number} {
  const mains = new Set<string>();
  for (const e of trace.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  }
  let longest = {thread: 0, wall: 0};
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const thread = e.tdur ?? e.dur ?? 0;
    if (thread > longest.thread) longest = {thread, wall: e.dur ?? thread};
  }
  return {threadMs: Math.round(longest.thread / 1000), wallMs: Math.round(longest.wall / 1000)};
}

/** Watches the page for errors from now on; its tasks from when `trace()` is called. */
export function watch(page: Page, browser: Browser): Probe {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${String(e).slice(0, 300)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text().slice(0, 300)}`);
  });
  page.on('crash', () => problems.push('the renderer crashed'));
  let tracing = false;
  return {
    async trace() {
      await browser.startTracing(page, {categories: ['toplevel']});
      tracing = true;
    },
    async finish() {
      let longest = {threadMs: 0, wallMs: 0};
      if (tracing) longest = longestRendererTask(JSON.parse((await browser.stopTracing()).toString('utf8')) as {traceEvents: TraceEvent[]});
      if (longest.threadMs > LONGEST_TASK_MS) problems.push(`one task kept the main thread busy for ${longest.threadMs} ms (${longest.wallMs} ms by the clock)`);
      problems.push(...(await pageProblems(page)));
      return {worstTaskMs: longest.threadMs, worstWallMs: longest.wallMs, problems};
    },
  };
}

/** A blank page or injected markup. */
async function pageProblems(page: Page): Promise<string[]> {
  if (page.isClosed()) return ['the page closed'];
  return page.evaluate((marker) => {
    const out: string[] = [];
    const main = document.querySelector('main');
    const text = main instanceof HTMLElement ? main.innerText.trim() : '';
    if (!main || !main.querySelector('h1') || text.length < 200) out.push(`blank page: <main> holds ${text.length} characters of text`);
    const injected = document.querySelectorAll(`[${marker}]`).length;
    if (injected > 0) out.push(`${injected} element(s) from the input were parsed as markup`);
    const flag = (window as unknown as {__fuzzInjected?: unknown}).__fuzzInjected;
    if (flag !== undefined) out.push(`script from the input ran (window.__fuzzInjected = ${String(flag)})`);
    const js = [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? ''));
    if (js.length > 0) out.push(`${js.length} javascript: link(s) in the page`);
    return out;
  }, INJECTED);
}

/**
 * Waits until the page has done what the input set off: the explainer's analysis is no longer
 * running (its budget ends it), then an idle moment after the next frame.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-analysis="running"]'), null, {timeout: 45_000, polling: 100});
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        setTimeout(() => requestAnimationFrame(() => requestIdleCallback(() => resolve(), {timeout: 3000})), 300);
      }),
  );
}

/** Waits (at most `ms`) for the explainer to take in a text or to say why it did not. */
export async function explainerReacted(page: Page, ms: number): Promise<void> {
  await page
    .waitForFunction(
      () => (document.querySelector('textarea') as HTMLTextAreaElement | null)?.value !== '' || document.querySelector('main [role="alert"]') !== null,
      null,
      {timeout: ms, polling: 100},
    )
    .catch(() => undefined);
}
