/**
 * The settings catalog: the one place pages, widgets and the config generator read Dovecot's
 * service settings, per-service defaults, renames and the meaning of 0 / `unlimited` from.
 * Pure data and functions; checked against the real doveconf binaries in tests/doveconf.
 */
import type {DovecotVersion} from '../../version';
import type {
  DefaultsOptions,
  EffectiveLimits,
  Limit,
  LimitOverrides,
  ListenerKind,
  ResolvedListener,
  ResolvedService,
  ResolvedSetting,
  ServiceData,
  SettingDef,
  SettingScope,
  SettingValues,
} from './types';
import {SETTINGS} from './settings';
import {SERVICES_23, SERVICE_BASE_23, FILE_LISTENER_BASE_23, INET_LISTENER_BASE_23, PROCESS_LIMIT_1_23} from './services23';
import {
  SERVICES_24,
  SERVICE_GLOBALS_24,
  SERVICE_GLOBAL_SOURCES_24,
  LISTENER_GLOBALS_24,
  PROCESS_LIMIT_1_24,
  CONFIG_VERSION_CHANGES_24,
  SUPPORTED_CONFIG_VERSIONS_24,
  DEFAULT_CONFIG_VERSION_24,
} from './services24';
import {parseCount, parseSize, parseTime, UINT_MAX, UOFF_T_MAX_TEXT} from './values';

export * from './types';
export {SETTINGS} from './settings';
export {CHANGES_23_TO_24} from './changes';
export {nameIn, RENAMED_23_TO_24} from './names';
export {SRC} from './sources';
export {
  SERVICE_GLOBALS_24,
  LISTENER_GLOBALS_24,
  CONFIG_VERSION_CHANGES_24,
  SUPPORTED_CONFIG_VERSIONS_24,
  DEFAULT_CONFIG_VERSION_24,
} from './services24';
export {SERVICE_BASE_23, FILE_LISTENER_BASE_23, INET_LISTENER_BASE_23} from './services23';
export {parseCount, parseSize, parseTime} from './values';

const SERVICES: Record<DovecotVersion, readonly ServiceData[]> = {'2.3': SERVICES_23, '2.4': SERVICES_24};
const PROCESS_LIMIT_1: Record<DovecotVersion, readonly string[]> = {'2.3': PROCESS_LIMIT_1_23, '2.4': PROCESS_LIMIT_1_24};

// --- settings -----------------------------------------------------------------------------------

const BY_ID = new Map(SETTINGS.map((d) => [d.id, d]));

/**
 * The catalog never changes at run time, so lists and defaults derived from it are made once per
 * key: the generator and calculator ask for the same service defaults dozens of times per answer,
 * and on a phone each fresh walk over SETTINGS shows as main-thread time while the page hydrates.
 * Values kept here are frozen, so a caller that changed one would fail loudly rather than change
 * what the next caller reads.
 */
const memo = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (memo.has(key)) return memo.get(key) as T;
  const value = deepFreeze(make());
  memo.set(key, value);
  return value;
}
/** What a service's built-in defaults depend on: the version, and in 2.4 the dovecot_config_version. */
function memoKey(version: DovecotVersion, service: string, opts: DefaultsOptions | undefined): string {
  return `${version}|${service}|${version === '2.4' ? (opts?.configVersion ?? DEFAULT_CONFIG_VERSION_24) : ''}`;
}
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Settings in one version, optionally of one scope. */
export function listSettings(version?: DovecotVersion, scope?: SettingScope): SettingDef[] {
  return SETTINGS.filter((d) => (!version || d.versions[version]) && (!scope || d.scope === scope));
}

/**
 * The setting called `name` in either version: its id, its name inside its block, or its 2.4
 * flat name (`service_process_limit`). Plain names shared by several scopes (`user`, `mode`)
 * resolve to the service setting, then the unix_listener one, unless `scope` says otherwise.
 */
export function getSettingDef(name: string, scope?: SettingScope): SettingDef | undefined {
  const byId = BY_ID.get(name);
  if (byId && (!scope || byId.scope === scope)) return byId;
  return once(`def|${name}|${scope ?? ''}`, () => findSettingDef(name, scope));
}

function findSettingDef(name: string, scope?: SettingScope): SettingDef | undefined {
  const inScope = (d: SettingDef) => !scope || d.scope === scope;
  const byId = BY_ID.get(name);
  if (byId && inScope(byId)) return byId;
  const order: SettingScope[] = ['service', 'global', 'unix_listener', 'fifo_listener', 'inet_listener', 'passdb', 'userdb'];
  const matches = SETTINGS.filter(
    (d) => inScope(d) && Object.values(d.versions).some((v) => v && (v.name === name || v.flatName === name)),
  );
  matches.sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope));
  return matches[0];
}

/** The name of setting `idOrName` in `version`, or undefined when that version lacks it. */
export function settingName(version: DovecotVersion, idOrName: string, scope?: SettingScope): string | undefined {
  return getSettingDef(idOrName, scope)?.versions[version]?.name;
}

function computeAliases(): Record<string, string> {
  const candidates = new Map<string, Set<string>>();
  for (const d of SETTINGS) {
    if (d.scope !== 'service' && d.scope !== 'global') continue;
    for (const v of Object.values(d.versions)) {
      if (!v) continue;
      for (const n of [v.name, v.flatName]) {
        if (!n || n === d.id) continue;
        if (!candidates.has(n)) candidates.set(n, new Set());
        candidates.get(n)!.add(d.id);
      }
    }
  }
  const out: Record<string, string> = {};
  for (const [name, ids] of candidates) {
    if (ids.size === 1 && !BY_ID.has(name)) out[name] = [...ids][0];
  }
  return out;
}

/**
 * Other names that lead to a setting's anchor on /settings: 2.3 names (`service_count` →
 * `restart_request_count`) and 2.4 flat names (`service_process_limit` → `process_limit`).
 */
export const anchorAliases: Readonly<Record<string, string>> = computeAliases();

/** The /settings anchor for a setting given by any of its names. */
export function anchorFor(name: string): string | undefined {
  return BY_ID.has(name) ? name : (anchorAliases[name] ?? getSettingDef(name)?.id);
}

/** A global setting's default as the version's doveconf prints it. */
export function globalDefault(version: DovecotVersion, idOrName: string): string | null | undefined {
  return getSettingDef(idOrName)?.versions[version]?.default;
}

// --- services -----------------------------------------------------------------------------------

/** Service names of a version, sorted. */
export function listServices(version: DovecotVersion): string[] {
  return SERVICES[version].map((s) => s.name).sort();
}

/** A service's built-in defaults as recorded (see ServiceData), or undefined. */
export function getService(version: DovecotVersion, name: string): ServiceData | undefined {
  return SERVICES[version].find((s) => s.name === name);
}

/** Services doveconf refuses a process_limit other than 1 for. */
export function processLimit1Services(version: DovecotVersion): readonly string[] {
  return PROCESS_LIMIT_1[version];
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function checkConfigVersion(configVersion: string): void {
  if (!SUPPORTED_CONFIG_VERSIONS_24.includes(configVersion)) {
    throw new RangeError(
      `Invalid dovecot_config_version: Currently supported versions are: ${SUPPORTED_CONFIG_VERSIONS_24.join(' ')}`,
    );
  }
}

/** A 2.4 service's default filter for a dovecot_config_version (older versions keep older defaults). */
function serviceData24(data: ServiceData, configVersion: string): ServiceData {
  const changes = CONFIG_VERSION_CHANGES_24.filter(
    (c) => c.service === data.name && compareVersions(configVersion, c.since) < 0,
  );
  if (changes.length === 0) return data;
  const settings = {...data.settings};
  const listeners = data.listeners.map((l) => ({...l, settings: {...l.settings}}));
  for (const c of changes) {
    if (c.listener) {
      const l = listeners.find((x) => x.kind === c.listener!.kind && x.name === c.listener!.name);
      if (l) l.settings[c.setting] = c.before;
    } else {
      settings[c.setting] = c.before;
    }
  }
  return {...data, settings, listeners};
}

type Globals = Record<string, string> & {[EXPLICIT]?: ReadonlySet<string>};

/** Every global's default in `version` (2.4: with the service_* and listener globals). */
function baseGlobals(version: DovecotVersion): Readonly<Record<string, string>> {
  return once(`globals|${version}`, () => {
    const g: Record<string, string> = {};
    for (const d of SETTINGS) {
      const v = d.versions[version];
      if (d.scope === 'global' && v && v.default !== null) g[v.name] = v.default;
    }
    if (version === '2.4') Object.assign(g, SERVICE_GLOBALS_24, LISTENER_GLOBALS_24);
    return g;
  });
}
const EXPLICIT = Symbol('explicitly set globals');

/** Global values in force: catalog defaults, then the caller's overrides (remembered as explicit). */
function globalsFor(version: DovecotVersion, overrides: SettingValues | undefined): Globals {
  if (!overrides || Object.keys(overrides).length === 0) {
    return once(`globals-in-force|${version}`, () => Object.assign({...baseGlobals(version)}, {[EXPLICIT]: new Set<string>()}));
  }
  const g: Globals = {...baseGlobals(version)};
  const explicit = new Set<string>();
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const def = getSettingDef(key);
    const v = def?.versions[version];
    const isFlat = v?.flatName === key;
    if (!def || !v || (key !== v.name && !isFlat) || (def.scope !== 'global' && !(version === '2.4' && isFlat))) {
      throw new RangeError(`Unknown setting: ${key} (not a global setting of Dovecot ${version})`);
    }
    const name = isFlat ? key : v.name;
    g[name] = String(value);
    explicit.add(name);
  }
  if (version === '2.4') {
    // service_process_limit = $SET:default_process_limit etc.: a changed default_* flows through
    for (const [flat, from] of Object.entries(SERVICE_GLOBAL_SOURCES_24)) {
      if (!explicit.has(flat) && explicit.has(from)) g[flat] = g[from];
    }
  }
  g[EXPLICIT] = explicit;
  return g;
}

function expandVariables(version: DovecotVersion, value: string, g: Globals): {value: string; from?: string} {
  const m = version === '2.3' ? /^\$(default_[a-z_]+)$/.exec(value) : /^\$SET:([a-z_]+)$/.exec(value);
  if (m && g[m[1]] !== undefined) return {value: g[m[1]], from: m[1]};
  return {value};
}

const NEVER_23 = `${UINT_MAX} secs`;

function resolve23(key: string, raw: string, g: Globals): {effective: string; from?: string} {
  switch (key) {
    case 'process_limit':
      return raw === '0' ? {effective: g.default_process_limit, from: 'default_process_limit'} : {effective: raw};
    case 'client_limit':
      return raw === '0' ? {effective: g.default_client_limit, from: 'default_client_limit'} : {effective: raw};
    case 'idle_kill':
      if (raw === '0') return {effective: g.default_idle_kill, from: 'default_idle_kill'};
      return {effective: raw === NEVER_23 ? 'infinite' : raw};
    case 'service_count':
      return {effective: raw === '0' ? 'unlimited' : raw};
    case 'vsz_limit':
      if (raw === UOFF_T_MAX_TEXT) return {effective: g.default_vsz_limit, from: 'default_vsz_limit'};
      return {effective: raw === '0' ? 'unlimited' : raw};
    default: {
      const e = expandVariables('2.3', raw, g);
      return {effective: e.value, ...(e.from ? {from: e.from} : {})};
    }
  }
}

function setting(id: string, name: string, raw: string | null, effective: string, from?: string): ResolvedSetting {
  return from ? {id, name, raw, effective, from} : {id, name, raw, effective};
}

function serviceSettingDefs(version: DovecotVersion): readonly SettingDef[] {
  return once(`service-defs|${version}`, () => SETTINGS.filter((d) => d.scope === 'service' && d.versions[version] && d.versions[version]!.type !== 'section' && d.id !== 'name'));
}

function listenerSettingDefs(version: DovecotVersion, kind: ListenerKind): readonly SettingDef[] {
  return once(`listener-defs|${version}|${kind}`, () =>
    SETTINGS.filter((d) => d.scope === kind && d.versions[version] && d.versions[version]!.type !== 'section-name'),
  );
}

function normaliseServiceOverrides(version: DovecotVersion, values: SettingValues | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    const def = getSettingDef(key, 'service');
    const v = def?.versions[version];
    if (!def || !v || v.name !== key) {
      const hint = def && v ? ` (Dovecot ${version} calls it ${v.name})` : '';
      throw new RangeError(`Unknown setting: ${key} in a Dovecot ${version} service block${hint}`);
    }
    out[v.name] = String(value);
  }
  return out;
}

/** One service setting in force: the block's own value, else (2.4) an explicit global, else the built-in default. */
function serviceSetting(
  version: DovecotVersion,
  def: SettingDef,
  own: Readonly<Record<string, string>>,
  data: ServiceData,
  g: Globals,
): ResolvedSetting {
  if (version === '2.3') {
    const name = def.versions['2.3']!.name;
    const raw = own[name] ?? data.settings[name] ?? SERVICE_BASE_23[name];
    const r = resolve23(name, raw, g);
    return setting(def.id, name, raw, r.effective, r.from);
  }
  const v = def.versions['2.4']!;
  // A global service_* the config sets itself outranks the service's built-in default
  // filter (2.4: `service_process_limit = 50` applies to imap's 1024 and anvil's 1 too).
  const setGlobally = v.flatName !== undefined && g[EXPLICIT]?.has(v.flatName) === true;
  const raw = own[v.name] ?? (setGlobally ? g[v.flatName!] : undefined) ?? data.settings[v.name] ?? null;
  const e = raw !== null ? expandVariables('2.4', raw, g) : expandVariables('2.4', g[v.flatName!], g);
  const from = raw !== null ? e.from : (e.from ?? v.flatName);
  const effective = v.type === 'time' && e.value === 'unlimited' ? 'infinite' : e.value;
  return setting(def.id, v.name, raw, effective, from);
}

function resolveService(
  version: DovecotVersion,
  serviceName: string,
  overrides: LimitOverrides | undefined,
  opts: DefaultsOptions | undefined,
): ResolvedService {
  let data = getService(version, serviceName);
  if (!data) throw new RangeError(`Dovecot ${version} has no service ${JSON.stringify(serviceName)}`);
  const own = normaliseServiceOverrides(version, overrides?.service);
  if (Object.keys(overrides?.global ?? {}).length === 0) {
    // Only the block's own settings differ from the built-in defaults: start from those.
    const base = serviceDefaults(version, serviceName, opts);
    if (base.configVersion) data = serviceData24(data, base.configVersion);
    const g = globalsFor(version, undefined);
    const settings = {...base.settings};
    for (const def of serviceSettingDefs(version)) {
      const name = def.versions[version]!.name;
      if (own[name] !== undefined) settings[name] = serviceSetting(version, def, own, data, g);
    }
    return {...base, type: settings.type.effective, protocol: settings.protocol.effective, settings};
  }
  return resolveAll(version, serviceName, data, own, overrides?.global, opts);
}

/** Every setting and listener of a service, each resolved afresh. */
function resolveAll(
  version: DovecotVersion,
  serviceName: string,
  serviceData: ServiceData,
  own: Readonly<Record<string, string>>,
  globalOverrides: SettingValues | undefined,
  opts: DefaultsOptions | undefined,
): ResolvedService {
  let data = serviceData;
  const g = globalsFor(version, globalOverrides);
  const settings: Record<string, ResolvedSetting> = {};
  const listeners: ResolvedListener[] = [];
  let configVersion: string | undefined;

  if (version === '2.3') {
    for (const def of serviceSettingDefs('2.3')) settings[def.versions['2.3']!.name] = serviceSetting('2.3', def, own, data, g);
    for (const l of data.listeners) {
      const base = l.kind === 'inet_listener' ? INET_LISTENER_BASE_23 : FILE_LISTENER_BASE_23;
      const ls: Record<string, ResolvedSetting> = {};
      for (const def of listenerSettingDefs('2.3', l.kind)) {
        const name = def.versions['2.3']!.name;
        const raw = l.settings[name] ?? base[name];
        if (raw === undefined) continue;
        const e = expandVariables('2.3', raw, g);
        ls[name] = setting(def.id, name, raw, e.value, e.from);
      }
      listeners.push({kind: l.kind, name: l.name, settings: ls});
    }
  } else {
    configVersion = opts?.configVersion ?? DEFAULT_CONFIG_VERSION_24;
    checkConfigVersion(configVersion);
    data = serviceData24(data, configVersion);
    for (const def of serviceSettingDefs('2.4')) settings[def.versions['2.4']!.name] = serviceSetting('2.4', def, own, data, g);
    for (const l of data.listeners) {
      const ls: Record<string, ResolvedSetting> = {};
      for (const def of listenerSettingDefs('2.4', l.kind)) {
        const v = def.versions['2.4']!;
        const raw = l.settings[v.name] ?? null;
        const e = expandVariables('2.4', raw ?? g[v.flatName!], g);
        ls[v.name] = setting(def.id, v.name, raw, e.value, e.from ?? (raw === null ? v.flatName : undefined));
      }
      listeners.push({kind: l.kind, name: l.name, settings: ls});
    }
  }
  return {
    version,
    name: serviceName,
    type: settings.type.effective,
    protocol: settings.protocol.effective,
    settings,
    listeners,
    processLimit1: PROCESS_LIMIT_1[version].includes(serviceName),
    ...(configVersion ? {configVersion} : {}),
  };
}

/**
 * A service's full built-in defaults in `version`: for every service setting and listener the
 * raw value doveconf states and the value in force. For 2.4, `configVersion` (default 2.4.1)
 * selects the defaults of that dovecot_config_version (lmtp restart_request_count: 1 from 2.4.1,
 * unlimited for 2.4.0).
 */
export function serviceDefaults(version: DovecotVersion, service: string, opts?: DefaultsOptions): ResolvedService {
  return once(`defaults|${memoKey(version, service, opts)}`, () => {
    const data = getService(version, service);
    if (!data) throw new RangeError(`Dovecot ${version} has no service ${JSON.stringify(service)}`);
    return resolveAll(version, service, data, {}, undefined, opts);
  });
}

function asLimit(text: string): Limit {
  return parseCount(text);
}

/**
 * The limits `service` runs with, as numbers: 2.3's 0 → default_* (process_limit, client_limit,
 * idle_kill) or no limit (service_count, vsz_limit); 2.4's inheritance from the global service_*
 * settings (which follow default_*). `overrides.service` are settings of the service block,
 * `overrides.global` global ones, in the version's own names. Values doveconf would refuse (2.4's
 * 0s, a vsz_limit under 1 MiB) throw a RangeError carrying doveconf's message.
 */
export function effectiveLimits(
  version: DovecotVersion,
  service: string,
  overrides?: LimitOverrides,
  opts?: DefaultsOptions,
): EffectiveLimits {
  if (!overrides) {
    return once(`limits|${memoKey(version, service, opts)}`, () => limitsOf(version, service, serviceDefaults(version, service, opts)));
  }
  return limitsOf(version, service, resolveService(version, service, overrides, opts));
}

function limitsOf(version: DovecotVersion, service: string, r: ResolvedService): EffectiveLimits {
  const byId = new Map(Object.values(r.settings).map((s) => [s.id, s]));
  const get = (id: string) => byId.get(id)!;
  const fail = (id: string) => {
    const msg = getSettingDef(id)!.versions[version]!.zero?.message ?? `${id} must be higher than 0`;
    throw new RangeError(msg.replace('NAME', service));
  };

  const processLimit = asLimit(get('process_limit').effective);
  const clientLimit = asLimit(get('client_limit').effective);
  const restart = asLimit(get('restart_request_count').effective);
  const minAvail = parseCount(get('process_min_avail').effective);
  const vsz = parseSize(get('vsz_limit').effective);
  const idle = parseTime(get('idle_kill_interval').effective);

  if (version === '2.4') {
    if (processLimit === 0) fail('process_limit');
    if (clientLimit === 0) fail('client_limit');
    if (restart === 0) fail('restart_request_count');
    if (idle === 0) fail('idle_kill_interval');
    if (vsz !== 'unlimited' && vsz < 1024 * 1024) fail('vsz_limit');
  } else if (vsz !== 'unlimited' && vsz < 1024 * 1024) {
    throw new RangeError(`service(${service}): vsz_limit is too low`);
  }
  if (minAvail === 'unlimited') throw new RangeError(`service(${service}): process_min_avail is higher than process_limit`);

  const clientsPerProcess: Limit =
    restart !== 'unlimited' && (clientLimit === 'unlimited' || clientLimit > restart) ? restart : clientLimit;
  return {
    process_limit: processLimit,
    client_limit: clientLimit,
    restart_request_count: restart,
    process_min_avail: minAvail,
    vsz_limit: vsz,
    idle_kill_interval: idle,
    clientsPerProcess,
  };
}
