/**
 * Running a server as a contained process tree, and measuring that tree.
 *
 * Each server runs as
 *   sh (puts itself into a fresh cgroup v2)
 *     -> taskset -c 0 unshare --pid --fork --kill-child
 *       -> sh (PID 1 of a new PID namespace; reaps orphans)
 *         -> [chroot ROOT] server ... (in the foreground, e.g. dovecot -F)
 * spawned detached (its own process group). That gives three independent ways to stop it all:
 * SIGKILL to the process group, `cgroup.kill`, and the kernel killing a PID namespace whose
 * init exits. `unshare` also runs under `setpriv --pdeathsig KILL`, so when the harness itself
 * is killed outright (SIGKILL, an OOM kill: no handler runs) its servers die with it instead of
 * staying on their ports. It also gives the measurements:
 *   - CPU: the cgroup's cpu.stat usage_usec counts every process that ever ran in it, including
 *     those that already exited (fallback without a cgroup: utime+stime of the live tree plus
 *     cutime+cstime, which counts exited children that were waited for);
 *   - forks: PIDs in a new namespace are handed out one after another, so
 *     /proc/sys/kernel/ns_last_pid read from inside it (via nsenter, which itself takes one PID)
 *     counts every process created since the last reading;
 *   - memory: /proc/PID/status (VmRSS, VmHWM) and smaps_rollup (Pss) of every process in the
 *     cgroup, sampled periodically; the peak of the sum is the tree's peak.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync} from 'node:fs';
import net from 'node:net';

export type Tree = {
  label: string;
  child: ChildProcess;
  /** Host PID of the process group leader (the outer sh). */
  pgid: number;
  cgroup: string | null;
  stderr: string[];
  exited: Promise<number | null>;
  stopped: boolean;
};

const live = new Set<Tree>();

/** The cgroup v2 mount, if there is one we can create groups in. */
export function cgroup2Root(): string | null {
  let mounts = '';
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return null;
  }
  for (const line of mounts.split('\n')) {
    const [, dir, type] = line.split(' ');
    if (type !== 'cgroup2') continue;
    const probe = `${dir}/measure-probe-${process.pid}`;
    try {
      mkdirSync(probe);
      const ok = existsSync(`${probe}/cpu.stat`) && existsSync(`${probe}/cgroup.procs`);
      rmdirSync(probe);
      if (ok) return dir;
    } catch {
      // not writable here
    }
  }
  return null;
}

export function hasPidNamespaces(): boolean {
  const r = spawnSync('unshare', ['--pid', '--fork', '--kill-child', 'true'], {stdio: 'ignore'});
  return r.status === 0 && spawnSync('nsenter', ['--version'], {stdio: 'ignore'}).status === 0;
}

let serial = 0;

/** `setpriv --pdeathsig` (util-linux) is there: a tree's `unshare` gets SIGKILL when the harness dies. */
const PDEATHSIG = spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], {stdio: 'ignore'}).status === 0;

/** Start argv as a contained tree pinned to `cpus`. */
export function startTree(label: string, argv: string[], opts: {cpus: string; nofile?: number; cgroupRoot: string | null}): Tree {
  let cgroup: string | null = null;
  if (opts.cgroupRoot) {
    cgroup = `${opts.cgroupRoot}/measure-${process.pid}-${++serial}`;
    mkdirSync(cgroup);
  }
  const nofile = opts.nofile ?? 20000;
  const inner = `ulimit -n ${nofile} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; "$@" & wait $!`;
  const outer = cgroup ? 'echo $$ > "$1/cgroup.procs" || exit 97; shift; exec "$@"' : 'shift; exec "$@"';
  // the death signal is kept across the execs of taskset and unshare (neither is set-user-ID);
  // unshare's --kill-child then takes the namespace, so the whole tree, down with it
  const orphanGuard = PDEATHSIG ? ['setpriv', '--pdeathsig', 'KILL', '--'] : [];
  const child = spawn('sh', ['-c', outer, 'sh', cgroup ?? '-', ...orphanGuard, 'taskset', '-c', opts.cpus, 'unshare', '--pid', '--fork', '--kill-child', 'sh', '-c', inner, 'sh', ...argv], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    if (stderr.length < 200) stderr.push(...d.split('\n').filter(Boolean));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const tree: Tree = {label, child, pgid: child.pid!, cgroup, stderr, exited, stopped: false};
  live.add(tree);
  return tree;
}

function readIf(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Host PIDs of every process of the tree (cgroup members, or descendants of the leader). */
export function treePids(t: Tree): number[] {
  if (t.cgroup) {
    const s = readIf(`${t.cgroup}/cgroup.procs`);
    if (s !== null) return s.split('\n').filter(Boolean).map(Number);
  }
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = readIf(`/proc/${d}/stat`);
    if (!st) continue;
    const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(d));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const stack = [t.pgid];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

export type ProcInfo = {pid: number; name: string; nspid: number[]; rssKiB: number; hwmKiB: number};

export function procInfo(pid: number): ProcInfo | null {
  const s = readIf(`/proc/${pid}/status`);
  if (!s) return null;
  const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(s)?.[1] ?? '';
  return {
    pid,
    name: field('Name'),
    nspid: field('NSpid').split(/\s+/).filter(Boolean).map(Number),
    rssKiB: parseInt(field('VmRSS'), 10) || 0,
    hwmKiB: parseInt(field('VmHWM'), 10) || 0,
  };
}

export function pssKiB(pid: number): number {
  const s = readIf(`/proc/${pid}/smaps_rollup`);
  const m = s ? /^Pss:\s+(\d+) kB/m.exec(s) : null;
  return m ? Number(m[1]) : 0;
}

/** The namespace's PID 1 (host PID), found among the tree's processes. */
export function namespaceInit(t: Tree): number | null {
  for (const pid of treePids(t)) {
    const info = procInfo(pid);
    if (info && info.nspid.length >= 2 && info.nspid[info.nspid.length - 1] === 1) return pid;
  }
  return null;
}

/** Last PID handed out in the tree's PID namespace (the reading itself takes one). */
export function nsLastPid(initPid: number): number | null {
  const r = spawnSync('nsenter', ['-t', String(initPid), '--pid', '--', 'cat', '/proc/sys/kernel/ns_last_pid'], {encoding: 'utf8'});
  const n = Number(r.stdout.trim());
  return r.status === 0 && Number.isFinite(n) && n > 0 ? n : null;
}

function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'});
  return Number(r.stdout.trim()) || 100;
}
const TICKS = clockTicks();

/** CPU seconds of the whole tree so far, exited processes included. */
export function treeCpuSeconds(t: Tree): number {
  if (t.cgroup) {
    const s = readIf(`${t.cgroup}/cpu.stat`);
    const m = s ? /^usage_usec (\d+)/m.exec(s) : null;
    if (m) return Number(m[1]) / 1e6;
  }
  let ticks = 0;
  for (const pid of treePids(t)) {
    const st = readIf(`/proc/${pid}/stat`);
    if (!st) continue;
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    // fields 14..17 of stat (utime stime cutime cstime) are 11..14 after the comm field
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / TICKS;
}

export type MemorySample = {rssKiB: number; pssKiB: number; processes: number; byName: Map<string, number[]>};

/** One look at the tree's memory: sums of RSS and PSS, and RSS per process name. */
export function sampleMemory(t: Tree, withPss: boolean): MemorySample {
  const byName = new Map<string, number[]>();
  let rss = 0;
  let pss = 0;
  let n = 0;
  for (const pid of treePids(t)) {
    const info = procInfo(pid);
    if (!info || info.rssKiB === 0) continue;
    if (info.name === 'sh' || info.name === 'unshare' || info.name === 'taskset') continue;
    n++;
    rss += info.rssKiB;
    if (withPss) pss += pssKiB(pid);
    const list = byName.get(info.name) ?? [];
    list.push(info.rssKiB);
    byName.set(info.name, list);
  }
  return {rssKiB: rss, pssKiB: pss, processes: n, byName};
}

/** Stop a tree: `signal` to the process named `mainName`, wait, then kill everything left. */
export async function stopTree(t: Tree, mainName: string | null, graceMs = 5000): Promise<void> {
  if (t.stopped) return;
  t.stopped = true;
  if (mainName) {
    for (const pid of treePids(t)) {
      if (procInfo(pid)?.name === mainName) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        break;
      }
    }
    const done = await Promise.race([t.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref())]);
    if (!done) killTreeNow(t);
  } else {
    killTreeNow(t);
  }
  await Promise.race([t.exited, new Promise((r) => setTimeout(r, 3000).unref())]);
  await waitEmpty(t, 5000);
  removeCgroup(t);
  live.delete(t);
}

/** True while any process of the tree's process group or cgroup is alive. */
export function treeAlive(t: Tree): boolean {
  let group = true;
  try {
    process.kill(-t.pgid, 0);
  } catch {
    group = false;
  }
  const cg = t.cgroup ? (readIf(`${t.cgroup}/cgroup.procs`) ?? '').trim() !== '' : false;
  return group || cg;
}

async function waitEmpty(t: Tree, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (treeAlive(t) && Date.now() < until) {
    killTreeNow(t);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Synchronous last resort: SIGKILL the group and the cgroup. Safe to call twice. */
export function killTreeNow(t: Tree): void {
  try {
    process.kill(-t.pgid, 'SIGKILL');
  } catch {
    // group already gone
  }
  if (t.cgroup && existsSync(`${t.cgroup}/cgroup.kill`)) {
    try {
      writeFileSync(`${t.cgroup}/cgroup.kill`, '1');
    } catch {
      // gone
    }
  }
}

function removeCgroup(t: Tree): void {
  if (!t.cgroup) return;
  for (let i = 0; i < 20; i++) {
    try {
      rmdirSync(t.cgroup);
      return;
    } catch {
      sleepSync(50);
    }
  }
}

/**
 * True while a process of the tree's group or cgroup has not exited. Unlike treeAlive it
 * ignores zombies: the group leader stays one until this process reaps it, which a
 * synchronous wait never lets happen.
 */
function runsAny(t: Tree): boolean {
  const members = new Set((t.cgroup ? (readIf(`${t.cgroup}/cgroup.procs`) ?? '') : '').split('\n').filter(Boolean).map(Number));
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = readIf(`/proc/${d}/stat`);
    if (!st) continue;
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    // after the comm field: state, ppid, pgrp
    if (f[0] !== 'Z' && f[0] !== 'X' && (Number(f[2]) === t.pgid || members.has(Number(d)))) return true;
  }
  return false;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Kill every tree still running (signal handlers, failures) and wait, at most `waitMs`, until
 * their processes are gone: the caller exits next, and on a loaded machine a killed process
 * can take a while to be scheduled and die. Returns the labels of trees still alive after that.
 */
export function killAllTrees(waitMs = 10_000): string[] {
  const trees = [...live];
  live.clear();
  for (const t of trees) killTreeNow(t);
  const until = Date.now() + waitMs;
  let alive = trees.filter(runsAny);
  while (alive.length > 0 && Date.now() < until) {
    sleepSync(50);
    for (const t of alive) killTreeNow(t);
    alive = alive.filter(runsAny);
  }
  for (const t of trees) removeCgroup(t);
  return alive.map((t) => t.label);
}

export function liveTrees(): number {
  return live.size;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen({host: '127.0.0.1', port: 0}, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Wait until a connection to host:port gets a line starting with `expect` (a greeting). */
export async function waitForGreeting(port: number, expect: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({host: '127.0.0.1', port});
      let data = '';
      const done = (v: boolean) => {
        s.destroy();
        resolve(v);
      };
      s.setTimeout(2000, () => done(false));
      s.on('data', (d) => {
        data += d.toString('latin1');
        if (data.includes('\r\n') || data.includes('\n')) {
          last = data.trim();
          done(data.startsWith(expect));
        }
      });
      s.on('error', (e) => {
        last = e.message;
        done(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "${expect}" greeting on 127.0.0.1:${port} within ${timeoutMs} ms (last: ${last || 'nothing'})`);
}

/** Pin the calling process (all its threads) to `cpus`. */
export function pinSelf(cpus: string): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], {stdio: 'ignore'}).status === 0;
}
