import {describe, expect, it} from 'vitest';
import {GENERATOR_DEFAULTS, NUMBER_FIELDS, PRESETS, normalizeInput, presetInput, validateInput} from './schema';

describe('input schema', () => {
  it('the defaults and every preset, in both versions, are valid as they stand', () => {
    expect(validateInput(GENERATOR_DEFAULTS)).toEqual([]);
    for (const p of PRESETS) for (const v of ['2.3', '2.4'] as const) expect(validateInput(presetInput(p.id, v)), p.id).toEqual([]);
  });
  it('presets hold what their descriptions promise', () => {
    const isp = presetInput('isp-10k');
    expect([isp.cores, isp.ramGiB, isp.peak.imap, isp.loginMode, isp.mailReuse, isp.reuseCount, isp.cacheUsers]).toEqual([
      16, 128, 10_000, 'high-performance', 'bounded', 100, 100_000,
    ]);
    const small = presetInput('small-office');
    expect([small.cores, small.ramGiB, small.protocols, small.peak.imap, small.loginMode, small.mailReuse, small.authCache]).toEqual([
      2, 4, ['imap', 'lmtp', 'submission'], 50, 'high-security', 'one', true,
    ]);
    const iso = presetInput('maximum-isolation');
    expect([iso.loginMode, iso.mailReuse, iso.authCache]).toEqual(['high-security', 'one', false]);
  });
  it('presetInput returns copies (editing one never changes the preset)', () => {
    const a = presetInput('isp-10k');
    a.protocols.push('managesieve');
    a.peak.imap = 1;
    expect(presetInput('isp-10k').protocols).toEqual(['imap', 'pop3', 'lmtp', 'submission']);
    expect(presetInput('isp-10k').peak.imap).toBe(10_000);
  });
  it('numeric ranges: the bounds are accepted, one step outside is refused, by field name', () => {
    const cases: [keyof typeof NUMBER_FIELDS & string, number, number][] = [
      ['cores', 1, 1024],
      ['tlsPercent', 0, 100],
      ['reuseCount', 2, 1_000_000],
      ['cacheUsers', 1, 10_000_000],
      ['cacheNegativeTtlMinutes', 0, 43_200],
    ];
    for (const [field, min, max] of cases) {
      expect(validateInput({[field]: min}), `${field} ${min}`).toEqual([]);
      expect(validateInput({[field]: max}), `${field} ${max}`).toEqual([]);
      expect(validateInput({[field]: min - 1}).map((p) => p.field)).toEqual([field]);
      expect(validateInput({[field]: max + 1}).map((p) => p.field)).toEqual([field]);
    }
    expect(validateInput({cores: 2.5})[0].message).toBe('cores: must be a whole number from 1 to 1024 (got 2.5)');
    expect(validateInput({ramGiB: 0.5})).toEqual([]);
    expect(validateInput({newPerSecond: Number.NaN})[0].field).toBe('newPerSecond');
    expect(validateInput({peak: {lmtp: -1}})[0]).toEqual({field: 'peak.lmtp', message: 'peak.lmtp: must be a whole number from 0 to 1000000 (got -1)'});
  });
  it('protocols: non-empty, known, distinct; kept in the canonical order', () => {
    expect(normalizeInput({protocols: ['submission', 'imap']}).input.protocols).toEqual(['imap', 'submission']);
    for (const bad of [[], ['imap', 'imap'], ['smtp'], 'imap', null]) {
      expect(validateInput({protocols: bad}).map((p) => p.field), JSON.stringify(bad)).toEqual(['protocols']);
    }
  });
  it('enums, booleans and the version', () => {
    expect(validateInput({version: '2.5'})[0].message).toBe('version: must be one of 2.3, 2.4 (got "2.5")');
    expect(validateInput({loginMode: 'fast', output: 'zip', comments: 'yes', authCache: 1}).map((p) => p.field)).toEqual([
      'loginMode',
      'output',
      'authCache',
      'comments',
    ]);
  });
  it('dovecot_config_version is checked for 2.4 only', () => {
    expect(validateInput({version: '2.4', configVersion: '2.3.0'}).map((p) => p.field)).toEqual(['configVersion']);
    expect(validateInput({version: '2.3', configVersion: '2.3.0'})).toEqual([]);
  });
  it('not an object at all: one problem, then the defaults', () => {
    const n = normalizeInput('imap please');
    expect(n.problems).toHaveLength(1);
    expect(n.input).toEqual(GENERATOR_DEFAULTS);
  });
});
