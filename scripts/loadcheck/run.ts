/**
 * `npm run loadcheck`: does every config the site publishes or generates hold the load it claims in
 * a real Dovecot 2.3.19.1 and 2.4.1 master? Runs the targets of ./targets.ts (presets, random
 * generator states, wiki blocks with a load marker, scale runs, negative controls), prints one line
 * per config and writes data/loadcheck/results.json, which /measured renders at build time.
 *
 * Needs root (cgroups, PID namespaces, chroot for 2.4, the inotify limit). Options:
 *   --only TEXT     only targets whose id contains TEXT (repeatable); results are merged into the file
 *   --version V     2.3 or 2.4 only (repeatable)
 *   --hold S        seconds every session stays open once all are idling (default 10)
 *   --list          print the targets and what each will run, run nothing
 *   --out FILE      default data/loadcheck/results.json
 * Exit code 0 when every config held its load and every control failed with its log line.
 */
import {cpus, release, totalmem} from 'node:os';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {describeClaim} from '../../src/lib/loadcheck/claim';
import {LOGIN_P99_BOUND_MS} from '../../src/lib/loadcheck/verdict';
import {meetsExpectation, outcomeText, type LoadCheckResults, type LoadRun} from '../../src/lib/loadcheck/results';
import {dovecotVersion} from '../measure/dovecot';
import {cgroup2Root, killAllTrees} from '../measure/proc';
import {runLoadCheck, type CheckOptions} from './check';
import {prepareHost} from './host';
import {makeLoadDataDir, removeLoadDataDir, type LoadDataDir} from './server';
import {allTargets, DEBIAN_NOFILE, type Target, type Version} from './targets';

const args = process.argv.slice(2);
const multi = (name: string) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const opt = (name: string) => multi(name)[0];
const onlies = multi('only');
const versions = (multi('version').length ? multi('version') : ['2.3', '2.4']) as Version[];
const HOLD_S = Number(opt('hold') ?? 10);
const OUT = opt('out') ?? 'data/loadcheck/results.json';
const OPEN_TIMEOUT_MS = 30_000;
/** The run stops when the host's available memory falls below this: the machine is shared. */
const MIN_AVAILABLE_MIB = 3072;
/** Dovecot and the clients run at this nice value, ahead of other jobs on the shared machine. */
const NICE = -20;

const cleanups: (() => void)[] = [];
function cleanupAll(): void {
  killAllTrees();
  for (const c of cleanups.splice(0)) {
    try {
      c();
    } catch {
      // best effort
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping every master and removing temporary files`);
    cleanupAll();
    process.exit(130);
  });
}
process.on('uncaughtException', (e) => {
  console.error(e);
  cleanupAll();
  process.exit(1);
});
process.on('exit', () => killAllTrees());

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function claimShort(t: Target): string {
  const c = t.ran;
  return `${c.sessions} sessions ${Math.round(c.tlsPercent)}% TLS ${c.loginsPerS}/s`;
}

function line(run: LoadRun): string {
  const f = run.figures;
  const p99 = f.latencyMs.p99 === null ? '–' : `${Math.round(f.latencyMs.p99)} ms`;
  const head = `${outcomeText(run).padEnd(28)} ${run.id.padEnd(44)} ${claimShort(run as unknown as Target).padEnd(32)} ${String(f.peakProcesses).padStart(5)} processes  p99 ${p99}`;
  const why = run.reasons.map((r) => `${r.check}: ${r.lines?.[0] ?? r.message}`).join(' | ');
  return why ? `${head}  ${why.slice(0, 300)}` : head;
}

function readExisting(): LoadCheckResults | null {
  if (!existsSync(OUT)) return null;
  try {
    return JSON.parse(readFileSync(OUT, 'utf8')) as LoadCheckResults;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  let targets = allTargets(versions);
  if (onlies.length) targets = targets.filter((t) => onlies.some((s) => t.id.includes(s)));
  if (args.includes('--list')) {
    for (const t of targets) {
      const exp = t.expect.pass ? 'must hold' : `must fail: ${t.expect.check}`;
      console.log(`${t.id.padEnd(44)} ${claimShort(t).padEnd(32)} ${exp}${t.scaled ? `  (scaled: ${t.scaled.why})` : ''}`);
    }
    return;
  }
  if (process.getuid?.() !== 0) {
    console.error('npm run loadcheck needs root (cgroups, PID namespaces, chroot for Dovecot 2.4, the inotify limit).');
    process.exit(1);
  }
  const builds: Record<Version, string | null> = {'2.3': dovecotVersion('2.3'), '2.4': dovecotVersion('2.4')};
  for (const v of versions) {
    if (!builds[v]) {
      console.error(`Dovecot ${v} is missing (see scripts/setup-system.sh)`);
      process.exit(1);
    }
  }
  const host = prepareHost(Math.max(...targets.map((t) => t.ran.sessions), 0));
  cleanups.push(() => host.restore());
  for (const r of host.raised) console.log(`host: ${r}`);
  const cgroupRoot = cgroup2Root();
  const dirs = new Map<Version, LoadDataDir>();
  for (const v of versions) {
    const need = Math.max(0, ...targets.filter((t) => t.version === v).map((t) => t.ran.sessions));
    if (need === 0) continue;
    const d = makeLoadDataDir(v, need);
    dirs.set(v, d);
    cleanups.push(() => removeLoadDataDir(d));
  }

  const previous = onlies.length || versions.length < 2 ? readExisting() : null;
  const runs: LoadRun[] = [];
  let n = 0;
  for (const t of targets) {
    n++;
    const d = dirs.get(t.version)!;
    const nofile = Math.min(t.nofile, host.hardNofile);
    const o: CheckOptions = {
      holdS: HOLD_S,
      nofile,
      ...(t.tasksMax !== undefined ? {tasksMax: t.tasksMax} : {}),
      cpus: '0-1',
      nice: NICE,
      cgroupRoot,
      minAvailableMiB: MIN_AVAILABLE_MIB,
      openTimeoutMs: OPEN_TIMEOUT_MS,
      progress: process.stderr.isTTY ? (l) => process.stderr.write(`\r${l.slice(0, 120).padEnd(120)}`) : undefined,
    };
    const r = await runLoadCheck(d, `run-${n}`, t.config, t.ran, o);
    if (process.stderr.isTTY) process.stderr.write(`\r${' '.repeat(120)}\r`);
    const passed = r.verdict.pass;
    const scaledNotes = [t.scaled?.why, nofile < t.nofile ? `the master ran with ulimit -n ${nofile} (this machine's hard limit) instead of ${t.nofile}` : undefined].filter(Boolean);
    const run: LoadRun = {
      id: t.id,
      kind: t.kind,
      title: t.title,
      version: t.version,
      build: builds[t.version] ?? 'unknown',
      ranAt: new Date().toISOString(),
      source: t.source,
      claim: t.claim,
      ran: t.ran,
      ...(scaledNotes.length ? {scaled: {factor: t.scaled?.factor ?? 1, why: scaledNotes.join('; ')}} : {}),
      expect: t.expect,
      config: t.config,
      nofile,
      ...(t.tasksMax !== undefined ? {tasksMax: t.tasksMax} : {}),
      passed,
      asExpected: meetsExpectation(t.expect, passed, r.verdict.reasons),
      reasons: r.verdict.reasons,
      figures: {
        started: r.client.started,
        loggedIn: r.client.loggedIn,
        held: r.client.held,
        peakProcesses: r.peakProcesses,
        peakByService: r.peakByService,
        latencyMs: {p50: r.client.latencyMs.p50, p95: r.client.latencyMs.p95, p99: r.client.latencyMs.p99, max: r.client.latencyMs.max},
        rampS: r.rampS,
        durationS: r.durationS,
        peakRssMiB: r.peakRssMiB,
        heldPssMiB: r.heldPssMiB,
        hostMemMiB: r.hostMemMiB,
        tlsProtocol: r.tlsProtocol,
      },
      replaced: r.replaced,
    };
    runs.push(run);
    console.log(`[${n}/${targets.length}] ${line(run)}`);
    // after every run, so an interrupted full run keeps what it measured (rerun the rest with --only)
    writeResults(runs, builds, host.raised, previous);
  }

  const bad = runs.filter((r) => !r.asExpected);
  console.log(`\nwrote ${OUT}: ${runs.length} runs, ${runs.length - bad.length} as expected, ${bad.length} not`);
  for (const r of bad) console.log(`  not as expected: ${r.id} (${describeClaim(r.ran)})`);
  process.exitCode = bad.length ? 1 : 0;
}

/** Writes OUT: these runs, over the previous file's runs of other targets when only some ran. */
function writeResults(runs: LoadRun[], builds: Record<Version, string | null>, hostRaised: string[], previous: LoadCheckResults | null): void {
  const cpu = cpus();
  const ids = new Set(runs.map((r) => r.id));
  const merged = [...(previous?.runs ?? []).filter((r) => !ids.has(r.id)), ...runs];
  const order = new Map(allTargets(['2.3', '2.4']).map((t, i) => [t.id, i]));
  merged.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  const out: LoadCheckResults = {
    schema: 1,
    generatedAt: new Date().toISOString(),
    command: `npm run loadcheck${args.length ? ` -- ${args.join(' ')}` : ''}`,
    machine: {cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)), kernel: release(), os: osName(), node: process.version},
    builds: {'2.3': builds['2.3'], '2.4': builds['2.4']},
    rules: {
      loginP99BoundMs: LOGIN_P99_BOUND_MS,
      holdS: HOLD_S,
      openTimeoutMs: OPEN_TIMEOUT_MS,
      defaultNofile: DEBIAN_NOFILE,
      hostRaised,
      limits: [
        'every session logs in and reaches IDLE, and is still served (DONE answered) at the end of the hold',
        'no log line with "reached" or "Connection queue full"',
        'no "Timeout waiting for handshake response" (stats) and no failed net_connect_unix',
        'no fd warning and no "Too many open files"',
        `login latency p99 at most ${LOGIN_P99_BOUND_MS} ms`,
        'no more processes of a service than its process_limit, nor in all than the TasksMax the config comes with',
        'no other warning or error in the log, and none from doveconf',
      ],
    },
    runs: merged,
  };
  mkdirSync(dirname(OUT), {recursive: true});
  writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
