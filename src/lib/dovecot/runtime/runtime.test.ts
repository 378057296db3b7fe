// Every number here is worked out by hand from the rules in facts.ts, peak.ts and systemd.ts.
import {describe, expect, it} from 'vitest';
import {effectiveLimits} from '../catalog';
import {MEASURED_RSS_KIB, MEASURED_TLS_SESSION_KIB} from '../measuredRss';
import {
  defaultTasksMax,
  fdNeed,
  heldInLogin,
  limitNofileFor,
  memoryAtPeak,
  processesAtPeak,
  runningService,
  statsClients,
  tasksAtPeak,
  tasksMaxFor,
  threadsMax,
  type PeakLoad,
  type RunningService,
} from '.';

const svc = (name: string, type: string, processLimit: number, clientsPerProcess: number, minAvail = 0, clientLimit = clientsPerProcess): RunningService => ({
  name,
  type,
  processLimit,
  clientLimit,
  clientsPerProcess,
  minAvail,
});

const load = (over: Partial<PeakLoad> = {}): PeakLoad => ({sessions: {}, tlsShare: 1, proxy: false, newPerSecond: 0, authWorkers: 30, ...over});

describe('systemd and kernel task limits from the RAM', () => {
  it('threads-max is RAM / 128 KiB', () => {
    expect(threadsMax(2)).toBe(16_384); // 2 × 2^30 / 2^17
    expect(threadsMax(4)).toBe(32_768);
    expect(threadsMax(0.5)).toBe(4_096);
  });
  it('DefaultTasksMax is 15 % of it, rounded down; pid_max − 1 caps it past 512 GiB', () => {
    expect(defaultTasksMax(2)).toBe(2_457); // 16384 × 0.15 = 2457.6
    expect(defaultTasksMax(4)).toBe(4_915); // 32768 × 0.15 = 4915.2
    expect(defaultTasksMax(64)).toBe(78_643); // 524288 × 0.15 = 78643.2
    expect(defaultTasksMax(1024)).toBe(629_145); // min(8388608, 4194303) × 0.15 = 629145.45
  });
  it('TasksMax only above the default, rounded up to 1024', () => {
    expect(tasksMaxFor(2_457, 2)).toBeNull();
    expect(tasksMaxFor(2_458, 2)).toBe(3_072);
    expect(tasksMaxFor(15_270, 64)).toBeNull();
  });
  it('LimitNOFILE only above the unit file\'s 65535, rounded up to 1024', () => {
    expect(limitNofileFor(65_535)).toBeNull();
    expect(limitNofileFor(2_048)).toBeNull();
    expect(limitNofileFor(65_536)).toBe(65_536); // 64 × 1024 exactly
    expect(limitNofileFor(65_537)).toBe(66_560);
  });
});

describe('processes at the peak', () => {
  // 3 000 TLS users in high-security mode, 100 logins/s: held = 3000 + 100 × 2 s = 3200.
  const services = [
    svc('imap-login', 'login', 3500, 1, 4),
    svc('imap-urlauth-login', 'login', 100, 1),
    svc('imap', '', 1024, 1),
    svc('auth', '', 1, 1000),
    svc('auth-worker', 'worker', 30, 1),
    svc('anvil', 'anvil', 1, 1000),
    svc('config', 'config', 100, 1000),
    svc('log', 'log', 1, 1000),
    svc('stats', '', 1, 1000),
  ];
  const l = load({sessions: {imap: 3000}, newPerSecond: 100});
  const at = processesAtPeak(services, l);
  const n = (s: string) => at.find((x) => x.service === s)?.processes;
  it('a login process per held connection plus the spares; imap capped at its process_limit', () => {
    expect(heldInLogin('imap', l)).toBe(3200);
    expect(n('imap-login')).toBe(3204); // 3200 + 4 process_min_avail
    expect(n('imap')).toBe(1024); // 3000 sessions, but process_limit 1024
    expect(n('imap-urlauth-login')).toBeUndefined(); // nothing to do without URLAUTH
    expect(n('auth-worker')).toBe(30);
    expect(n('dovecot')).toBe(1);
    expect(n('others')).toBe(20);
  });
  it('stats counts everything but the master, anvil, config, log and stats itself', () => {
    // 3204 + 1024 + auth 1 + auth-worker 30 + others 20 = 4279
    expect(statsClients('2.4', at)).toBe(4_279);
    // + master, anvil, config, log, stats = 4284 tasks
    expect(tasksAtPeak(at)).toBe(4_284);
  });
  it('with headroom 1.25: 3750 sessions + 250 logging in', () => {
    const at125 = processesAtPeak(services, l, 1.25);
    expect(at125.find((x) => x.service === 'imap-login')?.processes).toBe(3500); // 4000 + 4, capped
  });
  it('TLS share: only TLS sessions stay in a login process; plaintext ones leave at login', () => {
    expect(heldInLogin('imap', load({sessions: {imap: 1000}, tlsShare: 0.4, newPerSecond: 5}))).toBe(410); // 400 + 10
  });
  it('proxy: every session stays in the login process and no mail process runs', () => {
    const p = load({sessions: {imap: 1000, lmtp: 10}, tlsShare: 0, proxy: true});
    const at2 = processesAtPeak([svc('imap-login', 'login', 2000, 1), svc('imap', '', 1024, 1), svc('lmtp', '', 100, 1)], p);
    expect(at2.find((x) => x.service === 'imap-login')?.processes).toBe(1000);
    expect(at2.find((x) => x.service === 'imap')).toBeUndefined();
    expect(at2.find((x) => x.service === 'lmtp')?.processes).toBe(10); // lmtp is not proxied by login processes
  });
  it('high-performance: full processes plus process_min_avail ones with a free slot', () => {
    // 10 400 held / 1000 per process = 11 (10.4 up), + 16 spare = 27
    const at3 = processesAtPeak([svc('imap-login', 'login', 100, 1000, 16)], load({sessions: {imap: 10_000}, newPerSecond: 200}));
    expect(at3.find((x) => x.service === 'imap-login')).toMatchObject({processes: 27, held: 10_400});
  });
  it('reads the catalog\'s effective limits (unlimited → Infinity)', () => {
    const r = runningService('imap-login', 'login', effectiveLimits('2.4', 'imap-login', {service: {restart_request_count: 'unlimited'}}));
    expect(r).toEqual({name: 'imap-login', type: 'login', processLimit: 100, clientLimit: 1000, clientsPerProcess: 1000, minAvail: 0});
  });
});

describe('file descriptors', () => {
  it('a high-performance login process with TLS: 1000 × 2 + 64 = 2064', () => {
    const f = fdNeed([svc('imap-login', 'login', 100, 1000), svc('auth', '', 1, 1000)], load());
    expect(f).toMatchObject({need: 2_064, because: 'one imap-login process'});
  });
  it('plaintext only (no proxy): one per connection, 1064', () => {
    expect(fdNeed([svc('imap-login', 'login', 100, 1000)], load({tlsShare: 0})).need).toBe(1_064);
  });
  it('auth holds its clients and one connection per auth-worker: 14928 + 40 + 64 = 15032', () => {
    expect(fdNeed([svc('auth', '', 1, 14_928)], load({authWorkers: 40})).need).toBe(15_032);
  });
  it('stats raised to 70 000 needs 70 064, above the unit file', () => {
    const f = fdNeed([svc('stats', '', 1, 70_000)], load());
    expect(f.need).toBe(70_064);
    expect(limitNofileFor(f.need)).toBe(70_656); // 69 × 1024 = 70656
  });
  it('the master\'s check: 2.3 counts default_client_limit', () => {
    expect(fdNeed([svc('imap', '', 1024, 1)], load(), 1000)).toMatchObject({need: 1_000, because: 'default_client_limit'});
  });
});

describe('resident memory at the peak', () => {
  it('measured RSS per process; pop3 stands in with imap\'s figure; login sessions add their growth', () => {
    const services = [svc('imap-login', 'login', 100, 1000, 2), svc('imap', '', 1024, 1), svc('pop3', '', 1024, 1)];
    const at = processesAtPeak(services, load({sessions: {imap: 500, pop3: 10}, tlsShare: 1}));
    const m = memoryAtPeak('2.3', services, at);
    const t = (s: string) => m.terms.find((x) => x.service === s)!;
    // the published figures (data/measured/results.json), as `npm run measure` wrote them
    const r = MEASURED_RSS_KIB['2.3'];
    const tls = Math.round(MEASURED_TLS_SESSION_KIB['2.3'] * 1024);
    // imap-login: 500 held → 1 busy + 2 spare = 3 processes + 500 TLS sessions
    const login = 3 * r['imap-login'] * 1024 + 500 * tls;
    expect(t('imap-login')).toMatchObject({processes: 3, bytesEach: r['imap-login'] * 1024, sessions: 500, total: login});
    expect(t('imap')).toMatchObject({processes: 500, total: 500 * r.imap * 1024});
    expect(t('pop3')).toMatchObject({processes: 10, measuredAs: 'imap', total: 10 * r.imap * 1024});
    // the master; 'others' has no figure and is left out
    expect(t('dovecot').total).toBe(r.dovecot * 1024);
    expect(m.terms.find((x) => x.service === 'others')).toBeUndefined();
    expect(m.total).toBe(login + (500 * r.imap + 10 * r.imap + r.dovecot) * 1024);
  });
  it('2.4: 10 000 imap processes at their measured RSS', () => {
    const m = memoryAtPeak('2.4', [svc('imap', '', 12_500, 1)], processesAtPeak([svc('imap', '', 12_500, 1)], load({sessions: {imap: 10_000}})));
    expect(m.terms.find((x) => x.service === 'imap')!.total).toBe(10_000 * MEASURED_RSS_KIB['2.4'].imap * 1024);
  });
});
