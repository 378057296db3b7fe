/**
 * Smoke run of the load check (`npm run loadcheck` runs the full set), per Dovecot version:
 *  - a generator config for 300 IMAP sessions (20 % TLS) must hold them: every login, IDLE held,
 *    no limit reached, p99 within the bound;
 *  - a negative control that shrinks a limit instead of growing the load: `service stats
 *    { client_limit = 20 }` under 60 sessions must fail with the master's `client_limit (20)
 *    reached` line and the processes' stats handshake timeouts.
 * Then nothing of the runs may be left: no process, no cgroup, no temporary directory, and the
 * inotify limit as it was. Needs root and both Dovecot versions; without them it fails saying so.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generate, presetInput, type GeneratorInput} from '../../src/lib/dovecot/generator';
import type {LoadClaim} from '../../src/lib/loadcheck/claim';
import {LOGIN_P99_BOUND_MS} from '../../src/lib/loadcheck/verdict';
import {dovecotVersion} from '../../scripts/measure/dovecot';
import {cgroup2Root, liveTrees} from '../../scripts/measure/proc';
import {runLoadCheck, type CheckOptions, type CheckResult} from '../../scripts/loadcheck/check';
import {prepareHost, type HostPrep} from '../../scripts/loadcheck/host';
import {makeLoadDataDir, removeLoadDataDir, type LoadDataDir} from '../../scripts/loadcheck/server';
import {claimOfInput} from '../../scripts/loadcheck/targets';

const VERSIONS = ['2.3', '2.4'] as const;

function precondition(): string | null {
  if (process.getuid?.() !== 0) return 'tests/loadcheck/smoke.test.ts must run as root (cgroups, PID namespaces, chroot, the inotify limit)';
  for (const v of VERSIONS) if (!dovecotVersion(v)) return `Dovecot ${v} is missing (scripts/setup-system.sh installs it)`;
  return null;
}

const INOTIFY = '/proc/sys/fs/inotify/max_user_instances';

function smokeInput(version: '2.3' | '2.4'): GeneratorInput {
  return {
    ...presetInput('small-office', version),
    protocols: ['imap', 'lmtp'],
    peak: {imap: 300, pop3: 0, lmtp: 10, submission: 0, managesieve: 0},
    newPerSecond: 30,
    tlsPercent: 20,
    cacheUsers: 300,
    output: 'blocks',
  };
}

describe('load check smoke run (real Dovecot 2.3 and 2.4)', () => {
  const problem = precondition();
  const cgroupRoot = problem ? null : cgroup2Root();
  const dirs: LoadDataDir[] = [];
  const results = new Map<string, {claim: LoadClaim; r: CheckResult}>();
  let host: HostPrep | null = null;
  let inotifyBefore = '';

  beforeAll(async () => {
    if (problem) return;
    inotifyBefore = readFileSync(INOTIFY, 'utf8');
    host = prepareHost(300);
    const o: CheckOptions = {holdS: 2, nofile: 20000, cpus: '0-1', nice: -20, cgroupRoot, minAvailableMiB: 1024, openTimeoutMs: 20_000};
    for (const v of VERSIONS) {
      const d = makeLoadDataDir(v, 300);
      dirs.push(d);
      const input = smokeInput(v);
      const claim = claimOfInput(input);
      results.set(`pass-${v}`, {claim, r: await runLoadCheck(d, 'smoke-pass', generate(input).text, claim, o)});
      const control: LoadClaim = {sessions: 60, tlsPercent: 0, loginsPerS: 30, protocols: ['imap']};
      const config = 'service stats {\n  client_limit = 20\n}\n';
      results.set(`control-${v}`, {claim: control, r: await runLoadCheck(d, 'smoke-control', config, control, o)});
    }
  }, 150_000);

  afterAll(() => {
    host?.restore();
    for (const d of dirs) removeLoadDataDir(d);
  });

  it('has root and both Dovecot versions', () => {
    if (problem) throw new Error(problem);
  });

  for (const v of VERSIONS) {
    it(`${v}: a generator config for 300 sessions (20 % TLS) holds them`, () => {
      expect(problem).toBeNull();
      const {claim, r} = results.get(`pass-${v}`)!;
      expect(claim.sessions).toBe(300);
      expect(r.verdict.reasons).toEqual([]);
      expect(r.verdict.pass).toBe(true);
      expect(r.client.held).toBe(300);
      expect(r.peakByService.imap).toBe(300);
      // 20 % TLS in high-security login: each TLS session keeps its own imap-login process
      expect(r.peakByService['imap-login']).toBeGreaterThanOrEqual(60);
      expect(r.peakProcesses).toBeGreaterThan(360);
      expect(r.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
      expect(r.client.latencyMs.p99!).toBeLessThanOrEqual(LOGIN_P99_BOUND_MS);
    });

    it(`${v}: stats client_limit 20 under 60 sessions fails with the master's line`, () => {
      expect(problem).toBeNull();
      const {r} = results.get(`control-${v}`)!;
      expect(r.verdict.pass).toBe(false);
      const checks = r.verdict.reasons.map((x) => x.check);
      expect(checks).toContain('reached');
      expect(checks).toContain('stats-handshake');
      expect(r.log.reached).toContain('master: Warning: service(stats): client_limit (20) reached, client connections are being dropped');
      expect(r.log.statsHandshake.join('\n')).toMatch(/stats-writer.*Timeout waiting for handshake response/);
    });
  }

  it('leaves no process, cgroup or temporary directory behind, and puts the inotify limit back', () => {
    expect(problem).toBeNull();
    expect(liveTrees()).toBe(0);
    if (cgroupRoot) expect(readdirSync(cgroupRoot).filter((n) => n.startsWith(`measure-${process.pid}-`))).toEqual([]);
    host!.restore();
    expect(readFileSync(INOTIFY, 'utf8')).toBe(inotifyBefore);
    for (const d of dirs) {
      removeLoadDataDir(d);
      expect(existsSync(d.host)).toBe(false);
    }
  });
});
