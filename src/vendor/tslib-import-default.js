/**
 * The one tslib helper @docusaurus/utils-common's browser code calls (`__importDefault`, in its
 * lib/index.js), the same function as tslib's. Its CommonJS `require("tslib")` would otherwise put
 * all of tslib (about 4 KB gzip) into every page's main.js. plugins/dovecot-chunks.ts hands this
 * file to that one module only; should a later version call another helper, the page fails loudly
 * (a TypeError in every e2e test), never silently.
 */
'use strict';

exports.__importDefault = function (mod) {
  return mod && mod.__esModule ? mod : {default: mod};
};
