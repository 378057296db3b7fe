// The names the explainer tells the versions apart by (src/lib/dovecot/explain/names.ts, namesLater24.ts, rulesObsolete.ts),
// checked with the real binaries: each name of one version's list is known to that version's
// doveconf and refused as "Unknown setting" by the other's; every other name of the two dumps is
// known to both; each 1.x/2.0 name 2.3 still reads prints exactly the warning listed.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {NAMES_ONLY_23, NAMES_ONLY_24} from '../../src/lib/dovecot/explain/names';
import {OBSOLETE_23} from '../../src/lib/dovecot/rulesObsolete';
import {requireBinaries, runDoveconf} from './doveconf';
import {classifyNames} from './known-names';
import {REPLACED_IN_24} from '../../src/lib/dovecot/explain/upgrade24';
import {LIST_SECTIONS_24, SECTIONS_ONLY_24, UNNAMED_23} from '../../src/lib/dovecot/explain/version';
import {NAMES_AFTER_241} from '../../src/lib/dovecot/explain/namesLater24';
import {explain} from '../../src/lib/dovecot/explain';
import {checkPrediction} from '../corpus/score';

beforeAll(() => requireBinaries());

/** `name = value` lines of a `doveconf -a` dump (top level, one-line values). */
function dump(file: string): Map<string, string> {
  const text = readFileSync(join(__dirname, 'fixtures', file), 'utf8');
  return new Map([...text.matchAll(/^([a-z][a-z0-9_]*) = (.*)$/gm)].map((m) => [m[1], m[2]]));
}

const D23 = dump('doveconf-2.3-a.txt');
const D24 = dump('doveconf-2.4-a.txt');

describe('names only one version knows', () => {
  it('2.3 list: known to 2.3, unknown to 2.4', () => {
    const entries = NAMES_ONLY_23.map((n) => [n, D23.get(n) ?? ''] as const);
    expect(NAMES_ONLY_23.length).toBeGreaterThan(50);
    expect(classifyNames('2.3', entries).unknown).toEqual([]);
    expect(classifyNames('2.4', entries).known).toEqual([]);
  });

  it('2.4 list: known to 2.4, unknown to 2.3', () => {
    const entries = NAMES_ONLY_24.map((n) => [n, D24.get(n) ?? ''] as const);
    expect(NAMES_ONLY_24.length).toBeGreaterThan(400);
    expect(classifyNames('2.4', entries).unknown).toEqual([]);
    expect(classifyNames('2.3', entries).known).toEqual([]);
  });

  it('every other name of the dumps is known to both (nothing left out of the lists)', () => {
    const rest23 = [...D23].filter(([n]) => !NAMES_ONLY_23.includes(n));
    const rest24 = [...D24].filter(([n]) => !NAMES_ONLY_24.includes(n));
    expect(classifyNames('2.4', rest23.filter(([n]) => !D24.has(n))).unknown).toEqual([]);
    expect(classifyNames('2.3', rest24.filter(([n]) => !D23.has(n))).unknown).toEqual([]);
  });
});

describe('1.x / 2.0 names 2.3 still reads', () => {
  const VALUES: Record<string, string> = {
    login_process_per_connection: 'yes',
    login_processes_count: '3',
    login_max_processes_count: '128',
    login_max_connections: '256',
    max_mail_processes: '512',
    mail_drop_priv_before_exec: 'no',
    auth_user: 'root',
    auth_chroot: '',
    ssl_cert_file: '/dev/null',
    ssl_key_file: '/dev/null',
    ssl_ca_file: '/dev/null',
    ssl_disable: 'yes',
    fsync_disable: 'no',
    dbox_rotate_size: '2M',
    ssl_parameters_regenerate: '168',
    ssl_dh_parameters_length: '2048',
    ssl_protocols: '!SSLv3',
    director_consistent_hashing: 'yes',
    maildir_copy_preserve_filename: 'yes',
  };
  const valueOf = (name: string) => VALUES[name] ?? (name.endsWith('_size') ? '64' : name.endsWith('executable') ? '/usr/lib/dovecot/imap' : name === 'login_dir' ? '/run/dovecot/login' : '1');

  it.each(Object.entries(OBSOLETE_23))('%s: 2.3 warns with the listed text, 2.4 refuses it', (name, message) => {
    const text = `${name} = ${valueOf(name)}\n`;
    const r23 = runDoveconf('2.3', text);
    expect(r23.exitCode).toBe(0);
    expect(r23.stderr).toMatch(new RegExp(`doveconf: Warning: Obsolete setting in [^\\n]*/dovecot\\.conf:1: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    const r24 = runDoveconf('2.4', `dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n${text}`);
    expect(r24.stderr).toContain(`Unknown setting: ${name}`);
  });
});

describe('syntax only one version reads (explain/version.ts)', () => {
  const H24 = 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n';
  it.each([...UNNAMED_23])('unnamed %s { }: 2.3 accepts it, 2.4 refuses it', (type) => {
    const block = type.endsWith('_listener') ? `service imap {\n  ${type} {\n  }\n}\n` : type === 'passdb' || type === 'userdb' ? `${type} {\n  driver = static\n  args = uid=1000\n}\n` : `${type} {\n}\n`;
    if (type !== 'service') expect(runDoveconf('2.3', block).stderr).not.toMatch(/Fatal/);
    expect(runDoveconf('2.4', H24 + block).stderr).toContain(`${type} { } is missing section name`);
  });
  it.each([...SECTIONS_ONLY_24])('%s NAME { }: 2.3 refuses it as an unknown setting', (type) => {
    expect(runDoveconf('2.3', `${type} x {\n}\n`).stderr).toContain(`Unknown setting: ${type} { ${type}`);
  });
  it.each([...LIST_SECTIONS_24])('%s { name = yes }: 2.3 refuses it, 2.4 reads it', (type) => {
    const item = type === 'protocols' ? 'imap' : type === 'auth_mechanisms' ? 'plain' : type === 'import_environment' ? 'TZ' : 'quota';
    expect(runDoveconf('2.3', `${type} {\n  ${item} = yes\n}\n`).stderr).toContain(`Unknown setting: ${type} { ${item}`);
    expect(runDoveconf('2.4', `${H24}${type} {\n  ${item} = yes\n}\n`).stderr).not.toMatch(/Fatal|Unknown/);
  });
});

describe('the 2.4 replacements of 2.3-only names (explain/upgrade24.ts)', () => {
  it('every name replaced is a 2.3-only name, and every replacement is a setting 2.4.1 knows', () => {
    for (const name of Object.keys(REPLACED_IN_24)) expect(NAMES_ONLY_23, name).toContain(name);
    const targets = [...new Set(Object.values(REPLACED_IN_24).flatMap((r) => (r.to && !r.service ? [r.to] : [])))];
    expect(targets.length).toBeGreaterThan(20);
    expect(classifyNames('2.4', targets.map((t) => [t, ''] as const)).unknown).toEqual([]);
  });
});

describe('names 2.4 added after 2.4.1 (explain/namesLater24.ts)', () => {
  const H24 = 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n';
  const names = Object.keys(NAMES_AFTER_241);
  const configs: [string, string][] = [
    ...names.map((n): [string, string] => [n, `${n} = yes\n`]),
    ['reuse_port in service imap { }', 'service imap {\n  reuse_port = yes\n}\n'],
  ];

  it('each is unknown to 2.4.1 and to 2.3, and in neither dump nor names.ts', () => {
    expect(names.length).toBeGreaterThan(5);
    const entries = names.map((n) => [n, 'yes'] as const);
    expect(classifyNames('2.4', entries).known).toEqual([]);
    expect(classifyNames('2.3', entries).known).toEqual([]);
    for (const n of names) {
      expect(D24.has(n) || D23.has(n) || NAMES_ONLY_24.includes(n) || NAMES_ONLY_23.includes(n), n).toBe(false);
      expect(NAMES_AFTER_241[n], n).toMatch(/^2\.4\.[2-9]$/);
    }
  });

  it.each(configs)('%s: the explainer predicts the real doveconf error of 2.4.1 and 2.3, and says from which release', (_, body) => {
    for (const version of ['2.4', '2.3'] as const) {
      const text = (version === '2.4' ? H24 : '') + body;
      const r = explain(text, {version});
      expect(checkPrediction(r, {...runDoveconf(version, text), checked: text}), `${version}: ${text}`).toBeNull();
      expect(r.unknownSettings).toHaveLength(1);
      expect(r.unknownSettings[0].reason).toMatch(/Dovecot 2\.4\.[2-9]/);
    }
  });
});
