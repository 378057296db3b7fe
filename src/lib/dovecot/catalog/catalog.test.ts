// Values below are worked out by hand from FACTS.md (§1, §2, §3) and the two dumps, not read
// back from the catalog's own tables.
import {describe, expect, it} from 'vitest';
import {
  anchorAliases,
  anchorFor,
  CHANGES_23_TO_24,
  effectiveLimits,
  getService,
  getSettingDef,
  listServices,
  listSettings,
  nameIn,
  processLimit1Services,
  serviceDefaults,
  settingName,
  SETTINGS,
} from './index';
import {settingAnchor} from './names';
import {SETTING_PROSE} from './prose';
import {parseCount, parseSize, parseTime} from './values';

describe('values', () => {
  it('reads doveconf sizes, times and counts', () => {
    expect(parseSize('256 M')).toBe(268435456);
    expect(parseSize('1G')).toBe(1073741824);
    expect(parseSize('512k')).toBe(524288);
    expect(parseSize('unlimited')).toBe('unlimited');
    expect(parseTime('1 mins')).toBe(60);
    expect(parseTime('1 hours')).toBe(3600);
    expect(parseTime('infinite')).toBe('infinite');
    expect(parseCount('1024')).toBe(1024);
    expect(() => parseCount('-1')).toThrow(RangeError);
    expect(() => parseSize('12 parsecs')).toThrow(RangeError);
  });
});

describe('service lists', () => {
  it('2.3.19.1 has 32 services, 2.4.1 has 27', () => {
    expect(listServices('2.3')).toHaveLength(32);
    expect(listServices('2.4')).toHaveLength(27);
  });
  it('services only in 2.3 and only in 2.4 match FACTS §2', () => {
    const s23 = new Set(listServices('2.3'));
    const s24 = new Set(listServices('2.4'));
    expect([...s23].filter((s) => !s24.has(s)).sort()).toEqual(['aggregator', 'director', 'ipc', 'old-stats', 'replicator', 'tcpwrap']);
    expect([...s24].filter((s) => !s23.has(s))).toEqual(['dict-expire']);
  });
  it('process_limit = 1 services per version', () => {
    expect([...processLimit1Services('2.3')].sort()).toEqual(['anvil', 'auth', 'director', 'indexer', 'ipc', 'log', 'old-stats', 'replicator']);
    expect([...processLimit1Services('2.4')].sort()).toEqual(['anvil', 'auth', 'indexer', 'log']);
    for (const v of ['2.3', '2.4'] as const) {
      for (const s of processLimit1Services(v)) expect(serviceDefaults(v, s).settings.process_limit.effective).toBe('1');
    }
  });
  it('getService returns undefined for services a version lacks', () => {
    expect(getService('2.4', 'director')).toBeUndefined();
    expect(getService('2.3', 'dict-expire')).toBeUndefined();
    expect(() => serviceDefaults('2.4', 'director')).toThrow(/no service/);
  });
});

describe('serviceDefaults 2.3', () => {
  it('imap: 1024 processes, one client, one connection per process', () => {
    const s = serviceDefaults('2.3', 'imap');
    expect(s.settings.process_limit).toMatchObject({raw: '1024', effective: '1024'});
    expect(s.settings.client_limit).toMatchObject({raw: '1', effective: '1'});
    expect(s.settings.service_count).toMatchObject({id: 'restart_request_count', raw: '1', effective: '1'});
    expect(s.settings.vsz_limit).toMatchObject({raw: '18446744073709551615 B', effective: '256 M', from: 'default_vsz_limit'});
    expect(s.settings.idle_kill).toMatchObject({raw: '0', effective: '1 mins', from: 'default_idle_kill'});
    expect(s.settings.restart_request_count).toBeUndefined();
  });
  it('imap-login: 0 → default_process_limit 100 and default_client_limit 1000', () => {
    const s = serviceDefaults('2.3', 'imap-login');
    expect(s.type).toBe('login');
    expect(s.protocol).toBe('imap');
    expect(s.settings.process_limit).toMatchObject({raw: '0', effective: '100', from: 'default_process_limit'});
    expect(s.settings.client_limit).toMatchObject({raw: '0', effective: '1000', from: 'default_client_limit'});
    expect(s.settings.user).toMatchObject({raw: '$default_login_user', effective: 'dovenull'});
    expect(s.listeners.map((l) => `${l.kind} ${l.name} ${l.settings.port.effective} ${l.settings.ssl.effective}`)).toEqual([
      'inet_listener imap 143 no',
      'inet_listener imaps 993 yes',
    ]);
    expect(s.listeners[0].settings.address).toMatchObject({raw: '', effective: ''});
  });
  it('auth-worker: raw process_limit 0 resolves to 100', () => {
    const s = serviceDefaults('2.3', 'auth-worker');
    expect(s.settings.process_limit).toMatchObject({raw: '0', effective: '100'});
    expect(s.type).toBe('worker');
  });
  it('lmtp: service_count 0 means unlimited', () => {
    expect(serviceDefaults('2.3', 'lmtp').settings.service_count).toMatchObject({raw: '0', effective: 'unlimited'});
  });
  it('anvil: idle_kill 4294967295 secs means never; process_min_avail 1', () => {
    const s = serviceDefaults('2.3', 'anvil');
    expect(s.settings.idle_kill).toMatchObject({raw: '4294967295 secs', effective: 'infinite'});
    expect(s.settings.process_min_avail.effective).toBe('1');
    expect(s.processLimit1).toBe(true);
  });
});

describe('serviceDefaults 2.4', () => {
  it('imap-login inherits 100 / 1000 from service_* and keeps restart_request_count 1', () => {
    const s = serviceDefaults('2.4', 'imap-login');
    expect(s.settings.process_limit).toMatchObject({raw: null, effective: '100'});
    expect(s.settings.client_limit).toMatchObject({raw: null, effective: '1000'});
    expect(s.settings.restart_request_count).toMatchObject({raw: '1', effective: '1'});
    expect(s.settings.idle_kill_interval).toMatchObject({raw: null, effective: '1 mins'});
    expect(s.settings.vsz_limit).toMatchObject({raw: null, effective: '256 M'});
    expect(s.settings.service_count).toBeUndefined();
    expect(s.listeners.map((l) => `${l.kind} ${l.name}`)).toEqual([
      'unix_listener srv.imap-login/%{pid}',
      'inet_listener imap',
      'inet_listener imaps',
    ]);
  });
  it('auth-worker has process_limit 30 of its own', () => {
    expect(serviceDefaults('2.4', 'auth-worker').settings.process_limit).toMatchObject({raw: '30', effective: '30'});
  });
  it('auth: restart_request_count inherited unlimited', () => {
    expect(serviceDefaults('2.4', 'auth').settings.restart_request_count).toMatchObject({raw: null, effective: 'unlimited'});
  });
  it('lmtp restart_request_count depends on dovecot_config_version', () => {
    expect(serviceDefaults('2.4', 'lmtp').settings.restart_request_count.effective).toBe('1');
    expect(serviceDefaults('2.4', 'lmtp', {configVersion: '2.4.1'}).settings.restart_request_count.effective).toBe('1');
    expect(serviceDefaults('2.4', 'lmtp', {configVersion: '2.4.0'}).settings.restart_request_count.effective).toBe('unlimited');
    expect(() => serviceDefaults('2.4', 'lmtp', {configVersion: '2.3.0'})).toThrow(/Invalid dovecot_config_version/);
  });
  it('auth-userdb listener group is empty with dovecot_config_version 2.4.0', () => {
    const g = (cv: string) =>
      serviceDefaults('2.4', 'auth', {configVersion: cv}).listeners.find((l) => l.name === 'auth-userdb')!.settings.group;
    expect(g('2.4.0')).toMatchObject({raw: '', effective: ''});
    expect(g('2.4.1')).toMatchObject({raw: '$SET:default_internal_group', effective: 'dovecot'});
  });
});

describe('effectiveLimits', () => {
  it('2.3 imap', () => {
    expect(effectiveLimits('2.3', 'imap')).toEqual({
      process_limit: 1024,
      client_limit: 1,
      restart_request_count: 1,
      process_min_avail: 0,
      vsz_limit: 256 * 1024 * 1024,
      idle_kill_interval: 60,
      clientsPerProcess: 1,
    });
  });
  it('2.3 imap-login: client_limit 1000 capped at service_count 1 → 1 client per process', () => {
    const l = effectiveLimits('2.3', 'imap-login');
    expect(l.process_limit).toBe(100);
    expect(l.client_limit).toBe(1000);
    expect(l.clientsPerProcess).toBe(1);
  });
  it('2.3 high-performance imap-login: service_count 0 → 1000 clients per process', () => {
    const l = effectiveLimits('2.3', 'imap-login', {service: {service_count: 0}});
    expect(l.restart_request_count).toBe('unlimited');
    expect(l.clientsPerProcess).toBe(1000);
  });
  it('2.3 service_count 100 caps client_limit 1000 at 100', () => {
    expect(effectiveLimits('2.3', 'imap-login', {service: {service_count: 100}}).clientsPerProcess).toBe(100);
  });
  it('2.3 default_* overrides flow into 0-valued settings', () => {
    const l = effectiveLimits('2.3', 'imap-login', {global: {default_process_limit: 200, default_client_limit: 2000}});
    expect(l.process_limit).toBe(200);
    expect(l.client_limit).toBe(2000);
  });
  it('2.3 vsz_limit 0 means unlimited, 512k is too low', () => {
    expect(effectiveLimits('2.3', 'imap', {service: {vsz_limit: 0}}).vsz_limit).toBe('unlimited');
    expect(() => effectiveLimits('2.3', 'imap-login', {service: {vsz_limit: '512k'}})).toThrow('service(imap-login): vsz_limit is too low');
  });
  it('2.3 auth-worker: 100 processes', () => {
    expect(effectiveLimits('2.3', 'auth-worker').process_limit).toBe(100);
  });
  it('2.4 auth-worker: 30 processes; lmtp 1 (2.4.1) vs unlimited (2.4.0)', () => {
    expect(effectiveLimits('2.4', 'auth-worker').process_limit).toBe(30);
    expect(effectiveLimits('2.4', 'lmtp').restart_request_count).toBe(1);
    expect(effectiveLimits('2.4', 'lmtp', undefined, {configVersion: '2.4.0'}).restart_request_count).toBe('unlimited');
  });
  it('2.4 inherits from global service_* and from default_* through them', () => {
    expect(effectiveLimits('2.4', 'imap-login', {global: {service_process_limit: 300}}).process_limit).toBe(300);
    expect(effectiveLimits('2.4', 'imap-login', {global: {default_process_limit: 200}}).process_limit).toBe(200);
    // an explicit service_process_limit wins over default_process_limit
    expect(
      effectiveLimits('2.4', 'imap-login', {global: {default_process_limit: 200, service_process_limit: 300}}).process_limit,
    ).toBe(300);
    // a service's own value wins over both
    expect(effectiveLimits('2.4', 'imap', {global: {default_process_limit: 200}}).process_limit).toBe(1024);
    expect(effectiveLimits('2.4', 'imap-login', {global: {default_vsz_limit: '1G'}}).vsz_limit).toBe(1073741824);
  });
  it('2.4 zeros are errors with doveconf\'s messages', () => {
    expect(() => effectiveLimits('2.4', 'imap-login', {service: {restart_request_count: 0}})).toThrow(
      'service(imap-login): restart_request_count must be higher than 0 (did you mean "unlimited"?)',
    );
    expect(() => effectiveLimits('2.4', 'imap-login', {service: {process_limit: 0}})).toThrow(
      'service(imap-login): process_limit must be higher than 0',
    );
    expect(() => effectiveLimits('2.4', 'imap-login', {service: {client_limit: 0}})).toThrow(
      'service(imap-login): client_limit must be higher than 0',
    );
    expect(() => effectiveLimits('2.4', 'imap', {service: {idle_kill_interval: 0}})).toThrow(
      'service(imap): idle_kill_interval must be higher than 0 (did you mean "unlimited"?)',
    );
    expect(() => effectiveLimits('2.4', 'imap', {service: {vsz_limit: 0}})).toThrow(
      'service(imap): vsz_limit is too low (did you mean "unlimited"?)',
    );
  });
  it('2.4 high-performance imap-login: unlimited restarts → 1000 clients per process', () => {
    const l = effectiveLimits('2.4', 'imap-login', {service: {restart_request_count: 'unlimited', vsz_limit: '1G'}});
    expect(l.clientsPerProcess).toBe(1000);
    expect(l.vsz_limit).toBe(1024 ** 3);
  });
  it('refuses the other version\'s names', () => {
    expect(() => effectiveLimits('2.4', 'imap-login', {service: {service_count: 0}})).toThrow(/restart_request_count/);
    expect(() => effectiveLimits('2.3', 'imap-login', {service: {restart_request_count: 1}})).toThrow(/service_count/);
    expect(() => effectiveLimits('2.4', 'imap', {global: {default_idle_kill: 60}})).toThrow(/Unknown setting/);
    expect(() => effectiveLimits('2.3', 'imap', {global: {service_process_limit: 60}})).toThrow(/Unknown setting/);
  });
});

describe('settings and names', () => {
  it('ids are unique and anchors are valid HTML ids', () => {
    const ids = SETTINGS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
  });
  it('every setting has a description and sources, and no prose is left without its setting', () => {
    expect(Object.keys(SETTING_PROSE).sort()).toEqual(SETTINGS.map((d) => d.id).sort());
    for (const d of SETTINGS) {
      expect(SETTING_PROSE[d.id]?.description.length ?? 0, d.id).toBeGreaterThan(40);
      expect(d.sources.length, d.id).toBeGreaterThan(0);
    }
  });
  it('getSettingDef accepts either version\'s name and the 2.4 flat name', () => {
    expect(getSettingDef('service_count')?.id).toBe('restart_request_count');
    expect(getSettingDef('restart_request_count')?.id).toBe('restart_request_count');
    expect(getSettingDef('service_restart_request_count')?.id).toBe('restart_request_count');
    expect(getSettingDef('idle_kill')?.id).toBe('idle_kill_interval');
    expect(getSettingDef('default_idle_kill')?.id).toBe('default_idle_kill_interval');
    expect(getSettingDef('user')?.scope).toBe('service');
    expect(getSettingDef('user', 'unix_listener')?.id).toBe('unix_listener_user');
    expect(getSettingDef('no_such_setting')).toBeUndefined();
  });
  it('names per version', () => {
    expect(settingName('2.3', 'restart_request_count')).toBe('service_count');
    expect(settingName('2.4', 'service_count')).toBe('restart_request_count');
    expect(settingName('2.4', 'auth_worker_max_count')).toBeUndefined();
    expect(settingName('2.3', 'dovecot_config_version')).toBeUndefined();
    expect(settingName('2.4', 'inet_listener_address')).toBeUndefined();
    expect(nameIn('2.4', 'service_count')).toBe('restart_request_count');
    expect(nameIn('2.3', 'idle_kill_interval')).toBe('idle_kill');
    expect(nameIn('2.3', 'process_limit')).toBe('process_limit');
  });
  it('anchor aliases: 2.3 names and flat names lead to the 2.4 id', () => {
    expect(anchorAliases.service_count).toBe('restart_request_count');
    expect(anchorAliases.idle_kill).toBe('idle_kill_interval');
    expect(anchorAliases.default_idle_kill).toBe('default_idle_kill_interval');
    expect(anchorAliases.service_process_limit).toBe('process_limit');
    expect(anchorFor('service_count')).toBe('restart_request_count');
    expect(settingAnchor('service_count')).toBe('restart_request_count');
    expect(settingAnchor('client_limit')).toBe('client_limit');
    for (const [alias, id] of Object.entries(anchorAliases)) {
      expect(SETTINGS.some((d) => d.id === id)).toBe(true);
      expect(SETTINGS.some((d) => d.id === alias)).toBe(false);
    }
  });
  it('what 0 and unlimited mean (FACTS §1)', () => {
    const zero = (v: '2.3' | '2.4', id: string) => getSettingDef(id)!.versions[v]!.zero!.meaning;
    expect(zero('2.3', 'process_limit')).toBe('use-default');
    expect(zero('2.3', 'client_limit')).toBe('use-default');
    expect(zero('2.3', 'idle_kill')).toBe('use-default');
    expect(zero('2.3', 'service_count')).toBe('no-limit');
    expect(zero('2.3', 'vsz_limit')).toBe('no-limit');
    for (const id of ['process_limit', 'client_limit', 'restart_request_count', 'idle_kill_interval', 'vsz_limit']) {
      expect(zero('2.4', id)).toBe('error');
      expect(getSettingDef(id)!.versions['2.4']!.unlimited!.accepted).toBe(true);
      expect(getSettingDef(id)!.versions['2.3']!.unlimited!.accepted).toBe(false);
    }
  });
  it('2.3-only and 2.4-only settings', () => {
    const only = (v: '2.3' | '2.4') =>
      listSettings(v)
        .filter((d) => !d.versions[v === '2.3' ? '2.4' : '2.3'])
        .map((d) => d.id)
        .sort();
    expect(only('2.3')).toEqual(['auth_worker_max_count', 'inet_listener_address', 'login_access_sockets']);
    expect(only('2.4')).toEqual([
      'dovecot_config_version',
      'dovecot_storage_version',
      'fifo_listener_type',
      'inet_listener_type',
      'passdb_use_cache',
      'passdb_use_worker',
      'unix_listener_type',
      'userdb_use_cache',
      'userdb_use_worker',
    ]);
  });
  it('renames 2.3 → 2.4 as data', () => {
    const renamed = CHANGES_23_TO_24.filter((c) => c.kind === 'renamed').map((c) => `${c.from}→${c.to}`);
    expect(renamed.sort()).toEqual(['default_idle_kill→default_idle_kill_interval', 'idle_kill→idle_kill_interval', 'service_count→restart_request_count']);
    const removed = CHANGES_23_TO_24.filter((c) => c.kind === 'removed').map((c) => c.from);
    expect(removed.sort()).toEqual(['address', 'auth_worker_max_count', 'login_access_sockets']);
    const gone = CHANGES_23_TO_24.filter((c) => c.kind === 'service-removed').map((c) => c.from!);
    for (const s of gone) {
      expect(getService('2.3', s)).toBeDefined();
      expect(getService('2.4', s)).toBeUndefined();
    }
  });
});

describe('2.4 global service_* settings against built-in service defaults', () => {
  // Observed with doveconf 2.4.1: a service_process_limit the config sets reaches every service,
  // even those with their own built-in value (anvil then fails "process_limit must be 1");
  // default_process_limit only reaches services without one.
  it('an explicit service_process_limit outranks the built-in default filter', () => {
    expect(effectiveLimits('2.4', 'imap', {global: {service_process_limit: '50'}}).process_limit).toBe(50);
    expect(effectiveLimits('2.4', 'anvil', {global: {service_process_limit: '50'}}).process_limit).toBe(50);
  });
  it('default_process_limit only changes services that inherit', () => {
    expect(effectiveLimits('2.4', 'imap', {global: {default_process_limit: '50'}}).process_limit).toBe(1024);
    expect(effectiveLimits('2.4', 'imap-login', {global: {default_process_limit: '50'}}).process_limit).toBe(50);
  });
  it('a setting in the service block still wins over the global', () => {
    expect(effectiveLimits('2.4', 'imap', {global: {service_process_limit: '50'}, service: {process_limit: '7'}}).process_limit).toBe(7);
  });
});

describe('size spellings doveconf accepts', () => {
  it('takes binary units', () => {
    expect(parseSize('2 MiB')).toBe(2 * 1024 * 1024);
    expect(parseSize('1ki')).toBe(1024);
    expect(parseSize('1 KiB')).toBe(1024);
  });
});
