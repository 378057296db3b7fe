import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {DEFAULT_LOGINS_PER_S, describeClaim, isTlsSession, LOAD_PROTOCOLS, LoadMarkerError, markerText, parseLoadMarker, tlsSessions} from './claim';

describe('load marker', () => {
  it('reads the count alone with the defaults', () => {
    expect(parseLoadMarker('3000')).toEqual({sessions: 3000, tlsPercent: 0, loginsPerS: DEFAULT_LOGINS_PER_S, protocols: ['imap']});
  });

  it('reads every token in any order after the count', () => {
    expect(parseLoadMarker('3000 tls')).toMatchObject({sessions: 3000, tlsPercent: 100});
    expect(parseLoadMarker(' 1200  protocols=lmtp+imap 40/s plain ')).toEqual({sessions: 1200, tlsPercent: 0, loginsPerS: 40, protocols: ['imap', 'lmtp']});
    expect(parseLoadMarker('500 30%tls 2.5/s')).toMatchObject({tlsPercent: 30, loginsPerS: 2.5});
    const c = parseLoadMarker('1800 1500tls');
    expect(tlsSessions(c.sessions, c.tlsPercent)).toBe(1500);
    expect(parseLoadMarker('10 protocols=imap+pop3+lmtp+submission+sieve').protocols).toEqual([...LOAD_PROTOCOLS]);
  });

  it.each([
    ['', /empty/],
    ['tls 3000', /must start with the number of sessions/],
    ['0', /must start with the number of sessions/],
    ['3000 tls plain', /TLS share twice/],
    ['3000 120%tls', /above 100/],
    ['300 400tls', /more TLS sessions than sessions/],
    ['3000 0/s', /above 0/],
    ['3000 protocols=pop3', /must include imap/],
    ['3000 protocols=imap+managesieve', /unknown protocol "managesieve".*"sieve"/],
    ['3000 protocols=imap+imap', /listed twice/],
    ['3000 users', /unknown token "users"/],
  ])('refuses %j, naming the problem', (text, message) => {
    expect(() => parseLoadMarker(text)).toThrow(LoadMarkerError);
    expect(() => parseLoadMarker(text)).toThrow(message);
  });

  it('round-trips through its canonical text', () => {
    const claim = fc.record({
      sessions: fc.integer({min: 1, max: 100_000}),
      tlsPercent: fc.integer({min: 0, max: 100}),
      loginsPerS: fc.integer({min: 1, max: 1000}),
      protocols: fc.subarray(['pop3', 'lmtp', 'submission', 'sieve']).map((ps) => LOAD_PROTOCOLS.filter((p) => p === 'imap' || ps.includes(p))),
    });
    fc.assert(
      fc.property(claim, (c) => {
        expect(parseLoadMarker(markerText(c))).toEqual(c);
      }),
    );
  });

  it('describes a claim for people', () => {
    expect(describeClaim(parseLoadMarker('3000 tls 40/s protocols=imap+lmtp'))).toBe('3 000 sessions, 100 % TLS, 40 logins/s, protocols imap lmtp');
  });
});

describe('TLS sessions', () => {
  it('spreads the TLS share evenly and counts it exactly', () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 2000}), fc.integer({min: 0, max: 100}), (n, p) => {
        let tls = 0;
        for (let i = 0; i < n; i++) if (isTlsSession(i, p)) tls++;
        expect(tls).toBe(tlsSessions(n, p));
        expect(tls).toBe(Math.floor((n * p) / 100));
      }),
    );
    expect([0, 1, 2, 3, 4, 5].map((i) => isTlsSession(i, 50))).toEqual([false, true, false, true, false, true]);
  });

  it('a count of TLS sessions comes out exactly', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 1_000_000}), fc.nat(), (n, k0) => {
        const k = k0 % (n + 1);
        expect(tlsSessions(n, parseLoadMarker(`${n} ${k}tls`).tlsPercent)).toBe(k);
      }),
    );
  });
});
