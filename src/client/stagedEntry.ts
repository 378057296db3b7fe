/**
 * The browser's entry: Docusaurus's own `clientEntry`, with the largest modules it imports run
 * first, each in a task of its own. Running a bundle's modules is one task however many files it
 * came in (the bundle starts only when its last file has arrived), and on a slow phone React DOM,
 * the router, the theme's layout and the route matching made that one task 120–160 ms, all of it
 * blocking. Here each stage runs after a `setTimeout`, so the browser can paint and answer input in
 * between; `clientEntry` then finds the modules in the module cache, the route already matched
 * (the router caches compiled paths) and its chunks on their way (loading them twice is a no-op),
 * and only starts the app. The imports are "eager": they stay in the entry's files and fetch nothing.
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const stages: (() => Promise<unknown>)[] = [
  () => import(/* webpackMode: "eager" */ 'react-dom/client'),
  () => import(/* webpackMode: "eager" */ '@generated/routes'),
  () => import(/* webpackMode: "eager" */ '@theme/Layout'),
  () => import(/* webpackMode: "eager" */ '@docusaurus/core/lib/client/App'),
  () =>
    import(/* webpackMode: "eager" */ '@docusaurus/core/lib/client/preload').then(({default: preload}) => {
      void preload(window.location.pathname);
    }),
  () => import(/* webpackMode: "eager" */ '@docusaurus/core/lib/client/clientEntry'),
];

void stages.reduce<Promise<unknown>>((done, stage) => done.then(nextTask).then(stage), Promise.resolve());
