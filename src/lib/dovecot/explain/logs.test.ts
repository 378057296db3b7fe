// One test per recogniser: real or FACTS-quoted lines, numbers and fixes worked out by hand.
import {describe, expect, it} from 'vitest';
import {normaliseLogLine} from './input';
import {logRecogniser, recogniseLog} from './logs';
import type {DovecotVersion} from '../../version';

function rec(line: string, version: DovecotVersion = '2.4') {
  const n = normaliseLogLine(1, line);
  return recogniseLog(n.log, version);
}

describe('log recognisers', () => {
  it('process_limit reached (2.3 and 2.4 print the same text)', () => {
    const r = rec('Nov 30 13:05:47 master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped', '2.3')!;
    expect(r.kind).toBe('process-limit-reached');
    expect(r.numbers).toEqual({service: 'imap-login', process_limit: 2});
    expect(r.anchor).toBe('process-limit-reached');
    expect(r.link).toBe('/troubleshooting#process-limit-reached');
    expect(r.fix?.text).toBe('Raise `service imap-login { process_limit }` above 2 (for example to 4) so that it covers the connections imap-login must hold at peak.');
    expect(r.fix?.calculator).toEqual({version: '2.3', service: 'imap-login', settings: {process_limit: '4'}});
    expect(r.meaning).toContain('`service_count = 0`');
    expect(rec('master: Warning: service(imap): process_limit (1024) reached, client connections are being dropped')!.fix?.value).toBe('2048');
  });

  it('client_limit reached', () => {
    const r = rec('master: Warning: service(auth): client_limit (1000) reached, client connections are being dropped')!;
    expect(r.kind).toBe('client-limit-reached');
    expect(r.numbers).toEqual({service: 'auth', client_limit: 1000});
    expect(r.fix?.setting).toBe('client_limit');
    expect(r.anchor).toBe('client-limit-reached');
  });

  it('client_limit/service_count (1) and client_limit/restart_request_count (1)', () => {
    const a = rec('master: Warning: service(lmtp): client_limit/service_count (1) reached, client connections are being dropped', '2.3')!;
    expect(a.kind).toBe('client-limit-restart-reached');
    expect(a.version).toBe('2.3');
    expect(a.numbers).toEqual({service: 'lmtp', service_count: 1});
    const b = rec('master: Warning: service(lmtp): client_limit/restart_request_count (1) reached, client connections are being dropped')!;
    expect(b.version).toBe('2.4');
    expect(b.anchor).toBe('client-limit-reached');
  });

  it('Connection queue full, 2.3 and 2.4 login-side variants', () => {
    const a = rec('Nov 30 13:05:48 imap-login: Info: Disconnected: Connection queue full (no auth attempts in 2 secs): user=<>, rip=127.0.0.1, lip=127.0.0.1, secured, session=<YBiKEX5hvOl/AAAB>', '2.3')!;
    expect(a.kind).toBe('connection-queue-full');
    expect(a.version).toBe('2.3');
    expect(a.numbers).toEqual({service: 'imap-login', seconds: 2});
    expect(a.anchor).toBe('connection-queue-full');
    const b = rec('Nov 30 13:06:10 pop3-login: Info: Login aborted: Connection queue full (client_limit and process_limit was hit and this login session was killed.) (process_full): user=<>, rip=127.0.0.1, lip=127.0.0.1, secured, session=<aG7OEn5hnu1/AAAB>')!;
    expect(b.version).toBe('2.4');
    expect(b.numbers).toEqual({service: 'pop3-login'});
    expect(b.fix?.text).toContain('`service pop3-login { process_limit }`');
  });

  it('W1 auth client_limit, both wordings, with the counted services', () => {
    const line = 'doveconf: Warning: service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with restart_request_count != 1: service imap { process_limit=1024 } + service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=100 }';
    const r = rec(line)!;
    expect(r.kind).toBe('auth-client-limit-warning');
    expect(r.version).toBe('2.4');
    expect(r.numbers).toEqual({client_limit: 1000, required: 1224});
    expect(r.counted).toEqual([
      {service: 'imap', process_limit: 1024},
      {service: 'imap-urlauth-login', process_limit: 100},
      {service: 'imap-login', process_limit: 100},
    ]);
    expect(r.fix?.text).toBe('Raise `service auth { client_limit }` to at least 1224.');
    expect(r.fix?.calculator).toEqual({version: '2.4', service: 'auth', settings: {client_limit: '1224'}});
    expect(rec(line.replace('restart_request_count', 'service_count'), '2.3')!.version).toBe('2.3');
  });

  it('W2 anvil client_limit', () => {
    const r = rec('doveconf: Warning: service anvil { client_limit=50 } is lower than required under max. load (303). Counted with: service pop3-login { process_limit=100 } + service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=100 } + service auth { process_limit=1 }')!;
    expect(r.kind).toBe('anvil-client-limit-warning');
    expect(r.numbers).toEqual({client_limit: 50, required: 303});
    expect(r.counted).toHaveLength(4);
    expect(r.fix?.value).toBe('303');
  });

  it('W3 fd limit, service and default_client_limit variants', () => {
    const r = rec('Nov 30 13:08:55 master: Warning: fd limit (ulimit -n) is lower than required under max. load (256 < 5000), because of service imap-login { client_limit }')!;
    expect(r.kind).toBe('fd-limit');
    expect(r.numbers).toEqual({fd_limit: 256, required: 5000, service: 'imap-login'});
    expect(r.fix?.text).toContain('LimitNOFILE=5000');
    const d = rec('Warning: fd limit (ulimit -n) is lower than required under max. load (1024 < 2000), because of default_client_limit', '2.3')!;
    expect(d.numbers).toEqual({fd_limit: 1024, required: 2000, because: 'default_client_limit'});
  });

  it('vsz_limit is too low: never `unlimited` for 2.3, never the 1 MiB floor', () => {
    const line23 = 'doveconf: Error: service(imap-login): vsz_limit is too low';
    const line24 = 'doveconf: Error: service(imap): vsz_limit is too low (did you mean "unlimited"?)';
    // the 2.3 wording is answered for 2.3 whichever version is selected: 2.3 refuses `unlimited`
    for (const selected of ['2.3', '2.4'] as const) {
      const f = rec(line23, selected)!.fix!;
      expect(f.value).toBe('256M');
      expect(f.setting).toBe('vsz_limit');
      expect(f.text).not.toContain('unlimited');
      expect(f.text).not.toMatch(/\b1 ?M\b/);
      expect(f.text).toContain('For no limit, Dovecot 2.3 writes 0.');
    }
    const f24 = rec(line24, '2.4')!.fix!;
    expect(f24.value).toBe('unlimited');
    expect(f24.setting).toBe('vsz_limit');
    expect(f24.text).not.toMatch(/\b1 ?M\b/);
    expect(f24.text).toContain('the default 256 M or more');
  });

  it('doveconf service checks E1, E2 (both versions), E3, E4-E7', () => {
    expect(rec('doveconf: Error: service(imap-login): process_min_avail is higher than process_limit')!.anchor).toBe('process-min-avail-higher');
    expect(rec('doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf: service(anvil): process_limit must be 1')!.numbers).toEqual({service: 'anvil', required: 1});
    const v23 = rec('doveconf: Error: service(imap-login): vsz_limit is too low', '2.3')!;
    expect(v23.kind).toBe('vsz-limit-too-low');
    expect(v23.version).toBeUndefined();
    expect(rec('doveconf: Error: service(imap-login): vsz_limit is too low (did you mean "unlimited"?)')!.version).toBe('2.4');
    const z = rec('doveconf: Error: service(imap-login): restart_request_count must be higher than 0 (did you mean "unlimited"?)')!;
    expect(z.kind).toBe('must-be-higher-than-0');
    expect(z.numbers).toEqual({service: 'imap-login', setting: 'restart_request_count'});
    expect(z.fix?.value).toBe('unlimited');
    const p = rec('doveconf: Error: service(imap): process_limit must be higher than 0')!;
    expect(p.fix?.text).toContain('Remove `process_limit = 0`');
  });

  it('error 83 out of memory', () => {
    const r = rec('Nov 30 12:00:00 master: Error: service(imap): child 4242 returned error 83 (Out of memory (service imap { vsz_limit=256 MB }, you may need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)')!;
    expect(r.kind).toBe('error-83-out-of-memory');
    expect(r.numbers).toEqual({service: 'imap', pid: 4242, vsz_limit_mb: 256});
    expect(r.fix?.value).toBe('512M');
    expect(r.fix?.calculator?.settings).toEqual({vsz_limit: '512M'});
  });

  it('fork failed, throttling, idle SIGINT', () => {
    const f = rec('master: Error: service(imap): fork() failed: Resource temporarily unavailable (ulimit -u 4096 reached?)')!;
    expect(f.kind).toBe('fork-failed');
    expect(f.numbers).toEqual({ulimit_u: 4096});
    const t = rec('master: Error: service(auth): command startup failed, throttling for 16.000 secs')!;
    expect(t.kind).toBe('startup-throttling');
    expect(t.numbers).toEqual({service: 'auth', seconds: 16});
    const s = rec('master: Warning: service(imap): Process 1234 is ignoring idle SIGINT')!;
    expect(s.kind).toBe('ignoring-idle-sigint');
    expect(s.numbers).toEqual({service: 'imap', pid: 1234});
  });

  it('2.4 config-file errors E17, E18, E19', () => {
    expect(rec('doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 1: The first setting must be dovecot_config_version')!.anchor).toBe('first-setting-must-be-dovecot-config-version');
    expect(rec('doveconf: Fatal: dovecot_storage_version setting must be set')!.anchor).toBe('dovecot-storage-version-must-be-set');
    const e = rec('doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 1: Invalid dovecot_config_version: Currently supported versions are: 2.4.0 2.4.1 2.4.2 2.4.3 2.4.4')!;
    expect(e.anchor).toBe('invalid-dovecot-config-version');
  });

  it('unknown setting service_count (2.4 wording) and restart_request_count read by 2.3', () => {
    const r = rec('doveconf: Fatal: Error in configuration file /cfg/x.conf line 5: service_count: Unknown setting: service_count (service_service_count or service_imap-login_service_count not found either.)')!;
    expect(r.kind).toBe('unknown-setting');
    expect(r.version).toBe('2.4');
    expect(r.anchor).toBe('unknown-setting-service-count');
    expect(r.fix?.text).toBe('Replace `service_count` with `restart_request_count` in `service imap-login` (and 0 with `unlimited`).');
    expect(r.fix?.calculator).toEqual({version: '2.4', service: 'imap-login', settings: {}});
    expect(r.numbers).toEqual({setting: 'service_count', service: 'imap-login'});
    const b = rec('doveconf: Fatal: Error in configuration file 2.3/05.conf line 3: Unknown setting: service { restart_request_count', '2.3')!;
    expect(b.version).toBe('2.3');
    expect(b.fix?.setting).toBe('service_count');
    const c = rec('doveconf: Fatal: Error in configuration file x line 4: auth_worker_max_count: Unknown setting: auth_worker_max_count')!;
    expect(c.fix).toMatchObject({setting: 'process_limit', service: 'auth-worker', calculator: {version: '2.4', service: 'auth-worker', settings: {}}});
  });

  it('startup line gives the version; unrelated lines are not recognised', () => {
    const r = rec('Nov 30 13:05:43 master: Info: Dovecot v2.3.19.1 (9b53102964) starting up for imap (core dumps disabled)')!;
    expect(r.kind).toBe('starting-up');
    expect(r.version).toBe('2.3');
    expect(r.numbers).toEqual({dovecot: '2.3.19.1'});
    expect(rec('Nov 30 13:05:58 imap(bob)<123><abc>: Info: Logged out in=12 out=345')).toBeNull();
  });
});

describe('logRecogniser', () => {
  it('answers as recogniseLog, once per distinct message, level, process and version', () => {
    const recognise = logRecogniser();
    const a = normaliseLogLine(1, 'master: Warning: service(imap): process_limit (10) reached, client connections are being dropped').log;
    const b = normaliseLogLine(7, 'Nov 30 13:05:47 master: Warning: service(imap): process_limit (10) reached, client connections are being dropped').log;
    const err = normaliseLogLine(8, 'master: Error: service(imap): process_limit (10) reached, client connections are being dropped').log;
    expect(recognise(a, '2.3')).toEqual(recogniseLog(a, '2.3'));
    expect(recognise(b, '2.3')).toBe(recognise(a, '2.3'));
    expect(recognise(a, '2.4')).toEqual(recogniseLog(a, '2.4'));
    expect(recognise(err, '2.3')?.severity).toBe('error');
    expect(recognise(a, '2.3')?.severity).toBe('warning');
  });
});

// Wordings of older releases and messages around the limits, as people paste them from issue
// trackers and lists; each checked against the format string in dovecot/core of its version.
describe('older wordings and neighbouring messages', () => {
  it('auth/anvil client_limit warnings of 2.2 to 2.3.15 (no "Counted" list)', () => {
    const a = rec('Jan 23 10:11:12 mx dovecot: master: Warning: service auth { client_limit=1000 } is lower than required under max. load (1100)')!;
    expect(a).toMatchObject({kind: 'auth-client-limit-warning', version: '2.3', numbers: {client_limit: 1000, required: 1100}});
    expect(a.counted).toBeUndefined();
    expect(a.fix?.text).toBe('Raise `service auth { client_limit }` to at least 1100.');
    expect(a.meaning).toContain('does not list them');
    const b = rec('Jan 23 10:11:12 mx dovecot: master: Warning: service anvil { client_limit=1000 } is lower than required under max. load (1103)', '2.3')!;
    expect(b).toMatchObject({kind: 'anvil-client-limit-warning', version: '2.3', numbers: {client_limit: 1000, required: 1103}});
    expect(b.fix?.calculator).toEqual({version: '2.3', service: 'anvil', settings: {client_limit: '1103'}});
  });

  it('2.0 drop warnings without the number', () => {
    const r = rec('Dec  1 12:00:00 mail dovecot: master: Warning: service(imap-login): process_limit reached, client connections are being dropped', '2.3')!;
    expect(r).toMatchObject({kind: 'process-limit-reached', numbers: {service: 'imap-login'}, anchor: 'process-limit-reached'});
    expect(r.fix?.setting).toBe('process_limit');
    expect(r.fix?.value).toBeUndefined();
    expect(rec('master: Warning: service(auth): client_limit reached, client connections are being dropped')).toMatchObject({kind: 'client-limit-reached', numbers: {service: 'auth'}});
  });

  it('error 83 in the 2.0 wording', () => {
    const r = rec('master: Error: service(imap): child 5511 returned error 83 (Out of memory (vsz_limit=256 MB, you may need to increase it))', '2.3')!;
    expect(r).toMatchObject({kind: 'error-83-out-of-memory', numbers: {service: 'imap', pid: 5511, vsz_limit_mb: 256}});
    expect(r.fix?.value).toBe('512M');
  });

  it('mmap() of a large dovecot.index.cache failing: the process reached vsz_limit', () => {
    const r = rec('Mar  3 08:01:02 mail dovecot: imap(alice@example.com)<21477><q8Z0cN4F7OB/AAAB>: Error: mmap(size=536870912) failed with file /var/vmail/example.com/alice/Maildir/dovecot.index.cache: Cannot allocate memory', '2.3')!;
    expect(r).toMatchObject({kind: 'mmap-cannot-allocate', severity: 'error', numbers: {service: 'imap', size: 536870912}});
    // 512 MiB of file on top of the 256 MiB a process may already use
    expect(r.fix?.text).toBe('Raise `service imap { vsz_limit }` so that the 512 MiB file fits next to what the process already uses, for example to 768M.');
    expect(r.fix?.calculator).toEqual({version: '2.3', service: 'imap', settings: {vsz_limit: '768M'}});
    expect(r.link).toBe('/services/memory-and-idle#vsz-limit-reached');
  });

  it('Initial status notification not received in 30 seconds', () => {
    const r = rec('master: Error: service(imap-login): Initial status notification not received in 30 seconds, killing the process')!;
    expect(r).toMatchObject({kind: 'initial-status-timeout', severity: 'error', numbers: {service: 'imap-login', seconds: 30}});
    expect(r.meaning).toContain('SIGKILL');
    expect(r.fix?.text).toContain('Raising a limit does not help');
  });

  it('Maximum number of connections from user+IP exceeded', () => {
    const r = rec('imap-login: Info: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10): user=<bob@example.org>, method=PLAIN, rip=198.51.100.4, lip=192.0.2.1, TLS, session=<Zx8Yc3Zh6K3GM2QE>')!;
    expect(r).toMatchObject({kind: 'userip-connections-exceeded', numbers: {mail_max_userip_connections: 10, protocol: 'imap'}});
    expect(r.fix?.text).toContain('`protocol imap { mail_max_userip_connections = 20 }`');
  });

  it('Sent SIGKILL to N processes and child N killed with signal 9', () => {
    expect(rec('master: Warning: Sent SIGKILL to 3 imap processes')).toMatchObject({kind: 'signal-sent-to-processes', severity: 'warning', numbers: {signal: 'SIGKILL', processes: 3, service: 'imap'}});
    expect(rec("master: Warning: Processes aren't dying after reload, sent SIGKILL to 12 processes.")).toMatchObject({numbers: {signal: 'SIGKILL', processes: 12}});
    const k = rec('Feb 10 03:04:05 mx dovecot: master: Error: service(imap): child 4242 killed with signal 9')!;
    expect(k).toMatchObject({kind: 'child-killed-with-signal', severity: 'error', numbers: {service: 'imap', pid: 4242, signal: 9}});
    expect(k.meaning).toContain('OOM killer');
    expect(rec('master: Error: service(imap): child 77 killed with signal 11 (core dumped)')!.meaning).toContain('crashed (SIGSEGV)');
  });

  it('Obsolete setting: the 1.x login_process_size and the other old names', () => {
    const r = rec('doveconf: Warning: Obsolete setting in /etc/dovecot/dovecot.conf:23: login_process_size has been replaced by service { vsz_limit }')!;
    expect(r).toMatchObject({kind: 'obsolete-setting', version: '2.3', numbers: {file: '/etc/dovecot/dovecot.conf', line: 23, setting: 'login_process_size'}});
    expect(r.fix?.text).toBe('Delete `login_process_size` and write `vsz_limit = …` in service imap-login, service pop3-login (and the other -login services you run) (the old value was megabytes: 256 becomes `256M`).');
    expect(rec('doveconf: Warning: Obsolete setting in /etc/dovecot/conf.d/10-auth.conf:4: auth_process_size has been replaced by service auth { vsz_limit }')!.fix?.text).toContain('in service auth');
    // Debian's 20-imap.conf holds `protocol imap { }`: the login service is imap-login
    const imap = rec('doveconf: Warning: Obsolete setting in /etc/dovecot/conf.d/20-imap.conf:3: login_max_processes_count has been replaced by service { process_limit }')!;
    expect(imap.numbers.service).toBe('imap-login');
    expect(imap.fix).toMatchObject({service: 'imap-login', setting: 'process_limit'});
    expect(rec('doveconf: Warning: Obsolete setting in /etc/dovecot/dovecot.conf:9: ssl_cert_file has been replaced by ssl_cert = <file')).toMatchObject({kind: 'obsolete-setting', numbers: {setting: 'ssl_cert_file'}});
    expect(rec('doveconf: Warning: NOTE: You can get a new clean config file with: doveconf -Pn > dovecot-new.conf')?.kind).toBe('clean-config-note');
  });
});

describe('2.3 names read by 2.4, with the upgrade guide\'s replacement', () => {
  it.each([
    ['ssl_cert', 'ssl_server_cert_file', 'no `<`'],
    ['ssl_dh', 'ssl_server_dh_file', 'path'],
    ['disable_plaintext_auth', 'auth_allow_cleartext', 'opposite'],
    ['mail_location', 'mail_path', 'mail_driver'],
    ['verbose_ssl', 'log_debug', 'category=ssl'],
  ])('%s → %s', (key, to, word) => {
    const r = rec(`Mar 14 04:30:40 web03 dovecot[2040]: doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf line 59: ${key}: Unknown setting: ${key}`)!;
    expect(r).toMatchObject({kind: 'unknown-setting', version: '2.4', numbers: {setting: key}});
    expect(r.fix?.setting).toBe(to);
    expect(r.fix?.text).toContain(word);
    expect(r.fix?.calculator).toBeUndefined();
  });
  it('a name a later 2.4 release added, read by an older 2.4 (2.4.1 on a config for 2.4.3)', () => {
    const r = rec('doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 15: imap4rev2_enable: Unknown setting: imap4rev2_enable')!;
    expect(r).toMatchObject({kind: 'unknown-setting', version: '2.4', meaning: 'imap4rev2_enable exists from Dovecot 2.4.2: the configuration was written for a newer 2.4 release than the Dovecot that read it.'});
    expect(r.fix?.text).toContain('Run Dovecot 2.4.2 or later');
    const s = rec('doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 3: reuse_port: Unknown setting: reuse_port (service_reuse_port or service_imap_reuse_port not found either.)')!;
    expect(s.meaning).toContain('exists from Dovecot 2.4.4');
  });
  it('the 2.3 wording has no prefix', () => {
    expect(rec('doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 2: Unknown setting: mail_driver')).toMatchObject({version: '2.3', meaning: 'mail_driver exists only in Dovecot 2.4: a 2.4 configuration is being read by Dovecot 2.3.'});
  });
});

describe('around the limits: sockets, filters, auth, plugins, 2.4 sections', () => {
  it('net_connect_unix(imap) failed: Resource temporarily unavailable (imap process_limit)', () => {
    const r = rec('Nov 30 10:00:00 mail dovecot: imap-login: Error: net_connect_unix(imap) failed: Resource temporarily unavailable - http://wiki2.dovecot.org/SocketUnavailable')!;
    expect(r).toMatchObject({kind: 'socket-unavailable', numbers: {service: 'imap', socket: 'imap'}});
    expect(r.fix).toMatchObject({service: 'imap', setting: 'process_limit', calculator: {service: 'imap'}});
    expect(r.fix?.text).toContain('client_limit');
  });
  it('Conflict in setting … found from filter', () => {
    const r = rec('Apr 21 09:39:42 ns7loc5 dovecot: config: Error: Conflict in setting mail_max_userip_connections found from filter at /etc/dovecot/dovecot.conf:33')!;
    expect(r).toMatchObject({kind: 'filter-conflict', numbers: {setting: 'mail_max_userip_connections', where: '/etc/dovecot/dovecot.conf:33'}});
    expect(r.fix?.setting).toBe('mail_max_userip_connections');
  });
  it('the auth handshake timeout and "Auth process broken" point at auth, not at a limit', () => {
    const a = rec('Dec 11 16:21:05 mx dovecot: managesieve-login: Error: auth-client: conn unix:login (pid=112,uid=0): Timeout waiting for handshake from auth server. my pid=122, input bytes=0')!;
    expect(a).toMatchObject({kind: 'auth-handshake-timeout', numbers: {pid: 122}});
    expect(a.fix?.calculator).toBeUndefined();
    expect(rec('imap-login: Disconnected: Auth process broken (disconnected before auth was ready, waited 144 secs): user=<>, rip=10.10.10.10')).toMatchObject({kind: 'auth-process-broken', numbers: {seconds: 144}});
  });
  it('fts-xapian out of memory in indexer-worker', () => {
    const r = rec("Nov  8 00:50:22 fawkes dovecot: indexer-worker(aaaaa@example.com)<2573><yBz3D0AZp18NCgAA+4JX8g>: Error: FTS Xapian: Memory error 'std::bad_alloc'")!;
    expect(r).toMatchObject({kind: 'fts-xapian-memory', numbers: {service: 'indexer-worker'}});
    expect(r.fix?.calculator).toEqual({version: '2.4', service: 'indexer-worker', settings: {vsz_limit: '2G'}});
    expect(rec("indexer-worker(gestion)<1320091><tFh6>: Warning: FTS Xapian: Memory too low (text) 'std::bad_alloc'")?.kind).toBe('fts-xapian-memory');
  });
  it('2.4: missing section name and the plugin section', () => {
    expect(rec('doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/99-my-quota.conf line 3: inet_listener { } is missing section name')).toMatchObject({kind: 'missing-section-name', version: '2.4', numbers: {section: 'inet_listener'}});
    expect(rec('doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf line 7: passdb { } is missing section name')!.fix?.text).toBe('Give the block a name: `passdb NAME { … }`.');
    expect(rec('doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/90-quota.conf line 1: Unknown section name: plugin')).toMatchObject({kind: 'unknown-section', version: '2.4'});
  });
  it('obsolete settings name what replaced them; imaps in protocols', () => {
    expect(rec('doveconf: Warning: Obsolete setting in /etc/dovecot/dovecot.conf:8: ssl_protocols has been replaced by ssl_min_protocol')!.fix).toMatchObject({setting: 'ssl_min_protocol'});
    const p = rec("doveconf: Warning: Obsolete setting in /etc/dovecot/dovecot.conf:1: 'imaps' protocol is no longer necessary, remove it")!;
    expect(p.fix).toEqual({text: 'Remove `imaps` from `protocols`.', setting: 'protocols'});
  });
  it('documentation quotes with "..." for numbers', () => {
    expect(rec('Fatal: master: service(imap): child ... returned error 83 (Out of memory (service imap { vsz_limit=1024 MB }, you may need to increase it))')).toMatchObject({kind: 'error-83-out-of-memory', numbers: {service: 'imap', vsz_limit_mb: 1024}});
    expect(rec('Error: mmap(size=...) failed with file .../dovecot.index.cache: Cannot allocate memory')).toMatchObject({kind: 'mmap-cannot-allocate', numbers: {service: 'imap'}});
    expect(rec('imap-login: Maximum number of connections from user+IP exceeded')).toMatchObject({kind: 'userip-connections-exceeded', numbers: {protocol: 'imap'}});
  });
});
