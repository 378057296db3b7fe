/**
 * Smoke run of the auth cache measurement against the real Dovecot 2.3 of the host with
 * Debian's PostgreSQL: a few dozen logins in every mode. The auth process's own statistics must
 * show the cache working (every lookup of a warm cache a hit, entries of a plausible size) and
 * PostgreSQL's own count must show what it saves (two queries per login without the cache, none
 * with it). Then nothing may be left: no Dovecot or PostgreSQL process, cgroup or directory.
 * Needs root, dovecot-pgsql and postgresql; without them it fails with one line saying so.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AuthCacheSection} from '../../src/lib/measured/results';
import {authCacheMissing, measureAuthCache} from '../../scripts/measure/authcache';
import {dovecotVersion, makeUsers} from '../../scripts/measure/dovecot';
import type {HarnessOptions} from '../../scripts/measure/harness';
import {cgroup2Root, hasPidNamespaces, liveTrees} from '../../scripts/measure/proc';

function precondition(): string | null {
  if (process.getuid?.() !== 0) return 'tests/measure/authcache.test.ts must run as root (cgroups, PostgreSQL as its own user, Dovecot on its own ports)';
  if (!dovecotVersion('2.3')) return 'Dovecot 2.3 is missing: apt-get install dovecot-core dovecot-imapd (see scripts/setup-system.sh)';
  return authCacheMissing();
}

describe('auth cache measurement smoke run (real Dovecot 2.3 and PostgreSQL)', () => {
  const problem = precondition();
  const cgroupRoot = problem ? null : cgroup2Root();
  const disposers: (() => void)[] = [];
  let section: AuthCacheSection | null = null;
  let dataDirs: string[] = [];

  beforeAll(async () => {
    if (problem) return;
    const users = makeUsers(10);
    const o: HarnessOptions = {
      users,
      concurrency: 4,
      warmupS: 0.3,
      warmupLogins: 10,
      measureS: 6,
      measureLogins: 40,
      sessionTimeoutMs: 8000,
      sampleMs: 200,
      cgroupRoot,
      pidNamespaces: hasPidNamespaces(),
      serverCpus: '0',
    };
    const before = new Set(readdirSync('/tmp').filter((d) => d.startsWith('measure-')));
    section = await measureAuthCache(dovecotVersion('2.3')!, users, 2, o, 1, 'smoke', () => undefined, (d) => disposers.push(d));
    dataDirs = readdirSync('/tmp').filter((d) => d.startsWith('measure-') && !before.has(d));
  }, 120_000);

  afterAll(() => {
    for (const d of disposers.splice(0)) d();
  });

  it('has root, Dovecot 2.3 with its PostgreSQL driver, and PostgreSQL', () => {
    if (problem) throw new Error(problem);
  });

  it('runs every mode: both hash schemes, cache off, on, and verified in auth-worker', () => {
    expect(problem).toBeNull();
    expect(section!.modes.map((m) => [m.scheme, m.cache, m.worker])).toEqual([
      ['SHA512-CRYPT', false, false],
      ['SHA512-CRYPT', true, false],
      ['SHA512-CRYPT', true, true],
      ['SSHA512', false, false],
      ['SSHA512', true, false],
      ['SSHA512', true, true],
    ]);
    for (const m of section!.modes) {
      const r = m.runs[0];
      expect(r.error ?? '', m.id).toBe('');
      expect(r.logins, m.id).toBeGreaterThanOrEqual(40);
      expect(r.clientErrors, m.id).toEqual({});
    }
  });

  it('without the cache every login asks PostgreSQL twice (passdb and userdb) and the auth process reports no cache', () => {
    for (const m of section!.modes.filter((x) => !x.cache)) {
      const r = m.runs[0];
      expect(r.authCache, m.id).toBeNull();
      expect(r.backendQueriesPerLogin!, m.id).toBeGreaterThan(1.8);
      expect(r.backendQueriesPerLogin!, m.id).toBeLessThan(2.3);
    }
  });

  it('with the cache the auth process counts every lookup of the warm cache as a hit, and PostgreSQL is not asked', () => {
    for (const m of section!.modes.filter((x) => x.cache)) {
      const c = m.runs[0].authCache!;
      expect(c, m.id).not.toBeNull();
      expect(c.lookups, m.id).toBeGreaterThanOrEqual(2 * 40);
      expect(c.hits, m.id).toBe(c.lookups);
      expect(m.runs[0].backendQueriesPerLogin!, m.id).toBeLessThan(0.1);
      // a passdb and a userdb entry per user: a couple of hundred bytes, far from the docs' 50 + 100
      const perUser = c.usedBytes / section!.users;
      expect(perUser, m.id).toBeGreaterThan(200);
      expect(perUser, m.id).toBeLessThan(400);
    }
  });

  it('leaves no Dovecot or PostgreSQL process, cgroup or directory behind', () => {
    expect(problem).toBeNull();
    for (const d of disposers.splice(0)) d();
    expect(liveTrees()).toBe(0);
    for (const dir of dataDirs) {
      const users: string[] = [];
      for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
        try {
          if (readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`/tmp/${dir}`)) users.push(p);
        } catch {
          // exited
        }
      }
      expect(users, dir).toEqual([]);
    }
    expect(readdirSync('/tmp').filter((d) => dataDirs.includes(d))).toEqual([]);
    if (cgroupRoot) expect(readdirSync(cgroupRoot).filter((n) => n.startsWith(`measure-${process.pid}-`))).toEqual([]);
  });
});
