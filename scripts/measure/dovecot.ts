/**
 * A throwaway Dovecot for measuring: test users, their mail, a self-signed certificate and one
 * config per mode, all in a temporary directory. Dovecot 2.3 runs from the host packages;
 * Dovecot 2.4 runs inside its isolated tree with chroot, so its directory lives under
 * ROOT/tmp and the config names the path as seen from inside.
 */
import {spawnSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {systemPaths} from '../system-check';

export type LoginMode = 'high-security' | 'high-performance';
export type ImapMode = 'per-connection' | 'reused';
export type ServerId = 'dovecot-2.3' | 'dovecot-2.4' | 'courier';

export type DovecotMode = {login: LoginMode; imap: ImapMode; authCache: boolean};

export type TestUser = {name: string; password: string; hash: string};

/** UID/GID that owns the test mail (nobody/nogroup on Debian); numeric so the chroot needs no entry. */
export const MAIL_UID = 65534;
export const MAIL_GID = 65534;
export const PASSWORD_SCHEME = 'SHA512-CRYPT';

/** N users with random passwords, hashed once with `doveadm pw -s SHA512-CRYPT` (5000 rounds). */
export function makeUsers(n: number, doveadm = 'doveadm'): TestUser[] {
  const users: TestUser[] = [];
  for (let i = 1; i <= n; i++) {
    const name = `user${String(i).padStart(3, '0')}`;
    const password = `pw-${name}-${Math.random().toString(36).slice(2, 10)}`;
    const r = spawnSync(doveadm, ['pw', '-s', PASSWORD_SCHEME, '-p', password], {encoding: 'utf8'});
    const hash = r.stdout.trim();
    if (r.status !== 0 || !hash.startsWith(`{${PASSWORD_SCHEME}}`)) throw new Error(`doveadm pw failed: ${r.stderr.trim() || hash}`);
    users.push({name, password, hash});
  }
  return users;
}

export type DataDir = {
  /** Path on the host. */
  host: string;
  /** The same directory as the server sees it (differs inside a chroot). */
  inner: string;
  certPem: string;
};

/** A self-signed RSA 2048 certificate for CN=localhost with SAN localhost and 127.0.0.1. */
export function makeCertificate(dir: string): string {
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    {encoding: 'utf8'},
  );
  if (r.status !== 0) throw new Error(`openssl req failed (node:crypto cannot make X.509 certificates, openssl is required): ${r.stderr}`);
  chmodSync(join(dir, 'key.pem'), 0o600);
  return readFileSync(join(dir, 'cert.pem'), 'utf8');
}

/** Maildir with `messages` small messages in cur/ for each user. */
export function makeMail(home: string, users: TestUser[], messages: number): void {
  const now = Math.floor(Date.now() / 1000);
  for (const u of users) {
    const md = join(home, u.name, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(md, sub), {recursive: true});
    for (let i = 1; i <= messages; i++) {
      const body = [
        `From: sender${i}@example.org`,
        `To: ${u.name}@example.org`,
        `Subject: Test message ${i} for ${u.name}`,
        `Date: ${new Date((now - 3600 * i) * 1000).toUTCString()}`,
        `Message-ID: <${now}.${i}.${u.name}@measure.invalid>`,
        '',
        `Body of message ${i}. A few bytes so that the message is small but not empty.`,
        '',
      ].join('\r\n');
      writeFileSync(join(md, 'cur', `${now - i}.M${i}P1.measure,S=${Buffer.byteLength(body)}:2,S`), body);
    }
  }
  chownRecursive(home, MAIL_UID, MAIL_GID);
}

function chownRecursive(dir: string, uid: number, gid: number): void {
  const r = spawnSync('chown', ['-R', `${uid}:${gid}`, dir]);
  if (r.status !== 0) chownSync(dir, uid, gid);
}

/** Create the directory of one server: passwd-file, certificate, mail. */
export function makeDataDir(server: 'dovecot-2.3' | 'dovecot-2.4', users: TestUser[], messages: number): DataDir {
  const root = server === 'dovecot-2.4' ? systemPaths.dovecot24Root : '';
  const base = server === 'dovecot-2.4' ? join(root, 'tmp') : '/tmp';
  mkdirSync(base, {recursive: true});
  const host = mkdtempSync(join(base, 'measure-'));
  chmodSync(host, 0o755);
  const inner = root ? host.slice(root.length) : host;
  writeFileSync(join(host, 'passwd'), users.map((u) => `${u.name}:${u.hash}::::::`).join('\n') + '\n', {mode: 0o644});
  const certPem = makeCertificate(host);
  makeMail(join(host, 'home'), users, messages);
  return {host, inner, certPem};
}

export function removeDataDir(d: DataDir): void {
  rmSync(d.host, {recursive: true, force: true});
}

/** The settings that differ between modes, as config text (also published on the page). */
export function modeExcerpt(version: '2.3' | '2.4', m: DovecotMode): string {
  const count = version === '2.3' ? 'service_count' : 'restart_request_count';
  const unlimited = version === '2.3' ? '0' : 'unlimited';
  const lines: string[] = [];
  // the grid leaves the cache off: its passwd-file passdb has no cache key (see ./authcache.ts)
  if (m.authCache) lines.push('auth_cache_size = 10M');
  if (m.login === 'high-performance') {
    lines.push('service imap-login {', `  ${count} = ${unlimited}`, '  process_min_avail = 1', '  vsz_limit = 1G', '}');
  } else {
    lines.push('service imap-login {', `  ${count} = 1`, '}');
  }
  lines.push('service imap {', `  ${count} = ${m.imap === 'reused' ? unlimited : '1'}`, '}');
  return lines.join('\n');
}

/**
 * The full config of one run. `run` is the per-run subdirectory name. `extra.databases`
 * replaces the passwd-file passdb and static userdb (2.3 only: the auth cache runs use SQL);
 * `extra.settings` come after the mode's settings, so they can override them.
 */
export function dovecotConfig(
  version: '2.3' | '2.4',
  d: DataDir,
  run: string,
  ports: {imap: number; imaps: number},
  m: DovecotMode,
  extra?: {databases?: string[]; settings?: string[]},
): string {
  const dir = d.inner;
  const common = [
    `base_dir = ${dir}/${run}`,
    // Not /var/lib/dovecot: a master started elsewhere at the same time would race for its instances dotlock.
    `state_dir = ${dir}`,
    `log_path = ${dir}/${run}.log`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = yes',
  ];
  const listeners = [
    'service imap-login {',
    '  inet_listener imap {',
    `    port = ${ports.imap}`,
    '  }',
    '  inet_listener imaps {',
    `    port = ${ports.imaps}`,
    '  }',
    '}',
  ];
  if (version === '2.3') {
    return [
      '# generated by scripts/measure (Dovecot 2.3)',
      ...common,
      `ssl_cert = <${dir}/cert.pem`,
      `ssl_key = <${dir}/key.pem`,
      'mail_location = maildir:~/Maildir',
      ...(extra?.databases ?? [
        'passdb {',
        '  driver = passwd-file',
        `  args = scheme=${PASSWORD_SCHEME} ${dir}/passwd`,
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${MAIL_UID} gid=${MAIL_GID} home=${dir}/home/%u`,
        '}',
      ]),
      ...listeners,
      modeExcerpt('2.3', m),
      ...(extra?.settings ?? []),
      '',
    ].join('\n');
  }
  return [
    '# generated by scripts/measure (Dovecot 2.4)',
    'dovecot_config_version = 2.4.1',
    'dovecot_storage_version = 2.4.1',
    ...common,
    `ssl_server_cert_file = ${dir}/cert.pem`,
    `ssl_server_key_file = ${dir}/key.pem`,
    'mail_driver = maildir',
    'mail_path = ~/Maildir',
    'passdb passwd-file {',
    `  passwd_file_path = ${dir}/passwd`,
    `  default_password_scheme = ${PASSWORD_SCHEME}`,
    '}',
    'userdb static {',
    '  fields {',
    `    uid = ${MAIL_UID}`,
    `    gid = ${MAIL_GID}`,
    `    home = ${dir}/home/%{user}`,
    '  }',
    '}',
    ...listeners,
    modeExcerpt('2.4', m),
    ...(extra?.settings ?? []),
    '',
  ].join('\n');
}

/** argv that starts the master in the foreground for the given config (host path). */
export function dovecotArgv(version: '2.3' | '2.4', d: DataDir, confName: string): string[] {
  if (version === '2.3') return ['dovecot', '-F', '-c', join(d.host, confName)];
  return ['chroot', systemPaths.dovecot24Root, '/usr/sbin/dovecot', '-F', '-c', `${d.inner}/${confName}`];
}

/** `dovecot --version` of each install, or null when it is missing. */
export function dovecotVersion(version: '2.3' | '2.4'): string | null {
  const r =
    version === '2.3'
      ? spawnSync('dovecot', ['--version'], {encoding: 'utf8'})
      : existsSync(join(systemPaths.dovecot24Root, 'usr/sbin/dovecot'))
        ? spawnSync('chroot', [systemPaths.dovecot24Root, '/usr/sbin/dovecot', '--version'], {encoding: 'utf8'})
        : null;
  const v = r?.status === 0 ? r.stdout.trim() : '';
  return v.startsWith(version) ? v : null;
}

export type LogFindings = {
  loginLines: number;
  distinctMailPids: number;
  limitLines: string[];
  warnings: string[];
  errors: string[];
};

const LIMIT_RE = /reached|Connection queue full/;

/** Read a Dovecot log between two byte offsets (the measuring window). */
export function readLogWindow(path: string, from: number, to: number | null): LogFindings {
  let text = '';
  try {
    const buf = readFileSync(path);
    text = buf.subarray(from, to ?? buf.length).toString('utf8');
  } catch {
    text = '';
  }
  return scanLog(text);
}

export function scanLog(text: string): LogFindings {
  const mpids = new Set<string>();
  let loginLines = 0;
  const limitLines: string[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /imap-login: Info: (?:Login|Logged in): .*\bmpid=(\d+)/.exec(line);
    if (m) {
      loginLines++;
      mpids.add(m[1]);
    }
    // Strip the timestamp, PIDs and session ids so that equal messages count once.
    const msg = line.replace(/^\w{3} \d+ [\d:]+ /, '').replace(/session=<[^>]*>/g, 'session=<>').replace(/\b\d{2,}\b/g, 'N');
    if (LIMIT_RE.test(line) && limitLines.length < 10 && !limitLines.includes(msg)) limitLines.push(msg);
    if (/: (Warning|Error|Fatal|Panic): /.test(line) && !/Killed with signal 15|Shutting down logging/.test(line)) {
      const list = /: Warning: /.test(line) ? warnings : errors;
      if (list.length < 10 && !list.includes(msg)) list.push(msg);
    }
  }
  return {loginLines, distinctMailPids: mpids.size, limitLines, warnings, errors};
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
