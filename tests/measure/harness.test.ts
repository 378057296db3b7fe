// The load generator's IMAP response reader (literals must not end a response early) and the
// Dovecot log scan of the harness.
import {describe, expect, it} from 'vitest';
import {ResponseReader} from '../../scripts/measure/loadgen';
import {scanLog} from '../../scripts/measure/dovecot';
import {parseCacheStats} from '../../scripts/measure/authcache';

describe('ResponseReader', () => {
  it('skips literals, also when a tag-like line hides inside one and chunks split anywhere', async () => {
    const literal = 'Subject: x\r\nc OK fake\r\n';
    const wire = `* 1 FETCH (FLAGS (\\Seen) BODY[HEADER.FIELDS (SUBJECT)] {${literal.length}}\r\n${literal})\r\nc OK FETCH done\r\n`;
    for (const size of [1, 3, 7, wire.length]) {
      const r = new ResponseReader();
      const got = r.wait((l) => l.startsWith('c '));
      for (let i = 0; i < wire.length; i += size) r.feed(Buffer.from(wire.slice(i, i + size), 'latin1'));
      await expect(got).resolves.toBe('c OK FETCH done');
    }
  });

  it('rejects waiters when the connection closes and remembers BYE', async () => {
    const r = new ResponseReader();
    r.feed(Buffer.from('* BYE Connection queue full\r\n'));
    expect(r.bye).toBe('* BYE Connection queue full');
    const p = r.wait((l) => l.startsWith('a '));
    r.close(new Error('closed'));
    await expect(p).rejects.toThrow('closed');
  });
});

describe('scanLog', () => {
  it('counts logins and distinct imap PIDs, and collects limit lines once', () => {
    const log = [
      'Nov 30 13:05:47 imap-login: Info: Login: user=<user001>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=101, secured, session=<a>',
      'Nov 30 13:05:47 imap-login: Info: Logged in: user=<user002>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=101, TLS, session=<b>',
      'Nov 30 13:05:47 imap-login: Info: Login: user=<user003>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=102, secured, session=<c>',
      'Nov 30 13:05:47 master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped',
      'Nov 30 13:05:48 master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped',
      'Nov 30 13:05:58 master: Warning: Killed with signal 15 (by pid=22262 uid=0 code=kill)',
    ].join('\n');
    const f = scanLog(log);
    expect(f.loginLines).toBe(3);
    expect(f.distinctMailPids).toBe(2);
    expect(f.limitLines).toHaveLength(1);
    expect(f.limitLines[0]).toContain('process_limit (2) reached');
    expect(f.warnings).toHaveLength(1);
    expect(f.errors).toEqual([]);
  });
});

describe('parseCacheStats', () => {
  it('reads the three lines SIGUSR2 makes the auth process log (Dovecot 2.3.19.1)', () => {
    const log = [
      'Nov 30 13:40:01 auth: Info: Authentication cache hits 3/4 (75%)',
      'Nov 30 13:40:01 auth: Info: Authentication cache inserts: positive: 1 entries 114 bytes, negative: 0 entries 0 bytes',
      'Nov 30 13:40:01 auth: Info: Authentication cache current size: 114 bytes used of 10485760 bytes (0%)',
    ].join('\n');
    expect(parseCacheStats(log)).toEqual({hits: 3, lookups: 4, positiveEntries: 1, positiveBytes: 114, negativeEntries: 0, negativeBytes: 0, usedBytes: 114, sizeBytes: 10485760});
  });

  it('is null when the cache is off (no lines at all) or a line is missing', () => {
    expect(parseCacheStats('')).toBeNull();
    expect(parseCacheStats('auth: Info: Authentication cache hits 3/4 (75%)')).toBeNull();
  });
});
