// 2.3's handling of Dovecot 1.x/2.0 names (W5): the warnings rules.ts predicts, and the service
// limits those names set, equal what the real doveconf 2.3.19.1 prints, line for line. Inputs are
// the old names as configs from installers of that time still carry them.
import {beforeAll, describe, expect, it} from 'vitest';
import {parseConfig} from '../../src/lib/dovecot/conf';
import {migrate23to24} from '../../src/lib/dovecot/explain/migrate';
import {analyzeConfig, doveconfStderr} from '../../src/lib/dovecot/rules';
import {OBSOLETE_23_NAMES} from '../../src/lib/dovecot/rulesObsolete';
import {checkClean, requireBinaries, runDoveconf} from './doveconf';

beforeAll(() => requireBinaries());

/** doveconf's stderr lines, each once (2.3 prints warnings again from managesieve-login). */
function stderrLines(stderr: string, path: RegExp): string[] {
  const out: string[] = [];
  for (const l of stderr.split('\n')) {
    if (l === '' || l.includes('dump-capability process returned')) continue;
    const t = l.replace(path, 'dovecot.conf');
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

const CASES: [string, string][] = [
  ['imaps and pop3s in protocols (Debian 6 era)', 'protocols = imap imaps pop3s\n'],
  ['managesieve in protocols, protocol managesieve {}', 'protocols = imap managesieve\nprotocol managesieve {\n  mail_max_userip_connections = 5\n}\n'],
  ['login_* names set the login services (W1/W2 follow from them)', 'protocols = imap pop3\nlogin_process_size = 64\nlogin_max_processes_count = 2000\nlogin_processes_count = 3\n'],
  ['mail_* names inside protocol filters', 'protocols = imap pop3\nprotocol imap {\n  mail_process_size = 512\n  max_mail_processes = 2000\n}\n'],
  ['ssl file names and removed settings', 'ssl_cert_file = /dev/null\nssl_key_file =\nfsync_disable = no\nlogin_dir = /run/dovecot/login\n'],
  ['login_process_per_connection = no counts the login services for auth', 'protocols = imap\nlogin_process_per_connection = no\nservice imap {\n  process_limit = 1000\n}\n'],
];

describe('2.3 obsolete names (W5)', () => {
  it.each(CASES)('%s', (_name, text) => {
    const report = analyzeConfig('2.3', parseConfig(text).tree, {obsolete23: OBSOLETE_23_NAMES});
    const r = runDoveconf('2.3', text);
    expect(r.exitCode).toBe(report.fatal ? 89 : 0);
    const real = stderrLines(r.stderr, /\/tmp\/run\.[^/]+\/dovecot\.conf/g);
    const counted = (l: string) => l.replace(/(Counted[^:]*: )(.*)$/, (_m, a: string, b: string) => a + b.split(' + ').sort().join(' + '));
    expect(doveconfStderr(report, 'dovecot.conf').map(counted)).toEqual(real.map(counted));
    expect(report.warnings.some((w) => w.id === 'W5')).toBe(true);
  });
});

describe('the migration of those names', () => {
  it.each(CASES)('%s: clean in 2.4, every old name converted or listed', (_name, text) => {
    const m = migrate23to24(parseConfig(text).tree);
    const r = checkClean('2.4', m.text);
    expect(r.stderr).toBe('');
    for (const [i, line] of text.split('\n').entries()) {
      const key = /^\s*([a-z_]+) =/.exec(line)?.[1];
      if (key && (key.startsWith('login_') || key.startsWith('max_mail') || key === 'mail_process_size')) {
        expect(m.changes.some((c) => c.line === i + 1) || m.notConverted.some((c) => c.line === i + 1), line).toBe(true);
      }
    }
  });
  it('login_max_processes_count becomes process_limit of the enabled login services', () => {
    const m = migrate23to24(parseConfig('protocols = imap pop3\nlogin_max_processes_count = 2000\nlogin_process_size = 64\n').tree);
    expect(m.text).toContain('service imap-login {\n  process_limit = 2000 # 2.3: login_max_processes_count = 2000\n  vsz_limit = 64 M # 2.3: login_process_size = 64\n}');
    expect(m.text).toContain('service pop3-login {');
    expect(m.text).not.toContain('managesieve-login');
  });
});
