/**
 * The messages /troubleshooting quotes, for the search box: every ```text block of
 * docs/troubleshooting.mdx belongs to the entry (heading and `{#id}`) it stands under, and each of
 * its lines is a message a reader may paste. The plugin writes them to a data module that the
 * search code imports only when someone searches for a log line (src/components/Search), so no
 * page carries them otherwise.
 */
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import type {LogMessageEntry} from '../src/lib/search/logLine';

export const TROUBLESHOOTING_MDX = 'docs/troubleshooting.mdx';

const HEADING = /^#{2,3}\s+(.+?)\s*\{#([\w-]+)\}\s*$/;
const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/;

/** The entries of a troubleshooting page's MDX source with the lines of their ```text blocks. */
export function extractLogMessages(mdx: string): LogMessageEntry[] {
  const entries: LogMessageEntry[] = [];
  let current: LogMessageEntry | null = null;
  let fence: {marker: string; text: boolean} | null = null;
  for (const raw of mdx.split(/\r?\n/)) {
    if (fence) {
      if (raw.trim().startsWith(fence.marker) && raw.trim().replace(/[`~]/g, '') === '') fence = null;
      else if (fence.text && current && raw.trim() !== '' && !current.lines.includes(raw.trim())) current.lines.push(raw.trim());
      continue;
    }
    const f = FENCE.exec(raw.trim());
    if (f) {
      fence = {marker: f[1], text: f[2] === 'text'};
      continue;
    }
    const h = HEADING.exec(raw);
    if (h) {
      current = {id: h[2], title: h[1].replace(/`/g, ''), lines: []};
      entries.push(current);
    }
  }
  return entries.filter((e) => e.lines.length > 0);
}

export default function logMessagesPlugin(context: LoadContext): Plugin {
  const file = resolve(context.siteDir, TROUBLESHOOTING_MDX);
  return {
    name: 'log-messages',
    getPathsToWatch() {
      return [file];
    },
    async loadContent() {
      return extractLogMessages(readFileSync(file, 'utf8'));
    },
    async contentLoaded({content, actions}) {
      await actions.createData('log-messages.json', JSON.stringify(content as LogMessageEntry[]));
    },
  };
}
