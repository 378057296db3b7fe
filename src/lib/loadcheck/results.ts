/**
 * The shape of data/loadcheck/results.json (written by `npm run loadcheck`), and the pure helpers
 * the site and the tests use to read it.
 */
import type {LoadClaim} from './claim';
import type {CheckId, Reason} from './verdict';

export type RunKind = 'preset' | 'random' | 'example' | 'scale' | 'control';

/** A control is run to fail: with this check, on a reason line matching `line` (a RegExp source). */
export type Expectation = {pass: true} | {pass: false; check: CheckId; line: string};

export type RunSource = {
  /** Generator preset id. */
  preset?: string;
  /** The generator state as a /generator query (without `?`). */
  generatorQuery?: string;
  /** Wiki page file and the block's heading anchor. */
  file?: string;
  heading?: string;
  blockTitle?: string;
  /** SHA-256 of the block's text (hex): the run is stale when the block changed. */
  blockSha256?: string;
  /** What a control changes relative to the config it comes from. */
  change?: string;
};

export type RunFigures = {
  started: number;
  loggedIn: number;
  held: number;
  peakProcesses: number;
  peakByService: Record<string, number>;
  latencyMs: {p50: number | null; p95: number | null; p99: number | null; max: number | null};
  rampS: number;
  durationS: number;
  peakRssMiB: number | null;
  heldPssMiB: number | null;
  /** How far the host's available memory fell during the run. */
  hostMemMiB: number | null;
  tlsProtocol: string | null;
};

export type LoadRun = {
  id: string;
  kind: RunKind;
  title: string;
  version: '2.3' | '2.4';
  /** `dovecot --version` of the master that ran it. */
  build: string;
  /** When it ran (ISO 8601): runs of a partial rerun are merged into the file. */
  ranAt: string;
  source: RunSource;
  /** The load the config is for. */
  claim: LoadClaim;
  /** The load it ran (smaller when the claim is beyond this machine, see `scaled`). */
  ran: LoadClaim;
  /** Why and how the run differs from the claim. */
  scaled?: {factor: number; why: string};
  expect: Expectation;
  /** The config under test (for generator states: their output at the load that ran). */
  config: string;
  /** ulimit -n of the master, and TasksMax when the config comes with one. */
  nofile: number;
  tasksMax?: number;
  passed: boolean;
  /** passed for pass expectations; for controls, failed with the expected check and line. */
  asExpected: boolean;
  reasons: Reason[];
  figures: RunFigures;
  /** Settings of the config the harness replaced (paths, listeners, passdb/userdb). */
  replaced: string[];
};

export type LoadCheckResults = {
  schema: 1;
  generatedAt: string;
  command: string;
  machine: {cpus: number; cpuModel: string; ramGiB: number; kernel: string; os: string; node: string};
  builds: Record<'2.3' | '2.4', string | null>;
  /** The pass rules, as published (bound, what fails a run). */
  rules: {loginP99BoundMs: number; holdS: number; openTimeoutMs: number; defaultNofile: number; hostRaised: string[]; limits: string[]};
  runs: LoadRun[];
};

/** Did a run come out as expected? */
export function meetsExpectation(expect: Expectation, passed: boolean, reasons: readonly Reason[]): boolean {
  if (expect.pass) return passed;
  if (passed) return false;
  const re = new RegExp(expect.line);
  return reasons.some((r) => r.check === expect.check && [r.message, ...(r.lines ?? [])].some((l) => re.test(l)));
}

/** "held" / "failed" / "failed as expected" / "passed, but a failure was expected" */
export function outcomeText(run: Pick<LoadRun, 'expect' | 'passed' | 'asExpected'>): string {
  if (run.expect.pass) return run.passed ? 'held' : 'failed';
  return run.asExpected ? 'failed as expected' : run.passed ? 'held, but should have failed' : 'failed, but not as expected';
}

/** The anchor of a run on /measured. */
export function runAnchor(id: string): string {
  return `load-${id.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}`;
}

/**
 * The run id of a wiki code block with a load marker: page, the heading it sits under, its
 * version, and a counter when one heading holds several marked blocks of the same version.
 */
export function exampleRunId(file: string, heading: string | null, version: string, ordinal: number): string {
  const page = file
    .replace(/^(docs|blog)\//, '')
    .replace(/\.mdx?$/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase();
  return `example-${page}-${heading ?? 'top'}-${version}${ordinal > 1 ? `-${ordinal}` : ''}`;
}
