/**
 * Rewrites the table of src/lib/dovecot/measuredRss.ts from data/measured/results.json, so the
 * calculator's memory figures follow a new measurement without a hand edit. `npm run measure`
 * calls it after publishing results.json; `npm run measure:rss` runs it alone.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import type {Results} from '../../src/lib/measured/results';
import {rssTableKiB} from '../../src/lib/measured/rss';

export const RSS_TABLE_FILE = 'src/lib/dovecot/measuredRss.ts';

function literal(table: Record<string, number>): string {
  return `{${Object.entries(table)
    .map(([k, v]) => `${/^[a-z]\w*$/i.test(k) ? k : `'${k}'`}: ${v}`)
    .join(', ')}}`;
}

/** The source of measuredRss.ts with its table recomputed from `results`. */
export function withRssTable(source: string, results: Pick<Results, 'modes'>): string {
  const start = source.indexOf('export const MEASURED_RSS_KIB');
  const end = source.indexOf('\n};\n', start);
  if (start < 0 || end < 0) throw new Error(`${RSS_TABLE_FILE}: no MEASURED_RSS_KIB table found`);
  const head = source.slice(start, source.indexOf('\n', start) + 1);
  const rows = (['2.3', '2.4'] as const).map((v) => `  '${v}': ${literal(rssTableKiB(results, v === '2.3' ? 'dovecot-2.3' : 'dovecot-2.4'))},`);
  return `${source.slice(0, start)}${head}${rows.join('\n')}${source.slice(end)}`;
}

/** Update the file in place; true when it changed. */
export function updateRssTable(resultsPath = 'data/measured/results.json', file = RSS_TABLE_FILE): boolean {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as Results;
  const before = readFileSync(file, 'utf8');
  const after = withRssTable(before, results);
  if (after !== before) writeFileSync(file, after);
  return after !== before;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(updateRssTable() ? `${RSS_TABLE_FILE}: table updated from data/measured/results.json` : `${RSS_TABLE_FILE}: already matches data/measured/results.json`);
}
