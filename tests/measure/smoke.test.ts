/**
 * Smoke run of the measuring harness against the real Dovecot 2.3 of the host: a few dozen
 * logins in each of four modes (every setting flipped at least once, plain, imaps and
 * STARTTLS), then proof that nothing of the run is left: no process, no cgroup, no temporary
 * directory. Also interrupts `npm run measure` with SIGINT and checks the same, and kills it
 * with SIGKILL and checks its servers die with it.
 * Needs root and Dovecot 2.3; without them it fails with one line saying so.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, rmdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DovecotServer, measureRun, type HarnessOptions, type RunResult} from '../../scripts/measure/harness';
import {dovecotVersion, makeUsers} from '../../scripts/measure/dovecot';
import {smokeMatrix} from '../../scripts/measure/matrix';
import {cgroup2Root, hasPidNamespaces, liveTrees} from '../../scripts/measure/proc';

function precondition(): string | null {
  if (process.getuid?.() !== 0) return 'tests/measure/smoke.test.ts must run as root (cgroups, PID namespaces, Dovecot on its own ports)';
  if (!dovecotVersion('2.3')) return 'Dovecot 2.3 is missing: apt-get install dovecot-core dovecot-imapd (see scripts/setup-system.sh)';
  return null;
}

/** Host PIDs whose command line mentions `needle` (a path only this run uses). */
function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle)) out.push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/**
 * The /tmp/measure-* directories of the Dovecot masters descending from `root`: only its own,
 * since other runs of the harness (another checkout's tests) may be running on the machine.
 */
function mastersUnder(root: number): string[] {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], {encoding: 'utf8'}).stdout.split('\n');
  const parent = new Map<number, number>();
  const masters: {pid: number; dir: string}[] = [];
  for (const row of rows) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row);
    if (!m) continue;
    parent.set(Number(m[1]), Number(m[2]));
    const d = /\/dovecot -F -c (\/tmp\/measure-[^/\s]+)\//.exec(m[3]);
    if (d) masters.push({pid: Number(m[1]), dir: d[1]});
  }
  const descends = (pid: number) => {
    for (let p = parent.get(pid), n = 0; p !== undefined && p > 1 && n < 50; p = parent.get(p), n++) if (p === root) return true;
    return false;
  };
  return masters.filter((x) => descends(x.pid)).map((x) => x.dir);
}

function ourCgroups(root: string | null, pid: number): string[] {
  return root ? readdirSync(root).filter((n) => n.startsWith(`measure-${pid}-`)) : [];
}

describe('measure harness smoke run (real Dovecot 2.3)', () => {
  const problem = precondition();
  const cgroupRoot = problem ? null : cgroup2Root();
  let server: DovecotServer | null = null;
  const results: {id: string; r: RunResult}[] = [];

  beforeAll(async () => {
    if (problem) return;
    const users = makeUsers(12);
    const o: HarnessOptions = {
      users,
      concurrency: 4,
      warmupS: 0.3,
      warmupLogins: 4,
      measureS: 6,
      measureLogins: 30,
      sessionTimeoutMs: 8000,
      sampleMs: 200,
      cgroupRoot,
      pidNamespaces: hasPidNamespaces(),
      serverCpus: '0',
    };
    server = new DovecotServer('dovecot-2.3', dovecotVersion('2.3')!, users, 3, o);
    let n = 0;
    for (const m of smokeMatrix()) results.push({id: m.id, r: await measureRun(server, m, 1, `smoke-${++n}`, o)});
  }, 90_000);

  afterAll(() => server?.dispose());

  it('has root and Dovecot 2.3', () => {
    if (problem) throw new Error(problem);
  });

  it('logs in a few dozen times in every mode, without errors', () => {
    expect(problem).toBeNull();
    expect(results.map((x) => x.id)).toHaveLength(smokeMatrix().length);
    for (const {id, r} of results) {
      expect(r.error ?? '', id).toBe('');
      expect(r.logins, id).toBeGreaterThanOrEqual(30);
      expect(r.loginsPerS, id).toBeGreaterThan(0);
      expect(r.latencyMs.p50, id).toBeGreaterThan(0);
      expect(r.latencyMs.p99, id).toBeGreaterThanOrEqual(r.latencyMs.p50);
      expect(r.clientErrors, id).toEqual({});
      expect(r.cpuSPer1000Logins, id).toBeGreaterThan(0);
      expect(r.peakRssMiB, id).toBeGreaterThan(0);
      expect(r.limitLines, id).toEqual([]);
      expect(Object.keys(r.rssByProcess), id).toEqual(expect.arrayContaining(['dovecot', 'imap', 'imap-login', 'auth']));
    }
  });

  it('sees the process model: one imap per login when per-connection, far fewer when reused', () => {
    const by = new Map(results.map((x) => [x.id, x.r]));
    const perConn = by.get('dovecot-2.3-hs-perconn-nocache-none')!;
    const reused = by.get('dovecot-2.3-hp-reused-cache-imaps')!;
    expect(perConn.mailProcessesPerLogin).toBe(1);
    expect(reused.mailProcessesPerLogin!).toBeLessThan(0.5);
    if (hasPidNamespaces()) {
      // high-security + per-connection forks an imap-login and an imap for every login
      expect(perConn.forksPerLogin!).toBeGreaterThanOrEqual(1.8);
      expect(reused.forksPerLogin!).toBeLessThan(0.5);
    }
    expect(by.get('dovecot-2.3-hp-reused-cache-imaps')!.tls?.protocol).toMatch(/^TLS/);
    expect(by.get('dovecot-2.3-hs-reused-nocache-starttls')!.tls?.protocol).toMatch(/^TLS/);
  });

  it('leaves no Dovecot process, cgroup or temporary directory behind', () => {
    expect(problem).toBeNull();
    expect(liveTrees()).toBe(0);
    expect(processesMentioning(server!.data.host)).toEqual([]);
    expect(ourCgroups(cgroupRoot, process.pid)).toEqual([]);
    server!.dispose();
    expect(existsSync(server!.data.host)).toBe(false);
  });

  /**
   * Start `npm run measure`'s own command (from package.json, without npm in between) on one
   * short mode, and wait until its Dovecot runs. Returns the run's temporary directories.
   */
  async function startMeasure(): Promise<{child: ChildProcess; dirs: string[]; exited: Promise<number | null>; out: () => string}> {
    const script = (JSON.parse(readFileSync('package.json', 'utf8')) as {scripts: Record<string, string>}).scripts.measure;
    const [cmd, ...argv] = script.split(' ');
    const bin = cmd === 'node' ? process.execPath : join(process.cwd(), 'node_modules/.bin', cmd);
    const child = spawn(bin, [...argv, '--only', 'dovecot-2.3-hs-perconn-nocache-none', '--reps', '1', '--users', '4', '--measure', '60', '--out', '/tmp/measure-smoke-never.json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Wait until its Dovecot runs (a master below it whose config is in a /tmp/measure-* directory).
    const t0 = Date.now();
    let dirs: string[] = [];
    try {
      while (Date.now() - t0 < 30_000 && dirs.length === 0) {
        dirs = mastersUnder(child.pid!);
        if (dirs.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      if (dirs.length === 0) child.kill('SIGINT');
    }
    expect(dirs.length, `no Dovecot started by npm run measure: ${out}`).toBeGreaterThan(0);
    return {child, dirs, exited, out: () => out};
  }

  it('stops Dovecot and cleans up when `npm run measure` gets SIGINT', async () => {
    expect(problem).toBeNull();
    const {child, dirs, exited, out} = await startMeasure();
    child.kill('SIGINT');
    const code = await exited;
    expect(code, out()).toBe(130);
    // the harness waits for its servers to be gone before it exits
    for (const d of dirs) {
      expect(processesMentioning(d), `left running: ${d}\n${out()}`).toEqual([]);
      expect(existsSync(d), `left on disk: ${d}`).toBe(false);
    }
    expect(existsSync('/tmp/measure-smoke-never.json')).toBe(false);
  }, 60_000);

  it('takes its Dovecot down with it when `npm run measure` is killed outright (SIGKILL)', async () => {
    expect(problem).toBeNull();
    const {child, dirs, exited} = await startMeasure();
    child.kill('SIGKILL');
    await exited;
    // no handler runs: the servers go by the parent-death signal; the directory stays
    const until = Date.now() + 15_000;
    while (Date.now() < until && dirs.some((d) => processesMentioning(d).length > 0)) await new Promise((r) => setTimeout(r, 200));
    try {
      for (const d of dirs) expect(processesMentioning(d), `left running: ${d}`).toEqual([]);
    } finally {
      for (const d of dirs) rmSync(d, {recursive: true, force: true});
      for (const cg of cgroupRoot ? readdirSync(cgroupRoot).filter((n) => n.startsWith(`measure-${child.pid}-`)) : []) {
        try {
          rmdirSync(join(cgroupRoot!, cg));
        } catch {
          // still has members: the assertion above says so
        }
      }
    }
  }, 60_000);
});
