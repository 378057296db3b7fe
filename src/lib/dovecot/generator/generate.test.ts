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
import {MEASURED_RSS_KIB, MEASURED_TLS_SESSION_KIB} from '../measuredRss';

// The memory sums use the published measurements (data/measured/results.json), read here from the
// tables `npm run measure` rewrites, so a new measurement changes no test.
const RSS24 = MEASURED_RSS_KIB['2.4'];
const TLS24 = Math.round(MEASURED_TLS_SESSION_KIB['2.4'] * 1024);

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
  // At 1.25 × the peak: imap-login 63 TLS + 5 logging in = 68 + 2 spare = 70; submission-login
  // 13 + 5 + 2 = 20; imap 63, submission 13, lmtp 7 (6.25 up); auth 1, auth-worker 30, 20 others:
  // 224 stats clients (≤ 1000); + master, anvil, config, log, stats = 229 tasks (≤ 4915 on 4 GiB).
  // fds: one auth process holds 1000 clients + 30 workers + 64 = 1094 (≤ 65535).
  for (const version of ['2.4', '2.3'] as const) {
    it(`${version}: only process_min_avail on the two login services, and the cache with its worker setting`, () => {
      const o = generate(presetInput('small-office', version));
      expect(o.problems).toEqual([]);
      expect(blocks(o.tree)).toEqual({
        'imap-login': {process_min_avail: '2'},
        'submission-login': {process_min_avail: '2'},
      });
      expect(globals(o.tree)).toEqual({
        auth_cache_size: '1M',
        auth_cache_ttl: '1 hour',
        auth_cache_negative_ttl: '1 hour',
        auth_cache_verify_password_with_worker: 'yes',
      });
      // nothing for systemd: never a LimitNOFILE below the unit file's 65535
      expect(o.systemd).not.toMatch(/^LimitNOFILE|^TasksMax|^\[Service\]/m);
      expect(o.systemd).toContain("the unit file's 65535 covers it");
    });
  }
  it('2.4: W1 = imap-login 100 + imap-urlauth-login 100 + submission-login 100 = 300 (lmtp restarts per connection)', () => {
    expect(generate(presetInput('small-office', '2.4')).sums).toMatchObject({
      authClientsRequired: 300,
      anvilClientsRequired: 303,
      statsClientsRequired: 224,
      largestClientLimit: 1000,
      fdsRequired: 1094,
      tasksAtPeak: 229,
      defaultTasksMax: 4915,
    });
  });
  it('2.3: W1 adds lmtp 100 (service_count 0) = 400; W2 = 2 + 300 + 1 = 303', () => {
    expect(generate(presetInput('small-office', '2.3')).sums).toMatchObject({authClientsRequired: 400, anvilClientsRequired: 303, statsClientsRequired: 224, largestClientLimit: 1000});
  });
  it('resident memory at the peak: 56 imap-login + 50 imap processes + … at their measured RSS (2.4)', () => {
    // at the peak as given: imap-login 50 + 4 + 2 = 56, submission-login 10 + 4 + 2 = 16, imap 50,
    // submission 10, lmtp 5 (imap's figure), auth 1, auth-worker 30 (auth's), anvil, config, log,
    // stats, master 1 each
    const r = RSS24;
    const kib = 56 * r['imap-login'] + 16 * r['imap-login'] + 50 * r.imap + 10 * r.imap + 5 * r.imap + r.auth + 30 * r.auth + r.anvil + r.config + r.log + r.stats + r.dovecot;
    expect(generate(presetInput('small-office', '2.4')).sums.residentBytesAtPeak).toBe(kib * 1024);
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
  // imap-login 11 × 2 + 16 spare = 38, pop3-login 2 × 2 + 16 = 20, submission-login 1 × 2 + 16 =
  // 18: all below the built-in 100, which stays (never lower it in high-performance mode).
  // imap 10000 × 1.25 = 12500; pop3 1000 × 1.25 = 1250; submission 625 ≤ 1024 (kept);
  // lmtp 200 × 1.25 = 250. auth-worker 200 × 0.1 × 2 = 40. cache 100000 KiB = 97.7 MiB → 98M,
  // auth needs 98 + 128 = 226 MiB ≤ 256 MiB (kept).
  // stats at 1.25 × the peak (new 250/s → 500 logging in): imap-login 12500 + 500 = 13000 / 1000
  // = 13 + 16 = 29; pop3-login 1750 → 2 + 16 = 18; submission-login 1125 → 2 + 16 = 18; imap 12500,
  // pop3 1250, submission 625, lmtp 250, auth 1, auth-worker 40, others 20: 14751.
  const login = (restart: string, restartName: string) => ({
    [restartName]: restart,
    process_min_avail: '16',
    vsz_limit: '1G',
  });
  it('2.4', () => {
    const o = generate(presetInput('isp-10k', '2.4'));
    // W1 = imap 12500 + imap-login 100 + imap-urlauth-login 100 + pop3 1250 + pop3-login 100
    //    + submission 1024 + submission-login 100 = 15174 (lmtp: restart_request_count 1 in 2.4.1)
    expect(blocks(o.tree)).toEqual({
      'imap-login': login('unlimited', 'restart_request_count'),
      'pop3-login': login('unlimited', 'restart_request_count'),
      'submission-login': login('unlimited', 'restart_request_count'),
      imap: {restart_request_count: '100', process_limit: '12500'},
      pop3: {restart_request_count: '100', process_limit: '1250'},
      submission: {restart_request_count: '100'},
      lmtp: {process_limit: '250'},
      auth: {client_limit: '15174'},
      'auth-worker': {process_limit: '40'},
      stats: {client_limit: '14751'},
    });
    expect(globals(o.tree)).toEqual({
      auth_cache_size: '98M',
      auth_cache_ttl: '1 hour',
      auth_cache_negative_ttl: '1 hour',
      auth_cache_verify_password_with_worker: 'yes',
    });
    // W2 = 2 + 4 login services × 100 + auth 1 = 403 ≤ 1000: anvil untouched. fds: one auth process
    // holds 15174 + 40 workers + 64 = 15278 ≤ 65535. Tasks 14751 + 5 = 14756 ≤ 157286 (128 GiB).
    expect(o.sums).toMatchObject({
      authClientsRequired: 15_174,
      anvilClientsRequired: 403,
      statsClientsRequired: 14_751,
      largestClientLimit: 15_174,
      fdsRequired: 15_278,
      tasksAtPeak: 14_756,
      defaultTasksMax: 157_286,
    });
    expect(o.systemd).not.toMatch(/^LimitNOFILE|^TasksMax/m);
    expect(ids(o)).toEqual(['reuse-isolation', 'login-isolation', 'inotify', 'memory-at-peak', 'hibernate', 'address-space']);
    // 10000 × 1.25 + 128 = 12628 → 13312 (13 × 1024)
    expect(o.warnings.find((w) => w.id === 'inotify')?.message).toContain('sysctl fs.inotify.max_user_instances=13312');
  });
  it('2.4: resident memory at the peak, 10 000 imap processes and the TLS sessions of the login processes', () => {
    // imap 10000; pop3 1000, submission 500, lmtp 200 at imap's figure; imap-login 10400 held /
    // 1000 = 11 + 16 = 27 processes + 10400 TLS sessions; pop3-login 1400 → 2 + 16 = 18 processes +
    // 1400 sessions; submission-login 900 → 1 + 16 = 17 + 900 sessions; auth 1 + 40 workers at
    // auth's figure; anvil, config, log, stats, master one each.
    const r = RSS24;
    const kib = (10_000 + 1000 + 500 + 200) * r.imap + (27 + 18 + 17) * r['imap-login'] + 41 * r.auth + r.anvil + r.config + r.log + r.stats + r.dovecot;
    const bytes = kib * 1024 + (10_400 + 1400 + 900) * TLS24;
    const o = generate(presetInput('isp-10k', '2.4'));
    expect(o.sums.residentBytesAtPeak).toBe(bytes);
    // about 108 GiB with the published figures: more than 80 % of 128 GiB, so a warning
    expect(bytes).toBeGreaterThan(0.8 * 128 * 2 ** 30);
    expect(o.warnings.find((w) => w.id === 'memory-at-peak')?.severity).toBe('warning');
    expect(o.warnings.find((w) => w.id === 'hibernate')?.message).toContain('imap_hibernate_timeout = 30s');
    // with room to spare it is only information (an upper bound)
    expect(generate({...presetInput('isp-10k', '2.4'), ramGiB: 192}).warnings.find((w) => w.id === 'memory-at-peak')?.severity).toBe('info');
  });
  it('2.3: service_count, auth_worker_max_count, and lmtp (service_count 0) in W1', () => {
    const o = generate(presetInput('isp-10k', '2.3'));
    expect(blocks(o.tree)).toEqual({
      'imap-login': login('0', 'service_count'),
      'pop3-login': login('0', 'service_count'),
      'submission-login': login('0', 'service_count'),
      imap: {service_count: '100', process_limit: '12500'},
      pop3: {service_count: '100', process_limit: '1250'},
      submission: {service_count: '100'},
      lmtp: {process_limit: '250'},
      auth: {client_limit: '15424'}, // 15174 + lmtp 250
      stats: {client_limit: '14751'}, // auth-worker: min(auth_worker_max_count 40, process_limit 100)
    });
    // 40 ≤ the auth-worker service's own process_limit (100): no auth-worker block needed
    expect(globals(o.tree)).toEqual({
      auth_worker_max_count: '40',
      auth_cache_size: '98M',
      auth_cache_ttl: '1 hour',
      auth_cache_negative_ttl: '1 hour',
      auth_cache_verify_password_with_worker: 'yes',
    });
    // one auth process: 15424 + 40 + 64 = 15528 descriptors, under the unit file's 65535
    expect(o.sums.fdsRequired).toBe(15_528);
    expect(o.systemd).not.toMatch(/^LimitNOFILE|^TasksMax/m);
  });
});

describe('preset "maximum isolation"', () => {
  // 4 cores; imap 300, pop3 50, submission 50, managesieve 10, lmtp 20; 10 new/s → 20 pre-login.
  // imap-login (300 + 20) × 1.25 = 400 (≥ 320 + 4 idle); pop3-login and submission-login 70 × 1.25
  // = 87.5 → 88, managesieve-login 30 × 1.25 = 37.5 → 38: defaults (100) kept. No cache.
  // stats at 1.25 × the peak (25 logging in): imap-login 375 + 25 + 4 = 404, capped at 400;
  // pop3-login 63 + 25 + 4 = 92, submission-login 92, managesieve-login 13 + 25 + 4 = 42; imap 375,
  // pop3 63, submission 63, managesieve 13, lmtp 25; auth 1, auth-worker 30, others 20 = 1216.
  for (const version of ['2.4', '2.3'] as const) {
    it(version, () => {
      const o = generate(presetInput('maximum-isolation', version));
      expect(blocks(o.tree)).toEqual({
        'imap-login': {process_limit: '400', process_min_avail: '4'},
        'pop3-login': {process_min_avail: '4'},
        'submission-login': {process_min_avail: '4'},
        'managesieve-login': {process_min_avail: '4'},
        stats: {client_limit: '1216'},
      });
      expect(globals(o.tree)).toEqual({});
      // W1 = 400 + 100 (urlauth) + 100 + 100 + 100 = 800; 2.3 adds lmtp 100. W2 = 2 + 800 + 1.
      expect(o.sums.authClientsRequired).toBe(version === '2.4' ? 800 : 900);
      expect(o.sums.anvilClientsRequired).toBe(803);
      expect(o.sums.tasksAtPeak).toBe(1221); // ≤ 9830, DefaultTasksMax on 8 GiB
      expect(o.systemd).not.toMatch(/^TasksMax/m);
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
  it('high-performance login never lowers process_limit below the built-in 100', () => {
    const o = generate({...base, loginMode: 'high-performance'});
    // 50 × 100 % = 50 → 1 process × 2 = 2 < 100: the default stays
    expect(blocks(o.tree)['imap-login']).toEqual({restart_request_count: 'unlimited', vsz_limit: '1G'});
    expect(ids(o)).toContain('performance-without-min-avail');
  });
  it('high-performance login above 100: full processes × 2 plus the process_min_avail ones', () => {
    // 200 000 + 0 logging in = 200 000 / 1000 = 200 × 2 + 16 spare = 416
    const o = generate({...base, loginMode: 'high-performance', minAvail: 'cores', cores: 16, peak: {...base.peak, imap: 200_000}});
    expect(blocks(o.tree)['imap-login']).toEqual({restart_request_count: 'unlimited', process_limit: '416', process_min_avail: '16', vsz_limit: '1G'});
    expect(o.text).toContain('  process_limit = 416 # 200000 conns / 1000 = 200, ×2 + 16 spare\n');
  });
  it('process_min_avail from %{system:cpu_count} (2.4): process_limit stays 100, above the cores given', () => {
    const o = generate({...base, loginMode: 'high-performance', minAvail: 'cpu_count', cores: 8});
    expect(blocks(o.tree)['imap-login']).toEqual({
      restart_request_count: 'unlimited',
      process_min_avail: '%{system:cpu_count}',
      vsz_limit: '1G',
    });
    const w = o.warnings.find((x) => x.id === 'cpu-count-expansion');
    expect(w?.message).toContain('more than 100 CPUs');
  });
  it('%{system:cpu_count} without any login service (lmtp alone) warns of nothing it cannot compute', () => {
    const o = generate({...base, protocols: ['lmtp'], minAvail: 'cpu_count'});
    expect(ids(o)).not.toContain('cpu-count-expansion');
    expect(JSON.stringify(o)).not.toMatch(/Infinity|NaN/);
  });
  it('many cores in high-security mode: process_limit leaves room for the busy and the idle processes', () => {
    // 50 connections + 256 idle (process_min_avail) = 306, above 63 (50 × 1.25) and the default 100
    const o = generate({...base, minAvail: 'cores', cores: 256});
    expect(blocks(o.tree)['imap-login']).toEqual({process_limit: '306', process_min_avail: '256'});
  });
  it('proxy: every session stays in the login process, and no mail process is sized', () => {
    // 1000 sessions, 40 % TLS, proxied: all 1000 stay; × 1.25 = 1250; imap left alone
    const o = generate({...base, peak: {...base.peak, imap: 1000}, tlsPercent: 40, proxy: true, mailReuse: 'bounded'});
    expect(blocks(o.tree)['imap-login']).toEqual({process_limit: '1250'});
    expect(blocks(o.tree).imap).toBeUndefined();
    expect(ids(o)).toContain('proxy-mail-reuse');
    // the same without proxy: 400 TLS sessions × 1.25 = 500, and imap 1250
    const direct = generate({...base, peak: {...base.peak, imap: 1000}, tlsPercent: 40, mailReuse: 'bounded'});
    expect(blocks(direct.tree)['imap-login']).toEqual({process_limit: '500'});
    expect(blocks(direct.tree).imap).toEqual({restart_request_count: '100', process_limit: '1250'});
  });
  it('stats client_limit follows every process at 1.25 × the peak', () => {
    // 3000 TLS users, high-security, imap only, no logins counted: imap-login 3750 (process_limit
    // 3750), imap 3750, auth 1, auth-worker 30, others 20 = 7551
    const o = generate({...base, peak: {...base.peak, imap: 3000}});
    expect(blocks(o.tree)['imap-login']).toEqual({process_limit: '3750'});
    expect(blocks(o.tree).imap).toEqual({process_limit: '3750'});
    expect(blocks(o.tree).stats).toEqual({client_limit: '7551'});
  });
  it('TasksMax from the RAM: 2 GiB allows 2457 tasks by default, 7556 need a drop-in', () => {
    const o = generate({...base, peak: {...base.peak, imap: 3000}, ramGiB: 2});
    expect(o.sums).toMatchObject({tasksAtPeak: 7556, defaultTasksMax: 2457}); // 7551 + 5
    expect(o.systemd).toContain('\nTasksMax=8192\n');
    expect(o.systemd).not.toMatch(/^LimitNOFILE/m);
    expect(o.systemd).not.toContain('4915');
    // 0.5 GiB: threads-max 4096 < 7556, no TasksMax can help
    expect(ids(generate({...base, peak: {...base.peak, imap: 3000}, ramGiB: 0.5}))).toContain('threads-max');
  });
  it('LimitNOFILE only when a process needs more than the unit file\'s 65535', () => {
    // 60 000 imap sessions: stats at 1.25 × = 75 000 imap-login + 75 000 imap + 51 = 150 051 clients;
    // one stats process needs 150 051 + 64 = 150 115 descriptors → 147 × 1024 = 150 528
    const o = generate({...base, peak: {...base.peak, imap: 60_000}});
    expect(blocks(o.tree).stats).toEqual({client_limit: '150051'});
    expect(o.sums.fdsRequired).toBe(150_115);
    expect(o.systemd).toContain('\nLimitNOFILE=150528\n');
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
  it('the TTLs\' defaults read as prose: "default 1 hour", not doveconf\'s "1 hours"', () => {
    for (const version of ['2.3', '2.4'] as const) {
      const text = JSON.stringify(generate({...base, version, authCache: true}));
      expect(text).toContain('(default 1 hour)');
      expect(text).not.toMatch(/\b1 hours\b/);
    }
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
    expect(o.systemd).toBe('');
    expect(generate({...presetInput('isp-10k', '2.4'), comments: false, ramGiB: 2}).systemd).toBe('[Service]\nTasksMax=15360\n');
  });
  it('comments on: every emitted value carries its formula, e.g. the high-performance process_limit', () => {
    const o = generate(presetInput('isp-10k', '2.4'));
    expect(o.text).toContain('  process_limit = 12500 # 10000 peak × 1.25 headroom\n');
    expect(o.text).toContain('  client_limit = 14751 # 14751 processes at 1.25 × the peak connect to stats\n');
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
    expect(auth.why).toContain('= 15424');
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
  it('the defaults warn about nothing; they say the memory at the peak and the address space', () => {
    expect(ids(generate(GENERATOR_DEFAULTS))).toEqual(['memory-at-peak', 'address-space']);
    expect(generate(GENERATOR_DEFAULTS).warnings.filter((w) => w.severity !== 'info')).toEqual([]);
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
  it('only ever raises: LimitNOFILE above 65535 or absent, TasksMax above DefaultTasksMax or absent, login process_limit ≥ 100 with room above process_min_avail, stats covers its clients', () => {
    fc.assert(
      fc.property(arb, fc.double({min: 0.5, max: 512, noNaN: true}), fc.boolean(), (a, ramGiB, proxy) => {
        const o = generate({...GENERATOR_DEFAULTS, ...a, ramGiB, proxy, peak: {...GENERATOR_DEFAULTS.peak, imap: a.imap, pop3: a.pop3}});
        const nofile = /^LimitNOFILE=(\d+)$/m.exec(o.systemd);
        if (nofile) expect(Number(nofile[1])).toBeGreaterThan(65_535);
        else expect(o.sums.fdsRequired).toBeLessThanOrEqual(65_535);
        const tasks = /^TasksMax=(\d+)$/m.exec(o.systemd);
        if (tasks) expect(Number(tasks[1])).toBeGreaterThanOrEqual(o.sums.tasksAtPeak);
        else expect(o.sums.tasksAtPeak).toBeLessThanOrEqual(o.sums.defaultTasksMax);
        const stats = blocks(o.tree).stats?.client_limit;
        expect(stats === undefined ? 1000 : Number(stats)).toBeGreaterThanOrEqual(o.sums.statsClientsRequired);
        for (const [service, s] of Object.entries(blocks(o.tree))) {
          if (!service.endsWith('-login')) continue;
          const limit = s.process_limit === undefined ? 100 : Number(s.process_limit);
          expect(limit, service).toBeGreaterThanOrEqual(100);
          if (s.process_min_avail !== undefined && /^\d+$/.test(s.process_min_avail)) {
            expect(Number(s.process_min_avail), service).toBeLessThan(limit);
          }
        }
      }),
      {seed: 13, numRuns: 300},
    );
  });
  it('is deterministic', () => {
    expect(generate(presetInput('isp-10k'))).toEqual(generate(presetInput('isp-10k')));
    expect(planFor(presetInput('isp-10k')).w1.sum).toBe(15_174);
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
      if (cl?.kind === 'setting') cl.value = '15173';
    }
    const plan = planFor(presetInput('isp-10k', '2.4'));
    const report = analyzeConfig('2.4', asServerReadsIt(plan, o.tree), {cpuCount: 16});
    expect(report.warnings.map((w) => w.id)).toEqual(['W1']);
    expect(report.warnings[0].numbers).toMatchObject({required: 15_174});
  });
});
