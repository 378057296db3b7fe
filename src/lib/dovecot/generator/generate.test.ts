// Unit tests of the generator. Expected numbers are worked out by hand from the sizing rules
// (sizing.ts header) and the built-in defaults (FACTS.md §2), never read back from the code.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseConfig, type ConfigTree, type Node} from '../conf';
import {analyzeConfig} from '../rules';
import {asServerReadsIt, generate, planFor} from './generate';
import {GENERATOR_DEFAULTS, presetInput} from './schema';
import {GENERATOR_PROTOCOLS, type GeneratorInput} from './types';
import {mailClientLimitWarnings} from './warnings';

/** service → setting → value, from the output's tree. */
function blocks(tree: ConfigTree): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const n of tree.children) {
    if (n.kind !== 'section') continue;
    out[n.name!] = {};
    for (const c of n.children) if (c.kind === 'setting') out[n.name!][c.key] = c.value;
  }
  return out;
}

function globals(tree: ConfigTree): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of tree.children) if (n.kind === 'setting') out[n.key] = n.value;
  return out;
}

function allNodes(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((n) => (n.kind === 'section' ? [n, ...allNodes(n.children)] : [n]));
}

const ids = (o: ReturnType<typeof generate>) => o.warnings.map((w) => w.id);

describe('preset "small office"', () => {
  // 2 cores; imap 50, submission 10, lmtp 5; 2 new/s; 100 % TLS; high-security; 50 users.
  // pre-login: 2/s × 2 s = 4. imap-login: (50 + 4) × 1.25 = 67.5 → 68 ≤ 100 → default kept.
  // submission-login: (10 + 4) × 1.25 = 17.5 → 18 → default. imap 63, submission 13 ≤ 1024.
  // auth-worker: 2 × 0.1 × 2 = 0.4 → 1 ≤ 30. cache: 50 KiB → 1M.
  for (const version of ['2.4', '2.3'] as const) {
    it(`${version}: only process_min_avail on the two login services, and the cache`, () => {
      const o = generate(presetInput('small-office', version));
      expect(o.problems).toEqual([]);
      expect(blocks(o.tree)).toEqual({
        'imap-login': {process_min_avail: '2'},
        'submission-login': {process_min_avail: '2'},
      });
      expect(globals(o.tree)).toEqual({auth_cache_size: '1M', auth_cache_ttl: '1 hour', auth_cache_negative_ttl: '1 hour'});
      expect(o.systemd).toContain('LimitNOFILE=2048\n'); // 1000 × 2 = 2000 → 2048
      expect(o.systemd).not.toContain('TasksMax');
    });
  }
  it('2.4: W1 = imap-login 100 + imap-urlauth-login 100 + submission-login 100 = 300 (lmtp restarts per connection)', () => {
    expect(generate(presetInput('small-office', '2.4')).sums).toEqual({authClientsRequired: 300, anvilClientsRequired: 303, largestClientLimit: 1000});
  });
  it('2.3: W1 adds lmtp 100 (service_count 0) = 400; W2 = 2 + 300 + 1 = 303', () => {
    expect(generate(presetInput('small-office', '2.3')).sums).toEqual({authClientsRequired: 400, anvilClientsRequired: 303, largestClientLimit: 1000});
  });
  it('2.4 with dovecot_config_version 2.4.0: lmtp is reused without limit, so it counts (400)', () => {
    const o = generate({...presetInput('small-office', '2.4'), configVersion: '2.4.0'});
    expect(o.sums.authClientsRequired).toBe(400);
    expect(ids(o)).toContain('lmtp-config-version');
  });
});

describe('preset "ISP, 10k users"', () => {
  // 16 cores; imap 10000, pop3 1000, lmtp 200, submission 500; 200 new/s; 100 % TLS;
  // high-performance; restart every 100; cache for 100 000 users. pre-login: 200 × 2 = 400.
  // imap-login: 10400 / 1000 = 10.4 → 11 processes × 2 = 22 (≥ 16 min_avail).
  // pop3-login: 1400 → 2 × 2 = 4 → raised to 16; submission-login: 900 → 1 × 2 = 2 → 16.
  // imap 10000 × 1.25 = 12500; pop3 1000 × 1.25 = 1250; submission 625 ≤ 1024 (kept);
  // lmtp 200 × 1.25 = 250. auth-worker 200 × 0.1 × 2 = 40. cache 100000 KiB = 97.7 MiB → 98M,
  // auth needs 98 + 128 = 226 MiB ≤ 256 MiB (kept).
  const login = (limit: string, restart: string, restartName: string) => ({
    [restartName]: restart,
    process_limit: limit,
    process_min_avail: '16',
    vsz_limit: '1G',
  });
  it('2.4', () => {
    const o = generate(presetInput('isp-10k', '2.4'));
    // W1 = imap 12500 + imap-login 22 + imap-urlauth-login 100 + pop3 1250 + pop3-login 16
    //    + submission 1024 + submission-login 16 = 14928 (lmtp: restart_request_count 1 in 2.4.1)
    expect(blocks(o.tree)).toEqual({
      'imap-login': login('22', 'unlimited', 'restart_request_count'),
      'pop3-login': login('16', 'unlimited', 'restart_request_count'),
      'submission-login': login('16', 'unlimited', 'restart_request_count'),
      imap: {restart_request_count: '100', process_limit: '12500'},
      pop3: {restart_request_count: '100', process_limit: '1250'},
      submission: {restart_request_count: '100'},
      lmtp: {process_limit: '250'},
      auth: {client_limit: '14928'},
      'auth-worker': {process_limit: '40'},
    });
    expect(globals(o.tree)).toEqual({auth_cache_size: '98M', auth_cache_ttl: '1 hour', auth_cache_negative_ttl: '1 hour'});
    // W2 = 2 + 22 + 100 + 16 + 16 + auth 1 = 157 ≤ 1000: anvil untouched
    expect(o.sums).toEqual({authClientsRequired: 14928, anvilClientsRequired: 157, largestClientLimit: 14928});
    // 14928 × 2 = 29856 → 30720. Processes: logins 154 + mail 14774 + lmtp 250 + auth 1 + anvil 1
    // + auth-worker 40 + 50 others = 15270; × 1.1 = 16797 → 17408.
    expect(o.systemd).toContain('LimitNOFILE=30720\n');
    expect(o.systemd).toContain('TasksMax=17408\n');
    expect(ids(o)).toEqual(['reuse-isolation', 'login-isolation', 'address-space']);
  });
  it('2.3: service_count, auth_worker_max_count, and lmtp (service_count 0) in W1', () => {
    const o = generate(presetInput('isp-10k', '2.3'));
    expect(blocks(o.tree)).toEqual({
      'imap-login': login('22', '0', 'service_count'),
      'pop3-login': login('16', '0', 'service_count'),
      'submission-login': login('16', '0', 'service_count'),
      imap: {service_count: '100', process_limit: '12500'},
      pop3: {service_count: '100', process_limit: '1250'},
      submission: {service_count: '100'},
      lmtp: {process_limit: '250'},
      auth: {client_limit: '15178'}, // 14928 + lmtp 250
    });
    // 40 ≤ the auth-worker service's own process_limit (100): no auth-worker block needed
    expect(globals(o.tree)).toEqual({auth_worker_max_count: '40', auth_cache_size: '98M', auth_cache_ttl: '1 hour', auth_cache_negative_ttl: '1 hour'});
    // 15178 × 2 = 30356 → 30720; processes 154 + 14774 + 250 + 1 + 1 + 100 + 50 = 15330 → 16863 → 17408
    expect(o.systemd).toContain('LimitNOFILE=30720\n');
    expect(o.systemd).toContain('TasksMax=17408\n');
  });
});

describe('preset "maximum isolation"', () => {
  // 4 cores; imap 300, pop3 50, submission 50, managesieve 10, lmtp 20; 10 new/s → 20 pre-login.
  // imap-login (300 + 20) × 1.25 = 400; pop3-login and submission-login 70 × 1.25 = 87.5 → 88,
  // managesieve-login 30 × 1.25 = 37.5 → 38: defaults (100) kept. No cache.
  for (const version of ['2.4', '2.3'] as const) {
    it(version, () => {
      const o = generate(presetInput('maximum-isolation', version));
      expect(blocks(o.tree)).toEqual({
        'imap-login': {process_limit: '400', process_min_avail: '4'},
        'pop3-login': {process_min_avail: '4'},
        'submission-login': {process_min_avail: '4'},
        'managesieve-login': {process_min_avail: '4'},
      });
      expect(globals(o.tree)).toEqual({});
      // W1 = 400 + 100 (urlauth) + 100 + 100 + 100 = 800; 2.3 adds lmtp 100. W2 = 2 + 800 + 1.
      expect(o.sums.authClientsRequired).toBe(version === '2.4' ? 800 : 900);
      expect(o.sums.anvilClientsRequired).toBe(803);
      expect(o.systemd).not.toContain('TasksMax'); // 4154 (2.4) / 4224 (2.3) processes ≤ 4915
    });
  }
});

describe('sizing rules, one at a time', () => {
  // imap only, 50 connections, no new connections counted: imap-login 50 × 1.25 = 62.5 → 63 ≤ 100
  const base: GeneratorInput = {
    ...presetInput('maximum-isolation', '2.4'),
    protocols: ['imap'],
    peak: {imap: 50, pop3: 0, lmtp: 0, submission: 0, managesieve: 0},
    minAvail: 'off',
    newPerSecond: 0,
  };
  it('high-security login: process_limit covers TLS sessions only (plain connections hand over)', () => {
    // 1000 peak × 40 % TLS = 400 sessions, × 1.25 = 500
    const o = generate({...base, peak: {...base.peak, imap: 1000}, tlsPercent: 40});
    expect(blocks(o.tree)['imap-login']).toEqual({process_limit: '500'});
    expect(blocks(o.tree).imap).toEqual({process_limit: '1250'}); // 1000 × 1.25
    // W1 = 500 + 100 = 600; W2 = 2 + 600 + 1
    expect(o.sums).toMatchObject({authClientsRequired: 600, anvilClientsRequired: 603});
  });
  it('W1 and W2 above 1000 set auth and anvil client_limit to exactly the sums', () => {
    // imap-login (4000 + 0) × 1.25 = 5000; W1 = 5000 + 100 = 5100; W2 = 2 + 5100 + 1 = 5103
    const o = generate({...base, peak: {...base.peak, imap: 4000}});
    expect(blocks(o.tree).auth).toEqual({client_limit: '5100'});
    expect(blocks(o.tree).anvil).toEqual({client_limit: '5103'});
  });
  it('unlimited mail reuse: 2.4 writes unlimited, 2.3 writes 0, and imap counts in W1', () => {
    const i = {...base, mailReuse: 'unlimited' as const};
    expect(blocks(generate(i).tree).imap).toEqual({restart_request_count: 'unlimited'});
    expect(blocks(generate({...i, version: '2.3'}).tree).imap).toEqual({service_count: '0'});
    // imap 1024 + imap-login 100 + imap-urlauth-login 100 = 1224 (FACTS §4 worked example)
    expect(generate(i).sums.authClientsRequired).toBe(1224);
    expect(blocks(generate(i).tree).auth).toEqual({client_limit: '1224'});
    expect(ids(generate(i))).toEqual(expect.arrayContaining(['unlimited-reuse', 'reuse-isolation', 'performance-without-cache']));
  });
  it('high-performance login without process_min_avail: 2 processes (1 needed × 2) and a warning', () => {
    const o = generate({...base, loginMode: 'high-performance'});
    // 50 × 100 % = 50 → 1 process × 2 = 2
    expect(blocks(o.tree)['imap-login']).toEqual({restart_request_count: 'unlimited', process_limit: '2', vsz_limit: '1G'});
    expect(ids(o)).toContain('performance-without-min-avail');
  });
  it('process_min_avail from %{system:cpu_count} (2.4), with process_limit ≥ the cores given', () => {
    const o = generate({...base, loginMode: 'high-performance', minAvail: 'cpu_count', cores: 8});
    expect(blocks(o.tree)['imap-login']).toEqual({
      restart_request_count: 'unlimited',
      process_limit: '8', // 2 needed, raised to the 8 cores
      process_min_avail: '%{system:cpu_count}',
      vsz_limit: '1G',
    });
    const w = o.warnings.find((x) => x.id === 'cpu-count-expansion');
    expect(w?.message).toContain('more than 8 CPUs');
  });
  it('%{system:cpu_count} without any login service (lmtp alone) warns of nothing it cannot compute', () => {
    const o = generate({...base, protocols: ['lmtp'], minAvail: 'cpu_count'});
    expect(ids(o)).not.toContain('cpu-count-expansion');
    expect(JSON.stringify(o)).not.toMatch(/Infinity|NaN/);
  });
  it('many cores in high-security mode raise process_limit to process_min_avail', () => {
    // 63 and the default 100 are both below 256 process_min_avail
    const o = generate({...base, minAvail: 'cores', cores: 256});
    expect(blocks(o.tree)['imap-login']).toEqual({process_limit: '256', process_min_avail: '256'});
  });
  it('a big cache raises auth vsz_limit: 300000 users → 293M + 128M = 421 → 448M', () => {
    // 300000 KiB = 292.97 MiB → 293M; 293 + 128 = 421 MiB → next multiple of 64 = 448
    const o = generate({...base, authCache: true, cacheUsers: 300_000});
    expect(globals(o.tree).auth_cache_size).toBe('293M');
    expect(blocks(o.tree).auth).toEqual({vsz_limit: '448M'});
  });
  it('cache TTLs in minutes are written in the largest whole unit; negative 0 stays 0', () => {
    const o = generate({...base, authCache: true, cacheTtlMinutes: 90, cacheNegativeTtlMinutes: 0});
    expect(globals(o.tree)).toMatchObject({auth_cache_ttl: '90 mins', auth_cache_negative_ttl: '0'});
    expect(globals(generate({...base, authCache: true, cacheTtlMinutes: 2880}).tree).auth_cache_ttl).toBe('2 days');
  });
  it('auth workers: 2.4 raises the auth-worker service, 2.3 auth_worker_max_count and, above 100, the service', () => {
    // 1000/s × 0.1 × 2 = 200
    const i = {...base, newPerSecond: 1000};
    expect(blocks(generate(i).tree)['auth-worker']).toEqual({process_limit: '200'});
    const o23 = generate({...i, version: '2.3'});
    expect(globals(o23.tree).auth_worker_max_count).toBe('200');
    expect(blocks(o23.tree)['auth-worker']).toEqual({process_limit: '200'});
  });
  it('the file form starts with dovecot_config_version and lists the protocols (sieve for managesieve)', () => {
    const o = generate({...presetInput('maximum-isolation', '2.4'), output: 'file', configVersion: '2.4.0', comments: false});
    expect(o.text.split('\n').slice(0, 3)).toEqual([
      'dovecot_config_version = 2.4.0',
      'dovecot_storage_version = 2.4.0',
      'protocols = imap pop3 lmtp submission sieve',
    ]);
    expect(generate({...presetInput('small-office', '2.3'), output: 'file', comments: false}).text.split('\n')[0]).toBe(
      'protocols = imap lmtp submission',
    );
  });
  it('comments off: no comment lines and no trailing comments', () => {
    const o = generate({...presetInput('isp-10k', '2.4'), comments: false});
    expect(o.text).not.toContain('#');
    expect(allNodes(o.tree.children).some((n) => n.kind === 'comment' || (n.kind === 'setting' && n.comment !== undefined))).toBe(false);
    expect(o.systemd).toBe('[Service]\nLimitNOFILE=30720\nTasksMax=17408\n');
  });
  it('comments on: every emitted value carries its formula, e.g. the high-performance process_limit', () => {
    const o = generate(presetInput('isp-10k', '2.4'));
    expect(o.text).toContain('  process_limit = 22 # 10400 conns / 1000 per process = 11, ×2 headroom\n');
    expect(o.text).toContain('  process_limit = 12500 # 10000 peak × 1.25 headroom\n');
  });
  it('nothing to change: a comment says so, and without comments the text is empty', () => {
    const i = {...base, authCache: false};
    expect(generate(i).text).toContain('# Nothing to change');
    expect(generate({...i, comments: false}).text).toBe('');
  });
});

describe('explanations', () => {
  it('one per emitted value, with path, the version\'s name and the /settings anchor', () => {
    const o = generate(presetInput('isp-10k', '2.3'));
    const count = allNodes(o.tree.children).filter((n) => n.kind === 'setting').length;
    expect(o.explanations).toHaveLength(count);
    expect(o.explanations).toContainEqual(
      expect.objectContaining({path: 'service imap-login/service_count', setting: 'service_count', value: '0', anchor: '/settings#restart_request_count'}),
    );
    expect(o.explanations).toContainEqual(
      expect.objectContaining({path: 'auth_cache_size', setting: 'auth_cache_size', value: '98M', anchor: '/settings#auth_cache_size'}),
    );
    const auth = o.explanations.find((e) => e.path === 'service auth/client_limit')!;
    expect(auth.why).toContain('= 15178');
    expect(auth.anchor).toBe('/settings#client_limit');
  });
});

describe('warnings', () => {
  it('client_limit > 1 on a mail process, in block and 2.4 flat form', () => {
    const tree = parseConfig('service imap {\n  client_limit = 10\n}\nservice imap-login {\n  client_limit = 10\n}\nservice/pop3/service_client_limit = 5\n').tree;
    expect(mailClientLimitWarnings('2.4', tree).map((w) => w.message.slice(0, 38))).toEqual([
      'service imap { client_limit = 10 }: a ',
      'service pop3 { client_limit = 5 }: a p',
    ]);
    expect(mailClientLimitWarnings('2.3', parseConfig('service lmtp {\n  client_limit = 1\n}\n').tree)).toEqual([]);
  });
  it('the defaults warn about nothing but address space', () => {
    expect(ids(generate(GENERATOR_DEFAULTS))).toEqual(['address-space']);
  });
  it('fork-rate in high-security mode at ≥ 50 new connections per core and second', () => {
    const o = generate({...GENERATOR_DEFAULTS, cores: 2, newPerSecond: 100});
    expect(o.warnings.find((w) => w.id === 'fork-rate')?.message).toContain('about 200 processes per second');
  });
});

describe('bad input never throws and falls back per field', () => {
  it('names each bad field and uses its default', () => {
    const o = generate({version: '2.4', cores: -3, protocols: ['imap', 'smtp'], peak: {imap: 'many'}, tlsPercent: 101, mailReuse: 'sometimes', reuseCount: 1});
    expect(o.problems.map((p) => p.field).sort()).toEqual(['cores', 'mailReuse', 'peak.imap', 'protocols', 'reuseCount', 'tlsPercent']);
    expect(o.problems.find((p) => p.field === 'cores')?.message).toBe('cores: must be a whole number from 1 to 1024 (got -3)');
    expect(o.input.cores).toBe(GENERATOR_DEFAULTS.cores);
    expect(o.input.protocols).toEqual(GENERATOR_DEFAULTS.protocols);
    expect(o.warnings.filter((w) => w.id.startsWith('input-'))).toHaveLength(6);
  });
  it('%{system:cpu_count} asked for 2.3 becomes the number of cores, with a problem', () => {
    const o = generate({...presetInput('isp-10k', '2.3'), minAvail: 'cpu_count'});
    expect(o.problems.map((p) => p.field)).toEqual(['minAvail']);
    expect(blocks(o.tree)['imap-login'].process_min_avail).toBe('16');
  });
  it('an unsupported dovecot_config_version is refused with the versions 2.4.1 accepts', () => {
    const o = generate({...GENERATOR_DEFAULTS, configVersion: '2.5.0'});
    expect(o.problems[0].message).toContain('2.4.0, 2.4.1, 2.4.2, 2.4.3, 2.4.4');
    expect(o.input.configVersion).toBe('2.4.1');
  });
  it('anything at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({version: fc.anything(), cores: fc.anything(), protocols: fc.anything(), peak: fc.anything()})), (raw) => {
        const o = generate(raw);
        expect(typeof o.text).toBe('string');
        expect(o.warnings.some((w) => w.id === 'internal')).toBe(false);
      }),
      {seed: 7, numRuns: 300},
    );
  });
});

describe('invariants over random valid answers (no binaries; the doveconf test checks them for real)', () => {
  const arb = fc.record({
    version: fc.constantFrom('2.3' as const, '2.4' as const),
    cores: fc.integer({min: 1, max: 1024}),
    protocols: fc.subarray([...GENERATOR_PROTOCOLS], {minLength: 1}),
    imap: fc.integer({min: 0, max: 1_000_000}),
    pop3: fc.integer({min: 0, max: 100_000}),
    newPerSecond: fc.double({min: 0, max: 100_000, noNaN: true}),
    loginMode: fc.constantFrom('high-security' as const, 'high-performance' as const),
    mailReuse: fc.constantFrom('one' as const, 'bounded' as const, 'unlimited' as const),
    minAvail: fc.constantFrom('cores' as const, 'off' as const),
  });
  it('never 0 or unlimited where the version refuses it; min_avail ≤ process_limit; process_limit_1 services untouched', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const o = generate({...GENERATOR_DEFAULTS, ...a, peak: {...GENERATOR_DEFAULTS.peak, imap: a.imap, pop3: a.pop3}});
        expect(o.problems).toEqual([]);
        for (const [service, s] of Object.entries(blocks(o.tree))) {
          for (const k of ['process_limit', 'client_limit', 'restart_request_count', 'vsz_limit']) {
            if (a.version === '2.4') expect(s[k], `${service} ${k}`).not.toBe('0');
          }
          if (a.version === '2.3') expect(Object.values(s)).not.toContain('unlimited');
          if (['anvil', 'auth', 'indexer', 'log'].includes(service)) expect(s.process_limit).toBeUndefined();
          if (s.process_min_avail !== undefined && s.process_limit !== undefined) {
            expect(Number(s.process_min_avail)).toBeLessThanOrEqual(Number(s.process_limit));
          }
          if (s.process_min_avail !== undefined && s.process_limit === undefined) {
            expect(Number(s.process_min_avail)).toBeLessThanOrEqual(100); // login services' default
          }
        }
      }),
      {seed: 11, numRuns: 300},
    );
  });
  it('is deterministic', () => {
    expect(generate(presetInput('isp-10k'))).toEqual(generate(presetInput('isp-10k')));
    expect(planFor(presetInput('isp-10k')).w1.sum).toBe(14928);
  });
});

describe('self-check with the project\'s model of doveconf (rules.ts)', () => {
  it('finds nothing in the presets, in either version and form', () => {
    for (const id of ['small-office', 'isp-10k', 'maximum-isolation'] as const) {
      for (const version of ['2.3', '2.4'] as const) {
        for (const output of ['blocks', 'file'] as const) {
          const o = generate({...presetInput(id, version), output});
          expect(o.warnings.filter((w) => w.id.startsWith('self-check')), `${id} ${version} ${output}`).toEqual([]);
        }
      }
    }
  });
  it('finds nothing over random answers (the real-doveconf test is the authority; this is cheap)', () => {
    fc.assert(
      fc.property(
        fc.record({
          version: fc.constantFrom('2.3' as const, '2.4' as const),
          configVersion: fc.constantFrom('2.4.0', '2.4.1', '2.4.4'),
          cores: fc.integer({min: 1, max: 1024}),
          protocols: fc.subarray([...GENERATOR_PROTOCOLS], {minLength: 1}),
          imap: fc.integer({min: 0, max: 1_000_000}),
          lmtp: fc.integer({min: 0, max: 100_000}),
          newPerSecond: fc.double({min: 0, max: 100_000, noNaN: true}),
          loginMode: fc.constantFrom('high-security' as const, 'high-performance' as const),
          mailReuse: fc.constantFrom('one' as const, 'bounded' as const, 'unlimited' as const),
          authCache: fc.boolean(),
          cacheUsers: fc.integer({min: 1, max: 10_000_000}),
          minAvail: fc.constantFrom('cores' as const, 'off' as const),
          output: fc.constantFrom('blocks' as const, 'file' as const),
        }),
        (a) => {
          const o = generate({...GENERATOR_DEFAULTS, ...a, peak: {...GENERATOR_DEFAULTS.peak, imap: a.imap, lmtp: a.lmtp}});
          expect(o.warnings.filter((w) => w.id.startsWith('self-check'))).toEqual([]);
        },
      ),
      {seed: 5, numRuns: 500},
    );
  });
  it('does report a broken tree (the check can fail)', () => {
    const o = generate(presetInput('isp-10k', '2.4'));
    const auth = o.tree.children.find((n) => n.kind === 'section' && n.name === 'auth');
    expect(auth?.kind).toBe('section');
    if (auth?.kind === 'section') {
      const cl = auth.children.find((c) => c.kind === 'setting' && c.key === 'client_limit');
      if (cl?.kind === 'setting') cl.value = '14927';
    }
    const plan = planFor(presetInput('isp-10k', '2.4'));
    const report = analyzeConfig('2.4', asServerReadsIt(plan, o.tree), {cpuCount: 16});
    expect(report.warnings.map((w) => w.id)).toEqual(['W1']);
    expect(report.warnings[0].numbers).toMatchObject({required: 14928});
  });
});
