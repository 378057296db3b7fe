/**
 * Courier-IMAP under the same load, the 2012 message's own comparison. It runs from Debian's
 * packages unpacked into an isolated tree (scripts/measure/get-courier.sh) with chroot; never
 * installed on the host. Its process model is fixed: couriertcpd forks one process per
 * connection, which runs imaplogin and then execs imapd after authdaemond (5 pre-started
 * processes, userdb with SHA512-CRYPT passwords) says yes; with TLS, couriertls sits in front
 * as a second process per connection.
 */
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {makeCertificate, makeMail, MAIL_GID, MAIL_UID, type TestUser} from './dovecot';
import type {HarnessOptions, Mode, Server, Started} from './harness';
import {freePort, startTree} from './proc';

export const courierRoot = process.env.COURIER_ROOT ?? '/opt/courier-measure';
const MAXDAEMONS = 40;
const MAXPERIP = 20;

export function courierExcerpt(): string {
  return [
    '# Courier-IMAP 5.0.13 (Debian 12 packages), as started by the harness',
    'authdaemonrc: authmodulelist="authuserdb" daemons=5',
    `couriertcpd -address=127.0.0.1 -maxprocs=${MAXDAEMONS} -maxperip=${MAXPERIP} -nodnslookup -noidentlookup PORT \\`,
    '  /usr/lib/courier/courier/imaplogin /usr/bin/imapd Maildir',
    `couriertcpd ... TLSPORT /usr/bin/couriertls -server -tcpd \\`,
    '  /usr/lib/courier/courier/imaplogin /usr/bin/imapd Maildir',
  ].join('\n');
}

function courierVersion(): string | null {
  const r = spawnSync('dpkg-deb', ['-f', ...debFor('courier-imap'), 'Version'], {encoding: 'utf8'});
  return r.status === 0 ? `Courier-IMAP ${r.stdout.trim()}` : null;
}

function debFor(pkg: string): string[] {
  const dir = `${process.env.COURIER_CACHE ?? '/var/cache/courier-measure'}/debs`;
  const r = spawnSync('sh', ['-c', `ls ${dir}/${pkg}_*.deb 2>/dev/null | head -1`], {encoding: 'utf8'});
  const f = r.stdout.trim();
  return f ? [f] : ['/nonexistent'];
}

class CourierServer implements Server {
  readonly id = 'courier' as const;
  readonly host: string;
  readonly inner: string;
  readonly certPem: string;

  constructor(
    readonly version: string,
    users: TestUser[],
    messages: number,
    private readonly o: Pick<HarnessOptions, 'cgroupRoot' | 'serverCpus'>,
  ) {
    mkdirSync(join(courierRoot, 'tmp'), {recursive: true});
    this.host = mkdtempSync(join(courierRoot, 'tmp', 'measure-'));
    chmodSync(this.host, 0o755);
    this.inner = this.host.slice(courierRoot.length);
    this.certPem = makeCertificate(this.host);
    const pem = spawnSync('sh', ['-c', `cat "${this.host}/key.pem" "${this.host}/cert.pem" > "${this.host}/imapd.pem" && chmod 600 "${this.host}/imapd.pem"`]);
    if (pem.status !== 0) throw new Error('courier: cannot write imapd.pem');
    makeMail(join(this.host, 'home'), users, messages);
    const db = users.map((u) => `${u.name}\tuid=${MAIL_UID}|gid=${MAIL_GID}|home=${this.inner}/home/${u.name}|mail=${this.inner}/home/${u.name}/Maildir|_=\n`).join('') + '.\n';
    const shadow = users.map((u) => `${u.name}\tsystempw=${u.hash.replace(/^\{[^}]+\}/, '')}\n`).join('') + '.\n';
    for (const [input, name] of [
      [db, 'userdb'],
      [shadow, 'userdbshadow'],
    ] as const) {
      const r = spawnSync('chroot', [courierRoot, '/usr/lib/courier/courier-authlib/makedatprog', '-', `/etc/courier/${name}.tmp`, `/etc/courier/${name}.dat`], {input, encoding: 'utf8'});
      if (r.status !== 0) throw new Error(`courier: makedatprog ${name} failed: ${r.stderr}`);
    }
  }

  async start(_mode: Mode, run: string): Promise<Started> {
    const plain = await freePort();
    let tls = await freePort();
    while (tls === plain) tls = await freePort();
    const tcpd = `/usr/sbin/couriertcpd -address=127.0.0.1 -maxprocs=${MAXDAEMONS} -maxperip=${MAXPERIP} -nodnslookup -noidentlookup`;
    const script = [
      `exec 2>>${this.inner}/${run}.log`,
      'set -a',
      '. /etc/courier/imapd',
      '. /etc/courier/imapd-ssl',
      `TLS_CERTFILE=${this.inner}/imapd.pem`,
      'TLS_CACHEFILE=',
      'TLS_TRUSTCERTS=',
      '/usr/lib/courier/courier-authlib/authdaemond &',
      `${tcpd} ${plain} /usr/lib/courier/courier/imaplogin /usr/bin/imapd Maildir &`,
      `${tcpd} ${tls} /usr/bin/couriertls -server -tcpd /usr/lib/courier/courier/imaplogin /usr/bin/imapd Maildir &`,
      'wait',
      '',
    ].join('\n');
    writeFileSync(join(this.host, `${run}.sh`), script);
    const tree = startTree(`courier ${run}`, ['chroot', courierRoot, '/bin/sh', `${this.inner}/${run}.sh`], {cpus: this.o.serverCpus, cgroupRoot: this.o.cgroupRoot});
    return {tree, plainPort: plain, tlsPort: tls, mainName: '', logPath: join(this.host, `${run}.log`)};
  }

  dispose(): void {
    rmSync(this.host, {recursive: true, force: true});
  }
}

/** Get the tree (once) and make a server, or say why not. */
export function prepareCourier(users: TestUser[], messages: number, o: Pick<HarnessOptions, 'cgroupRoot' | 'serverCpus'>): {server: Server; note: string} | {note: string} {
  if (!existsSync(join(courierRoot, '.complete'))) {
    const r = spawnSync('sh', [join(process.cwd(), 'scripts/measure/get-courier.sh')], {encoding: 'utf8', env: {...process.env, ROOT: courierRoot}});
    if (r.status !== 0) return {note: `Courier tree could not be built in ${courierRoot}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`};
  }
  const version = courierVersion() ?? 'Courier-IMAP (version unknown)';
  try {
    return {
      server: new CourierServer(version, users, messages, o),
      note: `Debian 12 packages (apt-get download + dpkg-deb -x) in ${courierRoot}, run with chroot; authdaemond with authuserdb; couriertcpd -maxprocs=${MAXDAEMONS} -maxperip=${MAXPERIP} (Debian defaults)`,
    };
  } catch (e) {
    return {note: `Courier could not be prepared: ${e instanceof Error ? e.message : String(e)}`};
  }
}
