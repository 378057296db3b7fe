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
  // protocols = imap, plaintext sessions (they leave imap-login at login)
  const r = evaluate({
    version: '2.3',
    service: 'imap',
    settings: {restart_request_count: '0'},
    load: load({peakConnections: 5000, connectionsPerSecond: 50, tlsPercent: 0}),
    protocols: ['imap'],
  });
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
    // stats at 1.25 × the peak: imap min(1024, 6250) = 1024, imap-login 0 TLS + 125 logging in,
    // capped at 100, auth 1, auth-worker 30, on-demand 20: 1175 > 1000
    expect(r.config).toBe(
      'protocols = imap\nservice imap {\n  service_count = 0\n}\n' +
        '# doveconf W1: auth client_limit must be at least 1224\nservice auth {\n  client_limit = 1224\n}\n' +
        '# stats: 1175 processes at 1.25 × the peak connect to it\nservice stats {\n  client_limit = 1175\n}\n',
    );
    expect(find(r.findings, 'stats')).toMatchObject({severity: 'danger', numbers: {processes: 1175, client_limit: 1000}});
    // imap-login holds 0 TLS sessions + 50/s × 2 s = 100 logging in: its 100 processes cover them
    expect(find(r.findings, 'login-processes')).toMatchObject({severity: 'ok', numbers: {held: 100, processes_needed: 100}});
  });
  it('address space: 1024 × 256 MiB = 256 GiB, a bound', () => {
    const a = find(r.findings, 'address-space');
    expect(a.severity).toBe('info');
    expect(a.numbers.bound_bytes).toBe(1024 * 256 * 1024 * 1024);
  });
  it('fds on the config with every block: the appended auth holds 1224 clients + 30 workers + 64 = 1318 (stats: 1175 + 64)', () => {
    expect(find(r.findings, 'fds')).toMatchObject({severity: 'ok', numbers: {required: 1318, because: 'one auth process', unit_file: 65535}});
  });
  it('fds without appended blocks: 2.3 compares with default_client_limit 1000, auth needs 1000 + 30 + 64 = 1094', () => {
    const quiet = evaluate({version: '2.3', service: 'imap', settings: {}, load: load({peakConnections: 10}), protocols: ['imap']});
    expect(find(quiet.findings, 'fds').numbers).toEqual({required: 1094, because: 'one auth process', unit_file: 65535});
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
  it('100 processes × 1000 clients = 100000; 20000 TLS sessions + 400 logging in need ceil(20400 / 1000) = 21 processes', () => {
    expect(find(r.findings, 'capacity').numbers).toMatchObject({max_connections: 100000, peak: 20400, processes_needed: 21});
    expect(find(r.findings, 'capacity').verdict).toContain('20,400 connections held at your peak (20,000 TLS sessions + 400 logging in)');
    expect(find(r.findings, 'capacity').formula).toBe('100 \\times \\min(1000, \\infty) = 100000');
    expect(find(r.findings, 'headroom')).toMatchObject({severity: 'ok', numbers: {headroom: 79, used_percent: 21}});
  });
  it('the 20000 sessions move to imap (raised to 25000); stats then takes 25000 imap + 26 imap-login + 51 others', () => {
    // imap-login at 1.25 ×: 25000 TLS + 500 logging in = 25500 / 1000 = 26 processes
    expect(find(r.findings, 'stats').numbers).toEqual({processes: 25_077, client_limit: 1000});
    // fds: the busiest process is stats with 25077 + 64 (a login process: 1000 × 2 + 64 = 2064)
    expect(find(r.findings, 'fds').numbers).toMatchObject({required: 25_141, because: 'one stats process'});
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
    expect(find(ok.findings, 'spare-processes')).toMatchObject({severity: 'ok', numbers: {spare: 96}});
  });
  it('spare processes: process_min_avail = process_limit leaves none; below the built-in 100 is a warning', () => {
    const none = evaluate({...input, settings: {restart_request_count: 'unlimited', process_limit: '16', process_min_avail: '16'}});
    expect(find(none.findings, 'spare-processes')).toMatchObject({severity: 'danger', numbers: {spare: 0}});
    expect(find(none.findings, 'spare-processes').explanation).toContain('processes that still have a free slot');
    const few = evaluate({...input, settings: {restart_request_count: 'unlimited', process_limit: '22', process_min_avail: '16'}});
    expect(find(few.findings, 'spare-processes')).toMatchObject({severity: 'warning', numbers: {spare: 6}});
  });
  it('the login processes count for W1 either way: 5 login services × 100 = 500 < 1000, no rule findings', () => {
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
  it('W1 in 2.4 words, over the full protocol set: 1024 + 5 login services × 100 = 1524', () => {
    expect(find(r.findings, 'rule-W1').explanation).toContain('(1524). Counted for protocol services with restart_request_count != 1: ');
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
  // measured RSS per process (data/measured/results.json, through the table a new measurement rewrites)
  const rss = MEASURED_RSS_KIB['2.3'];
  it('2.3 imap at a peak of 100 TLS sessions: every process of the load at its measured RSS', () => {
    const r = evaluate({version: '2.3', service: 'imap', settings: {}, load: load({peakConnections: 100}), protocols: ['imap']});
    const m = find(r.findings, 'memory');
    // master 1, imap 100, imap-login 100 (one per TLS session), auth 1 + 30 auth-workers (auth's
    // figure), anvil, config, log, stats 1 each; the 20 on-demand processes have no figure
    const kib = rss.dovecot + 100 * rss.imap + 100 * rss['imap-login'] + 31 * rss.auth + rss.anvil + rss.config + rss.log + rss.stats;
    expect(m).toMatchObject({severity: 'info', link: '/measured#memory'});
    expect(m.numbers.total_bytes).toBe(kib * 1024);
    expect(r.findings.some((f) => f.id === 'hibernate')).toBe(false);
  });
  it('caps the processes at process_limit: 1024 imap processes for a peak of 5000', () => {
    const r = evaluate({version: '2.3', service: 'imap', settings: {}, load: load({peakConnections: 5000, tlsPercent: 0}), protocols: ['imap']});
    expect(find(r.findings, 'memory').numbers.imap_processes).toBe(1024);
  });
  it('a service the harness did not measure takes the figure of its kind: pop3 at imap\'s', () => {
    const r = evaluate({version: '2.4', service: 'pop3', settings: {}, load: load({peakConnections: 100})});
    expect(find(r.findings, 'memory').explanation).toContain(`pop3 100 × ${(MEASURED_RSS_KIB['2.4'].imap / 1024).toFixed(2)} MiB`);
  });
  it('imap-heavy memory past half the RAM suggests hibernation', () => {
    // 2.4, 1000 plaintext sessions on 8 GiB: 1000 × 8780 KiB = 8.4 GiB of imap alone
    const r = evaluate({version: '2.4', service: 'imap', settings: {process_limit: '2000'}, load: load({peakConnections: 1000, tlsPercent: 0, ramGiB: 8})});
    expect(find(r.findings, 'memory').severity).toBe('warning');
    expect(find(r.findings, 'hibernate')).toMatchObject({severity: 'info', link: '/services/memory-and-idle#imap-hibernate'});
    expect(find(r.findings, 'hibernate').explanation).toContain('imap_hibernate_timeout = 30s');
  });
});

describe('the worked example: 3000 TLS users on imap-login in high-security mode (2.4, every protocol)', () => {
  // 3000 TLS sessions + 100/s × 2 s = 3200 held; process_limit 3500, process_min_avail 4
  const example: CalculatorInput = {
    version: '2.4',
    service: 'imap-login',
    settings: {process_limit: '3500', process_min_avail: '4'},
    load: load({peakConnections: 3000, connectionsPerSecond: 100, cores: 4, ramGiB: 8}),
  };
  const r = evaluate(example);
  it('imap needs 3000 processes, not its 1024: raised to 3000 × 1.25 = 3750', () => {
    expect(find(r.findings, 'mail-processes')).toMatchObject({severity: 'danger', numbers: {sessions: 3000, processes_needed: 3000, process_limit: 1024}});
  });
  it('W1 = 3500 + 4 × 100 = 3900, W2 = 2 + 3500 + 400 + 1 = 3903; stats 3500 + 3750 + 51 = 7301', () => {
    expect(r.config).toBe(
      [
        'dovecot_config_version = 2.4.1',
        'dovecot_storage_version = 2.4.1',
        'protocols = imap pop3 lmtp submission sieve',
        'service imap-login {',
        '  process_limit = 3500',
        '  process_min_avail = 4',
        '}',
        '# imap: 3000 sessions × 1.25 headroom',
        'service imap {',
        '  process_limit = 3750',
        '}',
        '# doveconf W1: auth client_limit must be at least 3900',
        'service auth {',
        '  client_limit = 3900',
        '}',
        '# doveconf W2: anvil client_limit must be at least 3903',
        'service anvil {',
        '  client_limit = 3903',
        '}',
        '# stats: 7301 processes at 1.25 × the peak connect to it',
        'service stats {',
        '  client_limit = 7301',
        '}',
        '',
      ].join('\n'),
    );
  });
  it('fds after every block: one stats process, 7301 + 64 = 7365; tasks 7301 + 5 = 7306 ≤ 9830 (8 GiB)', () => {
    expect(find(r.findings, 'fds')).toMatchObject({severity: 'ok', numbers: {required: 7365, because: 'one stats process'}});
    expect(find(r.findings, 'tasks')).toMatchObject({severity: 'ok', numbers: {tasks: 7306, default_tasks_max: 9830, threads_max: 65536}});
  });
  it('on 2 GiB: DefaultTasksMax 2457, so a TasksMax drop-in; on 0.5 GiB threads-max 4096 is the wall', () => {
    const small = evaluate({...example, load: load({peakConnections: 3000, connectionsPerSecond: 100, ramGiB: 2})});
    expect(find(small.findings, 'tasks').severity).toBe('warning');
    expect(find(small.findings, 'tasks').verdict).toContain('set TasksMax=8192');
    const tiny = evaluate({...example, load: load({peakConnections: 3000, connectionsPerSecond: 100, ramGiB: 0.5})});
    expect(find(tiny.findings, 'tasks')).toMatchObject({severity: 'danger', numbers: {threads_max: 4096}});
  });
});

describe('protocol sets: the sums follow the chosen protocols', () => {
  // reused imap (service_count 0) in 2.3: imap 1024 + imap-login 100 + imap-urlauth-login 100 = 1224;
  // lmtp (service_count 0 in 2.3) adds its 100: 1324; the full Debian set adds pop3-login,
  // submission-login and managesieve-login: 1624. 2.4.1's lmtp restarts per connection: 1524.
  const w1 = (version: '2.3' | '2.4', protocols?: string[]) =>
    find(evaluate({version, service: 'imap', settings: {restart_request_count: version === '2.3' ? '0' : 'unlimited'}, load: load({peakConnections: 10}), ...(protocols ? {protocols} : {})}).findings, 'rule-W1').numbers.required;
  it('2.3', () => {
    expect(w1('2.3', ['imap'])).toBe(1224);
    expect(w1('2.3', ['imap', 'lmtp'])).toBe(1324);
    expect(w1('2.3')).toBe(1624);
  });
  it('2.4', () => {
    expect(w1('2.4', ['imap', 'lmtp'])).toBe(1224);
    expect(w1('2.4')).toBe(1524);
  });
  it('the service\'s own protocol always runs', () => {
    const r = evaluate({version: '2.4', service: 'pop3-login', settings: {}, load: load(), protocols: ['imap']});
    expect(r.config).toContain('protocols = imap pop3\n');
    expect(r.problems).toEqual([]);
  });
});

describe('proxying and the auth cache', () => {
  it('proxy: every session stays in imap-login, TLS or not, and no imap process runs here', () => {
    // 500 plaintext sessions, proxied, 10/s: 500 + 20 held > 100
    const r = evaluate({version: '2.4', service: 'imap-login', settings: {}, load: load({peakConnections: 500, connectionsPerSecond: 10, tlsPercent: 0}), proxy: true});
    expect(find(r.findings, 'capacity').numbers).toMatchObject({peak: 520, processes_needed: 520});
    expect(find(r.findings, 'mail-processes').severity).toBe('info');
    expect(r.config).not.toContain('service imap {');
    // the same without proxying: only the 20 logging in stay
    const direct = evaluate({version: '2.4', service: 'imap-login', settings: {}, load: load({peakConnections: 500, connectionsPerSecond: 10, tlsPercent: 0})});
    expect(find(direct.findings, 'capacity').numbers).toMatchObject({peak: 20, processes_needed: 20});
  });
  it('cache on: auth_cache_verify_password_with_worker = yes, before the service blocks', () => {
    const r = evaluate({version: '2.3', service: 'auth', settings: {}, load: load(), authCache: true, protocols: ['imap']});
    expect(find(r.findings, 'auth-cache-worker').severity).toBe('info');
    expect(r.config).toBe('protocols = imap\nauth_cache_verify_password_with_worker = yes\nservice auth {\n}\n');
    expect(evaluate({version: '2.3', service: 'auth', settings: {}, load: load()}).config).not.toContain('verify_password');
  });
  it('LimitNOFILE only above the unit file: 40000 clients per login process × 2 + 64 = 80064 → 80896', () => {
    const r = evaluate({version: '2.4', service: 'imap-login', settings: {restart_request_count: 'unlimited', client_limit: '40000'}, load: load({peakConnections: 100})});
    expect(find(r.findings, 'fds')).toMatchObject({severity: 'warning', numbers: {required: 80_064}});
    expect(find(r.findings, 'fds').verdict).toContain('set LimitNOFILE=80896');
  });
});
