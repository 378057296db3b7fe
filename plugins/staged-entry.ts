/**
 * Makes src/client/stagedEntry.ts the browser bundle's entry in place of Docusaurus's
 * clientEntry, which it imports last (see there why). The server bundle is untouched.
 */
import type {Plugin} from '@docusaurus/types';
import path from 'node:path';

export default function stagedEntryPlugin(): Plugin {
  return {
    name: 'staged-entry',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {mergeStrategy: {entry: 'replace'}, entry: path.resolve(__dirname, '../src/client/stagedEntry.ts')};
    },
  };
}
