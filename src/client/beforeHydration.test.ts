// The queue of work for before hydration: kept in the browser until the entry takes it, then closed.
import {afterEach, describe, expect, it, vi} from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

const fresh = () => import('./beforeHydration');

describe('beforeHydration', () => {
  it('hands the entry the queued jobs in order, once', async () => {
    vi.stubGlobal('window', {});
    const {beforeHydration, takeJobsBeforeHydration} = await fresh();
    const a = () => 1;
    const b = () => 2;
    const c = () => 3;
    beforeHydration(a, b);
    beforeHydration(c);
    expect(takeJobsBeforeHydration()).toEqual([a, b, c]);
    expect(takeJobsBeforeHydration()).toEqual([]);
  });

  it('ignores jobs queued once hydration has begun (a module loaded by a client-side navigation)', async () => {
    vi.stubGlobal('window', {});
    const {beforeHydration, takeJobsBeforeHydration} = await fresh();
    takeJobsBeforeHydration();
    beforeHydration(() => 1);
    expect(takeJobsBeforeHydration()).toEqual([]);
  });

  it('queues nothing on the server', async () => {
    const {beforeHydration, takeJobsBeforeHydration} = await fresh();
    beforeHydration(() => 1);
    vi.stubGlobal('window', {});
    expect(takeJobsBeforeHydration()).toEqual([]);
  });
});
