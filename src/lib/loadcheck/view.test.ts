import {describe, expect, it} from 'vitest';
import {parseLoadMarker} from './claim';
import type {LoadCheckResults, LoadRun} from './results';
import {buildName, exampleNote, presetEvidence, runLink, runSentence, sessionsText, sourceLink, summaryRows, kindLink} from './view';

function run(over: Partial<LoadRun>): LoadRun {
  const claim = parseLoadMarker('3000 tls');
  return {
    id: 'example-login-processes-tls-worked-example-2.4',
    kind: 'example',
    title: 'x',
    version: '2.4',
    build: '2.4.1-4 (7d8c0e5759)',
    ranAt: '2026-12-06T18:00:00Z',
    source: {file: 'docs/login-processes.mdx', heading: 'tls-worked-example', blockSha256: 'abc'},
    claim,
    ran: claim,
    expect: {pass: true},
    config: '',
    nofile: 20000,
    passed: true,
    asExpected: true,
    reasons: [],
    figures: {started: 3000, loggedIn: 3000, held: 3000, peakProcesses: 6040, peakByService: {}, latencyMs: {p50: 1, p95: 2, p99: 3, max: 4}, rampS: 1, durationS: 1, peakRssMiB: 1, heldPssMiB: 1, hostMemMiB: 1, tlsProtocol: 'TLSv1.3'},
    replaced: [],
    ...over,
  };
}

const results = (runs: LoadRun[]): LoadCheckResults => ({
  schema: 1,
  generatedAt: '2026-12-06T00:00:00Z',
  command: 'npm run loadcheck',
  machine: {cpus: 2, cpuModel: 'x', ramGiB: 23.5, kernel: 'k', os: 'o', node: 'v20'},
  builds: {'2.3': '2.3.19.1 (9b53102964)', '2.4': '2.4.1-4 (7d8c0e5759)'},
  rules: {loginP99BoundMs: 2000, holdS: 10, openTimeoutMs: 30000, defaultNofile: 65535, hostRaised: [], limits: []},
  runs,
});

describe('words', () => {
  it('names sessions by their TLS share', () => {
    expect(sessionsText(parseLoadMarker('3000 tls'))).toBe('3 000 TLS sessions');
    expect(sessionsText(parseLoadMarker('1200'))).toBe('1 200 plaintext sessions');
    expect(sessionsText(parseLoadMarker('2000 400tls'))).toBe('2 000 sessions, 400 of them TLS');
  });

  it('names builds as the site does', () => {
    expect(buildName('2.4.1-4 (7d8c0e5759)')).toBe('2.4.1');
    expect(buildName('2.3.19.1 (9b53102964)')).toBe('2.3.19.1');
  });

  it('says whether a run held, and how much of its load ran', () => {
    expect(runSentence(run({}))).toBe('Held 3 000 TLS sessions in Dovecot 2.4.1.');
    const scaled = run({ran: {...parseLoadMarker('3000 tls'), sessions: 1345}, scaled: {factor: 0.45, why: 'memory'}});
    expect(runSentence(scaled)).toBe('Held 1 345 TLS sessions (of the 3 000 it is written for: the most this test machine can run) in Dovecot 2.4.1.');
    const failed = run({passed: false, asExpected: false, reasons: [{check: 'reached', message: 'a limit was reached', lines: ['master: Warning: service(stats): client_limit (1000) reached, client connections are being dropped']}]});
    expect(runSentence(failed)).toBe('Did not hold 3 000 TLS sessions in Dovecot 2.4.1: master: Warning: service(stats): client_limit (1000) reached, client connections are being dropped.');
  });
});

describe('links', () => {
  it('point at the run on /measured and at where the config comes from', () => {
    expect(runLink('random-2.3-01')).toBe('/measured#load-random-2-3-01');
    expect(sourceLink(run({}))).toBe('/login-processes#tls-worked-example');
    expect(sourceLink(run({source: {generatorQuery: 's=1&v=2.4'}}))).toBe('/generator?s=1&v=2.4');
    expect(sourceLink(run({source: {change: 'LimitNOFILE=256'}}))).toBeNull();
    expect(kindLink('example')).toBe('/measured#load-check-examples');
    expect(kindLink('scale')).toBe('/measured#load-check-scale');
  });
});

describe('the note under a wiki example', () => {
  it('gives the run when the block is the one that ran', () => {
    expect(exampleNote(results([run({})]), run({}).id, 'abc')).toEqual({text: 'Load check: held 3 000 TLS sessions in Dovecot 2.4.1.', link: '/measured#load-example-login-processes-tls-worked-example-2-4'});
  });

  it('says so when the block changed after its run, or never ran', () => {
    expect(exampleNote(results([run({})]), run({}).id, 'def').text).toBe('Load check: this block changed after its last run.');
    expect(exampleNote(results([]), run({}).id, 'abc')).toEqual({text: 'Load check: this block has not been run yet.', link: null});
    expect(exampleNote(null, run({}).id, 'abc').link).toBeNull();
  });
});

describe('preset evidence', () => {
  it('gives each preset a cell per version', () => {
    const preset = (version: '2.3' | '2.4', passed: boolean) =>
      run({id: `preset-isp-10k-${version}`, kind: 'preset', version, title: 'Generator preset “ISP, 10k users”', source: {preset: 'isp-10k'}, passed, ran: {...parseLoadMarker('10000 tls'), sessions: 1300}, claim: parseLoadMarker('10000 tls')});
    const rows = presetEvidence(results([preset('2.3', false), preset('2.4', true)]));
    expect(rows).toEqual([
      {
        preset: 'isp-10k',
        title: '“ISP, 10k users”',
        cells: {
          '2.3': {held: false, text: 'did not hold 1 300 TLS sessions in 2.4.1', link: '/measured#load-preset-isp-10k-2-3'},
          '2.4': {held: true, text: 'held 1 300 TLS sessions (1 300 of 10 000, scaled to the test machine) in 2.4.1', link: '/measured#load-preset-isp-10k-2-4'},
        },
      },
    ]);
  });
});

describe('summary', () => {
  it('counts runs per kind and version, those as expected, those scaled down, and the most processes', () => {
    const rows = summaryRows(
      results([
        run({}),
        run({id: 'a', ran: {...parseLoadMarker('3000 tls'), sessions: 1345}, figures: {...run({}).figures, peakProcesses: 2700}}),
        run({id: 'b', version: '2.3', passed: false, asExpected: false}),
        run({id: 'c', kind: 'control', version: '2.3', passed: false, asExpected: true, figures: {...run({}).figures, peakProcesses: 1110}}),
      ]),
    );
    expect(rows).toEqual([
      {kind: 'example', version: '2.3', runs: 1, asExpected: 0, scaled: 0, mostProcesses: 6040},
      {kind: 'example', version: '2.4', runs: 2, asExpected: 2, scaled: 1, mostProcesses: 6040},
      {kind: 'control', version: '2.3', runs: 1, asExpected: 1, scaled: 0, mostProcesses: 1110},
    ]);
  });
});
