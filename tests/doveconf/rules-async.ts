/**
 * An asynchronous runDoveconf (same directory handling as doveconf.ts), and a bounded-concurrency
 * map over it, so the differential test can keep a few doveconf processes busy at once.
 */
import {execFile} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {doveconf23, dovecot24Root, type RunResult, type Version} from './doveconf';

export interface AsyncRunResult extends RunResult {
  /** The config path doveconf was given (it appears in its messages). */
  readonly path: string;
}

export async function runDoveconfAsync(version: Version, configText: string, args: readonly string[] = ['-n']): Promise<AsyncRunResult> {
  const parent = version === '2.3' ? tmpdir() : join(dovecot24Root(), 'cfg');
  if (version === '2.4') mkdirSync(parent, {recursive: true});
  const dir = await mkdtemp(join(parent, 'run.'));
  try {
    await writeFile(join(dir, 'dovecot.conf'), configText);
    const path = version === '2.3' ? join(dir, 'dovecot.conf') : `/cfg/${dir.split('/').pop()}/dovecot.conf`;
    const [cmd, argv] =
      version === '2.3'
        ? [doveconf23(), ['-c', path, ...args]]
        : ['chroot', [dovecot24Root(), '/usr/bin/doveconf', '-c', path, ...args]];
    return await new Promise<AsyncRunResult>((resolve, reject) => {
      execFile(cmd, argv, {encoding: 'utf8', maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({exitCode: error ? (error.code as number) : 0, stdout, stderr, path});
      });
    });
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

/** Maps `items` through `fn` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return out;
}
