import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {
  MAX_NOTICES,
  MAX_QUERY_LENGTH,
  decode,
  defineSchema,
  encode,
  isValidState,
  isValidValue,
  parseValue,
  quote,
  splitQuery,
  unencodable,
  type FieldSpec,
  type StateOf,
} from './permalink';

// A small schema of every field kind, with a schema 0 that used other keys and other defaults.
const fields = {
  version: {kind: 'enum', key: 'v', values: ['2.4', '2.3'], always: true},
  mode: {kind: 'enum', key: 'mode', values: ['fast', 'safe']},
  limit: {kind: 'text', key: 'cl', pattern: /[0-9]{1,10}|unlimited/, maxLength: 10, expected: 'a count or unlimited'},
  size: {kind: 'text', key: 'vsz', pattern: /[0-9]{1,15} ?(?:[kKmMgG][bB]?)?|unlimited/, maxLength: 18, expected: 'a size'},
  cores: {kind: 'int', key: 'cores', min: 1, max: 1024},
  ram: {kind: 'number', key: 'ram', min: 0.1, max: 65536, decimals: 1},
} as const satisfies Record<string, FieldSpec>;
type S = StateOf<typeof fields>;

const D1: S = {version: '2.4', mode: 'fast', limit: '', size: '', cores: 4, ram: 8};
const D0: S = {version: '2.4', mode: 'safe', limit: '', size: '', cores: 2, ram: 8};

const schema = defineSchema({
  version: 1,
  fields,
  unversioned: 0,
  versions: {
    0: {
      defaults: D0,
      migrate: (params) => {
        const out = params.map(([k, v]) => (k === 'client_limit' ? (['cl', v] as const) : ([k, v] as const)));
        return out.some(([k], i) => k !== params[i][0]) ? {params: out, notices: ['client_limit was read as cl']} : {params: out};
      },
    },
    1: {defaults: D1},
  },
});

const stateArb: fc.Arbitrary<S> = fc.record({
  version: fc.constantFrom('2.4', '2.3'),
  mode: fc.constantFrom('fast', 'safe'),
  limit: fc.oneof(fc.constant(''), fc.constant('unlimited'), fc.integer({min: 0, max: 4294967295}).map(String)),
  size: fc.oneof(
    fc.constant(''),
    fc.constant('unlimited'),
    fc.tuple(fc.integer({min: 0, max: 99999}), fc.constantFrom('', ' ', 'k', 'M', ' M', 'G', 'GB', 'mb')).map(([n, u]) =>
      u === ' ' ? `${n}` : `${n}${u}`,
    ),
  ),
  cores: fc.integer({min: 1, max: 1024}),
  ram: fc.integer({min: 1, max: 655360}).map((n) => n / 10),
});

describe('encode', () => {
  it('writes s and v always, nothing else for the defaults', () => {
    expect(encode(schema, D1)).toBe('s=1&v=2.4');
    expect(encode(schema, {})).toBe('s=1&v=2.4');
  });

  it('writes non-defaults in declaration order, s first and the always fields next', () => {
    expect(encode(schema, {...D1, ram: 0.5, limit: 'unlimited', version: '2.3', size: '256M'})).toBe(
      's=1&v=2.3&cl=unlimited&vsz=256M&ram=0.5',
    );
  });

  it('leaves out invalid values', () => {
    const bad = {...D1, limit: '-5', cores: 0, ram: 1.25} as S;
    expect(encode(schema, bad)).toBe('s=1&v=2.4');
    expect(unencodable(schema, bad)).toEqual(['limit', 'cores', 'ram']);
    expect(unencodable(schema, D1)).toEqual([]);
  });

  it('percent-encodes what needs it', () => {
    expect(encode(schema, {...D1, size: '256 M'})).toBe('s=1&v=2.4&vsz=256%20M');
  });
});

describe('decode', () => {
  it('gives the defaults and no notice for an empty query', () => {
    for (const q of ['', '?', '?&&', '#frag']) {
      const d = decode(schema, q);
      expect(d.state).toEqual(D1);
      expect(d.notices).toEqual([]);
    }
  });

  it('reads a link with or without ?, and a whole URL', () => {
    const want = {...D1, limit: '1', version: '2.3'};
    expect(decode(schema, 's=1&v=2.3&cl=1').state).toEqual(want);
    expect(decode(schema, '?s=1&v=2.3&cl=1').state).toEqual(want);
    expect(decode(schema, 'https://x.example/calculator?s=1&v=2.3&cl=1#top').state).toEqual(want);
    expect(decode(schema, '/calculator?s=1&v=2.3&cl=1').state).toEqual(want);
    expect(decode(schema, '?s=1&v=2.3&cl=1').given).toEqual(['version', 'limit']);
  });

  it('keeps raw setting values: unlimited, 256M, 256 M (+ or %20)', () => {
    expect(decode(schema, 's=1&cl=unlimited&vsz=256M').state).toMatchObject({limit: 'unlimited', size: '256M'});
    expect(decode(schema, 's=1&vsz=256+M').state.size).toBe('256 M');
    expect(decode(schema, 's=1&vsz=256%20M').state.size).toBe('256 M');
  });

  it('ignores unknown parameters with a notice', () => {
    const d = decode(schema, 's=1&zzz=1');
    expect(d.state).toEqual(D1);
    expect(d.notices).toEqual(['Ignored unknown parameter zzz.']);
  });

  it('ignores bad values with a notice naming the parameter and the reason', () => {
    const d = decode(schema, 's=1&cl=abc&cores=abc&cores2=1&ram=1.25&mode=turbo&cores=0');
    expect(d.state).toEqual(D1);
    expect(d.notices).toEqual([
      'Ignored cl=abc: not a count or unlimited.',
      'Ignored cores=abc: not a whole number.',
      'Ignored unknown parameter cores2.',
      'Ignored ram=1.25: at most 1 digit after the point.',
      'Ignored mode=turbo: not one of fast, safe.',
      'Ignored repeated parameter cores=0 (the first cores counts).',
    ]);
    expect(decode(schema, 's=1&cores=5000').notices).toEqual(['Ignored cores=5000: must be between 1 and 1024.']);
    expect(decode(schema, 's=1&cores=-0').state.cores).toBe(0 + 4);
  });

  it('takes the first of repeated keys', () => {
    const d = decode(schema, 's=1&cl=5&cl=7');
    expect(d.state.limit).toBe('5');
    expect(d.notices).toEqual(['Ignored repeated parameter cl=7 (the first cl counts).']);
  });

  it('reads an older schema with its frozen defaults and migration', () => {
    const d = decode(schema, 's=0&client_limit=5');
    expect(d.state).toEqual({...D0, limit: '5'});
    expect(d.schemaVersion).toBe(0);
    expect(d.notices).toEqual(["This link was made with schema 0; it was read with schema 0's defaults: client_limit was read as cl."]);
    // without s: schema 0, silently unless the migration changed something
    expect(decode(schema, 'v=2.3').state).toEqual({...D0, version: '2.3'});
    expect(decode(schema, 'v=2.3').notices).toEqual([]);
    expect(decode(schema, 'client_limit=1').notices[0]).toMatch(/^This link was made with schema 0;/);
  });

  it('reads a future or broken schema version as the current one, with a notice', () => {
    const future = decode(schema, 's=7&cl=5&new=1');
    expect(future.state).toEqual({...D1, limit: '5'});
    expect(future.notices[0]).toMatch(/schema 7, newer than this page knows; it was read as schema 1/);
    expect(decode(schema, 's=abc').notices[0]).toBe('Ignored s=abc: not a schema version; the link was read as schema 1.');
    expect(decode(schema, 's=1&s=0').notices).toEqual(['Ignored repeated parameter s (the first one counts).']);
  });

  it('is harmless with hostile input', () => {
    const hostile = [
      's=1&cl=%3Cimg%20src=x%20onerror=alert(1)%3E&zzz=1',
      's=1&cl=<script>alert(1)</script>',
      's=1&cl=1%00&%00=1',
      's=1&__proto__=1&constructor=x&toString=1&hasOwnProperty=1&__proto__[cores]=9',
      's=1&cl=%E0%A4%A&vsz=%&v=%zz',
      `s=1&cl=${'9'.repeat(100000)}`,
      '&'.repeat(100000),
      `${'a=1&'.repeat(10000)}`,
      's=1&v=2.3\u2028&mode=fast\u0000',
    ];
    for (const q of hostile) {
      const d = decode(schema, q);
      expect(isValidState(schema, d.state)).toBe(true);
      expect(Object.getPrototypeOf(d.state)).toBe(Object.prototype);
      expect(Object.keys(d.state).sort()).toEqual(Object.keys(D1).sort());
      expect(d.notices.length).toBeLessThanOrEqual(MAX_NOTICES);
      for (const n of d.notices) expect(n.length).toBeLessThan(400);
      expect(({} as Record<string, unknown>).cores).toBeUndefined();
    }
    const xss = decode(schema, hostile[0]);
    expect(xss.notices).toEqual(['Ignored cl=<img src=x onerror=alert(1)>: not a count or unlimited.', 'Ignored unknown parameter zzz.']);
    expect(decode(schema, hostile[3]).notices).toContain('Ignored unknown parameter __proto__.');
    expect(decode(schema, hostile[2]).notices).toEqual(['Ignored cl=1\ufffd: not a count or unlimited.', 'Ignored unknown parameter \ufffd.']);
    expect(decode(schema, hostile[6]).notices[0]).toMatch(/^The link is too long/);
    expect(decode(schema, hostile[7]).notices.at(-1)).toMatch(/more things in the link were ignored/);
  });

  it('reads at most MAX_QUERY_LENGTH characters', () => {
    const long = `s=1&cl=5&x=${'y'.repeat(MAX_QUERY_LENGTH)}`;
    expect(splitQuery(long).flat().join('').length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(decode(schema, long).state.limit).toBe('5');
  });
});

describe('values', () => {
  it('parses form text like link text', () => {
    expect(parseValue(fields.cores, ' 8 ')).toEqual({ok: true, value: 8});
    expect(parseValue(fields.cores, '8.5')).toEqual({ok: false, reason: 'not a whole number'});
    expect(parseValue(fields.ram, '.5')).toEqual({ok: true, value: 0.5});
    expect(parseValue(fields.ram, '1e3')).toEqual({ok: false, reason: 'not a number'});
    expect(parseValue(fields.ram, '0')).toEqual({ok: false, reason: 'must be between 0.1 and 65536'});
    expect(parseValue(fields.limit, 'x'.repeat(11))).toEqual({ok: false, reason: 'not a count or unlimited'});
    const word = {kind: 'text', key: 'w', pattern: /[a-z]+/, maxLength: 3, expected: 'a word'} as const;
    expect(parseValue(word, 'abcd')).toEqual({ok: false, reason: 'longer than 3 characters'});
    expect(parseValue(fields.limit, '')).toEqual({ok: true, value: ''});
    const list = {kind: 'text', key: 'l', pattern: /[a-z]+(?:,[a-z]+)*/, maxLength: 20, expected: 'a list of words', required: true} as const;
    expect(parseValue(list, '')).toEqual({ok: false, reason: 'empty, not a list of words'});
    expect(isValidValue(list, '')).toBe(false);
    expect(parseValue(list, 'a,b')).toEqual({ok: true, value: 'a,b'});
  });

  it('checks values strictly', () => {
    expect(isValidValue(fields.cores, 1.5)).toBe(false);
    expect(isValidValue(fields.cores, '4')).toBe(false);
    expect(isValidValue(fields.ram, Number.NaN)).toBe(false);
    expect(isValidValue(fields.limit, ' 5')).toBe(false);
    expect(isValidValue(fields.limit, '5 ')).toBe(false);
    expect(isValidValue(fields.mode, 'constructor')).toBe(false);
  });

  it('quotes short, single-line text', () => {
    expect(quote('a\nb\u0000c')).toBe('a\ufffdb\ufffdc');
    expect(quote('x'.repeat(100))).toHaveLength(40);
  });
});

describe('defineSchema', () => {
  const base = {version: 1, fields, versions: {1: {defaults: D1}}};
  it('rejects broken declarations', () => {
    expect(() => defineSchema({...base, fields: {...fields, other: {kind: 'int', key: 'cl', min: 0, max: 1}}} as never)).toThrow(/used twice/);
    expect(() => defineSchema({...base, fields: {...fields, other: {kind: 'int', key: 's', min: 0, max: 1}}} as never)).toThrow(/used twice/);
    expect(() => defineSchema({...base, fields: {...fields, other: {kind: 'int', key: 'Long-Key', min: 0, max: 1}}} as never)).toThrow(
      /short lowercase/,
    );
    expect(() => defineSchema({...base, versions: {1: {defaults: {...D1, cores: 0}}}})).toThrow(/invalid defaults for cores/);
    expect(() => defineSchema({...base, versions: {0: {defaults: D1}, 1: {defaults: D1}}})).toThrow(/no migration/);
  });
  it('freezes the defaults', () => {
    expect(Object.isFrozen(schema.versions[1].defaults)).toBe(true);
  });
});

describe('properties', () => {
  it('encode → decode gives back any valid state, without notices', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const d = decode(schema, encode(schema, s));
        expect(d.state).toEqual(s);
        expect(d.notices).toEqual([]);
      }),
      {numRuns: 500},
    );
  });

  it('encode is stable: decode → encode → decode is a fixed point', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const q = encode(schema, s);
        expect(encode(schema, decode(schema, q).state)).toBe(q);
      }),
    );
  });

  it('decode never throws and always gives a valid state', () => {
    const pieces = fc.oneof(
      fc.string(),
      fc.string({unit: 'binary'}),
      fc.constantFrom('s', 'v', 'cl', 'vsz', 'cores', 'ram', 'mode', '__proto__', 'constructor', '%', '%00', '%E0', '=', '&', '+', '#', '?'),
    );
    const query = fc.oneof(
      fc.string({unit: 'binary', maxLength: 300}),
      fc.array(fc.tuple(pieces, pieces), {maxLength: 20}).map((ps) => ps.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(query, (q) => {
        const d = decode(schema, q);
        expect(isValidState(schema, d.state)).toBe(true);
        expect(Array.isArray(d.notices)).toBe(true);
        expect(d.notices.every((n) => typeof n === 'string')).toBe(true);
      }),
      {numRuns: 1000},
    );
  });
});

describe('text fields with literal characters', () => {
  const listSchema = defineSchema({
    version: 1,
    fields: {
      list: {kind: 'text', key: 'l', pattern: /[a-z0-9]+(?:,[a-z0-9]+)*/, maxLength: 40, expected: 'a list', literal: ',&='},
      plain: {kind: 'text', key: 'p', pattern: /[a-z,]*/, maxLength: 40, expected: 'text'},
    },
    versions: {1: {defaults: {list: 'a', plain: ''}}},
  });

  it('writes the listed sub-delims as they are, never & or =, and reads both spellings', () => {
    expect(encode(listSchema, {list: 'imap,pop3', plain: 'x,y'})).toBe('s=1&l=imap,pop3&p=x%2Cy');
    expect(decode(listSchema, 's=1&l=imap,pop3').state.list).toBe('imap,pop3');
    expect(decode(listSchema, 's=1&l=imap%2Cpop3').state.list).toBe('imap,pop3');
  });
});
