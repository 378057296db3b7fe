/**
 * Exact-line patches to Docusaurus's own files, made at build time (client bundle only). Each
 * replaces lines it finds exactly once; if an upgrade changes one, the build stops here rather than
 * quietly keep the cost the patch removed. `plugins/dovecot-chunks.ts` runs this loader on the
 * files listed below; `./loaders.test.ts` checks each patch against the installed files.
 */
'use strict';

const PATCHES = [
  {
    // `useShallowMemoObject` sorts an object's keys with `localeCompare` on almost every page's first
    // render. Any order would do (it only makes the memo's dependency list independent of key order),
    // but a page's first `localeCompare` starts ICU's collator: 35–50 ms of main thread at 4× CPU
    // slowdown, inside a hydration task. A plain code-unit comparison instead.
    file: /@docusaurus[\\/]theme-common[\\/]lib[\\/]utils[\\/]reactUtils\.js$/,
    edits: [['deps.sort((a, b) => a[0].localeCompare(b[0]));', 'deps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));']],
  },
  {
    // Right after a page hydrates, Docusaurus learns it runs in the browser (`useIsBrowser`) and how
    // wide the window is (`useWindowSize`): two state updates in effects, which React rendered as one
    // uninterruptible task (everything reading either value: the navbar, the phone's menu, the docs
    // page layout, the colour mode, the widgets), 50–90 ms at 4× CPU slowdown on every page. Made
    // transitions, React renders them in short slices and lets the reader's input go first; what
    // they render is the same.
    file: /@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]browserContext\.js$/,
    edits: [
      ["import React, { useEffect, useState } from 'react';", "import React, { startTransition, useEffect, useState } from 'react';"],
      ['        setIsBrowser(true);\n', '        startTransition(() => setIsBrowser(true));\n'],
    ],
  },
  {
    file: /@docusaurus[\\/]theme-common[\\/]lib[\\/]hooks[\\/]useWindowSize\.js$/,
    edits: [
      ["import { useEffect, useState } from 'react';", "import { startTransition, useEffect, useState } from 'react';"],
      // the first measurement only; a resize is the reader's own action and stays urgent
      ['        updateWindowSize();\n', '        startTransition(updateWindowSize);\n'],
    ],
  },
];

function patch(resourcePath, source) {
  const p = PATCHES.find((x) => x.file.test(resourcePath));
  if (!p) return source;
  let out = source;
  for (const [from, to] of p.edits) {
    if (out.split(from).length !== 2) {
      throw new Error(`plugins/loaders/docusaurus-patches.js: ${resourcePath} no longer has \`${from.trim()}\` exactly once`);
    }
    out = out.replace(from, to);
  }
  return out;
}

module.exports = function docusaurusPatches(source) {
  return patch(this.resourcePath, source);
};
module.exports.patch = patch;
/** The files patched, for the webpack rule. */
module.exports.files = PATCHES.map((p) => p.file);
