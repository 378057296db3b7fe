/**
 * Docusaurus's `useShallowMemoObject` (@docusaurus/theme-common, lib/utils/reactUtils.js) sorts an
 * object's keys with `localeCompare` on almost every page's first render. Any order would do (it
 * only makes the memo's dependency list independent of key order), but a page's first
 * `localeCompare` starts ICU's collator: 35–50 ms of main thread at 4× CPU slowdown, inside a
 * hydration task. This loader gives that one line a plain code-unit comparison. If an upgrade
 * changes the line, the build stops here rather than quietly keep the cost.
 */
'use strict';

const FROM = 'deps.sort((a, b) => a[0].localeCompare(b[0]));';
const TO = 'deps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));';

module.exports = function codeUnitKeySort(source) {
  if (!source.includes(FROM)) {
    throw new Error(`plugins/loaders/code-unit-key-sort.js: ${this.resourcePath} no longer has \`${FROM}\``);
  }
  return source.replace(FROM, TO);
};
