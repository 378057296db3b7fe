/**
 * Rewrites the table of src/lib/dovecot/measuredRss.ts from data/measured/results.json, so the
 * calculator's memory figures follow a new measurement without a hand edit. `npm run measure`
 * calls it after publishing results.json; `npm run measure:rss` runs it alone.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import {dovecotServer, type Results} from '../../src/lib/measured/results';
import {rssTableKiB, tlsSessionKiB} from '../../src/lib/measured/rss';

export const RSS_TABLE_FILE = 'src/lib/dovecot/measuredRss.ts';

function literal(table: Record<string, number>): string {
  return `{${Object.entries(table)
    .map(([k, v]) => `${/^[a-z]\w*$/i.test(k) ? k : `'${k}'`}: ${v}`)
    .join(', ')}}`;
}

/** The TLS session line recomputed from `results`; a version the results do not cover keeps its figure. */
function withTlsLine(source: string, results: Pick<Results, 'tlsMemory'>): string {
  const line = /export const MEASURED_TLS_SESSION_KIB: [^=]+= \{'2\.3': ([\d.]+), '2\.4': ([\d.]+)\};/;
  const m = source.match(line);
  if (!m) throw new Error(`${RSS_TABLE_FILE}: no MEASURED_TLS_SESSION_KIB line found`);
  const [kib23, kib24] = (['2.3', '2.4'] as const).map((v, i) => tlsSessionKiB(results, dovecotServer(v)) ?? Number(m[i + 1]));
  return source.replace(line, (whole) => whole.replace(/\{.*\}/, `{'2.3': ${kib23}, '2.4': ${kib24}}`));
}

/** The source of measuredRss.ts with its tables recomputed from `results`. */
export function withRssTable(source: string, results: Pick<Results, 'modes' | 'tlsMemory'>): string {
  const start = source.indexOf('export const MEASURED_RSS_KIB');
  const end = source.indexOf('\n};\n', start);
  if (start < 0 || end < 0) throw new Error(`${RSS_TABLE_FILE}: no MEASURED_RSS_KIB table found`);
  const head = source.slice(start, source.indexOf('\n', start) + 1);
  const rows = (['2.3', '2.4'] as const).map((v) => `  '${v}': ${literal(rssTableKiB(results, dovecotServer(v)))},`);
  return withTlsLine(`${source.slice(0, start)}${head}${rows.join('\n')}${source.slice(end)}`, results);
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
