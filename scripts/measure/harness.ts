/**
 * One measured run: start a server in one mode, warm it up, measure a window of load, stop it,
 * and turn counters into figures. Used by `npm run measure` (scripts/measure/run.ts) and by the
 * smoke test (tests/measure/smoke.test.ts).
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {LoadGenerator, type TlsInfo, type TlsMode} from './loadgen';
import {
  dovecotArgv,
  dovecotConfig,
  fileSize,
  makeDataDir,
  readLogWindow,
  removeDataDir,
  scanLog,
  type DataDir,
  type ImapMode,
  type LoginMode,
  type ServerId,
  type TestUser,
} from './dovecot';
import {
  freePort,
  namespaceInit,
  nsLastPid,
  sampleMemory,
  startTree,
  stopTree,
  treeAlive,
  treeCpuSeconds,
  waitForGreeting,
  type Tree,
} from './proc';
import {latencySummary, percentile, sig, type LatencySummary} from '../../src/lib/measured/stats';
import type {ProcessRss, RunFigures} from '../../src/lib/measured/results';
import {ForeignCpu} from './load';
import {readFileSync} from 'node:fs';

export type Mode = {
  id: string;
  server: ServerId;
  tls: TlsMode;
  login: LoginMode;
  imap: ImapMode;
  authCache: boolean;
};

export type Started = {
  tree: Tree;
  plainPort: number;
  tlsPort: number;
  /** Process name of the server's main process (gets SIGTERM on stop). */
  mainName: string;
  logPath: string | null;
};

export interface Server {
  readonly id: ServerId;
  readonly version: string;
  start(mode: Mode, run: string): Promise<Started>;
  /** CA for the clients (the self-signed certificate). */
  readonly certPem: string;
  dispose(): void;
}

export type HarnessOptions = {
  users: TestUser[];
  concurrency: number;
  warmupS: number;
  /** Warm-up also lasts until this many logins have completed (every user once: warm caches). */
  warmupLogins: number;
  measureS: number;
  /** Stop the measuring window early after this many logins (smoke runs). */
  measureLogins?: number;
  sessionTimeoutMs: number;
  sampleMs: number;
  cgroupRoot: string | null;
  pidNamespaces: boolean;
  serverCpus: string;
};

/**
 * What one run produces: the published shape (src/lib/measured/results.ts), with the figures the
 * harness always measures present rather than nullable as in older files.
 */
export type RunResult = Omit<RunFigures, 'latencyMs' | 'cpuSPer1000Logins' | 'serverCpuUtil' | 'generatorCpuUtil' | 'foreignCpu' | 'tls'> & {
  latencyMs: LatencySummary;
  cpuSPer1000Logins: number;
  serverCpuUtil: number;
  generatorCpuUtil: number;
  /** Cores used by other processes on the machine during the window. */
  foreignCpu: number;
  tls: TlsInfo | null;
};

/** What an experiment adds to a run (the auth cache runs: the cache's statistics, the database). */
export type RunHooks = {
  /** After the warm-up, just before the measuring window. */
  beforeWindow?(s: Started): Promise<void> | void;
  /** Just after the window, while the server still runs: extra figures for the result. */
  afterWindow?(s: Started, w: {logins: number; durationS: number}): Promise<Partial<RunResult>> | Partial<RunResult>;
  /** CPU seconds so far of the measurement's processes outside the server tree (a database). */
  extraCpuSeconds?(): number;
};

/** Dovecot 2.3 (host) or 2.4 (chroot tree), with one data directory for all its runs. */
export class DovecotServer implements Server {
  readonly id: 'dovecot-2.3' | 'dovecot-2.4';
  readonly data: DataDir;
  /** Settings written after the mode's, in every run of this server (the experiments' own limits). */
  extraSettings: string[] = [];
  private readonly v: '2.3' | '2.4';

  constructor(
    id: 'dovecot-2.3' | 'dovecot-2.4',
    readonly version: string,
    users: TestUser[],
    messages: number,
    private readonly o: Pick<HarnessOptions, 'cgroupRoot' | 'serverCpus'>,
  ) {
    this.id = id;
    this.v = id === 'dovecot-2.3' ? '2.3' : '2.4';
    this.data = makeDataDir(id, users, messages);
  }

  get certPem(): string {
    return this.data.certPem;
  }

  async start(mode: Mode, run: string): Promise<Started> {
    const imap = await freePort();
    let imaps = await freePort();
    while (imaps === imap) imaps = await freePort();
    const conf = `${run}.conf`;
    writeFileSync(join(this.data.host, conf), dovecotConfig(this.v, this.data, run, {imap, imaps}, mode, {settings: this.extraSettings}));
    const tree = startTree(`${this.id} ${mode.id}`, dovecotArgv(this.v, this.data, conf), {cpus: this.o.serverCpus, cgroupRoot: this.o.cgroupRoot});
    return {tree, plainPort: imap, tlsPort: imaps, mainName: 'dovecot', logPath: join(this.data.host, `${run}.log`)};
  }

  dispose(): void {
    removeDataDir(this.data);
  }
}

function logTail(path: string | null, lines = 8): string {
  if (!path) return '';
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join(' | ');
  } catch {
    return '';
  }
}

type MemAgg = {rss: number; pss: number; procs: number; byName: Map<string, {all: number[]; maxCount: number}>};

/** Measure one mode once. Never throws for a server failure: the result says ok=false. */
export async function measureRun(server: Server, mode: Mode, rep: number, run: string, o: HarnessOptions, hooks: RunHooks = {}): Promise<RunResult> {
  let started: Started | null = null;
  let gen: LoadGenerator | null = null;
  let timer: NodeJS.Timeout | null = null;
  try {
    started = await server.start(mode, run);
    const s = started;
    const early = s.tree.exited.then((code) => {
      throw new Error(`${server.id} exited early (code ${code}): ${s.tree.stderr.slice(-4).join(' | ')} ${logTail(s.logPath)}`);
    });
    early.catch(() => undefined);
    await Promise.race([waitForGreeting(s.plainPort, '* OK', 20_000), early]);

    gen = new LoadGenerator({
      host: '127.0.0.1',
      port: s.plainPort,
      tlsPort: s.tlsPort,
      tls: mode.tls,
      ca: server.certPem,
      users: o.users.map((u) => ({name: u.name, password: u.password})),
      concurrency: o.concurrency,
      sessionTimeoutMs: o.sessionTimeoutMs,
    });
    gen.start();
    const warmStart = Date.now();
    while (Date.now() - warmStart < o.warmupS * 1000 || (gen.logins < o.warmupLogins && Date.now() - warmStart < Math.max(30_000, o.warmupS * 5000))) {
      await Promise.race([sleep(100), early]);
    }

    // The measuring window.
    const initPid = o.pidNamespaces ? namespaceInit(s.tree) : null;
    const mem: MemAgg = {rss: 0, pss: 0, procs: 0, byName: new Map()};
    const sample = () => {
      const m = sampleMemory(s.tree, true);
      mem.rss = Math.max(mem.rss, m.rssKiB);
      mem.pss = Math.max(mem.pss, m.pssKiB);
      mem.procs = Math.max(mem.procs, m.processes);
      for (const [name, list] of m.byName) {
        const agg = mem.byName.get(name) ?? {all: [], maxCount: 0};
        agg.all.push(...list);
        agg.maxCount = Math.max(agg.maxCount, list.length);
        mem.byName.set(name, agg);
      }
    };
    await hooks.beforeWindow?.(s);
    const log0 = s.logPath ? fileSize(s.logPath) : 0;
    const ns0 = initPid ? nsLastPid(initPid) : null;
    const cpu0 = treeCpuSeconds(s.tree);
    const extra0 = hooks.extraCpuSeconds?.() ?? 0;
    const foreign = new ForeignCpu();
    foreign.start();
    gen.resetWindow();
    sample();
    timer = setInterval(sample, o.sampleMs);
    const winStart = Date.now();
    while (Date.now() - winStart < o.measureS * 1000 && (o.measureLogins === undefined || gen.logins < o.measureLogins)) {
      await Promise.race([sleep(50), early]);
    }
    const w = gen.window();
    const cpu1 = treeCpuSeconds(s.tree);
    const extra1 = hooks.extraCpuSeconds?.() ?? 0;
    const foreignCpu = foreign.stop(cpu1 - cpu0 + w.generatorCpuS + (extra1 - extra0));
    const ns1 = initPid ? nsLastPid(initPid) : null;
    clearInterval(timer);
    timer = null;
    sample();
    const more = (await hooks.afterWindow?.(s, {logins: w.logins, durationS: w.durationS})) ?? {};
    const log1 = s.logPath ? fileSize(s.logPath) : 0;
    await gen.stop();
    const tlsInfo = gen.tlsInfo;
    gen = null;
    await stopTree(s.tree, s.mainName);
    if (treeAlive(s.tree)) throw new Error(`${server.id}: processes left after stop`);

    const inWindow = s.logPath ? readLogWindow(s.logPath, log0, log1) : null;
    const whole = s.logPath ? scanLog(readFileSync(s.logPath, 'utf8')) : null;
    const rssByProcess: Record<string, ProcessRss> = {};
    for (const [name, agg] of [...mem.byName].sort(([a], [b]) => a.localeCompare(b))) {
      rssByProcess[name] = {p50KiB: Math.round(percentile(agg.all, 50)), maxKiB: Math.max(...agg.all), maxCount: agg.maxCount};
    }
    const logins = w.logins;
    const forks = ns0 !== null && ns1 !== null ? ns1 - ns0 - 1 : null;
    const lat = latencySummary(w.loginLatencyMs);
    return {
      rep,
      ok: logins > 0,
      error: logins > 0 ? undefined : `no login completed; client errors: ${JSON.stringify(w.errors)} ${w.errorSamples.join(' | ')}`,
      durationS: sig(w.durationS, 4),
      logins,
      sessions: w.sessions,
      loginsPerS: sig(logins / w.durationS),
      sessionsPerS: sig(w.sessions / w.durationS),
      latencyMs: {p50: sig(lat.p50), p95: sig(lat.p95), p99: sig(lat.p99), max: sig(lat.max), n: lat.n},
      forksPerLogin: forks !== null && logins > 0 ? sig(forks / logins) : null,
      mailProcessesPerLogin: inWindow && inWindow.loginLines > 0 ? sig(inWindow.distinctMailPids / inWindow.loginLines) : null,
      cpuSPer1000Logins: logins > 0 ? sig(((cpu1 - cpu0) / logins) * 1000) : NaN,
      serverCpuUtil: sig((cpu1 - cpu0) / w.durationS),
      generatorCpuUtil: sig(w.generatorCpuS / w.durationS),
      foreignCpu: sig(foreignCpu),
      peakRssMiB: sig(mem.rss / 1024),
      peakPssMiB: sig(mem.pss / 1024),
      peakProcesses: mem.procs,
      rssByProcess,
      limitLines: whole?.limitLines ?? [],
      warnings: whole?.warnings ?? [],
      errors: whole?.errors ?? [],
      clientErrors: w.errors,
      clientErrorSamples: w.errorSamples,
      tls: tlsInfo,
      ...more,
    };
  } catch (e) {
    return failed(rep, e instanceof Error ? e.message : String(e));
  } finally {
    if (timer) clearInterval(timer);
    if (gen) await gen.stop(500);
    if (started) await stopTree(started.tree, started.mainName, 2000);
  }
}

function failed(rep: number, error: string): RunResult {
  return {
    rep,
    ok: false,
    error: error.slice(0, 600),
    durationS: 0,
    logins: 0,
    sessions: 0,
    loginsPerS: 0,
    sessionsPerS: 0,
    latencyMs: {p50: NaN, p95: NaN, p99: NaN, max: NaN, n: 0},
    forksPerLogin: null,
    mailProcessesPerLogin: null,
    cpuSPer1000Logins: NaN,
    serverCpuUtil: NaN,
    generatorCpuUtil: NaN,
    foreignCpu: NaN,
    peakRssMiB: NaN,
    peakPssMiB: NaN,
    peakProcesses: 0,
    rssByProcess: {},
    limitLines: [],
    warnings: [],
    errors: [],
    clientErrors: {},
    clientErrorSamples: [],
    tls: null,
  };
}
