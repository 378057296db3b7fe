/**
 * `doveadm reload` with clients connected, in each login mode. N imaps clients log in and stay
 * connected; the harness runs `doveadm reload` and waits, counting the sessions the server
 * closed; then every client closes its connection and connects again at the same moment, as
 * after a restart or a network failure, retrying a failed attempt after 200 ms. Measured: how
 * long until all N are logged in again, their login latency from that moment, the forks per
 * second the master made (PID namespace), and the limit lines of the log.
 *
 * High-security mode gets a process_limit that holds every TLS session (each keeps its login
 * process), as a server with N TLS clients needs; high-performance mode keeps the defaults.
 */
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {ReloadMode, ReloadRun, ReloadSection} from '../../src/lib/measured/results';
import {latencySummary, sig} from '../../src/lib/measured/stats';
import {dovecotVersion, fileSize, modeExcerpt, readLogWindow, type TestUser} from './dovecot';
import {DovecotServer, type HarnessOptions, type Mode, type Started} from './harness';
import {holdSession, type Held} from './holder';
import {LoadRecorder} from './load';
import {namespaceInit, nsLastPid, stopTree, waitForGreeting} from './proc';
import {systemPaths} from '../system-check';

export const WAIT_AFTER_RELOAD_S = 10;

function readLogText(path: string, from: number): string {
  try {
    return readFileSync(path).subarray(from).toString('utf8');
  } catch {
    return '';
  }
}
const RETRY_MS = 200;
const DEADLINE_MS = 60_000;

function limits(login: Mode['login'], clients: number): string[] {
  return login === 'high-security' ? ['service imap-login {', `  process_limit = ${clients + 50}`, '}'] : [];
}

/**
 * `doveadm reload`, run inside the server's PID namespace: doveadm signals the PID in
 * base_dir/master.pid, which is the master's PID as seen from inside the namespace.
 */
function reloadCommand(server: DovecotServer, v: '2.3' | '2.4', conf: string, s: Started): string[] {
  const init = namespaceInit(s.tree);
  const inside = init === null ? [] : ['nsenter', '-t', String(init), '--pid', '--'];
  return v === '2.3'
    ? [...inside, 'doveadm', '-c', join(server.data.host, conf), 'reload']
    : [...inside, 'chroot', systemPaths.dovecot24Root, '/usr/bin/doveadm', '-c', `${server.data.inner}/${conf}`, 'reload'];
}

async function openAll(n: number, users: TestUser[], s: Started, ca: string, parallel: number): Promise<Held[]> {
  const held: Held[] = [];
  let u = 0;
  while (held.length < n) {
    const batch = Math.min(parallel, n - held.length);
    held.push(
      ...(await Promise.all(
        Array.from({length: batch}, () => {
          const user = users[u++ % users.length];
          return holdSession({host: '127.0.0.1', port: s.tlsPort, tls: true, ca, user: user.name, password: user.password, timeoutMs: 20_000});
        }),
      )),
    );
  }
  return held;
}

/** Every client at once; each retries until it is logged in or the deadline passes. */
async function reconnectAll(n: number, users: TestUser[], s: Started, ca: string): Promise<{times: number[]; failed: number; held: Held[]; missing: number}> {
  const t0 = performance.now();
  let failed = 0;
  const held: Held[] = [];
  const times: number[] = [];
  await Promise.all(
    Array.from({length: n}, async (_x, i) => {
      const user = users[i % users.length];
      while (performance.now() - t0 < DEADLINE_MS) {
        try {
          held.push(await holdSession({host: '127.0.0.1', port: s.tlsPort, tls: true, ca, user: user.name, password: user.password, timeoutMs: 15_000}));
          times.push(performance.now() - t0);
          return;
        } catch {
          failed++;
          await sleep(RETRY_MS);
        }
      }
    }),
  );
  return {times, failed, held, missing: n - times.length};
}

export async function measureReload(
  users: TestUser[],
  messages: number,
  o: HarnessOptions,
  clients: number,
  reps: number,
  command: string,
  onRun: (line: string) => void,
  register: (dispose: () => void) => void,
): Promise<ReloadSection> {
  const t0 = Date.now();
  const load = new LoadRecorder();
  const modes: (Omit<ReloadMode, 'server'> & {v: '2.3' | '2.4'; server: DovecotServer; mode: Mode})[] = [];
  for (const v of ['2.3', '2.4'] as const) {
    const version = dovecotVersion(v);
    const id = v === '2.3' ? ('dovecot-2.3' as const) : ('dovecot-2.4' as const);
    if (!version) continue;
    for (const login of ['high-security', 'high-performance'] as const) {
      const mode: Mode = {id: `reload-${v}-${login === 'high-security' ? 'hs' : 'hp'}`, server: id, tls: 'imaps', login, imap: 'per-connection', authCache: false};
      const server = new DovecotServer(id, version, users, messages, o);
      register(() => server.dispose());
      server.extraSettings = limits(login, clients);
      modes.push({id: mode.id, server, login, config: [modeExcerpt(v, mode), ...limits(login, clients)].join('\n'), runs: [], v, mode});
    }
  }
  let n = 0;
  for (let rep = 1; rep <= reps; rep++) {
    for (const m of modes) {
      n++;
      const run = `reload-${n}`;
      let s: Started | null = null;
      let held: Held[] = [];
      let result: ReloadRun;
      try {
        s = await m.server.start(m.mode, run);
        await waitForGreeting(s.plainPort, '* OK', 20_000);
        held = await openAll(clients, users, s, m.server.certPem, 10);
        load.sample();
        const [cmd, ...argv] = reloadCommand(m.server, m.v, `${run}.conf`, s);
        const log0 = s.logPath ? fileSize(s.logPath) : 0;
        const r = spawnSync(cmd, argv, {encoding: 'utf8'});
        if (r.status !== 0) throw new Error(`doveadm reload failed: ${r.stderr.trim()}`);
        await sleep(1000);
        if (s.logPath && !readLogText(s.logPath, log0).includes('SIGHUP received')) throw new Error('doveadm reload did not reach the master (no "SIGHUP received" in its log)');
        await sleep(WAIT_AFTER_RELOAD_S * 1000 - 1000);
        const closedByReload = held.filter((h) => h.closedByServer).length;
        for (const h of held) h.close();
        held = [];
        const init = o.pidNamespaces ? namespaceInit(s.tree) : null;
        const ns0 = init ? nsLastPid(init) : null;
        const herdLog0 = s.logPath ? fileSize(s.logPath) : 0;
        const again = await reconnectAll(clients, users, s, m.server.certPem);
        held = again.held;
        const ns1 = init ? nsLastPid(init) : null;
        const lat = latencySummary(again.times);
        const all = again.missing === 0 ? Math.max(...again.times) : null;
        const forks = ns0 !== null && ns1 !== null ? ns1 - ns0 - 1 : null;
        const window = s.logPath ? readLogWindow(s.logPath, herdLog0, null) : null;
        result = {
          rep,
          ok: again.missing === 0,
          ...(again.missing ? {error: `${again.missing} of ${clients} clients not logged in after ${DEADLINE_MS / 1000} s`} : {}),
          closedByReload,
          allLoggedInMs: all === null ? null : sig(all),
          latencyMs: {p50: sig(lat.p50), p95: sig(lat.p95), max: sig(lat.max)},
          failedAttempts: again.failed,
          forks,
          forksPerS: forks !== null && all ? sig(forks / (all / 1000)) : null,
          limitLines: window?.limitLines ?? [],
          errors: window?.errors ?? [],
        };
      } catch (e) {
        result = {rep, ok: false, error: (e instanceof Error ? e.message : String(e)).slice(0, 600), closedByReload: 0, allLoggedInMs: null, latencyMs: {p50: null, p95: null, max: null}, failedAttempts: 0, forks: null, forksPerS: null, limitLines: [], errors: []};
      } finally {
        for (const h of held) h.close();
        if (s) await stopTree(s.tree, s.mainName);
      }
      m.runs.push(result);
      onRun(`[reload ${n}/${modes.length * reps}] ${m.id} rep ${rep}: ${result.ok ? `${result.closedByReload} closed by the reload; all ${clients} back after ${result.allLoggedInMs} ms (p50 ${result.latencyMs.p50} ms), ${result.failedAttempts} failed attempts, ${result.forksPerS} forks/s` : `FAILED: ${result.error}`}`);
    }
  }
  for (const m of modes) m.server.dispose();
  return {
    generatedAt: new Date().toISOString(),
    command,
    durationS: Math.round((Date.now() - t0) / 1000),
    conditions: load.conditions(),
    clients,
    tls: 'imaps',
    waitAfterReloadS: WAIT_AFTER_RELOAD_S,
    modes: modes.map(({id, server, login, config, runs}) => ({id, server: server.id, login, config, runs})),
  };
}
