/**
 * A throwaway Dovecot for the load check: users, their maildirs and a certificate in a temporary
 * directory (2.4: inside its chroot tree), and the full config of a run built around the config
 * under test. The config under test keeps every setting it states except what must point at this
 * directory (paths, listeners, TLS files, passdb/userdb) and `protocols` (the claim states them).
 */
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {parseConfig, printConfig, type ConfigTree, type Node, type SectionNode, type SettingNode} from '../../src/lib/dovecot/conf';
import {makeCertificate, makeMail, MAIL_GID, MAIL_UID, PASSWORD_SCHEME, type TestUser} from '../measure/dovecot';
import {systemPaths} from '../system-check';
import type {LoadClaim} from '../../src/lib/loadcheck/claim';

/** The two Dovecot versions the site covers (one source: src/lib/version.ts). */
import type {DovecotVersion} from '../../src/lib/version';
export type Version = DovecotVersion;

export type LoadDataDir = {
  version: Version;
  /** Path on the host. */
  host: string;
  /** The same directory as the master sees it (inside the chroot for 2.4). */
  inner: string;
  certPem: string;
  users: TestUser[];
  /** The directory is a tmpfs mount (removed by unmounting). */
  tmpfs: boolean;
};

/** One password for every user, hashed once: each login still verifies a SHA512-CRYPT hash. */
function sharedHash(password: string): string {
  const r = spawnSync('doveadm', ['pw', '-s', PASSWORD_SCHEME, '-p', password], {encoding: 'utf8'});
  const hash = r.stdout.trim();
  if (r.status !== 0 || !hash.startsWith(`{${PASSWORD_SCHEME}}`)) throw new Error(`doveadm pw failed: ${r.stderr.trim() || hash}`);
  return hash;
}

/**
 * The directory lives on a tmpfs of its own when the host lets us mount one: thousands of
 * maildirs and their index files are then created and removed without touching a shared disk.
 */
const TMPFS_SIZE = '1g';

export function makeLoadDataDir(version: Version, userCount: number): LoadDataDir {
  const root = version === '2.4' ? systemPaths.dovecot24Root : '';
  const base = version === '2.4' ? join(root, 'tmp') : '/tmp';
  mkdirSync(base, {recursive: true});
  const host = mkdtempSync(join(base, 'loadcheck-'));
  const tmpfs = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0755`, 'loadcheck', host]).status === 0;
  chmodSync(host, 0o755);
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  const hash = sharedHash(password);
  const users: TestUser[] = [];
  for (let i = 1; i <= userCount; i++) users.push({name: `u${String(i).padStart(5, '0')}`, password, hash});
  writeFileSync(join(host, 'passwd'), users.map((u) => `${u.name}:${u.hash}::::::`).join('\n') + '\n', {mode: 0o644});
  const certPem = makeCertificate(host);
  makeMail(join(host, 'home'), users, 1);
  return {version, host, inner: root ? host.slice(root.length) : host, certPem, users, tmpfs};
}

export function removeLoadDataDir(d: LoadDataDir): void {
  // A lazy unmount cannot fail on a busy mount; whatever still holds it lets go when it exits.
  if (d.tmpfs) spawnSync('umount', ['-l', d.host]);
  rmSync(d.host, {recursive: true, force: true});
}

/**
 * The state_dir of one run, relative to the data directory. Each master keeps its own list of
 * instances: masters started at once would otherwise race for the dotlock of
 * /var/lib/dovecot/instances and log an error.
 */
export const runStateDir = (run: string) => `${run}.state`;

/** Every inet listener a version's services define by default, by service. */
export const DEFAULT_INET_LISTENERS: Record<Version, Record<string, string[]>> = {
  '2.3': {'imap-login': ['imap', 'imaps'], 'pop3-login': ['pop3', 'pop3s'], 'submission-login': ['submission'], 'managesieve-login': ['sieve']},
  '2.4': {'imap-login': ['imap', 'imaps'], 'pop3-login': ['pop3', 'pop3s'], 'submission-login': ['submission', 'submissions'], 'managesieve-login': ['sieve']},
};

/** Top-level settings the harness sets itself; the config under test may not move them. */
const HARNESS_GLOBALS = new Set([
  'dovecot_config_version',
  'dovecot_storage_version',
  'protocols',
  'base_dir',
  'state_dir',
  'log_path',
  'info_log_path',
  'debug_log_path',
  'syslog_facility',
  'listen',
  'ssl',
  'ssl_cert',
  'ssl_key',
  'ssl_server_cert_file',
  'ssl_server_key_file',
  'mail_location',
  'mail_driver',
  'mail_path',
  'mail_home',
]);

/** What of the config under test the harness replaced or left out (published with the run). */
export type Assembly = {text: string; removed: string[]};

const pos = {line: 0, column: 0};
const setting = (key: string, value: string): SettingNode => ({kind: 'setting', key, value, pos});
const section = (type: string, name: string | undefined, children: Node[]): SectionNode => ({kind: 'section', type, ...(name ? {name} : {}), children, pos});

/**
 * The whole config of one run: the harness's own settings, then the config under test with its
 * paths, listeners, auth databases and `protocols` taken out, then listeners on free loopback
 * ports (imap and imaps where the load goes, every other listener on a port of its own).
 */
export function assembleConfig(d: LoadDataDir, run: string, configText: string, claim: LoadClaim, ports: Record<string, number>): Assembly {
  const {tree, errors} = parseConfig(configText);
  if (errors.length) throw new Error(`config under test does not parse: line ${errors[0].line}: ${errors[0].message}`);
  const removed: string[] = [];
  const kept: Node[] = [];
  for (const node of tree.children) {
    if (node.kind === 'setting' && (HARNESS_GLOBALS.has(node.key) || /^ssl_/.test(node.key))) {
      removed.push(`${node.key} = ${node.value}`);
      continue;
    }
    if (node.kind === 'include') {
      removed.push(`!include ${node.path}`);
      continue;
    }
    if (node.kind === 'section' && (node.type === 'passdb' || node.type === 'userdb')) {
      removed.push(`${node.type}${node.name ? ` ${node.name}` : ''} { … }`);
      continue;
    }
    if (node.kind === 'section' && node.type === 'service') {
      const children = node.children.filter((c) => {
        if (c.kind === 'section' && c.type === 'inet_listener') {
          removed.push(`service ${node.name} { inet_listener ${c.name ?? ''} { … } }`);
          return false;
        }
        return true;
      });
      kept.push({...node, children});
      continue;
    }
    kept.push(node);
  }
  const dir = d.inner;
  const head: Node[] = [];
  if (d.version === '2.4') head.push(setting('dovecot_config_version', '2.4.1'), setting('dovecot_storage_version', '2.4.1'));
  head.push(
    setting('base_dir', `${dir}/${run}`),
    setting('state_dir', `${dir}/${runStateDir(run)}`),
    setting('log_path', `${dir}/${run}.log`),
    setting('protocols', claim.protocols.join(' ')),
    setting('listen', '127.0.0.1'),
    setting('ssl', 'yes'),
  );
  if (d.version === '2.3') {
    head.push(
      {...setting('ssl_cert', `${dir}/cert.pem`), file: true},
      {...setting('ssl_key', `${dir}/key.pem`), file: true},
      setting('mail_location', 'maildir:~/Maildir'),
      section('passdb', undefined, [setting('driver', 'passwd-file'), setting('args', `scheme=${PASSWORD_SCHEME} ${dir}/passwd`)]),
      section('userdb', undefined, [setting('driver', 'static'), setting('args', `uid=${MAIL_UID} gid=${MAIL_GID} home=${dir}/home/%u`)]),
    );
  } else {
    head.push(
      setting('ssl_server_cert_file', `${dir}/cert.pem`),
      setting('ssl_server_key_file', `${dir}/key.pem`),
      setting('mail_driver', 'maildir'),
      setting('mail_path', '~/Maildir'),
      section('passdb', 'passwd-file', [setting('passwd_file_path', `${dir}/passwd`), setting('default_password_scheme', PASSWORD_SCHEME)]),
      section('userdb', 'static', [section('fields', undefined, [setting('uid', String(MAIL_UID)), setting('gid', String(MAIL_GID)), setting('home', `${dir}/home/%{user}`)])]),
    );
  }
  // Listeners go into the config's own service section when it has one (the last one wins in
  // Dovecot, and repeated service sections merge), else into a new one at the end.
  const listeners: Node[] = [];
  for (const [service, names] of Object.entries(DEFAULT_INET_LISTENERS[d.version])) {
    const blocks = names.map((name) => {
      const port = ports[name];
      if (port === undefined) throw new Error(`assembleConfig: no port for listener ${name}`);
      return section('inet_listener', name, [setting('port', String(port))]);
    });
    const own = [...kept].reverse().find((n): n is SectionNode => n.kind === 'section' && n.type === 'service' && n.name === service);
    if (own) own.children = [...own.children, ...blocks];
    else listeners.push(section('service', service, blocks));
  }
  const full: ConfigTree = {children: [...head, ...kept, ...listeners]};
  return {text: `# load check run ${run} (Dovecot ${d.version})\n${printConfig(full)}`, removed};
}

/** The listener names the assembled config needs ports for. */
export function listenerNames(version: Version): string[] {
  return Object.values(DEFAULT_INET_LISTENERS[version]).flat();
}

/** argv that starts the master in the foreground (host path of the config). */
export function masterArgv(d: LoadDataDir, confName: string): string[] {
  if (d.version === '2.3') return ['dovecot', '-F', '-c', join(d.host, confName)];
  return ['chroot', systemPaths.dovecot24Root, '/usr/sbin/dovecot', '-F', '-c', `${d.inner}/${confName}`];
}

/** doveconf of the version on a file of the data directory: exit code and stderr. */
export function doveconfCheck(d: LoadDataDir, confName: string): {status: number; stderr: string} {
  const r =
    d.version === '2.3'
      ? spawnSync(systemPaths.doveconf23, ['-c', join(d.host, confName), '-n'], {encoding: 'utf8'})
      : spawnSync('chroot', [systemPaths.dovecot24Root, '/usr/bin/doveconf', '-c', `${d.inner}/${confName}`, '-n'], {encoding: 'utf8'});
  return {status: r.status ?? 1, stderr: (r.stderr ?? '').trim()};
}
