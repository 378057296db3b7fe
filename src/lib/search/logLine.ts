/**
 * What a reader pastes into search is rarely the bare message this site quotes: it comes with a
 * syslog, journald or container prefix, a timestamp, a host name, PIDs, the server's own numbers,
 * addresses and session ids. This module takes such a line apart: the prefix off
 * (`stripLogPrefix`), the words that identify the message (`messageWords`: no numbers, addresses,
 * paths or ids), the query the word index can answer (`searchQuery`), and which troubleshooting
 * entry quotes the same message (`matchLogMessage`: words weighted by how rare they are among the
 * entries, so `process_limit` decides and `master` hardly counts). Pure: no DOM.
 */

/** A troubleshooting entry: its anchor, its title and the message lines it quotes. */
export interface LogMessageEntry {
  id: string;
  title: string;
  lines: string[];
}

// One prefix each; stripLogPrefix removes them from the start, repeatedly, in any order.
const PREFIXES: RegExp[] = [
  // docker compose: `dovecot-1  | `
  /^[\w.-]+\s+\|\s+/,
  // CRI container log files (Kubernetes): `2024-11-30T09:15:47.123456789Z stderr F `
  /^\d{4}-\d\d-\d\dT\S+\s+(?:stdout|stderr)\s+[FP]\s+/,
  // syslog priority, and RFC 5424's version: `<30>`, `<30>1 `
  /^<\d{1,3}>(?:1\s+)?/,
  // journalctl -o short-full: `Sat 2024-11-30 09:15:47 CET `
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+\d{4}-\d\d-\d\d\s+\d\d:\d\d:\d\d(?:\.\d+)?\s+[A-Z][A-Za-z]{1,5}\s+/,
  // ISO 8601 and RFC 3339 (rsyslog, journalctl -o short-iso, docker logs -t, log_timestamp):
  // `2024-11-30T09:15:47.123456+01:00 `, `2024-11-30 09:15:47 `
  /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?\s+/,
  // BSD syslog, journalctl's default, Dovecot's own log_timestamp: `Nov 30 09:15:47 `
  /^[A-Z][a-z]{2}\s+\d{1,2}\s+\d\d:\d\d:\d\d(?:\.\d+)?\s+/,
  // RFC 5424 header after the timestamp: `mail dovecot 1234 - - `
  /^[\w.-]+\s+dovecot\s+(?:\d+|-)\s+\S+\s+(?:-|\[[^\]]*\])\s+/,
  // syslog's host and program: `mail dovecot[1234]: `, `dovecot: `, `mail dovecot/imap-login[77]: `
  /^(?:[\w.-]+\s+)?dovecot(?:\/[\w-]+)?(?:\[\d+\])?:\s+/,
];

/** The line without what syslog, journald, a container runtime or a log file put before it. */
export function stripLogPrefix(line: string): string {
  let text = line.trim();
  for (let round = 0; round < 8; round++) {
    const before = text;
    for (const re of PREFIXES) text = text.replace(re, '');
    if (text === before) break;
  }
  return text;
}

// A Dovecot log line names its process and level: `master: Warning:`, `imap(bob)<77><s>: Info:`,
// `doveconf: Fatal:`, `service(imap): ...` after `master:`.
const DOVECOT_LINE = /(?:^|\s)[\w-]+(?:\([^)]*\))?(?:<[^>]*>)*:\s+(?:Info|Warning|Error|Fatal|Panic|Debug):\s/;
const LOG_PREFIX = /^(?:<\d{1,3}>|\d{4}-\d\d-\d\d[T ]\d\d:\d\d|[A-Z][a-z]{2}\s+\d{1,2}\s+\d\d:\d\d:\d\d|[\w.-]+\s+\|\s)/;
const CONFIG_LINE = /^\s*(?:[A-Za-z_][\w/.-]*\s*=|(?:service|inet_listener|unix_listener|fifo_listener|protocol|passdb|userdb|namespace|plugin)\b[^{\n]*\{|!include)/m;

/** Whether `text` looks like a log line (a Dovecot message, or anything with a log prefix). */
export function looksLikeLogLine(text: string): boolean {
  const t = text.trim();
  return DOVECOT_LINE.test(t) || (LOG_PREFIX.test(t) && stripLogPrefix(t) !== t);
}

/** Whether `text` looks like Dovecot configuration (`key = value`, `service x {`). */
export function looksLikeConfig(text: string): boolean {
  return CONFIG_LINE.test(text);
}

/**
 * A message up to its first full stop followed by a capital: Dovecot appends details as further
 * sentences (`… max. load (1224). Counted for protocol services …`), which versions word
 * differently and readers often leave out.
 */
export function firstSentence(message: string): string {
  const m = /\.\s+(?=[A-Z])/.exec(message);
  return m ? message.slice(0, m.index) : message;
}

/**
 * The words that identify a message: lower case, split at punctuation (`service(imap-login)` is
 * service, imap, login; `process_limit` stays one word), of its first sentence, without numbers,
 * IP addresses, mail addresses, paths, `<…>` values (user names, session ids) and `key=value`
 * values.
 */
export function messageWords(line: string): string[] {
  const text = firstSentence(stripLogPrefix(line))
    .replace(/<[^<>]*>/g, ' ')
    .replace(/\b(?:rip|lip|mpid|pid|session|user|method)=\S*/gi, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, ' ')
    .replace(/(?:^|\s)\/\S*/g, ' ')
    .toLowerCase();
  const out: string[] = [];
  for (const w of text.split(/[^a-z0-9_]+/)) {
    if (/^[a-z][a-z0-9_]*$/.test(w) && !out.includes(w)) out.push(w);
  }
  return out;
}

/** Most words the search index is asked for at once (it requires every one). */
export const MAX_QUERY_WORDS = 12;

/**
 * Words as the site's word index (lunr) holds them: split at spaces and hyphens, punctuation
 * trimmed from both ends (`can't` stays one word), without the server's own numbers, addresses,
 * ids and paths, lower case, each once.
 */
export function indexWords(text: string): string[] {
  const out: string[] = [];
  const cleaned = text
    .replace(/<[^<>]*>/g, ' ')
    .replace(/\b(?:rip|lip|mpid|pid|session|user|method)=\S*/gi, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/(?:^|\s)\/\S*/g, ' ');
  for (const raw of cleaned.split(/[\s-]+/)) {
    const w = raw.replace(/^\W+|\W+$/g, '').toLowerCase();
    if (/^[a-z]/.test(w) && !/\d/.test(w) && !out.includes(w)) out.push(w);
  }
  return out;
}

/**
 * The query to give the word index: a log line's message without what the index cannot match (a
 * prefix, PIDs, the server's own numbers), anything else unchanged.
 */
export function searchQuery(input: string): string {
  if (!looksLikeLogLine(input)) return input;
  return indexWords(stripLogPrefix(input)).slice(0, MAX_QUERY_WORDS).join(' ');
}

export interface LogMatch {
  entry: LogMessageEntry;
  line: string;
  score: number;
}

/** How rare each word is among the entries: log(1 + entries / entries with the word). */
function weights(entries: readonly LogMessageEntry[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const e of entries) {
    for (const w of new Set(e.lines.flatMap(messageWords))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [w, n] of df) out.set(w, Math.log(1 + entries.length / n));
  return out;
}

type Prepared = {
  weight: Map<string, number>;
  /** Each quoted line with its words, and the words it shares with its entry's title (its key). */
  lines: {entry: LogMessageEntry; line: string; words: string[]; key: string[]}[];
};

const cache = new WeakMap<readonly LogMessageEntry[], Prepared>();

function prepared(entries: readonly LogMessageEntry[]): Prepared {
  let p = cache.get(entries);
  if (!p) {
    p = {
      weight: weights(entries),
      lines: entries.flatMap((entry) => {
        const title = new Set(messageWords(entry.title));
        return entry.lines.map((line) => {
          const words = messageWords(line);
          return {entry, line, words, key: words.filter((w) => title.has(w))};
        });
      }),
    };
    cache.set(entries, p);
  }
  return p;
}

/** Least score (weighted Dice coefficient of the words both know) for a line to count as a match. */
export const MATCH_THRESHOLD = 0.5;

/**
 * The entry quoting the message `input` is an instance of, if any. A quoted line is a candidate
 * only when the input has every word the line shares with its entry's title (the words that name
 * the message: `Disconnected (no auth attempts …)` is not `Connection queue full`); among those,
 * the best has the most weight in the words both share against the weight of both lines' words
 * (words no entry uses do not count against it: a reader's line has its own details).
 */
export function matchLogMessage(input: string, entries: readonly LogMessageEntry[]): LogMatch | null {
  const {weight, lines} = prepared(entries);
  const all = messageWords(input);
  const mine = all.filter((w) => weight.has(w));
  if (mine.length === 0) return null;
  const wOf = (w: string) => weight.get(w) ?? 0;
  const mineWeight = mine.reduce((s, w) => s + wOf(w), 0);
  let best: LogMatch | null = null;
  for (const l of lines) {
    if (l.words.length === 0 || !l.key.every((w) => all.includes(w))) continue;
    const shared = l.words.filter((w) => mine.includes(w)).reduce((s, w) => s + wOf(w), 0);
    const score = (2 * shared) / (l.words.reduce((s, w) => s + wOf(w), 0) + mineWeight);
    if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = {entry: l.entry, line: l.line, score};
  }
  return best;
}
