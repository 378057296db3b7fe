import {describe, expect, it} from 'vitest';
import {dovecotGrammar} from './dovecot';

// Each token's pattern must match what a reader expects highlighted, and nothing beyond it.
function pattern(name: string): RegExp {
  const t = dovecotGrammar[name];
  return t instanceof RegExp ? t : t.pattern;
}

describe('dovecot Prism grammar', () => {
  it('finds section headers with and without names', () => {
    const re = new RegExp(pattern('section').source, 'gm');
    const text = 'service imap-login {\n  inet_listener imaps {\n  }\n}\npassdb {\n}';
    expect([...text.matchAll(re)].map((m) => m[0].trim())).toEqual(['service imap-login', 'inet_listener imaps', 'passdb']);
  });
  it('finds setting keys, including 2.4 flat forms', () => {
    const re = new RegExp(pattern('setting').source, 'gm');
    const text = 'process_limit = 1\nservice/imap/service_process_limit=5\n  client_limit = 10';
    expect([...text.matchAll(re)].map((m) => m[0].trim())).toEqual([
      'process_limit',
      'service/imap/service_process_limit',
      'client_limit',
    ]);
  });
  it('treats # as a comment only at the start or after white space', () => {
    const re = new RegExp(pattern('comment').source, 'gm');
    expect('a = b # why'.match(re)?.[0].trim()).toBe('# why');
    expect('# whole line'.match(re)?.[0]).toBe('# whole line');
  });
  it('knows !include and !include_try', () => {
    expect(pattern('directive').test('!include_try conf.d/*.conf')).toBe(true);
    expect(pattern('directive').test('!include auth-system.conf.ext')).toBe(true);
  });
});
