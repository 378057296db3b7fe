// The statistics behind the published figures: percentiles (linear interpolation, R-7),
// medians, the spread of repeated runs, ratios, and the IMAP response reader of the load
// generator (literals must not end a response early).
import {describe, expect, it} from 'vitest';
import {latencySummary, mean, median, percentile, ratio, sig, spread} from '../../scripts/measure/stats';
import {ResponseReader} from '../../scripts/measure/loadgen';
import {scanLog} from '../../scripts/measure/dovecot';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    const xs = [1, 2, 3, 4];
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(4);
    expect(percentile(xs, 50)).toBe(2.5);
    expect(percentile(xs, 25)).toBeCloseTo(1.75, 12);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBeCloseTo(95.5, 12);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 99)).toBeCloseTo(99.1, 12);
  });

  it('does not depend on input order and ignores NaN', () => {
    expect(percentile([5, 1, 4, NaN, 2, 3], 50)).toBe(3);
  });

  it('gives NaN for no data, the value for one, and rejects p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });

  it('p50 ≤ p95 ≤ p99 ≤ max on any data', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 100;
    for (let k = 0; k < 50; k++) {
      const xs = Array.from({length: 1 + (k % 17)}, rnd);
      const s = latencySummary(xs);
      expect(s.p50).toBeLessThanOrEqual(s.p95);
      expect(s.p95).toBeLessThanOrEqual(s.p99);
      expect(s.p99).toBeLessThanOrEqual(s.max);
      expect(s.n).toBe(xs.length);
    }
  });
});

describe('median, mean and spread', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mean([1, 2, 3, 6])).toBe(3);
  });

  it('spread of three runs: median, extremes and (max − min) / median', () => {
    const s = spread([100, 90, 120]);
    expect(s).toEqual({median: 100, min: 90, max: 120, relSpread: 0.3, n: 3});
  });

  it('spread of nothing is NaN, of equal zeros is 0', () => {
    expect(spread([]).n).toBe(0);
    expect(spread([]).median).toBeNaN();
    expect(spread([0, 0]).relSpread).toBe(0);
  });

  it('sig rounds to significant digits; ratio refuses a zero denominator', () => {
    expect(sig(123.456)).toBe(123);
    expect(sig(0.0123456, 2)).toBe(0.012);
    expect(sig(0)).toBe(0);
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(1, 0)).toBeNaN();
  });
});

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
