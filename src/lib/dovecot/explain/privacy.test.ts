import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {TROUBLESHOOTING_ANCHORS} from './anchors';
import {findSecrets, redact} from './redact';
import {decodeShare, encodeShare, MAX_SHARE_FRAGMENT} from './share';

describe('findSecrets / redact', () => {
  it('finds passwords, keys and connect strings in configs, not doveconf\'s hidden marker', () => {
    const text = 'ssl_key_password = hunter2\nssl_key = </etc/key.pem\nconnect = host=db user=x password=y\nssl_key = # hidden, use -P to dump it\nprocess_limit = 5\n';
    const spans = findSecrets(text);
    expect(spans.map((s) => [s.line, s.kind, text.slice(s.start, s.end)])).toEqual([
      [1, 'secret', 'hunter2'],
      [2, 'secret', '</etc/key.pem'],
      [3, 'secret', 'host=db user=x password=y'],
    ]);
    expect(redact(text, spans)).toBe('ssl_key_password = [redacted]\nssl_key = [redacted]\nconnect = [redacted]\nssl_key = # hidden, use -P to dump it\nprocess_limit = 5\n');
  });
  it('finds user names and addresses in log lines', () => {
    const text = 'Nov 30 imap-login: Info: Login: user=<bob@example.com>, method=PLAIN, rip=203.0.113.5, lip=192.0.2.1, session=<x>\nimap(alice@example.org)<77><s>: Info: Logged out\nimap-login: Info: Disconnected: user=<>, rip=10.0.0.1\n';
    const spans = findSecrets(text);
    expect(spans.map((s) => [s.line, s.kind, text.slice(s.start, s.end)])).toEqual([
      [1, 'user', 'bob@example.com'],
      [1, 'ip', '203.0.113.5'],
      [1, 'ip', '192.0.2.1'],
      [2, 'user', 'alice@example.org'],
      [3, 'ip', '10.0.0.1'],
    ]);
    expect(redact(text, spans).split('\n')[0]).toBe('Nov 30 imap-login: Info: Login: user=<[user]>, method=PLAIN, rip=[ip], lip=[ip], session=<x>');
  });
  it("never touches Dovecot's variables: format strings, %{env:…} secrets, templates of configs", () => {
    // mailcow's and iRedMail's login_log_format_elements, the official image's passdb
    const text = [
      'login_log_format_elements = "user=<%u> method=%m rip=%r lip=%l mpid=%e %c %k"',
      'mail_log_prefix = "%s(%u)<%{pid}><%{session}>: "',
      "passdb_static_password = %{env:USER_PASSWORD | default('password')}",
      'connect = host=db dbname=mail user=dovecot password=%{env:DB_PASSWORD}',
      'auth_master_user_separator = *',
      'imap-login: Info: Login: user=<bob@example.com>, rip=203.0.113.5',
    ].join('\n');
    const spans = findSecrets(text);
    expect(spans.map((s) => [s.line, text.slice(s.start, s.end)])).toEqual([
      [4, 'host=db dbname=mail user=dovecot password='],
      [6, 'bob@example.com'],
      [6, '203.0.113.5'],
    ]);
    const out = redact(text, spans);
    for (const v of ['%u', '%m', '%r', '%l', '%{pid}', '%{session}', "%{env:USER_PASSWORD | default('password')}", '%{env:DB_PASSWORD}']) expect(out).toContain(v);
  });
  it('redacts only the chosen spans', () => {
    const text = 'password = a\nsecret = b\n';
    const spans = findSecrets(text);
    expect(redact(text, [spans[1]])).toBe('password = a\nsecret = [redacted]\n');
  });
});

describe('share links', () => {
  it('round-trips text (and a chosen version) through deflate-raw + base64url', async () => {
    const text = 'service imap-login {\n  service_count = 0\n}\nünïcödé ✓\n';
    const s = await encodeShare(text, '2.3');
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.fragment).toMatch(/^v=2\.3&z=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(`#${s.fragment}`)).toEqual({ok: true, text, version: '2.3'});
  });
  it('refuses a text that does not fit, with a clear message', async () => {
    let seed = 1;
    const noise = Array.from({length: 60_000}, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90))).join('');
    const s = await encodeShare(noise);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.message).toMatch(/share links hold at most 32 KB/);
    expect(MAX_SHARE_FRAGMENT).toBe(32_000);
  });
  it('damaged or hostile links give a message, never throw', async () => {
    expect(await decodeShare('#z=@@@')).toEqual({ok: false, message: 'The link is damaged (not base64url): was it cut off?'});
    expect((await decodeShare('#z=AAAA')).ok).toBe(false);
    expect(await decodeShare('')).toEqual({ok: false, message: 'The link carries no text.'});
    // an empty text (deflate-raw of nothing) and a text of only spaces say so instead of showing nothing
    const empty = {ok: false, message: 'The link carries an empty text: there is nothing to explain.'};
    expect(await decodeShare('#z=AwA')).toEqual(empty);
    expect(await decodeShare(`#z=${await encodeShareRaw(new TextEncoder().encode(' \n\t\n'))}`)).toEqual(empty);
    // a stray % (what the navigation guard turns into %25) is damage, not a crash
    expect(await decodeShare('#z=abc%25')).toEqual({ok: false, message: 'The link is damaged (not base64url): was it cut off?'});
    expect(await decodeShare('#z=abc%')).toEqual({ok: false, message: 'The link is damaged (not base64url): was it cut off?'});
    // a deflate bomb: 2 MB of zeros compresses to a few KB; it must not be unpacked
    const bomb = await encodeShareRaw(new Uint8Array(2 * 1024 * 1024));
    const r = await decodeShare(`#z=${bomb}`);
    expect(r.ok).toBe(false);
  });
});

async function encodeShareRaw(bytes: Uint8Array): Promise<string> {
  const packed = new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  let bin = '';
  for (const b of packed) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('troubleshooting anchors', () => {
  const page = join(__dirname, '..', '..', '..', '..', 'docs', 'troubleshooting.mdx');
  it('are unique, lowercase ids', () => {
    expect(new Set(TROUBLESHOOTING_ANCHORS).size).toBe(TROUBLESHOOTING_ANCHORS.length);
    for (const a of TROUBLESHOOTING_ANCHORS) expect(a).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
  // every anchor the explainer links to must be a heading id of the page (the build checks links too)
  it('every anchor is a heading id in docs/troubleshooting.mdx', () => {
    expect(existsSync(page)).toBe(true);
    const ids = new Set([...readFileSync(page, 'utf8').matchAll(/\{#([a-z0-9-]+)\}/g)].map((m) => m[1]));
    expect(TROUBLESHOOTING_ANCHORS.filter((a) => !ids.has(a))).toEqual([]);
  });
});
