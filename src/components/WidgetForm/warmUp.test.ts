// The widgets' jobs for before hydration (see src/client/beforeHydration.ts): each widget module
// queues its jobs when it loads in the browser, and each job runs without an error (the entry
// swallows errors, so a broken job would silently stop warming anything).
import {afterAll, describe, expect, it, vi} from 'vitest';
import {mockDocusaurusForServerRender} from '../../../tests/stubs/widgetServerRender';

mockDocusaurusForServerRender();
vi.stubGlobal('window', {});
afterAll(() => vi.unstubAllGlobals());

describe.each([
  ['generator', () => import('../ConfigGenerator')],
  ['calculator', () => import('../ServiceCalculator')],
])('the %s', (_name, load) => {
  it('queues its warm-up jobs when loaded in the browser, and each runs cleanly', async () => {
    vi.resetModules(); // a queue of its own, still open
    const {takeJobsBeforeHydration} = await import('@site/src/client/beforeHydration');
    await load();
    const jobs = takeJobsBeforeHydration();
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    for (const job of jobs) expect(() => job()).not.toThrow();
  });
});
