// Differential test of src/lib/dovecot/rules.ts against the real doveconf 2.3.19.1 and 2.4.1:
// random configs (services, limits at and around the thresholds, protocols, default_* globals,
// 2.4 flat forms, auth cache sizes, broken headers and values), each run through the version's
// doveconf, and the prediction compared with what doveconf printed: the fatal error and the
// warnings before it (de-duplicated; 2.3's "dump-capability process returned 89" and the Error
// lines that repeat errors dropped; the "Counted ..." list order ignored), both as
// (rule id, service, numbers, counted set) and as exact text. Coverage is asserted too.
import fc from 'fast-check';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseConfig} from '../../src/lib/dovecot/conf';
import {analyzeConfig, doveconfStderr, type RuleResult} from '../../src/lib/dovecot/rules';
import {OBSOLETE_23_NAMES} from '../../src/lib/dovecot/rulesObsolete';
import {requireBinaries, runDoveconf, type Version} from './doveconf';
import {mapLimit, runDoveconfAsync} from './rules-async';

const NUM_RUNS = 1000;
const SEED = 20250611;
const CONCURRENCY = 4;

beforeAll(() => requireBinaries());

// --- the generator -------------------------------------------------------------------------------

type Pair = readonly [string, string];

interface Spec {
  version: Version;
  /** 2.4 header: 'ok', config version not first (E17), unsupported (E19), 2.4.0, no storage version (E18). */
  header: 'ok' | 'late' | 'bad' | 'v240' | 'no-storage';
  protocols: string | null;
  globals: Pair[];
  blocks: {service: string; settings: Pair[]}[];
  flats: Pair[];
}

const SERVICES = [
  'imap', 'imap-login', 'pop3', 'pop3-login', 'lmtp', 'submission', 'submission-login',
  'managesieve', 'managesieve-login', 'auth', 'anvil', 'auth-worker',
] as const;

const w = <T,>(weight: number, arbitrary: fc.Arbitrary<T>) => ({weight: Math.round(weight * 2), arbitrary});
const c = (...values: string[]) => fc.constantFrom(...values);

function valueArb(version: Version, key: string): fc.Arbitrary<string> {
  const v24 = version === '2.4';
  const unlimited = v24 ? ['unlimited'] : [];
  const invalid = w(0.5, c('abc', '-1', '4294967296', ...(v24 ? ['1k'] : ['unlimited'])));
  switch (key) {
    case 'process_limit':
      return fc.oneof(
        w(10, c('1', '2', '5', '10', '50', '100', '101', '200', '1000', '1024', '2000')),
        w(2, c('0', '4294967295', ...unlimited)),
        w(1, fc.integer({min: 1, max: 3000}).map(String)),
        invalid,
      );
    case 'client_limit':
      return fc.oneof(
        w(10, c('1', '2', '10', '100', '999', '1000', '1001', '1223', '1224', '1225', '5000')),
        w(2, c('0', '4294967295', ...unlimited)),
        w(1, fc.integer({min: 1, max: 3000}).map(String)),
        invalid,
      );
    case 'service_count':
    case 'restart_request_count':
      return fc.oneof(w(10, c('1', '1', '2', '100', ...unlimited, ...unlimited)), w(2, c('0')), invalid);
    case 'process_min_avail':
      return fc.oneof(w(10, c('0', '1', '2', '4', '8', '100', '101', '1025', '2000')), w(1, c('4294967295')), invalid);
    case 'vsz_limit':
      return fc.oneof(
        w(10, c('256M', '256 M', '1G', '1 GB', '2 MiB', '1T', '1048576', '1024k', ...unlimited)),
        w(4, c('0', '1M', '1023k', '1048575', '1b', '1000k')),
        w(0.5, c('1 G B', '1.5G', '-1', ...(v24 ? [] : ['unlimited']))),
      );
    case 'idle_kill':
    case 'idle_kill_interval':
      return fc.oneof(w(6, c('1 mins', '30 secs', ...(v24 ? ['infinite'] : ['0']))), w(2, c('0')));
    case 'type':
      return c('login', 'worker', 'bogus', '');
    case 'drop_priv_before_exec':
      return c('yes', 'yes', 'no');
    case 'chroot':
      return c('', 'login');
    default:
      throw new Error(`no values for ${key}`);
  }
}

function serviceSettingArb(version: Version): fc.Arbitrary<Pair> {
  const rc = version === '2.3' ? 'service_count' : 'restart_request_count';
  const idle = version === '2.3' ? 'idle_kill' : 'idle_kill_interval';
  const key = fc.oneof(
    w(6, c('process_limit', 'client_limit', rc, 'process_min_avail')),
    w(2, c('vsz_limit')),
    w(1.5, c(idle, 'drop_priv_before_exec', 'drop_priv_before_exec', 'chroot')),
    w(1, c('type')),
  );
  return key.chain((k) => valueArb(version, k).map((v) => [k, v] as const));
}

function globalArb(version: Version): fc.Arbitrary<Pair> {
  const v24 = version === '2.4';
  const items: fc.WeightedArbitrary<Pair>[] = [
    w(2, fc.tuple(c('default_process_limit'), c('0', '1', '50', '100', '200', '2000'))),
    w(2, fc.tuple(c('default_client_limit'), c('0', '10', '100', '1000', '1224', '5000'))),
    w(1, fc.tuple(c('default_vsz_limit'), c('0', '512k', '256M', '1G'))),
    w(3, fc.tuple(c('auth_cache_size'), c('0', '1', '100', '1023', '1024', '100B', '1023 b', '1k', '10M', '2 k'))),
  ];
  if (!v24) items.push(w(2, fc.tuple(c('auth_worker_max_count'), c('0', '0', '1', '30'))));
  if (v24) {
    // flat global service_* forms
    const flatKeys = ['process_limit', 'client_limit', 'restart_request_count', 'process_min_avail', 'vsz_limit'];
    items.push(
      w(2, fc.constantFrom(...flatKeys).chain((k) => valueArb(version, k).map((v) => [`service_${k}`, v] as const))),
    );
  }
  return fc.oneof(...items);
}

function flatArb(version: Version): fc.Arbitrary<Pair> {
  // 2.4: service/NAME/service_X and service/NAME/X
  return fc
    .tuple(fc.constantFrom(...SERVICES), serviceSettingArb(version), fc.boolean())
    .map(([s, [k, v], prefixed]) => [`service/${s}/${prefixed ? `service_${k}` : k}`, v] as const);
}

const LOGINS = new Set(['imap-login', 'pop3-login', 'submission-login', 'managesieve-login']);
const PROTOCOL_SERVICES = new Set(['imap', 'pop3', 'lmtp', 'submission', 'managesieve']);

/** Values that keep a config clean for this service (given the other calm values). */
function safeValues(version: Version, service: string, key: string): string[] {
  const v24 = version === '2.4';
  const one = service === 'auth' || service === 'anvil';
  switch (key) {
    case 'process_limit':
      if (one) return ['1'];
      return LOGINS.has(service) || service === 'lmtp' ? ['10', '50', '100'] : ['10', '50', '100', '200', '1024'];
    case 'client_limit':
      return one ? ['1000', '2000', '5000'] : ['1', '10', '100', '1000', '5000'];
    case 'service_count':
    case 'restart_request_count':
      if (PROTOCOL_SERVICES.has(service)) return ['1'];
      return v24 ? ['1', '100', 'unlimited'] : ['0', '1', '100'];
    case 'process_min_avail':
      return one ? ['0', '1'] : ['0', '1', '2', '4'];
    case 'vsz_limit':
      return ['256M', '1G', '1 GB', '2 MiB', '1048576', v24 ? 'unlimited' : '0'];
    case 'idle_kill':
    case 'idle_kill_interval':
      return ['1 mins', '30 secs', ...(v24 ? ['infinite'] : [])];
    default:
      throw new Error(`no safe values for ${key}`);
  }
}

function calmBlockArb(version: Version): fc.Arbitrary<Spec['blocks'][number]> {
  const keys = ['process_limit', 'client_limit', version === '2.3' ? 'service_count' : 'restart_request_count', 'process_min_avail', 'vsz_limit', version === '2.3' ? 'idle_kill' : 'idle_kill_interval'];
  return fc.constantFrom(...SERVICES).chain((service) =>
    fc
      .array(fc.constantFrom(...keys).chain((k) => fc.constantFrom(...safeValues(version, service, k)).map((v) => [k, v] as const)), {maxLength: 3})
      .map((settings) => ({service, settings})),
  );
}

/** One change aimed at one rule (it may still not fire, or another rule may fire first). */
function focusArb(version: Version): fc.Arbitrary<Partial<Spec>> {
  const v24 = version === '2.4';
  const rc = v24 ? 'restart_request_count' : 'service_count';
  const block = (services: readonly string[], key: string, values: string[]) =>
    fc.tuple(fc.constantFrom(...services), fc.constantFrom(...values)).map(([service, v]) => ({blocks: [{service, settings: [[key, v] as const]}]}));
  const global = (key: string, values: string[]) => fc.constantFrom(...values).map((v) => ({globals: [[key, v] as const]}));
  const all = [...SERVICES];
  const items: fc.Arbitrary<Partial<Spec>>[] = [
    block(all, 'process_min_avail', ['101', '1025', '2000', '4294967295']), // E1
    block(all, 'vsz_limit', ['1b', '1000k', '1023k', '1048575', ...(v24 ? ['0'] : [])]), // E2
    block(['auth', 'anvil', 'auth-worker', 'imap', 'imap-login'], 'vsz_limit', ['1000k', '1023 KiB', '0']), // E2
    block(['auth', 'anvil'], 'process_limit', ['2', '5', '100', ...(v24 ? ['unlimited'] : [])]), // E3
    block([...LOGINS], 'drop_priv_before_exec', ['yes']), // E8
    fc.tuple(fc.constantFrom('auth', 'anvil', 'auth-worker', 'imap-login'), fc.constantFrom('empty', 'login', '/var/empty')).map(([service, dir]) => ({
      blocks: [{service, settings: [['drop_priv_before_exec', 'yes'] as const, ['chroot', dir] as const]}],
    })), // E8
    block(all, 'type', ['bogus', 'imap', 'Login']), // E9
    fc.constantFrom('nosuchproto', 'imap nosuchproto', 'imap imap4').map((protocols) => ({protocols})), // E11
    global('auth_cache_size', v24 ? ['1', '100', '1023', '100B', '1023 b'] : ['1b', '100B', '1023 b', '2 B']), // E15
    block(['auth'], 'client_limit', ['1', '10', '100', '150', '199', '299']), // W1
    block(['auth'], 'client_limit', ['1', '10', '99']), // W1
    block(['imap', 'pop3', 'lmtp', 'submission'], rc, v24 ? ['unlimited', '2', '100'] : ['0', '2', '100']), // W1
    block(['anvil'], 'client_limit', ['1', '2', '3', '50', '100', '202', '302']), // W2
    block(['anvil'], 'client_limit', ['1', '2']), // W2
    block(all, 'client_limit', ['abc', '-1', '4294967296', v24 ? '1k' : 'unlimited']), // V1
  ];
  if (!v24) {
    items.push(global('auth_worker_max_count', ['0'])); // E16
    items.push(global('auth_cache_size', ['1', '100', '1023'])); // W4
  } else {
    items.push(
      fc.oneof(block(all, 'process_limit', ['0']), global('default_process_limit', ['0']), global('service_process_limit', ['0'])), // E4
      fc.oneof(block(all, 'client_limit', ['0']), global('default_client_limit', ['0']), global('service_client_limit', ['0'])), // E5
      block(['imap', 'auth', 'anvil', 'auth-worker'], 'client_limit', ['0']), // E5
      fc.oneof(block(all, rc, ['0']), global('service_restart_request_count', ['0'])), // E6
      fc.oneof(block(all, 'idle_kill_interval', ['0']), global('default_idle_kill_interval', ['0'])), // E7
      fc.constant({header: 'late' as const}), // E17
      fc.constant({header: 'late' as const}), // E17
      fc.constant({header: 'no-storage' as const}), // E18
      fc.constant({header: 'bad' as const}), // E19
    );
  }
  return fc.oneof(...items);
}

function specArb(version: Version): fc.Arbitrary<Spec> {
  const protocolWords = ['imap', 'pop3', 'lmtp', 'submission', 'sieve'];
  const protocols = fc.oneof(
    w(8, fc.subarray(protocolWords, {minLength: 1}).map((a) => a.join(' '))),
    w(1, fc.constant(null)),
    w(1, c('', 'none', 'imap nosuchproto', version === '2.3' ? 'none imap' : 'imap')),
  );
  const calmProtocols = fc.oneof(w(8, fc.subarray(protocolWords, {minLength: 1}).map((a) => a.join(' '))), w(1, fc.constant(null)));
  const block = fc.record({
    service: fc.constantFrom(...SERVICES),
    settings: fc.array(serviceSettingArb(version), {minLength: 0, maxLength: 3}),
  });
  const header: fc.Arbitrary<Spec['header']> =
    version === '2.3'
      ? fc.constant('ok')
      : fc.oneof(w(20, fc.constant('ok' as const)), w(1, c('late', 'bad', 'v240', 'no-storage') as fc.Arbitrary<Spec['header']>));
  // wild: anything goes
  const wild = fc.record({
    version: fc.constant(version),
    header,
    protocols,
    globals: fc.oneof(w(3, fc.constant([] as Pair[])), w(2, fc.array(globalArb(version), {minLength: 1, maxLength: 2}))),
    blocks: fc.array(block, {minLength: 0, maxLength: 4}),
    flats: version === '2.4' ? fc.oneof(w(4, fc.constant([] as Pair[])), w(1, fc.array(flatArb(version), {minLength: 1, maxLength: 2}))) : fc.constant([] as Pair[]),
  });
  // calm: values that keep the config clean, sometimes with one change aimed at one rule
  const calm = fc.record({
    version: fc.constant(version),
    header: fc.constantFrom<Spec['header']>('ok', 'ok', 'ok', ...(version === '2.4' ? (['v240'] as const) : [])),
    protocols: calmProtocols,
    globals: fc.constant([] as Pair[]),
    blocks: fc.array(calmBlockArb(version), {maxLength: 4}),
    flats: fc.constant([] as Pair[]),
  });
  const focused = fc.tuple(calm, focusArb(version)).map(([base, f]): Spec => ({
    ...base,
    header: f.header ?? base.header,
    protocols: f.protocols !== undefined ? (f.protocols === 'nosuchproto' && base.protocols ? `${base.protocols} nosuchproto` : f.protocols) : base.protocols,
    globals: [...base.globals, ...(f.globals ?? [])],
    blocks: [...base.blocks, ...(f.blocks ?? [])],
  }));
  return fc.oneof(w(3, wild), w(3, calm), w(7, focused));
}

function render(spec: Spec): string {
  const lines: string[] = [];
  const setting = ([k, v]: Pair, indent = '') => lines.push(`${indent}${k} = ${v}`);
  if (spec.version === '2.4') {
    if (spec.header === 'late') lines.push('dovecot_storage_version = 2.4.1', 'dovecot_config_version = 2.4.1');
    else {
      lines.push(`dovecot_config_version = ${spec.header === 'bad' ? '2.3.0' : spec.header === 'v240' ? '2.4.0' : '2.4.1'}`);
      if (spec.header !== 'no-storage') lines.push('dovecot_storage_version = 2.4.1');
    }
  }
  if (spec.protocols !== null) lines.push(`protocols = ${spec.protocols}`);
  for (const g of spec.globals) setting(g);
  for (const f of spec.flats) setting(f);
  for (const b of spec.blocks) {
    lines.push(`service ${b.service} {`);
    for (const s of b.settings) setting(s, '  ');
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

// --- reading doveconf's stderr, independently of rules.ts -----------------------------------------

interface Line {
  kind: 'warning' | 'fatal';
  text: string;
}

/** doveconf's warnings (de-duplicated, in first-seen order) and its fatal line, path replaced by F. */
function readStderr(stderr: string, path: string): Line[] {
  const out: Line[] = [];
  const seen = new Set<string>();
  for (const raw of stderr.split('\n')) {
    const line = raw.split(path).join('F');
    if (line === '' || /dump-capability process returned 89/.test(line) || line.startsWith('doveconf: Error: ')) continue;
    let m: RegExpExecArray | null;
    let entry: Line;
    if ((m = /^doveconf: Warning: (.*)$/.exec(line))) entry = {kind: 'warning', text: m[1]};
    else if ((m = /^doveconf: Fatal: (.*)$/.exec(line))) entry = {kind: 'fatal', text: m[1]};
    else throw new Error(`unexpected stderr line: ${line}`);
    if (entry.kind === 'warning' && /^NOTE: You can get a new clean config file/.test(entry.text)) continue;
    const key = `${entry.kind} ${normaliseCounted(entry.text)}`;
    if (!seen.has(key)) out.push(entry);
    seen.add(key);
  }
  return out;
}

/** Sorts the "Counted ..." list, whose order is doveconf's service order. */
function normaliseCounted(text: string): string {
  const m = /^(.*(?:Counted for protocol services with \S+ != 1|Counted with): )(.*)$/.exec(text);
  if (!m) return text;
  return m[1] + m[2].split(' + ').sort().join(' + ');
}

/** The message part of a Fatal line. */
function fatalMessage(text: string): {message: string; line?: number} {
  const m = /^Error in configuration file F(?: line (\d+))?: (.*)$/.exec(text);
  return m ? {message: m[2], ...(m[1] ? {line: Number(m[1])} : {})} : {message: text};
}

interface Classified {
  id: string;
  service?: string;
  numbers: number[];
  counted?: string[];
}

/** What a doveconf message is, read from its text alone (no use of rules.ts). */
function classify(message: string): Classified {
  const ints = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  let m: RegExpExecArray | null;
  if ((m = /^service\(([^)]+)\): (.*)$/.exec(message))) {
    const [, service, rest] = m;
    const table: [RegExp, string][] = [
      [/^process_min_avail is higher than process_limit$/, 'E1'],
      [/^vsz_limit is too low/, 'E2'],
      [/^process_limit must be 1$/, 'E3'],
      [/^process_limit must be higher than 0$/, 'E4'],
      [/^client_limit must be higher than 0$/, 'E5'],
      [/^restart_request_count must be higher than 0/, 'E6'],
      [/^idle_kill_interval must be higher than 0/, 'E7'],
      [/^drop_priv_before_exec=yes can't be used with chroot$/, 'E8'],
    ];
    const hit = table.find(([re]) => re.test(rest));
    return {id: hit ? hit[1] : `other: ${message}`, service, numbers: []};
  }
  if ((m = /^service (auth|anvil) \{ client_limit=(\d+) \} is lower than required under max\. load \((\d+)\)\. Counted [^:]*: (.*)$/.exec(message))) {
    return {
      id: m[1] === 'auth' ? 'W1' : 'W2',
      service: m[1],
      numbers: [Number(m[2]), Number(m[3])],
      counted: m[4].split(' + ').map((x) => x.replace(/^service (\S+) \{ process_limit=(\d+) \}$/, '$1=$2')).sort(),
    };
  }
  const simple: [RegExp, string][] = [
    [/^Unknown service type: /, 'E9'],
    [/^protocols: Unknown protocol: /, 'E11'],
    [/^auth_cache_size value is too small \(\d+ bytes\)$/, 'E15'],
    [/^auth_worker_max_count must be above zero$/, 'E16'],
    [/^The first setting must be dovecot_config_version$/, 'E17'],
    [/^dovecot_storage_version setting must be set$/, 'E18'],
    [/^Invalid dovecot_config_version: /, 'E19'],
    [/(^|: )(Invalid number|Invalid size|Size is too large|Invalid time interval|Time interval)/, 'V1'],
    [/^Obsolete setting in F:\d+: /, 'W4'],
  ];
  const hit = simple.find(([re]) => re.test(message));
  return {id: hit ? hit[1] : `other: ${message}`, numbers: hit && hit[1] === 'E15' ? ints(message) : []};
}

function classifyPredicted(r: RuleResult): Classified {
  const out: Classified = {id: r.id, numbers: []};
  if (r.service !== undefined && r.id !== 'E9' && r.id !== 'W1' && r.id !== 'W2') out.service = r.service;
  if (r.id === 'W1' || r.id === 'W2') {
    out.service = r.service;
    out.numbers = [Number(r.numbers.client_limit), Number(r.numbers.required)];
    out.counted = (r.counted ?? []).map((x) => `${x.service}=${x.process_limit}`).sort();
  } else if (r.id === 'E15') out.numbers = [Number(r.numbers.auth_cache_size)];
  return out;
}

// --- the test ------------------------------------------------------------------------------------

interface Outcome {
  exitCode: number;
  lines: Line[];
}

function canon(kind: string, k: Classified): string {
  return JSON.stringify([kind, k.id, k.service ?? null, k.numbers, k.counted ?? null]);
}

function compare(spec: Spec, text: string, real: Outcome): string | null {
  const report = analyzeConfig(spec.version, parseConfig(text).tree, {obsolete23: OBSOLETE_23_NAMES});
  const predictedLines = readStderr(doveconfStderr(report, 'F').join('\n'), 'F');
  const problems: string[] = [];
  const wantExit = report.fatal ? 89 : 0;
  if (real.exitCode !== wantExit) problems.push(`exit ${real.exitCode}, predicted ${wantExit}`);
  // exact text (Counted order normalised)
  const norm = (l: Line[]) => l.map((x) => `${x.kind}: ${normaliseCounted(x.text)}`).sort();
  const a = norm(real.lines);
  const b = norm(predictedLines);
  if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`text:\n  real      ${a.join('\n            ')}\n  predicted ${b.join('\n            ')}`);
  // structured
  const realStruct = real.lines.map((l) => {
    const msg = l.kind === 'fatal' ? fatalMessage(l.text).message : l.text;
    const k = classify(msg);
    return canon(l.kind, {...k, numbers: k.id === 'W4' || k.id === 'V1' ? [] : k.numbers});
  });
  const predStruct = [...report.warnings.map((r) => ['warning', r] as const), ...(report.fatal ? [['fatal', report.fatal] as const] : [])].map(([kind, r]) =>
    canon(kind, classifyPredicted(r)),
  );
  const uniq = (x: string[]) => [...new Set(x)].sort();
  if (JSON.stringify(uniq(realStruct)) !== JSON.stringify(uniq(predStruct))) {
    problems.push(`structured:\n  real      ${uniq(realStruct).join('\n            ')}\n  predicted ${uniq(predStruct).join('\n            ')}`);
  }
  return problems.length ? `${problems.join('\n')}\n--- config ---\n${text}` : null;
}

function outcomeOf(r: {exitCode: number; stderr: string}, path: string): Outcome {
  return {exitCode: r.exitCode, lines: readStderr(r.stderr, path)};
}

const REQUIRED: Record<Version, string[]> = {
  '2.3': ['E1', 'E2', 'E3', 'E8', 'E9', 'E11', 'E15', 'E16', 'V1', 'W1', 'W2', 'W4'],
  '2.4': ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E11', 'E15', 'E17', 'E18', 'E19', 'V1', 'W1', 'W2'],
};

describe.each(['2.3', '2.4'] as const)('rules.ts agrees with real doveconf %s', (version) => {
  it(`on ${NUM_RUNS} random configs, with coverage`, async () => {
    const started = Date.now();
    const arb = specArb(version).map((spec) => ({spec, text: render(spec)}));
    // Run doveconf on the corpus the seed yields, a few processes at a time; the property below
    // reads these results (and runs doveconf itself for anything else).
    const corpus = fc.sample(arb, {seed: SEED, numRuns: NUM_RUNS});
    const cache = new Map<string, Outcome>();
    const runs = await mapLimit(corpus, CONCURRENCY, (x) => runDoveconfAsync(version, x.text));
    corpus.forEach((x, i) => cache.set(x.text, outcomeOf(runs[i], runs[i].path)));
    const ranAt = Date.now();

    const histogram = new Map<string, number>();
    let clean = 0;
    let count = 0;
    await fc.assert(
      fc.asyncProperty(arb, async ({spec, text}) => {
        let real = cache.get(text);
        if (!real) {
          const r = await runDoveconfAsync(version, text);
          real = outcomeOf(r, r.path);
        }
        count++;
        if (real.exitCode === 0 && real.lines.length === 0) clean++;
        for (const l of real.lines) {
          const id = classify(l.kind === 'fatal' ? fatalMessage(l.text).message : l.text).id;
          histogram.set(id, (histogram.get(id) ?? 0) + 1);
        }
        const problem = compare(spec, text, real);
        if (problem) throw new Error(problem);
      }),
      {seed: SEED, numRuns: NUM_RUNS, endOnFailure: true, verbose: fc.VerbosityLevel.Verbose},
    );

    const rows = [...histogram].sort((a, b) => a[0].localeCompare(b[0], 'en', {numeric: true}));
    console.log(
      `doveconf ${version}: seed ${SEED}, ${count} configs, ${clean} clean (${((100 * clean) / count).toFixed(1)} %), ` +
        `doveconf corpus ${((ranAt - started) / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        rows.map(([id, n]) => `  ${id.padEnd(5)} ${n}`).join('\n'),
    );
    expect(count).toBe(NUM_RUNS);
    expect(clean / count, 'share of clean configs').toBeGreaterThanOrEqual(0.3);
    const short = REQUIRED[version].filter((id) => (histogram.get(id) ?? 0) < 20);
    expect(short, 'rules that fired fewer than 20 times').toEqual([]);
    expect(rows.filter(([id]) => id.startsWith('other')), 'messages no rule covers').toEqual([]);
  }, 240_000);
});

describe('rules.ts agrees with real doveconf on hand-picked edge cases', () => {
  // Each case pins a behaviour the random corpus may hit only rarely.
  const cases: [Version, string][] = [
    // 2.4: a user's global service_process_limit beats the services' own defaults (anvil too)
    ['2.4', 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nprotocols = imap\nservice_process_limit = 50\n'],
    // 2.4: unlimited process_limit wraps the W1/W2 sums as C's unsigned int
    ['2.4', 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nprotocols = imap\nservice imap-login {\n  process_limit = unlimited\n}\n'],
    // 2.4.0 config: lmtp keeps restart_request_count unlimited, so it counts for W1
    ['2.4', 'dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.1\nprotocols = lmtp\nservice auth {\n  client_limit = 50\n}\n'],
    // 2.3: vsz_limit = 0 is no limit; default_vsz_limit below 1 MiB is not checked
    ['2.3', 'protocols = imap\ndefault_vsz_limit = 512k\nservice imap {\n  vsz_limit = 0\n}\n'],
    // 2.3: a storage-less, protocol-less config, "none"
    ['2.3', 'protocols = none\nservice anvil {\n  client_limit = 1\n}\n'],
    // 2.4: missing storage version is reported after the service checks pass, with warnings first
    ['2.4', 'dovecot_config_version = 2.4.1\nprotocols = imap\nservice auth {\n  client_limit = 1\n}\n'],
    // auth root error beats a master root error; warnings of a passing master root still print
    ['2.4', 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nprotocols = imap\nauth_cache_size = 100B\nservice auth {\n  client_limit = 1\n}\n'],
    ['2.3', 'protocols = imap\nauth_cache_size = 100B\nservice imap-login {\n  process_min_avail = 100000\n}\n'],
  ];
  it.each(cases)('%s: %s', (version, text) => {
    const r = runDoveconf(version, text);
    // runDoveconf names the file <dir>/dovecot.conf; recover the path from the output
    const m = /(\S*\/run\.[^/]+\/dovecot\.conf)/.exec(r.stderr);
    const real = outcomeOf(r, m ? m[1] : '\u0000');
    expect(compare({version} as Spec, text, real)).toBeNull();
  });
});
