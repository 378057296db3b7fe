// Share links under attack: a link inflates as a stream and is abandoned at the size cap and at
// the inflation-ratio bound, and only valid UTF-8 is opened; real texts (a megabyte of a logged
// warning) still round-trip.
import {deflateRawSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {decodeShare, encodeShare, MAX_INFLATION_RATIO, MAX_SHARED_TEXT_BYTES, readCapped} from './share';

const link = (bytes: Uint8Array) => `#z=${Buffer.from(deflateRawSync(bytes, {level: 9})).toString('base64url')}`;
const textLink = (text: string) => link(Buffer.from(text, 'utf8'));

/** One warning logged every second: real log floods compress about 140 to 1. */
function warnings(bytes: number): string {
  let out = '';
  for (let i = 0; out.length < bytes; i++) {
    out += `Nov 30 13:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} mail dovecot: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped\n`;
  }
  return out.slice(0, bytes);
}

describe('readCapped', () => {
  it('stops pulling an endless stream just past the cap and cancels it', async () => {
    let pulls = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new Uint8Array(65_536));
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await readCapped(endless, 1_048_576)).toBeNull();
    expect(cancelled).toBe(true);
    // 17 chunks pass the cap; the stream may have queued one more ahead of the reader
    expect(pulls).toBeLessThanOrEqual(18);
  });
  it('returns every byte of a stream within the cap', async () => {
    const parts = [new Uint8Array([1, 2]), new Uint8Array([3])];
    const s = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(p);
        c.close();
      },
    });
    expect(await readCapped(s, 3)).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('decodeShare', () => {
  it('abandons a ~1 KB link that inflates to 1 MiB of one character (inflation ratio)', async () => {
    const bomb = link(new Uint8Array(MAX_SHARED_TEXT_BYTES).fill(0x61));
    expect(bomb.length).toBeLessThan(1500);
    expect(await decodeShare(bomb)).toEqual({
      ok: false,
      message: `The link unpacks to more than ${MAX_INFLATION_RATIO} times its size, which no real config or log does; it was not opened.`,
    });
  });
  it('abandons a link that unpacks past 1 MiB at a ratio real text has', async () => {
    const big = textLink(warnings(MAX_SHARED_TEXT_BYTES + 100_000));
    expect(await decodeShare(big)).toEqual({ok: false, message: 'The link unpacks to more than 1024 KB; it was not opened.'});
  });
  it('opens a megabyte of one warning logged every second, and small texts at any ratio', async () => {
    const flood = warnings(MAX_SHARED_TEXT_BYTES);
    expect(await decodeShare(textLink(flood))).toEqual({ok: true, text: flood});
    const small = 'a'.repeat(60_000);
    expect(await decodeShare(textLink(small))).toEqual({ok: true, text: small});
    const made = await encodeShare(flood);
    expect(made.ok).toBe(true);
    if (made.ok) expect(await decodeShare(made.fragment)).toEqual({ok: true, text: flood});
  });
  it('refuses bytes that are not UTF-8', async () => {
    expect(await decodeShare(link(new Uint8Array(1000).fill(0xff)))).toEqual({ok: false, message: 'The link is damaged: its text is not valid UTF-8, so it was not opened.'});
    expect((await decodeShare(link(new Uint8Array([0x61, 0xc3])))).ok).toBe(false);
  });
  it('refuses a stream that is not deflate, or is cut off', async () => {
    expect(await decodeShare(`#z=${Buffer.from('not deflate at all, really').toString('base64url')}`)).toEqual({ok: false, message: 'The link is damaged: its text could not be unpacked.'});
    const whole = textLink(warnings(50_000));
    expect((await decodeShare(whole.slice(0, whole.length / 2))).ok).toBe(false);
  });
});
