/**
 * Where a page load spends the main thread: a Chromium performance trace of one cold load on a
 * phone-sized viewport with the CPU slowed down (DevTools' CPU throttling), cut into
 *   script compile and evaluation (the chunks' top-level code),
 *   hydration and other callbacks (React's work after the chunks ran: hydration, effects, timers),
 *   style and layout, paint, HTML and CSS parsing, garbage collection, other;
 * and the page's tasks: how many ran longer than 50 ms, the longest, and the blocking time
 * (what each task held the thread beyond 50 ms, summed, as Lighthouse's TBT does).
 */
import type {Browser} from '@playwright/test';

export type Group = 'scriptCompileEval' | 'hydrationCallbacks' | 'styleLayout' | 'paint' | 'parseHtmlCss' | 'gc' | 'other';

export const GROUP_LABELS: Record<Group, string> = {
  scriptCompileEval: 'script compile+eval',
  hydrationCallbacks: 'hydration+callbacks',
  styleLayout: 'style+layout',
  paint: 'paint',
  parseHtmlCss: 'parse HTML/CSS',
  gc: 'GC',
  other: 'other',
};

/** Main-thread figures of one load, by wall-clock time or by the thread's CPU time. */
export type ThreadFigures = {
  /** time per group, ms */
  groups: Record<Group, number>;
  /** tasks longer than 50 ms */
  longTasks: number;
  longestTaskMs: number;
  /** the time tasks held the thread beyond 50 ms, summed */
  blockingMs: number;
  /** time in tasks, ms */
  busyMs: number;
};

/**
 * `wall`: what the throttled page took (what a reader waits for; stretched by whatever else the
 * machine runs). `cpu`: the main thread's own CPU time, multiplied by the slowdown, so a task's
 * figure is what it would take on the slow CPU alone: nearly independent of the machine's load.
 */
export type TraceFigures = {wall: ThreadFigures; cpu: ThreadFigures};

/** Event names by group, as Lighthouse's main-thread breakdown groups them (task-groups.js). */
const GROUP_OF: Record<string, Group> = {};
const NAMES: Record<Group, string[]> = {
  scriptCompileEval: ['EvaluateScript', 'v8.evaluateModule', 'v8.compile', 'v8.compileModule', 'v8.produceCache', 'v8.produceModuleCache', 'CacheScript', 'CompileScript', 'v8.parseOnBackground'],
  hydrationCallbacks: ['FunctionCall', 'TimerFire', 'FireIdleCallback', 'FireAnimationFrame', 'RunMicrotasks', 'EventDispatch', 'V8.Execute', 'v8.callFunction', 'ParseAuthorStyleSheetCallback'],
  styleLayout: ['ScheduleStyleRecalculation', 'UpdateLayoutTree', 'RecalculateStyles', 'InvalidateLayout', 'Layout'],
  paint: ['Animation', 'HitTest', 'PaintSetup', 'Paint', 'PaintImage', 'PrePaint', 'RasterTask', 'ScrollLayer', 'UpdateLayer', 'UpdateLayerTree', 'CompositeLayers', 'Commit', 'Layerize'],
  parseHtmlCss: ['ParseHTML', 'ParseAuthorStyleSheet'],
  gc: ['GCEvent', 'MinorGC', 'MajorGC', 'BlinkGC.AtomicPhase', 'ThreadState::performIdleLazySweep', 'ThreadState::completeSweep', 'BlinkGCMarking', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR'],
  other: [],
};
for (const [g, names] of Object.entries(NAMES) as [Group, string[]][]) for (const n of names) GROUP_OF[n] = g;

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadControllerImpl::DoWork', 'TaskQueueManager::ProcessTaskFromWorkQueue']);

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8',
  'v8.execute',
  'blink',
  'loading',
  'disabled-by-default-v8.compile',
].join(',');

type RawEvent = {name: string; ph: string; ts: number; dur?: number; tts?: number; tdur?: number; pid: number; tid: number; args?: {name?: string; data?: {url?: string}}};
/** wall-clock start and end, and thread (CPU) time, in µs */
type Span = {name: string; start: number; end: number; cpu: number};

/** The renderer main thread that loaded `origin`'s document. */
function mainThread(events: RawEvent[], origin: string): {pid: number; tid: number} | null {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: {pid: number; tid: number; n: number} | null = null;
  for (const m of mains) {
    const n = events.filter(
      (e) => e.pid === m.pid && e.tid === m.tid && (e.name === 'ParseHTML' || e.name === 'EvaluateScript') && (e.args?.data?.url ?? '').startsWith(origin),
    ).length;
    if (n > 0 && (!best || n > best.n)) best = {pid: m.pid, tid: m.tid, n};
  }
  return best;
}

/**
 * Complete spans from X events and B/E pairs of one thread, sorted for nesting: by start, the
 * longer first, and of two that start and end together a task first (a task holds everything
 * else), then the one that began first.
 */
function spans(events: RawEvent[]): Span[] {
  const out: (Span & {order: number})[] = [];
  const open = new Map<string, {e: RawEvent; order: number}[]>();
  events.forEach((e, order) => {
    if (e.ph === 'X' && e.dur !== undefined) out.push({name: e.name, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur, order});
    else if (e.ph === 'B') open.set(e.name, [...(open.get(e.name) ?? []), {e, order}]);
    else if (e.ph === 'E') {
      const b = open.get(e.name)?.pop();
      if (b) out.push({name: e.name, start: b.e.ts, end: e.ts, cpu: b.e.tts !== undefined && e.tts !== undefined ? e.tts - b.e.tts : e.ts - b.e.ts, order: b.order});
    }
  });
  const rank = (s: Span) => (TASK_NAMES.has(s.name) ? 0 : 1);
  return out.sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b) || a.order - b.order);
}

function emptyFigures(): ThreadFigures {
  const groups = Object.fromEntries(Object.keys(NAMES).map((g) => [g, 0])) as Record<Group, number>;
  return {groups, longTasks: 0, longestTaskMs: 0, blockingMs: 0, busyMs: 0};
}

function addTask(f: ThreadFigures, ms: number): void {
  f.busyMs += ms;
  if (ms > 50) {
    f.longTasks++;
    f.blockingMs += ms - 50;
  }
  f.longestTaskMs = Math.max(f.longestTaskMs, ms);
}

function rounded(f: ThreadFigures): ThreadFigures {
  const groups = Object.fromEntries(Object.entries(f.groups).map(([g, v]) => [g, Math.round(v)])) as Record<Group, number>;
  return {groups, longTasks: f.longTasks, longestTaskMs: Math.round(f.longestTaskMs), blockingMs: Math.round(f.blockingMs), busyMs: Math.round(f.busyMs)};
}

/**
 * Main-thread figures from a trace (Chrome's JSON trace format); the CPU figures are the thread
 * time multiplied by `cpuSlowdown` (meaningful for a trace taken without throttling).
 */
export function analyseTrace(trace: {traceEvents: RawEvent[]}, origin: string, cpuSlowdown: number): TraceFigures {
  const wall = emptyFigures();
  const cpu = emptyFigures();
  const thread = mainThread(trace.traceEvents, origin);
  if (!thread) return {wall, cpu};
  const own = spans(trace.traceEvents.filter((e) => e.pid === thread.pid && e.tid === thread.tid));
  // Nest the spans; a span's self time goes to its own group, or to the nearest ancestor's group
  // when its name has none (an unnamed child of a script evaluation is script evaluation).
  type Frame = Span & {group: Group | null; childWall: number; childCpu: number};
  const stack: Frame[] = [];
  const close = (f: Frame) => {
    const group = f.group ?? [...stack].reverse().find((a) => a.group)?.group ?? 'other';
    wall.groups[group] += (f.end - f.start - f.childWall) / 1000;
    cpu.groups[group] += (Math.max(0, f.cpu - f.childCpu) * cpuSlowdown) / 1000;
    const parent = stack.at(-1);
    if (parent) {
      parent.childWall += f.end - f.start;
      parent.childCpu += f.cpu;
    }
  };
  for (const s of own) {
    while (stack.length && stack.at(-1)!.end <= s.start) close(stack.pop()!);
    const parent = stack.at(-1);
    if (parent && s.end > parent.end) continue; // overlaps its parent: a broken pair, ignored
    if (!parent) {
      if (!TASK_NAMES.has(s.name)) continue; // work outside any task (tracing itself)
      addTask(wall, (s.end - s.start) / 1000);
      addTask(cpu, (s.cpu * cpuSlowdown) / 1000);
    }
    stack.push({...s, group: GROUP_OF[s.name] ?? null, childWall: 0, childCpu: 0});
  }
  while (stack.length) close(stack.pop()!);
  return {wall: rounded(wall), cpu: rounded(cpu)};
}

/** A phone as Lighthouse's mobile preset has it (Moto G Power). */
export const PHONE = {viewport: {width: 412, height: 823}, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true};

/**
 * One cold load of `url` in a fresh context with the CPU throttled `throttle` times, traced until
 * the page has been quiet (no network, 2 s without a long task) or 30 s have passed. The CPU
 * figures are the thread time times `cpuScale` (take them from a trace with `throttle` 1).
 */
export async function traceLoad(browser: Browser, url: string, throttle: number, cpuScale: number): Promise<TraceFigures> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', {rate: throttle});
  await browser.startTracing(page, {categories: TRACE_CATEGORIES.split(',')});
  await page.goto(url, {waitUntil: 'load', timeout: 60_000});
  await page.waitForLoadState('networkidle', {timeout: 30_000}).catch(() => undefined);
  // until the main thread has had 2 s without a task over 50 ms (hydration ends with effects)
  await page
    .evaluate(
      () =>
        new Promise<void>((resolve) => {
          let last = performance.now();
          const obs = new PerformanceObserver(() => (last = performance.now()));
          obs.observe({type: 'longtask', buffered: false});
          const check = () => (performance.now() - last > 2000 ? (obs.disconnect(), resolve()) : setTimeout(check, 250));
          setTimeout(check, 250);
        }),
    )
    .catch(() => undefined);
  const buf = await browser.stopTracing();
  await context.close();
  return analyseTrace(JSON.parse(buf.toString('utf8')) as {traceEvents: RawEvent[]}, new URL(url).origin, cpuScale);
}
