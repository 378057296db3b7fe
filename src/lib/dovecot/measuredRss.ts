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
  '2.3': {anvil: 2980, auth: 9908, config: 4300, dovecot: 4520, imap: 4952, 'imap-login': 8462, log: 3212, stats: 3616},
  '2.4': {anvil: 3460, auth: 5324, config: 13288, dovecot: 5052, imap: 9562, 'imap-login': 10008, log: 3596, stats: 4060},
};

/**
 * What one TLS session adds to the RSS of a high-performance login process, in KiB
 * (/measured#tls-session-memory), rewritten from the results file with the table above.
 */
export const MEASURED_TLS_SESSION_KIB: Readonly<Record<DovecotVersion, number>> = {'2.3': 82.5, '2.4': 83.7};

/** The measured RSS of one process of `service`, in bytes, or null when it was not measured. */
export function measuredRssBytes(version: DovecotVersion, service: string): number | null {
  const kib = MEASURED_RSS_KIB[version][service];
  return kib === undefined ? null : kib * 1024;
}
