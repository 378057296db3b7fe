/**
 * Every wiki code block that states a load (`load="…"` on its fence, syntax in
 * src/lib/loadcheck/claim.ts) has a run in data/loadcheck/results.json that is current (the run
 * checked exactly the block's text, under the block's claim) and held that load. A block edited
 * after its run, or marked and never run, fails here until `npm run loadcheck` runs it again.
 */
import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseLoadMarker} from '../../src/lib/loadcheck/claim';
import type {LoadCheckResults} from '../../src/lib/loadcheck/results';
import {blockClaim, markedBlocks, sha256} from '../../scripts/loadcheck/targets';
import {allDocsBlocks} from '../doveconf/docs-blocks';

const RESULTS = 'data/loadcheck/results.json';
const results: LoadCheckResults | null = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as LoadCheckResults) : null;
const blocks = markedBlocks();

describe('wiki blocks with a load marker', () => {
  it('exist: the worked examples that state a load are marked', () => {
    expect(blocks.map((b) => b.id)).toEqual(
      expect.arrayContaining([
        'example-login-processes-tls-worked-example-2.4',
        'example-login-processes-tls-worked-example-2.3',
        'example-services-process-limit-example-3000-2.4',
        'example-coming-from-courier-worked-example-2.3',
      ]),
    );
  });

  it('have markers that parse, on blocks that doveconf must accept', () => {
    for (const b of allDocsBlocks().filter((x) => x.load !== null)) {
      expect(() => parseLoadMarker(b.load!), `${b.file}:${b.line}`).not.toThrow();
      expect(b.bad, `${b.file}:${b.line}: a block that must fail cannot claim a load`).toBeNull();
    }
    expect(new Set(blocks.map((b) => b.id)).size).toBe(blocks.length);
  });

  it(`each have a current run in ${RESULTS} that held the load`, () => {
    expect(results, `${RESULTS} is missing: run npm run loadcheck`).not.toBeNull();
    const runs = new Map(results!.runs.map((r) => [r.id, r]));
    for (const b of blocks) {
      const where = `${b.file} (${b.heading ?? 'top'}, ${b.version})`;
      const run = runs.get(b.id);
      expect(run, `${where}: no run ${b.id}; run npm run loadcheck -- --only ${b.id}`).toBeDefined();
      expect(run!.source.blockSha256, `${where}: the block changed after its run; run npm run loadcheck -- --only ${b.id}`).toBe(sha256(b.text));
      expect(run!.claim, `${where}: the marker changed after its run`).toEqual(blockClaim(b));
      expect(run!.config).toBe(b.text);
      expect(run!.passed, `${where}: did not hold its load: ${run!.reasons.map((r) => r.lines?.[0] ?? r.message).join(' | ')}`).toBe(true);
    }
  });

  it('every example run in the results still has its block', () => {
    const ids = new Set(blocks.map((b) => b.id));
    const orphans = (results?.runs ?? []).filter((r) => r.kind === 'example' && !ids.has(r.id)).map((r) => r.id);
    expect(orphans, 'runs of blocks that are gone or lost their marker: run npm run loadcheck').toEqual([]);
  });
});
