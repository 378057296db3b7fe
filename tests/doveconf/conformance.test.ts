// The catalog against the binaries, both directions: run `doveconf -a` (2.3) and `doveconf -d` /
// `doveconf service` (2.4) live, read the output with the project's own parser, and require that
// every service, service setting, listener and listener setting the binary states is in the
// catalog with the same value, and that the catalog has nothing the binary lacks.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseConfig, type Node, type SectionNode, type SettingNode} from '../../src/lib/dovecot/conf';
import {
  effectiveLimits,
  getService,
  listServices,
  listSettings,
  serviceDefaults,
  type DovecotVersion,
  type ResolvedService,
} from '../../src/lib/dovecot/catalog';
import {requireBinaries, runDoveconf} from './doveconf';

const LISTENER_KINDS = new Set(['unix_listener', 'fifo_listener', 'inet_listener']);
const MIN24 = 'dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\n';
const min24 = (cv: string) => `dovecot_config_version = ${cv}\ndovecot_storage_version = 2.4.1\n`;

const isSection = (n: Node): n is SectionNode => n.kind === 'section';
const isSetting = (n: Node): n is SettingNode => n.kind === 'setting';

function parseDump(text: string): Node[] {
  const {tree, errors} = parseConfig(text);
  expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
  return tree.children;
}

function settingsOf(children: Node[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of children) if (isSetting(n)) out[n.key] = n.value;
  return out;
}

/** What a dump states for one service: its settings, listeners, and other nested blocks. */
interface DumpService {
  settings: Record<string, string>;
  listeners: Record<string, Record<string, string>>; // "kind name" → settings
  otherSections: string[];
}

function dumpServices(children: Node[]): Map<string, DumpService> {
  const out = new Map<string, DumpService>();
  for (const n of children) {
    if (!isSection(n) || n.type !== 'service') continue;
    expect(out.has(n.name!), `service ${n.name} printed twice`).toBe(false);
    const listeners: Record<string, Record<string, string>> = {};
    const otherSections: string[] = [];
    for (const c of n.children) {
      if (!isSection(c)) continue;
      if (LISTENER_KINDS.has(c.type)) listeners[`${c.type} ${c.name}`] = settingsOf(c.children);
      else otherSections.push(c.type);
    }
    out.set(n.name!, {settings: settingsOf(n.children), listeners, otherSections});
  }
  return out;
}

/** The catalog's statement of a service in the dump's own terms (raw values only). */
function catalogView(r: ResolvedService): DumpService {
  const settings: Record<string, string> = {};
  for (const [name, s] of Object.entries(r.settings)) if (s.raw !== null) settings[name] = s.raw;
  const listeners: Record<string, Record<string, string>> = {};
  for (const l of r.listeners) {
    const ls: Record<string, string> = {};
    for (const [name, s] of Object.entries(l.settings)) if (s.raw !== null) ls[name] = s.raw;
    listeners[`${l.kind} ${l.name}`] = ls;
  }
  return {settings, listeners, otherSections: []};
}

function compareServices(version: DovecotVersion, dump: Map<string, DumpService>, configVersion?: string) {
  expect([...dump.keys()].sort()).toEqual(listServices(version));
  for (const [name, d] of dump) {
    const c = catalogView(serviceDefaults(version, name, configVersion ? {configVersion} : undefined));
    expect(c.settings, `${version} service ${name}`).toEqual(d.settings);
    expect(c.listeners, `${version} service ${name} listeners`).toEqual(d.listeners);
  }
}

let a23: Node[];
let d24: Node[];

beforeAll(() => {
  requireBinaries();
  const r23 = runDoveconf('2.3', '', ['-a']);
  expect(r23.exitCode, r23.stderr).toBe(0);
  a23 = parseDump(r23.stdout);
  const r24 = runDoveconf('2.4', MIN24, ['-d']);
  expect(r24.exitCode, r24.stderr).toBe(0);
  d24 = parseDump(r24.stdout);
});

describe('2.3.19.1 doveconf -a against the catalog', () => {
  it('every service with every setting and listener, same raw values, nothing missing, nothing extra', () => {
    compareServices('2.3', dumpServices(a23));
  });

  it('the service and listener setting names are exactly the catalog\'s', () => {
    const services = dumpServices(a23);
    const seen: Record<string, Set<string>> = {service: new Set(), unix_listener: new Set(), fifo_listener: new Set(), inet_listener: new Set()};
    for (const s of services.values()) {
      for (const k of Object.keys(s.settings)) seen.service.add(k);
      for (const [key, ls] of Object.entries(s.listeners)) for (const k of Object.keys(ls)) seen[key.split(' ')[0]].add(k);
      expect(s.otherSections).toEqual([]);
    }
    for (const scope of Object.keys(seen) as (keyof typeof seen)[]) {
      const catalog = listSettings('2.3', scope as 'service')
        .map((d) => d.versions['2.3']!)
        .filter((v) => v.type !== 'section' && v.type !== 'section-name')
        .map((v) => v.name)
        .sort();
      expect([...seen[scope]].sort(), scope).toEqual(catalog);
    }
  });

  it('related globals have the catalog\'s defaults', () => {
    const top = settingsOf(a23);
    let n = 0;
    for (const d of listSettings('2.3', 'global')) {
      const v = d.versions['2.3']!;
      expect(top[v.name], v.name).toBe(v.default);
      n++;
    }
    expect(n).toBeGreaterThanOrEqual(15);
  });
});

describe('2.4.1 doveconf -d against the catalog', () => {
  it('every service\'s default filter, same values, nothing missing, nothing extra', () => {
    compareServices('2.4', dumpServices(d24), '2.4.1');
  });

  it('non-service blocks inside service filters are the recorded ones (imap_capability)', () => {
    for (const [name, s] of dumpServices(d24)) {
      expect(s.otherSections, name).toEqual(getService('2.4', name)?.otherFilterSettings ?? []);
    }
  });

  it('the global service_* and *_listener_* settings are exactly the catalog\'s flat names, with its defaults', () => {
    const top = settingsOf(d24);
    const binary = Object.keys(top)
      .filter((k) => /^(service|unix_listener|fifo_listener|inet_listener)_/.test(k))
      .sort();
    const catalog = listSettings('2.4')
      .filter((d) => d.scope === 'service' || LISTENER_KINDS.has(d.scope))
      .map((d) => d.versions['2.4']!)
      .filter((v) => v.flatName)
      .map((v) => v.flatName!)
      .sort();
    expect(binary).toEqual(catalog);
    for (const d of listSettings('2.4')) {
      const v = d.versions['2.4']!;
      if (v.flatName && v.flatName in top) expect(top[v.flatName], v.flatName).toBe(v.default);
    }
  });

  it('related globals (and passdb/userdb use_*) have the catalog\'s defaults', () => {
    const top = settingsOf(d24);
    for (const d of listSettings('2.4')) {
      if (d.scope !== 'global' && d.scope !== 'passdb' && d.scope !== 'userdb') continue;
      const v = d.versions['2.4']!;
      const key = v.flatName ?? v.name;
      if (v.default === null) expect(top[key], `${key} is not printed by -d`).toBeUndefined();
      else expect(top[key], key).toBe(v.default);
    }
  });
});

describe('2.4.1 defaults that depend on dovecot_config_version', () => {
  for (const cv of ['2.4.0', '2.4.1']) {
    it(`doveconf service with dovecot_config_version ${cv} equals serviceDefaults(…, {configVersion: '${cv}'})`, () => {
      const r = runDoveconf('2.4', min24(cv), ['service']);
      expect(r.exitCode, r.stderr).toBe(0);
      compareServices('2.4', dumpServices(parseDump(r.stdout)), cv);
    });
  }

  const lmtp: [string, string | number][] = [
    ['2.4.0', 'unlimited'],
    ['2.4.1', 1],
  ];
  for (const [cv, expected] of lmtp) {
    it(`single-setting query service/lmtp/service_restart_request_count with ${cv} → ${expected}`, () => {
      const r = runDoveconf('2.4', min24(cv), ['service/lmtp/service_restart_request_count']);
      expect(r.exitCode, r.stderr).toBe(0);
      const [svc] = parseDump(r.stdout).filter(isSection);
      expect(svc).toMatchObject({type: 'service', name: 'lmtp'});
      const value = settingsOf(svc.children).restart_request_count;
      expect(value).toBe(String(expected));
      expect(effectiveLimits('2.4', 'lmtp', undefined, {configVersion: cv}).restart_request_count).toBe(expected);
    });
  }

  it('global service_* queries give the inherited values (100 / 1000 / unlimited / 1 mins / 256 M)', () => {
    const r = runDoveconf('2.4', MIN24, [
      'service_process_limit',
      'service_client_limit',
      'service_restart_request_count',
      'service_idle_kill_interval',
      'service_vsz_limit',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const top = settingsOf(parseDump(r.stdout));
    const imapLogin = serviceDefaults('2.4', 'imap-login').settings;
    expect(top.service_process_limit).toBe(imapLogin.process_limit.effective);
    expect(top.service_client_limit).toBe(imapLogin.client_limit.effective);
    expect(top.service_restart_request_count).toBe(serviceDefaults('2.4', 'auth').settings.restart_request_count.effective);
    expect(top.service_idle_kill_interval).toBe(imapLogin.idle_kill_interval.effective);
    expect(top.service_vsz_limit).toBe(imapLogin.vsz_limit.effective);
  });
});

describe('fixtures are what the binaries print now', () => {
  const strip = (t: string) => t.split('\n').filter((l) => !l.startsWith('#')).join('\n');
  it('doveconf-2.3-a.txt', () => {
    const fixture = readFileSync(join(__dirname, 'fixtures/doveconf-2.3-a.txt'), 'utf8');
    expect(strip(runDoveconf('2.3', '', ['-a']).stdout)).toBe(strip(fixture));
  });
  it('doveconf-2.4-d.txt', () => {
    const fixture = readFileSync(join(__dirname, 'fixtures/doveconf-2.4-d.txt'), 'utf8');
    expect(strip(runDoveconf('2.4', MIN24, ['-d']).stdout)).toBe(strip(fixture));
  });
});
