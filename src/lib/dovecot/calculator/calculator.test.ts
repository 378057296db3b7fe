// Unit tests of the calculator with numbers worked out by hand (defaults from FACTS.md §2:
// imap 1024/1/1, login services 100/1000/1, auth client_limit 1000).
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {dropLogLine, evaluate} from './index';
import type {CalculatorInput, CalculatorLoad, Finding} from './types';
import {MEASURED_RSS_KIB} from '../measuredRss';

const load = (l: Partial<CalculatorLoad> = {}): CalculatorLoad => ({peakConnections: 0, connectionsPerSecond: 0, cores: 4, ramGiB: 16, ...l});
const find = (fs: Finding[], id: string): Finding => {
  const f = fs.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id} in ${fs.map((x) => x.id).join(', ')}`);
  return f;
};

describe('2.3 imap with service_count = 0 (reused, one at a time)', () => {
  const r = evaluate({version: '2.3', service: 'imap', settings: {restart_request_count: '0'}, load: load({peakConnections: 5000, connectionsPerSecond: 50})});
  it('pattern and isolation', () => {
    expect(r.problems).toEqual([]);
    expect(find(r.findings, 'pattern')).toMatchObject({severity: 'info', link: '/services/choosing#reused-one-at-a-time'});
    expect(find(r.findings, 'isolation').severity).toBe('info');
    expect(find(r.findings, 'blocking').severity).toBe('ok');
  });
  it('capacity: 1024 processes × 1 = 1024 < 5000, with the master\'s log line', () => {
    const cap = find(r.findings, 'capacity');
    expect(cap.severity).toBe('danger');
    expect(cap.numbers).toMatchObject({max_connections: 1024, processes_needed: 5000});
    expect(cap.numbers.log_line).toBe('service(imap): process_limit (1024) reached, client connections are being dropped');
    expect(cap.formula).toBe('1024 \\times \\min(1, \\infty) = 1024');
    expect(find(r.findings, 'headroom').numbers.headroom).toBe(1024 - 5000);
  });
  it('no forks in steady state; at most min(1024, max(0, 5000)) = 1024 started', () => {
    expect(find(r.findings, 'forks').numbers.forks_per_second).toBe(0);
    expect(find(r.findings, 'forks').formula).toBe('\\min(1024, \\max(0, 5000)) = 1024');
  });
  it('doveconf W1: 1024 + 100 + 100 = 1224 > 1000, and the config raises auth client_limit', () => {
    const w1 = find(r.findings, 'rule-W1');
    expect(w1.severity).toBe('warning');
    expect(w1.explanation).toBe(
      'service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with service_count != 1: ' +
        'service imap { process_limit=1024 } + service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=100 }',
    );
    expect(r.config).toBe(
      'protocols = imap\nservice imap {\n  service_count = 0\n}\n# doveconf W1: auth client_limit must be at least 1224\nservice auth {\n  client_limit = 1224\n}\n',
    );
  });
  it('address space: 1024 × 256 MiB = 256 GiB, a bound', () => {
    const a = find(r.findings, 'address-space');
    expect(a.severity).toBe('info');
    expect(a.numbers.bound_bytes).toBe(1024 * 256 * 1024 * 1024);
  });
  it('fds: 2.3 starts from default_client_limit 1000', () => {
    expect(find(r.findings, 'fds').numbers).toEqual({required: 1000, because: 'default_client_limit'});
  });
});

describe('2.4 imap-login in high-performance mode', () => {
  const input: CalculatorInput = {
    version: '2.4',
    service: 'imap-login',
    settings: {restart_request_count: 'unlimited'},
    load: load({peakConnections: 20000, connectionsPerSecond: 200, cores: 4}),
  };
  const r = evaluate(input);
  it('100 processes × 1000 clients = 100000; 20000 need ceil(20000 / 1000) = 20 processes', () => {
    expect(find(r.findings, 'capacity').numbers).toMatchObject({max_connections: 100000, processes_needed: 20});
    expect(find(r.findings, 'capacity').formula).toBe('100 \\times \\min(1000, \\infty) = 100000');
    expect(find(r.findings, 'headroom')).toMatchObject({severity: 'ok', numbers: {headroom: 80, used_percent: 20}});
  });
  it('many per process, logins meet in one process, CPU-bound so no blocking', () => {
    expect(find(r.findings, 'pattern').link).toBe('/services/choosing#many-per-process');
    expect(find(r.findings, 'isolation').severity).toBe('warning');
    expect(find(r.findings, 'blocking')).toMatchObject({severity: 'ok', link: '/services/client-limit#cpu-bound'});
  });
  it('login mode and process_min_avail 0 < 4 cores', () => {
    expect(find(r.findings, 'login-mode')).toMatchObject({severity: 'info', link: '/login-processes#high-performance'});
    expect(find(r.findings, 'min-avail')).toMatchObject({severity: 'warning', numbers: {process_min_avail: 0, cores: 4}});
    const ok = evaluate({...input, settings: {restart_request_count: 'unlimited', process_min_avail: '4'}});
    expect(find(ok.findings, 'min-avail').severity).toBe('ok');
  });
  it('the login process counts for W1 either way: 100 + 100 = 200 < 1000, no rule findings', () => {
    expect(r.findings.filter((f) => f.id.startsWith('rule-'))).toEqual([]);
    expect(r.effective?.clientsPerProcess).toBe(1000);
  });
});

describe('2.4 imap restarted every 100 connections', () => {
  const r = evaluate({version: '2.4', service: 'imap', settings: {restart_request_count: '100'}, load: load({peakConnections: 500, connectionsPerSecond: 50})});
  it('forks 50 / 100 = 0.5 per second; lifetime 100 connections ≈ 100 × 500 / 50 = 1000 s', () => {
    expect(find(r.findings, 'pattern').link).toBe('/services/choosing#restart-every-n');
    expect(find(r.findings, 'forks').numbers.forks_per_second).toBe(0.5);
    expect(find(r.findings, 'lifetime').numbers).toEqual({connections: 100, seconds: 1000});
  });
  it('headroom 1024 − 500 = 524 (49 % used)', () => {
    expect(find(r.findings, 'headroom')).toMatchObject({severity: 'ok', numbers: {headroom: 524, used_percent: 49}});
  });
  it('W1 in 2.4 words', () => {
    expect(find(r.findings, 'rule-W1').explanation).toContain('(1224). Counted for protocol services with restart_request_count != 1: ');
  });
});

describe('the master\'s drop warning variant', () => {
  it('process_limit 1 and n = 1: client_limit/restart_request_count (1) in 2.4, client_limit/service_count (1) in 2.3', () => {
    const e24 = evaluate({version: '2.4', service: 'imap', settings: {process_limit: '1'}, load: load({peakConnections: 2})});
    expect(find(e24.findings, 'capacity').numbers.log_line).toBe('service(imap): client_limit/restart_request_count (1) reached, client connections are being dropped');
    const e23 = evaluate({version: '2.3', service: 'pop3', settings: {process_limit: '1'}, load: load()});
    expect(dropLogLine('2.3', 'pop3', e23.effective!)).toBe('service(pop3): client_limit/service_count (1) reached, client connections are being dropped');
  });
  it('process_limit 1, n unlimited: client_limit (N); 51 connections over 50 is danger', () => {
    const e = evaluate({version: '2.3', service: 'dict-async', settings: {process_limit: '1', client_limit: '50'}, load: load({peakConnections: 51})});
    const cap = find(e.findings, 'capacity');
    expect(cap.severity).toBe('danger');
    expect(cap.numbers.log_line).toBe('service(dict-async): client_limit (50) reached, client connections are being dropped');
  });
  it('2.3 process_limit 0 means default_process_limit (100)', () => {
    const e = evaluate({version: '2.3', service: 'imap-login', settings: {process_limit: '0'}, load: load()});
    expect(e.effective?.process_limit).toBe(100);
    expect(e.problems).toEqual([]);
  });
});

describe('blocking', () => {
  it('client_limit > 1 on imap with n ≠ 1 is a warning; on auth it is fine', () => {
    const imap = evaluate({version: '2.4', service: 'imap', settings: {client_limit: '10', restart_request_count: 'unlimited'}, load: load()});
    expect(find(imap.findings, 'blocking').severity).toBe('warning');
    // with n = 1 the effective client_limit is min(10, 1) = 1
    const capped = evaluate({version: '2.4', service: 'imap', settings: {client_limit: '10'}, load: load()});
    expect(capped.effective?.clientsPerProcess).toBe(1);
    expect(find(capped.findings, 'blocking').severity).toBe('ok');
    const auth = evaluate({version: '2.4', service: 'auth', settings: {}, load: load()});
    expect(find(auth.findings, 'blocking')).toMatchObject({severity: 'ok', link: '/services/client-limit#cpu-bound'});
  });
});

describe('problems: bad input never throws, names the field, falls back to the default', () => {
  it('2.3 has no unlimited for service_count', () => {
    const r = evaluate({version: '2.3', service: 'imap', settings: {restart_request_count: 'unlimited'}, load: load()});
    expect(r.problems).toEqual([
      {field: 'restart_request_count', message: 'service_count: Dovecot 2.3 does not accept unlimited; write 0 for no limit (doveconf: Invalid number unlimited: Not a valid number)'},
    ]);
    expect(r.effective?.restart_request_count).toBe(1);
  });
  it('2.4 refuses 0 with its own message', () => {
    const r = evaluate({version: '2.4', service: 'lmtp', settings: {restart_request_count: '0', client_limit: '0'}, load: load()});
    expect(r.problems.map((p) => p.field)).toEqual(['client_limit', 'restart_request_count']);
    expect(r.problems[1].message).toBe(
      'restart_request_count: 0 is not allowed in Dovecot 2.4; write unlimited (doveconf: service(lmtp): restart_request_count must be higher than 0 (did you mean "unlimited"?))',
    );
    expect(r.findings.filter((f) => f.id.startsWith('rule-E'))).toEqual([]);
  });
  it('numbers beyond 32 bits, negatives, words', () => {
    const r = evaluate({version: '2.4', service: 'imap', settings: {process_limit: '4294967296', client_limit: '-1', process_min_avail: 'lots'}, load: load()});
    expect(r.problems.map((p) => p.message)).toEqual([
      'process_limit: Invalid number 4294967296: Number too large',
      'client_limit: Invalid number -1: Number too small',
      'process_min_avail: Invalid number lots: Not a valid number',
    ]);
    expect(r.effective?.process_limit).toBe(1024);
  });
  it('sizes: doveconf\'s units are accepted; under 1 MiB is refused (2.3: except 0)', () => {
    for (const v of ['256M', '256 M', '1G', '1 GB', '2 MiB', '1gb']) {
      expect(evaluate({version: '2.3', service: 'imap', settings: {vsz_limit: v}, load: load()}).problems).toEqual([]);
    }
    expect(evaluate({version: '2.4', service: 'imap', settings: {vsz_limit: '1 GB'}, load: load()}).effective?.vsz_limit).toBe(1024 ** 3);
    expect(evaluate({version: '2.3', service: 'imap', settings: {vsz_limit: '0'}, load: load()}).effective?.vsz_limit).toBe('unlimited');
    expect(evaluate({version: '2.3', service: 'imap', settings: {vsz_limit: '1023k'}, load: load()}).problems[0].message).toBe(
      'vsz_limit: below 1 MiB is not allowed; write 0 for no limit (doveconf: service(imap): vsz_limit is too low)',
    );
    expect(evaluate({version: '2.4', service: 'imap', settings: {vsz_limit: '0'}, load: load()}).problems[0].message).toBe(
      'vsz_limit: 0 is not allowed in Dovecot 2.4; write unlimited for no limit (doveconf: service(imap): vsz_limit is too low (did you mean "unlimited"?))',
    );
    expect(evaluate({version: '2.3', service: 'imap', settings: {vsz_limit: 'unlimited'}, load: load()}).problems[0].message).toBe(
      'vsz_limit: Dovecot 2.3 does not accept unlimited; write 0 for no limit (doveconf: Invalid size: unlimited)',
    );
    expect(evaluate({version: '2.3', service: 'imap', settings: {vsz_limit: '1 G B'}, load: load()}).problems[0].message).toBe('vsz_limit: Invalid size: 1 G B');
  });
  it('an unknown service, a bad load', () => {
    const r = evaluate({version: '2.4', service: 'director', settings: {}, load: load()});
    expect(r).toEqual({findings: [], problems: [{field: 'service', message: 'service: Dovecot 2.4 has no service "director"'}], effective: null, config: ''});
    const bad = evaluate({version: '2.4', service: 'imap', settings: {}, load: {peakConnections: -5, connectionsPerSecond: NaN, cores: 0, ramGiB: 8}});
    expect(bad.problems.map((p) => p.field)).toEqual(['peakConnections', 'connectionsPerSecond', 'cores']);
    expect(find(bad.findings, 'capacity').numbers.peak).toBe(0);
  });
});

describe('doveconf errors on the implied config', () => {
  it('E3: auth process_limit 2', () => {
    const r = evaluate({version: '2.4', service: 'auth', settings: {process_limit: '2'}, load: load()});
    expect(find(r.findings, 'rule-E3')).toMatchObject({severity: 'danger', explanation: 'service(auth): process_limit must be 1'});
  });
  it('E1: 2.4 process_min_avail = %{system:cpu_count} with 8 cores and process_limit 4', () => {
    const r = evaluate({version: '2.4', service: 'imap-login', settings: {process_limit: '4', process_min_avail: '%{system:cpu_count}'}, load: load({cores: 8})});
    expect(find(r.findings, 'rule-E1').explanation).toBe('service(imap-login): process_min_avail is higher than process_limit');
    const fits = evaluate({version: '2.4', service: 'imap-login', settings: {process_limit: '4', process_min_avail: '%{system:cpu_count}'}, load: load({cores: 2})});
    expect(fits.findings.some((f) => f.id === 'rule-E1')).toBe(false);
  });
});

describe('evaluate is total', () => {
  const text = fc.oneof(fc.string({maxLength: 12}), fc.constantFrom('0', '1', 'unlimited', '4294967295', '4294967296', '1G', '%{system:cpu_count}', ' 7 ', '"5"'));
  const settings = fc.record(
    {process_limit: text, client_limit: text, restart_request_count: text, process_min_avail: text, vsz_limit: text},
    {requiredKeys: []},
  );
  const n = fc.oneof(fc.double(), fc.integer({min: -10, max: 1e6}), fc.constant(Infinity));
  it('never throws, findings well formed, plain-text explanations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('2.3', '2.4'),
        fc.oneof(fc.constantFrom('imap', 'imap-login', 'pop3', 'lmtp', 'auth', 'anvil', 'auth-worker', 'stats', 'director'), fc.string({maxLength: 8})),
        settings,
        fc.record({peakConnections: n, connectionsPerSecond: n, cores: n, ramGiB: n}),
        (version, service, s, l) => {
          const r = evaluate({version: version as '2.3' | '2.4', service, settings: s, load: l});
          const ids = r.findings.map((f) => f.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const f of r.findings) {
            expect(['ok', 'info', 'warning', 'danger']).toContain(f.severity);
            expect(f.explanation).not.toMatch(/<[a-z/]/);
            expect(f.link.startsWith('/')).toBe(true);
          }
          for (const p of r.problems) expect(p.message.length).toBeGreaterThan(0);
          if (r.effective === null) expect(r.findings).toEqual([]);
        },
      ),
      {seed: 7, numRuns: 300},
    );
  });
});

describe('resident memory from /measured', () => {
  // 2.3 imap as measured (data/measured/results.json, through the table a new measurement rewrites)
  const imapKiB = MEASURED_RSS_KIB['2.3'].imap;
  it('2.3 imap at a peak of 100: 100 processes × the measured RSS', () => {
    const r = evaluate({version: '2.3', service: 'imap', settings: {}, load: load({peakConnections: 100})});
    const m = find(r.findings, 'memory');
    expect(m).toMatchObject({severity: 'info', link: '/measured#memory'});
    expect(imapKiB).toBeGreaterThan(1000);
    expect(m.numbers).toEqual({rss_bytes_per_process: imapKiB * 1024, processes: 100, total_bytes: 100 * imapKiB * 1024});
  });
  it('caps the processes at process_limit: 1024 for a peak of 5000', () => {
    const r = evaluate({version: '2.3', service: 'imap', settings: {}, load: load({peakConnections: 5000})});
    expect(find(r.findings, 'memory').numbers.processes).toBe(1024);
  });
  it('says nothing for a service the harness did not measure', () => {
    const r = evaluate({version: '2.4', service: 'pop3', settings: {}, load: load({peakConnections: 100})});
    expect(r.findings.some((f) => f.id === 'memory')).toBe(false);
  });
});
