import {describe, expect, it} from 'vitest';
import {normalizeInput, presetInput, PRESETS} from '../../src/lib/dovecot/generator';
import {parseLoadMarker} from '../../src/lib/loadcheck/claim';
import {
  blockClaim,
  claimOfInput,
  controlTargets,
  estimateMiB,
  estimateProcesses,
  fitFactor,
  fittedClaim,
  MACHINE,
  presetTargets,
  prng,
  randomInput,
  randomTargets,
  RANDOM_STATES,
  scaleInput,
  scaleTargets,
  withoutSetting,
  type MarkedBlock,
} from './targets';

const hsBlock = ['service imap-login {', '  service_count = 1', '  process_limit = 3500', '}', 'service imap {', '  process_limit = 4000', '}', ''].join('\n');

describe('random generator states', () => {
  it('are the same on every run (fixed seed) and different from each other', () => {
    const a = randomTargets('2.4').map((t) => t.config);
    expect(randomTargets('2.4').map((t) => t.config)).toEqual(a);
    expect(a).toHaveLength(RANDOM_STATES);
    expect(new Set(a).size).toBe(RANDOM_STATES);
  });

  it('are valid generator answers (nothing falls back to a default)', () => {
    for (const v of ['2.3', '2.4'] as const) {
      const rnd = prng(7);
      for (let i = 0; i < 200; i++) expect(normalizeInput(randomInput(v, rnd)).problems).toEqual([]);
    }
  });
});

describe('claims of generator states', () => {
  it('takes the IMAP peak, TLS share, rate and protocols (managesieve is `sieve`)', () => {
    expect(claimOfInput(presetInput('maximum-isolation', '2.4'))).toEqual({sessions: 300, tlsPercent: 100, loginsPerS: 10, protocols: ['imap', 'pop3', 'lmtp', 'submission', 'sieve']});
  });

  it('every preset runs in both versions, at its own load or scaled to this machine', () => {
    for (const v of ['2.3', '2.4'] as const) {
      const ts = presetTargets(v);
      expect(ts.map((t) => t.source.preset)).toEqual(PRESETS.map((p) => p.id));
      for (const t of ts) {
        expect(t.ran.sessions).toBeLessThanOrEqual(t.claim.sessions);
        if (t.ran.sessions < t.claim.sessions) expect(t.scaled?.why).toMatch(/the generator sized this config for \d+ sessions/);
        expect(t.source.generatorQuery).toMatch(/^s=\d+&/);
      }
    }
  });

  it('scales connection counts, rate and cache users, nothing else', () => {
    const i = presetInput('isp-10k', '2.4');
    const s = scaleInput(i, 0.1);
    expect(s.peak).toEqual({imap: 1000, pop3: 100, lmtp: 20, submission: 50, managesieve: 0});
    expect(s.newPerSecond).toBe(20);
    expect(s.cacheUsers).toBe(10_000);
    expect({...s, peak: i.peak, newPerSecond: i.newPerSecond, cacheUsers: i.cacheUsers}).toEqual(i);
  });
});

describe('machine budget', () => {
  it('counts a process per session, and one more per TLS session in high-security login', () => {
    const plain = estimateProcesses('2.3', hsBlock, parseLoadMarker('1000 plain'));
    const tls = estimateProcesses('2.3', hsBlock, parseLoadMarker('1000 tls'));
    expect(plain).toBe(1000 + MACHINE.baseProcesses);
    expect(tls).toBe(2000 + MACHINE.baseProcesses);
  });

  it('keeps a claim that fits and shrinks one that does not, saying why', () => {
    expect(fitFactor('2.3', hsBlock, parseLoadMarker('1000 tls'))).toBe(1);
    const big = parseLoadMarker('3000 tls');
    const f = fitFactor('2.4', hsBlock, big);
    expect(f).toBeLessThan(1);
    expect(estimateProcesses('2.4', hsBlock, {...big, sessions: Math.floor(3000 * f)}) * MACHINE.mibPerProcess['2.4']).toBeLessThanOrEqual(MACHINE.runMiB);
    const fitted = fittedClaim('2.4', hsBlock, big);
    const n = fitted.claim.sessions;
    expect(estimateMiB('2.4', hsBlock, {...big, sessions: n})).toBeLessThanOrEqual(MACHINE.runMiB);
    expect(estimateMiB('2.4', hsBlock, {...big, sessions: n + 1})).toBeGreaterThan(MACHINE.runMiB);
    expect(fitted.scaled?.why).toMatch(/^3000 sessions need about \d+ MiB here/);
  });

  it('caps the login rate at what this machine sustains', () => {
    const fitted = fittedClaim('2.3', hsBlock, parseLoadMarker('100 200/s'));
    expect(fitted.claim.loginsPerS).toBe(MACHINE.maxLoginsPerS);
    expect(fitted.scaled?.why).toMatch(/logins at \d+\/s instead of 200\/s/);
  });
});

describe('wiki blocks', () => {
  const block = (text: string, marker: string): MarkedBlock => ({id: 'x', file: 'docs/x.mdx', heading: 'h', title: null, version: '2.3', marker, text});

  it('run under every protocol Debian enables unless the marker, the page or the block names fewer', () => {
    expect(blockClaim(block('service imap {\n}\n', '100')).protocols).toEqual(['imap', 'pop3', 'lmtp', 'submission', 'sieve']);
    expect(blockClaim({...block('', '100'), protocols: 'imap lmtp'}).protocols).toEqual(['imap', 'lmtp']);
    expect(blockClaim(block('protocols = imap pop3\n', '100')).protocols).toEqual(['imap', 'pop3']);
    expect(blockClaim(block('protocols = pop3\n', '100')).protocols).toEqual(['imap', 'pop3']);
    expect(blockClaim({...block('protocols = imap pop3\n', '100 protocols=imap+lmtp'), protocols: 'imap'}).protocols).toEqual(['imap', 'lmtp']);
  });

  it('a control takes one setting out of one service block', () => {
    const text = ['service imap-login {', '  process_limit = 3500', '}', 'service imap {', '  # headroom', '  process_limit = 4000', '}', ''].join('\n');
    const r = withoutSetting(text, 'imap', 'process_limit');
    expect(r.removed).toBe(true);
    expect(r.text).toBe(['service imap-login {', '  process_limit = 3500', '}', 'service imap {', '  # headroom', '}', ''].join('\n'));
    expect(withoutSetting('service imap-login {\n  process_limit = 1\n}\n', 'imap', 'process_limit').removed).toBe(false);
  });
});

describe('controls and scale runs', () => {
  it('every version has the stats and fd controls, each expecting its own log line', () => {
    for (const v of ['2.3', '2.4'] as const) {
      const byId = new Map(controlTargets(v, []).map((t) => [t.id, t]));
      expect(byId.get(`control-stats-default-${v}`)?.expect).toMatchObject({pass: false, check: 'reached'});
      expect(byId.get(`control-fd-limit-${v}`)?.expect).toMatchObject({pass: false, check: 'fd'});
      expect(byId.get(`control-fd-limit-${v}`)?.nofile).toBe(256);
    }
  });

  it('the 3 000-user control is the example without its imap process_limit, above the default 1 024', () => {
    const example: MarkedBlock = {id: 'e', file: 'docs/login-processes.mdx', heading: 'tls-worked-example', title: null, version: '2.4', marker: '3000 tls', text: hsBlock.replace('service_count = 1', 'restart_request_count = 1')};
    const c = controlTargets('2.4', [example]).find((t) => t.id === 'control-imap-limit-2.4')!;
    expect(c.config).not.toMatch(/process_limit = 4000/);
    expect(c.config).toMatch(/process_limit = 3500/);
    expect(c.ran.sessions).toBeGreaterThan(1024);
    expect(c.expect).toEqual({pass: false, check: 'reached', line: String.raw`service\(imap\): process_limit \(1024\) reached`});
  });

  it('the scale runs pass 1 100 processes: plaintext, high-security login, one imap per session', () => {
    for (const v of ['2.3', '2.4'] as const) {
      for (const t of scaleTargets(v)) {
        expect(t.ran.tlsPercent).toBe(0);
        expect(t.scaled).toBeUndefined();
        expect(estimateProcesses(v, t.config, t.ran)).toBeGreaterThan(1100);
      }
    }
  });
});
