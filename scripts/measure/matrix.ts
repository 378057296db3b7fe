/**
 * Which modes `npm run measure` measures, and which it leaves out (with the reason published).
 *
 * Dovecot 2.3 (the seed's version line, host packages): the full 2 x 2 x 2 of
 *   login high-security | high-performance, imap per-connection | reused, plain | implicit TLS,
 * plus STARTTLS for the two extreme corners. The auth cache is not a factor of this grid: its
 * passwd-file passdb has no cache key, so the cache is never used; ./authcache.ts measures it
 * with PostgreSQL.
 * Dovecot 2.4: the two extreme corners (all defaults; high-performance login + reused imap), plain and imaps.
 * Courier-IMAP: its one process model, plain and imaps.
 */
import type {TlsMode} from './loadgen';
import type {ImapMode, LoginMode, ServerId} from './dovecot';
import type {Mode} from './harness';

export function modeId(server: ServerId, login: LoginMode, imap: ImapMode, authCache: boolean, tls: TlsMode): string {
  if (server === 'courier') return `courier-${tls}`;
  return `${server}-${login === 'high-security' ? 'hs' : 'hp'}-${imap === 'reused' ? 'reused' : 'perconn'}-${authCache ? 'cache' : 'nocache'}-${tls}`;
}

function mode(server: ServerId, login: LoginMode, imap: ImapMode, authCache: boolean, tls: TlsMode): Mode {
  return {id: modeId(server, login, imap, authCache, tls), server, login, imap, authCache, tls};
}

export function fullMatrix(): Mode[] {
  const out: Mode[] = [];
  for (const tls of ['none', 'imaps'] as const)
    for (const login of ['high-security', 'high-performance'] as const)
      for (const imap of ['per-connection', 'reused'] as const) out.push(mode('dovecot-2.3', login, imap, false, tls));
  out.push(mode('dovecot-2.3', 'high-security', 'per-connection', false, 'starttls'));
  out.push(mode('dovecot-2.3', 'high-performance', 'reused', false, 'starttls'));
  for (const tls of ['none', 'imaps'] as const) {
    out.push(mode('dovecot-2.4', 'high-security', 'per-connection', false, tls));
    out.push(mode('dovecot-2.4', 'high-performance', 'reused', false, tls));
  }
  for (const tls of ['none', 'imaps'] as const) out.push(mode('courier', 'high-security', 'per-connection', false, tls));
  return out;
}

/** The smoke test's matrix: each Dovecot 2.3 setting flipped at least once, each TLS mode once. */
export function smokeMatrix(): Mode[] {
  return [
    mode('dovecot-2.3', 'high-security', 'per-connection', false, 'none'),
    mode('dovecot-2.3', 'high-performance', 'reused', true, 'imaps'),
    mode('dovecot-2.3', 'high-security', 'reused', false, 'starttls'),
    mode('dovecot-2.3', 'high-performance', 'per-connection', true, 'none'),
  ];
}

export const LEFT_OUT = [
  'Dovecot 2.3 with STARTTLS: only the two corners (all defaults; high-performance login + reused imap). Implicit TLS (imaps) stands for TLS in the full grid.',
  'Dovecot 2.4: only the two corners (all defaults; high-performance login + reused imap), plain and imaps; the 2.3 grid shows what each setting does on its own.',
  'Courier-IMAP: no settings varied (it has no login/imap process split or auth cache to switch).',
  'TLS session resumption: every connection makes a full handshake (worst case for the server).',
  'The auth cache in the grid: its passwd-file passdb has no cache key, so the cache would never be used. It is measured on its own with PostgreSQL, on Dovecot 2.3 only (the 2.4 tree has no PostgreSQL driver installed).',
  'POP3, LMTP, submission: IMAP only.',
];
