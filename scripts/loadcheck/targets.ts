/**
 * What `npm run loadcheck` runs, per Dovecot version:
 *  - every generator preset, at the load it is for;
 *  - RANDOM_STATES random generator states (fixed seed), at the load each states;
 *  - every wiki code block with a `load="…"` marker;
 *  - a scale run above 1 100 processes (plaintext, high-security login, one imap per session);
 *  - the negative controls, each of which must fail with its log line.
 * A claim beyond this machine runs the same sizing rules on a smaller input (generator states) or
 * the same config under the largest load that fits (wiki blocks), and the results say so.
 */
import {createHash} from 'node:crypto';
import {mulberry32} from '../../src/lib/prng';
import {generate, GENERATOR_PROTOCOLS, PRESETS, presetInput, type GeneratorInput, type GeneratorProtocol} from '../../src/lib/dovecot/generator';
import {decodeQuery, formFromInput, formFromState, inputFor, queryFor} from '../../src/components/ConfigGenerator/state';
import {parseLoadMarker, tlsSessions, type LoadClaim} from '../../src/lib/loadcheck/claim';
import {exampleRunId, type Expectation, type RunKind, type RunSource} from '../../src/lib/loadcheck/results';
import {allDocsBlocks} from '../../tests/doveconf/docs-blocks';
import {parseConfig, printConfig, type Node} from '../../src/lib/dovecot/conf';
import {resolveConfigServices} from '../../src/lib/dovecot/rules';

/** The two Dovecot versions the site covers (one source: src/lib/version.ts). */
import type {DovecotVersion} from '../../src/lib/version';
export type Version = DovecotVersion;

export type Target = {
  id: string;
  kind: RunKind;
  title: string;
  version: Version;
  source: RunSource;
  claim: LoadClaim;
  ran: LoadClaim;
  scaled?: {factor: number; why: string};
  config: string;
  expect: Expectation;
  /** ulimit -n the config asks for (the generator's LimitNOFILE, else Debian's dovecot.service). */
  nofile: number;
  tasksMax?: number;
};

/** Debian's dovecot.service (2.3.19.1 and 2.4.1 packages) sets LimitNOFILE=65535. */
export const DEBIAN_NOFILE = 65535;

export const RANDOM_STATES = 20;
export const RANDOM_SEED = 0x13;

/**
 * This machine's budget for one run. Memory per process is what a run costs the host (PSS plus
 * kernel), measured here: about 1 MiB per 2.3 process and 2 MiB per 2.4 process, imap and
 * imap-login alike, rounded up. MAX_RATE is the login rate two cores sustain in the worst mode
 * (high-security, TLS, a fork per login) while the load generator shares them.
 */
export const MACHINE = {
  runMiB: 6144,
  mibPerProcess: {'2.3': 1.25, '2.4': 2.25} as Record<Version, number>,
  /** Processes besides the per-session ones (master, log, config, anvil, stats, auth, spares). */
  baseProcesses: 40,
  maxLoginsPerS: 60,
};

/** The config as a server reads it: the 2.4 header and the claim's protocols first. */
export function asServerReads(version: Version, config: string, claim: LoadClaim): string {
  const body = config
    .split('\n')
    .filter((l) => !/^(dovecot_config_version|dovecot_storage_version|protocols)\s*=/.test(l))
    .join('\n');
  const head = version === '2.4' ? 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n' : '';
  return `${head}protocols = ${claim.protocols.join(' ')}\n${body}`;
}

/** How many processes a claim makes under a config: imap per session, plus TLS in high-security login. */
export function estimateProcesses(version: Version, config: string, claim: LoadClaim): number {
  const services = resolveConfigServices(version, parseConfig(asServerReads(version, config, claim)).tree, {cpuCount: 2});
  const get = (n: string) => services.find((s) => s.name === n);
  const imap = get('imap');
  const login = get('imap-login');
  const imapPerProcess = imap ? Math.max(1, imap.client_limit_effective) : 1;
  const highSecurity = login ? login.restart_request_count === 1 : true;
  const tls = tlsSessions(claim.sessions, claim.tlsPercent);
  const loginProcs = highSecurity ? tls : Math.ceil(claim.sessions / Math.max(1, login?.client_limit_effective ?? 1000)) + 4;
  return Math.ceil(claim.sessions / imapPerProcess) + loginProcs + MACHINE.baseProcesses;
}

export function estimateMiB(version: Version, config: string, claim: LoadClaim): number {
  return Math.ceil(estimateProcesses(version, config, claim) * MACHINE.mibPerProcess[version]);
}

/** The most sessions like `claim` (same TLS share and rate) that `config` can run within this machine's budget. */
export function maxSessions(version: Version, config: string, claim: LoadClaim): number {
  const fits = (n: number) => estimateMiB(version, config, {...claim, sessions: n}) <= MACHINE.runMiB;
  if (fits(claim.sessions)) return claim.sessions;
  let lo = 0;
  let hi = claim.sessions;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A factor ≤ 1 (two significant digits, rounded down) under which the claim fits this machine. */
export function fitFactor(version: Version, config: string, claim: LoadClaim): number {
  const n = maxSessions(version, config, claim);
  if (n >= claim.sessions) return 1;
  const f = n / claim.sessions;
  const rounded = Number(f.toPrecision(2));
  return rounded > f ? Number((rounded - 10 ** (Math.floor(Math.log10(f)) - 1)).toPrecision(2)) : rounded;
}

function rateCapped(claim: LoadClaim): {claim: LoadClaim; note: string | null} {
  if (claim.loginsPerS <= MACHINE.maxLoginsPerS) return {claim, note: null};
  return {
    claim: {...claim, loginsPerS: MACHINE.maxLoginsPerS},
    note: `logins at ${MACHINE.maxLoginsPerS}/s instead of ${claim.loginsPerS}/s (the most this two-core machine sustains while it also runs the clients)`,
  };
}

// --- generator states -----------------------------------------------------------------------------

const PROTOCOL_WORD: Record<GeneratorProtocol, string> = {imap: 'imap', pop3: 'pop3', lmtp: 'lmtp', submission: 'submission', managesieve: 'sieve'};

export function claimOfInput(i: GeneratorInput): LoadClaim {
  return {
    sessions: i.peak.imap,
    tlsPercent: i.tlsPercent,
    loginsPerS: Math.max(1, i.newPerSecond),
    protocols: GENERATOR_PROTOCOLS.filter((p) => i.protocols.includes(p)).map((p) => PROTOCOL_WORD[p]),
  };
}

/** The same answers for a load `f` times as large (connection counts, rate and cache users). */
export function scaleInput(i: GeneratorInput, f: number): GeneratorInput {
  const peak = {...i.peak};
  for (const p of GENERATOR_PROTOCOLS) peak[p] = Math.max(p === 'imap' ? 1 : 0, Math.round(i.peak[p] * f));
  return {...i, protocols: [...i.protocols], peak, newPerSecond: Math.max(1, Number((i.newPerSecond * f).toPrecision(3))), cacheUsers: Math.max(1, Math.round(i.cacheUsers * f))};
}

function systemdValue(text: string, key: string): number | undefined {
  const m = new RegExp(`^${key}=(\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

function generatorTarget(id: string, kind: RunKind, title: string, input: GeneratorInput, source: RunSource): Target {
  const blocks: GeneratorInput = {...input, output: 'blocks', comments: true};
  const claim = claimOfInput(blocks);
  let out = generate(blocks);
  let ranInput = blocks;
  let scaled: Target['scaled'];
  let f = fitFactor(input.version, out.text, claim);
  if (f < 1) {
    // The scaled config sizes its own limits; shrink further until it fits as well.
    for (;;) {
      ranInput = scaleInput(blocks, f);
      out = generate(ranInput);
      if (estimateMiB(input.version, out.text, claimOfInput(ranInput)) <= MACHINE.runMiB || f < 0.01) break;
      f = Number((f * 0.95).toPrecision(2));
    }
    scaled = {factor: f, why: `${claim.sessions} sessions need about ${estimateMiB(input.version, generate(blocks).text, claim)} MiB here, more than the ${MACHINE.runMiB} MiB one run may use: the generator sized this config for ${ranInput.peak.imap} sessions (every connection count, the rate and the cache users × ${f})`};
  }
  const capped = rateCapped(claimOfInput(ranInput));
  if (capped.note) scaled = {factor: scaled?.factor ?? 1, why: scaled ? `${scaled.why}; ${capped.note}` : capped.note};
  const nofile = systemdValue(out.systemd, 'LimitNOFILE') ?? DEBIAN_NOFILE;
  const tasksMax = systemdValue(out.systemd, 'TasksMax');
  return {
    id,
    kind,
    title,
    version: input.version,
    source: {...source, generatorQuery: queryFor(formFromInput(ranInput))},
    claim,
    ran: capped.claim,
    ...(scaled ? {scaled} : {}),
    config: out.text,
    expect: {pass: true},
    nofile,
    ...(tasksMax !== undefined ? {tasksMax} : {}),
  };
}

export function presetTargets(version: Version): Target[] {
  return PRESETS.map((p) => generatorTarget(`preset-${p.id}-${version}`, 'preset', `Generator preset “${p.title}”`, presetInput(p.id, version), {preset: p.id}));
}

/** The random states' generator: the same seed gives the same states on every machine. */
export const prng = mulberry32;

/** One random generator state: realistic ranges, every choice the form offers. */
export function randomInput(version: Version, rnd: () => number): GeneratorInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const base = presetInput('small-office', version);
  const protocols: GeneratorProtocol[] = ['imap', ...(['pop3', 'lmtp', 'submission', 'managesieve'] as const).filter(() => rnd() < 0.5)];
  const imap = Math.round(Math.exp(Math.log(20) + rnd() * (Math.log(5000) - Math.log(20))));
  const peak = {imap, pop3: 0, lmtp: 0, submission: 0, managesieve: 0};
  for (const p of protocols) if (p !== 'imap') peak[p] = Math.round(imap * rnd() * 0.3);
  return {
    ...base,
    cores: pick([1, 2, 4, 8, 16, 32]),
    ramGiB: pick([1, 2, 4, 8, 16, 32, 64, 128]),
    protocols,
    peak,
    newPerSecond: Math.max(1, Math.round(imap / (20 + rnd() * 100))),
    tlsPercent: pick([0, 20, 50, 80, 100]),
    loginMode: pick(['high-security', 'high-performance'] as const),
    mailReuse: pick(['one', 'bounded', 'unlimited'] as const),
    reuseCount: pick([10, 100, 1000]),
    authCache: rnd() < 0.5,
    cacheUsers: Math.max(1, Math.round(imap * (1 + rnd() * 9))),
    minAvail: pick(version === '2.4' ? (['cores', 'cpu_count', 'off'] as const) : (['cores', 'off'] as const)),
  };
}

export function randomTargets(version: Version): Target[] {
  const rnd = prng(RANDOM_SEED + (version === '2.3' ? 23 : 24));
  const out: Target[] = [];
  for (let n = 1; n <= RANDOM_STATES; n++) {
    const input = randomInput(version, rnd);
    out.push(generatorTarget(`random-${version}-${String(n).padStart(2, '0')}`, 'random', `Random generator state ${n} of ${RANDOM_STATES}`, input, {}));
  }
  return out;
}

// --- wiki blocks -------------------------------------------------------------------------------------

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type MarkedBlock = {
  id: string;
  file: string;
  heading: string | null;
  title: string | null;
  version: Version;
  marker: string;
  /** The `protocols="…"` the page states for the block, if narrower than the full set. */
  protocols?: string | null;
  text: string;
};

/** Every protocol Debian's packages enable (dovecot-imapd, -pop3d, -lmtpd, -submissiond, -managesieved). */
export const FULL_PROTOCOLS = ['imap', 'pop3', 'lmtp', 'submission', 'sieve'];

/** Every wiki block with a load marker, with its run id. */
export function markedBlocks(dirs: readonly string[] = ['docs', 'blog']): MarkedBlock[] {
  const seen = new Map<string, number>();
  const out: MarkedBlock[] = [];
  for (const b of allDocsBlocks(dirs)) {
    if (b.load === null) continue;
    const version = (b.version ?? b.shownIn) as Version | null;
    if (version !== '2.3' && version !== '2.4') throw new Error(`${b.file}:${b.line}: a block with a load marker needs version=2.3 or version=2.4`);
    const key = `${b.file}|${b.heading}|${version}`;
    const ordinal = (seen.get(key) ?? 0) + 1;
    seen.set(key, ordinal);
    out.push({id: exampleRunId(b.file, b.heading, version, ordinal), file: b.file, heading: b.heading, title: b.title, version, marker: b.load, protocols: b.protocols, text: b.text});
  }
  return out;
}

/**
 * The claim of a marked block. Its protocols: the marker's `protocols=`, else the ones the page
 * states for the block (`protocols="…"` on the fence), else the block's own `protocols =` line,
 * else every protocol Debian enables: a wiki example must hold on a default install.
 */
export function blockClaim(b: MarkedBlock): LoadClaim {
  const claim = parseLoadMarker(b.marker);
  if (!/\bprotocols=/.test(b.marker)) {
    const own = /^\s*protocols\s*=\s*(.*)$/m.exec(b.text)?.[1];
    const words = (b.protocols ?? own ?? FULL_PROTOCOLS.join(' ')).trim().split(/\s+/).filter((p) => p !== '$protocols' && p !== '');
    claim.protocols = FULL_PROTOCOLS.filter((p) => p === 'imap' || words.includes(p));
  }
  return claim;
}

/** The largest load like `claim` (same TLS share, rate, protocols) that fits this machine under `config`. */
export function fittedClaim(version: Version, config: string, claim: LoadClaim): {claim: LoadClaim; scaled?: Target['scaled']} {
  const n = maxSessions(version, config, claim);
  let ran = claim;
  let scaled: Target['scaled'];
  if (n < claim.sessions) {
    ran = {...claim, sessions: Math.max(1, n)};
    scaled = {factor: Number((n / claim.sessions).toPrecision(2)), why: `${claim.sessions} sessions need about ${estimateMiB(version, config, claim)} MiB here, more than the ${MACHINE.runMiB} MiB one run may use: the same config ran ${ran.sessions} sessions`};
  }
  const capped = rateCapped(ran);
  if (capped.note) scaled = {factor: scaled?.factor ?? 1, why: scaled ? `${scaled.why}; ${capped.note}` : capped.note};
  return {claim: capped.claim, ...(scaled ? {scaled} : {})};
}

export function exampleTargets(version: Version, blocks: MarkedBlock[] = markedBlocks()): Target[] {
  return blocks
    .filter((b) => b.version === version)
    .map((b) => {
      const claim = blockClaim(b);
      const fit = fittedClaim(version, b.text, claim);
      return {
        id: b.id,
        kind: 'example' as const,
        title: `${b.file.replace(/^docs\//, '/').replace(/\.mdx?$/, '')}${b.heading ? `#${b.heading}` : ''}: ${b.title ?? 'config block'}`,
        version,
        source: {file: b.file, heading: b.heading ?? undefined, blockTitle: b.title ?? undefined, blockSha256: sha256(b.text)},
        claim,
        ran: fit.claim,
        ...(fit.scaled ? {scaled: fit.scaled} : {}),
        config: b.text,
        expect: {pass: true} as const,
        nofile: DEBIAN_NOFILE,
      };
    });
}

// --- scale runs and negative controls ------------------------------------------------------------

const count = (v: Version) => (v === '2.3' ? 'service_count' : 'restart_request_count');
const unlimited = (v: Version) => (v === '2.3' ? '0' : 'unlimited');

/** Above 1 100 processes: plaintext, high-security login, one imap process per session. */
export function scaleTargets(version: Version): Target[] {
  const sessions = 1200;
  const input: GeneratorInput = {
    ...presetInput('small-office', version),
    cores: 2,
    ramGiB: 8,
    protocols: ['imap'],
    peak: {imap: sessions, pop3: 0, lmtp: 0, submission: 0, managesieve: 0},
    newPerSecond: 40,
    tlsPercent: 0,
    loginMode: 'high-security',
    mailReuse: 'one',
    authCache: true,
    cacheUsers: sessions,
  };
  const gen = generatorTarget(`scale-generator-${version}`, 'scale', `Generator output for ${sessions} plaintext IMAP sessions (high-security login, one imap per session)`, input, {});
  const handConfig = statsControlConfig(version) + ['service stats {', '  # every process keeps a stats connection: 1 200 imap + the rest', '  client_limit = 2000', '}', ''].join('\n');
  const claim: LoadClaim = {sessions, tlsPercent: 0, loginsPerS: 40, protocols: ['imap']};
  return [
    gen,
    {
      id: `scale-stats-sized-${version}`,
      kind: 'scale',
      title: `${sessions} plaintext sessions, stats client_limit raised (the twin of the stats control)`,
      version,
      source: {change: 'service stats { client_limit = 2000 }'},
      claim,
      ran: claim,
      config: handConfig,
      expect: {pass: true},
      nofile: DEBIAN_NOFILE,
    },
  ];
}

function statsControlConfig(version: Version): string {
  return ['service imap {', `  ${count(version)} = 1`, '  # room for every session, so that stats is the only limit left', '  process_limit = 1500', '}', ''].join('\n');
}

export function controlTargets(version: Version, blocks: MarkedBlock[] = markedBlocks()): Target[] {
  const out: Target[] = [];
  const statsClaim: LoadClaim = {sessions: 1100, tlsPercent: 0, loginsPerS: 40, protocols: ['imap']};
  out.push({
    id: `control-stats-default-${version}`,
    kind: 'control',
    title: 'stats at its default client_limit (1 000) under 1 100 processes',
    version,
    source: {change: 'no service stats block'},
    claim: statsClaim,
    ran: statsClaim,
    config: statsControlConfig(version),
    expect: {pass: false, check: 'reached', line: String.raw`service\(stats\): client_limit \(1000\) reached`},
    nofile: DEBIAN_NOFILE,
  });

  // The 3 000 TLS users example of /login-processes, with its imap process_limit taken out.
  const example = blocks.find((b) => b.version === version && b.heading === 'tls-worked-example');
  if (example) {
    const without = withoutSetting(example.text, 'imap', 'process_limit');
    const claim = blockClaim(example);
    const ran: LoadClaim = {...claim, sessions: 1100, loginsPerS: Math.min(claim.loginsPerS, MACHINE.maxLoginsPerS)};
    out.push({
      id: `control-imap-limit-${version}`,
      kind: 'control',
      title: 'the 3 000 TLS users example without its imap process_limit',
      version,
      source: {file: example.file, heading: example.heading ?? undefined, change: without.removed ? 'service imap { process_limit } removed' : 'the example sets no imap process_limit'},
      claim,
      ran,
      scaled: {factor: Number((1100 / claim.sessions).toPrecision(2)), why: `1 100 TLS sessions instead of ${claim.sessions}: already above imap's default process_limit of 1 024, and within this machine`},
      config: without.text,
      expect: {pass: false, check: 'reached', line: String.raw`service\(imap\): process_limit \(1024\) reached`},
      nofile: DEBIAN_NOFILE,
    });
  }

  const fdClaim: LoadClaim = {sessions: 400, tlsPercent: 100, loginsPerS: 40, protocols: ['imap']};
  out.push({
    id: `control-fd-limit-${version}`,
    kind: 'control',
    title: 'ulimit -n 256 on the master, high-performance login with 400 TLS sessions',
    version,
    source: {change: 'LimitNOFILE=256'},
    claim: fdClaim,
    ran: fdClaim,
    config: ['service imap-login {', `  ${count(version)} = ${unlimited(version)}`, '  process_min_avail = 1', '}', ''].join('\n'),
    expect: {pass: false, check: 'fd', line: String.raw`fd limit \(ulimit -n\) is lower than required under max\. load \(256 < 1000\)`},
    nofile: 256,
  });
  return out;
}

/** `text` without `setting` in `service NAME { }` blocks (line-based: wiki blocks are formatted). */
export function withoutSetting(text: string, service: string, setting: string): {text: string; removed: boolean} {
  const lines = text.split('\n');
  const out: string[] = [];
  let depth = 0;
  let inService = false;
  let removed = false;
  for (const line of lines) {
    const open = new RegExp(`^\\s*service\\s+${service}\\s*\\{`).test(line);
    if (depth === 0 && open) inService = true;
    if (inService && depth === 1 && new RegExp(`^\\s*${setting}\\s*=`).test(line)) {
      removed = true;
      continue;
    }
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    if (depth === 0) inService = false;
    out.push(line);
  }
  return {text: out.join('\n'), removed};
}

export function allTargets(versions: readonly Version[]): Target[] {
  const blocks = markedBlocks();
  return versions.flatMap((v) => [...presetTargets(v), ...randomTargets(v), ...exampleTargets(v, blocks), ...scaleTargets(v), ...controlTargets(v, blocks)]);
}

/** A config's settings and sections only (no comments, no blank lines): what a master reads. */
export function settingsOnly(text: string): string {
  const strip = (nodes: readonly Node[]): Node[] =>
    nodes.flatMap((n): Node[] => {
      if (n.kind === 'comment' || n.kind === 'blank') return [];
      if (n.kind === 'section') return [{...n, comment: undefined, endComment: undefined, children: strip(n.children)}];
      if (n.kind === 'setting' || n.kind === 'include') return [{...n, comment: undefined}];
      return [n];
    });
  return printConfig({children: strip(parseConfig(text).tree.children)});
}

/** The generator's output today for a run's state (its /generator query). */
export function generatorOutputOf(query: string): string {
  return generate(inputFor(formFromState(decodeQuery(query).state)).input).text;
}
