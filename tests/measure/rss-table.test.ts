// The calculator's table of RSS per process is rewritten from a results file: the committed
// table is what the committed results give, and a new measurement changes exactly the table.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {withRssTable, RSS_TABLE_FILE} from '../../scripts/measure/rss-table';
import type {Results, RunFigures} from '../../src/lib/measured/results';
import {fixture, mode, run, sections} from '../../src/lib/measured/results.fixture';

const source = readFileSync(RSS_TABLE_FILE, 'utf8');

function withRss(r: RunFigures, rss: Record<string, number>, ok = true): RunFigures {
  return {...r, ok, rssByProcess: Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, {p50KiB: v, maxKiB: v, maxCount: 1}]))};
}

describe('the RSS table of src/lib/dovecot/measuredRss.ts', () => {
  it('is what data/measured/results.json gives (run `npm run measure:rss` after a new measurement)', () => {
    const results = JSON.parse(readFileSync('data/measured/results.json', 'utf8')) as Results;
    expect(withRssTable(source, results)).toBe(source);
  });

  it('takes the median per process over the successful runs of each version, and changes nothing else', () => {
    const m23 = mode('high-security', [withRss(run(1, 1, 1, 1), {imap: 5000, 'imap-login': 9000}), withRss(run(2, 1, 1, 1), {imap: 5200}), withRss(run(3, 1, 1, 1), {imap: 7000}), withRss(run(4, 1, 1, 1), {imap: 1}, false)]);
    const m24 = {...mode('high-performance', [withRss(run(1, 1, 1, 1), {imap: 8000, auth: 5000})]), server: 'dovecot-2.4' as const};
    const out = withRssTable(source, {...fixture, modes: [m23, m24]});
    expect(out).toContain(`  '2.3': {imap: 5200, 'imap-login': 9000},\n  '2.4': {auth: 5000, imap: 8000},\n};`);
    const outside = (s: string) => s.replace(/export const MEASURED_RSS_KIB[\s\S]*?\n};\n/, '');
    expect(outside(out)).toBe(outside(source));
  });

  it('takes the TLS session figure of each version from the TLS memory section, and keeps one it lacks', () => {
    const tls = sections.tlsMemory!;
    const only23 = {...tls, servers: tls.servers.filter((x) => x.server === 'dovecot-2.3').map((x) => ({...x, rssKiBPerSession: 77.7}))};
    const out = withRssTable(source, {...fixture, tlsMemory: only23});
    const kept24 = source.match(/MEASURED_TLS_SESSION_KIB[^=]+= \{'2\.3': [\d.]+, '2\.4': ([\d.]+)\}/)![1];
    expect(out).toContain(`MEASURED_TLS_SESSION_KIB: Readonly<Record<DovecotVersion, number>> = {'2.3': 77.7, '2.4': ${kept24}};`);
  });
});
