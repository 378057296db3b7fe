/**
 * Opens N IMAP sessions at a given rate and holds them open, the way mail clients sit on a server:
 *   connect -> [implicit TLS] -> greeting -> LOGIN -> SELECT INBOX -> IDLE (held)
 * then, at the end of the hold, DONE (must get its tagged OK: the session survived) and LOGOUT.
 * Session i uses user i (one session per user, so `mail_max_userip_connections` never counts).
 * Login latency is connect start -> tagged OK of LOGIN. Node's net and tls only.
 */
import net from 'node:net';
import tls from 'node:tls';
import {ResponseReader} from '../measure/loadgen';
import {latencySummary, sig} from '../../src/lib/measured/stats';
import {isTlsSession} from '../../src/lib/loadcheck/claim';
import type {ClientSide} from '../../src/lib/loadcheck/verdict';

export type HoldOptions = {
  host: string;
  plainPort: number;
  tlsPort: number;
  /** PEM of the server certificate, trusted as the only CA. */
  ca: string;
  users: {name: string; password: string}[];
  sessions: number;
  tlsPercent: number;
  loginsPerS: number;
  /** A session that has not reached IDLE after this long counts as failed. */
  openTimeoutMs: number;
};

type Session = {
  i: number;
  sock: net.Socket | null;
  reader: ResponseReader;
  idling: boolean;
  dropped: boolean;
};

class Failure extends Error {
  constructor(
    readonly kind: string,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export class SessionHolder {
  private sessions: Session[] = [];
  private latencies: number[] = [];
  private failures: Record<string, number> = {};
  private samples: string[] = [];
  private loggedIn = 0;
  private idling = 0;
  private held = 0;
  private started = 0;
  private stopped = false;
  tlsProtocol: string | null = null;

  constructor(private readonly o: HoldOptions) {
    if (o.users.length < o.sessions) throw new Error(`SessionHolder: ${o.sessions} sessions need as many users (have ${o.users.length})`);
  }

  private fail(kind: string, detail: string): void {
    this.failures[kind] = (this.failures[kind] ?? 0) + 1;
    if (this.samples.length < 8) this.samples.push(`${kind}: ${detail}`.slice(0, 240));
  }

  /** Sessions that reached IDLE so far. */
  get idlingNow(): number {
    return this.idling;
  }

  get startedNow(): number {
    return this.started;
  }

  /**
   * Start every session on schedule (session i at i / rate seconds) and resolve when each one is
   * idling or has failed. `onTick` runs about every 200 ms (sampling); returning a string aborts.
   */
  async open(onTick?: () => string | null): Promise<string | null> {
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    let aborted: string | null = null;
    for (let i = 0; i < this.o.sessions && !aborted; i++) {
      const due = t0 + (i * 1000) / this.o.loginsPerS;
      while (performance.now() < due && !aborted) {
        await new Promise((r) => setTimeout(r, Math.min(200, Math.max(1, due - performance.now()))));
        aborted = onTick?.() ?? null;
      }
      if (aborted) break;
      pending.push(this.openOne(i));
    }
    const all = Promise.all(pending);
    let done = false;
    void all.then(() => (done = true));
    while (!done && !aborted) {
      await new Promise((r) => setTimeout(r, 200));
      aborted = onTick?.() ?? null;
    }
    if (aborted) this.stopped = true;
    return aborted;
  }

  /** Every socket ever opened, so that none outlives the run (a timed-out connect included). */
  private readonly sockets = new Set<net.Socket>();

  private connect(i: number, useTls: boolean): Promise<net.Socket> {
    const {host, plainPort, tlsPort, ca} = this.o;
    return new Promise((resolve, reject) => {
      const s = useTls ? tls.connect({host, port: tlsPort, ca: [ca], servername: 'localhost'}) : net.connect({host, port: plainPort});
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
      // A socket must always have an error listener: a reset after a timeout is not a crash.
      s.on('error', () => undefined);
      s.setNoDelay(true);
      const onError = (e: Error) => {
        s.destroy();
        reject(new Failure(useTls ? 'tls' : 'connect', `session ${i}: ${e.message}`));
      };
      s.once('error', onError);
      s.once(useTls ? 'secureConnect' : 'connect', () => {
        s.removeListener('error', onError);
        if (useTls && this.tlsProtocol === null) this.tlsProtocol = (s as tls.TLSSocket).getProtocol();
        if (this.stopped) s.destroy();
        resolve(s);
      });
    });
  }

  private async openOne(i: number): Promise<void> {
    this.started++;
    const useTls = isTlsSession(i, this.o.tlsPercent);
    const user = this.o.users[i];
    const reader = new ResponseReader();
    const s: Session = {i, sock: null, reader, idling: false, dropped: false};
    this.sessions.push(s);
    const t0 = performance.now();
    let timer: NodeJS.Timeout | null = null;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Failure('timeout', `session ${i} not idling after ${this.o.openTimeoutMs} ms`)), this.o.openTimeoutMs);
    });
    let failed = false;
    const connecting = this.connect(i, useTls);
    // A connection that completes after the session already failed is closed at once.
    connecting.then(
      (sock) => failed && sock.destroy(),
      () => undefined,
    );
    try {
      const sock = await Promise.race([connecting, timeout]);
      s.sock = sock;
      sock.on('data', (d: Buffer) => reader.feed(d));
      sock.on('error', (e) => reader.close(new Failure('closed', e.message)));
      sock.on('close', () => {
        reader.close(new Failure('closed', 'connection closed'));
        if (s.idling && !this.stopped) s.dropped = true;
      });
      const expect = async (tag: string, kind: string) => {
        const line = await Promise.race([reader.wait((l) => l.startsWith(`${tag} `)), timeout]);
        if (!line.startsWith(`${tag} OK`)) throw new Failure(kind, line.slice(0, 160));
      };
      const greeting = await Promise.race([reader.wait((l) => l.startsWith('* ')), timeout]);
      if (!greeting.startsWith('* OK')) throw new Failure('greeting', greeting.slice(0, 160));
      sock.write(`a LOGIN ${quote(user.name)} ${quote(user.password)}\r\n`);
      await expect('a', 'login');
      this.loggedIn++;
      this.latencies.push(performance.now() - t0);
      sock.write('b SELECT INBOX\r\n');
      await expect('b', 'select');
      sock.write('c IDLE\r\n');
      const cont = await Promise.race([reader.wait((l) => l.startsWith('+ ') || l.startsWith('c ')), timeout]);
      if (!cont.startsWith('+ ')) throw new Failure('idle', cont.slice(0, 160));
      s.idling = true;
      this.idling++;
    } catch (e) {
      failed = true;
      const f = e instanceof Failure ? e : new Failure('closed', e instanceof Error ? e.message : String(e));
      this.fail(f.kind, f.message);
      s.sock?.destroy();
      s.sock = null;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /**
   * End the hold: every idling session sends DONE and must get its tagged OK (it is still served),
   * then LOGOUT. Sessions dropped while held, or not answering, count as failed.
   */
  async release(timeoutMs = 15_000): Promise<void> {
    this.stopped = true;
    const alive = this.sessions.filter((s) => s.idling && s.sock);
    const one = async (s: Session): Promise<void> => {
      if (s.dropped || !s.sock || s.sock.destroyed) {
        this.fail('dropped', `session ${s.i} closed while idling${s.reader.bye ? ` (${s.reader.bye.slice(0, 120)})` : ''}`);
        return;
      }
      try {
        s.sock.write('DONE\r\n');
        const line = await s.reader.wait((l) => l.startsWith('c '));
        if (!line.startsWith('c OK')) throw new Failure('idle', line.slice(0, 160));
        this.held++;
        s.sock.write('z LOGOUT\r\n');
      } catch (e) {
        this.fail(e instanceof Failure ? e.kind : 'dropped', `session ${s.i}: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    // Release in batches so the server's processes exit without a thundering herd.
    const batch = 200;
    const deadline = Date.now() + timeoutMs;
    for (let k = 0; k < alive.length; k += batch) {
      const part = alive.slice(k, k + batch).map(one);
      const left = Math.max(1000, deadline - Date.now());
      await Promise.race([Promise.all(part), new Promise((r) => setTimeout(r, left))]);
    }
    await new Promise((r) => setTimeout(r, 300));
    this.destroyAll();
  }

  destroyAll(): void {
    this.stopped = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  result(): ClientSide {
    const lat = latencySummary(this.latencies);
    const n = (x: number) => (Number.isFinite(x) ? sig(x) : null);
    return {
      started: this.started,
      loggedIn: this.loggedIn,
      idling: this.idling,
      held: this.held,
      failures: {...this.failures},
      failureSamples: [...this.samples],
      latencyMs: {p50: n(lat.p50), p95: n(lat.p95), p99: n(lat.p99), max: n(lat.max), n: lat.n},
    };
  }
}
