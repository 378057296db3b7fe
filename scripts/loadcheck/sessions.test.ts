/**
 * The session holder against a small scripted IMAP server on loopback: sessions that log in and
 * idle are held and released, a server that stalls makes timeouts (and a reset that arrives after
 * the timeout is not a crash), and a session the server closes while idling counts as dropped.
 */
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {SessionHolder} from './sessions';

type Behaviour = {stallUser?: string; dropUser?: string; resetStalledAfterMs?: number};

function fakeImap(b: Behaviour): Promise<{server: net.Server; port: number}> {
  const server = net.createServer((sock) => {
    sock.on('error', () => undefined);
    let user = '';
    let buf = '';
    sock.write('* OK fake ready\r\n');
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let nl: number;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const [tag, cmd, arg] = line.split(' ');
        if (cmd === 'LOGIN') {
          user = arg.replace(/"/g, '');
          if (user === b.stallUser) {
            if (b.resetStalledAfterMs) setTimeout(() => sock.resetAndDestroy(), b.resetStalledAfterMs);
            continue;
          }
          sock.write(`${tag} OK logged in\r\n`);
        } else if (cmd === 'SELECT') sock.write(`* 1 EXISTS\r\n${tag} OK [READ-WRITE] selected\r\n`);
        else if (cmd === 'IDLE') {
          sock.write('+ idling\r\n');
          if (user === b.dropUser) setTimeout(() => sock.end('* BYE going away\r\n'), 20);
        } else if (line === 'DONE') sock.write('c OK idle done\r\n');
        else if (cmd === 'LOGOUT') sock.end(`* BYE\r\n${tag} OK bye\r\n`);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, port: (server.address() as net.AddressInfo).port})));
}

const users = Array.from({length: 6}, (_, i) => ({name: `u${i}`, password: 'p'}));
let running: net.Server | null = null;
afterEach(() => {
  running?.close();
  running = null;
});

async function hold(b: Behaviour, openTimeoutMs = 2000) {
  const {server, port} = await fakeImap(b);
  running = server;
  const h = new SessionHolder({host: '127.0.0.1', plainPort: port, tlsPort: port, ca: '', users, sessions: 6, tlsPercent: 0, loginsPerS: 200, openTimeoutMs});
  await h.open();
  await new Promise((r) => setTimeout(r, 100));
  await h.release(2000);
  return h.result();
}

describe('SessionHolder', () => {
  it('opens, holds and releases every session, timing each login', async () => {
    const r = await hold({});
    expect(r).toMatchObject({started: 6, loggedIn: 6, idling: 6, held: 6, failures: {}});
    expect(r.latencyMs.n).toBe(6);
    expect(r.latencyMs.p99!).toBeGreaterThan(0);
  });

  it('counts a login that never answers as a timeout, and survives the reset that follows', async () => {
    const r = await hold({stallUser: 'u2', resetStalledAfterMs: 400}, 200);
    await new Promise((r2) => setTimeout(r2, 400));
    expect(r).toMatchObject({started: 6, loggedIn: 5, idling: 5, held: 5, failures: {timeout: 1}});
    expect(r.failureSamples[0]).toMatch(/^timeout: .*session 2 not idling after 200 ms/);
  });

  it('counts a session the server closes while it idles as dropped', async () => {
    const r = await hold({dropUser: 'u4'});
    expect(r).toMatchObject({loggedIn: 6, idling: 6, held: 5, failures: {dropped: 1}});
    expect(r.failureSamples[0]).toMatch(/session 4 closed while idling \(\* BYE going away\)/);
  });
});
