/**
 * A throwaway PostgreSQL server for the auth cache measurements: Debian's `postgresql` binaries,
 * a cluster of its own in the run's temporary directory (initdb), listening only on a UNIX socket
 * there, started as a contained tree (./proc.ts: own cgroup for its CPU, pinned with the server)
 * and removed with the directory when the run ends. It never touches the host's clusters.
 */
import {spawnSync} from 'node:child_process';
import {chownSync, existsSync, mkdirSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {startTree, stopTree, treeCpuSeconds, type Tree} from './proc';

export type Postgres = {
  tree: Tree;
  socketDir: string;
  port: number;
  version: string;
  /** psql as the superuser on the cluster; returns stdout. Throws on error. */
  sql(query: string, db?: string): string;
  /**
   * Statements run so far against the table `table` (pg_stat_statements, which counts each
   * statement as it ends; pg_stat_database would lag by up to the statistics flush interval).
   */
  queries(db: string, table: string): number;
  cpuSeconds(): number;
  stop(): Promise<void>;
};

/** The newest PostgreSQL under /usr/lib/postgresql, or null. */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin/postgres'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

function pgUid(): {uid: number; gid: number} | null {
  const r = spawnSync('id', ['-u', 'postgres'], {encoding: 'utf8'});
  const g = spawnSync('id', ['-g', 'postgres'], {encoding: 'utf8'});
  return r.status === 0 && g.status === 0 ? {uid: Number(r.stdout), gid: Number(g.stdout)} : null;
}

/** Start a private cluster in `dir` (created, owned by postgres). */
export async function startPostgres(dir: string, port: number, o: {cpus: string; cgroupRoot: string | null}): Promise<Postgres> {
  const bin = postgresBin();
  const owner = pgUid();
  if (!bin || !owner) throw new Error('PostgreSQL is not installed: apt-get install postgresql (Debian package; the harness runs its own cluster)');
  const data = join(dir, 'pgdata');
  const socketDir = join(dir, 'pgsock');
  for (const d of [dir, socketDir]) {
    mkdirSync(d, {recursive: true});
    chownSync(d, owner.uid, owner.gid);
  }
  const init = spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions'], {encoding: 'utf8'});
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr.trim().slice(-400)}`);
  const tree = startTree(
    'postgres',
    [
      'runuser', '-u', 'postgres', '--', join(bin, 'postgres'), '-D', data, '-k', socketDir, '-p', String(port),
      '-c', 'listen_addresses=', '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
      '-c', 'shared_buffers=32MB', '-c', 'max_connections=60', '-c', 'unix_socket_permissions=0777', '-c', 'logging_collector=off',
    ],
    {cpus: o.cpus, cgroupRoot: o.cgroupRoot},
  );
  const version = spawnSync(join(bin, 'postgres'), ['--version'], {encoding: 'utf8'}).stdout.trim();
  const psql = (query: string, db = 'postgres'): string => {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'psql'), '-h', socketDir, '-p', String(port), '-d', db, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', query], {encoding: 'utf8'});
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr.trim().slice(-400)}`);
    return r.stdout.trim();
  };
  const until = Date.now() + 20_000;
  for (;;) {
    const ready = spawnSync(join(bin, 'pg_isready'), ['-h', socketDir, '-p', String(port), '-q']);
    if (ready.status === 0) break;
    if (Date.now() > until) {
      await stopTree(tree, null);
      throw new Error(`PostgreSQL did not start: ${tree.stderr.slice(-5).join(' | ')}`);
    }
    await sleep(200);
  }
  return {
    tree,
    socketDir,
    port,
    version,
    sql: psql,
    queries(db: string, table: string): number {
      // the reading's own text is stored with its literals replaced ($1), so it never matches itself
      return Number(psql(`SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query ILIKE '%FROM ${table} %'`, db));
    },
    cpuSeconds: () => treeCpuSeconds(tree),
    stop: () => stopTree(tree, 'postgres'),
  };
}
