/**
 * Clients that log in and then stay connected, for the experiments that need many sessions open at
 * once (memory per TLS session, reconnecting after a reload): connect, [implicit TLS], wait for the
 * greeting, LOGIN, and hold the connection until told to close. Each held session remembers
 * whether the server closed it.
 */
import net from 'node:net';
import tls from 'node:tls';
import {ResponseReader} from './loadgen';

export type HoldOptions = {host: string; port: number; tls: boolean; ca?: string; user: string; password: string; timeoutMs: number};

export type Held = {
  socket: net.Socket;
  /** True once the server closed the connection (or it failed) while we held it. */
  closedByServer: boolean;
  close(): void;
};

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** One session, logged in; rejects with the reason when any step fails or takes longer than timeoutMs. */
export function holdSession(o: HoldOptions): Promise<Held> {
  return new Promise((resolve, reject) => {
    const reader = new ResponseReader();
    let settled = false;
    let closing = false;
    const held: Held = {
      socket: null as unknown as net.Socket,
      closedByServer: false,
      close() {
        closing = true;
        held.socket.destroy();
      },
    };
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      held.socket?.destroy();
      reject(new Error(why));
    };
    const timer = setTimeout(() => fail(`timeout after ${o.timeoutMs} ms`), o.timeoutMs);
    const sock = o.tls
      ? tls.connect({host: o.host, port: o.port, ca: o.ca ? [o.ca] : undefined, servername: 'localhost', rejectUnauthorized: o.ca !== undefined})
      : net.connect({host: o.host, port: o.port});
    held.socket = sock;
    sock.on('data', (d: Buffer) => reader.feed(d));
    sock.on('error', (e) => {
      reader.close(e);
      fail(e.message);
    });
    sock.on('close', () => {
      reader.close(new Error('closed'));
      if (settled && !closing) held.closedByServer = true;
      fail('connection closed');
    });
    (async () => {
      const greeting = await reader.wait((l) => l.startsWith('* '));
      if (!greeting.startsWith('* OK')) throw new Error(greeting.slice(0, 160));
      sock.write(`a LOGIN ${quote(o.user)} ${quote(o.password)}\r\n`);
      const line = await reader.wait((l) => l.startsWith('a '));
      if (!line.startsWith('a OK')) throw new Error(line.slice(0, 160));
    })().then(
      () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(held);
      },
      (e: Error) => fail(e.message),
    );
  });
}
