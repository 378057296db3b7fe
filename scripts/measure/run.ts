/**
 * `npm run measure`: real Dovecot (2.3 from the host, 2.4 from its chroot tree) and Courier-IMAP
 * (its chroot tree, when present) under the same IMAP load, in each service mode. Writes
 * data/measured/results.json, which the /measured page renders; the site build never runs this.
 *
 * Needs root (cgroups, PID namespaces, chroot). Dovecot is pinned to CPU 0, this process (the
 * load generator and the sampler) to CPU 1. Options:
 *   --reps N           repetitions of every mode, interleaved (default 3)
 *   --measure S        measuring window per run in seconds (default 8)
 *   --warmup S         warm-up before each window (default 2; also until every user logged in once)
 *   --concurrency C    concurrent clients (default 16)
 *   --users N          test users (default 100)
 *   --only TEXT        only modes whose id contains TEXT (repeatable)
 *   --wait-for FILE    before starting, wait until FILE exists (polls every 30 s) ...
 *   --wait-max MIN     ... for at most MIN minutes (default 40), then run anyway
 *   --out FILE         default data/measured/results.json
 */
import {cpus, loadavg, release, totalmem} from 'node:os';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {DovecotServer, measureRun, type HarnessOptions, type Mode, type RunResult, type Server} from './harness';
import {dovecotVersion, makeUsers, modeExcerpt, PASSWORD_SCHEME, type ServerId} from './dovecot';
import {cgroup2Root, hasPidNamespaces, killAllTrees, pinSelf} from './proc';
import {fullMatrix, LEFT_OUT} from './matrix';
import {courierExcerpt, prepareCourier} from './courier';
import {FACTORS, factorEffect, fmt, modeLabel, summarize, type ModeResult, type Results, type ServerInfo} from '../../src/lib/measured/results';

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
const MESSAGES = 5;
const OUT = opt('out') ?? 'data/measured/results.json';

const disposers: (() => void)[] = [];
function cleanupAll(): void {
  killAllTrees();
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
  if (!file) return {waitedS: 0, seen: false};
  const maxMs = num('wait-max', 40) * 60_000;
  const t0 = Date.now();
  while (!existsSync(file) && Date.now() - t0 < maxMs) {
    console.log(`waiting for ${file} (${Math.round((Date.now() - t0) / 1000)} s, load ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
    await sleep(30_000);
  }
  return {waitedS: Math.round((Date.now() - t0) / 1000), seen: existsSync(file)};
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error('npm run measure needs root (cgroups, PID namespaces, chroot for Dovecot 2.4 and Courier).');
    process.exit(1);
  }
  const quiet = await waitQuiet();
  const t0 = Date.now();
  const load0 = loadavg().map((x) => Number(x.toFixed(2)));
  const pinned = pinSelf('1');
  const cgroupRoot = cgroup2Root();
  const pidNamespaces = hasPidNamespaces();
  console.log(`cgroup v2: ${cgroupRoot ?? 'not writable (CPU from /proc instead)'}; PID namespaces: ${pidNamespaces ? 'yes' : 'no (no fork counts)'}; generator pinned to CPU 1: ${pinned}`);

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

  let modes = fullMatrix();
  if (onlies.length) modes = modes.filter((m) => onlies.some((s) => m.id.includes(s)));
  const wanted = new Set(modes.map((m) => m.server));
  const servers = new Map<ServerId, Server>();
  const infos: ServerInfo[] = [];
  for (const v of ['2.3', '2.4'] as const) {
    const id: ServerId = v === '2.3' ? 'dovecot-2.3' : 'dovecot-2.4';
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
      const r = await measureRun(servers.get(m.server)!, m, rep, `run-${n}`, o);
      results.set(m.id, [...(results.get(m.id) ?? []), r]);
      console.log(
        `[${n}/${runnable.length * REPS}] ${m.id} rep ${rep}: ${r.ok ? `${fmt(r.loginsPerS)} logins/s, p50 ${fmt(r.latencyMs.p50)} ms, p99 ${fmt(r.latencyMs.p99)} ms, ${fmt(r.forksPerLogin)} forks/login, ${fmt(r.cpuSPer1000Logins)} CPU s/1000, Dovecot CPU ${fmt(r.serverCpuUtil)}, generator CPU ${fmt(r.generatorCpuUtil)}` : `FAILED: ${r.error}`}`,
      );
    }
  }

  const modeResults: ModeResult[] = runnable.map((m: Mode) => ({
    id: m.id,
    server: m.server,
    label: modeLabel(m),
    login: m.login,
    imap: m.imap,
    authCache: m.authCache,
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
  const cpu = cpus();
  const out: Results = {
    schema: 1,
    generatedAt: new Date().toISOString(),
    command: `npm run measure${args.length ? ` -- ${args.join(' ')}` : ''}`,
    durationS: Math.round((Date.now() - t0) / 1000),
    machine: {cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)), kernel: release(), os: osName(), node: process.version},
    quiet: {
      waitedS: quiet.waitedS,
      quietFileSeen: quiet.seen,
      loadAvgAtStart: load0,
      note: quiet.seen
        ? 'Started after the machine was declared quiet (no other builds or tests running).'
        : 'The machine was shared: other people\'s builds and tests ran on the same two cores during the measurement.',
    },
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
    },
    servers: infos,
    leftOut: LEFT_OUT,
    modes: modeResults,
  };
  mkdirSync(dirname(OUT), {recursive: true});
  writeFileSync(OUT, `${JSON.stringify(out, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`);
  console.log(`\nwrote ${OUT} in ${out.durationS} s`);
  for (const server of ['dovecot-2.3', 'dovecot-2.4'] as const) {
    for (const f of FACTORS) {
      for (const metric of ['loginsPerS', 'cpuSPer1000Logins'] as const) {
        const e = factorEffect(out, server, f.factor, metric);
        if (e.n) console.log(`${server} ${f.label}, ${metric}: median ×${fmt(e.median)} (range ${fmt(e.min)}–${fmt(e.max)}, ${e.n} pairs)`);
      }
    }
  }
  for (const m of modeResults) console.log(`${m.id.padEnd(44)} ${fmt(summarize(m, 'loginsPerS').median).padStart(6)} logins/s`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
