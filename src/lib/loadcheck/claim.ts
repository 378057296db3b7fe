/**
 * The load a config claims to hold, and the `load="…"` marker that states it on a wiki code block.
 *
 * Marker syntax (the meta of a ```dovecot block), tokens separated by spaces, the count first:
 *
 *   load="3000 tls"                       3 000 sessions, all TLS
 *   load="1200 plain 40/s protocols=imap+lmtp"
 *   load="500 30%tls"
 *   load="1800 1500tls"                   1 800 sessions, 1 500 of them TLS
 *
 *   <N>              simultaneous logged-in IMAP sessions held open with IDLE (required, first)
 *   tls | plain | <P>%tls | <K>tls   share of those sessions on TLS: all, none (the default),
 *                    P percent, or K of them
 *   <R>/s            new logins per second while the sessions open (default DEFAULT_LOGINS_PER_S)
 *   protocols=<p>+<p>       the enabled `protocols` (Dovecot's words: imap pop3 lmtp submission
 *                    sieve; default imap, and for a wiki block the protocols its page states, else
 *                    all five: scripts/loadcheck/targets.ts blockClaim). The load itself is IMAP;
 *                    the other protocols' services run (login processes, process_min_avail, stats
 *                    connections) but get no clients.
 *
 * Pure: shared by the load check (scripts/loadcheck), the docs test and the site.
 */
import {formatNumber} from '../numberFormat';

export interface LoadClaim {
  sessions: number;
  /** 0–100 */
  tlsPercent: number;
  loginsPerS: number;
  /** Words of `protocols =`, in Dovecot's spelling (managesieve's protocol is `sieve`). */
  protocols: string[];
}

export const DEFAULT_LOGINS_PER_S = 25;
export const LOAD_PROTOCOLS = ['imap', 'pop3', 'lmtp', 'submission', 'sieve'] as const;

/** The most sessions a claim may state (a typo guard, far above any machine). */
export const MAX_CLAIMED_SESSIONS = 1_000_000;

export class LoadMarkerError extends Error {}

/** Parse the text of a `load="…"` marker. Throws LoadMarkerError naming the bad token. */
export function parseLoadMarker(text: string): LoadClaim {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new LoadMarkerError('load marker is empty; write e.g. load="3000 tls"');
  const [count, ...rest] = tokens;
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > MAX_CLAIMED_SESSIONS) {
    throw new LoadMarkerError(`load marker must start with the number of sessions (1–${MAX_CLAIMED_SESSIONS}), got "${count}"`);
  }
  const claim: LoadClaim = {sessions: Number(count), tlsPercent: 0, loginsPerS: DEFAULT_LOGINS_PER_S, protocols: ['imap']};
  const seen = new Set<string>();
  const once = (kind: string, token: string) => {
    if (seen.has(kind)) throw new LoadMarkerError(`load marker states the ${kind} twice ("${token}")`);
    seen.add(kind);
  };
  for (const token of rest) {
    let m: RegExpExecArray | null;
    if (token === 'tls' || token === 'plain') {
      once('TLS share', token);
      claim.tlsPercent = token === 'tls' ? 100 : 0;
    } else if ((m = /^(\d+(?:\.\d+)?)%tls$/.exec(token))) {
      once('TLS share', token);
      const p = Number(m[1]);
      if (p > 100) throw new LoadMarkerError(`load marker: TLS share above 100 % ("${token}")`);
      claim.tlsPercent = p;
    } else if ((m = /^(\d+)tls$/.exec(token))) {
      once('TLS share', token);
      const k = Number(m[1]);
      if (k > claim.sessions) throw new LoadMarkerError(`load marker: more TLS sessions than sessions ("${token}")`);
      claim.tlsPercent = (k / claim.sessions) * 100;
    } else if ((m = /^(\d+(?:\.\d+)?)\/s$/.exec(token))) {
      once('login rate', token);
      const r = Number(m[1]);
      if (!(r > 0 && r <= 100_000)) throw new LoadMarkerError(`load marker: logins per second must be above 0 ("${token}")`);
      claim.loginsPerS = r;
    } else if ((m = /^protocols=(.+)$/.exec(token))) {
      once('protocols', token);
      const list = m[1].split('+');
      for (const p of list) {
        if (!(LOAD_PROTOCOLS as readonly string[]).includes(p)) {
          throw new LoadMarkerError(`load marker: unknown protocol "${p}" (known: ${LOAD_PROTOCOLS.join(' ')}; managesieve is "sieve")`);
        }
      }
      if (!list.includes('imap')) throw new LoadMarkerError('load marker: the load is IMAP, so protocols= must include imap');
      if (new Set(list).size !== list.length) throw new LoadMarkerError(`load marker: a protocol is listed twice ("${token}")`);
      claim.protocols = LOAD_PROTOCOLS.filter((p) => list.includes(p));
    } else {
      throw new LoadMarkerError(`load marker: unknown token "${token}" (expected tls, plain, <P>%tls, <K>tls, <R>/s or protocols=<p>+<p>)`);
    }
  }
  return claim;
}

/** The canonical marker text of a claim (parseLoadMarker(markerText(c)) equals c). */
export function markerText(c: LoadClaim): string {
  const tls = c.tlsPercent === 100 ? 'tls' : c.tlsPercent === 0 ? 'plain' : `${c.tlsPercent}%tls`;
  return `${c.sessions} ${tls} ${c.loginsPerS}/s protocols=${c.protocols.join('+')}`;
}

/** "3 000 sessions, 100 % TLS, 25 logins/s, protocols imap lmtp" */
export function describeClaim(c: LoadClaim): string {
  const n = (x: number) => formatNumber(x, 1, ' ');
  return `${n(c.sessions)} sessions, ${n(c.tlsPercent)} % TLS, ${n(c.loginsPerS)} logins/s, protocols ${c.protocols.join(' ')}`;
}

/** How many of `sessions` sessions are TLS, spread evenly (session i is TLS when this says so). */
export function isTlsSession(i: number, tlsPercent: number): boolean {
  const share = tlsPercent / 100;
  return Math.floor((i + 1) * share + 1e-9) > Math.floor(i * share + 1e-9);
}

export function tlsSessions(sessions: number, tlsPercent: number): number {
  return Math.floor(sessions * (tlsPercent / 100) + 1e-9);
}
