/**
 * One load check: start a real master with the config under test, open the claimed sessions at
 * the claimed rate and hold them, watch the processes and the log, stop everything, judge.
 * Never throws for a Dovecot failure: the result says why it failed.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {getPriority, setPriority} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseConfig} from '../../src/lib/dovecot/conf';
import {resolveConfigServices} from '../../src/lib/dovecot/rules';
import type {LoadClaim} from '../../src/lib/loadcheck/claim';
import {classifyLog, judge, type ClientSide, type Limits, type LogFindings, type Verdict} from '../../src/lib/loadcheck/verdict';
import {freePort, startTree, stopTree, treeAlive, waitForGreeting, type Tree} from '../measure/proc';
import {sig} from '../../src/lib/measured/stats';
import {availableMiB, PeakTracker, sampleTree, treePssKiB} from './observe';
import {assembleConfig, doveconfCheck, listenerNames, masterArgv, runStateDir, type LoadDataDir} from './server';
import {SessionHolder} from './sessions';

export type CheckOptions = {
  /** Seconds to hold every session open once all are idling. */
  holdS: number;
  /** ulimit -n of the master (the config's LimitNOFILE; Debian's dovecot.service sets 65535). */
  nofile: number;
  /** TasksMax the config comes with, if any. */
  tasksMax?: number;
  /** CPUs the master may use (taskset list). */
  cpus: string;
  /**
   * Scheduling priority of the master's tree and of the clients (nice value; root only), for the
   * processes and for their autogroups: with sched_autogroup the kernel first shares the CPUs
   * between sessions, so a process's own nice value alone counts only within its session. The
   * machine is shared with other jobs; a negative value makes it behave more like a dedicated
   * server, where logins do not queue behind unrelated work.
   */
  nice: number;
  cgroupRoot: string | null;
  /** Stop the run when the host's available memory falls below this (MiB). */
  minAvailableMiB: number;
  openTimeoutMs: number;
  /** Called about every 200 ms with a progress line (optional). */
  progress?: (line: string) => void;
};

export type CheckResult = {
  verdict: Verdict;
  client: ClientSide;
  peakProcesses: number;
  peakByService: Record<string, number>;
  peakRssMiB: number | null;
  /** Sum of PSS over the tree once every session was open. */
  heldPssMiB: number | null;
  /** How far the host's available memory fell from before the master started. */
  hostMemMiB: number | null;
  log: LogFindings;
  doveconfStderr: string;
  limits: Limits;
  /** ulimit -n the master actually ran with. */
  nofile: number;
  tlsProtocol: string | null;
  rampS: number;
  durationS: number;
  /** Settings of the config under test that the harness replaced (paths, listeners, passdb). */
  replaced: string[];
};

/** Effective process_limit of every enabled service of the assembled config (the project's model of doveconf, tested against it). */
export function limitsOf(version: '2.3' | '2.4', text: string, tasksMax?: number): Limits {
  const processLimit: Record<string, number> = {};
  for (const s of resolveConfigServices(version, parseConfig(text).tree, {cpuCount: 2})) {
    if (s.enabled) processLimit[s.name] = s.process_limit;
  }
  return {processLimit, ...(tasksMax !== undefined ? {tasksMax} : {})};
}

/** Set the nice value of a process's autogroup (its session); returns the old one, or null. */
export function setAutogroupNice(pid: number | 'self', nice: number): number | null {
  const path = `/proc/${pid}/autogroup`;
  try {
    const was = Number(/nice (-?\d+)/.exec(readFileSync(path, 'utf8'))?.[1]);
    writeFileSync(path, String(nice));
    return Number.isFinite(was) ? was : null;
  } catch {
    return null;
  }
}

export async function runLoadCheck(d: LoadDataDir, run: string, configText: string, claim: LoadClaim, o: CheckOptions): Promise<CheckResult> {
  const t0 = Date.now();
  const ports: Record<string, number> = {};
  const used = new Set<number>();
  for (const name of listenerNames(d.version)) {
    let p = await freePort();
    while (used.has(p)) p = await freePort();
    used.add(p);
    ports[name] = p;
  }
  const {text, removed} = assembleConfig(d, run, configText, claim, ports);
  const conf = `${run}.conf`;
  writeFileSync(join(d.host, conf), text);
  mkdirSync(join(d.host, runStateDir(run)), {recursive: true});
  const limits = limitsOf(d.version, text, o.tasksMax);
  const dc = doveconfCheck(d, conf);
  const logPath = join(d.host, `${run}.log`);
  const holder = new SessionHolder({
    host: '127.0.0.1',
    plainPort: ports.imap,
    tlsPort: ports.imaps,
    ca: d.certPem,
    users: d.users.map((u) => ({name: u.name, password: u.password})),
    sessions: claim.sessions,
    tlsPercent: claim.tlsPercent,
    loginsPerS: claim.loginsPerS,
    openTimeoutMs: o.openTimeoutMs,
  });
  const peaks = new PeakTracker();
  let tree: Tree | null = null;
  let runError: string | undefined;
  let heldPss: number | null = null;
  let rampS = 0;
  const avail0 = availableMiB();
  let availMin = avail0;
  const priority0 = getPriority();
  const autogroup0 = setAutogroupNice('self', o.nice);
  try {
    setPriority(o.nice);
    if (dc.status !== 0) throw new Error(`doveconf refused the config: ${dc.stderr.split('\n').slice(-2).join(' | ')}`);
    tree = startTree(`loadcheck ${run}`, ['nice', '-n', String(o.nice), ...masterArgv(d, conf)], {cpus: o.cpus, nofile: o.nofile, cgroupRoot: o.cgroupRoot});
    const t = tree;
    // The tree runs in a session of its own (a detached spawn): its autogroup needs the priority too.
    setAutogroupNice(t.pgid, o.nice);
    const early = t.exited.then((code) => {
      throw new Error(`master exited (code ${code}): ${t.stderr.slice(-3).join(' | ')}`);
    });
    early.catch(() => undefined);
    await Promise.race([waitForGreeting(ports.imap, '* OK', 20_000), early]);
    let last = 0;
    const tick = (): string | null => {
      if (!treeAlive(t)) return 'the master stopped during the run';
      const now = Date.now();
      if (now - last < 500) return null;
      last = now;
      peaks.add(sampleTree(t));
      const avail = availableMiB();
      availMin = Math.min(availMin, avail);
      o.progress?.(`${run}: ${holder.idlingNow}/${claim.sessions} idling, ${peaks.peakProcesses} processes, host ${avail} MiB available`);
      if (avail < o.minAvailableMiB) return `stopped: the host had only ${avail} MiB available (floor ${o.minAvailableMiB} MiB)`;
      return null;
    };
    const rampStart = Date.now();
    const aborted = await holder.open(tick);
    rampS = (Date.now() - rampStart) / 1000;
    if (aborted) throw new Error(aborted);
    const holdUntil = Date.now() + o.holdS * 1000;
    let pssTaken = false;
    while (Date.now() < holdUntil) {
      const a = tick();
      if (a) throw new Error(a);
      if (!pssTaken && Date.now() > holdUntil - (o.holdS * 1000) / 2) {
        heldPss = treePssKiB(t) / 1024;
        pssTaken = true;
      }
      await sleep(200);
    }
    peaks.add(sampleTree(t));
    await holder.release();
  } catch (e) {
    runError = e instanceof Error ? e.message : String(e);
  } finally {
    setPriority(priority0);
    if (autogroup0 !== null) setAutogroupNice('self', autogroup0);
    holder.destroyAll();
    if (tree) {
      await stopTree(tree, 'dovecot');
      if (treeAlive(tree)) runError = `${runError ? `${runError}; ` : ''}processes left after stop`;
    }
  }
  let logText = '';
  try {
    logText = readFileSync(logPath, 'utf8');
  } catch {
    // the master never wrote one
  }
  const log = classifyLog(logText);
  const client = holder.result();
  const procs = {peakProcesses: peaks.peakProcesses, peakByService: peaks.byServiceRecord()};
  const verdict = judge(claim, client, procs, log, limits, runError);
  if (dc.stderr && dc.status === 0) verdict.reasons.push({check: 'log', message: 'doveconf printed warnings', lines: dc.stderr.split('\n').slice(0, 4)});
  verdict.pass = verdict.reasons.length === 0;
  return {
    verdict,
    client,
    peakProcesses: peaks.peakProcesses,
    peakByService: procs.peakByService,
    peakRssMiB: peaks.samples ? sig(peaks.peakRssKiB / 1024) : null,
    heldPssMiB: heldPss === null ? null : sig(heldPss),
    hostMemMiB: peaks.samples ? Math.max(0, avail0 - availMin) : null,
    log,
    doveconfStderr: dc.stderr,
    limits,
    nofile: o.nofile,
    tlsProtocol: holder.tlsProtocol,
    rampS: sig(rampS),
    durationS: sig((Date.now() - t0) / 1000),
    replaced: removed,
  };
}
