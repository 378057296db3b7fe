// Unit tests of rules.ts with numbers worked out by hand from Dovecot's source and the probes in
// /work/shared/dovecot/probes (the differential test in tests/doveconf checks against the binaries).
import {describe, expect, it} from 'vitest';
import {parseConfig} from './conf';
import {
  analyzeConfig,
  checkConfig,
  doveconfStderr,
  parseSizeSetting,
  parseUintSetting,
  resolveConfigServices,
  SERVICE_ORDER_23,
  serviceOrder,
} from './rules';
import type {DovecotVersion} from '../version';

const H24 = 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n';
const tree = (text: string) => parseConfig(text).tree;
const run = (v: DovecotVersion, text: string) => analyzeConfig(v, tree(v === '2.4' ? H24 + text : text));

describe('values as doveconf parses them', () => {
  it('uint: 32-bit, 2.4 unlimited/infinite = 4294967295, errors in doveconf words', () => {
    expect(parseUintSetting('2.3', '4294967295')).toEqual({ok: true, value: 4294967295});
    expect(parseUintSetting('2.3', '4294967296')).toEqual({ok: false, error: 'Invalid number 4294967296: Number too large'});
    expect(parseUintSetting('2.3', '-1')).toEqual({ok: false, error: 'Invalid number -1: Number too small'});
    expect(parseUintSetting('2.3', 'unlimited')).toEqual({ok: false, error: 'Invalid number unlimited: Not a valid number'});
    expect(parseUintSetting('2.3', '1k')).toEqual({ok: false, error: 'Invalid number 1k: Not a valid number'});
    expect(parseUintSetting('2.3', '007')).toEqual({ok: true, value: 7});
    expect(parseUintSetting('2.4', 'unlimited')).toEqual({ok: true, value: 4294967295});
    expect(parseUintSetting('2.4', 'infinite')).toEqual({ok: true, value: 4294967295});
  });
  it('size: units B K M G T with optional i and B, spaces before the unit, 64-bit', () => {
    expect(parseSizeSetting('2.3', '256M')).toEqual({ok: true, value: 268435456n});
    expect(parseSizeSetting('2.3', '256 M')).toEqual({ok: true, value: 268435456n});
    expect(parseSizeSetting('2.3', '1 GB')).toEqual({ok: true, value: 1073741824n});
    expect(parseSizeSetting('2.3', '2 MiB')).toEqual({ok: true, value: 2097152n});
    expect(parseSizeSetting('2.3', '1gb')).toEqual({ok: true, value: 1073741824n});
    expect(parseSizeSetting('2.3', '1023k')).toEqual({ok: true, value: 1047552n});
    expect(parseSizeSetting('2.3', '18446744073709551615')).toEqual({ok: true, value: 18446744073709551615n});
    expect(parseSizeSetting('2.3', '18446744073709551616')).toEqual({ok: false, error: 'Invalid size: 18446744073709551616'});
    expect(parseSizeSetting('2.3', '17179869184G')).toEqual({ok: false, error: 'Size is too large: 17179869184G'});
    expect(parseSizeSetting('2.3', '1 G B')).toEqual({ok: false, error: 'Invalid size: 1 G B'});
    expect(parseSizeSetting('2.3', '1.5G')).toEqual({ok: false, error: 'Invalid size: 1.5G'});
    expect(parseSizeSetting('2.3', '1 bytes')).toEqual({ok: false, error: 'Invalid size: 1 bytes'});
    expect(parseSizeSetting('2.3', 'unlimited')).toEqual({ok: false, error: 'Invalid size: unlimited'});
    expect(parseSizeSetting('2.4', 'unlimited')).toEqual({ok: true, value: 18446744073709551615n});
  });
});

describe('service order', () => {
  it('2.3 walks its built-in array (measured), 2.4 sorted names', () => {
    expect(SERVICE_ORDER_23.indexOf('pop3')).toBeLessThan(SERVICE_ORDER_23.indexOf('imap'));
    expect(serviceOrder('2.4').indexOf('imap')).toBeLessThan(serviceOrder('2.4').indexOf('pop3'));
    const both = 'protocols = imap pop3\nservice imap {\n  process_min_avail = 2000\n}\nservice pop3 {\n  process_min_avail = 2000\n}\n';
    expect(run('2.3', both).fatal?.service).toBe('pop3');
    expect(run('2.4', both).fatal?.service).toBe('imap');
  });
});

describe('W1: auth client_limit', () => {
  it('2.3, imap service_count = 0: 1024 + 100 + 100 = 1224 > 1000 (probe 2.3/03)', () => {
    const r = run('2.3', 'protocols = imap\nservice imap {\n  service_count = 0\n  client_limit = 1\n  process_limit = 1024\n}\n');
    expect(r.fatal).toBeNull();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].message).toBe(
      'service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with service_count != 1: ' +
        'service imap { process_limit=1024 } + service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=100 }',
    );
    expect(r.warnings[0].numbers).toEqual({client_limit: 1000, required: 1224});
  });
  it('2.4 words it with restart_request_count and lists in sorted order', () => {
    const r = run('2.4', 'protocols = imap\nservice imap {\n  restart_request_count = unlimited\n}\n');
    expect(r.warnings[0].message).toBe(
      'service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with restart_request_count != 1: ' +
        'service imap { process_limit=1024 } + service imap-login { process_limit=100 } + service imap-urlauth-login { process_limit=100 }',
    );
  });
  it('login services always count, protocol services with n = 1 do not, disabled protocols never', () => {
    // protocols = imap pop3: imap-login 100 + imap-urlauth-login 100 + pop3-login 100 = 300 > 299
    const r = run('2.3', 'protocols = imap pop3\nservice auth {\n  client_limit = 299\n}\n');
    expect(r.warnings[0].numbers.required).toBe(300);
    expect(r.warnings[0].counted?.map((x) => x.service).sort()).toEqual(['imap-login', 'imap-urlauth-login', 'pop3-login']);
    expect(run('2.3', 'protocols = imap pop3\nservice auth {\n  client_limit = 300\n}\n').warnings).toEqual([]);
    // no protocols: nothing is counted
    expect(run('2.3', 'service auth {\n  client_limit = 1\n}\n').warnings).toEqual([]);
  });
  it('2.3 lmtp has service_count 0, so it counts (100); 2.4.1 lmtp has 1, 2.4.0 unlimited', () => {
    expect(run('2.3', 'protocols = lmtp\nservice auth {\n  client_limit = 99\n}\n').warnings[0].numbers.required).toBe(100);
    expect(run('2.4', 'protocols = lmtp\nservice auth {\n  client_limit = 99\n}\n').warnings).toEqual([]);
    const r240 = analyzeConfig('2.4', tree('dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.1\nprotocols = lmtp\nservice auth {\n  client_limit = 99\n}\n'));
    expect(r240.warnings[0].numbers.required).toBe(100);
  });
  it('2.4 sums wrap at 2^32 like C unsigned int: unlimited imap-login + 100 = 99', () => {
    const text = 'protocols = imap\nservice imap-login {\n  process_limit = unlimited\n}\nservice auth {\n  client_limit = 98\n}\n';
    const r = run('2.4', text);
    expect(r.warnings.map((w) => w.id)).toEqual(['W1']);
    expect(r.warnings[0].numbers).toEqual({client_limit: 98, required: 99});
  });
});

describe('W2: anvil client_limit', () => {
  it('2 pipes + every enabled login service + auth (probe 2.3/07: 303)', () => {
    const r = run('2.3', 'protocols = imap pop3\nservice anvil {\n  client_limit = 50\n}\n');
    expect(r.warnings[0].id).toBe('W2');
    expect(r.warnings[0].message).toBe(
      'service anvil { client_limit=50 } is lower than required under max. load (303). Counted with: ' +
        'service pop3-login { process_limit=100 } + service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=100 } + service auth { process_limit=1 }',
    );
  });
  it('with no protocols it is 2 + auth = 3', () => {
    expect(run('2.4', 'service anvil {\n  client_limit = 2\n}\n').warnings[0].numbers).toEqual({client_limit: 2, required: 3});
    expect(run('2.4', 'service anvil {\n  client_limit = 3\n}\n').warnings).toEqual([]);
  });
});

describe('errors', () => {
  it('E1 uses the effective process_limit (2.3: 0 → default_process_limit)', () => {
    expect(run('2.3', 'protocols = imap\nservice imap-login {\n  process_limit = 0\n  process_min_avail = 100\n}\n').fatal).toBeNull();
    expect(run('2.3', 'protocols = imap\nservice imap-login {\n  process_limit = 0\n  process_min_avail = 101\n}\n').fatal?.message).toBe(
      'service(imap-login): process_min_avail is higher than process_limit',
    );
  });
  it('E2: 2.3 accepts 0 and does not check default_vsz_limit; 2.4 refuses anything under 1 MiB', () => {
    expect(run('2.3', 'protocols = imap\nservice imap {\n  vsz_limit = 0\n}\n').fatal).toBeNull();
    expect(run('2.3', 'protocols = imap\ndefault_vsz_limit = 512k\n').fatal).toBeNull();
    expect(run('2.3', 'protocols = imap\nservice imap {\n  vsz_limit = 1023k\n}\n').fatal?.message).toBe('service(imap): vsz_limit is too low');
    expect(run('2.4', 'protocols = imap\nservice imap {\n  vsz_limit = 0\n}\n').fatal?.message).toBe(
      'service(imap): vsz_limit is too low (did you mean "unlimited"?)',
    );
    expect(run('2.4', 'protocols = imap\nservice imap {\n  vsz_limit = 1M\n}\n').fatal).toBeNull();
  });
  it('E3: a user global service_process_limit reaches anvil in 2.4 (the default filter loses)', () => {
    const r = run('2.4', 'protocols = imap\nservice_process_limit = 50\n');
    expect(r.fatal?.id).toBe('E3');
    expect(r.fatal?.message).toBe('service(anvil): process_limit must be 1');
    const imap = resolveConfigServices('2.4', tree(`${H24}service_process_limit = 50\n`)).find((s) => s.name === 'imap');
    expect(imap?.process_limit).toBe(50);
    // default_process_limit only reaches services without their own default
    const svcs = resolveConfigServices('2.4', tree(`${H24}default_process_limit = 50\n`));
    expect(svcs.find((s) => s.name === 'imap')?.process_limit).toBe(1024);
    expect(svcs.find((s) => s.name === 'imap-login')?.process_limit).toBe(50);
  });
  it('2.4 order within a service: process_limit 0 (E4) before client_limit 0 (E5) before restart_request_count 0 (E6)', () => {
    const r = run('2.4', 'service auth {\n  restart_request_count = 0\n  client_limit = 0\n  process_limit = 0\n}\n');
    expect(r.fatal?.id).toBe('E4');
    expect(run('2.4', 'service auth {\n  restart_request_count = 0\n  client_limit = 0\n}\n').fatal?.id).toBe('E5');
    expect(run('2.4', 'service auth {\n  restart_request_count = 0\n}\n').fatal?.message).toBe(
      'service(auth): restart_request_count must be higher than 0 (did you mean "unlimited"?)',
    );
  });
  it('per-service checks skip disabled protocols', () => {
    expect(run('2.4', 'protocols = pop3\nservice imap {\n  client_limit = 0\n}\n').fatal).toBeNull();
    expect(run('2.4', 'protocols = imap\nservice imap {\n  client_limit = 0\n}\n').fatal?.id).toBe('E5');
  });
  it('E8: login services have chroot = login by default', () => {
    expect(run('2.3', 'protocols = imap\nservice imap-login {\n  drop_priv_before_exec = yes\n}\n').fatal?.message).toBe(
      "service(imap-login): drop_priv_before_exec=yes can't be used with chroot",
    );
    expect(run('2.3', 'protocols = imap\nservice imap-login {\n  drop_priv_before_exec = yes\n  chroot =\n}\n').fatal).toBeNull();
  });
  it('E9 and E11 come before the per-service checks', () => {
    expect(run('2.4', 'protocols = imap nosuch\nservice imap {\n  client_limit = 0\n}\n').fatal?.message).toBe('protocols: Unknown protocol: nosuch');
    expect(run('2.4', 'protocols = nosuch\nservice pop3 {\n  type = bogus\n}\n').fatal?.message).toBe('Unknown service type: bogus');
    expect(run('2.3', 'protocols = none\n').fatal).toBeNull();
    expect(run('2.4', 'protocols = none\n').fatal?.message).toBe('protocols: Unknown protocol: none');
  });
  it('the auth root fails first, but a passing master root still prints its warnings', () => {
    const r = run('2.4', 'protocols = imap\nauth_cache_size = 100B\nservice auth {\n  client_limit = 1\n}\n');
    expect(r.fatal?.message).toBe('auth_cache_size value is too small (100 bytes)');
    expect(r.warnings.map((w) => w.id)).toEqual(['W1']);
    const both = run('2.3', 'protocols = imap\nauth_cache_size = 100B\nservice imap-login {\n  process_min_avail = 100000\n}\n');
    expect(both.fatal?.id).toBe('E15');
    expect(both.warnings).toEqual([]);
  });
  it('2.3 auth_worker_max_count = 0 (E16) before a too small cache size', () => {
    expect(run('2.3', 'auth_worker_max_count = 0\nauth_cache_size = 10b\n').fatal?.message).toBe('auth_worker_max_count must be above zero');
  });
  it('2.3 bare small auth_cache_size: an obsolete warning and megabytes, no error', () => {
    const r = run('2.3', 'auth_cache_size = 100\n');
    expect(r.fatal).toBeNull();
    expect(r.warnings).toMatchObject([{id: 'W4', line: 1, message: 'auth_cache_size value no longer defaults to megabytes. Use 100M'}]);
    expect(doveconfStderr(r, '/x.conf')).toEqual([
      'doveconf: Warning: NOTE: You can get a new clean config file with: doveconf -Pn > dovecot-new.conf',
      'doveconf: Warning: Obsolete setting in /x.conf:1: auth_cache_size value no longer defaults to megabytes. Use 100M',
    ]);
  });
  it('2.4 header: E17 at the first setting, E19 at once, E18 only after the checks pass', () => {
    expect(analyzeConfig('2.4', tree('protocols = imap\ndovecot_config_version = 2.4.1\n')).fatal).toMatchObject({
      id: 'E17',
      line: 1,
      message: 'The first setting must be dovecot_config_version',
    });
    expect(analyzeConfig('2.4', tree('dovecot_config_version = 2.3.0\n')).fatal?.message).toBe(
      'Invalid dovecot_config_version: Currently supported versions are: 2.4.0 2.4.1 2.4.2 2.4.3 2.4.4',
    );
    const noStorage = 'dovecot_config_version = 2.4.1\nprotocols = imap\n';
    expect(analyzeConfig('2.4', tree(noStorage)).fatal?.id).toBe('E18');
    expect(analyzeConfig('2.4', tree(`${noStorage}service imap {\n  client_limit = 0\n}\n`)).fatal?.id).toBe('E5');
  });
  it('E20: 2.4 stops at a named-list section without a name, in file order; 2.3 accepts it', () => {
    // the lmtp listener of a Postfix setup as 2.3 configs write it (docker-mailserver, iRedMail)
    const lmtp = 'protocols = imap lmtp\nservice lmtp {\n  inet_listener {\n    port = 24\n  }\n  process_limit = abc\n}\n';
    expect(run('2.4', lmtp).fatal).toMatchObject({id: 'E20', line: 5, message: 'inet_listener { } is missing section name'});
    expect(analyzeConfig('2.3', tree(lmtp)).fatal?.id).toBe('V1');
    expect(analyzeConfig('2.3', tree(lmtp.replace('abc', '10'))).fatal).toBeNull();
    // passdb before a bad service value; a mailbox inside a namespace
    expect(run('2.4', 'passdb {\n  driver = pam\n}\nservice imap {\n  process_limit = x\n}\n').fatal).toMatchObject({line: 3, message: 'passdb { } is missing section name'});
    expect(run('2.4', 'namespace inbox {\n  mailbox {\n  }\n}\n').fatal).toMatchObject({line: 4, message: 'mailbox { } is missing section name'});
    expect(run('2.4', 'service imap {\n  process_limit = x\n  inet_listener {\n  }\n}\n').fatal?.id).toBe('V1');
    expect(run('2.4', 'service {\n}\n').fatal?.message).toBe('service { } is missing section name');
    expect(run('2.4', 'protocol imap {\n}\nservice imap-login {\n  inet_listener imap {\n  }\n}\n').fatal).toBeNull();
  });
  it('V1: a value doveconf cannot parse stops it at that line (2.4 names the setting)', () => {
    expect(analyzeConfig('2.3', tree('protocols = imap\nservice imap {\n  process_limit = unlimited\n}\n')).fatal).toMatchObject({
      id: 'V1',
      line: 3,
      message: 'Invalid number unlimited: Not a valid number',
    });
    expect(run('2.4', 'service imap {\n  vsz_limit = 1 G B\n}\n').fatal?.message).toBe('vsz_limit: Invalid size: 1 G B');
  });
});

describe('W3: the master-only fd limit check', () => {
  it('2.3 starts from default_client_limit; the largest enabled client_limit wins', () => {
    const r = run('2.3', 'protocols = imap\n');
    expect(r.master[0]).toMatchObject({id: 'W3', source: 'master', numbers: {required: 1000, because: 'default_client_limit'}});
    const text = 'protocols = imap\nservice imap-login {\n  service_count = 0\n  client_limit = 5000\n}\n';
    expect(analyzeConfig('2.3', tree(text), {fdLimit: 256}).master[0].message).toBe(
      'fd limit (ulimit -n) is lower than required under max. load (256 < 5000), because of service imap-login { client_limit }',
    );
    expect(analyzeConfig('2.3', tree(text), {fdLimit: 5000}).master).toEqual([]);
  });
  it('is never part of checkConfig\'s doveconf results', () => {
    const all = checkConfig('2.4', tree(`${H24}protocols = imap\n`));
    expect(all.filter((r) => r.source === 'doveconf')).toEqual([]);
    expect(all.map((r) => r.id)).toEqual(['W3']);
    // 2.4 starts from 0: the largest enabled service client_limit (1000, the first one in order: anvil)
    expect(all[0].numbers).toMatchObject({required: 1000, because: 'service anvil { client_limit }'});
  });
});
