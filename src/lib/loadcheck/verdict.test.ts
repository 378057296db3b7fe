/**
 * The verdict rules on real master logs. The fixtures are lines of real Dovecot 2.3.19.1 and
 * 2.4.1 masters started by the load check on this project's machine (session lines trimmed):
 *  - stats-client-limit-*: `service stats { client_limit = 20 }` under 60 plaintext sessions;
 *  - fd-limit-*: `ulimit -n 256`, high-performance login, 300 TLS sessions.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseLoadMarker} from './claim';
import {classifyLog, judge, LOGIN_P99_BOUND_MS, normalizeLogLine, type ClientSide, type Limits, type ProcessSide} from './verdict';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.log`), 'utf8');
const claim = parseLoadMarker('60 plain 30/s');

const healthy: ClientSide = {started: 60, loggedIn: 60, idling: 60, held: 60, failures: {}, failureSamples: [], latencyMs: {p50: 20, p95: 40, p99: 60, max: 70, n: 60}};
const procs: ProcessSide = {peakProcesses: 70, peakByService: {imap: 60, 'imap-login': 3, stats: 1}};
const limits: Limits = {processLimit: {imap: 1024, 'imap-login': 100, stats: 1}};

describe('log classification', () => {
  for (const v of ['2.3', '2.4']) {
    it(`${v}: finds the stats limit and every process's handshake timeout`, () => {
      const f = classifyLog(fixture(`stats-client-limit-${v}`));
      expect(f.reached).toEqual(['master: Warning: service(stats): client_limit (20) reached, client connections are being dropped']);
      expect(f.counts.reached).toBeGreaterThanOrEqual(2);
      expect(f.statsHandshake.length).toBeGreaterThanOrEqual(2);
      for (const l of f.statsHandshake) expect(l).toMatch(/^imap(-login)?: Error: conn unix:.*stats-writer \(pid=N,uid=0\): Timeout waiting for handshake response/);
      expect(f.fd).toEqual([]);
      expect(f.other).toEqual([]);
    });

    it(`${v}: finds the fd warning and the EMFILE errors, and the failed socket connections`, () => {
      const f = classifyLog(fixture(`fd-limit-${v}`));
      expect(f.fd[0]).toMatch(/^master: Warning: fd limit \(ulimit -n\) is lower than required under max\. load \(256 < 1000\), because of /);
      expect(f.fd.some((l) => /socketpair\(\) failed: Too many open files/.test(l))).toBe(true);
      expect(f.reached).toEqual([]);
    });
  }

  it('counts every matching line but keeps each message once', () => {
    const line = 'Dec 06 17:05:27 master: Warning: service(stats): client_limit (1000) reached, client connections are being dropped';
    const f = classifyLog([line, line.replace('17:05:27', '17:05:32'), ''].join('\n'));
    expect(f.counts.reached).toBe(2);
    expect(f.reached).toHaveLength(1);
  });

  it('ignores what every clean stop prints', () => {
    const stop = [
      'Dec 06 17:23:30 master: Warning: Killed with signal 15 (by pid=0 uid=0 code=kill)',
      'Nov 30 13:05:58 log(22267): Warning: Shutting down logging for \'imap-login: \' with 2 clients',
    ].join('\n');
    expect(classifyLog(stop).other).toEqual([]);
  });

  it('keeps other warnings and errors', () => {
    // The message of src/lib/ioloop-notify-inotify.c, as a 2.4.1 imap process in IDLE logged it here.
    const msg = 'Warning: Inotify instance limit for user UID 65534 exceeded, disabling. Increase /proc/sys/fs/inotify/max_user_instances';
    const f = classifyLog(`Dec 06 16:58:40 imap(u00131)<4242><Ab0+c>: ${msg}`);
    expect(f.other).toEqual([`imap(USER)<PID><>: ${msg}`]);
  });

  it('normalizes time stamps, PIDs and session ids but keeps limits', () => {
    expect(normalizeLogLine('Nov 30 13:05:47 master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped')).toBe(
      'master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped',
    );
    expect(normalizeLogLine('Nov 30 13:05:58 log(22267): Warning: x session=<abc> pid=77')).toBe('log(PID): Warning: x session=<> pid=N');
  });
});

describe('judge', () => {
  const clean = classifyLog('');

  it('passes a healthy run', () => {
    expect(judge(claim, healthy, procs, clean, limits)).toEqual({pass: true, reasons: []});
  });

  it('fails every rule on its own', () => {
    const checks = (c: ClientSide, p: ProcessSide, text = '', l = limits, err?: string) => judge(claim, c, p, classifyLog(text), l, err).reasons.map((r) => r.check);
    expect(checks({...healthy, loggedIn: 59, idling: 59, held: 59, failures: {timeout: 1}}, procs)).toEqual(['logins']);
    expect(checks({...healthy, held: 58}, procs)).toEqual(['held']);
    expect(checks(healthy, procs, fixture('stats-client-limit-2.4'))).toEqual(['reached', 'stats-handshake']);
    expect(checks(healthy, procs, 'x imap-login: Error: master(imap): net_connect_unix(imap) failed: Too many open files')).toEqual(['net-connect-unix']);
    expect(checks({...healthy, latencyMs: {...healthy.latencyMs, p99: LOGIN_P99_BOUND_MS + 1}}, procs)).toEqual(['latency']);
    expect(checks(healthy, {...procs, peakByService: {...procs.peakByService, 'imap-login': 101}})).toEqual(['process-limit']);
    expect(checks(healthy, procs, '', {...limits, tasksMax: 69})).toEqual(['tasks']);
    expect(checks(healthy, procs, '', limits, 'the master stopped during the run')).toEqual(['run']);
  });

  it('says how many logins failed and why', () => {
    const r = judge(claim, {...healthy, loggedIn: 40, idling: 40, held: 40, failures: {timeout: 20}, failureSamples: ['timeout: session 41']}, procs, clean, limits);
    expect(r.reasons[0]).toEqual({check: 'logins', message: '40 of 60 logins succeeded, 40 reached IDLE (failures: timeout 20)', lines: ['timeout: session 41']});
  });
});
