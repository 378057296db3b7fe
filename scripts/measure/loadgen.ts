/**
 * The load generator: C concurrent clients, each repeating one IMAP session
 *   connect -> [implicit TLS | STARTTLS] -> LOGIN -> SELECT INBOX
 *   -> FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)]) -> LOGOUT
 * with Node's net and tls only. Every session is bounded by a timeout, the whole run by a
 * duration and a maximum number of sessions. Login latency is connect start -> tagged OK of LOGIN.
 *
 * TLS: every connection makes a full handshake (no session resumption), verifying the
 * server's self-signed certificate against itself as the only CA, for the name "localhost".
 */
import net from 'node:net';
import tls from 'node:tls';

export type TlsMode = 'none' | 'imaps' | 'starttls';

export type LoadOptions = {
  host: string;
  /** Port of the plain listener (used for 'none' and 'starttls'). */
  port: number;
  /** Port of the implicit TLS listener (used for 'imaps'). */
  tlsPort: number;
  tls: TlsMode;
  /** PEM of the server certificate, trusted as the only CA. */
  ca?: string;
  users: {name: string; password: string}[];
  concurrency: number;
  /** Abort a session that takes longer than this. */
  sessionTimeoutMs?: number;
  /** Never start more sessions than this in total (a safety bound). */
  maxSessions?: number;
};

export type SessionError = 'connect' | 'tls' | 'greeting' | 'starttls' | 'login' | 'select' | 'fetch' | 'logout' | 'timeout' | 'closed';

type Window = {
  startedAt: number;
  logins: number;
  sessions: number;
  loginLatencyMs: number[];
  sessionMs: number[];
  errors: Partial<Record<SessionError, number>>;
  errorSamples: string[];
};

export type WindowResult = {
  durationS: number;
  logins: number;
  sessions: number;
  loginLatencyMs: number[];
  sessionMs: number[];
  errors: Partial<Record<SessionError, number>>;
  errorSamples: string[];
  /** CPU seconds the generator's own process used in the window (user + system). */
  generatorCpuS: number;
};

class SessionFailure extends Error {
  constructor(
    readonly kind: SessionError,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

/**
 * Reads IMAP responses from a stream: complete lines, with literals ({N} followed by N bytes)
 * skipped as part of the line they belong to. Only what a load generator needs: the greeting,
 * tagged completions, and whether a BYE arrived.
 */
export class ResponseReader {
  /** Unprocessed bytes, starting at the beginning of the current logical line. */
  private buf: Buffer = Buffer.alloc(0);
  /** How far into buf the current logical line has been scanned. */
  private pos = 0;
  /** Bytes of a literal still to skip. */
  private literalLeft = 0;
  private waiters: {match: (line: string) => boolean; resolve: (line: string) => void; reject: (e: Error) => void}[] = [];
  private closedError: Error | null = null;
  bye: string | null = null;

  feed(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (this.literalLeft > 0) {
        const take = Math.min(this.literalLeft, this.buf.length - this.pos);
        this.pos += take;
        this.literalLeft -= take;
        if (this.literalLeft > 0) return;
      }
      const nl = this.buf.indexOf('\r\n', this.pos, 'latin1');
      if (nl < 0) return;
      const segment = this.buf.toString('latin1', this.pos, nl);
      this.pos = nl + 2;
      const lit = /\{(\d+)\+?\}$/.exec(segment);
      if (lit) {
        this.literalLeft = Number(lit[1]);
        continue;
      }
      // A whole logical line ends here; its first segment is what callers match on.
      const firstEnd = this.buf.indexOf('\r\n', 0, 'latin1');
      const first = this.buf.toString('latin1', 0, Math.min(firstEnd, 300));
      this.buf = this.buf.subarray(this.pos);
      this.pos = 0;
      this.onLine(first);
    }
  }

  private onLine(line: string): void {
    if (line.startsWith('* BYE')) this.bye = line;
    const i = this.waiters.findIndex((w) => w.match(line));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      w.resolve(line);
    }
  }

  /** Resolves with the first following line for which match() is true. */
  wait(match: (line: string) => boolean): Promise<string> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => this.waiters.push({match, resolve, reject}));
  }

  close(err: Error): void {
    this.closedError = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }
}

const taggedMatcher = (tag: string) => (line: string) => line.startsWith(`${tag} `);

async function expectOk(reader: ResponseReader, tag: string, kind: SessionError): Promise<void> {
  const line = await reader.wait(taggedMatcher(tag));
  if (!line.startsWith(`${tag} OK`)) throw new SessionFailure(kind, line.slice(0, 160));
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function connectPlain(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({host, port});
    s.setNoDelay(true);
    s.once('connect', () => {
      s.removeListener('error', reject);
      resolve(s);
    });
    s.once('error', (e) => reject(new SessionFailure('connect', e.message)));
  });
}

function connectTls(opts: {host: string; port?: number; socket?: net.Socket; ca?: string}): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({
      host: opts.host,
      port: opts.port,
      socket: opts.socket,
      ca: opts.ca ? [opts.ca] : undefined,
      servername: 'localhost',
      rejectUnauthorized: opts.ca !== undefined,
    });
    s.setNoDelay(true);
    s.once('secureConnect', () => {
      s.removeListener('error', reject);
      resolve(s);
    });
    s.once('error', (e) => reject(new SessionFailure(opts.socket ? 'starttls' : 'tls', e.message)));
  });
}

/** What the first TLS connection negotiated, for the results file. */
export type TlsInfo = {protocol: string | null; cipher: string; bits?: number; certKey?: string};

export class LoadGenerator {
  private running = false;
  private started = 0;
  private userIndex = 0;
  private win: Window = LoadGenerator.emptyWindow();
  private cpuAtWindow = process.cpuUsage();
  private loops: Promise<void>[] = [];
  private sockets = new Set<net.Socket>();
  tlsInfo: TlsInfo | null = null;

  constructor(private readonly o: LoadOptions) {
    if (o.users.length === 0) throw new Error('LoadGenerator: no users');
    if (!(o.concurrency >= 1)) throw new Error('LoadGenerator: concurrency must be at least 1');
  }

  private static emptyWindow(): Window {
    return {startedAt: performance.now(), logins: 0, sessions: 0, loginLatencyMs: [], sessionMs: [], errors: {}, errorSamples: []};
  }

  /** Start C client loops; they run until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.resetWindow();
    for (let i = 0; i < this.o.concurrency; i++) this.loops.push(this.loop());
  }

  /** Begin a new measuring window (counters and latencies start from zero). */
  resetWindow(): void {
    this.win = LoadGenerator.emptyWindow();
    this.cpuAtWindow = process.cpuUsage();
  }

  /** Counters of the current window, without stopping it. */
  window(): WindowResult {
    const cpu = process.cpuUsage(this.cpuAtWindow);
    return {
      durationS: (performance.now() - this.win.startedAt) / 1000,
      logins: this.win.logins,
      sessions: this.win.sessions,
      loginLatencyMs: [...this.win.loginLatencyMs],
      sessionMs: [...this.win.sessionMs],
      errors: {...this.win.errors},
      errorSamples: [...this.win.errorSamples],
      generatorCpuS: (cpu.user + cpu.system) / 1e6,
    };
  }

  /** Logins completed in the current window so far. */
  get logins(): number {
    return this.win.logins;
  }

  /** Stop starting sessions; let running ones finish for up to graceMs, then cut them. */
  async stop(graceMs = 3000): Promise<void> {
    this.running = false;
    const all = Promise.all(this.loops);
    const timer = new Promise<void>((r) => setTimeout(r, graceMs).unref());
    await Promise.race([all, timer]);
    for (const s of this.sockets) s.destroy();
    await all;
    this.loops = [];
  }

  private nextUser(): {name: string; password: string} {
    const u = this.o.users[this.userIndex % this.o.users.length];
    this.userIndex++;
    return u;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      if (this.o.maxSessions !== undefined && this.started >= this.o.maxSessions) {
        this.running = false;
        break;
      }
      this.started++;
      const win = this.win;
      try {
        await this.session(win);
      } catch (e) {
        const kind = e instanceof SessionFailure ? e.kind : 'closed';
        win.errors[kind] = (win.errors[kind] ?? 0) + 1;
        if (win.errorSamples.length < 5) win.errorSamples.push(e instanceof Error ? e.message.slice(0, 200) : String(e));
        // Back off a little so a refusing server is not hammered in a tight loop.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  private async session(win: Window): Promise<void> {
    const {host, tls: mode, ca} = this.o;
    const user = this.nextUser();
    const t0 = performance.now();
    const reader = new ResponseReader();
    let sock: net.Socket | null = null;
    const timeout = setTimeout(() => sock?.destroy(new SessionFailure('timeout', `session over ${this.o.sessionTimeoutMs ?? 10_000} ms`)), this.o.sessionTimeoutMs ?? 10_000);
    const attach = (s: net.Socket) => {
      sock = s;
      this.sockets.add(s);
      s.on('data', (d: Buffer) => reader.feed(d));
      s.on('error', (e) => reader.close(e instanceof SessionFailure ? e : new SessionFailure('closed', e.message)));
      s.on('close', () => reader.close(new SessionFailure('closed', 'connection closed')));
    };
    try {
      if (mode === 'imaps') {
        const s = await connectTls({host, port: this.o.tlsPort, ca});
        this.noteTls(s);
        attach(s);
      } else {
        const plain = await connectPlain(host, this.o.port);
        attach(plain);
        if (mode === 'starttls') {
          await reader.wait((l) => l.startsWith('* '));
          plain.write('s STARTTLS\r\n');
          await expectOk(reader, 's', 'starttls');
          plain.removeAllListeners('data');
          plain.removeAllListeners('close');
          plain.removeAllListeners('error');
          const reader2 = new ResponseReader();
          const s = await connectTls({host, socket: plain, ca});
          this.noteTls(s);
          this.sockets.add(s);
          s.on('data', (d: Buffer) => reader2.feed(d));
          s.on('error', (e) => reader2.close(new SessionFailure('closed', e.message)));
          s.on('close', () => reader2.close(new SessionFailure('closed', 'connection closed')));
          sock = s;
          await this.afterGreeting(s, reader2, user, t0, win, false);
          return;
        }
      }
      await this.afterGreeting(sock!, reader, user, t0, win, true);
    } finally {
      clearTimeout(timeout);
      const s = sock as net.Socket | null;
      if (s) {
        this.sockets.delete(s);
        s.destroy();
      }
    }
  }

  private async afterGreeting(s: net.Socket, reader: ResponseReader, user: {name: string; password: string}, t0: number, win: Window, needGreeting: boolean): Promise<void> {
    if (needGreeting) {
      const greeting = await reader.wait((l) => l.startsWith('* '));
      if (!greeting.startsWith('* OK')) throw new SessionFailure('greeting', greeting.slice(0, 160));
    }
    s.write(`a LOGIN ${quote(user.name)} ${quote(user.password)}\r\n`);
    await expectOk(reader, 'a', 'login');
    const tLogin = performance.now();
    if (win === this.win) {
      win.logins++;
      win.loginLatencyMs.push(tLogin - t0);
    }
    s.write('b SELECT INBOX\r\n');
    await expectOk(reader, 'b', 'select');
    s.write('c FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n');
    await expectOk(reader, 'c', 'fetch');
    s.write('d LOGOUT\r\n');
    await expectOk(reader, 'd', 'logout');
    if (win === this.win) {
      win.sessions++;
      win.sessionMs.push(performance.now() - t0);
    }
  }

  private noteTls(s: tls.TLSSocket): void {
    if (this.tlsInfo) return;
    const c = s.getCipher();
    const cert = s.getPeerCertificate();
    this.tlsInfo = {
      protocol: s.getProtocol(),
      cipher: c.standardName ?? c.name,
      bits: cert && 'bits' in cert ? (cert as {bits?: number}).bits : undefined,
      certKey: cert && 'asn1Curve' in cert && cert.asn1Curve ? `EC ${cert.asn1Curve}` : cert && 'bits' in cert ? `RSA ${(cert as {bits?: number}).bits}` : undefined,
    };
  }
}
