/**
 * data/loadcheck/results.json, the published evidence, against the site as it is now:
 *  - the full set ran: every preset and the 20 random states per version, the scale runs, the
 *    negative controls (each failing with its own line);
 *  - it is current: each generator run's config is what the generator writes today for the
 *    same answers (settings compared, comments aside), and the permalink reproduces it;
 *  - it passed: every config held its load, with more than 1 100 processes in a scale run per version.
 * Wiki blocks are checked in ./docs-load-markers.test.ts. Rerun `npm run loadcheck` when one fails.
 */
import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {PRESETS} from '../../src/lib/dovecot/generator';
import type {LoadCheckResults} from '../../src/lib/loadcheck/results';
import {generatorOutputOf, presetTargets, randomTargets, RANDOM_STATES, settingsOnly} from '../../scripts/loadcheck/targets';

const RESULTS = 'data/loadcheck/results.json';
const results: LoadCheckResults | null = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as LoadCheckResults) : null;
const runs = results?.runs ?? [];
const VERSIONS = ['2.3', '2.4'] as const;

describe(`${RESULTS}`, () => {
  it('exists and names the builds it ran', () => {
    expect(results, `${RESULTS} is missing: run npm run loadcheck`).not.toBeNull();
    expect(results!.schema).toBe(1);
    expect(results!.builds['2.3']).toMatch(/^2\.3\.19\.1 /);
    expect(results!.builds['2.4']).toMatch(/^2\.4\.1/);
  });

  it('has every preset, the random states and the scale runs of both versions', () => {
    const ids = new Set(runs.map((r) => r.id));
    for (const v of VERSIONS) {
      for (const p of PRESETS) expect(ids, `preset ${p.id} ${v}`).toContain(`preset-${p.id}-${v}`);
      expect(runs.filter((r) => r.kind === 'random' && r.version === v)).toHaveLength(RANDOM_STATES);
      expect(runs.filter((r) => r.kind === 'scale' && r.version === v).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('ran the states the seed gives today, with the output the generator writes today', () => {
    const expected = new Map(VERSIONS.flatMap((v) => [...presetTargets(v), ...randomTargets(v)]).map((t) => [t.id, t]));
    for (const run of runs.filter((r) => r.source.generatorQuery)) {
      const now = generatorOutputOf(run.source.generatorQuery!);
      expect(settingsOnly(run.config), `${run.id}: the generator's output changed after this run; rerun npm run loadcheck -- --only ${run.id}`).toBe(settingsOnly(now));
      const target = expected.get(run.id);
      if (target) expect(run.source.generatorQuery, `${run.id}: the preset or the random seed gives other answers now`).toBe(target.source.generatorQuery);
    }
  });

  it('every config held its load', () => {
    const failed = runs.filter((r) => r.kind !== 'control' && !r.passed).map((r) => `${r.id}: ${r.reasons.map((x) => x.lines?.[0] ?? x.message).join(' | ')}`);
    expect(failed).toEqual([]);
  });

  it('held more than 1 100 processes in a scale run of each version', () => {
    for (const v of VERSIONS) {
      const best = Math.max(0, ...runs.filter((r) => r.kind === 'scale' && r.version === v && r.passed).map((r) => r.figures.peakProcesses));
      expect(best, v).toBeGreaterThan(1100);
    }
  });

  it('every negative control failed with its own log line', () => {
    for (const v of VERSIONS) {
      const controls = runs.filter((r) => r.kind === 'control' && r.version === v);
      expect(controls.map((c) => c.id)).toEqual(expect.arrayContaining([`control-stats-default-${v}`, `control-imap-limit-${v}`, `control-fd-limit-${v}`]));
      for (const c of controls) expect(c.asExpected, `${c.id}: ${c.reasons.map((x) => x.lines?.[0] ?? x.message).join(' | ')}`).toBe(true);
    }
  });
});
