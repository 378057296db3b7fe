// Version detection on the pieces people paste: Debian's conf.d files of 2.3 (bookworm) and 2.4
// (trixie), conf.d excerpts from installers and forum posts, and log lines. Every 2.3-only and
// 2.4-only kind of clue, "unknown" without one, then the site's version.
import {describe, expect, it} from 'vitest';
import {explain} from './index';

const v = (text: string, site?: '2.3' | '2.4') => explain(text, site ? {siteVersion: site} : {}).version;

describe('clues', () => {
  it('doveconf header wins, with the reason', () => {
    const r = v('# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\n# Pigeonhole version 0.5.19 (4eae2f79)\nprotocols = imap\n');
    expect(r).toMatchObject({version: '2.3', detected: '2.3', source: 'header', reason: 'the doveconf header "# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf" on line 1'});
  });

  it('dovecot_config_version', () => {
    expect(v('dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n')).toMatchObject({version: '2.4', source: 'config-version', reason: 'dovecot_config_version = 2.4.1 on line 1'});
  });

  it('service setting names of the catalog, in their blocks', () => {
    expect(v('service imap-login {\n  service_count = 0\n}\n')).toMatchObject({version: '2.3', source: 'setting-name', reason: 'service_count on line 2 exists only in Dovecot 2.3'});
    expect(v('service imap {\n  restart_request_count = unlimited\n}\n').version).toBe('2.4');
    expect(v('service/imap/process_limit = 10\n').version).toBe('2.4');
  });

  it("Debian 12's conf.d (2.3): mail_location, ssl_cert = <file, disable_plaintext_auth", () => {
    expect(v('mail_location = mbox:~/mail:INBOX=/var/mail/%u\nmail_privileged_group = mail\n')).toMatchObject({
      version: '2.3',
      source: 'setting-name',
      reason: 'mail_location on line 1 exists only in Dovecot 2.3',
    });
    expect(v('ssl = yes\nssl_cert = </etc/dovecot/private/dovecot.pem\nssl_key = </etc/dovecot/private/dovecot.key\n')).toMatchObject({version: '2.3', reason: 'ssl_cert on line 2 exists only in Dovecot 2.3 (and 1 more)'});
    expect(v('disable_plaintext_auth = yes\nauth_mechanisms = plain\n').version).toBe('2.3');
  });

  it("Debian 13's conf.d (2.4): mail_driver, ssl_server_cert_file, %{user | username}", () => {
    const mail = 'mail_driver = mbox\nmail_home = /home/%{user | username}\nmail_path = %{home}/mail\nmail_inbox_path = /var/mail/%{user}\nnamespace inbox {\n  inbox = yes\n}\n';
    expect(v(mail)).toMatchObject({version: '2.4', source: 'setting-name', reason: 'mail_driver on line 1 exists only in Dovecot 2.4 (and 2 more)'});
    expect(v('ssl = yes\nssl_server_cert_file = /etc/dovecot/private/dovecot.pem\n').version).toBe('2.4');
    expect(v('protocol lmtp {\n  auth_username_format = %{user | username | lower}\n}\n')).toMatchObject({version: '2.4', source: 'variable'});
  });

  it('names a 2.4 release after 2.4.1 added are 2.4 clues', () => {
    expect(v('imap4rev2_enable = yes\n')).toMatchObject({version: '2.4', source: 'setting-name', reason: 'imap4rev2_enable on line 1 exists only in Dovecot 2.4.2 and later'});
    expect(v('sqlite_synchronous = normal\n').version).toBe('2.4');
  });

  it('1.x names 2.3 still reads are 2.3 clues', () => {
    expect(v('protocol imap {\n  login_process_size = 64\n}\n').reason).toBe('login_process_size on line 2, a Dovecot 1.x name that 2.3 still reads (with a warning) and 2.4 refuses');
  });

  it('syntax: unnamed sections, plugin { }, $name references against 2.4 forms', () => {
    expect(v('passdb {\n  driver = pam\n}\n')).toMatchObject({version: '2.3', source: 'syntax', reason: 'the unnamed passdb { } on line 1 (2.4 requires a name)'});
    expect(v('service lmtp {\n  inet_listener {\n    port = 24\n  }\n}\n').version).toBe('2.3');
    expect(v('plugin {\n  sieve = file:~/sieve;active=~/.dovecot.sieve\n}\n').reason).toBe('the plugin { } section on line 1 (2.4 has none)');
    expect(v('mail_plugins = $mail_plugins quota\n').reason).toBe('the 2.3 reference $mail_plugins on line 1 (2.4 writes $SET:mail_plugins)');
    expect(v('service imap-login {\n  user = $default_login_user\n}\n').version).toBe('2.3');
    expect(v('mail_plugins {\n  quota = yes\n}\n')).toMatchObject({version: '2.4', reason: 'the 2.4 list syntax mail_plugins { … } on line 1'});
    expect(v('quota user {\n  quota_storage_size = 1G\n}\n').version).toBe('2.4');
    expect(v('group @metric_defaults proxy {\n}\n').version).toBe('2.4');
    expect(v('service imap-login {\n  user = $SET:default_login_user\n}\n').version).toBe('2.4');
  });

  it('short variables are a weak 2.3 clue; strftime formats are not variables', () => {
    expect(v('mail_home = /srv/mail/%d/%n\n')).toMatchObject({version: '2.3', source: 'variable'});
    expect(v('log_timestamp = "%Y-%m-%d %H:%M:%S "\n').detected).toBe('unknown');
    // a name outweighs a variable of the other version
    expect(v('mail_location = maildir:~/Maildir\nmail_home = /home/%{user | username}\n').version).toBe('2.3');
  });

  it('log wording', () => {
    expect(v('imap-login: Info: Login aborted: Connection queue full (client_limit and process_limit was hit and this login session was killed.) (process_full): user=<>\n')).toMatchObject({version: '2.4', source: 'log'});
    expect(v('master: Info: Dovecot v2.3.19.1 (9b53102964) starting up for imap\n').reason).toBe('"Dovecot v2.3.19.1 starting up" on line 1');
  });

  it('header beats a name of the other version, which is listed as a conflict', () => {
    const r = v('# 2.4.1-4 (7d8c0e5759): /etc/dovecot/dovecot.conf\nservice imap {\n  service_count = 0\n}\n');
    expect(r.version).toBe('2.4');
    expect(r.conflicts.map((c) => c.version)).toEqual(['2.3']);
  });
});

describe('no clue', () => {
  // the service blocks of Debian's stock 10-master.conf, the same in 2.3 and 2.4
  const MASTER = 'service imap-login {\n  inet_listener imap {\n  }\n  inet_listener imaps {\n  }\n}\nservice lmtp {\n  unix_listener lmtp {\n  }\n}\nservice auth {\n  unix_listener auth-userdb {\n  }\n}\n';

  it('is "unknown", and the analysis follows the site version', () => {
    expect(v(MASTER, '2.3')).toMatchObject({version: '2.3', detected: 'unknown', source: 'site', reason: 'nothing in the text says which version it is for, so it is read as Dovecot 2.3, the version chosen for this site'});
    expect(v(MASTER, '2.4')).toMatchObject({version: '2.4', detected: 'unknown', source: 'site'});
    expect(v('hello\n')).toMatchObject({version: '2.4', detected: 'unknown', source: 'default'});
    expect(explain(MASTER, {siteVersion: '2.3'}).migration).not.toBeNull();
  });

  it('an override wins and keeps what was detected', () => {
    const o = explain('service imap { \n service_count = 0\n}\n', {version: '2.4', siteVersion: '2.3'}).version;
    expect(o).toMatchObject({version: '2.4', detected: '2.3', source: 'override', reason: 'chosen by you (detected: service_count on line 2 exists only in Dovecot 2.3)'});
    expect(explain(MASTER, {version: '2.3'}).version.reason).toBe('chosen by you (nothing in the text says which version it is for)');
  });
});
