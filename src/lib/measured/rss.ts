/**
 * Resident memory per process from a results file: for each process name, the median over every
 * successful run of one server of that process's median RSS, in KiB. The calculator ships these
 * few numbers (src/lib/dovecot/measuredRss.ts) instead of the whole file.
 */
import type {Results, ServerId} from './results';

/** What one TLS session adds to a high-performance login process's RSS, in KiB, if measured. */
export function tlsSessionKiB(results: Pick<Results, 'tlsMemory'>, server: ServerId): number | null {
  return results.tlsMemory?.servers.find((s) => s.server === server)?.rssKiBPerSession ?? null;
}

export function rssTableKiB(results: Pick<Results, 'modes'>, server: ServerId): Record<string, number> {
  const by = new Map<string, number[]>();
  for (const m of results.modes) {
    if (m.server !== server) continue;
    for (const run of m.runs) {
      if (!run.ok) continue;
      for (const [name, v] of Object.entries(run.rssByProcess)) by.set(name, [...(by.get(name) ?? []), v.p50KiB]);
    }
  }
  const out: Record<string, number> = {};
  for (const name of [...by.keys()].sort()) {
    const xs = [...by.get(name)!].sort((a, b) => a - b);
    out[name] = xs[Math.floor((xs.length - 1) / 2)];
  }
  return out;
}
