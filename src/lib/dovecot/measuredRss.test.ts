import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {MEASURED_RSS_KIB, measuredRssBytes} from './measuredRss';

type Run = {ok: boolean; rssByProcess: Record<string, {p50KiB: number}>};
type Results = {modes: {server: string; runs: Run[]}[]};

// Recomputed from the committed measurements, independently of the table under test.
function fromResults(server: string): Record<string, number> {
  const results = JSON.parse(readFileSync('data/measured/results.json', 'utf8')) as Results;
  const by = new Map<string, number[]>();
  for (const m of results.modes.filter((x) => x.server === server)) {
    for (const r of m.runs.filter((x) => x.ok)) {
      for (const [name, v] of Object.entries(r.rssByProcess)) by.set(name, [...(by.get(name) ?? []), v.p50KiB]);
    }
  }
  return Object.fromEntries([...by].map(([name, xs]) => [name, [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]]));
}

describe('measured RSS per process', () => {
  it('matches data/measured/results.json for both versions', () => {
    expect(MEASURED_RSS_KIB['2.3']).toEqual(fromResults('dovecot-2.3'));
    expect(MEASURED_RSS_KIB['2.4']).toEqual(fromResults('dovecot-2.4'));
  });
  it('answers in bytes, and null for a process that was not measured', () => {
    expect(measuredRssBytes('2.3', 'imap')).toBe(fromResults('dovecot-2.3').imap * 1024);
    expect(measuredRssBytes('2.4', 'pop3')).toBeNull();
  });
});
