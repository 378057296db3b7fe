// The calculator's declared inputs: the frozen schema-1 defaults and URL keys, links in both
// directions, the form ↔ engine input, the version's own names, placeholders from the catalog
// (FACTS: imap 1024 / 1 / 1, 256 M; 2.3's client_limit 0 = default_client_limit) and the
// translation of `unlimited` / 0 between 2.3 and 2.4.
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {isValidState} from '../../lib/dovecot/permalink';
import {listServices} from '../../lib/dovecot/catalog';
import {
  CALCULATOR_SCHEMA,
  decodeQuery,
  defaultState,
  engineInput,
  formFromState,
  formIn,
  notInLink,
  placeholderFor,
  presetForm,
  problemsByField,
  queryFor,
  serviceGroups,
  settingHint,
  settingLabel,
  translateSetting,
  type CalcState,
} from './state';

describe('schemas 1 and 2 (frozen: a change here breaks published links)', () => {
  it('has these defaults', () => {
    expect(CALCULATOR_SCHEMA.version).toBe(2);
    expect(CALCULATOR_SCHEMA.versions[1].defaults).toEqual({
      service: 'imap',
      version: '2.4',
      process_limit: '',
      client_limit: '',
      restart_request_count: '',
      process_min_avail: '',
      vsz_limit: '',
      peakConnections: 1000,
      connectionsPerSecond: 10,
      cores: 4,
      ramGiB: 8,
      tlsPercent: 100,
      protocols: 'imap',
      proxy: 'off',
      authCache: 'off',
    });
    expect(CALCULATOR_SCHEMA.versions[0].defaults).toEqual(CALCULATOR_SCHEMA.versions[1].defaults);
    // schema 2: every protocol Debian enables
    expect(CALCULATOR_SCHEMA.versions[2].defaults).toEqual({
      ...CALCULATOR_SCHEMA.versions[1].defaults,
      protocols: 'imap,pop3,lmtp,submission,managesieve',
    });
  });

  it('a schema 1 link keeps meaning what it meant: only its service\'s protocol enabled', () => {
    const d = decodeQuery('s=1&v=2.3&svc=pop3-login&pl=500');
    expect(d.state).toMatchObject({version: '2.3', service: 'pop3-login', process_limit: '500', protocols: 'pop3', tlsPercent: 100, proxy: 'off'});
    expect(d.notices).toEqual(["This link was made with schema 1; it was read with schema 1's defaults: only pop3 enabled, as that schema checked."]);
    expect(queryFor(formFromState(d.state))).toBe('s=2&v=2.3&svc=pop3-login&pl=500&proto=pop3');
    // the engine then checks exactly what schema 1 checked: protocols = pop3
    expect(engineInput(formFromState(d.state)).input.protocols).toEqual(['pop3']);
    // services without a protocol had none; managesieve's is sieve, written managesieve here
    expect(decodeQuery('s=1&svc=auth').state.protocols).toBe('');
    expect(decodeQuery('s=1&svc=managesieve-login').state.protocols).toBe('managesieve');
    // the old default link: imap only
    expect(decodeQuery('s=1&v=2.4').state.protocols).toBe('imap');
  });

  it('schema 0 links go through both migrations', () => {
    const d = decodeQuery('?v=2.3&service=submission&client_limit=1');
    expect(d.state).toMatchObject({service: 'submission', client_limit: '1', protocols: 'submission'});
  });

  it('has these URL keys', () => {
    const keys = Object.fromEntries(Object.entries(CALCULATOR_SCHEMA.fields).map(([n, f]) => [n, f.key]));
    expect(keys).toEqual({
      service: 'svc',
      version: 'v',
      process_limit: 'pl',
      client_limit: 'cl',
      restart_request_count: 'rc',
      process_min_avail: 'pma',
      vsz_limit: 'vsz',
      peakConnections: 'peak',
      connectionsPerSecond: 'rate',
      cores: 'cores',
      ramGiB: 'ram',
      tlsPercent: 'tls',
      protocols: 'proto',
      proxy: 'proxy',
      authCache: 'cache',
    });
  });

  it('accepts every service of both versions', () => {
    const svc = CALCULATOR_SCHEMA.fields.service;
    for (const s of [...listServices('2.3'), ...listServices('2.4')]) expect(svc.values).toContain(s);
  });
});

describe('links', () => {
  it('writes the default state as s and v only', () => {
    expect(queryFor(formFromState(defaultState()))).toBe('s=2&v=2.4');
  });

  it('round-trips a typical answer link', () => {
    const f = {...formFromState(defaultState()), service: 'imap-login', restart_request_count: 'unlimited', client_limit: '1000', peakConnections: '5000', ramGiB: '0.5'};
    const q = queryFor(f);
    expect(q).toBe('s=2&v=2.4&svc=imap-login&cl=1000&rc=unlimited&peak=5000&ram=0.5');
    const d = decodeQuery(`?${q}`);
    expect(d.notices).toEqual([]);
    expect(formFromState(d.state)).toEqual(f);
  });

  it('keeps raw values: vsz_limit 256M and 1 G', () => {
    expect(decodeQuery('s=2&vsz=256M').state.vsz_limit).toBe('256M');
    expect(decodeQuery('s=2&vsz=1%20G').state.vsz_limit).toBe('1 G');
    expect(decodeQuery('s=2&vsz=1+G').state.vsz_limit).toBe('1 G');
  });

  it('reads hand-written links with Dovecot names (schema 0)', () => {
    const d = decodeQuery('?v=2.3&service=pop3&service_count=0&client_limit=10');
    expect(d.state).toMatchObject({version: '2.3', service: 'pop3', restart_request_count: '0', client_limit: '10'});
    expect(d.notices).toHaveLength(1);
    expect(d.notices[0]).toMatch(/^This link was made with schema 0; .*service_count was read as rc.*only pop3 enabled/);
    // the version switch writes ?v= into any URL: no notice for that, and today's defaults
    expect(decodeQuery('?v=2.3').notices).toEqual([]);
    expect(decodeQuery('?v=2.3').state).toEqual({...defaultState(), version: '2.3'});
  });

  it('shows the hostile example as a notice, state unchanged', () => {
    const d = decodeQuery('?s=2&v=2.4&cl=%3Cimg%20src=x%20onerror=alert(1)%3E&zzz=1');
    expect(d.state).toEqual(defaultState());
    expect(d.notices).toEqual(['Ignored cl=<img src=x onerror=alert(1)>: not a count or unlimited.', 'Ignored unknown parameter zzz.']);
  });

  it('leaves typed text that is not a value out of the link, and says which', () => {
    const f = {...formFromState(defaultState()), client_limit: 'abc', cores: '-1', process_limit: ' 10 '};
    expect(queryFor(f)).toBe('s=2&v=2.4&pl=10');
    expect(notInLink(f)).toEqual(['client_limit', 'cores']);
  });

  it('any valid state survives the form and the link', () => {
    const services = CALCULATOR_SCHEMA.fields.service.values;
    const count = fc.oneof(fc.constant(''), fc.constant('unlimited'), fc.nat({max: 99999}).map(String));
    const arb: fc.Arbitrary<CalcState> = fc.record({
      service: fc.constantFrom(...services),
      version: fc.constantFrom('2.4', '2.3'),
      process_limit: count,
      client_limit: count,
      restart_request_count: count,
      process_min_avail: fc.oneof(fc.constant(''), fc.nat({max: 999}).map(String)),
      vsz_limit: fc.oneof(fc.constant(''), fc.constantFrom('256M', '1 G', 'unlimited', '0', '512k')),
      peakConnections: fc.nat({max: 10_000_000}),
      connectionsPerSecond: fc.nat({max: 10_000_000}).map((n) => n / 10),
      cores: fc.integer({min: 1, max: 1024}),
      ramGiB: fc.integer({min: 1, max: 655_360}).map((n) => n / 10),
      tlsPercent: fc.integer({min: 0, max: 1000}).map((n) => n / 10),
      // the canonical order, as the form writes it
      protocols: fc.subarray(['imap', 'pop3', 'lmtp', 'submission', 'managesieve']).map((l) => l.join(',')),
      proxy: fc.constantFrom('off', 'on'),
      authCache: fc.constantFrom('off', 'on'),
    });
    fc.assert(
      fc.property(arb, (s) => {
        expect(isValidState(CALCULATOR_SCHEMA, s)).toBe(true);
        const d = decodeQuery(queryFor(formFromState(s)));
        expect(d.state).toEqual(s);
        expect(d.notices).toEqual([]);
      }),
      {numRuns: 300},
    );
  });
});

describe('form → engine', () => {
  it('sends typed settings (trimmed, empty = default) and numbers', () => {
    const f = {...formFromState(defaultState()), client_limit: ' 10 ', restart_request_count: 'unlimited'};
    const {input, problems} = engineInput(f);
    expect(input).toEqual({
      version: '2.4',
      service: 'imap',
      settings: {client_limit: '10', restart_request_count: 'unlimited'},
      load: {peakConnections: 1000, connectionsPerSecond: 10, tlsPercent: 100, cores: 4, ramGiB: 8},
      protocols: ['imap', 'pop3', 'lmtp', 'submission', 'managesieve'],
      proxy: false,
      authCache: false,
    });
    expect(problems).toEqual([]);
  });

  it('names the field of a bad load value and falls back to the default', () => {
    const f = {...formFromState(defaultState()), peakConnections: 'abc', cores: '0', ramGiB: '', connectionsPerSecond: '1e9'};
    const {input, problems} = engineInput(f);
    expect(input.load).toEqual({peakConnections: 1000, connectionsPerSecond: 10, tlsPercent: 100, cores: 4, ramGiB: 8});
    expect(problems).toEqual([
      {field: 'peakConnections', message: 'Peak concurrent connections: not a whole number'},
      {field: 'connectionsPerSecond', message: 'New connections per second: not a number'},
      {field: 'cores', message: 'CPU cores: must be between 1 and 1024'},
      {field: 'ramGiB', message: 'RAM: enter a value'},
    ]);
  });

  it('shows the engine problem first, ours where the engine is silent', () => {
    const f = {...formFromState(defaultState()), client_limit: 'abc', process_limit: '0', peakConnections: '-1'};
    const load = engineInput(f).problems;
    const shown = problemsByField('2.4', f, [{field: 'process_limit', message: 'process_limit: 0 is not allowed'}], load);
    expect(shown).toEqual({
      peakConnections: 'Peak concurrent connections: must be between 0 and 10000000',
      process_limit: 'process_limit: 0 is not allowed',
      client_limit: 'client_limit: not a count or unlimited',
    });
    expect(problemsByField('2.3', {...f, version: '2.3', restart_request_count: '-1'}, [], []).restart_request_count).toBe(
      'service_count: not a count or unlimited',
    );
  });
});

describe('labels and defaults from the catalog', () => {
  it('uses the version’s own setting names', () => {
    expect(settingLabel('2.3', 'restart_request_count')).toBe('service_count');
    expect(settingLabel('2.4', 'restart_request_count')).toBe('restart_request_count');
    expect(settingLabel('2.3', 'client_limit')).toBe('client_limit');
  });

  it('shows the service’s built-in values as placeholders', () => {
    expect(placeholderFor('2.4', 'imap', 'process_limit')).toBe('1024');
    expect(placeholderFor('2.4', 'imap', 'client_limit')).toBe('1');
    expect(placeholderFor('2.4', 'imap', 'restart_request_count')).toBe('1');
    expect(placeholderFor('2.4', 'imap', 'vsz_limit')).toBe('256 M');
    expect(placeholderFor('2.3', 'imap-login', 'client_limit')).toBe('1000');
    expect(placeholderFor('2.4', 'imap-login', 'process_limit')).toBe('100');
    expect(placeholderFor('2.4', 'no-such-service', 'process_limit')).toBe('');
  });

  it('says what 0 and unlimited do in each version', () => {
    expect(settingHint('2.4', 'restart_request_count')).toMatch(/0 is a configuration error in 2\.4; write `unlimited`/);
    expect(settingHint('2.3', 'restart_request_count')).toMatch(/^0 means no limit/);
    expect(settingHint('2.3', 'client_limit')).toMatch(/default_client_limit/);
  });

  it('groups services: login, mail, others', () => {
    const g = serviceGroups('2.4');
    expect(g.map((x) => x.label)).toEqual(['Login services', 'Mail services', 'Other services']);
    expect(g[0].services).toEqual(expect.arrayContaining(['imap-login', 'pop3-login', 'submission-login', 'managesieve-login']));
    expect(g[1].services).toEqual(expect.arrayContaining(['imap', 'pop3', 'lmtp', 'submission', 'managesieve']));
    expect(g[2].services).toEqual(expect.arrayContaining(['auth', 'anvil', 'config']));
    expect(g.flatMap((x) => x.services).sort()).toEqual(listServices('2.4'));
  });
});

describe('versions', () => {
  it('carries no-limit and use-default spellings across', () => {
    expect(translateSetting('2.4', '2.3', 'restart_request_count', 'unlimited')).toBe('0');
    expect(translateSetting('2.3', '2.4', 'restart_request_count', '0')).toBe('unlimited');
    expect(translateSetting('2.4', '2.3', 'vsz_limit', 'unlimited')).toBe('0');
    expect(translateSetting('2.3', '2.4', 'vsz_limit', '0')).toBe('unlimited');
    expect(translateSetting('2.3', '2.4', 'client_limit', '0')).toBe('');
    expect(translateSetting('2.4', '2.3', 'client_limit', 'unlimited')).toBe('unlimited');
    expect(translateSetting('2.3', '2.4', 'process_min_avail', '0')).toBe('0');
    expect(translateSetting('2.4', '2.4', 'vsz_limit', 'unlimited')).toBe('unlimited');
  });

  it('shows presets (written for 2.4) in 2.3 syntax', () => {
    const f = presetForm('imap', {restart_request_count: 'unlimited', client_limit: '1'}, {cores: 16});
    expect(f).toMatchObject({version: '2.4', service: 'imap', restart_request_count: 'unlimited', client_limit: '1', cores: '16'});
    expect(formIn(f, '2.3')).toMatchObject({version: '2.3', restart_request_count: '0', client_limit: '1', cores: '16'});
    expect(formIn(f, '2.4')).toBe(f);
  });
});
