/**
 * Where the tests find what lives outside node_modules, and what is missing. Paths come from
 * the environment so any machine can point them elsewhere:
 *   CHROMIUM_PATH   Debian's Chromium for Playwright (default /usr/bin/chromium)
 *   DOVECONF23      doveconf of Dovecot 2.3 on the host (default: doveconf on PATH)
 *   DOVECOT24_ROOT  the isolated Dovecot 2.4 tree run with chroot (default /opt/dovecot24)
 * The auth cache measurement (and its smoke test) also needs Debian's PostgreSQL server and
 * Dovecot 2.3's PostgreSQL driver (packages postgresql and dovecot-pgsql); it runs a cluster of
 * its own and never uses the host's.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';

export type SystemPart = 'chromium' | 'dovecot23' | 'dovecot24' | 'postgres';
export type Missing = {part: SystemPart; hint: string};

/**
 * How every tool here starts Debian's Chromium: headless, no sandbox (we run as root), and none of
 * the background connections this machine's closed network refuses.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const systemPaths = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  doveconf23: process.env.DOVECONF23 ?? 'doveconf',
  dovecot24Root: process.env.DOVECOT24_ROOT ?? '/opt/dovecot24',
};

function doveconf23Version(): string | null {
  const r = spawnSync(systemPaths.doveconf23, ['-c', '/dev/null', '-n'], {encoding: 'utf8'});
  const m = /^# (2\.3\.\S+)/m.exec(r.stdout ?? '');
  return m ? m[1] : null;
}

export function missingSystemParts(): Missing[] {
  const missing: Missing[] = [];
  if (!existsSync(systemPaths.chromium)) {
    missing.push({part: 'chromium', hint: `no Chromium at ${systemPaths.chromium}: apt-get install chromium, or set CHROMIUM_PATH`});
  }
  if (!doveconf23Version()) {
    missing.push({
      part: 'dovecot23',
      hint: `no Dovecot 2.3 doveconf (${systemPaths.doveconf23}): apt-get install dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-submissiond dovecot-managesieved, or set DOVECONF23`,
    });
  }
  const root = systemPaths.dovecot24Root;
  if (!existsSync(`${root}/.complete`) || !existsSync(`${root}/usr/bin/doveconf`)) {
    missing.push({part: 'dovecot24', hint: `no Dovecot 2.4 tree in ${root}: run scripts/setup-system.sh dovecot24 as root, or set DOVECOT24_ROOT`});
  }
  if (!hasPostgres() || !existsSync('/usr/lib/dovecot/modules/auth/libdriver_pgsql.so')) {
    missing.push({part: 'postgres', hint: 'no PostgreSQL server or Dovecot 2.3 PostgreSQL driver (the auth cache measurement): apt-get install postgresql dovecot-pgsql'});
  }
  return missing;
}

function hasPostgres(): boolean {
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  } catch {
    return false;
  }
}
