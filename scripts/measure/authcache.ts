/**
 * The auth cache, measured where it can work: a passdb and userdb with a cache key. passwd-file
 * and static have none (auth.c leaves cache_key NULL without the driver's default_cache_key), so
 * with them the cache is never used; SQL builds its key from the %variables of its queries.
 *
 * Dovecot 2.3 (host packages plus Debian's dovecot-pgsql) asks a private PostgreSQL cluster
 * (./postgres.ts, pinned to the server's CPU, its CPU counted apart) for every passdb and userdb
 * lookup. Everything else is fixed at the fastest login path (high-performance login processes,
 * reused imap processes, plain IMAP), so that authentication is a large share of each login.
 * Varied: auth_cache_size 0 or 10M, the hash scheme (SHA512-CRYPT: 5000 rounds; SSHA512: one
 * salted SHA-512), and auth_cache_verify_password_with_worker. The auth process's own counters
 * confirm the hits: SIGUSR2 before the measuring window resets them, SIGUSR2 after it logs them.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {AuthCacheMode, AuthCacheSection, AuthCacheStats} from '../../src/lib/measured/results';
import {dovecotArgv, dovecotConfig, fileSize, makeDataDir, MAIL_GID, MAIL_UID, removeDataDir, type DataDir, type TestUser} from './dovecot';
import {measureRun, type HarnessOptions, type Mode, type RunHooks, type Server, type Started} from './harness';
import {LoadRecorder} from './load';
import {startPostgres, type Postgres} from './postgres';
import {freePort, startTree, treePids} from './proc';

export const SCHEMES = ['SHA512-CRYPT', 'SSHA512'] as const;
export type Scheme = (typeof SCHEMES)[number];

export type CacheMode = {id: string; scheme: Scheme; cache: boolean; worker: boolean};

/** Cache off, on, and on with the hash check in auth-worker, for each scheme. */
export function cacheModes(): CacheMode[] {
  return SCHEMES.flatMap((scheme) => {
    const s = scheme.toLowerCase().replace(/[^a-z0-9]/g, '');
    return [
      {id: `authcache-${s}-off`, scheme, cache: false, worker: false},
      {id: `authcache-${s}-on`, scheme, cache: true, worker: false},
      {id: `authcache-${s}-on-worker`, scheme, cache: true, worker: true},
    ];
  });
}

export const SETUP = 'high-performance login processes (service_count = 0, process_min_avail = 1), reused imap processes (service_count = 0), plain IMAP';

const TABLE = 'users';
const DB = 'mail';

function column(scheme: Scheme): string {
  return `password_${scheme.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

/** `doveadm pw` of the host for each user and scheme (the schemes' own salts and rounds). */
function hash(password: string, scheme: Scheme): string {
  const r = spawnSync('doveadm', ['pw', '-s', scheme, '-p', password], {encoding: 'utf8'});
  const h = r.stdout.trim();
  if (r.status !== 0 || !h.startsWith(`{${scheme}}`)) throw new Error(`doveadm pw -s ${scheme} failed: ${r.stderr.trim() || h}`);
  return h;
}

/** The SQL file of one scheme (also published on the page, with the paths shortened). */
export function sqlConfig(pg: {socketDir: string; port: number} | null, scheme: Scheme): string {
  return [
    'driver = pgsql',
    `connect = host=${pg?.socketDir ?? '/run/postgresql'} port=${pg?.port ?? 5432} dbname=${DB} user=postgres`,
    `default_pass_scheme = ${scheme}`,
    `password_query = SELECT username AS user, ${column(scheme)} AS password FROM ${TABLE} WHERE username = '%u'`,
    `user_query = SELECT home, ${MAIL_UID} AS uid, ${MAIL_GID} AS gid FROM ${TABLE} WHERE username = '%u'`,
  ].join('\n');
}

function cacheSettings(m: CacheMode): string[] {
  return m.cache
    ? ['auth_cache_size = 10M', 'auth_cache_ttl = 1 hour', 'auth_cache_negative_ttl = 1 hour', `auth_cache_verify_password_with_worker = ${m.worker ? 'yes' : 'no'}`]
    : ['auth_cache_size = 0'];
}

/** What the harness shows for a mode: the settings that differ (the grid's login/imap settings are fixed). */
export function cacheExcerpt(m: CacheMode): string {
  return [`# passdb and userdb: driver = sql, default_pass_scheme = ${m.scheme}`, ...cacheSettings(m)].join('\n');
}

/** The lines SIGUSR2 makes the auth process log (src/auth/auth-cache.c), parsed. */
export function parseCacheStats(log: string): AuthCacheStats | null {
  const hits = /Authentication cache hits (\d+)\/(\d+)/.exec(log);
  const ins = /Authentication cache inserts: positive: (\d+) entries (\d+) bytes, negative: (\d+) entries (\d+) bytes/.exec(log);
  const size = /Authentication cache current size: (\d+) bytes used of (\d+) bytes/.exec(log);
  if (!hits || !ins || !size) return null;
  const n = (x: string) => Number(x);
  return {
    hits: n(hits[1]),
    lookups: n(hits[2]),
    positiveEntries: n(ins[1]),
    positiveBytes: n(ins[2]),
    negativeEntries: n(ins[3]),
    negativeBytes: n(ins[4]),
    usedBytes: n(size[1]),
    sizeBytes: n(size[2]),
  };
}

/** The host PID of the auth process (not an auth-worker): its command line is "dovecot/auth". */
function authPid(s: Started): number | null {
  for (const pid of treePids(s.tree)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
      if (/^dovecot\/auth( \[|$)/.test(cmd)) return pid;
    } catch {
      // exited
    }
  }
  return null;
}

class SqlDovecot implements Server {
  readonly id = 'dovecot-2.3' as const;
  readonly data: DataDir;
  readonly modes = new Map<string, CacheMode>();
  pg: Postgres | null = null;

  constructor(
    readonly version: string,
    private readonly users: TestUser[],
    messages: number,
    private readonly o: Pick<HarnessOptions, 'cgroupRoot' | 'serverCpus'>,
  ) {
    this.data = makeDataDir('dovecot-2.3', users, messages);
  }

  get certPem(): string {
    return this.data.certPem;
  }

  async init(): Promise<void> {
    const pg = await startPostgres(join(this.data.host, 'pg'), await freePort(), {cpus: this.o.serverCpus, cgroupRoot: this.o.cgroupRoot});
    this.pg = pg;
    pg.sql(`CREATE DATABASE ${DB}`);
    pg.sql('CREATE EXTENSION pg_stat_statements', DB);
    pg.sql(`CREATE TABLE ${TABLE} (username text PRIMARY KEY, home text NOT NULL, ${SCHEMES.map((s) => `${column(s)} text NOT NULL`).join(', ')})`, DB);
    const rows = this.users.map((u) => `('${u.name}', '${this.data.inner}/home/${u.name}', ${SCHEMES.map((s) => `'${hash(u.password, s)}'`).join(', ')})`);
    pg.sql(`INSERT INTO ${TABLE} VALUES ${rows.join(', ')}`, DB);
    for (const s of SCHEMES) writeFileSync(join(this.data.host, `sql-${s}.conf.ext`), `${sqlConfig(pg, s)}\n`, {mode: 0o644});
  }

  async start(mode: Mode, run: string): Promise<Started> {
    const m = this.modes.get(mode.id);
    if (!m || !this.pg) throw new Error(`authcache: unknown mode ${mode.id} or no database`);
    const imap = await freePort();
    let imaps = await freePort();
    while (imaps === imap) imaps = await freePort();
    const conf = `${run}.conf`;
    const sql = `${this.data.inner}/sql-${m.scheme}.conf.ext`;
    const databases = ['passdb {', '  driver = sql', `  args = ${sql}`, '}', 'userdb {', '  driver = sql', `  args = ${sql}`, '}'];
    writeFileSync(join(this.data.host, conf), dovecotConfig('2.3', this.data, run, {imap, imaps}, mode, {databases, settings: cacheSettings(m)}));
    const tree = startTree(`dovecot-2.3 ${mode.id}`, dovecotArgv('2.3', this.data, conf), {cpus: this.o.serverCpus, cgroupRoot: this.o.cgroupRoot});
    return {tree, plainPort: imap, tlsPort: imaps, mainName: 'dovecot', logPath: join(this.data.host, `${run}.log`)};
  }

  dispose(): void {
    removeDataDir(this.data);
  }
}

/** Whether the host can run these measurements; the reason when not. */
export function authCacheMissing(): string | null {
  if (!existsSync('/usr/lib/dovecot/modules/auth/libdriver_pgsql.so') && !existsSync('/usr/lib/dovecot/modules/libdriver_pgsql.so')) {
    return 'Dovecot 2.3 has no PostgreSQL driver: apt-get install dovecot-pgsql';
  }
  if (spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/postgres'], {stdio: 'ignore'}).status !== 0) return 'PostgreSQL is missing: apt-get install postgresql';
  return null;
}

async function signalAndRead(s: Started, pid: number, from: number): Promise<string> {
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 20; i++) {
    await sleep(100);
    const text = s.logPath ? readFileSync(s.logPath).subarray(from).toString('utf8') : '';
    if (/Authentication cache current size/.test(text)) return text;
  }
  return '';
}

/** Every mode, `reps` times interleaved; returns the section for the results file. */
export async function measureAuthCache(
  version: string,
  users: TestUser[],
  messages: number,
  o: HarnessOptions,
  reps: number,
  command: string,
  onRun: (line: string) => void,
  register: (dispose: () => void) => void,
): Promise<AuthCacheSection> {
  const t0 = Date.now();
  const load = new LoadRecorder();
  const server = new SqlDovecot(version, users, messages, o);
  register(() => server.dispose());
  await server.init();
  const pg = server.pg!;
  register(() => void pg.stop());
  const modes = cacheModes();
  for (const m of modes) server.modes.set(m.id, m);
  const results = new Map<string, AuthCacheMode>(modes.map((m) => [m.id, {id: m.id, scheme: m.scheme, cache: m.cache, worker: m.worker, config: cacheExcerpt(m), runs: []}]));
  let n = 0;
  for (let rep = 1; rep <= reps; rep++) {
    for (const m of modes) {
      n++;
      let q0 = 0;
      let c0 = 0;
      let auth: number | null = null;
      const hooks: RunHooks = {
        extraCpuSeconds: () => pg.cpuSeconds(),
        beforeWindow: async (s) => {
          auth = authPid(s);
          if (m.cache && auth !== null) await signalAndRead(s, auth, s.logPath ? fileSize(s.logPath) : 0);
          q0 = pg.queries(DB, TABLE);
          c0 = pg.cpuSeconds();
        },
        afterWindow: async (s, w) => {
          const c1 = pg.cpuSeconds();
          const q1 = pg.queries(DB, TABLE);
          const stats = m.cache && auth !== null ? parseCacheStats(await signalAndRead(s, auth, s.logPath ? fileSize(s.logPath) : 0)) : null;
          const per = (x: number) => (w.logins > 0 ? Number(x.toPrecision(3)) : null);
          return {authCache: stats, backendQueriesPerLogin: per((q1 - q0) / w.logins), backendCpuSPer1000Logins: per(((c1 - c0) / w.logins) * 1000)};
        },
      };
      const mode: Mode = {id: m.id, server: 'dovecot-2.3', tls: 'none', login: 'high-performance', imap: 'reused', authCache: false};
      const r = await measureRun(server, mode, rep, `authcache-${n}`, o, hooks);
      if (Number.isFinite(r.foreignCpu)) load.window(r.foreignCpu);
      results.get(m.id)!.runs.push(r);
      onRun(`[auth cache ${n}/${modes.length * reps}] ${m.id} rep ${rep}: ${r.ok ? `${r.loginsPerS} logins/s, Dovecot ${r.cpuSPer1000Logins} + PostgreSQL ${r.backendCpuSPer1000Logins} CPU s/1000, ${r.backendQueriesPerLogin} queries/login, cache ${r.authCache ? `${r.authCache.hits}/${r.authCache.lookups} hits, ${r.authCache.usedBytes} bytes` : 'off'}, others ${r.foreignCpu} cores` : `FAILED: ${r.error}`}`);
    }
  }
  await pg.stop();
  return {
    generatedAt: new Date().toISOString(),
    command,
    durationS: Math.round((Date.now() - t0) / 1000),
    conditions: load.conditions(),
    server: 'dovecot-2.3',
    version,
    backend: `${pg.version} (Debian packages), a cluster of its own on a UNIX socket, pinned to the server's CPU; its CPU is counted apart`,
    setup: SETUP,
    sqlConfig: sqlConfig(null, 'SHA512-CRYPT'),
    users: users.length,
    modes: [...results.values()],
  };
}
