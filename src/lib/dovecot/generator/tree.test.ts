// The permalink comment on top of the config, and the auth-cache sizing explanation's link to
// the page that works the 300-bytes-per-user figure out.
import {describe, expect, it} from 'vitest';
import {parseConfig, printConfig} from '../conf';
import {generate, textWithPermalink} from './generate';

const LINK = 'https://wiki.example/generator?s=1&v=2.4&cores=8';

describe('textWithPermalink', () => {
  it('adds one comment line with the link on top and changes nothing else', () => {
    const out = generate({cores: 8});
    const text = textWithPermalink(out, LINK);
    expect(text).toBe(`# ${LINK}\n${out.text}`);
    expect(parseConfig(text).errors).toEqual([]);
  });

  it('leaves the text alone when comments are off', () => {
    const out = generate({comments: false});
    expect(textWithPermalink(out, LINK)).toBe(out.text);
  });

  it('cannot end the comment line early', () => {
    const out = generate({});
    const text = textWithPermalink(out, `${LINK}\nservice imap {\r\n}`);
    expect(text.split('\n')[0]).toBe(`# ${LINK}service imap {}`);
    expect(text.split('\n').slice(1).join('\n')).toBe(out.text);
  });

  it('prints through printConfig only (the tree is not changed)', () => {
    const out = generate({});
    const before = printConfig(out.tree);
    textWithPermalink(out, LINK);
    expect(printConfig(out.tree)).toBe(before);
  });
});

describe('auth_cache_size explanation', () => {
  it('says 300 bytes per user (a SHA512-CRYPT passdb entry and a userdb entry) × 3 headroom and links /auth-cache#sizing', () => {
    const e = generate({authCache: true, cacheUsers: 10_000}).explanations.find((x) => x.setting === 'auth_cache_size');
    expect(e?.value).toBe('10M');
    expect(e?.why).toMatch(/^300 bytes per user \(a passdb entry with a SHA512-CRYPT hash and a userdb entry\) × 3 headroom/);
    expect(e?.short).toBe('10000 users × 1 KiB (300 B × 3 headroom)');
    expect(e?.guide).toBe('/auth-cache#sizing');
  });
});
