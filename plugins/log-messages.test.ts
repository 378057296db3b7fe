import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {TROUBLESHOOTING_MDX, extractLogMessages} from './log-messages';

describe('extractLogMessages', () => {
  it('gives each ```text line to the heading above it, in both versions, and skips other blocks', () => {
    const mdx = [
      '## Limits {#limits}',
      '### process_limit reached {#process-limit-reached}',
      '```text',
      'master: Warning: service(imap-login): process_limit (100) reached',
      '```',
      '<V23Block>',
      '',
      '```text',
      'imap-login: Info: Disconnected: Connection queue full',
      '```',
      '',
      '</V23Block>',
      '```dovecot title="x" version=2.4',
      'service imap {',
      '}',
      '```',
      '### `fd limit` {#fd-limit}',
      '````text',
      'master: Warning: fd limit (ulimit -n) is lower',
      '```',
      'still inside',
      '````',
      '### No message here {#none}',
      '```ini',
      '[Service]',
      '```',
    ].join('\n');
    expect(extractLogMessages(mdx)).toEqual([
      {
        id: 'process-limit-reached',
        title: 'process_limit reached',
        lines: ['master: Warning: service(imap-login): process_limit (100) reached', 'imap-login: Info: Disconnected: Connection queue full'],
      },
      {id: 'fd-limit', title: 'fd limit', lines: ['master: Warning: fd limit (ulimit -n) is lower', '```', 'still inside']},
    ]);
  });

  it('finds the entries of the real page', () => {
    const entries = extractLogMessages(readFileSync(TROUBLESHOOTING_MDX, 'utf8'));
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.find((e) => e.id === 'process-limit-reached')?.lines).toEqual([
      'master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped',
    ]);
    for (const e of entries) expect(e.id).toMatch(/^[a-z0-9-]+$/);
  });
});
