// The HTTP rules of the production server, case by case against RFC 9110's text.
import {describe, expect, it} from 'vitest';
import {
  contentType,
  entityTag,
  httpDate,
  ifMatchPasses,
  ifRangePasses,
  negotiateEncoding,
  noneMatchHits,
  parseRange,
  parseRequestPath,
  safeQuery,
} from './http';

describe('request paths', () => {
  it.each([
    ['/', [], false],
    ['/services', ['services'], false],
    ['/services/', ['services'], true],
    ['/a//b', ['a', 'b'], false],
    ['/a/./b', ['a', 'b'], false],
    ['/a/b/../c', ['a', 'c'], false],
    ['/a/b/..', ['a'], true],
    ['/a/%2e%2e/c', ['c'], false],
    ['/caf%C3%A9?x=%', ['café'], false],
    ['/a#frag', ['a'], false],
    ['http://host.example/a/../b?q', ['b'], false],
    ['http://host.example', [], false],
  ])('%s → %j', (target, segments, trailingSlash) => {
    expect(parseRequestPath(target)).toEqual({ok: true, segments, trailingSlash});
  });

  it.each([
    ['/..', 400],
    ['/../etc/passwd', 400],
    ['/a/../../etc/passwd', 400],
    ['/%2e%2e/etc/passwd', 400],
    ['/..%2fetc%2fpasswd', 400],
    ['/..%5c..%5cwindows', 400],
    ['/index.html%00.png', 400],
    ['/%', 400],
    ['/%zz', 400],
    ['/%C0%AF', 400],
    ['/%E0%A4%A', 400],
    ['*', 400],
    ['example.com:443', 400],
    [`/${'a'.repeat(1025)}`, 414],
  ])('%s is refused with %i', (target, status) => {
    const r = parseRequestPath(target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toBe(status);
  });

  it('a long query does not make the path too long', () => {
    expect(parseRequestPath(`/calculator?${'a'.repeat(10_000)}`)).toEqual({ok: true, segments: ['calculator'], trailingSlash: false});
  });

  it('repeats a query safely in a Location header', () => {
    expect(safeQuery('/a/?s=1;v=2.4&x=%41')).toBe('?s=1;v=2.4&x=%41');
    expect(safeQuery('/a/')).toBe('');
    expect(safeQuery('/a/?x=a b\u00e9')).toBe('?x=a%20b%E9');
  });
});

describe('byte ranges (RFC 9110 §14)', () => {
  const size = 100;
  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=10-', 10, 99],
    ['bytes=-10', 90, 99],
    ['bytes=-1', 99, 99],
    ['bytes=-1000', 0, 99],
    ['bytes=0-99999999999999999999', 0, 99],
    ['bytes=99-99', 99, 99],
    ['bytes=50-150', 50, 99],
    ['BYTES=0-0', 0, 0],
    ['bytes=0-1, 2-3', 0, 3],
    ['bytes=0-10,5-20', 0, 20],
    ['bytes=0-1,,', 0, 1],
    ['bytes=0-1,200-300', 0, 1],
    ['bytes=00000-00009', 0, 9],
  ])('%s → %i-%i', (header, start, end) => {
    expect(parseRange(header, size)).toEqual({kind: 'range', start, end});
  });

  it.each(['bytes=100-', 'bytes=100-200', 'bytes=-0', 'bytes=99999999999999999999-', 'bytes=100-,200-', 'bytes=-0,-0'])(
    '%s is unsatisfiable (416)',
    (header) => {
      expect(parseRange(header, size)).toEqual({kind: 'unsatisfiable'});
    },
  );

  it.each([
    undefined,
    'bytes=5-1',
    'bytes=2-1',
    'bytes=abc',
    'bytes=',
    'bytes=-',
    'bytes=--1',
    'bytes=-1-2',
    'bytes=+1-2',
    'bytes=1.5-2',
    'bytes=1-2-3',
    'bytes=0x10-20',
    'bytes 0-1',
    'bytes =0-1',
    'items=0-1',
    '=0-1',
    'bytes=0-1,5-6',
    'bytes=0-1,abc',
    'bytes=0-1,9-3',
    `bytes=${Array.from({length: 17}, (_, i) => `${i * 2}-${i * 2}`).join(',')}`,
  ])('%s is ignored (200)', (header) => {
    expect(parseRange(header, size)).toEqual({kind: 'ignore'});
  });

  it('an empty representation has no satisfiable range', () => {
    expect(parseRange('bytes=0-0', 0)).toEqual({kind: 'unsatisfiable'});
    expect(parseRange('bytes=-5', 0)).toEqual({kind: 'unsatisfiable'});
  });
});

describe('content codings (RFC 9110 §12.5.3)', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['BR', 'br'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0,gzip', 'gzip'],
    ['br; q=0 , gzip', 'gzip'],
    ['br;Q=0, gzip', 'gzip'],
    ['gzip;q=0', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0.001, gzip;q=0.001', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['*;q=0, identity', 'identity'],
    ['identity', 'identity'],
    ['identity;q=0, gzip', 'gzip'],
    ['deflate', 'identity'],
    ['br;q=2', 'identity'],
    ['br;q=0.0001', 'identity'],
    ['br;q=abc, gzip', 'gzip'],
    ['br, br;q=0', 'br'],
  ] as const)('%j → %s', (header, coding) => {
    expect(negotiateEncoding(header, both)).toBe(coding);
  });

  it.each(['identity;q=0', '*;q=0', 'br;q=0,gzip;q=0,identity;q=0', 'deflate, identity;q=0'])('%j accepts nothing there is (406)', (header) => {
    expect(negotiateEncoding(header, both)).toBeNull();
  });

  it('only offers the codings a file has', () => {
    expect(negotiateEncoding('br, gzip', [])).toBe('identity');
    expect(negotiateEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(negotiateEncoding('br, identity;q=0', [])).toBeNull();
  });
});

describe('validators (RFC 9110 §8.8, §13)', () => {
  const tag = entityTag(1234, 1_700_000_000_123.4, 'identity');
  const br = entityTag(1234, 1_700_000_000_123.4, 'br');
  it('gives each coding of a file its own strong tag', () => {
    expect(tag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(br).not.toBe(tag);
    expect(entityTag(1235, 1_700_000_000_123.4, 'identity')).not.toBe(tag);
  });
  it('If-None-Match compares weakly, If-Match strongly', () => {
    expect(noneMatchHits(tag, tag)).toBe(true);
    expect(noneMatchHits(`W/${tag}`, tag)).toBe(true);
    expect(noneMatchHits(`"x", ${tag}`, tag)).toBe(true);
    expect(noneMatchHits('*', tag)).toBe(true);
    expect(noneMatchHits(br, tag)).toBe(false);
    expect(noneMatchHits('garbage', tag)).toBe(false);
    expect(ifMatchPasses(tag, tag)).toBe(true);
    expect(ifMatchPasses('*', tag)).toBe(true);
    expect(ifMatchPasses(`W/${tag}`, tag)).toBe(false);
    expect(ifMatchPasses('"other"', tag)).toBe(false);
  });
  it('If-Range takes a strong tag or the exact date', () => {
    const date = 'Tue, 14 Nov 2023 22:13:20 GMT';
    expect(ifRangePasses(undefined, tag, date)).toBe(true);
    expect(ifRangePasses(tag, tag, date)).toBe(true);
    expect(ifRangePasses(`W/${tag}`, tag, date)).toBe(false);
    expect(ifRangePasses('"other"', tag, date)).toBe(false);
    expect(ifRangePasses(date, tag, date)).toBe(true);
    expect(ifRangePasses('Tue, 14 Nov 2023 22:13:21 GMT', tag, date)).toBe(false);
  });
  it('reads HTTP dates and ignores anything else', () => {
    expect(httpDate('Tue, 14 Nov 2023 22:13:20 GMT')).toBe(1_700_000_000);
    expect(httpDate('yesterday')).toBeNull();
    expect(httpDate(undefined)).toBeNull();
    expect(httpDate('x'.repeat(100))).toBeNull();
  });
});

describe('media types', () => {
  it.each([
    ['/services.html', 'text/html; charset=utf-8'],
    ['/assets/js/main.1a2b.js', 'text/javascript; charset=utf-8'],
    ['/katex/fonts/KaTeX_Main-Regular.woff2', 'font/woff2'],
    ['/img/favicon.svg', 'image/svg+xml'],
    ['/sitemap.xml', 'application/xml; charset=utf-8'],
    ['/file.unknown', 'application/octet-stream'],
    ['/noextension', 'application/octet-stream'],
  ])('%s is %s', (path, type) => {
    expect(contentType(path)).toBe(type);
  });
});
