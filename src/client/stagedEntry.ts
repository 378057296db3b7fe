/**
 * The browser's entry: Docusaurus's own `clientEntry`, with the largest modules it imports run
 * first, each in a task of its own. Running a bundle's modules is one task however many files it
 * came in (the bundle starts only when its last file has arrived), and on a slow phone React DOM,
 * the router, the theme's layout and the route matching made that one task 120–160 ms, all of it
 * blocking. Here each stage runs after a `setTimeout`, so the browser can paint and answer input in
 * between; `clientEntry` then finds the modules in the module cache, the route already matched
 * (the router caches compiled paths) and its chunks on their way (loading them twice is a no-op),
 * and only starts the app. The imports are "eager": they stay in the entry's files and fetch nothing.
 * Between the route's modules and the app, the jobs those modules queued run (./beforeHydration).
 */
import {takeJobsBeforeHydration} from './beforeHydration';

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const stages: (() => Promise<unknown>)[] = [
  () => import(/* webpackMode: "eager" */ 'react-dom/client'),
  () => import(/* webpackMode: "eager" */ '@generated/routes'),
  () => import(/* webpackMode: "eager" */ '@theme/Layout'),
  () => import(/* webpackMode: "eager" */ '@docusaurus/core/lib/client/App'),
  // the route's modules, which may queue work for before hydration (./beforeHydration); if they
  // fail to load, clientEntry meets the same failure and handles it as it always has
  () => import(/* webpackMode: "eager" */ '@docusaurus/core/lib/client/preload').then(({default: preload}) => preload(window.location.pathname)).catch(() => undefined),
  async () => {
    for (const job of takeJobsBeforeHydration()) {
      await nextTask();
      try {
        job();
      } catch {
        // see ./beforeHydration
      }
    }
  },
  () => import(/* webpackMode: "eager" */ '@docusaurus/core/lib/client/clientEntry'),
];

void stages.reduce<Promise<unknown>>((done, stage) => done.then(nextTask).then(stage), Promise.resolve());
