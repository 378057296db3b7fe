// The load-check tables from a fixed results set: one row per run with its anchor, the load that
// ran and why it was scaled, the verdict and its log line, and the presets' evidence.
import React from 'react';
import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import {parseLoadMarker} from '@site/src/lib/loadcheck/claim';
import type {LoadCheckResults, LoadRun} from '@site/src/lib/loadcheck/results';
import {LoadCheckControls, LoadCheckPresets, LoadCheckSetup, LoadCheckSummary, LoadCheckTable} from './components';

function run(over: Partial<LoadRun>): LoadRun {
  const claim = parseLoadMarker('50 tls 2/s protocols=imap+lmtp+submission');
  return {
    id: 'preset-small-office-2.4',
    kind: 'preset',
    title: 'Generator preset “Small office”',
    version: '2.4',
    build: '2.4.1-4 (7d8c0e5759)',
    ranAt: '2026-12-06T18:00:00Z',
    source: {preset: 'small-office', generatorQuery: 's=1&v=2.4'},
    claim,
    ran: claim,
    expect: {pass: true},
    config: 'service imap-login {\n  process_limit = 63\n}\n',
    nofile: 2048,
    passed: true,
    asExpected: true,
    reasons: [],
    figures: {started: 50, loggedIn: 50, held: 50, peakProcesses: 110, peakByService: {imap: 50, 'imap-login': 52}, latencyMs: {p50: 40, p95: 200, p99: 329.4, max: 400}, rampS: 25, durationS: 40, peakRssMiB: 500, heldPssMiB: 80, hostMemMiB: 200, tlsProtocol: 'TLSv1.3'},
    replaced: [],
    ...over,
  };
}

const stats = 'master: Warning: service(stats): client_limit (1000) reached, client connections are being dropped';
const isp = run({
  id: 'preset-isp-10k-2.3',
  version: '2.3',
  build: '2.3.19.1 (9b53102964)',
  title: 'Generator preset “ISP, 10k users”',
  source: {preset: 'isp-10k', generatorQuery: 's=1&v=2.3'},
  claim: parseLoadMarker('10000 tls 200/s'),
  ran: parseLoadMarker('4800 tls 60/s'),
  scaled: {factor: 0.48, why: '10000 sessions need about 12568 MiB here'},
  passed: false,
  asExpected: false,
  reasons: [{check: 'reached', message: 'a limit was reached (9 log lines)', lines: [stats]}],
});
const control = run({
  id: 'control-stats-default-2.3',
  kind: 'control',
  version: '2.3',
  title: 'stats at its default client_limit (1 000) under 1 100 processes',
  source: {change: 'no service stats block'},
  ran: parseLoadMarker('1100 40/s'),
  expect: {pass: false, check: 'reached', line: String.raw`service\(stats\): client_limit \(1000\) reached`},
  passed: false,
  asExpected: true,
  reasons: [{check: 'reached', message: 'a limit was reached', lines: [stats]}],
});

const results: LoadCheckResults = {
  schema: 1,
  generatedAt: '2026-12-06T18:00:00Z',
  command: 'npm run loadcheck',
  machine: {cpus: 2, cpuModel: 'QEMU', ramGiB: 23.5, kernel: '6.1', os: 'Debian GNU/Linux 12 (bookworm)', node: 'v20'},
  builds: {'2.3': '2.3.19.1 (9b53102964)', '2.4': '2.4.1-4 (7d8c0e5759)'},
  rules: {loginP99BoundMs: 2000, holdS: 10, openTimeoutMs: 30000, defaultNofile: 65535, hostRaised: ['fs.inotify.max_user_instances 128 → 5824'], limits: ['every session logs in']},
  runs: [run({}), isp, control],
};

const html = (el: React.ReactElement) => renderToStaticMarkup(el);

describe('load-check tables', () => {
  it('gives each run a row with its anchor, source link, load, processes, p99 and verdict', () => {
    const out = html(<LoadCheckTable results={results} kinds={['preset']} />);
    expect(out).toContain('id="load-preset-small-office-2-4"');
    expect(out).toContain('href="/generator?s=1&amp;v=2.4"');
    expect(out).toContain('50 TLS sessions, 2 logins/s');
    expect(out).toContain('<td>110<br/><small>imap 50, imap-login 52</small></td>');
    expect(out).toContain('<td>329 ms</td>');
    expect(out).toContain('<strong>held</strong>');
    expect(out).not.toContain('control-stats');
  });

  it('says when and why a run was scaled, and why it failed', () => {
    const out = html(<LoadCheckTable results={results} kinds={['preset']} />);
    expect(out).toContain('4 800 TLS sessions, 60 logins/s');
    expect(out).toContain('written for 10 000: 10000 sessions need about 12568 MiB here');
    expect(out).toContain('<strong>failed ✗</strong>');
    expect(out).toContain(`<code>${stats}</code>`);
  });

  it('lists the controls with the line they must fail with', () => {
    const out = html(<LoadCheckControls results={results} />);
    expect(out).toContain('id="load-control-stats-default-2-3"');
    expect(out).toContain('<code>service(stats): client_limit (1000) reached</code>');
    expect(out).toContain('<strong>failed as expected</strong>');
  });

  it('gives the generator page one row per preset and a cell per version', () => {
    const out = html(<LoadCheckPresets results={results} />);
    expect(out).toContain('<th>Dovecot 2.3.19.1</th><th>Dovecot 2.4.1</th>');
    expect(out).toContain('href="/measured#load-preset-small-office-2-4">held 50 TLS sessions in 2.4.1</a>');
    expect(out).toContain('did not hold 4 800 TLS sessions in 2.3.19.1');
    expect(out).toContain('<td>not run</td>');
  });

  it('says how the runs were made', () => {
    const out = html(<LoadCheckSetup results={results} />);
    expect(out).toContain('fs.inotify.max_user_instances 128 → 5824');
    expect(out).toContain('holds every session open for 10 s');
  });

  it('sums up each kind of run per version, with a link to its table', () => {
    const out = html(<LoadCheckSummary results={results} />);
    expect(out).toContain('<td><a href="/measured#load-check-presets">Generator presets</a></td><td>2.3.19.1</td><td>1</td><td>0</td><td>1</td><td>110</td>');
    expect(out).toContain('<td><a href="/measured#load-check-presets">Generator presets</a></td><td>2.4.1</td><td>1</td><td>1</td><td>0</td><td>110</td>');
    expect(out).toContain('<td><a href="/measured#load-check-controls">Negative controls</a></td><td>2.3.19.1</td><td>1</td><td>1</td><td>0</td><td>110</td>');
  });
});
