// The generator's permalink schema and form model: frozen defaults that equal the core's today,
// the URL scheme of DESIGN.md, round trips, hostile links, and messages that name the field.
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {GENERATOR_DEFAULTS, GENERATOR_PROTOCOLS, PRESETS, generate, presetInput} from '../../lib/dovecot/generator';
import {decode} from '../../lib/dovecot/permalink';
import {
  GENERATOR_SCHEMA,
  NUMBER_KEYS,
  decodeQuery,
  defaultForm,
  formFromInput,
  formFromState,
  inputFor,
  notInLink,
  presetForm,
  queryFor,
  type FormState,
} from './state';

describe('schema 2', () => {
  it('its frozen defaults are the core defaults today (a change needs schema 3)', () => {
    const {input, problems} = inputFor(formFromState(GENERATOR_SCHEMA.versions[2].defaults));
    expect(problems.byField).toEqual({});
    expect(input).toEqual(GENERATOR_DEFAULTS);
  });

  it('a schema 1 link means what it meant: the same answers, and a server that does not proxy', () => {
    const q = 's=1&v=2.3&cores=8&ram=64&imap=5000&login=performance&cache=off';
    const d = decodeQuery(q);
    expect(d.schemaVersion).toBe(1);
    const {input} = inputFor(formFromState(d.state));
    expect([input.version, input.cores, input.ramGiB, input.peak.imap, input.loginMode, input.authCache, input.proxy]).toEqual([
      '2.3', 8, 64, 5000, 'high-performance', false, false,
    ]);
    // written again in schema 2, with the same values
    expect(queryFor(formFromState(d.state))).toBe('s=2&v=2.3&cores=8&ram=64&imap=5000&login=performance&cache=off');
    expect(GENERATOR_SCHEMA.versions[1].defaults).toEqual({...GENERATOR_SCHEMA.versions[2].defaults, proxy: 'off'});
  });

  it('proxy=on is read and written', () => {
    const f = formFromState(decodeQuery('s=2&v=2.4&proxy=on').state);
    expect(f.proxy).toBe(true);
    expect(inputFor(f).input.proxy).toBe(true);
    expect(queryFor(f)).toBe('s=2&v=2.4&proxy=on');
  });

  it('the defaults are written as s and v only', () => {
    expect(queryFor(defaultForm())).toBe('s=2&v=2.4');
    expect(queryFor(defaultForm('2.3'))).toBe('s=2&v=2.3');
  });

  it("DESIGN.md's example reads as written", () => {
    const d = decodeQuery('?s=2&v=2.4&cores=8&imap=5000&login=performance');
    expect(d.notices).toEqual([]);
    const {input} = inputFor(formFromState(d.state));
    expect([input.cores, input.peak.imap, input.loginMode]).toEqual([8, 5000, 'high-performance']);
    expect(queryFor(formFromState(d.state))).toBe('s=2&v=2.4&cores=8&imap=5000&login=performance');
  });

  it('every preset goes through a link and back unchanged, in both versions', () => {
    for (const p of PRESETS) {
      for (const v of ['2.4', '2.3'] as const) {
        const input = presetInput(p.id, v);
        const q = queryFor(formFromInput(input));
        const back = inputFor(formFromState(decodeQuery(q).state)).input;
        expect(back, `${p.id} ${v}: ${q}`).toEqual(input);
      }
    }
    expect(queryFor(formFromInput(presetInput('isp-10k')))).toBe(
      's=2&v=2.4&cores=16&ram=128&proto=imap,pop3,lmtp,submission&imap=10000&pop3=1000&lmtp=200&sub=500&sieve=0&rate=200&login=performance&reuse=bounded&users=100000',
    );
  });

  it('protocol lists are read in any order, repeats folded', () => {
    const f = formFromState(decodeQuery('s=2&v=2.4&proto=pop3,imap,imap').state);
    expect(f.protocols).toEqual(['imap', 'pop3']);
    expect(queryFor(f)).toBe('s=2&v=2.4&proto=imap,pop3');
  });
});

describe('hostile and broken links', () => {
  it('no link, however extreme, makes the output or a warning say Infinity, NaN or undefined', () => {
    // every field at its bounds or a value just outside them, any protocol set (lmtp alone has no
    // login service: the %{system:cpu_count} warning once said "more than Infinity CPUs")
    const at = (k: string, lo: number, hi: number) => fc.constantFrom(`${k}=${lo}`, `${k}=${hi}`, `${k}=${hi + 1}`, `${k}=`, '');
    const link = fc.tuple(
      fc.constantFrom('v=2.3', 'v=2.4'),
      fc.subarray([...GENERATOR_PROTOCOLS]).map((ps) => `proto=${ps.join(',')}`),
      fc.constantFrom('minavail=cores', 'minavail=cpu_count', 'minavail=off'),
      fc.constantFrom('login=security', 'login=performance'),
      fc.constantFrom('reuse=one', 'reuse=bounded', 'reuse=unlimited'),
      fc.constantFrom('cache=on', 'cache=off'),
      at('cores', 1, 1024),
      at('ram', 0.1, 65536),
      at('imap', 0, 1_000_000),
      at('lmtp', 0, 1_000_000),
      at('rate', 0, 100_000),
      at('users', 0, 10_000_000),
      at('n', 1, 1_000_000),
    );
    fc.assert(
      fc.property(link, (parts) => {
        const d = decodeQuery(['s=1', ...parts].filter(Boolean).join('&'));
        const {input, problems} = inputFor(formFromState(d.state));
        const shown = JSON.stringify({out: generate(input), problems, notices: d.notices});
        expect(shown).not.toMatch(/Infinity|NaN|undefined/);
      }),
      {numRuns: 300},
    );
  });

  it('any string gives a valid form, and generate never fails on it', () => {
    fc.assert(
      fc.property(fc.string({maxLength: 300}), (q) => {
        const d = decodeQuery(q);
        const {input} = inputFor(formFromState(d.state));
        expect(generate(input).problems).toEqual([]);
      }),
      {numRuns: 200},
    );
  });

  it('markup and unknown keys become plain notices', () => {
    const d = decodeQuery('s=2&v=2.4&cores=%3Cscript%3E&zzz=1&__proto__=x&proto=');
    expect(d.notices).toContain('Ignored cores=<script>: not a whole number.');
    expect(d.notices).toContain('Ignored unknown parameter zzz.');
    expect(d.notices).toContain('Ignored unknown parameter __proto__.');
    // an empty protocol list is not a setting a link can carry: ignored with a notice, defaults kept
    expect(d.notices).toContain('Ignored proto=: empty, not a comma-separated list of imap, pop3, lmtp, submission, managesieve.');
    expect(formFromState(d.state).protocols).toEqual(['imap', 'lmtp', 'submission']);
    expect(inputFor(formFromState(d.state)).problems.byField.protocols).toBeUndefined();
  });
});

describe('the form', () => {
  const edit = (f: FormState, k: (typeof NUMBER_KEYS)[number], v: string): FormState => ({...f, text: {...f.text, [k]: v}});

  it('a bad value is named by its label, the output uses the default, and it stays out of the link', () => {
    const f = edit(edit(defaultForm(), 'cores', '-3'), 'peak.imap', 'abc');
    const {input, problems} = inputFor(f);
    expect(problems.byField.cores).toBe('CPU cores: must be a whole number from 1 to 1024; the output uses 2 until this is fixed.');
    expect(problems.byField['peak.imap']).toBe(
      'Peak concurrent imap connections: must be a whole number from 0 to 1000000; the output uses 100 until this is fixed.',
    );
    expect(input.cores).toBe(2);
    expect(notInLink(f)).toEqual(['CPU cores', 'Peak concurrent imap connections']);
    expect(queryFor(f)).toBe('s=2&v=2.4');
    expect(inputFor(edit(defaultForm(), 'ramGiB', '')).problems.byField.ramGiB).toBe('RAM: enter a value; the output uses 4 until this is fixed.');
    expect(inputFor(edit(defaultForm(), 'ramGiB', '1.25')).problems.byField.ramGiB).toMatch(/^RAM: at most 1 digit after the point/);
  });

  it('lmtp alone: a note that the login choices change nothing', () => {
    const {problems} = inputFor({...defaultForm(), protocols: ['lmtp'], minAvail: 'cpu_count'});
    expect(problems.notes).toEqual(['lmtp alone has no login service: the login mode and process_min_avail change nothing in the output.']);
    expect(inputFor({...defaultForm(), protocols: ['lmtp', 'pop3']}).problems.notes).toEqual([]);
  });

  it('no protocol: a message, and the default protocols in the output', () => {
    const {input, problems} = inputFor({...defaultForm(), protocols: []});
    expect(problems.byField.protocols).toBe('Protocols: choose at least one; the output uses imap, lmtp, submission until you do.');
    expect(input.protocols).toEqual(GENERATOR_DEFAULTS.protocols);
  });

  it('%{system:cpu_count} is 2.4 only: 2.3 writes the cores and says so', () => {
    const f = {...defaultForm('2.3'), minAvail: 'cpu_count' as const};
    const {input, problems} = inputFor(f);
    expect(input.minAvail).toBe('cores');
    expect(problems.notes[0]).toMatch(/only in Dovecot 2\.4/);
    expect(inputFor({...f, version: '2.4'}).input.minAvail).toBe('cpu_count');
  });

  it('a preset keeps the version, the output form and the comments choice', () => {
    const f = presetForm('maximum-isolation', {...defaultForm('2.3'), output: 'file', comments: false});
    const {input} = inputFor(f);
    expect([input.version, input.output, input.comments, input.authCache]).toEqual(['2.3', 'file', false, false]);
    expect(input.protocols).toEqual([...GENERATOR_PROTOCOLS]);
  });

  it('decoding the same link with the codec directly gives the same state', () => {
    const q = 's=2&v=2.3&cores=4&reuse=unlimited&cache=off&comments=off&out=file';
    expect(decodeQuery(q).state).toEqual(decode(GENERATOR_SCHEMA, q).state);
    expect(queryFor(formFromState(decodeQuery(q).state))).toBe(q);
  });
});
