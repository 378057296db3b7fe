import {describe, expect, it} from 'vitest';
import {DEFAULT_SITE_URL, siteUrlFrom} from './siteUrl';

describe('siteUrlFrom (SITE_URL)', () => {
  it('defaults when unset or empty', () => {
    expect(siteUrlFrom(undefined)).toBe(DEFAULT_SITE_URL);
    expect(siteUrlFrom('  ')).toBe(DEFAULT_SITE_URL);
  });
  it('keeps an origin, without a trailing slash, with its port', () => {
    expect(siteUrlFrom('https://wiki.example.net/')).toBe('https://wiki.example.net');
    expect(siteUrlFrom('http://127.0.0.1:3210')).toBe('http://127.0.0.1:3210');
    expect(siteUrlFrom('HTTPS://Wiki.Example.NET')).toBe('https://wiki.example.net');
  });
  it('refuses what is not an origin, saying why', () => {
    expect(() => siteUrlFrom('wiki.example.net')).toThrow(/is not a URL/);
    expect(() => siteUrlFrom('ftp://wiki.example.net')).toThrow(/only http and https/);
    expect(() => siteUrlFrom('https://example.net/dovecot/')).toThrow(/origin only \(like https:\/\/example.net\)/);
    expect(() => siteUrlFrom('https://example.net/?x=1')).toThrow(/origin only/);
    expect(() => siteUrlFrom('https://user:pw@example.net')).toThrow(/origin only/);
  });
});
