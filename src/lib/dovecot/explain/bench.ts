/**
 * Timing of explain() on 1 MB inputs (for `npm run bench`; not a test): a doveconf-style config
 * pasted over and over, log lines, both mixed, and a config in which hardly a line repeats (every
 * block with its own addresses, ports and limits), so that no cache of repeated lines flatters
 * the figure. One warm-up run, then the median of several. Uses only `performance.now()`.
 *   npx tsx src/lib/dovecot/explain/bench.ts
 */
import {explain} from './index';
import {SAMPLE_TEXT} from './sample';

export interface ExplainBench {
  inputBytes: number;
  runs: number;
  medianMs: Record<InputName, number>;
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

type InputName = 'config' | 'logs' | 'mixed' | 'varied';

/** A 2.3 config block whose every line but the braces differs from block to block. */
function variedBlock(i: number): string {
  return [
    `# block ${i}`,
    'service imap-login {',
    '  inet_listener imap {',
    `    address = 10.${i % 250}.${(i * 7) % 250}.${i % 199}`,
    `    port = ${1000 + (i % 60000)}`,
    '  }',
    `  process_min_avail = ${i % 9}`,
    `  service_count = ${i % 3}`,
    `  vsz_limit = ${(i % 900) + 64} M`,
    '}',
    'service imap {',
    `  process_limit = ${(i % 4000) + 1}`,
    `  client_limit = ${(i % 5) + 1}`,
    '}',
    `auth_cache_size = ${i % 1000} M`,
    `auth_cache_ttl = ${i % 3600} s`,
    '',
  ].join('\n');
}

export function inputs(size = 1_000_000): Record<InputName, string> {
  const [config, logs] = SAMPLE_TEXT.split('\n\n');
  return {
    config: fill((i) => `${config.replace(/service imap \{/, `service imap {\n  process_min_avail = ${i % 7}`)}\n`, size),
    logs: fill((i) => `${logs.replace(/31337/, String(1000 + i))}\n`, size),
    mixed: fill((i) => `${SAMPLE_TEXT.replace(/31337/, String(1000 + i))}\n`, size),
    varied: `# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\n${fill(variedBlock, size - 52)}`,
  };
}

export function bench(runs = 5): ExplainBench {
  const all = inputs();
  const medianMs = {} as ExplainBench['medianMs'];
  for (const [name, text] of Object.entries(all) as [keyof typeof all, string][]) {
    explain(text, {load: LOAD}); // warm-up: the first run also pays for compiling the engine
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
