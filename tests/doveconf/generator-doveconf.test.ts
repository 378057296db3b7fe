// The config generator against the real doveconf of each version: for hundreds of random answer
// states per version, the whole output is clean (exit 0, nothing on stderr), doveconf read every
// value as written, the printed text parses back to the generator's tree, and auth's / anvil's
// client_limit cover the W1 / W2 sums recomputed here from the catalog. Negative controls: one
// less on an emitted auth or anvil client_limit makes the same doveconf warn, with the very sum
// this test computed.
import fc from 'fast-check';
import {beforeAll, describe, expect, it} from 'vitest';
import {
  getSettingDef,
  globalDefault,
  parseCount,
  parseSize,
  parseTime,
  serviceDefaults,
  SUPPORTED_CONFIG_VERSIONS_24,
} from '../../src/lib/dovecot/catalog';
import {parseConfig, printConfig, treesEqual, type ConfigTree} from '../../src/lib/dovecot/conf';
import {generate, GENERATOR_PROTOCOLS, presetInput, type GeneratorInput, type PresetId} from '../../src/lib/dovecot/generator';
import {checkClean, requireBinaries, runDoveconf, wrapForCheck, type Version} from './doveconf';
import {globalSettingsOf, independentSums, protocolWord, serviceSettingsOf} from './generator-sums';

beforeAll(() => requireBinaries());

const SEED = 20_240_622;
const RUNS = 500;

/**
 * What the admin's server checks: the text as DESIGN.md wraps it, with `protocols` naming every
 * enabled protocol (not only those that got a block: lmtp with no block still counts in W1) and,
 * for 2.4 blocks, the dovecot_config_version the values were computed for.
 */
function asChecked(input: GeneratorInput, text: string): string {
  if (input.output === 'file') return text;
  const head: string[] = [];
  if (input.version === '2.4') head.push(`dovecot_config_version = ${input.configVersion}`);
  head.push(`protocols = ${input.protocols.map(protocolWord).join(' ')}`);
  return `${head.join('\n')}\n${text}`;
}

function sameValue(version: Version, key: string, scope: 'service' | 'global', a: string, b: string): boolean {
  if (a === b) return true;
  const type = getSettingDef(key, scope)?.versions[version]?.type;
  try {
    if (type === 'size') return parseSize(a) === parseSize(b);
    if (type === 'time') return parseTime(a) === parseTime(b);
    if (type === 'uint') return parseCount(a) === parseCount(b);
  } catch {
    return false;
  }
  return false;
}

/**
 * Every setting the text sets is in doveconf -n's output with the same value, or is absent there
 * because it equals the built-in default (-n prints only what differs).
 */
function expectDoveconfReadValues(input: GeneratorInput, text: string, doveconfN: string): void {
  const version = input.version;
  const opts = version === '2.4' ? {configVersion: input.configVersion} : undefined;
  const mine = serviceSettingsOf(text);
  const theirs = serviceSettingsOf(doveconfN);
  for (const [service, settings] of mine) {
    for (const [key, value] of settings) {
      const got = theirs.get(service)?.get(key) ?? serviceDefaults(version, service, opts).settings[key].effective;
      expect(sameValue(version, key, 'service', value, got), `service ${service} { ${key} = ${value} } read as ${got}`).toBe(true);
    }
  }
  const g = globalSettingsOf(doveconfN);
  for (const [key, value] of globalSettingsOf(text)) {
    const got = g.get(key) ?? globalDefault(version, key) ?? undefined;
    expect(got !== undefined && sameValue(version, key, 'global', value, got), `${key} = ${value} read as ${got}`).toBe(true);
  }
}

/** The tree with `service NAME { client_limit }` lowered by one. */
function lowered(tree: ConfigTree, service: string): ConfigTree {
  const copy = structuredClone(tree);
  for (const n of copy.children) {
    if (n.kind === 'section' && n.type === 'service' && n.name === service) {
      for (const c of n.children) if (c.kind === 'setting' && c.key === 'client_limit') c.value = String(Number(c.value) - 1);
    }
  }
  return copy;
}

function arbInput(version: Version): fc.Arbitrary<GeneratorInput> {
  const count = (max: number) => fc.oneof(fc.integer({min: 0, max: 2000}), fc.integer({min: 0, max}));
  return fc.record({
    version: fc.constant(version),
    configVersion: version === '2.4' ? fc.constantFrom(...SUPPORTED_CONFIG_VERSIONS_24) : fc.constant('2.4.1'),
    cores: fc.oneof(fc.integer({min: 1, max: 64}), fc.integer({min: 1, max: 1024})),
    ramGiB: fc.oneof(fc.integer({min: 1, max: 512}), fc.constantFrom(0.5, 65536)),
    protocols: fc.subarray([...GENERATOR_PROTOCOLS], {minLength: 1}),
    peak: fc.record({imap: count(1_000_000), pop3: count(1_000_000), lmtp: count(100_000), submission: count(100_000), managesieve: count(10_000)}),
    newPerSecond: fc.oneof(fc.integer({min: 0, max: 500}), fc.double({min: 0, max: 100_000, noNaN: true})),
    tlsPercent: fc.oneof(fc.constantFrom(0, 100), fc.double({min: 0, max: 100, noNaN: true})),
    proxy: fc.boolean(),
    loginMode: fc.constantFrom('high-security' as const, 'high-performance' as const),
    mailReuse: fc.constantFrom('one' as const, 'bounded' as const, 'unlimited' as const),
    reuseCount: fc.oneof(fc.integer({min: 2, max: 1000}), fc.integer({min: 2, max: 1_000_000})),
    authCache: fc.boolean(),
    cacheUsers: fc.oneof(fc.integer({min: 1, max: 2000}), fc.integer({min: 1, max: 10_000_000})),
    cacheTtlMinutes: fc.oneof(fc.constantFrom(1, 30, 60, 90, 1440, 43_200), fc.integer({min: 1, max: 43_200})),
    cacheNegativeTtlMinutes: fc.oneof(fc.constantFrom(0, 1, 60, 1440), fc.integer({min: 0, max: 43_200})),
    minAvail: version === '2.4' ? fc.constantFrom('cores' as const, 'cpu_count' as const, 'off' as const) : fc.constantFrom('cores' as const, 'off' as const),
    comments: fc.boolean(),
    output: fc.constantFrom('blocks' as const, 'file' as const),
  });
}

interface Tally {
  states: number;
  /** States also checked with DESIGN.md's plain wrapping and read back value by value. */
  readBack: number;
  w1Controls: number;
  w2Controls: number;
  doveconfRuns: number;
  ms: number;
}

/** Per version: every READ_BACK_EVERY-th state is also read back; at most MAX_CONTROLS of each control. */
const READ_BACK_EVERY = 5;
const MAX_CONTROLS = 40;

function newTally(): Tally {
  return {states: 0, readBack: 0, w1Controls: 0, w2Controls: 0, doveconfRuns: 0, ms: 0};
}

/** Checks one state (`full`: every check and every control, whatever the counts). */
function checkState(input: GeneratorInput, tally: Tally, full = false): void {
  const v = input.version;
  const out = generate(input);
  expect(out.problems, JSON.stringify(out.problems)).toEqual([]);
  expect(out.text).toBe(printConfig(out.tree));
  // the generator's self-check (rules.ts) agrees with the binary below: nothing to report
  expect(out.warnings.filter((w) => w.id.startsWith('self-check'))).toEqual([]);

  // the printed text parses back to the generator's tree
  const parsed = parseConfig(out.text);
  expect(parsed.errors).toEqual([]);
  expect(treesEqual(parsed.tree, out.tree)).toBe(true);

  // W1 / W2 recomputed here from the catalog and the emitted settings
  const sums = independentSums(v, input.configVersion, input.protocols, out.text);
  expect(sums.authClientLimit, `auth client_limit vs W1 ${sums.w1Terms.join(' + ')}`).toBeGreaterThanOrEqual(sums.w1);
  expect(sums.anvilClientLimit).toBeGreaterThanOrEqual(sums.w2);
  expect(out.sums.authClientsRequired).toBe(sums.w1);
  expect(out.sums.anvilClientsRequired).toBe(sums.w2);

  // clean in the real doveconf, wrapped as DESIGN.md says, with every enabled protocol listed as
  // on the admin's server (and, for 2.4 blocks, the dovecot_config_version they were made for)
  const real = checkClean(v, asChecked(input, out.text));
  tally.doveconfRuns++;
  expect(real, `${real.wrapped}\n${real.stderr}`).toMatchObject({clean: true, exitCode: 0, stderr: ''});
  if (full || tally.states % READ_BACK_EVERY === 0) {
    // the text alone, wrapped by checkClean only (protocols of the blocks present)
    const plain = checkClean(v, out.text);
    // and doveconf read each value as written
    const r = runDoveconf(v, real.wrapped, ['-n']);
    tally.doveconfRuns += 2;
    tally.readBack++;
    expect(plain, `${plain.wrapped}\n${plain.stderr}`).toMatchObject({clean: true, exitCode: 0, stderr: ''});
    expect(r.exitCode).toBe(0);
    expectDoveconfReadValues(input, out.text, r.stdout);
  }

  // negative controls: one less than the emitted value, and doveconf warns with our sum
  const settings = serviceSettingsOf(out.text);
  const counted = v === '2.3' ? 'service_count' : 'restart_request_count';
  if (settings.get('auth')?.has('client_limit') && (full || tally.w1Controls < MAX_CONTROLS)) {
    const text = printConfig(lowered(out.tree, 'auth'));
    const bad = runDoveconf(v, wrapForCheck(v, asChecked(input, text)), ['-n']);
    tally.doveconfRuns++;
    tally.w1Controls++;
    expect(bad.exitCode).toBe(0);
    expect(bad.stderr).toContain(
      `service auth { client_limit=${sums.w1 - 1} } is lower than required under max. load (${sums.w1}). Counted for protocol services with ${counted} != 1`,
    );
  }
  if (settings.get('anvil')?.has('client_limit') && (full || tally.w2Controls < MAX_CONTROLS)) {
    const text = printConfig(lowered(out.tree, 'anvil'));
    const bad = runDoveconf(v, wrapForCheck(v, asChecked(input, text)), ['-n']);
    tally.doveconfRuns++;
    tally.w2Controls++;
    expect(bad.stderr).toContain(`service anvil { client_limit=${sums.w2 - 1} } is lower than required under max. load (${sums.w2})`);
  }
  tally.states++;
}

describe.each(['2.3', '2.4'] as const)('generator output in real doveconf %s', (version) => {
  it(`${RUNS} random answer states are clean, round-trip and cover W1/W2 (seed ${SEED})`, () => {
    console.log(`generator-doveconf ${version}: fast-check seed ${SEED}, ${RUNS} runs`);
    const tally = newTally();
    const t0 = Date.now();
    fc.assert(
      fc.property(arbInput(version), (input) => checkState(input, tally)),
      {seed: SEED, numRuns: RUNS, endOnFailure: true},
    );
    tally.ms = Date.now() - t0;
    console.log(`generator-doveconf ${version}: ${JSON.stringify(tally)}`);
    expect(tally.states).toBeGreaterThanOrEqual(RUNS);
    expect(tally.readBack).toBeGreaterThanOrEqual(RUNS / READ_BACK_EVERY);
    // the negative controls must actually have run, many times
    expect(tally.w1Controls).toBe(MAX_CONTROLS);
    expect(tally.w2Controls).toBe(MAX_CONTROLS);
  }, 240_000);

  const presets: PresetId[] = ['small-office', 'isp-10k', 'maximum-isolation'];
  for (const id of presets) {
    it(`preset ${id}: blocks and file forms are clean`, () => {
      const tally = newTally();
      for (const output of ['blocks', 'file'] as const) checkState({...presetInput(id, version), output}, tally, true);
      expect(tally.states).toBe(2);
    });
  }

  it('the ISP preset emits auth client_limit = W1 exactly, and one less makes doveconf warn', () => {
    const tally = newTally();
    checkState(presetInput('isp-10k', version), tally, true);
    expect(tally.w1Controls).toBe(1);
  });

  it('a state with a large high-security imap peak emits anvil client_limit = W2, and one less warns', () => {
    const tally = newTally();
    const input = {...presetInput('maximum-isolation', version), peak: {imap: 5000, pop3: 50, lmtp: 20, submission: 50, managesieve: 10}};
    checkState(input, tally, true);
    expect(tally.w2Controls).toBe(1);
  });
});
