/**
 * What the load check watches on the host while a master runs: the processes of its tree by
 * service (highest count per sample), their memory, and the host's available memory (a run that
 * would push the shared machine into swapping or the OOM killer stops early instead).
 */
import {readFileSync} from 'node:fs';
import {pssKiB, treePids, type Tree} from '../measure/proc';

/** Process names (comm, at most 15 characters) that are the wrapper, not Dovecot. */
const WRAPPER = new Set(['sh', 'unshare', 'taskset', 'chroot', 'nice']);

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The service a process belongs to. The kernel keeps 15 characters of the executable's name
 * (`submission-logi`); auth workers run the `auth` binary with `-w` (`executable = auth -w` in
 * src/auth/auth-settings.c, 2.3.19.1 and 2.4.1), so their command line tells them apart.
 */
export function serviceOfProcess(comm: string, cmdline: () => string): string {
  // A child the master forked keeps the name `dovecot` until it execs its service's binary.
  if (comm === 'dovecot') return 'dovecot';
  if (comm === 'auth') return /\s-w\b/.test(cmdline().replace(/\0/g, ' ')) ? 'auth-worker' : 'auth';
  const long = ['submission-login', 'managesieve-login', 'imap-urlauth-login', 'imap-urlauth-worker', 'indexer-worker', 'imap-hibernate'];
  return long.find((n) => n.startsWith(comm) && comm.length === 15) ?? comm;
}

export type Sample = {processes: number; byService: Map<string, number>; rssKiB: number};

export function sampleTree(t: Tree): Sample {
  const byService = new Map<string, number>();
  let processes = 0;
  let rss = 0;
  for (const pid of treePids(t)) {
    const status = read(`/proc/${pid}/status`);
    if (!status) continue;
    const comm = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? '';
    if (WRAPPER.has(comm)) continue;
    const kib = Number(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? 0);
    if (!kib) continue;
    processes++;
    rss += kib;
    const service = serviceOfProcess(comm, () => read(`/proc/${pid}/cmdline`) ?? '');
    byService.set(service, (byService.get(service) ?? 0) + 1);
  }
  return {processes, byService, rssKiB: rss};
}

/** Sum of PSS over the tree (slower: one smaps_rollup per process), in KiB. */
export function treePssKiB(t: Tree): number {
  let sum = 0;
  for (const pid of treePids(t)) sum += pssKiB(pid);
  return sum;
}

/** MemAvailable of the host, in MiB. */
export function availableMiB(): number {
  const m = /^MemAvailable:\s+(\d+) kB/m.exec(read('/proc/meminfo') ?? '');
  return m ? Math.floor(Number(m[1]) / 1024) : 0;
}

export class PeakTracker {
  peakProcesses = 0;
  peakRssKiB = 0;
  peakPssKiB = 0;
  readonly peakByService = new Map<string, number>();
  samples = 0;

  add(s: Sample): void {
    this.samples++;
    this.peakProcesses = Math.max(this.peakProcesses, s.processes);
    this.peakRssKiB = Math.max(this.peakRssKiB, s.rssKiB);
    for (const [k, v] of s.byService) this.peakByService.set(k, Math.max(this.peakByService.get(k) ?? 0, v));
  }

  byServiceRecord(): Record<string, number> {
    return Object.fromEntries([...this.peakByService].sort(([a], [b]) => a.localeCompare(b)));
  }
}
