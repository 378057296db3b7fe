// The main-thread breakdown of a Chromium trace (./trace.ts), on a small hand-made trace: a
// renderer thread that loaded the page, another renderer's thread, tasks with nested events.
import {describe, expect, it} from 'vitest';
import {analyseTrace} from './trace';

const ORIGIN = 'http://127.0.0.1:3291';
const meta = (pid: number, tid: number, name: string) => ({name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: {name}});
/** a complete event; `cpu` is its thread time (defaults to its wall time) */
const x = (name: string, ts: number, dur: number, cpu = dur, url?: string) => ({name, ph: 'X', ts, dur, tts: ts, tdur: cpu, pid: 1, tid: 10, args: url ? {data: {url}} : {}});

const trace = {
  traceEvents: [
    meta(1, 10, 'CrRendererMain'),
    meta(2, 20, 'CrRendererMain'),
    // another renderer (an extension page, the peer) is not the page's thread
    {name: 'RunTask', ph: 'X', ts: 0, dur: 900_000, pid: 2, tid: 20},
    {name: 'ParseHTML', ph: 'X', ts: 0, dur: 900_000, pid: 2, tid: 20, args: {data: {url: 'http://other/'}}},
    // task 1, 120 ms: parse HTML 20 ms, which evaluates a script for 100 ms (80 ms of it compile+run)
    x('RunTask', 0, 120_000),
    x('ParseHTML', 0, 120_000, 120_000, `${ORIGIN}/`),
    x('EvaluateScript', 20_000, 100_000, 100_000, `${ORIGIN}/main.js`),
    // an event without a group inside a script's evaluation counts as script evaluation
    x('v8.run', 30_000, 20_000),
    // task 2, 40 ms: hydration callback 30 ms with a layout of 10 ms inside
    x('RunTask', 200_000, 40_000),
    x('FunctionCall', 200_000, 40_000),
    x('Layout', 220_000, 10_000),
    // task 3, 70 ms wall but 35 ms on the CPU (the machine was busy): style 70 ms
    x('RunTask', 300_000, 70_000, 35_000),
    x('UpdateLayoutTree', 300_000, 70_000, 35_000),
    // B/E pairs count too: a 60 ms GC task
    {name: 'RunTask', ph: 'B', ts: 400_000, tts: 400_000, pid: 1, tid: 10},
    {name: 'MajorGC', ph: 'B', ts: 400_000, tts: 400_000, pid: 1, tid: 10},
    {name: 'MajorGC', ph: 'E', ts: 460_000, tts: 460_000, pid: 1, tid: 10},
    {name: 'RunTask', ph: 'E', ts: 460_000, tts: 460_000, pid: 1, tid: 10},
    // Chrome writes a complete event when it ends, so a child of the same length comes first
    x('Paint', 600_000, 55_000),
    x('RunTask', 600_000, 55_000),
    // tracing's own work outside a task is not the page's
    x('TracingStartedInBrowser', 500_000, 5_000),
  ],
};

describe('analyseTrace', () => {
  it('finds the page\'s thread and splits its time by group, by wall clock', () => {
    const {wall} = analyseTrace(trace, ORIGIN, 1);
    expect(wall.groups).toEqual({scriptCompileEval: 100, hydrationCallbacks: 30, styleLayout: 80, paint: 55, parseHtmlCss: 20, gc: 60, other: 0});
    expect(wall.busyMs).toBe(120 + 40 + 70 + 60 + 55);
    // tasks over 50 ms: 120, 70, 60 and 55 ms; blocking beyond 50 ms: 70 + 20 + 10 + 5
    expect(wall).toMatchObject({longTasks: 4, longestTaskMs: 120, blockingMs: 105});
  });

  it('scales the thread\'s CPU time by the slowdown, so a busy machine\'s waits do not count', () => {
    const {cpu} = analyseTrace(trace, ORIGIN, 4);
    expect(cpu.groups.styleLayout).toBe(4 * (10 + 35));
    expect(cpu.groups.scriptCompileEval).toBe(400);
    // at 4×: 480, 160, 140, 240, 220 ms tasks
    expect(cpu).toMatchObject({longTasks: 5, longestTaskMs: 480, blockingMs: 430 + 110 + 90 + 190 + 170, busyMs: 1240});
  });

  it('reports nothing for a trace where the page never ran', () => {
    const {wall} = analyseTrace(trace, 'http://127.0.0.1:9', 1);
    expect(wall.busyMs).toBe(0);
    expect(wall.longTasks).toBe(0);
  });
});
