/**
 * An artificial CPU load for the bench: busy loops in child processes (by default one fewer than
 * the machine has cores, "the other core" on a two-core machine), so that a quiet machine shows
 * what a busy phone would: work that only just fits on an idle CPU stops fitting.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {availableParallelism} from 'node:os';

export function defaultLoadProcesses(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Starts `n` busy loops; the returned function stops them. */
export function startCpuLoad(n: number): () => void {
  const children: ChildProcess[] = [];
  for (let i = 0; i < n; i++) {
    children.push(spawn(process.execPath, ['-e', 'for (;;) {}'], {stdio: 'ignore'}));
  }
  return () => {
    for (const c of children) c.kill('SIGKILL');
  };
}
