/**
 * What the site says about load-check runs: the words and links of the /measured tables, the
 * generator's preset evidence and the note under each wiki example. Pure, shared by the React
 * components and the build-time remark plugin.
 */
import {tlsSessions, type LoadClaim} from './claim';
import {outcomeText, runAnchor, type LoadCheckResults, type LoadRun, type RunKind} from './results';
import {formatNumber} from '../numberFormat';

export function num(x: number): string {
  return formatNumber(x, 0, ' ');
}

/** "3 000 TLS sessions", "2 000 sessions, 400 of them TLS", "1 200 plaintext sessions" */
export function sessionsText(c: LoadClaim): string {
  const tls = tlsSessions(c.sessions, c.tlsPercent);
  if (tls === c.sessions) return `${num(c.sessions)} TLS sessions`;
  if (tls === 0) return `${num(c.sessions)} plaintext sessions`;
  return `${num(c.sessions)} sessions, ${num(tls)} of them TLS`;
}

/** The build as the site names it: "2.4.1" from "2.4.1-4 (7d8c0e5759)". */
export function buildName(build: string): string {
  return /^(\d+\.\d+\.\d+(?:\.\d+)?)/.exec(build)?.[1] ?? build;
}

export function runLink(id: string): string {
  return `/measured#${runAnchor(id)}`;
}

/** Where the config of a run comes from, as a site path (generator state, wiki block), if any. */
export function sourceLink(run: Pick<LoadRun, 'source'>): string | null {
  const s = run.source;
  if (s.generatorQuery) return `/generator?${s.generatorQuery}`;
  if (s.file) {
    const page = `/${s.file.replace(/^docs\//, '').replace(/\.mdx?$/, '')}`;
    return s.heading ? `${page}#${s.heading}` : page;
  }
  return null;
}

/** The first thing that went wrong, in one line (a log line when there is one). */
export function firstReason(run: Pick<LoadRun, 'reasons'>): string {
  const r = run.reasons[0];
  return r ? (r.lines?.[0] ?? r.message) : '';
}

/** One sentence for a run: what ran, whether it held, how it was scaled. */
export function runSentence(run: LoadRun): string {
  const ran = sessionsText(run.ran);
  const of = run.ran.sessions < run.claim.sessions ? ` (of the ${num(run.claim.sessions)} it is written for: the most this test machine can run)` : '';
  const where = `Dovecot ${buildName(run.build)}`;
  if (run.expect.pass) {
    return run.passed ? `Held ${ran}${of} in ${where}.` : `Did not hold ${ran}${of} in ${where}: ${firstReason(run)}.`;
  }
  return `${outcomeText(run)} in ${where}: ${firstReason(run)}.`;
}

/**
 * The note under a wiki example with a load marker. `textSha256` is the block's current text:
 * a run of an older text is not evidence for this one.
 */
export function exampleNote(results: LoadCheckResults | null, id: string, textSha256: string): {text: string; link: string | null} {
  const run = results?.runs.find((r) => r.id === id);
  if (!run) return {text: 'Load check: this block has not been run yet.', link: null};
  if (run.source.blockSha256 !== textSha256) return {text: 'Load check: this block changed after its last run.', link: runLink(id)};
  const sentence = runSentence(run);
  return {text: `Load check: ${sentence[0].toLowerCase()}${sentence.slice(1)}`, link: runLink(id)};
}

export type PresetCell = {text: string; held: boolean; link: string};

/** For each preset and version: did its config hold its load, and how much of it ran. */
export function presetEvidence(results: LoadCheckResults): {preset: string; title: string; cells: Partial<Record<'2.3' | '2.4', PresetCell>>}[] {
  const out = new Map<string, {preset: string; title: string; cells: Partial<Record<'2.3' | '2.4', PresetCell>>}>();
  for (const run of results.runs) {
    if (run.kind !== 'preset' || !run.source.preset) continue;
    const row = out.get(run.source.preset) ?? {preset: run.source.preset, title: run.title.replace(/^Generator preset /, ''), cells: {}};
    const scaled = run.ran.sessions < run.claim.sessions ? ` (${num(run.ran.sessions)} of ${num(run.claim.sessions)}, scaled to the test machine)` : '';
    row.cells[run.version] = {
      held: run.passed,
      text: run.passed ? `held ${sessionsText(run.ran)}${scaled} in ${buildName(run.build)}` : `did not hold ${sessionsText(run.ran)} in ${buildName(run.build)}`,
      link: runLink(run.id),
    };
    out.set(run.source.preset, row);
  }
  return [...out.values()];
}

export const KIND_NAMES: Record<RunKind, string> = {
  preset: 'Generator presets',
  random: 'Random generator states',
  example: 'Worked examples of the wiki',
  scale: 'Scale runs',
  control: 'Negative controls',
};

const KIND_SECTIONS: Record<RunKind, string> = {preset: 'presets', random: 'random', example: 'examples', scale: 'scale', control: 'controls'};

/** The /measured section that lists the runs of a kind. */
export function kindLink(kind: RunKind): string {
  return `/measured#load-check-${KIND_SECTIONS[kind]}`;
}

export type SummaryRow = {kind: RunKind; version: '2.3' | '2.4'; runs: number; asExpected: number; scaled: number; mostProcesses: number};

/** Per kind of run and version: how many ran, how many came out as they must, how many ran scaled down. */
export function summaryRows(results: LoadCheckResults): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const kind of Object.keys(KIND_NAMES) as RunKind[]) {
    for (const version of ['2.3', '2.4'] as const) {
      const runs = results.runs.filter((r) => r.kind === kind && r.version === version);
      if (runs.length === 0) continue;
      rows.push({
        kind,
        version,
        runs: runs.length,
        asExpected: runs.filter((r) => r.asExpected).length,
        scaled: runs.filter((r) => r.ran.sessions < r.claim.sessions).length,
        mostProcesses: Math.max(...runs.map((r) => r.figures.peakProcesses)),
      });
    }
  }
  return rows;
}
