/**
 * Work a page's modules ask to have done before React hydrates the page, each job in a task of its
 * own (src/client/stagedEntry.ts runs them once the route's modules have loaded). A widget's first
 * render runs its domain code cold: V8 compiles each function at its first call, and the
 * generator's first `generate()` was one 60–90 ms task at 4× CPU slowdown, inside hydration, where
 * React cannot split it. Run once beforehand in smaller pieces (the result thrown away), the same
 * code is compiled and warm when hydration calls it. A job that fails is left alone: the render
 * that needs the same code reports its own errors.
 */
type Job = () => unknown;

const queue: Job[] = [];
let started = false;

/** Queues jobs to run before hydration; after it has begun (a client-side navigation), does nothing. */
export function beforeHydration(...jobs: Job[]): void {
  if (typeof window === 'undefined' || started) return;
  queue.push(...jobs);
}

/** Called by the entry: the jobs queued so far, and no more from now on. */
export function takeJobsBeforeHydration(): Job[] {
  started = true;
  return queue.splice(0);
}
