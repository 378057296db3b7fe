// Every probe fixture through the real doveconf of its version, and the catalog's view of the
// same facts: which names a version does not know, and what 0 / `unlimited` do.
import {readFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {getSettingDef, listSettings, settingName, type SettingDef} from '../../src/lib/dovecot/catalog';
import {requireBinaries, runDoveconf, type Version} from './doveconf';

interface Probe {
  file: string;
  version: Version;
  exitCode: number;
  stderrIncludes: string[];
  stderrEmpty: boolean;
  stdoutIncludes?: string[];
  minCpus?: number;
}

const FIXTURES = join(__dirname, 'fixtures');
const PROBES: Probe[] = JSON.parse(readFileSync(join(FIXTURES, 'probes.json'), 'utf8'));
const read = (p: Probe) => readFileSync(join(FIXTURES, p.file), 'utf8');

beforeAll(() => requireBinaries());

describe('probe fixtures', () => {
  it('cover every probe of both versions', () => {
    expect(PROBES.filter((p) => p.file.startsWith('probes/2.3/'))).toHaveLength(22);
    expect(PROBES.filter((p) => p.file.startsWith('probes/2.4/'))).toHaveLength(41);
  });

  for (const p of PROBES) {
    it(`${p.file} (doveconf ${p.version})`, () => {
      const r = runDoveconf(p.version, read(p));
      let exitCode = p.exitCode;
      if (p.minCpus && cpus().length < p.minCpus) exitCode = 0; // %{system:cpu_count} probe
      expect(r.exitCode, r.stderr).toBe(exitCode);
      if (exitCode === p.exitCode) {
        for (const m of p.stderrIncludes) expect(r.stderr).toContain(m);
        if (p.stderrEmpty) expect(r.stderr).toBe('');
      }
      for (const m of p.stdoutIncludes ?? []) expect(r.stdout).toContain(m);
    });
  }
});

describe('catalog agrees with the probes', () => {
  it('every name a probe gets "Unknown setting" for is one the catalog says that version lacks', () => {
    let seen = 0;
    for (const p of PROBES) {
      for (const m of p.stderrIncludes) {
        const hit = /Unknown setting: (?:service \{ )?([a-z_]+)/.exec(m);
        if (!hit) continue;
        seen++;
        const name = hit[1];
        if (name === 'foo_bar_baz') {
          expect(getSettingDef(name)).toBeUndefined();
          continue;
        }
        const def = getSettingDef(name);
        expect(def, name).toBeDefined();
        // the version either lacks the setting or calls it something else
        expect(settingName(p.version, def!.id, def!.scope), `${name} in ${p.version}`).not.toBe(name);
      }
    }
    expect(seen).toBe(9);
  });

  it('the probes\' accepted 0s are the catalog\'s accepted 0s', () => {
    // 2.3/16 sets vsz_limit = 0 and idle_kill = 0 in service imap, 2.3/18 client_limit/process_limit = 0: accepted
    for (const id of ['vsz_limit', 'idle_kill_interval', 'client_limit', 'process_limit']) {
      expect(getSettingDef(id)!.versions['2.3']!.zero!.accepted, id).toBe(true);
    }
    // 2.4/05d, 09b, 14, 14b, 14c: each 0 refused with the catalog's message
    const byFile = (f: string) => PROBES.find((p) => p.file.endsWith(f))!;
    const cases: [string, string, string][] = [
      ['05d-service-count-0.conf', 'restart_request_count', 'imap-login'],
      ['09b-vsz-limit-zero.conf', 'vsz_limit', 'imap'],
      ['14-client-limit-zero.conf', 'client_limit', 'imap-login'],
      ['14b-process-limit-zero.conf', 'process_limit', 'imap-login'],
      ['14c-idle-kill-interval-zero.conf', 'idle_kill_interval', 'imap'],
    ];
    for (const [file, id, service] of cases) {
      const zero = getSettingDef(id)!.versions['2.4']!.zero!;
      expect(zero.accepted).toBe(false);
      expect(byFile(file).stderrIncludes).toContain(zero.message!.replace('NAME', service));
    }
  });
});

/** A config line for setting `def` in `version` with `value`, placed in its scope. */
function configFor(version: Version, def: SettingDef, value: string): string | null {
  const v = def.versions[version];
  const name = v ? v.name : (def.versions['2.3'] ?? def.versions['2.4'])!.name;
  const pre = version === '2.4' ? 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n' : '';
  switch (def.scope) {
    case 'service':
      return `${pre}protocols = imap\nservice imap-login {\n  ${name} = ${value}\n}\n`;
    case 'inet_listener':
      return `${pre}protocols = imap\nservice imap-login {\n  inet_listener imap {\n    ${name} = ${value}\n  }\n}\n`;
    case 'unix_listener':
      return `${pre}protocols = imap\nservice imap-login {\n  unix_listener test-socket {\n    ${name} = ${value}\n  }\n}\n`;
    case 'global':
      return `${pre}protocols = imap\n${name} = ${value}\n`;
    default:
      return null;
  }
}

describe('catalog view checked live: settings a version lacks are unknown there', () => {
  const cases: [Version, SettingDef][] = [];
  for (const def of listSettings()) {
    for (const version of ['2.3', '2.4'] as const) {
      const other = version === '2.3' ? '2.4' : '2.3';
      const here = def.versions[version];
      const there = def.versions[other];
      if (!there || there.type === 'section' || there.type === 'section-name') continue;
      if (here && here.name === there.name) continue;
      if (!configFor(version, def, 'x')) continue;
      cases.push([version, def]);
    }
  }
  it('has cases for the renames and removals', () => {
    expect(cases.map(([v, d]) => `${v}:${d.id}`).sort()).toEqual([
      '2.3:default_idle_kill_interval',
      '2.3:dovecot_config_version',
      '2.3:dovecot_storage_version',
      '2.3:idle_kill_interval',
      '2.3:inet_listener_type',
      '2.3:restart_request_count',
      '2.3:unix_listener_type',
      '2.4:auth_worker_max_count',
      '2.4:default_idle_kill_interval',
      '2.4:idle_kill_interval',
      '2.4:inet_listener_address',
      '2.4:login_access_sockets',
      '2.4:restart_request_count',
    ]);
  });
  for (const [version, def] of cases) {
    const other = version === '2.3' ? '2.4' : '2.3';
    const foreign = def.versions[other]!.name;
    it(`${version} does not know ${def.scope} setting ${foreign}`, () => {
      const r = runDoveconf(version, configFor(version, def, '1')!.replace(new RegExp(`\\b${def.versions[version]?.name ?? foreign} =`), `${foreign} =`));
      expect(r.exitCode, r.stderr).toBe(89);
      expect(r.stderr).toContain('Unknown setting');
      expect(r.stderr).toContain(foreign);
    });
  }
});

describe('catalog view checked live: what 0 and unlimited do', () => {
  for (const version of ['2.3', '2.4'] as const) {
    for (const def of listSettings(version)) {
      const v = def.versions[version]!;
      for (const [label, value, spec] of [
        ['0', '0', v.zero],
        ['unlimited', 'unlimited', v.unlimited],
      ] as const) {
        if (!spec) continue;
        const text = configFor(version, def, value);
        if (!text) continue;
        it(`${version} ${v.name} = ${label} is ${spec.accepted ? 'accepted' : 'refused'}`, () => {
          const r = runDoveconf(version, text);
          if (spec.accepted) {
            expect(r.exitCode, r.stderr).toBe(0);
            expect(r.stderr).not.toMatch(/Error|Fatal/);
          } else {
            expect(r.exitCode).toBe(89);
            const expected = spec.message!.replace('NAME', 'imap-login');
            expect(r.stderr).toContain(expected);
          }
        });
      }
    }
  }
});
