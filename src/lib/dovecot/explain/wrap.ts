/**
 * Log messages a viewer or a mail client wrapped over several lines (the error 83 line is 200
 * characters long): the lines after a log line are taken as its continuation while its brackets
 * are still open, or while a piece ends or starts with a list connector (`+`, `,`, `:`), as the
 * auth/anvil warnings' "Counted ..." lists do. A line that reads complete but is not recognised
 * may be cut at a space: it takes one line that is not configuration, and keeps it only if the
 * joined message is recognised with more than the first line alone. A continuation is never a log
 * line itself and never blank; at most MAX_PIECES lines are joined.
 */
import type {LogLine} from './types';

export const MAX_PIECES = 8;

/** Open brackets minus closed ones, `(` and `{` alike. */
function balance(text: string): number {
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x7b) b++;
    else if (c === 0x29 || c === 0x7d) b--;
  }
  return b;
}

const ENDS_OPEN = /[+,:(]\s*$/;
const STARTS_CLOSED = /^[+,){}]/;

export class WrappedLog {
  private open = 0;
  readonly pieces: string[];
  /** The continuation lines as pasted, to give back when the join is not kept. */
  readonly lines: {line: number; text: string}[] = [];

  /** `tentative`: the message reads complete but is not recognised (see above). */
  constructor(readonly log: LogLine, readonly tentative = false) {
    this.pieces = [log.message];
    this.open = balance(log.message);
  }

  /** Whether a log message looks cut off, so the next lines may continue it. */
  static startsWrap(message: string): boolean {
    return balance(message) > 0 || ENDS_OPEN.test(message);
  }

  /** Whether `trimmed` (not blank, not a log line; `config`: it reads as configuration) continues the message. */
  takes(trimmed: string, config: boolean): boolean {
    if (this.pieces.length >= MAX_PIECES) return false;
    if (this.open > 0 || ENDS_OPEN.test(this.pieces[this.pieces.length - 1]) || STARTS_CLOSED.test(trimmed)) return true;
    return this.tentative && this.pieces.length === 1 && !config;
  }

  add(line: number, raw: string, trimmed: string): void {
    this.pieces.push(trimmed);
    this.lines.push({line, text: raw});
    this.open += balance(trimmed);
    (this.log.wrappedLines ??= []).push(line);
  }

  /** Undoes the join (the message stays its first line); returns the lines it had taken. */
  undo(): {line: number; text: string}[] {
    this.log.message = this.pieces[0];
    delete this.log.wrappedLines;
    return this.lines;
  }

  /** The message joined without and with spaces between the pieces. */
  joins(): [string, string] {
    return [this.pieces.join(''), this.pieces.join(' ')];
  }
}
