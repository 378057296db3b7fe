// The build-time patches of Docusaurus's own files: each still finds its line in the installed
// version, changes only that line, and refuses a file where the line is gone.
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const require = createRequire(import.meta.url);
const patches = require('./docusaurus-patches.js') as {patch: (path: string, src: string) => string; files: RegExp[]};

// the files webpack gets from node_modules (these subpaths are not in the packages' exports)
const installed = (p: string) => fileURLToPath(new URL(`../../node_modules/${p}`, import.meta.url));
const browserContext = installed('@docusaurus/core/lib/client/browserContext.js');
const windowSize = installed('@docusaurus/theme-common/lib/hooks/useWindowSize.js');
const reactUtils = installed('@docusaurus/theme-common/lib/utils/reactUtils.js');

function changedLines(a: string, b: string): [string, string][] {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y.length).toBe(x.length);
  return x.flatMap((line, i) => (line === y[i] ? [] : [[line.trim(), y[i]!.trim()] as [string, string]]));
}

describe('docusaurus-patches loader: the transitions after hydration', () => {
  it('makes the first browser render a transition and changes nothing else', () => {
    const src = readFileSync(browserContext, 'utf8');
    expect(changedLines(src, patches.patch(browserContext, src))).toEqual([
      ["import React, { useEffect, useState } from 'react';", "import React, { startTransition, useEffect, useState } from 'react';"],
      ['setIsBrowser(true);', 'startTransition(() => setIsBrowser(true));'],
    ]);
  });

  it('makes only the first window-size measurement a transition (resizes stay urgent)', () => {
    const src = readFileSync(windowSize, 'utf8');
    const out = patches.patch(windowSize, src);
    expect(changedLines(src, out)).toEqual([
      ["import { useEffect, useState } from 'react';", "import { startTransition, useEffect, useState } from 'react';"],
      ['updateWindowSize();', 'startTransition(updateWindowSize);'],
    ]);
    expect(out).toContain("window.addEventListener('resize', updateWindowSize);");
  });

  it('stops the build when a line it patches is gone', () => {
    expect(() => patches.patch(browserContext, 'export function BrowserContextProvider() {}')).toThrow(/no longer has/);
  });

  it('leaves other files alone', () => {
    expect(patches.patch('/x/node_modules/react/index.js', 'a();')).toBe('a();');
  });
});

describe('docusaurus-patches loader: the key sort', () => {
  it('replaces the localeCompare key sort in the installed theme', () => {
    const src = readFileSync(reactUtils, 'utf8');
    const out = patches.patch(reactUtils, src);
    expect(out).not.toContain('localeCompare');
    expect(changedLines(src, out)).toHaveLength(1);
  });

  it('stops the build when the line is gone', () => {
    expect(() => patches.patch(reactUtils, 'deps.sort();')).toThrow(/no longer has/);
  });
});
