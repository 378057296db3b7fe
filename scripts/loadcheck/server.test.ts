/**
 * The config of a load-check run, built around the config under test, as the real doveconf of each
 * version reads it: accepted without a word, the config's own limits kept, paths and listeners
 * the harness's.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {generate, presetInput} from '../../src/lib/dovecot/generator';
import {parseLoadMarker} from '../../src/lib/loadcheck/claim';
import {systemPaths} from '../system-check';
import {makeCertificate} from '../measure/dovecot';
import {assembleConfig, doveconfCheck, listenerNames, type LoadDataDir} from './server';
import {limitsOf} from './check';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true});
});

/** A data directory with a certificate and an empty passwd file (no users: doveconf only). */
function dataDir(version: '2.3' | '2.4'): LoadDataDir {
  const root = version === '2.4' ? systemPaths.dovecot24Root : '';
  const base = version === '2.4' ? join(root, 'tmp') : '/tmp';
  mkdirSync(base, {recursive: true});
  const host = mkdtempSync(join(base, 'loadcheck-test-'));
  made.push(host);
  writeFileSync(join(host, 'passwd'), '');
  return {version, host, inner: root ? host.slice(root.length) : host, certPem: makeCertificate(host), users: [], tmpfs: false};
}

const ports = (version: '2.3' | '2.4') => Object.fromEntries(listenerNames(version).map((n, i) => [n, 20000 + i]));

describe.each(['2.3', '2.4'] as const)('the run config (Dovecot %s)', (version) => {
  const d = dataDir(version);

  it('wraps a generator output so that doveconf accepts it without a warning, keeping its limits', () => {
    const claim = parseLoadMarker('300 tls protocols=imap+pop3+lmtp+submission+sieve');
    const out = generate({...presetInput('maximum-isolation', version), output: 'blocks'});
    const a = assembleConfig(d, 'gen', out.text, claim, ports(version));
    writeFileSync(join(d.host, 'gen.conf'), a.text);
    expect(doveconfCheck(d, 'gen.conf')).toEqual({status: 0, stderr: ''});
    expect(a.removed).toEqual([]);
    expect(a.text).toContain(`protocols = imap pop3 lmtp submission sieve`);
    expect(a.text).toContain(`log_path = ${d.inner}/gen.log`);
    const limits = limitsOf(version, a.text);
    const planned = /service imap-login \{[^}]*?process_limit = (\d+)/.exec(out.text);
    expect(planned).not.toBeNull();
    expect(limits.processLimit['imap-login']).toBe(Number(planned![1]));
    expect(limits.processLimit['pop3-login']).toBeDefined();
  });

  it("replaces the config's paths, listeners, TLS files, auth databases and protocols with its own", () => {
    const own = [
      'protocols = imap pop3',
      'base_dir = /var/run/dovecot',
      'ssl_min_protocol = TLSv1.2',
      '!include_try local.conf',
      'passdb {',
      '  driver = pam',
      '}',
      'service imap-login {',
      '  inet_listener imaps {',
      '    port = 993',
      '  }',
      '  process_limit = 350',
      '}',
      '',
    ].join('\n');
    const a = assembleConfig(d, 'own', own, parseLoadMarker('100'), ports(version));
    expect(a.removed).toEqual([
      'protocols = imap pop3',
      'base_dir = /var/run/dovecot',
      'ssl_min_protocol = TLSv1.2',
      '!include local.conf',
      'passdb { … }',
      'service imap-login { inet_listener imaps { … } }',
    ]);
    writeFileSync(join(d.host, 'own.conf'), a.text);
    expect(doveconfCheck(d, 'own.conf')).toEqual({status: 0, stderr: ''});
    expect(a.text).not.toContain('993');
    expect(a.text).toMatch(/service imap-login \{\n {2}process_limit = 350\n {2}inet_listener imap \{\n {4}port = 20000\n/);
    expect(limitsOf(version, a.text).processLimit['imap-login']).toBe(350);
  });

  it('names the line of a config that does not parse', () => {
    expect(() => assembleConfig(d, 'bad', 'service imap {\n  process_limit = 5\n', parseLoadMarker('1'), ports(version))).toThrow(/config under test does not parse: line \d+/);
  });
});
