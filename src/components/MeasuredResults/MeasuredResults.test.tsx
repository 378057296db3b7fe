// The measured tables and charts from a fixed results set, and the shape of the committed
// data/measured/results.json the page reads.
import {readFileSync} from 'node:fs';
import React from 'react';
import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import {chartRows, MeasuredFactorTable, MeasuredLogLines, MeasuredModeTable, MeasuredProcessMemory} from './components';
import type {Results} from '@site/src/lib/measured/results';
import {fixture, mode, run, sections} from '@site/src/lib/measured/results.fixture';
import {MeasuredAuthCache, MeasuredReload, MeasuredTlsMemory} from './sections';

describe('charts', () => {
  it('chart rows carry the median and the extremes', () => {
    const rows = chartRows(fixture, 'cpuSPer1000Logins', ['dovecot-2.3']);
    expect(rows.map((r) => [r.value, r.min, r.max])).toEqual([
      [10, 9, 11],
      [4.5, 4, 5],
    ]);
  });
});

describe('tables', () => {
  it('mode table: one row per mode with median (range)', () => {
    const html = renderToStaticMarkup(<MeasuredModeTable results={fixture} server="dovecot-2.3" />);
    expect((html.match(/<tr>/g) ?? []).length).toBe(3);
    expect(html).toContain('<strong>100</strong> (90–110)');
    expect(html).toContain('<strong>280</strong> (250–300)');
    expect(html).toContain('3/3');
  });

  it('factor table: the login ratio', () => {
    const html = renderToStaticMarkup(<MeasuredFactorTable results={fixture} />);
    expect(html).toContain('high-performance ÷ high-security login');
    expect(html).toContain('<strong>×2.8</strong>');
    expect(html).not.toContain('reused ÷ per-connection');
  });

  it('process memory and log lines', () => {
    expect(renderToStaticMarkup(<MeasuredProcessMemory results={fixture} />)).toContain('<code>imap-login</code></td><td>8</td><td>9</td><td>16</td>');
    expect(renderToStaticMarkup(<MeasuredLogLines results={fixture} />)).toContain('client_limit=N');
  });
});

describe('the factor table', () => {
  it('reports imap reuse per login mode, not as one median', () => {
    const m = (login: 'high-security' | 'high-performance', imap: 'per-connection' | 'reused', l: number) => ({...mode(login, [run(1, l, 1, 1)]), imap, id: `${login}-${imap}`});
    const r = {modes: [m('high-security', 'per-connection', 100), m('high-security', 'reused', 130), m('high-performance', 'per-connection', 200), m('high-performance', 'reused', 400)]} as unknown as Results;
    const html = renderToStaticMarkup(<MeasuredFactorTable results={r} />);
    expect(html).toContain('reused ÷ per-connection imap, high-security login</td><td><strong>×1.3</strong>');
    expect(html).toContain('reused ÷ per-connection imap, high-performance login</td><td><strong>×2</strong>');
  });
});

describe('the experiments', () => {
  it('auth cache: one row per scheme and cache setting, hits from the auth process, queries from PostgreSQL', () => {
    const html = renderToStaticMarkup(<MeasuredAuthCache results={sections} />);
    expect((html.match(/<tr>/g) ?? []).length).toBe(7);
    expect(html).toContain('2,000 of 2,000 lookups (100 %)');
    expect(html).toContain('cache on, verified in auth-worker');
    expect(html).toContain('This run was within both bounds.');
    expect(html).toContain('280 bytes per user with <code>SHA512-CRYPT</code>');
    expect(html).toContain('by a factor of 1.5: a hit saves the two queries');
  });

  it('TLS memory and reload: slopes, reconnect times, and a busy run says so', () => {
    const tls = renderToStaticMarkup(<MeasuredTlsMemory results={sections} />);
    expect(tls).toContain('<strong>80 KiB</strong>');
    expect(tls).toContain('This run was not');
    const rl = renderToStaticMarkup(<MeasuredReload results={sections} />);
    expect(rl).toContain('<strong>3,400</strong>');
    expect(rl).toContain('All 150 logged in again after (ms)');
  });

  it('a section the file does not hold yet gives the command that measures it', () => {
    expect(renderToStaticMarkup(<MeasuredAuthCache results={fixture} />)).toContain('npm run measure -- --only authcache');
    expect(renderToStaticMarkup(<MeasuredReload results={fixture} />)).toContain('npm run measure -- --only reload');
  });
});

describe('data/measured/results.json', () => {
  const results = JSON.parse(readFileSync('data/measured/results.json', 'utf8')) as Results;
  it('has the machine, versions, parameters and every mode with its runs', () => {
    expect([1, 2]).toContain(results.schema);
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.parameters.reps).toBeGreaterThanOrEqual(1);
    expect(results.servers.find((s) => s.id === 'dovecot-2.3')?.version).toMatch(/^2\.3\./);
    expect(results.modes.length).toBeGreaterThan(0);
    for (const m of results.modes) {
      expect(m.runs.length, m.id).toBe(results.parameters.reps);
      expect(m.runs.some((r) => r.ok), m.id).toBe(true);
    }
  });
});
