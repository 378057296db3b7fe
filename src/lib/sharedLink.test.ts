import {runInNewContext} from 'node:vm';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {LINK_STATE_ATTRIBUTE, QUERY_STATE_PATHS, carriesWidgetState, sharedLinkInlineScript} from './sharedLink';

/** Runs the inline script for a URL and returns the attribute it set on <html>, if any. */
function runScript(url: string): string | null {
  const u = new URL(url, 'https://wiki.example');
  const attrs = new Map<string, string>();
  runInNewContext(sharedLinkInlineScript(), {
    location: {pathname: u.pathname, search: u.search, hash: u.hash},
    URLSearchParams,
    document: {documentElement: {setAttribute: (k: string, v: string) => attrs.set(k, v)}},
  });
  return attrs.get(LINK_STATE_ATTRIBUTE) ?? null;
}

const CASES: [string, boolean][] = [
  ['/generator', false],
  ['/generator?s=1&v=2.3', false],
  ['/generator?v=2.4', false],
  ['/generator?s=1&v=2.4&cores=8&imap=5000', true],
  ['/generator/?imap=5000', true],
  ['/generator?utm_source=list', true],
  ['/calculator?s=1&v=2.4&svc=imap&cl=10', true],
  ['/calculator?client_limit=1', true],
  ['/calculator?s=1', false],
  ['/explain', false],
  ['/explain#z=q1YqSi0pyUstSlWyUjI0MjBU0lEqSi0uyS9KSQXSxQA', true],
  ['/explain#v=2.3&z=abc', true],
  ['/explain#analysis', false],
  ['/explain?z=abc', false],
  ['/services?cores=8', false],
  ['/services/client-limit#z=1', false],
];

describe('shared links: which URLs carry widget state', () => {
  for (const [url, expected] of CASES) {
    it(`${url} → ${expected ? 'loading' : 'nothing to load'}`, () => {
      const u = new URL(url, 'https://wiki.example');
      expect(carriesWidgetState(u.pathname, u.search, u.hash)).toBe(expected);
      expect(runScript(url)).toBe(expected ? 'loading' : null);
    });
  }

  it('the inline script agrees with carriesWidgetState on random URLs', () => {
    const part = fc.constantFrom('s', 'v', 'cores', 'imap', 'z', 'svc', '2.4', '1', '', '%20', '&', '=', '#', '?');
    fc.assert(
      fc.property(fc.constantFrom('/generator', '/calculator', '/explain', '/', '/services'), fc.array(part, {maxLength: 8}), fc.array(part, {maxLength: 8}), (path, q, h) => {
        const u = new URL(`${path}?${q.join('')}#${h.join('')}`, 'https://wiki.example');
        expect(runScript(u.href) !== null).toBe(carriesWidgetState(u.pathname, u.search, u.hash));
      }),
      {seed: 16, numRuns: 500},
    );
  });

  it('never throws, whatever the page (the script swallows errors, e.g. no URLSearchParams)', () => {
    expect(() => runInNewContext(sharedLinkInlineScript(), {location: {pathname: '/generator', search: '?x=1', hash: ''}, document: {}})).not.toThrow();
  });
});

describe('the paths are the widgets\' own', () => {
  it('query-state pages are the calculator and the generator', async () => {
    const {CALCULATOR_PATH} = await import('../components/ServiceCalculator/state');
    const {GENERATOR_PATH} = await import('../components/ConfigGenerator/state');
    expect([...QUERY_STATE_PATHS].sort()).toEqual([CALCULATOR_PATH, GENERATOR_PATH].sort());
  });
});
