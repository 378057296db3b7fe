// Tables and ratios from a fixed results set: medians and ranges per mode, the ratio of the
// pair of modes that differ in one setting, and the per-process memory table. Also checks that
// the committed data/measured/results.json has the shape the page reads.
import {readFileSync} from 'node:fs';
import React from 'react';
import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import {chartRows, MeasuredFactorTable, MeasuredLogLines, MeasuredModeTable, MeasuredProcessMemory} from './components';
import {factorEffect, fmtRange, modeLabel, pairs, summarize, type ModeResult, type Results, type RunFigures} from './data';

function run(rep: number, loginsPerS: number, cpu: number, p95: number): RunFigures {
  return {
    rep,
    ok: true,
    durationS: 8,
    logins: loginsPerS * 8,
    sessions: loginsPerS * 8,
    loginsPerS,
    sessionsPerS: loginsPerS,
    latencyMs: {p50: p95 / 2, p95, p99: p95 * 1.2, max: p95 * 1.5, n: loginsPerS * 8},
    forksPerLogin: 2,
    mailProcessesPerLogin: 1,
    cpuSPer1000Logins: cpu,
    serverCpuUtil: 1,
    generatorCpuUtil: 0.1,
    peakRssMiB: 50,
    peakPssMiB: 15,
    peakProcesses: 10,
    rssByProcess: {imap: {p50KiB: 4096, maxKiB: 6144, maxCount: 8}, 'imap-login': {p50KiB: 8192, maxKiB: 9216, maxCount: 16}},
    limitLines: [],
    warnings: rep === 1 ? ['master: Warning: service auth { client_limit=N } is lower than required'] : [],
    errors: [],
    clientErrors: {},
    clientErrorSamples: [],
    tls: null,
  };
}

function mode(login: ModeResult['login'], runs: RunFigures[]): ModeResult {
  const m = {server: 'dovecot-2.3' as const, login, imap: 'per-connection' as const, authCache: false, tls: 'none' as const};
  return {...m, id: `x-${login}`, label: modeLabel(m), config: '', runs};
}

const fixture = {
  modes: [
    mode('high-security', [run(1, 100, 10, 150), run(2, 90, 11, 160), run(3, 110, 9, 140)]),
    mode('high-performance', [run(1, 300, 4, 50), run(2, 250, 5, 60), run(3, 280, 4.5, 55)]),
  ],
} as unknown as Results;

describe('summaries', () => {
  it('median and range over runs', () => {
    const s = summarize(fixture.modes[0], 'loginsPerS');
    expect(s.median).toBe(100);
    expect(fmtRange(s)).toBe('90–110');
  });

  it('a failed run does not count', () => {
    const m = mode('high-security', [run(1, 100, 10, 150), {...run(2, 0, 0, 0), ok: false}]);
    expect(summarize(m, 'loginsPerS').n).toBe(1);
  });

  it('pairs modes that differ in exactly one setting and divides their medians', () => {
    const ps = pairs(fixture, 'dovecot-2.3', 'login', 'loginsPerS');
    expect(ps).toHaveLength(1);
    expect(ps[0].ratio).toBeCloseTo(2.8, 12);
    expect(ps[0].context).toBe('imap per-connection · cache off · plain');
    expect(factorEffect(fixture, 'dovecot-2.3', 'imap', 'loginsPerS').n).toBe(0);
  });

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

describe('data/measured/results.json', () => {
  const results = JSON.parse(readFileSync('data/measured/results.json', 'utf8')) as Results;
  it('has the machine, versions, parameters and every mode with its runs', () => {
    expect(results.schema).toBe(1);
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
