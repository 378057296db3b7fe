// checkClean: DESIGN.md's "clean in real doveconf", with a negative control for every rule (a
// mutated value must make the same doveconf fail with the expected message) and proof that the
// protocols wrapping is what makes the per-service checks real.
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {binariesAvailable, checkClean, dovecot24Root, protocolsOfServices, requireBinaries, runDoveconf, wrapForCheck, type Version} from './doveconf';

beforeAll(() => requireBinaries());

const W1_23 = 'service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with service_count != 1';
const W1_24 = 'service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with restart_request_count != 1';

describe('wrapForCheck (no binaries involved)', () => {
  it('adds protocols of the services present, managesieve as sieve', () => {
    const text = 'service imap-login {\n}\nservice managesieve {\n}\nservice lmtp {\n}\nservice imap {\n}\nservice auth {\n}\n';
    expect(protocolsOfServices(text)).toEqual(['imap', 'sieve', 'lmtp']);
    expect(wrapForCheck('2.3', text)).toBe(`protocols = imap sieve lmtp\n${text}`);
    expect(wrapForCheck('2.4', text)).toBe(
      `dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nprotocols = imap sieve lmtp\n${text}`,
    );
  });
  it('keeps a protocols line the text has, and a text with no protocol service unwrapped (2.3)', () => {
    const text = 'protocols = pop3\nservice imap {\n}\n';
    expect(wrapForCheck('2.3', text)).toBe(text);
    expect(wrapForCheck('2.3', 'service anvil {\n  client_limit = 10\n}\n')).toBe('service anvil {\n  client_limit = 10\n}\n');
  });
  it('2.4: keeps the text\'s own dovecot_config_version first', () => {
    const text = 'dovecot_config_version = 2.4.0\nservice pop3 {\n}\n';
    expect(wrapForCheck('2.4', text)).toBe('dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.1\nprotocols = pop3\nservice pop3 {\n}\n');
  });
  it('ignores a protocols line inside a block and comments', () => {
    const text = '# protocols = imap\nprotocol imap {\n  protocols = x\n}\nservice pop3-login {\n}\n';
    expect(wrapForCheck('2.3', text).startsWith('protocols = pop3\n')).toBe(true);
  });
});

describe('clean configurations', () => {
  const cases: [Version, string, string][] = [
    ['2.3', 'high-performance imap-login', 'service imap-login {\n  service_count = 0\n  process_min_avail = 2\n  vsz_limit = 1G\n}\n'],
    ['2.4', 'high-performance imap-login', 'service imap-login {\n  restart_request_count = unlimited\n  process_min_avail = 2\n  vsz_limit = 1G\n}\n'],
    ['2.3', 'high-security login for all protocols', 'service imap-login {\n  service_count = 1\n  process_limit = 500\n}\nservice pop3-login {\n  service_count = 1\n}\nservice submission-login {\n}\nservice managesieve-login {\n}\nservice lmtp {\n}\n'],
    ['2.4', 'high-security login for all protocols', 'service imap-login {\n  restart_request_count = 1\n  process_limit = 500\n}\nservice pop3-login {\n}\nservice submission-login {\n}\nservice managesieve-login {\n}\nservice lmtp {\n}\n'],
    ['2.3', 'reused imap processes with auth raised', 'service imap {\n  service_count = 0\n}\nservice auth {\n  client_limit = 1224\n}\n'],
    ['2.4', 'reused imap processes with auth raised', 'service imap {\n  restart_request_count = unlimited\n}\nservice auth {\n  client_limit = 1224\n}\n'],
    ['2.3', 'vsz_limit = 0 (no limit in 2.3)', 'service imap {\n  vsz_limit = 0\n}\n'],
    ['2.4', 'vsz_limit = unlimited', 'service imap {\n  vsz_limit = unlimited\n}\n'],
    ['2.3', 'process_min_avail = process_limit', 'service imap-login {\n  process_limit = 4\n  process_min_avail = 4\n}\n'],
    ['2.4', 'process_min_avail = process_limit', 'service imap-login {\n  process_limit = 4\n  process_min_avail = 4\n}\n'],
  ];
  for (const [version, label, text] of cases) {
    it(`${version} ${label}`, () => {
      const r = checkClean(version, text);
      expect(r, r.stderr).toMatchObject({clean: true, exitCode: 0, stderr: ''});
    });
  }
});

describe('negative controls: each rule, one mutated value, the expected message', () => {
  const cases: [Version, string, string, string, number][] = [
    ['2.3', 'E1 min_avail > limit', 'service imap-login {\n  process_limit = 4\n  process_min_avail = 5\n}\n', 'service(imap-login): process_min_avail is higher than process_limit', 89],
    ['2.4', 'E1 min_avail > limit', 'service imap-login {\n  process_limit = 4\n  process_min_avail = 5\n}\n', 'service(imap-login): process_min_avail is higher than process_limit', 89],
    ['2.3', 'E1 with 0 → default 100', 'service imap-login {\n  process_limit = 0\n  process_min_avail = 101\n}\n', 'service(imap-login): process_min_avail is higher than process_limit', 89],
    ['2.3', 'E2 vsz_limit 512k', 'service imap {\n  vsz_limit = 512k\n}\n', 'service(imap): vsz_limit is too low', 89],
    ['2.4', 'E2 vsz_limit 0', 'service imap {\n  vsz_limit = 0\n}\n', 'service(imap): vsz_limit is too low (did you mean "unlimited"?)', 89],
    ['2.3', 'E3 anvil process_limit 2', 'service anvil {\n  process_limit = 2\n}\n', 'service(anvil): process_limit must be 1', 89],
    ['2.4', 'E3 auth process_limit 2', 'service auth {\n  process_limit = 2\n}\n', 'service(auth): process_limit must be 1', 89],
    ['2.4', 'E4 process_limit 0', 'service imap-login {\n  process_limit = 0\n}\n', 'service(imap-login): process_limit must be higher than 0', 89],
    ['2.4', 'E5 client_limit 0', 'service imap-login {\n  client_limit = 0\n}\n', 'service(imap-login): client_limit must be higher than 0', 89],
    ['2.4', 'E6 restart_request_count 0', 'service imap-login {\n  restart_request_count = 0\n}\n', 'service(imap-login): restart_request_count must be higher than 0 (did you mean "unlimited"?)', 89],
    ['2.4', 'E7 idle_kill_interval 0', 'service imap {\n  idle_kill_interval = 0\n}\n', 'service(imap): idle_kill_interval must be higher than 0 (did you mean "unlimited"?)', 89],
    ['2.4', 'old name service_count', 'service imap-login {\n  service_count = 1\n}\n', 'Unknown setting: service_count', 89],
    ['2.3', 'new name restart_request_count', 'service imap-login {\n  restart_request_count = 1\n}\n', 'Unknown setting: service { restart_request_count', 89],
    ['2.3', 'W1 imap reused, auth too small', 'service imap {\n  service_count = 0\n}\n', W1_23, 0],
    ['2.4', 'W1 imap reused, auth too small', 'service imap {\n  restart_request_count = unlimited\n}\n', W1_24, 0],
    ['2.3', 'W2 anvil client_limit', 'service imap-login {\n}\nservice pop3-login {\n}\nservice anvil {\n  client_limit = 302\n}\n', 'service anvil { client_limit=302 } is lower than required under max. load (303)', 0],
    ['2.4', 'W2 anvil client_limit', 'service imap-login {\n}\nservice pop3-login {\n}\nservice anvil {\n  client_limit = 302\n}\n', 'service anvil { client_limit=302 } is lower than required under max. load (303)', 0],
  ];
  for (const [version, label, text, message, exitCode] of cases) {
    it(`${version} ${label}`, () => {
      const r = checkClean(version, text);
      expect(r.clean).toBe(false);
      expect(r.exitCode, r.stderr).toBe(exitCode);
      expect(r.stderr).toContain(message);
    });
  }
  it('2.3 accepts service_count = 0 (no limit), 2.4 refuses restart_request_count = 0', () => {
    expect(checkClean('2.3', 'service imap-login {\n  service_count = 0\n}\n').clean).toBe(true);
    expect(checkClean('2.4', 'service imap-login {\n  restart_request_count = 0\n}\n').exitCode).toBe(89);
  });
});

describe('the wrapping is what makes the checks real', () => {
  it('2.3: without protocols the auth client_limit warning does not appear; wrapped it does', () => {
    const text = 'service imap {\n  service_count = 0\n}\n';
    const bare = runDoveconf('2.3', text);
    expect(bare.exitCode).toBe(0);
    expect(bare.stderr).toBe('');
    const wrapped = checkClean('2.3', text);
    expect(wrapped.wrapped).toBe(`protocols = imap\n${text}`);
    expect(wrapped.stderr).toContain(W1_23);
  });
  it('2.4: with only the version lines the warning does not appear; with protocols it does', () => {
    const text = 'service imap {\n  restart_request_count = unlimited\n}\n';
    const noProtocols = runDoveconf('2.4', `dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n${text}`);
    expect(noProtocols.exitCode).toBe(0);
    expect(noProtocols.stderr).toBe('');
    expect(checkClean('2.4', text).stderr).toContain(W1_24);
  });
  it('2.4: without the version lines the text does not even load', () => {
    const r = runDoveconf('2.4', 'service imap {\n}\n');
    expect(r.exitCode).toBe(89);
    expect(r.stderr).toContain('The first setting must be dovecot_config_version');
  });
  it('managesieve is checked only under protocol sieve', () => {
    const text = 'service managesieve-login {\n  process_min_avail = 101\n}\n';
    expect(runDoveconf('2.3', text).exitCode).toBe(0);
    const r = checkClean('2.3', text);
    expect(r.wrapped.startsWith('protocols = sieve\n')).toBe(true);
    expect(r.stderr).toContain('service(managesieve-login): process_min_avail is higher than process_limit');
    expect(checkClean('2.4', text).stderr).toContain('service(managesieve-login): process_min_avail is higher than process_limit');
  });
});

describe('helper', () => {
  it('a 2.4 run is fast and leaves nothing behind in the chroot', () => {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) runDoveconf('2.4', 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n');
    const each = (performance.now() - t0) / 5;
    expect(each).toBeLessThan(500);
    // our own runs are gone; other workers' runs may be in flight, so look only for stale ones
    const stale = readdirSync(join(dovecot24Root(), 'cfg')).filter((d) => d.startsWith('run.'));
    expect(stale.length).toBeLessThan(8);
  });
  it('binariesAvailable says precisely what is missing', () => {
    const saved = {a: process.env.DOVECONF23, b: process.env.DOVECOT24_ROOT};
    process.env.DOVECONF23 = '/nonexistent/doveconf';
    process.env.DOVECOT24_ROOT = '/nonexistent/root';
    try {
      const a = binariesAvailable();
      expect(a.ok).toBe(false);
      expect(a.missing).toHaveLength(2);
      expect(a.missing[0]).toContain('doveconf 2.3: cannot run "/nonexistent/doveconf"');
      expect(a.missing[1]).toContain('doveconf 2.4: /nonexistent/root/usr/bin/doveconf is missing');
    } finally {
      if (saved.a === undefined) delete process.env.DOVECONF23;
      else process.env.DOVECONF23 = saved.a;
      if (saved.b === undefined) delete process.env.DOVECOT24_ROOT;
      else process.env.DOVECOT24_ROOT = saved.b;
    }
    expect(binariesAvailable()).toEqual({ok: true, missing: []});
  });
});
