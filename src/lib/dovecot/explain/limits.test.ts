import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {census, checkText, MAX_INPUT_BYTES, MAX_LINES, MAX_NON_ASCII} from './limits';

const FIXTURES = join(__dirname, '..', 'conf', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('checkText takes in what users paste', () => {
  it('every doveconf dump and Debian conf.d file of the fixtures', () => {
    const files = ['doveconf-2.3-a.txt', 'doveconf-2.4-a.txt', 'doveconf-2.4-d.txt', 'doveconf-2.3-n-debian-default-conf.txt'];
    const confd = readdirSync(join(FIXTURES, 'debian-2.3-etc', 'conf.d')).map((f) => join('debian-2.3-etc', 'conf.d', f));
    for (const f of [...files, ...confd]) expect(checkText(fixture(f)), f).toEqual({ok: true});
  });
  it('log lines with terminal colours, tabs, CRLF and non-ASCII user and folder names', () => {
    const log = [
      '\x1b[0;1;31mNov 30 13:05:47 mail dovecot[811]: master: Warning: service(imap-login): process_limit (100) reached\x1b[0m\r',
      'Nov 30 13:05:48 mail dovecot[811]: imap(jürgen@example.de)<42><x>: Info: Mailbox Отправленные: saved\t',
      'Nov 30 13:05:49 mail dovecot[811]: imap(田中@example.jp)<43><y>: Info: Disconnected: Logged out in=12 out=4051 😀',
    ].join('\n');
    expect(checkText(log.repeat(2000))).toEqual({ok: true});
  });
  it('a text of exactly 1 MiB, one of 16 K lines, and one of 32 K characters outside ASCII', () => {
    expect(checkText('a'.repeat(MAX_INPUT_BYTES))).toEqual({ok: true});
    expect(checkText('process_limit=1\n'.repeat(MAX_LINES))).toEqual({ok: true});
    expect(checkText('é'.repeat(MAX_NON_ASCII))).toEqual({ok: true});
  });
  it('a few stray control or replacement characters in a long text', () => {
    expect(checkText(`${'process_limit = 100\n'.repeat(100)}\u0000\ufffd\u0007`)).toEqual({ok: true});
  });
});

describe('checkText refuses, with a sentence that says why', () => {
  it('a text over 1 MiB, in UTF-8 bytes', () => {
    expect(checkText('a'.repeat(MAX_INPUT_BYTES + 1))).toEqual({
      ok: false,
      message: 'The text is 1,048,577 bytes; the explainer reads at most 1,048,576 bytes. Paste the relevant part (doveconf -n output and the log lines in question).',
    });
    // 400 K characters, 1.2 MB in UTF-8
    expect(checkText('中'.repeat(400_000))).toMatchObject({ok: false, message: expect.stringMatching(/^The text is 1\.1 MB;/)});
    expect(checkText('x'.repeat(5_000_000))).toMatchObject({ok: false, message: expect.stringMatching(/^The text is 4\.8 MB;/)});
  });
  it('more than 16 K lines', () => {
    expect(checkText('a {\n'.repeat(100_000))).toEqual({
      ok: false,
      message: 'The text has 100,000 lines; the explainer takes at most 16,384 (all of doveconf -a is 700 to 1,200). Paste the relevant part.',
    });
    expect(checkText('\n'.repeat(MAX_LINES)).ok).toBe(true);
    expect(checkText('\n'.repeat(MAX_LINES + 1)).ok).toBe(false);
  });
  it('random UTF-16 (binary data)', () => {
    let seed = 18;
    const units = Array.from({length: 262_144}, () => (seed = (seed * 48271) % 2147483647) & 0xffff);
    let garbage = '';
    for (let i = 0; i < units.length; i += 8192) garbage += String.fromCharCode(...units.slice(i, i + 8192));
    expect(checkText(garbage)).toMatchObject({ok: false, message: expect.stringMatching(/^This looks like binary data, not a config or log text: 1\d% of its characters/)});
  });
  it('what invalid UTF-8 decodes to, NUL bytes, lone surrogates, private use', () => {
    for (const bad of ['\ufffd', '\u0000', '\ud800', '\udc00', '\ue000', '\u0085', '\ufdd0', '\uffff']) {
      expect(checkText(`service imap {\n${bad.repeat(40)}\n}`).ok, JSON.stringify(bad)).toBe(false);
    }
  });
  it('more than 32 K characters outside ASCII', () => {
    expect(checkText('é'.repeat(MAX_NON_ASCII + 1))).toEqual({
      ok: false,
      message: 'The text has 32,769 characters outside ASCII; configs and log lines have few (user and folder names), and the explainer takes at most 32,768. Paste the relevant part.',
    });
  });
});

describe('census', () => {
  it('counts a surrogate pair as one character outside ASCII, a lone surrogate as binary', () => {
    expect(census('a😀b')).toEqual({length: 4, lines: 1, nonAscii: 1, binary: 0});
    expect(census('a\ud83d')).toEqual({length: 2, lines: 1, nonAscii: 1, binary: 1});
    expect(census('\ude00\ud83d\n')).toEqual({length: 3, lines: 1, nonAscii: 2, binary: 2});
    expect(census('').lines).toBe(0);
    expect(census('a\nb').lines).toBe(2);
  });
  it('takes tab, line ends, vertical tab, form feed and escape as text', () => {
    expect(census('\t\n\v\f\r\x1b').binary).toBe(0);
    expect(census('\x00\x08\x0e\x1a\x1c\x7f\x80\x9f').binary).toBe(8);
  });
  it('never counts more than the text holds, and checkText never throws', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 400}), (s) => {
        const c = census(s);
        expect(c.binary).toBeLessThanOrEqual(c.nonAscii + s.length);
        expect(c.nonAscii).toBeLessThanOrEqual(s.length);
        expect(typeof checkText(s).ok).toBe('boolean');
      }),
    );
  });
});
