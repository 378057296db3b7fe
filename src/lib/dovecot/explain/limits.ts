/**
 * What the explainer takes in, checked before a text reaches the page or the parser: a size cap,
 * and checks of shape that keep the browser's text layout fast. Laying out text costs little for
 * ASCII and a lot for characters that need a fallback font or a complex script (Chromium took 5 s
 * to lay out 256 K characters of random UTF-16 in a text area), and configs and logs are nearly
 * all ASCII; each line costs most of all: Chromium's text area holds a line break as an element
 * of its own, styled and laid out, and a megabyte in 58 000 short lines held the page for
 * 0.7-0.9 s on an idle machine (1.2 s on a busy one), against 0.2 s for a megabyte of log lines
 * (10 000). So a text is refused when it is over 1 MB, has more than 16 K lines (all of
 * `doveconf -a` is 700 lines in 2.4, 1 100-1 200 in 2.3; a megabyte of log lines is about
 * 10 000), has more than 1% control or invalid characters (binary data), or has more than 32 K
 * characters outside ASCII. Real configs and logs carry a few (user and folder names: 6 000 log
 * lines with a Cyrillic folder or a Japanese user name in two lines of three have 32 000), and
 * how much they cost depends on how many fonts they need: 64 K letters of fourteen scripts mixed
 * took 0.6-0.9 s of main thread and 1.6-2.6 s by the clock, waiting on fallback fonts, 32 K of
 * them 0.4 s and 1.2-1.3 s.
 * One pass over the text, no allocation.
 */
import {MAX_CONFIG_BYTES} from '../conf';
import {formatBytes, utf8ByteLength} from '../conf/parse';
import {formatNumber} from '../../numberFormat';

/** Largest text taken in (UTF-8 bytes): the parser's own limit. */
export const MAX_INPUT_BYTES = MAX_CONFIG_BYTES;
/** Most lines a text may have. */
export const MAX_LINES = 16_384;
/** Most characters outside ASCII a text may have. */
export const MAX_NON_ASCII = 32_768;
/** Share of control or invalid characters above which a text is taken for binary data. */
export const MAX_BINARY_SHARE = 0.01;
/** A text with fewer such characters than this is never called binary, whatever its length. */
const MIN_BINARY_COUNT = 16;

export type TextCheck = {ok: true} | {ok: false; message: string};

export interface TextCensus {
  /** UTF-16 code units. */
  length: number;
  /** Lines (a line feed at the very end does not start another). */
  lines: number;
  /** Characters outside ASCII (a surrogate pair counts once). */
  nonAscii: number;
  /**
   * Characters no config or log text has: C0 controls other than tab, line ends, vertical tab,
   * form feed and escape (terminal colours); DEL; C1 controls; lone surrogates; private use;
   * noncharacters; and U+FFFD, which decoding leaves where the bytes were not UTF-8.
   */
  binary: number;
}

/** Counts what the shape checks look at. */
export function census(text: string): TextCensus {
  const n = text.length;
  let nonAscii = 0;
  let binary = 0;
  let lines = n > 0 && text.charCodeAt(n - 1) !== 0x0a ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x0a) lines++;
      else if ((c < 0x20 && (c < 0x09 || c > 0x0d) && c !== 0x1b) || c === 0x7f) binary++;
      continue;
    }
    nonAscii++;
    if (c <= 0x9f) binary++;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else binary++;
    } else if (c >= 0xdc00 && c <= 0xdfff) binary++;
    else if (c >= 0xe000 && c <= 0xf8ff) binary++;
    else if ((c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffd) binary++;
  }
  return {length: n, lines, nonAscii, binary};
}

const count = (n: number) => formatNumber(n);

/** Whether the explainer takes this text in; when not, a sentence that says why. */
export function checkText(text: string): TextCheck {
  // UTF-16 length <= UTF-8 length: a text this long is over the cap whatever it holds
  const bytes = text.length > MAX_INPUT_BYTES || text.length * 3 > MAX_INPUT_BYTES ? utf8ByteLength(text) : text.length;
  if (bytes > MAX_INPUT_BYTES) {
    // "1 MB; at most 1 MB" would not say what is wrong: just over the limit, give the bytes
    const close = formatBytes(bytes) === formatBytes(MAX_INPUT_BYTES);
    const size = (n: number) => (close ? `${count(n)} bytes` : formatBytes(n));
    return {
      ok: false,
      message: `The text is ${size(bytes)}; the explainer reads at most ${size(MAX_INPUT_BYTES)}. Paste the relevant part (doveconf -n output and the log lines in question).`,
    };
  }
  const c = census(text);
  if (c.lines > MAX_LINES) {
    return {
      ok: false,
      message: `The text has ${count(c.lines)} lines; the explainer takes at most ${count(MAX_LINES)} (all of doveconf -a is 700 to 1,200). Paste the relevant part.`,
    };
  }
  if (c.binary >= MIN_BINARY_COUNT && c.binary > c.length * MAX_BINARY_SHARE) {
    const share = Math.round((100 * c.binary) / c.length);
    return {
      ok: false,
      message: `This looks like binary data, not a config or log text: ${share < 1 ? 'over 1' : share}% of its characters are control characters or not valid text.`,
    };
  }
  if (c.nonAscii > MAX_NON_ASCII) {
    return {
      ok: false,
      message: `The text has ${count(c.nonAscii)} characters outside ASCII; configs and log lines have few (user and folder names), and the explainer takes at most ${count(MAX_NON_ASCII)}. Paste the relevant part.`,
    };
  }
  return {ok: true};
}
