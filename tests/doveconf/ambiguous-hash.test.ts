// The `#` doveconf calls ambiguous (a comment that follows a character with no blank before it),
// found on the pasted text by explain/config.ts: the same lines real doveconf 2.3 and 2.4 warn
// about, in configs as people write them (a cipher list, a password, a trailing comment).
import {beforeAll, describe, expect, it} from 'vitest';
import {explain} from '../../src/lib/dovecot/explain';
import {requireBinaries, runDoveconf} from './doveconf';

beforeAll(() => requireBinaries());

const TEXT = [
  'ssl_cipher_list = ALL:!LOW:!SSLv2#:!EXP',
  'login_greeting = "Mail#server ready"',
  "postmaster_address = 'post#master@example.com'",
  'mail_max_userip_connections = 20# per user',
  'protocols = imap # a comment with a blank',
  '# a whole-line comment#',
  '',
].join('\n');

describe("doveconf's ambiguous '#' warning", () => {
  it.each(['2.3', '2.4'] as const)('the lines doveconf %s warns about', (version) => {
    const text = version === '2.4' ? `dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n${TEXT.replace('ssl_cipher_list', 'ssl_cipher_list')}` : TEXT;
    const predicted = explain(text, {version}).rules.filter((r) => r.id === 'W6').map((r) => r.line);
    const real = [...runDoveconf(version, text).stderr.matchAll(/line (\d+): Ambiguous '#' character/g)].map((m) => Number(m[1]));
    expect(predicted).toEqual([...new Set(real)]);
    expect(predicted.length).toBe(2);
  });
});
