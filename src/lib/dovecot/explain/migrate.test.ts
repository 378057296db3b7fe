// Each migration rule with its expected 2.4 text, written by hand.
import {describe, expect, it} from 'vitest';
import {parseConfig} from '../conf';
import {migrate23to24} from './migrate';

const HEAD = 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n';
const m = (text: string) => migrate23to24(parseConfig(text).tree);

describe('migrate23to24', () => {
  it('service_count → restart_request_count, 0 → unlimited', () => {
    const r = m('service imap-login {\n  service_count = 0\n}\nservice pop3-login {\n  service_count = 20\n}\n');
    expect(r.text).toBe(`${HEAD}service imap-login {\n  restart_request_count = unlimited # 2.3: service_count = 0\n}\nservice pop3-login {\n  restart_request_count = 20 # 2.3: service_count = 20\n}\n`);
    expect(r.complete).toBe(true);
    expect(r.changes.map((c) => c.text)).toEqual(['service_count = 0 → restart_request_count = unlimited', 'service_count = 20 → restart_request_count = 20']);
  });
  it('vsz_limit = 0 → unlimited, also default_vsz_limit', () => {
    expect(m('default_vsz_limit = 0\nservice imap {\n  vsz_limit = 0\n}\n').text).toBe(
      `${HEAD}default_vsz_limit = unlimited # 2.3: default_vsz_limit = 0\nservice imap {\n  vsz_limit = unlimited # 2.3: vsz_limit = 0\n}\n`);
  });
  it('process_limit = 0 / client_limit = 0 / idle_kill = 0 are dropped where 2.4 inherits the same default', () => {
    const r = m('service imap-login {\n  process_limit = 0\n  client_limit = 0\n  idle_kill = 0\n  process_min_avail = 1\n}\n');
    expect(r.text).toBe(`${HEAD}service imap-login {\n  process_min_avail = 1\n}\n`);
    expect(r.text).not.toContain('unlimited');
    expect(r.changes.map((c) => c.text)).toEqual(['process_limit = 0 dropped', 'client_limit = 0 dropped', 'idle_kill = 0 dropped']);
  });
  it('… and written out as the 2.3 default where 2.4 has a value of its own (imap process_limit 1024)', () => {
    expect(m('default_process_limit = 300\nservice imap {\n  process_limit = 0\n}\n').text).toBe(
      `${HEAD}default_process_limit = 300\nservice imap {\n  process_limit = 300 # 2.3: process_limit = 0\n}\n`);
  });
  it('idle_kill → idle_kill_interval with the changed meaning; default_idle_kill renamed; 0 → 1 secs', () => {
    const r = m('default_idle_kill = 0\nservice imap {\n  idle_kill = 5 mins\n}\n');
    expect(r.text).toBe(`${HEAD}default_idle_kill_interval = 1 secs # 2.3: default_idle_kill = 0\nservice imap {\n  idle_kill_interval = 5 mins # 2.3: idle_kill = 5 mins\n}\n`);
    expect(r.changes[1].note).toContain('the meaning changed');
    expect(m('service anvil {\n  idle_kill = 4294967295 secs\n}\n').text).toContain('idle_kill_interval = infinite');
  });
  it('auth_worker_max_count → service auth-worker { process_limit }, the smaller of the two 2.3 caps', () => {
    expect(m('auth_worker_max_count = 12\n').text).toBe(`${HEAD}service auth-worker {\n  process_limit = 12 # 2.3: auth_worker_max_count = 12\n}\n`);
    expect(m('auth_worker_max_count = 40\nservice auth-worker {\n  process_limit = 25\n}\n').text).toBe(
      `${HEAD}service auth-worker {\n  process_limit = 25 # 2.3: auth_worker_max_count = 40\n}\n`);
    expect(m('auth_worker_max_count = 0\n').complete).toBe(false);
  });
  it('$default_* → $SET:default_*, other variables are not converted', () => {
    expect(m('service imap-login {\n  user = $default_login_user\n}\n').text).toBe(`${HEAD}service imap-login {\n  user = $SET:default_login_user\n}\n`);
    const r = m('service imap {\n  executable = $foo\n}\n');
    expect(r.complete).toBe(false);
    expect(r.notConverted[0]).toMatchObject({line: 2, text: 'executable = $foo'});
  });
  it('inet_listener { address } → listen (commas become spaces)', () => {
    expect(m('service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1, ::1\n    port = 143\n  }\n}\n').text).toBe(
      `${HEAD}service imap-login {\n  inet_listener imap {\n    listen = 127.0.0.1 ::1 # 2.3: address = 127.0.0.1, ::1\n    port = 143\n  }\n}\n`);
  });
  it('auth cache: bare size under 1024 was megabytes, times get units', () => {
    expect(m('auth_cache_size = 100\nauth_cache_ttl = 3600\nauth_cache_negative_ttl = 0\n').text).toBe(
      `${HEAD}auth_cache_size = 100M # 2.3: auth_cache_size = 100\nauth_cache_ttl = 3600 secs\nauth_cache_negative_ttl = 0\n`);
  });
  it('lists what it cannot convert: other settings, sections, includes, removed services', () => {
    const r = m('mail_location = maildir:~/Maildir\npassdb {\n  driver = pam\n}\n!include conf.d/*.conf\nservice director {\n  process_limit = 1\n}\nlogin_access_sockets = tcpwrap\n');
    expect(r.complete).toBe(false);
    expect(r.notConverted.map((n) => n.line)).toEqual([1, 2, 5, 6, 9]);
    expect(r.text).toBe(HEAD);
  });
  it('raises auth client_limit where doveconf 2.4 would warn (1024 + 100 + 100)', () => {
    const r = m('protocols = imap\nservice imap {\n  service_count = 0\n}\n');
    expect(r.text).toContain('service auth {\n  client_limit = 1224 #');
    expect(r.complete).toBe(true);
  });
  it('never throws on a 2.4 or empty config', () => {
    expect(m('').text).toBe(HEAD);
    expect(m('dovecot_config_version = 2.4.1\n').text).toBe(HEAD);
  });
  it('repeated blocks convert alike, each change and gap on its own line', () => {
    const block = 'service imap-login {\n  service_count = 0\n  chroot = $foo\n}\n';
    const r = m(block + block);
    expect(r.changes.map((c) => [c.line, c.text])).toEqual([
      [2, 'service_count = 0 → restart_request_count = unlimited'],
      [6, 'service_count = 0 → restart_request_count = unlimited'],
    ]);
    expect(r.notConverted.map((c) => c.line)).toEqual([3, 7]);
    expect(r.text).toBe(`${HEAD}${'service imap-login {\n  restart_request_count = unlimited # 2.3: service_count = 0\n}\n'.repeat(2)}`);
  });
  it('leaves the 2.3 tree as it was, also where a limit it kept is raised', () => {
    const tree = parseConfig('protocols = imap\nservice auth {\n  client_limit = 10\n}\nauth_worker_max_count = 5\nservice auth-worker {\n  process_limit = 9\n}\n').tree;
    const before = JSON.stringify(tree);
    const r = migrate23to24(tree);
    expect(r.text).toContain('client_limit = 200 # doveconf 2.4 warned');
    expect(r.text).toContain('process_limit = 5 # 2.3: auth_worker_max_count = 5');
    expect(JSON.stringify(tree)).toBe(before);
  });
  it('keeps warning when a later service auth block overrides the client_limit raised', () => {
    const r = m('protocols = imap\nservice auth {\n  client_limit = 10\n}\nservice auth {\n  client_limit = 20\n}\n');
    expect(r.text).toContain('service auth {\n  client_limit = 200 # doveconf 2.4 warned');
    expect(r.text).toContain('client_limit = 20\n');
    expect(r.changes.filter((c) => c.text === 'service auth { client_limit = 200 }')).toHaveLength(3);
    expect(r.notConverted.map((n) => n.text)).toEqual([expect.stringContaining('service auth { client_limit=20 } is lower than required')]);
  });
  it('names unnamed inet_listeners: 2.3 adds them next to the built-in ones, 2.4 needs a name', () => {
    // Postfix's LMTP over TCP and a second IMAP port, as 2.3 configs write them
    const r = m('service lmtp {\n  inet_listener {\n    port = 24\n  }\n}\nservice imap-login {\n  inet_listener {\n    port = 1143\n  }\n  inet_listener imap_1143 {\n    port = 0\n  }\n  inet_listener {\n    address = 127.0.0.1\n  }\n}\n');
    expect(r.text).toBe(`${HEAD}service lmtp {\n  inet_listener lmtp {\n    port = 24\n  }\n}\nservice imap-login {\n  inet_listener imap_2 {\n    port = 1143\n  }\n  inet_listener imap_1143 {\n    port = 0\n  }\n  inet_listener imap_3 {\n    listen = 127.0.0.1 # 2.3: address = 127.0.0.1\n  }\n}\n`);
    expect(r.complete).toBe(true);
    expect(r.changes.map((c) => [c.line, c.text])).toEqual([
      [1, 'lmtp: default changed'],
      [2, 'inet_listener { } → inet_listener lmtp { }'],
      [7, 'inet_listener { } → inet_listener imap_2 { }'],
      [13, 'inet_listener { } → inet_listener imap_3 { }'],
      [14, 'address = 127.0.0.1 → listen = 127.0.0.1'],
    ]);
    // never a built-in listener's name (that would replace it), never a name read as a listener type
    const doveadm = m('service doveadm {\n  inet_listener {\n    port = 12345\n  }\n}\nservice auth {\n  inet_listener {\n    port = 12346\n  }\n}\n').text;
    expect(doveadm).toContain('inet_listener doveadm {');
    expect(doveadm).toContain('inet_listener auth_12346 {');
  });
  it('lists an unnamed unix_listener (2.3 takes it, with no socket path)', () => {
    const r = m('service lmtp {\n  unix_listener {\n    mode = 0666\n  }\n}\n');
    expect(r.notConverted.map((c) => [c.line, c.text])).toEqual([[2, 'unix_listener { … } in service lmtp']]);
  });
});
