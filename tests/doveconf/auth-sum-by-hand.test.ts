// /services/process-limit#auth-sum-by-hand shows how to redo the auth client_limit sum by hand
// from `doveconf -a` (for Dovecot before 2.3.16, whose warning prints only the total). The awk
// program is taken from the page as published and run on real doveconf 2.3 output: its sum must
// be the number real doveconf prints in its warning, for configurations that count different
// services.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {beforeAll, describe, expect, it} from 'vitest';
import {requireBinaries, runDoveconf} from './doveconf';

beforeAll(() => requireBinaries());

const TITLE = 'The auth client_limit sum from doveconf -a (Dovecot 2.3)';

function awkProgram(): string {
  const page = readFileSync('docs/services/process-limit.mdx', 'utf8');
  const start = page.indexOf(`\`\`\`sh title="${TITLE}"`);
  expect(start, 'the block is on the page').toBeGreaterThanOrEqual(0);
  const body = page.slice(page.indexOf('\n', start) + 1, page.indexOf('\n```', start));
  const m = /^doveconf -a \| awk '\n([\s\S]*)'$/.exec(body);
  expect(m, body).not.toBeNull();
  return m![1];
}

const CONFIGS = [
  'protocols = imap\nservice imap {\n  service_count = 0\n}\n',
  'protocols = imap pop3 lmtp\nservice imap {\n  service_count = 100\n}\n',
  'protocols = imap pop3\ndefault_process_limit = 300\nservice imap-login {\n  process_limit = 1000\n}\nservice pop3 {\n  service_count = 0\n  process_limit = 0\n}\n',
  'protocols = imap submission sieve\nservice imap-login {\n  service_count = 0\n  process_limit = 900\n}\nservice imap-hibernate {\n  service_count = 0\n}\n',
];

describe('the auth client_limit sum by hand (Dovecot 2.3)', () => {
  it.each(CONFIGS)('matches the number in doveconf\'s warning: %s', (conf) => {
    const warned = /is lower than required under max\. load \((\d+)\)/.exec(runDoveconf('2.3', conf).stderr);
    expect(warned, 'each configuration makes doveconf warn').not.toBeNull();
    const all = runDoveconf('2.3', conf, ['-a']);
    expect(all.exitCode).toBe(0);
    const awk = spawnSync('awk', [awkProgram()], {input: all.stdout, encoding: 'utf8'});
    expect(awk.status, awk.stderr).toBe(0);
    expect(awk.stdout.trim().split('\n').pop()).toBe(`sum: ${warned![1]}`);
  });
});
