// 2.4's named-list sections against the real doveconf 2.4.1: each type of NAMED_SECTIONS_24
// without a name stops doveconf with exactly the line rules.ts predicts, and the same section
// with a name does not; 2.3 accepts an unnamed listener. The migration names unnamed listeners
// so that the result is clean in 2.4.
import {beforeAll, describe, expect, it} from 'vitest';
import {parseConfig} from '../../src/lib/dovecot/conf';
import {migrate23to24} from '../../src/lib/dovecot/explain/migrate';
import {analyzeConfig, doveconfStderr, NAMED_SECTIONS_24} from '../../src/lib/dovecot/rules';
import {checkClean, requireBinaries, runDoveconf} from './doveconf';

beforeAll(() => requireBinaries());

const HEAD = 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n';

/** The section in a place 2.4 allows it: listeners in a service, a mailbox in a namespace. */
function withSection(type: string, name: string): string {
  const open = name === '' ? `${type} {` : `${type} ${name} {`;
  if (type.endsWith('_listener')) return `${HEAD}service imap {\n  ${open}\n  }\n}\n`;
  if (type === 'mailbox') return `${HEAD}namespace inbox {\n  ${open}\n  }\n}\n`;
  return `${HEAD}${open}\n}\n`;
}

/** The stderr line doveconf prints for its fatal error, with the path of its config file. */
function fatalLine(stderr: string): string {
  return (stderr.split('\n').find((l) => l.startsWith('doveconf: Fatal: ')) ?? '').replace(/\/cfg\/run\.[^/]+\/dovecot\.conf/, 'dovecot.conf');
}

describe('2.4 named-list sections', () => {
  it.each([...NAMED_SECTIONS_24])('%s without a name: doveconf 2.4.1 stops as rules.ts predicts', (type) => {
    const text = withSection(type, '');
    const report = analyzeConfig('2.4', parseConfig(text).tree);
    expect(report.fatal?.id).toBe('E20');
    const r = runDoveconf('2.4', text);
    expect(r.exitCode).toBe(89);
    expect(fatalLine(r.stderr)).toBe(doveconfStderr(report, 'dovecot.conf').at(-1));
    // with a name, the missing name is no longer what doveconf complains about
    const named = runDoveconf('2.4', withSection(type, 'x'));
    expect(named.stderr).not.toContain('is missing section name');
  });

  it('2.3 accepts an unnamed listener, and the migration names it so 2.4 accepts the result', () => {
    const text = 'protocols = imap lmtp\nservice lmtp {\n  inet_listener {\n    port = 24\n  }\n}\nservice imap-login {\n  inet_listener {\n    port = 1143\n  }\n}\nservice doveadm {\n  inet_listener {\n    port = 12345\n  }\n}\n';
    expect(runDoveconf('2.3', text)).toMatchObject({exitCode: 0});
    const m = migrate23to24(parseConfig(text).tree);
    expect(m.notConverted).toEqual([]);
    const r = checkClean('2.4', m.text);
    expect(r.stderr).toBe('');
    expect(r.clean).toBe(true);
  });
});
