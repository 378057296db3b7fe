/**
 * The checks real doveconf makes on services and the auth cache, for Dovecot 2.3.19.1 and 2.4.1,
 * over a whole parsed config: which message doveconf prints, and in which order.
 *
 * What doveconf does (read from dovecot/core 2.3.19.1 master-settings.c master_settings_verify(),
 * 2.4.1 master_settings_ext_check(), src/config/config-parser.c, old-set-parser.c,
 * auth-settings.c, and confirmed against the binaries by tests/doveconf/rules-differential):
 *
 * 1. While parsing, in file order: a value that does not parse is fatal at once (V1), as are
 *    2.4's `dovecot_config_version` not being the first setting (E17) or unsupported (E19), and
 *    2.4's named-list sections without a name (E20: `inet_listener { } is missing section name`;
 *    2.3 accepts them, and adds an unnamed listener next to the built-in ones).
 *    2.3 rewrites a bare `auth_cache_size` of 1..1023 to megabytes with an obsolete warning (W4),
 *    and reads Dovecot 1.x/2.0 names with one (W5, old-set-parser.c): `login_process_size` becomes
 *    `vsz_limit` of the login services, `imaps` in protocols is dropped, and so on.
 * 2. Then the setting roots are checked: the auth root (E16 2.3, E15) before the master root.
 *    The master root: service types of every service (E9), `protocols` (E11), then each enabled
 *    service in doveconf's own service order (E8, E4, E1, E5, E6, E7, E2, E3; the first failing
 *    check of the first failing service is the error), then the auth/anvil client_limit warnings
 *    (W1, W2), which are printed whenever the master root passes, even when another root fails.
 * 3. 2.4: a missing `dovecot_storage_version` (E18) is reported only after all of that.
 * doveconf's fatal error is the first error found in that order; warnings come before it.
 * W3 (fd limit) is the master's, at startup: doveconf never prints it (`source: 'master'`).
 *
 * Services whose `protocol` is not in `protocols` are skipped by the per-service checks and the
 * W1/W2 sums, exactly as doveconf does. Numbers are doveconf's: unsigned 32-bit counts
 * (`unlimited` = 4294967295 in 2.4, sums wrap around as C's unsigned int does), 64-bit sizes.
 * Pure: no I/O.
 */
import type {DovecotVersion} from '../version';
import {
  processLimit1Services,
  serviceDefaults,
  listServices,
  SUPPORTED_CONFIG_VERSIONS_24,
  DEFAULT_CONFIG_VERSION_24,
} from './catalog';
import type {ConfigTree, SectionNode, SettingNode} from './conf';
import {expandFlatServiceSetting} from './conf';
import type {Obsolete23} from './rulesObsolete';

export type RuleId =
  | 'E1'
  | 'E2'
  | 'E3'
  | 'E4'
  | 'E5'
  | 'E6'
  | 'E7'
  | 'E8'
  | 'E9'
  | 'E11'
  | 'E15'
  | 'E16'
  | 'E17'
  | 'E18'
  | 'E19'
  | 'E20'
  | 'V1'
  | 'W1'
  | 'W2'
  | 'W3'
  | 'W4'
  | 'W5'
  /** A `#` right after a character: the rest of the line is a comment (found by explain/, on the text). */
  | 'W6';

/** A service counted into the W1/W2 sums, with the process_limit doveconf printed for it. */
export interface CountedService {
  service: string;
  process_limit: number;
}

export interface RuleResult {
  id: RuleId;
  severity: 'error' | 'warning';
  /** 'doveconf': printed by doveconf; 'master': only the dovecot master checks it, at startup. */
  source: 'doveconf' | 'master';
  service?: string;
  /**
   * The text doveconf prints after `doveconf: Error: ` / `Warning: `, without the
   * `Error in configuration file F line N: ` prefix of parse-time errors (see `line`).
   */
  message: string;
  numbers: Record<string, number | string>;
  /** W1/W2: the services summed, in doveconf's order. */
  counted?: CountedService[];
  /** Parse-time results (V1, E17, E19, W4, W5): the line doveconf names. */
  line?: number;
}

export interface RulesOptions {
  /**
   * 2.4 expands `%{system:cpu_count}` while checking (e.g. `process_min_avail =
   * %{system:cpu_count}`): the CPU count of the checking machine. Unknown: such a value counts as 0.
   */
  cpuCount?: number;
  /**
   * W3: the process's `ulimit -n`. When given, W3 is reported only if it is lower than needed,
   * with the master's exact text; when absent, W3 is always reported as a requirement.
   */
  fdLimit?: number;
  /**
   * W5: the Dovecot 1.x/2.0 names 2.3 still reads (OBSOLETE_23_NAMES of ./rulesObsolete), for
   * texts people paste. Without them such a name is not recognised: fine for configs built from
   * a form (calculator, generator), which never hold one.
   */
  obsolete23?: Obsolete23;
}

export const UINT_MAX = 4294967295;
/** The 2.4 variable doveconf expands to the machine's CPU count. */
export const CPU_COUNT = '%{system:cpu_count}';
const UOFF_T_MAX = (1n << 64n) - 1n;
const MIB = 1024n * 1024n;

/**
 * The order doveconf walks services in (measured: a config with a failing check in every
 * service, removing the reported one each time). 2.3's comes from its built-in service array;
 * 2.4 sorts service names.
 */
export const SERVICE_ORDER_23: readonly string[] = [
  'managesieve-login', 'managesieve', 'tcpwrap', 'health-check', 'submission', 'submission-login',
  'stats', 'replicator', 'aggregator', 'pop3', 'pop3-login', 'old-stats', 'log', 'lmtp', 'ipc',
  'indexer-worker', 'indexer', 'imap', 'imap-urlauth-worker', 'imap-urlauth', 'imap-urlauth-login',
  'imap-login', 'imap-hibernate', 'doveadm', 'dns-client', 'director', 'dict', 'dict-async', 'config',
  'auth', 'auth-worker', 'anvil',
];

export function serviceOrder(version: DovecotVersion): readonly string[] {
  return version === '2.3' ? SERVICE_ORDER_23 : listServices('2.4');
}

// --- values, parsed as doveconf parses them -------------------------------------------------------

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

const DIGITS = /^[0-9]+$/;

function numError(text: string): string {
  const numeric = (s: string) => DIGITS.test(s);
  if (text.startsWith('-')) return numeric(text.slice(1)) ? 'Number too small' : 'Not a valid number';
  return numeric(text) ? 'Number too large' : 'Not a valid number';
}

/**
 * An unsigned int setting (process_limit, client_limit, ...): decimal digits up to 4294967295;
 * 2.4 also `unlimited` / `infinite` (= 4294967295). Error text as doveconf's settings parser.
 */
export function parseUintSetting(version: DovecotVersion, text: string, cpuCount?: number): Parsed<number> {
  if (version === '2.4' && (text === 'unlimited' || text === 'infinite')) return {ok: true, value: UINT_MAX};
  if (version === '2.4' && text === CPU_COUNT) return {ok: true, value: cpuCount ?? 0};
  if (DIGITS.test(text)) {
    // up to 9 digits always fits; longer numbers are compared exactly as bigints
    if (text.length <= 9) return {ok: true, value: Number(text)};
    const n = BigInt(text);
    if (n <= BigInt(UINT_MAX)) return {ok: true, value: Number(n)};
  }
  return {ok: false, error: `Invalid number ${text}: ${numError(text)}`};
}

const SIZE_TEXT = /^([0-9]+) *(.*)$/s;
const SIZE_UNITS = new Map<string, bigint>([['B', 1n], ['K', 1024n], ['M', MIB], ['G', 1024n * MIB], ['T', 1024n * 1024n * MIB]]);

/**
 * A size (vsz_limit, auth_cache_size): digits, optional spaces, an optional unit B K M G T
 * (any case; after K..T an optional `i` and `B`), as str_parse_get_size(); 2.4 also
 * `unlimited` / `infinite` (= UOFF_T_MAX). Bytes as a bigint.
 */
export function parseSizeSetting(version: DovecotVersion, text: string): Parsed<bigint> {
  if (version === '2.4' && (text === 'unlimited' || text === 'infinite')) return {ok: true, value: UOFF_T_MAX};
  const m = SIZE_TEXT.exec(text);
  const invalid = {ok: false as const, error: `Invalid size: ${text}`};
  if (!m) return invalid;
  const num = BigInt(m[1]);
  if (num > UOFF_T_MAX) return invalid;
  let rest = m[2];
  let mul = 1n;
  const unit = SIZE_UNITS.get(rest.charAt(0).toUpperCase());
  if (unit !== undefined) {
    mul = unit;
    rest = rest.slice(1);
    if (mul > 1n) {
      if (rest.charAt(0).toUpperCase() === 'I') rest = rest.slice(1);
      if (rest.charAt(0).toUpperCase() === 'B') rest = rest.slice(1);
    }
  }
  if (rest !== '') return invalid;
  if (num > UOFF_T_MAX / mul) return {ok: false, error: `Size is too large: ${text}`};
  return {ok: true, value: num * mul};
}

/**
 * A time (idle_kill / idle_kill_interval), reduced to what the checks need: zero or not. 2.4
 * `unlimited` / `infinite` never idle-kill. Unparsable text is an error.
 */
export function parseTimeSetting(version: DovecotVersion, text: string): Parsed<number> {
  if (version === '2.4' && (text === 'unlimited' || text === 'infinite')) return {ok: true, value: UINT_MAX};
  const m = /^([0-9]+) *([A-Za-z]*)$/.exec(text);
  if (!m) return {ok: false, error: `Invalid time interval: ${text}`};
  const n = Number(m[1]);
  if (version === '2.4' && m[2] === '' && n !== 0) {
    return {ok: false, error: `Time interval '${text}' is missing units (add e.g. 's' for seconds)`};
  }
  return {ok: true, value: n};
}

/** Formats bytes as doveconf's `%llu` does. */
function bytesText(n: bigint): string {
  return n.toString();
}

// --- reading the config --------------------------------------------------------------------------

type ServiceKey =
  | 'process_limit'
  | 'client_limit'
  | 'restart_request_count'
  | 'process_min_avail'
  | 'vsz_limit'
  | 'idle_kill'
  | 'type'
  | 'chroot'
  | 'drop_priv_before_exec'
  | 'protocol';

/** Names of the service settings the checks read, per version, to the internal key. */
const SERVICE_NAMES: Record<DovecotVersion, Readonly<Record<string, ServiceKey>>> = {
  '2.3': {
    process_limit: 'process_limit',
    client_limit: 'client_limit',
    service_count: 'restart_request_count',
    process_min_avail: 'process_min_avail',
    vsz_limit: 'vsz_limit',
    idle_kill: 'idle_kill',
    type: 'type',
    chroot: 'chroot',
    drop_priv_before_exec: 'drop_priv_before_exec',
    protocol: 'protocol',
  },
  '2.4': {
    process_limit: 'process_limit',
    client_limit: 'client_limit',
    restart_request_count: 'restart_request_count',
    process_min_avail: 'process_min_avail',
    vsz_limit: 'vsz_limit',
    idle_kill_interval: 'idle_kill',
    type: 'type',
    chroot: 'chroot',
    drop_priv_before_exec: 'drop_priv_before_exec',
    protocol: 'protocol',
  },
};

const UINT_KEYS: readonly ServiceKey[] = ['process_limit', 'client_limit', 'restart_request_count', 'process_min_avail'];

/** A service as doveconf's checks see it. Counts are uint32; vsz_limit in bytes. */
export interface CheckedService {
  name: string;
  type: string;
  protocol: string;
  enabled: boolean;
  /** 2.3: the effective limit (0 → default_process_limit), as the checks use it. */
  process_limit: number;
  /** 2.3: as written (0 = default_client_limit); 2.4: resolved. */
  client_limit: number;
  /** Effective client_limit (2.3: 0 → default_client_limit). */
  client_limit_effective: number;
  /** 2.3 service_count (0 = unlimited), 2.4 restart_request_count (4294967295 = unlimited). */
  restart_request_count: number;
  process_min_avail: number;
  /** 2.3: as stored (unset = UOFF_T_MAX, 0 = unlimited); 2.4: resolved. */
  vsz_limit: bigint;
  /** Zero or not, as the 2.4 check needs it. */
  idle_kill: number;
  chroot: string;
  drop_priv_before_exec: boolean;
}

interface Collected {
  /** Fatal parse-time result, if any (V1, E17, E19). */
  parseError?: RuleResult;
  parseWarnings: RuleResult[];
  globals: Map<string, string>;
  /** Service name → key → raw text, in file order (last wins). */
  services: Map<string, Map<ServiceKey, string>>;
  /** 2.4 global `service_*` flat settings the user wrote. */
  flatGlobals: Map<ServiceKey, string>;
  sawConfigVersion: boolean;
  cpuCount?: number;
}

const GLOBALS: Record<DovecotVersion, readonly string[]> = {
  '2.3': ['protocols', 'default_process_limit', 'default_client_limit', 'default_vsz_limit', 'default_idle_kill', 'auth_cache_size', 'auth_worker_max_count'],
  '2.4': [
    'protocols',
    'default_process_limit',
    'default_client_limit',
    'default_vsz_limit',
    'default_idle_kill_interval',
    'auth_cache_size',
    'dovecot_config_version',
    'dovecot_storage_version',
  ],
};

/**
 * 2.4's named-list filters: a section of one of these types without a name is fatal at the line
 * that opens it, `TYPE { } is missing section name` (2.4.1 config-parser.c; each type checked
 * with the real doveconf 2.4.1 by tests/doveconf).
 */
export const NAMED_SECTIONS_24: ReadonlySet<string> = new Set([
  'service', 'inet_listener', 'unix_listener', 'fifo_listener', 'passdb', 'userdb', 'namespace', 'mailbox',
  'metric', 'event_exporter', 'fs', 'language', 'quota', 'quota_warning', 'sieve_script', 'acl', 'dict', 'dict_map',
]);

/** The first section (itself or inside it, in file order) 2.4 refuses for having no name. */
function firstUnnamed(root: SectionNode): SectionNode | null {
  const stack: SectionNode[] = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s.name === undefined && s.group === undefined && NAMED_SECTIONS_24.has(s.type)) return s;
    for (let i = s.children.length - 1; i >= 0; i--) {
      const c = s.children[i];
      if (c.kind === 'section') stack.push(c);
    }
  }
  return null;
}

const UINT_CHECKED = new Set<string>(['default_process_limit', 'default_client_limit', 'auth_worker_max_count', ...UINT_KEYS]);
const BOOLEAN_TEXT = /^(yes|y|1|no)$/i;

function valueCheck(version: DovecotVersion, key: ServiceKey | string, value: string): string | null {
  if (UINT_CHECKED.has(key)) {
    const r = parseUintSetting(version, value);
    return r.ok ? null : r.error;
  }
  if (key === 'vsz_limit' || key === 'default_vsz_limit' || key === 'auth_cache_size') {
    const r = parseSizeSetting(version, value);
    return r.ok ? null : r.error;
  }
  if (key === 'idle_kill' || key === 'default_idle_kill' || key === 'default_idle_kill_interval') {
    const r = parseTimeSetting(version, value);
    return r.ok ? null : r.error;
  }
  if (key === 'drop_priv_before_exec') {
    return BOOLEAN_TEXT.test(value) ? null : `Invalid boolean value: ${value} (use yes or no)`;
  }
  return null;
}

/** valueCheck, worked out once per key and value: a large config repeats the same few values. */
function valueChecker(version: DovecotVersion): (key: string, value: string) => string | null {
  const seen = new Map<string, Map<string, string | null>>();
  return (key, value) => {
    let byValue = seen.get(key);
    if (!byValue) seen.set(key, (byValue = new Map()));
    let error = byValue.get(value);
    if (error === undefined) {
      error = valueCheck(version, key, value);
      byValue.set(value, error);
    }
    return error;
  };
}

/** 2.3's `protocols`: `imaps`/`pop3s` dropped, `managesieve` renamed, each with its warning. */
export function obsoleteProtocols23(value: string): {value: string; warnings: string[]} {
  const words = value.split(/[ \t]+/).filter((w) => w !== '');
  const warnings: string[] = [];
  const out: string[] = [];
  for (const w of words) {
    if (w === 'imaps' || w === 'pop3s') continue;
    if (w === 'managesieve') {
      warnings.push('protocols=managesieve has been renamed to protocols=sieve');
      out.push('sieve');
    } else out.push(w);
  }
  for (const [ssl, plain] of [['imaps', 'imap'], ['pop3s', 'pop3']] as const) {
    if (!words.includes(ssl)) continue;
    if (!words.includes(plain)) {
      warnings.push(`'${ssl}' protocol can no longer be specified (use protocols=${plain}). to disable non-ssl ${plain}, use service ${plain}-login { inet_listener ${plain} { port=0 } }`);
      out.push(plain);
    } else warnings.push(`'${ssl}' protocol is no longer necessary, remove it`);
  }
  return {value: out.join(' '), warnings};
}

/** SERVICE_NAMES as maps (a key like `constructor` must not find Object's properties). */
const SERVICE_KEYS = {
  '2.3': new Map(Object.entries(SERVICE_NAMES['2.3'])),
  '2.4': new Map(Object.entries(SERVICE_NAMES['2.4'])),
} satisfies Record<DovecotVersion, ReadonlyMap<string, ServiceKey>>;

function collect(version: DovecotVersion, tree: ConfigTree, opts?: RulesOptions): Collected {
  const cpuCount = opts?.cpuCount;
  const old = opts?.obsolete23;
  // own keys only: a setting named `constructor` is not an old name
  const isOld = (key: string) => old !== undefined && Object.prototype.hasOwnProperty.call(old.names, key);
  const out: Collected = {parseWarnings: [], globals: new Map(), services: new Map(), flatGlobals: new Map(), sawConfigVersion: false, cpuCount};
  const valueCheckOf = valueChecker(version);
  const globalKeys = GLOBALS[version];
  const serviceKeys = SERVICE_KEYS[version];
  let firstSetting = true;
  const svc = (name: string) => {
    let m = out.services.get(name);
    if (!m) out.services.set(name, (m = new Map()));
    return m;
  };
  const fail = (r: Omit<RuleResult, 'severity' | 'source'>) => {
    out.parseError = {severity: 'error', source: 'doveconf', ...r};
  };
  const warn = (line: number, message: string, numbers: RuleResult['numbers'] = {}) => {
    out.parseWarnings.push({id: 'W5', severity: 'warning', source: 'doveconf', message, numbers, line});
  };
  /** A 1.x/2.0 name 2.3 still reads: its warning, and the service setting it becomes. */
  const obsolete23 = (node: SettingNode, protocol: string | null) => {
    const key = node.key;
    if (node.file) return;
    if (key === 'protocols') {
      for (const w of obsoleteProtocols23(node.value).warnings) warn(node.pos.line, w, {setting: key});
      return;
    }
    if (key.startsWith('ssl_') && key.endsWith('_file') && node.value === '') return;
    if (!old) return;
    warn(node.pos.line, old.names[key], {setting: key});
    const set = old.services[key];
    const sk = set && SERVICE_KEYS['2.3'].get(set.setting);
    if (!set || !sk) return;
    for (const service of old.servicesFor(set.services, protocol)) svc(service).set(sk, set.value(node.value));
  };
  const missingName = (node: SectionNode) => {
    fail({id: 'E20', message: `${node.type} { } is missing section name`, numbers: {section: node.type}, line: node.pos.line});
  };
  const badValue = (node: SettingNode, key: string, written: string, error: string) => {
    // 2.4 names the setting as written before the parser's error; 2.3 does not.
    const message = version === '2.4' ? `${written}: ${error}` : error;
    fail({id: 'V1', message, numbers: {setting: key, value: node.value}, line: node.pos.line});
  };

  // Indexed loops here and in the tree walks of explain/: each runs once per config, mostly before
  // the JIT has optimised it, and a for…of loop then allocates an iterator result per node.
  const nodes = tree.children;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (out.parseError) break;
    if (node.kind === 'setting') {
      if (version === '2.4' && firstSetting && node.key !== 'dovecot_config_version') {
        fail({id: 'E17', message: 'The first setting must be dovecot_config_version', numbers: {}, line: node.pos.line});
        break;
      }
      firstSetting = false;
      const key = node.key;
      if (version === '2.4' && key === 'dovecot_config_version') {
        out.sawConfigVersion = true;
        if (!SUPPORTED_CONFIG_VERSIONS_24.includes(node.value)) {
          fail({
            id: 'E19',
            message: `Invalid dovecot_config_version: Currently supported versions are: ${SUPPORTED_CONFIG_VERSIONS_24.join(' ')}`,
            numbers: {value: node.value},
            line: node.pos.line,
          });
          break;
        }
      }
      if (version === '2.3' && (isOld(key) || key === 'protocols')) obsolete23(node, null);
      if (globalKeys.includes(key)) {
        let value = version === '2.3' && key === 'protocols' ? obsoleteProtocols23(node.value).value : node.value;
        if (version === '2.3' && key === 'auth_cache_size' && /^[0-9]+$/.test(value)) {
          const n = BigInt(value);
          if (n > 0n && n < 1024n) {
            // old-set-parser.c: "obsolete" warning, the value becomes N megabytes
            out.parseWarnings.push({
              id: 'W4',
              severity: 'warning',
              source: 'doveconf',
              message: `auth_cache_size value no longer defaults to megabytes. Use ${value}M`,
              numbers: {setting: key, value},
              line: node.pos.line,
            });
            value = `${value}M`;
          }
        }
        const err = valueCheckOf(key, value);
        if (err) {
          badValue(node, key, key, err);
          break;
        }
        out.globals.set(key, value);
        continue;
      }
      // every flat service setting starts so (`service_x`, `service/NAME/x`): most keys do not
      if (version === '2.4' && key.startsWith('service')) {
        const flat = expandFlatServiceSetting(key);
        const sk = flat && flat.scope !== 'listener' ? SERVICE_KEYS['2.4'].get(flat.setting) : undefined;
        if (flat && sk) {
          const err = valueCheckOf(sk, node.value);
          if (err) {
            badValue(node, sk, key, err);
            break;
          }
          if (flat.scope === 'global') out.flatGlobals.set(sk, node.value);
          else if (flat.scope === 'service') svc(flat.service).set(sk, node.value);
        }
      }
      continue;
    }
    if (node.kind === 'section' && node.type === 'service' && node.name !== undefined) {
      if (version === '2.4' && firstSetting) {
        fail({id: 'E17', message: 'The first setting must be dovecot_config_version', numbers: {}, line: node.pos.line});
        break;
      }
      firstSetting = false;
      const m = svc(node.name);
      for (let j = 0; j < node.children.length; j++) {
        const child = node.children[j];
        if (child.kind === 'section' && version === '2.4') {
          const unnamed = firstUnnamed(child);
          if (unnamed) {
            missingName(unnamed);
            break;
          }
        }
        if (child.kind !== 'setting') continue;
        const sk = serviceKeys.get(child.key);
        if (!sk) continue;
        const err = valueCheckOf(sk, child.value);
        if (err) {
          badValue(child, sk, child.key, err);
          break;
        }
        m.set(sk, child.value);
      }
    } else if (node.kind === 'section' && version === '2.3' && (node.type === 'protocol' || node.type === 'local' || node.type === 'remote')) {
      // filters keep 2.3's old-name handling (their settings are still at the top of the path)
      if (node.type === 'protocol' && node.name === 'managesieve') warn(node.pos.line, 'protocol managesieve {} has been replaced by protocol sieve { }');
      const protocol = node.type === 'protocol' ? (node.name === 'managesieve' ? 'sieve' : (node.name ?? null)) : null;
      for (let j = 0; j < node.children.length; j++) {
        const child = node.children[j];
        if (child.kind === 'setting' && isOld(child.key)) obsolete23(child, protocol);
      }
    } else if (node.kind === 'section' && version === '2.4') {
      if (firstSetting) {
        fail({id: 'E17', message: 'The first setting must be dovecot_config_version', numbers: {}, line: node.pos.line});
        break;
      }
      const unnamed = firstUnnamed(node);
      if (unnamed) missingName(unnamed);
    }
  }
  return out;
}

/** The catalog's (version's own) name of each internal key: SERVICE_NAMES read backwards. */
const CATALOG_NAME = Object.fromEntries(
  Object.entries(SERVICE_NAMES).map(([version, names]) => [version, Object.fromEntries(Object.entries(names).map(([name, key]) => [key, name]))]),
) as Record<DovecotVersion, Record<ServiceKey, string>>;

const DEFAULT_GLOBAL_24: Partial<Record<ServiceKey, string>> = {
  process_limit: 'default_process_limit',
  client_limit: 'default_client_limit',
  vsz_limit: 'default_vsz_limit',
  idle_kill: 'default_idle_kill_interval',
};

function uintOf(version: DovecotVersion, text: string, fallback: number, cpuCount?: number): number {
  const r = parseUintSetting(version, text, cpuCount);
  return r.ok ? r.value : fallback;
}

function sizeOf(version: DovecotVersion, text: string, fallback: bigint): bigint {
  const r = parseSizeSetting(version, text);
  return r.ok ? r.value : fallback;
}

function timeOf(version: DovecotVersion, text: string): number {
  const r = parseTimeSetting(version, text);
  return r.ok ? r.value : 1;
}

function isYes(text: string): boolean {
  return /^(yes|y|1)$/i.test(text);
}

const DEFAULTS_CACHE = new Map<string, ReturnType<typeof serviceDefaults>>();

/** The catalog's serviceDefaults, memoised (it resolves every setting on each call). */
export function defaultsOf(version: DovecotVersion, name: string, configVersion: string): ReturnType<typeof serviceDefaults> {
  const key = `${version} ${configVersion} ${name}`;
  let d = DEFAULTS_CACHE.get(key);
  if (!d) {
    d = serviceDefaults(version, name, version === '2.4' ? {configVersion} : undefined);
    DEFAULTS_CACHE.set(key, d);
  }
  return d;
}

/** The raw text of one service setting doveconf ends up with (2.4: with inheritance resolved). */
function rawSetting(version: DovecotVersion, c: Collected, name: string, key: ServiceKey, configVersion: string): string {
  const own = c.services.get(name)?.get(key);
  if (own !== undefined) return own;
  const data = defaultsOf(version, name, configVersion);
  const def = data.settings[CATALOG_NAME[version][key]];
  if (version === '2.3') return def?.raw ?? '';
  // 2.4: a global service_* the user wrote beats the service's default filter
  const flat = c.flatGlobals.get(key);
  if (flat !== undefined) return flat;
  if (def?.raw !== null && def?.raw !== undefined) {
    const m = /^\$SET:([a-z_]+)$/.exec(def.raw);
    return m ? (c.globals.get(m[1]) ?? def.effective) : def.raw;
  }
  const dg = DEFAULT_GLOBAL_24[key];
  if (dg && c.globals.has(dg)) return c.globals.get(dg)!;
  return def?.effective ?? '';
}

function configVersionOf(version: DovecotVersion, c: Collected): string {
  if (version !== '2.4') return '';
  const v = c.globals.get('dovecot_config_version');
  return v && SUPPORTED_CONFIG_VERSIONS_24.includes(v) ? v : DEFAULT_CONFIG_VERSION_24;
}

function protocolsOf(version: DovecotVersion, c: Collected): string[] {
  const words = (c.globals.get('protocols') ?? '').split(/[ \t,]+/).filter((w) => w !== '');
  if (version === '2.3' && words.length === 1 && words[0] === 'none') return [];
  return words;
}

function resolveAll(version: DovecotVersion, c: Collected): {services: CheckedService[]; protocols: string[]} {
  const protocols = protocolsOf(version, c);
  const cv = configVersionOf(version, c);
  const g = (name: string, fallback: number) => uintOf(version, c.globals.get(name) ?? String(fallback), fallback);
  const defaultProcessLimit = g('default_process_limit', 100);
  const defaultClientLimit = g('default_client_limit', 1000);
  const services: CheckedService[] = [];
  for (const name of serviceOrder(version)) {
    const raw = (key: ServiceKey) => rawSetting(version, c, name, key, cv);
    const type = raw('type');
    const protocol = raw('protocol');
    const enabled = protocol === '' || protocols.includes(protocol);
    let processLimit = uintOf(version, raw('process_limit'), 0, c.cpuCount);
    const clientLimit = uintOf(version, raw('client_limit'), 0, c.cpuCount);
    let clientEffective = clientLimit;
    if (version === '2.3') {
      if (processLimit === 0) processLimit = defaultProcessLimit;
      if (clientEffective === 0) clientEffective = defaultClientLimit;
    }
    let vsz: bigint;
    const vszRaw = raw('vsz_limit');
    if (version === '2.3') vsz = vszRaw === '' ? UOFF_T_MAX : sizeOf(version, vszRaw, UOFF_T_MAX);
    else vsz = sizeOf(version, vszRaw, 256n * MIB);
    services.push({
      name,
      type,
      protocol,
      enabled,
      process_limit: processLimit,
      client_limit: clientLimit,
      client_limit_effective: clientEffective,
      restart_request_count: uintOf(version, raw('restart_request_count'), 0, c.cpuCount),
      process_min_avail: uintOf(version, raw('process_min_avail'), 0, c.cpuCount),
      vsz_limit: vsz,
      idle_kill: timeOf(version, raw('idle_kill')),
      chroot: raw('chroot'),
      drop_priv_before_exec: isYes(raw('drop_priv_before_exec')),
    });
  }
  return {services, protocols};
}

/** Every service as doveconf's checks see it, in doveconf's order (parse errors ignored). */
export function resolveConfigServices(version: DovecotVersion, tree: ConfigTree, opts?: RulesOptions): CheckedService[] {
  return resolveAll(version, collect(version, tree, opts)).services;
}

// --- the checks ----------------------------------------------------------------------------------

const SERVICE_TYPES = ['', 'log', 'config', 'anvil', 'login', 'startup', 'worker'];

function err(id: RuleId, message: string, numbers: RuleResult['numbers'], service?: string): RuleResult {
  return {id, severity: 'error', source: 'doveconf', message, numbers, ...(service !== undefined ? {service} : {})};
}

function authRoot(version: DovecotVersion, c: Collected): RuleResult | null {
  if (version === '2.3') {
    const w = c.globals.get('auth_worker_max_count');
    if (w !== undefined && uintOf(version, w, 30) === 0) {
      return err('E16', 'auth_worker_max_count must be above zero', {auth_worker_max_count: 0});
    }
  }
  const size = c.globals.get('auth_cache_size');
  if (size !== undefined) {
    const bytes = sizeOf(version, size, 0n);
    if (bytes > 0n && bytes < 1024n) {
      return err('E15', `auth_cache_size value is too small (${bytesText(bytes)} bytes)`, {auth_cache_size: Number(bytes), minimum: 1024});
    }
  }
  return null;
}

interface MasterOutcome {
  error: RuleResult | null;
  warnings: RuleResult[];
  w3: {required: number; source: string} | null;
}

function serviceChecks(version: DovecotVersion, s: CheckedService, processLimit1: readonly string[]): RuleResult | null {
  const n = s.name;
  if (s.drop_priv_before_exec && s.chroot !== '') {
    return err('E8', `service(${n}): drop_priv_before_exec=yes can't be used with chroot`, {chroot: s.chroot}, n);
  }
  if (version === '2.4' && s.process_limit === 0) {
    return err('E4', `service(${n}): process_limit must be higher than 0`, {process_limit: 0}, n);
  }
  if (s.process_min_avail > s.process_limit) {
    return err(
      'E1',
      `service(${n}): process_min_avail is higher than process_limit`,
      {process_min_avail: s.process_min_avail, process_limit: s.process_limit},
      n,
    );
  }
  if (version === '2.4') {
    if (s.client_limit === 0) return err('E5', `service(${n}): client_limit must be higher than 0`, {client_limit: 0}, n);
    if (s.restart_request_count === 0) {
      return err('E6', `service(${n}): restart_request_count must be higher than 0 (did you mean "unlimited"?)`, {restart_request_count: 0}, n);
    }
    if (s.idle_kill === 0) {
      return err('E7', `service(${n}): idle_kill_interval must be higher than 0 (did you mean "unlimited"?)`, {idle_kill_interval: 0}, n);
    }
    if (s.vsz_limit < MIB) {
      return err('E2', `service(${n}): vsz_limit is too low (did you mean "unlimited"?)`, {vsz_limit: Number(s.vsz_limit), minimum: Number(MIB)}, n);
    }
  } else if (s.vsz_limit < MIB && s.vsz_limit !== 0n) {
    return err('E2', `service(${n}): vsz_limit is too low`, {vsz_limit: Number(s.vsz_limit), minimum: Number(MIB)}, n);
  }
  if (processLimit1.includes(n) && s.process_limit > 1) {
    return err('E3', `service(${n}): process_limit must be 1`, {process_limit: s.process_limit, required: 1}, n);
  }
  return null;
}

function masterRoot(version: DovecotVersion, c: Collected): MasterOutcome {
  const {services, protocols} = resolveAll(version, c);
  const none: MasterOutcome = {error: null, warnings: [], w3: null};
  for (const s of services) {
    if (!SERVICE_TYPES.includes(s.type)) return {...none, error: err('E9', `Unknown service type: ${s.type}`, {type: s.type}, s.name)};
  }
  for (const p of protocols) {
    if (!services.some((s) => s.protocol === p)) {
      return {...none, error: err('E11', `protocols: Unknown protocol: ${p}`, {protocol: p})};
    }
  }
  const pl1 = processLimit1Services(version);
  let authSum = 0;
  let anvilSum = 2; // blocking, nonblocking pipes
  const authCounted: CountedService[] = [];
  const anvilCounted: CountedService[] = [];
  let maxClient = version === '2.3' ? uintOf(version, c.globals.get('default_client_limit') ?? '1000', 1000) : 0;
  let maxClientSource = version === '2.3' ? 'default_client_limit' : 'BUG';
  for (const s of services) {
    if (!s.enabled) continue;
    const e = serviceChecks(version, s, pl1);
    if (e) return {...none, error: e};
    if (maxClient < s.client_limit) {
      maxClient = s.client_limit;
      maxClientSource = `service ${s.name} { client_limit }`;
    }
    if (s.protocol !== '' && (s.restart_request_count !== 1 || s.type === 'login') && s.name !== 'imap-hibernate') {
      authCounted.push({service: s.name, process_limit: s.process_limit});
      authSum = (authSum + s.process_limit) >>> 0;
    }
    if (s.type === 'login' || s.name === 'auth') {
      anvilCounted.push({service: s.name, process_limit: s.process_limit});
      anvilSum = (anvilSum + s.process_limit) >>> 0;
    }
  }
  const list = (l: CountedService[]) => l.map((x) => `service ${x.service} { process_limit=${x.process_limit} }`).join(' + ');
  const clientOf = (name: string) => services.find((s) => s.name === name)?.client_limit_effective ?? 0;
  const warnings: RuleResult[] = [];
  const authLimit = clientOf('auth');
  if (authLimit < authSum) {
    const what = version === '2.3' ? 'service_count' : 'restart_request_count';
    warnings.push({
      id: 'W1',
      severity: 'warning',
      source: 'doveconf',
      service: 'auth',
      message: `service auth { client_limit=${authLimit} } is lower than required under max. load (${authSum}). Counted for protocol services with ${what} != 1: ${list(authCounted)}`,
      numbers: {client_limit: authLimit, required: authSum},
      counted: authCounted,
    });
  }
  const anvilLimit = clientOf('anvil');
  if (anvilLimit < anvilSum) {
    warnings.push({
      id: 'W2',
      severity: 'warning',
      source: 'doveconf',
      service: 'anvil',
      message: `service anvil { client_limit=${anvilLimit} } is lower than required under max. load (${anvilSum}). Counted with: ${list(anvilCounted)}`,
      numbers: {client_limit: anvilLimit, required: anvilSum},
      counted: anvilCounted,
    });
  }
  return {error: null, warnings, w3: {required: maxClient, source: maxClientSource}};
}

export interface RulesReport {
  /** doveconf's fatal error (exit 89), or null when doveconf accepts the config. */
  fatal: RuleResult | null;
  /** Warnings doveconf prints (before the fatal error, if any), in its order. */
  warnings: RuleResult[];
  /** Checked by the dovecot master at startup, never by doveconf (W3). */
  master: RuleResult[];
}

/** doveconf's verdict on a whole config, structured. */
export function analyzeConfig(version: DovecotVersion, tree: ConfigTree, opts?: RulesOptions): RulesReport {
  const c = collect(version, tree, opts);
  if (c.parseError) return {fatal: c.parseError, warnings: c.parseWarnings, master: []};
  const auth = authRoot(version, c);
  const m = masterRoot(version, c);
  let fatal = auth ?? m.error;
  if (!fatal && version === '2.4' && !c.globals.has('dovecot_storage_version')) {
    fatal = err('E18', 'dovecot_storage_version setting must be set', {});
  }
  const master: RuleResult[] = [];
  if (m.w3 && (opts?.fdLimit === undefined || opts.fdLimit < m.w3.required)) {
    const fd = opts?.fdLimit;
    master.push({
      id: 'W3',
      severity: 'warning',
      source: 'master',
      message:
        fd === undefined
          ? `fd limit (ulimit -n) must be at least ${m.w3.required}, because of ${m.w3.source} (checked by the master at startup, not by doveconf)`
          : `fd limit (ulimit -n) is lower than required under max. load (${fd} < ${m.w3.required}), because of ${m.w3.source}`,
      numbers: {required: m.w3.required, because: m.w3.source, ...(fd !== undefined ? {fd_limit: fd} : {})},
    });
  }
  return {fatal, warnings: [...c.parseWarnings, ...m.warnings], master};
}

/**
 * The doveconf checks on services and the auth cache, in doveconf's order: the warnings it
 * prints, then its fatal error (if any; it stops there), then the master-only W3.
 */
export function checkConfig(version: DovecotVersion, tree: ConfigTree, opts?: RulesOptions): RuleResult[] {
  const r = analyzeConfig(version, tree, opts);
  return [...r.warnings, ...(r.fatal ? [r.fatal] : []), ...r.master];
}

/**
 * The stderr lines doveconf prints for a report, for a config file at `path` (the 2.3 NOTE line
 * before obsolete warnings included; the Error line before a check-phase Fatal not repeated).
 */
export function doveconfStderr(report: RulesReport, path: string): string[] {
  const lines: string[] = [];
  let noted = false;
  for (const w of report.warnings) {
    if (w.id === 'W4' || w.id === 'W5') {
      if (!noted) lines.push('doveconf: Warning: NOTE: You can get a new clean config file with: doveconf -Pn > dovecot-new.conf');
      noted = true;
      lines.push(`doveconf: Warning: Obsolete setting in ${path}:${w.line}: ${w.message}`);
    } else {
      lines.push(`doveconf: Warning: ${w.message}`);
    }
  }
  const f = report.fatal;
  if (f) {
    if (f.id === 'E18') lines.push(`doveconf: Fatal: ${f.message}`);
    else if (f.line !== undefined) lines.push(`doveconf: Fatal: Error in configuration file ${path} line ${f.line}: ${f.message}`);
    else {
      lines.push(`doveconf: Error: ${f.message}`);
      lines.push(`doveconf: Fatal: Error in configuration file ${path}: ${f.message}`);
    }
  }
  return lines;
}
