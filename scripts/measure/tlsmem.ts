/**
 * Memory per TLS session in a high-performance login process. Dovecot runs with one imap-login
 * process (service_count/restart_request_count unlimited, process_limit 1), so every session
 * lands in it; the harness logs in more and more imaps clients that stay connected, each one a
 * TLS session the login process keeps proxying to its imap process, and after each step reads
 * the login process's RSS, PSS and VSZ. The slope over the steps is what one session costs.
 */
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {slope, type TlsMemoryPoint, type TlsMemorySection, type TlsMemoryServer} from '../../src/lib/measured/results';
import {dovecotVersion, modeExcerpt, type TestUser} from './dovecot';
import {DovecotServer, type HarnessOptions, type Mode} from './harness';
import {holdSession, type Held} from './holder';
import {LoadRecorder} from './load';
import {procInfo, pssKiB, stopTree, treePids, waitForGreeting} from './proc';

export const STEPS = [0, 25, 50, 100, 150];

function vszKiB(pid: number): number {
  try {
    return parseInt(/^VmSize:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '0', 10);
  } catch {
    return 0;
  }
}

/** One login process takes every session. */
const ONE_LOGIN_PROCESS = ['service imap-login {', '  process_limit = 1', '}'];

export async function measureTlsMemory(
  users: TestUser[],
  messages: number,
  o: HarnessOptions,
  command: string,
  onRun: (line: string) => void,
  register: (dispose: () => void) => void,
): Promise<TlsMemorySection> {
  const t0 = Date.now();
  const load = new LoadRecorder();
  const servers: TlsMemoryServer[] = [];
  for (const v of ['2.3', '2.4'] as const) {
    const version = dovecotVersion(v);
    const id = v === '2.3' ? ('dovecot-2.3' as const) : ('dovecot-2.4' as const);
    if (!version) continue;
    const mode: Mode = {id: `tlsmem-${v}`, server: id, tls: 'imaps', login: 'high-performance', imap: 'per-connection', authCache: false};
    const server = new DovecotServer(id, version, users, messages, o);
    register(() => server.dispose());
    server.extraSettings = ONE_LOGIN_PROCESS;
    const config = [modeExcerpt(v, mode), ...ONE_LOGIN_PROCESS].join('\n');
    const held: Held[] = [];
    const points: TlsMemoryPoint[] = [];
    let error: string | undefined;
    const s = await server.start(mode, `tlsmem-${v}`);
    try {
      await waitForGreeting(s.plainPort, '* OK', 20_000);
      let u = 0;
      for (const target of STEPS) {
        while (held.length < target) {
          const batch = Math.min(10, target - held.length);
          const opened = await Promise.all(
            Array.from({length: batch}, () => {
              const user = users[u++ % users.length];
              return holdSession({host: '127.0.0.1', port: s.tlsPort, tls: true, ca: server.certPem, user: user.name, password: user.password, timeoutMs: 20_000});
            }),
          );
          held.push(...opened);
        }
        await sleep(1500);
        const logins = treePids(s.tree).filter((pid) => procInfo(pid)?.name === 'imap-login');
        const sum = (f: (pid: number) => number) => logins.reduce((a, pid) => a + f(pid), 0);
        points.push({sessions: target, rssKiB: sum((pid) => procInfo(pid)?.rssKiB ?? 0), pssKiB: sum(pssKiB), vszKiB: sum(vszKiB), loginProcesses: logins.length});
        load.sample();
        onRun(`[tls memory ${v}] ${target} sessions: imap-login RSS ${points.at(-1)!.rssKiB} KiB, PSS ${points.at(-1)!.pssKiB} KiB, VSZ ${points.at(-1)!.vszKiB} KiB in ${logins.length} process(es)`);
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      onRun(`[tls memory ${v}] FAILED: ${error}`);
    } finally {
      for (const h of held) h.close();
      await stopTree(s.tree, s.mainName);
      server.dispose();
    }
    const fit = (k: 'rssKiB' | 'pssKiB' | 'vszKiB') => {
      const v = slope(points.map((p) => ({x: p.sessions, y: p[k]})));
      return v === null ? null : Number(v.toPrecision(3));
    };
    servers.push({server: id, version, config, points, rssKiBPerSession: fit('rssKiB'), pssKiBPerSession: fit('pssKiB'), vszKiBPerSession: fit('vszKiB'), ...(error ? {error} : {})});
  }
  return {generatedAt: new Date().toISOString(), command, durationS: Math.round((Date.now() - t0) / 1000), conditions: load.conditions(), tls: 'implicit TLS (imaps), TLS 1.3, self-signed RSA 2048 certificate', servers};
}
