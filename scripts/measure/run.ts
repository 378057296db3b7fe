/**
 * `npm run measure`: real Dovecot (2.3 from the host, 2.4 from its chroot tree) and Courier-IMAP
 * (its chroot tree, when present) under the same IMAP load, in each service mode, plus three
 * experiments of their own: the auth cache with PostgreSQL (./authcache.ts), memory per TLS
 * session in a high-performance login process (./tlsmem.ts) and reconnecting clients after
 * `doveadm reload` (./reload.ts). Writes data/measured/results.json, which the /measured page
 * renders; the site build never runs this.
 *
 * Needs root (cgroups, PID namespaces, chroot). Dovecot is pinned to CPU 0, this process (the
 * load generator and the sampler) to CPU 1. Options:
 *   --reps N           repetitions of every mode, interleaved (default 3)
 *   --measure S        measuring window per run in seconds (default 8)
 *   --warmup S         warm-up before each window (default 2; also until every user logged in once)
 *   --concurrency C    concurrent clients (default 16)
 *   --users N          test users (default 100)
 *   --clients N        reload experiment: clients that reconnect at once (default 150)
 *   --only TEXT        a section (grid, authcache, tlsmem, reload), or grid modes whose id contains TEXT (repeatable)
 *   --wait-for FILE    before starting, wait until FILE exists (polls every 30 s) ...
 *   --wait-max MIN     ... and (without --out) until the load average is below the bound, for at most MIN minutes (default 40)
 *   --out FILE         default data/measured/results.json
 *
 * Publication: the harness records the 1-minute load average before the first run and, during
 * every measuring window, the CPU used by other processes. When either is above its bound
 * (src/lib/measured/results.ts: a quarter of the CPUs, and a tenth), it does not touch
 * data/measured/results.json: it writes results.rejected.json next to it, says why and exits
 * with 2. A file named with --out is always written. Sections that did not run are kept from the
 * existing results file. Once results.json is written, the calculator's table of RSS per process
 * (src/lib/dovecot/measuredRss.ts) is recomputed from it (./rss-table.ts).
 *
 * package.json runs this with `node --import tsx`, not the tsx command: tsx relays a SIGINT to
 * its child and SIGKILLs it when the child has not acknowledged within about 60 ms, which a
 * harness busy on a loaded machine misses, so the cleanup below never ran.
 */
import {cpus, release, totalmem} from 'node:os';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {DovecotServer, measureRun, type HarnessOptions, type Mode, type RunResult, type Server} from './harness';
import {dovecotVersion, makeUsers, modeExcerpt, PASSWORD_SCHEME, type ServerId} from './dovecot';
import {cgroup2Root, hasPidNamespaces, killAllTrees, pinSelf} from './proc';
import {fullMatrix, LEFT_OUT} from './matrix';
import {courierExcerpt, prepareCourier} from './courier';
import {dovecotServer, FACTORS, factorEffect, fmt, modeLabel, publicationBound, summarize, type LoadConditions, type ModeResult, type Results, type ServerInfo} from '../../src/lib/measured/results';
import {LoadRecorder, waitForLoad} from './load';
import {authCacheMissing, measureAuthCache} from './authcache';
import {measureTlsMemory} from './tlsmem';
import {measureReload} from './reload';
import {RSS_TABLE_FILE, updateRssTable} from './rss-table';
import {FIGURES} from '../../src/lib/measured/figures';
import {SIZING} from '../../src/lib/dovecot/generator/sizing';

const args = process.argv.slice(2);
function opt(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
const num = (name: string, dflt: number) => (opt(name) !== undefined ? Number(opt(name)) : dflt);
const onlies = args.flatMap((a, i) => (a === '--only' ? [args[i + 1]] : []));

const REPS = num('reps', 3);
const MEASURE_S = num('measure', 8);
const WARMUP_S = num('warmup', 2);
const CONCURRENCY = num('concurrency', 16);
const USERS = num('users', 100);
const CLIENTS = num('clients', 150);
const MESSAGES = 5;
const PUBLISHED = 'data/measured/results.json';
const OUT = opt('out') ?? PUBLISHED;
const SECTIONS = ['grid', 'authcache', 'tlsmem', 'reload'] as const;
type SectionName = (typeof SECTIONS)[number];
const sectionOnlies = onlies.filter((x): x is SectionName => (SECTIONS as readonly string[]).includes(x));
const modeOnlies = onlies.filter((x) => !(SECTIONS as readonly string[]).includes(x));
const wantSections = new Set<SectionName>(sectionOnlies.length ? sectionOnlies : modeOnlies.length ? ['grid'] : SECTIONS);

const disposers: (() => void)[] = [];
function cleanupAll(): void {
  const left = killAllTrees();
  if (left.length) console.error(`still running after SIGKILL: ${left.join(', ')}`);
  for (const d of disposers.splice(0)) {
    try {
      d();
    } catch {
      // best effort
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping every server and removing temporary files`);
    cleanupAll();
    process.exit(130);
  });
}
process.on('exit', () => killAllTrees());

async function waitQuiet(): Promise<{waitedS: number; seen: boolean}> {
  const file = opt('wait-for');
  const maxMs = num('wait-max', 40) * 60_000;
  const t0 = Date.now();
  while (file && !existsSync(file) && Date.now() - t0 < maxMs) {
    console.log(`waiting for ${file} (${Math.round((Date.now() - t0) / 1000)} s)`);
    await sleep(30_000);
  }
  // a draft (--out) starts at once; a run for publication first waits for a quiet machine
  if (!opt('out')) await waitForLoad(publicationBound(cpus().length), Math.max(0, maxMs - (Date.now() - t0)), (l) => console.log(l));
  return {waitedS: Math.round((Date.now() - t0) / 1000), seen: file ? existsSync(file) : false};
}

/**
 * Before a section that follows another: the previous section's own runs lift the load average
 * (its generator and servers), which says nothing about other processes but would make every later
 * section's starting load miss the publication bound. Wait until it has decayed (about three
 * minutes from 8 to 0.5 on two cores).
 */
async function settle(): Promise<void> {
  if (opt('out')) return;
  await waitForLoad(publicationBound(cpus().length), 10 * 60_000, (l) => console.log(`${l} before the next section`));
}

function readExisting(): Results | null {
  try {
    return JSON.parse(readFileSync(OUT === PUBLISHED || existsSync(OUT) ? OUT : PUBLISHED, 'utf8')) as Results;
  } catch {
    return null;
  }
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const round = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** The grid: every mode of every server, REPS times interleaved. */
async function measureGrid(o: HarnessOptions, users: ReturnType<typeof makeUsers>, load: LoadRecorder): Promise<{modes: ModeResult[]; servers: ServerInfo[]}> {
  let modes = fullMatrix();
  if (modeOnlies.length) modes = modes.filter((m) => modeOnlies.some((s) => m.id.includes(s)));
  const wanted = new Set(modes.map((m) => m.server));
  const servers = new Map<ServerId, Server>();
  const infos: ServerInfo[] = [];
  for (const v of ['2.3', '2.4'] as const) {
    const id = dovecotServer(v);
    if (!wanted.has(id)) continue;
    const version = dovecotVersion(v);
    if (!version) {
      infos.push({id, version: null, status: 'skipped', note: `Dovecot ${v} not found`});
      continue;
    }
    const s = new DovecotServer(id, version, users, MESSAGES, o);
    disposers.push(() => s.dispose());
    servers.set(id, s);
    infos.push({id, version, status: 'measured', note: v === '2.3' ? 'host packages (Debian 12)' : `Debian 13 packages unpacked into an isolated tree, master run with chroot`});
  }
  if (wanted.has('courier')) {
    const c = prepareCourier(users, MESSAGES, o);
    if ('server' in c) {
      disposers.push(() => c.server.dispose());
      servers.set('courier', c.server);
      infos.push({id: 'courier', version: c.server.version, status: 'measured', note: c.note});
    } else {
      infos.push({id: 'courier', version: null, status: 'skipped', note: c.note});
    }
  }

  const results = new Map<string, RunResult[]>();
  const runnable = modes.filter((m) => servers.has(m.server));
  let n = 0;
  for (let rep = 1; rep <= REPS; rep++) {
    for (const m of runnable) {
      n++;
      load.sample();
      const r = await measureRun(servers.get(m.server)!, m, rep, `run-${n}`, o);
      if (Number.isFinite(r.foreignCpu)) load.window(r.foreignCpu);
      results.set(m.id, [...(results.get(m.id) ?? []), r]);
      console.log(
        `[${n}/${runnable.length * REPS}] ${m.id} rep ${rep}: ${r.ok ? `${fmt(r.loginsPerS)} logins/s, p50 ${fmt(r.latencyMs.p50)} ms, p99 ${fmt(r.latencyMs.p99)} ms, ${fmt(r.forksPerLogin)} forks/login, ${fmt(r.cpuSPer1000Logins)} CPU s/1000, Dovecot CPU ${fmt(r.serverCpuUtil)}, generator CPU ${fmt(r.generatorCpuUtil)}, others ${fmt(r.foreignCpu)} cores` : `FAILED: ${r.error}`}`,
      );
    }
  }

  const modeResults: ModeResult[] = runnable.map((m: Mode) => ({
    id: m.id,
    server: m.server,
    label: modeLabel(m),
    login: m.login,
    imap: m.imap,
    tls: m.tls,
    config: m.server === 'courier' ? courierExcerpt() : modeExcerpt(m.server === 'dovecot-2.3' ? '2.3' : '2.4', m),
    runs: (results.get(m.id) ?? []) as ModeResult['runs'],
  }));
  for (const info of infos) {
    const rs = modeResults.filter((m) => m.server === info.id).flatMap((m) => m.runs);
    if (info.status === 'measured' && rs.length > 0 && rs.every((r) => !r.ok)) {
      info.status = 'failed';
      info.note += `; every run failed: ${rs[0].error ?? ''}`;
    }
  }
  return {modes: modeResults, servers: infos};
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error('npm run measure needs root (cgroups, PID namespaces, chroot for Dovecot 2.4 and Courier).');
    process.exit(1);
  }
  await waitQuiet();
  const t0 = Date.now();
  const command = `npm run measure${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const pinned = pinSelf('1');
  const cgroupRoot = cgroup2Root();
  const pidNamespaces = hasPidNamespaces();
  console.log(`sections: ${[...wantSections].join(', ')}; cgroup v2: ${cgroupRoot ?? 'not writable (CPU from /proc instead)'}; PID namespaces: ${pidNamespaces ? 'yes' : 'no (no fork counts)'}; generator pinned to CPU 1: ${pinned}`);

  const users = makeUsers(USERS);
  const o: HarnessOptions = {
    users,
    concurrency: CONCURRENCY,
    warmupS: WARMUP_S,
    warmupLogins: USERS,
    measureS: MEASURE_S,
    sessionTimeoutMs: 10_000,
    sampleMs: 250,
    cgroupRoot,
    pidNamespaces,
    serverCpus: '0',
  };
  const existing = readExisting();
  const cpu = cpus();
  const conditions: LoadConditions[] = [];
  const log = (l: string) => console.log(l);
  const register = (d: () => void) => disposers.push(d);

  let out: Results;
  if (wantSections.has('grid') || !existing) {
    const load = new LoadRecorder();
    const grid = await measureGrid(o, users, load);
    const c = load.conditions();
    conditions.push(c);
    out = {
      schema: 2,
      generatedAt: new Date().toISOString(),
      command,
      durationS: Math.round((Date.now() - t0) / 1000),
      machine: {cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)), kernel: release(), os: osName(), node: process.version},
      conditions: c,
      pinning: {server: pinned ? 'taskset -c 0 (CPU 0)' : 'taskset -c 0', generator: pinned ? 'taskset -a -p -c 1 (CPU 1)' : 'not pinned'},
      parameters: {
        users: USERS,
        messagesPerUser: MESSAGES,
        concurrency: CONCURRENCY,
        warmupS: WARMUP_S,
        warmupLogins: USERS,
        measureS: MEASURE_S,
        reps: REPS,
        sessionTimeoutMs: o.sessionTimeoutMs,
        sampleMs: o.sampleMs,
        passwordScheme: `${PASSWORD_SCHEME} (doveadm pw, 5000 rounds)`,
        tlsCertificate: 'self-signed RSA 2048 (openssl req -x509), full handshake on every connection',
        session: 'connect → [TLS] → LOGIN → SELECT INBOX → FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)]) → LOGOUT',
      },
      methods: {
        loginsPerS: 'tagged OK of LOGIN within the measuring window, divided by its length',
        latency: 'connect start → tagged OK of LOGIN, per session, percentiles by linear interpolation (R-7)',
        cpu: cgroupRoot ? 'cgroup v2 cpu.stat usage_usec of a cgroup holding the whole server tree (exited processes included)' : 'utime+stime+cutime+cstime of the live tree from /proc',
        forks: pidNamespaces ? 'server runs in its own PID namespace; /proc/sys/kernel/ns_last_pid read from inside (nsenter) before and after the window, minus the reading itself' : 'not measured',
        mailProcesses: 'distinct mpid= values in the login log lines of the window, divided by the number of those lines (Dovecot only)',
        memory: `every ${o.sampleMs} ms: VmRSS (/proc/PID/status) and Pss (/proc/PID/smaps_rollup) of every process in the tree; peak of the sums. RSS double-counts shared pages, PSS shares them out`,
        limits: 'log lines containing "reached" or "Connection queue full", and every warning or error, anywhere in the run\'s log',
        load: 'the 1-minute load average before the first run; during every measuring window, the CPU the machine spent (/proc/stat) minus what the server tree, its database and the load generator spent, as cores used by other processes',
      },
      servers: grid.servers,
      leftOut: LEFT_OUT,
      modes: grid.modes,
      ...(existing?.authCache ? {authCache: existing.authCache} : {}),
      ...(existing?.tlsMemory ? {tlsMemory: existing.tlsMemory} : {}),
      ...(existing?.reload ? {reload: existing.reload} : {}),
    };
  } else {
    out = {...existing, schema: 2};
  }

  let sectionsRun = wantSections.has('grid') || !existing ? 1 : 0;
  const next = async () => {
    if (sectionsRun++ > 0) await settle();
  };
  if (wantSections.has('authcache')) {
    await next();
    const missing = authCacheMissing();
    const version = dovecotVersion('2.3');
    if (missing || !version) console.log(`auth cache: skipped (${missing ?? 'Dovecot 2.3 not found'})`);
    else {
      out.authCache = await measureAuthCache(version, users, MESSAGES, o, REPS, command, log, register);
      conditions.push(out.authCache.conditions);
    }
  }
  if (wantSections.has('tlsmem')) {
    await next();
    out.tlsMemory = await measureTlsMemory(users, MESSAGES, o, command, log, register);
    conditions.push(out.tlsMemory.conditions);
  }
  if (wantSections.has('reload')) {
    await next();
    out.reload = await measureReload(users, MESSAGES, o, CLIENTS, REPS, command, log, register);
    conditions.push(out.reload.conditions);
  }

  const busy = conditions.filter((c) => !c.withinBound);
  const text = `${JSON.stringify(out, round, 1)}\n`;
  if (busy.length && OUT === PUBLISHED && !opt('out')) {
    const rejected = join(dirname(PUBLISHED), 'results.rejected.json');
    writeFileSync(rejected, text);
    const c = busy[0];
    console.error(
      `\nnot published: the machine was not quiet (load average before ${c.loadAvgBefore.join(', ')}, bound ${c.bound.loadAvgBefore}; other processes up to ${c.foreignCpuMax ?? '?'} cores, bound ${c.bound.foreignCpu}). ` +
        `${PUBLISHED} is unchanged; the figures are in ${rejected}. Rerun on a quiet machine.`,
    );
    process.exitCode = 2;
  } else {
    mkdirSync(dirname(OUT), {recursive: true});
    writeFileSync(OUT, text);
    console.log(`\nwrote ${OUT} in ${Math.round((Date.now() - t0) / 1000)} s${busy.length ? ' (a draft: the machine was not quiet)' : ''}`);
    // the calculator's memory figures come from the published file, through a small table
    if (OUT === PUBLISHED) console.log(updateRssTable(PUBLISHED) ? `updated ${RSS_TABLE_FILE} from it` : `${RSS_TABLE_FILE} already matches it`);
  }
  // the generator and /auth-cache size the cache from a per-user figure worked out from the source
  const perUser = FIGURES['cache.sha512crypt.bytes.per.user'](out);
  if (perUser !== null && Math.abs(perUser / SIZING.cacheDocsBytesPerUser - 1) > 0.25) {
    console.error(`the auth cache took ${Math.round(perUser)} B per user with SHA512-CRYPT, not about ${SIZING.cacheDocsBytesPerUser} B: revisit SIZING.cacheDocsBytesPerUser (src/lib/dovecot/generator/sizing.ts) and /auth-cache#sizing`);
  }
  if (wantSections.has('grid')) {
    for (const server of ['dovecot-2.3', 'dovecot-2.4'] as const) {
      for (const f of FACTORS) {
        for (const metric of ['loginsPerS', 'cpuSPer1000Logins'] as const) {
          const e = factorEffect(out, server, f.factor, metric);
          if (e.n) console.log(`${server} ${f.label}, ${metric}: median ×${fmt(e.median)} (range ${fmt(e.min)}–${fmt(e.max)}, ${e.n} pairs)`);
        }
      }
    }
    for (const m of out.modes) console.log(`${m.id.padEnd(44)} ${fmt(summarize(m, 'loginsPerS').median).padStart(6)} logins/s`);
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
