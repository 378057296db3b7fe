/**
 * The fuzz stage's summary, read from Playwright's JSON report: each case's longest main-thread
 * task (recorded by tests/fuzz as a 'fuzz' annotation: its thread time, and its time by the clock)
 * and the worst case of each kind of input.
 */

export interface FuzzRow {
  title: string;
  kind: string;
  status: string;
  /** Thread time of the case's longest main-thread task. */
  worstTaskMs: number | null;
  /** That task by the clock. */
  worstWallMs: number | null;
  typingMs?: number;
}

interface Annotation {
  type: string;
  description?: string;
}
interface Result {
  status: string;
  annotations?: Annotation[];
}
export interface Suite {
  suites?: Suite[];
  specs?: {title: string; tests: {annotations?: Annotation[]; results: Result[]}[]}[];
}

/** One row per fuzz case run in the report. */
export function fuzzRows(report: Suite): FuzzRow[] {
  const rows: FuzzRow[] = [];
  const walk = (s: Suite) => {
    for (const child of s.suites ?? []) walk(child);
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests) {
        for (const r of t.results) {
          const notes = [...(r.annotations ?? []), ...(t.annotations ?? [])];
          // a fuzz case marks itself with its seed first thing; the probe's own controls do not
          if (!notes.some((a) => a.type === 'fuzz-seed')) continue;
          const note = notes.find((a) => a.type === 'fuzz');
          const data = note?.description ? (JSON.parse(note.description) as {kind?: string; worstTaskMs?: number; worstWallMs?: number; typingMs?: number}) : {};
          const row: FuzzRow = {title: spec.title, kind: data.kind ?? spec.title.split(/[:# ]/)[0], status: r.status, worstTaskMs: data.worstTaskMs ?? null, worstWallMs: data.worstWallMs ?? null};
          if (data.typingMs !== undefined) row.typingMs = data.typingMs;
          rows.push(row);
        }
      }
    }
  };
  walk(report);
  return rows;
}

/** The case with the longest task, per kind, in the order kinds first appear. */
export function worstPerKind(rows: readonly FuzzRow[]): FuzzRow[] {
  const worst = new Map<string, FuzzRow>();
  for (const r of rows) {
    const seen = worst.get(r.kind);
    if (!seen || (r.worstTaskMs ?? -1) > (seen.worstTaskMs ?? -1)) worst.set(r.kind, r);
  }
  return [...worst.values()];
}

/** Lines to print: the worst case of each kind, then the overall worst. */
export function summaryLines(rows: readonly FuzzRow[], seed: number): string[] {
  const lines = [`fuzz: ${rows.length} cases, seed ${seed}; longest main-thread task per kind of input:`];
  for (const r of worstPerKind(rows)) {
    const ms = r.worstTaskMs === null ? '—' : `${r.worstTaskMs} ms`;
    const clock = r.worstWallMs === null ? '' : ` (${r.worstWallMs} ms by the clock)`;
    lines.push(`  ${r.kind.padEnd(10)} ${ms.padStart(8)}${clock}  ${r.title}${r.status === 'passed' ? '' : ` (${r.status})`}`);
  }
  const all = rows.filter((r) => r.worstTaskMs !== null).map((r) => r.worstTaskMs as number);
  if (all.length > 0) lines.push(`  worst of all: ${Math.max(...all)} ms (a task over 1000 ms fails its case)`);
  return lines;
}
