import {describe, expect, it} from 'vitest';
import {explain} from './index';

describe('version detection', () => {
  it('doveconf header wins, with the reason', () => {
    const r = explain('# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\n# Pigeonhole version 0.5.19 (4eae2f79)\nprotocols = imap\n');
    expect(r.version.version).toBe('2.3');
    expect(r.version.source).toBe('header');
    expect(r.version.reason).toBe('the doveconf header "# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf" on line 1');
  });
  it('dovecot_config_version', () => {
    const r = explain('dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n');
    expect(r.version).toMatchObject({version: '2.4', source: 'config-version', reason: 'dovecot_config_version = 2.4.1 on line 1'});
  });
  it('names that exist in one version only', () => {
    const r = explain('service imap-login {\n  service_count = 0\n}\n');
    expect(r.version).toMatchObject({version: '2.3', source: 'setting-name', reason: 'service_count on line 2 exists only in Dovecot 2.3'});
    expect(explain('service imap {\n  restart_request_count = unlimited\n}\n').version.version).toBe('2.4');
    expect(explain('service imap-login {\n  user = $default_login_user\n}\n').version.version).toBe('2.3');
    expect(explain('service/imap/process_limit = 10\n').version.version).toBe('2.4');
  });
  it('log wording', () => {
    const r = explain('imap-login: Info: Login aborted: Connection queue full (client_limit and process_limit was hit and this login session was killed.) (process_full): user=<>\n');
    expect(r.version).toMatchObject({version: '2.4', source: 'log'});
    const s = explain('master: Info: Dovecot v2.3.19.1 (9b53102964) starting up for imap\n');
    expect(s.version.reason).toBe('"Dovecot v2.3.19.1 starting up" on line 1');
  });
  it('header beats a name of the other version, which is listed as a conflict', () => {
    const r = explain('# 2.4.1-4 (7d8c0e5759): /etc/dovecot/dovecot.conf\nservice imap {\n  service_count = 0\n}\n');
    expect(r.version.version).toBe('2.4');
    expect(r.version.conflicts.map((c) => c.version)).toEqual(['2.3']);
  });
  it('nothing to go by: the site default 2.4; an override wins and keeps the detected reason', () => {
    expect(explain('hello\n').version).toMatchObject({version: '2.4', source: 'default'});
    const o = explain('service imap { \n service_count = 0\n}\n', {version: '2.4'});
    expect(o.version.version).toBe('2.4');
    expect(o.version.source).toBe('override');
    expect(o.version.reason).toBe('chosen by you (detected: service_count on line 2 exists only in Dovecot 2.3)');
  });
});
