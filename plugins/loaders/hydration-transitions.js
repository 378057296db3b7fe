/**
 * Right after a page hydrates, Docusaurus learns it runs in the browser (`useIsBrowser`, in
 * @docusaurus/core's browserContext.js) and how wide the window is (`useWindowSize`, in
 * @docusaurus/theme-common): two state updates in effects, which React renders as one
 * uninterruptible task (everything reading either value: the navbar, the phone's menu, the docs
 * page layout, the colour mode). At 4× CPU slowdown that task was 50–90 ms on every page.
 * Made transitions, React renders them in short slices and lets the reader's input go first;
 * what they render is the same. If an upgrade changes either line, the build stops here rather
 * than quietly keep the cost.
 */
'use strict';

const PATCHES = [
  {
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

/** Exported for the unit test: the files it patches and the function that patches one. */
module.exports = function hydrationTransitions(source) {
  return patch(this.resourcePath, source);
};

function patch(resourcePath, source) {
  const p = PATCHES.find((x) => x.file.test(resourcePath));
  if (!p) return source;
  let out = source;
  for (const [from, to] of p.edits) {
    if (out.split(from).length !== 2) {
      throw new Error(`plugins/loaders/hydration-transitions.js: ${resourcePath} no longer has \`${from.trim()}\` exactly once`);
    }
    out = out.replace(from, to);
  }
  return out;
}

module.exports.patch = patch;
module.exports.files = PATCHES.map((p) => p.file);
