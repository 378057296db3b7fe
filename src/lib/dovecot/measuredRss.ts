/**
 * Resident memory per process as measured by `npm run measure` (data/measured/results.json):
 * the median over every successful run of each process's median RSS, in KiB. Kept as a small
 * table so the calculator does not ship the whole results file. `npm run measure` rewrites the
 * table from the file it publishes (scripts/measure/rss-table.ts; alone: `npm run measure:rss`),
 * and a test recomputes it from the file, so the two cannot drift. Only processes the harness
 * saw are here.
 */
import type {DovecotVersion} from '../version';

export const MEASURED_BUILD: Record<DovecotVersion, string> = {'2.3': '2.3.19.1', '2.4': '2.4.1'};

export const MEASURED_RSS_KIB: Readonly<Record<DovecotVersion, Readonly<Record<string, number>>>> = {
  '2.3': {anvil: 3024, auth: 4668, config: 4280, dovecot: 4416, imap: 4938, 'imap-login': 8440, log: 3208, stats: 3612},
  '2.4': {anvil: 3476, auth: 5328, config: 13360, dovecot: 5040, imap: 8780, 'imap-login': 9984, log: 3616, stats: 4080},
};

/** The measured RSS of one process of `service`, in bytes, or null when it was not measured. */
export function measuredRssBytes(version: DovecotVersion, service: string): number | null {
  const kib = MEASURED_RSS_KIB[version][service];
  return kib === undefined ? null : kib * 1024;
}
