// The log decoder's fix, taken from the message real doveconf prints, applied to the configuration
// that made it print the message: the result must be clean in the same doveconf. Starts with
// "vsz_limit is too low", whose fix must be a value each version accepts (2.3 refuses `unlimited`).
import {beforeAll, describe, expect, it} from 'vitest';
import {normaliseLogLine} from '../../src/lib/dovecot/explain/input';
import {recogniseLog} from '../../src/lib/dovecot/explain/logs';
import {checkClean, requireBinaries} from './doveconf';

beforeAll(() => requireBinaries());

const block = (service: string, value: string) => `service ${service} {\n  vsz_limit = ${value}\n}\n`;

describe.each([
  {version: '2.3' as const, service: 'imap-login', bad: '512k'},
  {version: '2.3' as const, service: 'imap', bad: '1024'},
  {version: '2.4' as const, service: 'imap', bad: '0'},
  {version: '2.4' as const, service: 'imap-login', bad: '512k'},
])('vsz_limit = $bad in $service, Dovecot $version', ({version, service, bad}) => {
  it('the decoder reads doveconf\'s message and its fix is clean in the same doveconf', () => {
    const before = checkClean(version, block(service, bad));
    expect(before.clean).toBe(false);
    const line = before.stderr.split('\n').find((l) => l.includes('vsz_limit is too low'));
    expect(line, before.stderr).toBeDefined();
    const r = recogniseLog(normaliseLogLine(1, line!).log, version);
    expect(r?.kind).toBe('vsz-limit-too-low');
    const value = r!.fix!.value!;
    if (version === '2.3') expect(value).not.toBe('unlimited');
    const after = checkClean(version, block(service, value));
    expect(after.stderr).toBe('');
    expect(after.clean).toBe(true);
  });
});
