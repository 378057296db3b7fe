/**
 * Timing of explain() on 1 MB inputs (for `npm run bench`; not a test): a doveconf-style config,
 * log lines, and both mixed. Median of several runs each. Uses only `performance.now()`.
 *   npx tsx src/lib/dovecot/explain/bench.ts
 */
import {explain} from './index';
import {SAMPLE_TEXT} from './sample';

export interface ExplainBench {
  inputBytes: number;
  runs: number;
  medianMs: Record<'config' | 'logs' | 'mixed', number>;
}

const LOAD = {peakConnections: 1000, connectionsPerSecond: 10, cores: 4, ramGiB: 8};

function fill(unit: (i: number) => string, size: number): string {
  let out = '';
  for (let i = 0; out.length < size; i++) out += unit(i);
  return out.slice(0, out.lastIndexOf('\n', size) + 1);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function inputs(size = 1_000_000): Record<'config' | 'logs' | 'mixed', string> {
  const [config, logs] = SAMPLE_TEXT.split('\n\n');
  return {
    config: fill((i) => `${config.replace(/service imap \{/, `service imap {\n  process_min_avail = ${i % 7}`)}\n`, size),
    logs: fill((i) => `${logs.replace(/31337/, String(1000 + i))}\n`, size),
    mixed: fill((i) => `${SAMPLE_TEXT.replace(/31337/, String(1000 + i))}\n`, size),
  };
}

export function bench(runs = 5): ExplainBench {
  const all = inputs();
  const medianMs = {} as ExplainBench['medianMs'];
  for (const [name, text] of Object.entries(all) as [keyof typeof all, string][]) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      explain(text, {load: LOAD});
      times.push(performance.now() - t);
    }
    medianMs[name] = Number(median(times).toFixed(1));
  }
  return {inputBytes: all.mixed.length, runs, medianMs};
}

if (typeof process !== 'undefined' && process.argv[1]?.endsWith('explain/bench.ts')) {
  console.log(JSON.stringify(bench(), null, 2));
}
