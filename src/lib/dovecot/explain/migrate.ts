/**
 * Converts the service, login and auth-cache settings of a Dovecot 2.3 configuration to 2.4, as
 * a block to copy (printed by printConfig), with what changed and what could not be converted.
 *
 * Rules (FACTS §3, CHANGES_23_TO_24):
 * - `service_count` → `restart_request_count`; 0 → `unlimited`.
 * - `vsz_limit = 0` (no limit) → `unlimited`; the same for `default_vsz_limit`.
 * - `process_limit = 0`, `client_limit = 0`, `idle_kill = 0` meant "use default_process_limit /
 *   default_client_limit / default_idle_kill" in 2.3: they are dropped, never made `unlimited`.
 *   Where the 2.4 service has a built-in value of its own (imap's process_limit 1024), dropping
 *   would change the number, so the 2.3 default's value is written instead (and said so).
 * - `idle_kill` → `idle_kill_interval` (its meaning changed: see the note); `default_idle_kill` →
 *   `default_idle_kill_interval`; 2.4 wants units on times (`60` → `60 secs`).
 * - `auth_worker_max_count = N` → `service auth-worker { process_limit = N }` (the smaller of N
 *   and the 2.3 auth-worker process_limit, which is what limited 2.3).
 * - `$default_*` → `$SET:default_*`; `inet_listener { address }` → `listen`.
 * - An unnamed `inet_listener { }` (2.3 adds it next to the service's built-in listeners; 2.4
 *   stops with `inet_listener { } is missing section name`) gets a name of its own: the service's
 *   protocol (`lmtp`), or with its port (`imap_1143`) where that is a built-in listener's name.
 *   No dash: a listener without `type` takes its type from the name after the last dash.
 * - Template text (placeholders, see template.ts) is carried where the setting is copied, and
 *   listed where it is not; lines a template inserts or a branch not followed are listed.
 * - A bare `auth_cache_size` of 1..1023 was megabytes in 2.3: `100` → `100M`.
 * - `dovecot_config_version` and `dovecot_storage_version` come first.
 * - doveconf 2.4's auth/anvil client_limit warnings on the result are fixed by raising the limit.
 * Everything else (other settings, passdb/userdb, protocol filters, includes, variables it
 * cannot resolve) is listed as not converted: never guessed.
 */
import {CHANGES_23_TO_24, DEFAULT_CONFIG_VERSION_24, getService, globalDefault, serviceDefaults} from '../catalog';
import {OBSOLETE_23, OBSOLETE_23_SERVICE, obsoleteServices} from '../rulesObsolete';
import {printConfig, type ConfigTree, type Node, type SectionNode, type SettingNode} from '../conf';
import {analyzeConfig, obsoleteProtocols23, type RulesReport} from '../rules';
import {wrapForRules} from './config';
import {missingService, topLevel, type WrittenSetting} from './shared';
import {hasPlaceholder} from './template';
import type {CannotEvaluate, Migration, MigrationChange} from './types';

const UINT_MAX = 4294967295;

interface Ctx {
  globals: Map<string, WrittenSetting>;
  changes: MigrationChange[];
  notConverted: CannotEvaluate[];
  /** Settings converted so far: per service name and per listener type, and the globals. */
  converted: {service: Map<string, BlockConversions>; listener: Map<string, BlockConversions>; global: BlockConversions};
  /** 2.3 blocks the steps after the walk read, noted on the way: the first lmtp, every auth-worker. */
  lmtp?: SectionNode;
  authWorkers: SectionNode[];
  /** Per service: inet_listener names written anywhere in its blocks, and names given so far. */
  listenerNames: Map<string, Set<string>>;
  tree: ConfigTree;
  /** Dovecot 1.x login/mail/auth settings, converted into their services after the walk. */
  obsolete: {node: SettingNode; protocol: string | null}[];
}

/**
 * A conversion that added changes or notes, to replay on other lines with the same setting: the
 * node, and where its items are in ctx.changes and ctx.notConverted (which keep walk order until
 * the walk is over).
 */
interface Conversion {
  node: SettingNode | null;
  changes: number;
  changeCount: number;
  notConverted: number;
  notConvertedCount: number;
}

/** The conversions in one kind of block, by key. */
type BlockConversions = Map<string, KeyConversions>;

/** One setting's conversions in one kind of block. */
interface KeyConversions {
  /** By value. One that added no change or note is kept as just its node: most are. */
  byValue: Map<string, Conversion | SettingNode>;
  /** Lookups so far, and how many found a conversion. */
  lookups: number;
  hits: number;
}

/**
 * Lookups after which a setting none of whose values came back is no longer cached: its blocks
 * are not repeated ones (addresses, ports), and converting it again costs less than the lookup.
 */
const LOOKUPS_WITHOUT_HIT = 64;

function setting(key: string, value: string, line: number, comment?: string): SettingNode {
  const node: SettingNode = {kind: 'setting', key, value, pos: {line, column: 1}};
  if (comment !== undefined) node.comment = ` ${comment}`;
  return node;
}

function section(type: string, name: string | undefined, line: number, children: Node[]): SectionNode {
  const s: SectionNode = {kind: 'section', type, children, pos: {line, column: 1}};
  if (name !== undefined) s.name = name;
  return s;
}

function global23(ctx: Ctx, name: string): string {
  return ctx.globals.get(name)?.value ?? globalDefault('2.3', name) ?? '';
}

/** 2.3 `$default_x` references become 2.4 `$SET:default_x`; other variables cannot be converted. */
function convertVariables(value: string): string | null {
  if (!value.includes('$')) return value;
  const out = value.replace(/\$(default_[a-z_]{1,40})\b/g, '$SET:$1');
  return out.replace(/\$SET:default_[a-z_]{1,40}/g, '').includes('$') ? null : out;
}

/** A 2.3 time value in 2.4 syntax: units required, UINT_MAX seconds = infinite. Null for 0. */
function convertTime(value: string): string | null {
  const m = /^(\d{1,20}) *([A-Za-z]{0,10})$/.exec(value.trim());
  if (!m) return value.trim() === 'infinite' ? 'infinite' : null;
  const n = Number(m[1]);
  if (n === UINT_MAX && (m[2] === '' || m[2].startsWith('s'))) return 'infinite';
  if (n === 0) return null;
  return m[2] === '' ? `${n} secs` : `${n} ${m[2]}`;
}

function isZero(value: string): boolean {
  return /^0+ *[A-Za-z]{0,5}$/.test(value.trim());
}

/** The words of a list, separated by single spaces (most lists are one word already). */
function listWords(value: string): string {
  if (!/[\s,]/.test(value)) return value;
  return value.split(/[\s,]+/).filter((w) => w !== '').join(' ');
}

/** The 2.4 built-in value of a service setting, if the service's own default filter sets one. */
function ownDefault24(service: string, key: string): string | undefined {
  return getService('2.4', service)?.settings[key];
}

function notConverted(ctx: Ctx, line: number, text: string, why: string): void {
  ctx.notConverted.push({line, text, why});
}

/** Globals whose value means the same in 2.4, so a template value is carried as written. */
const CARRIED_GLOBALS = ['default_process_limit', 'default_client_limit', 'default_login_user', 'default_internal_user', 'default_internal_group', 'mail_max_userip_connections', 'auth_cache_verify_password_with_worker', 'protocols', 'listen'];

/** What to watch for when a template fills in a setting whose 2.4 syntax differs for some values. */
const TEMPLATE_NOTES: Record<string, string> = {
  service_count: 'if it renders 0, 2.4 needs `unlimited` instead',
  process_limit: 'if it renders 0 (2.3: the default), leave the line out in 2.4',
  client_limit: 'if it renders 0 (2.3: the default), leave the line out in 2.4',
  vsz_limit: 'if it renders 0 (2.3: no limit), 2.4 needs `unlimited`',
  default_vsz_limit: 'if it renders 0 (2.3: no limit), 2.4 needs `unlimited`',
  protocols: 'if it renders `none`, 2.4 needs an empty value',
};

/** A setting whose value the template fills in, carried as written (with what to check). */
function templateCarried(ctx: Ctx, n: SettingNode, caveat?: string): void {
  ctx.changes.push({
    line: n.pos.line,
    text: `${n.key} = ${n.value} kept as written`,
    note: `The template fills in the value when it is rendered${caveat ? `; ${caveat}` : ''}.`,
  });
}

const COPY_SERVICE = ['process_min_avail', 'type', 'protocol', 'executable', 'user', 'group', 'privileged_group', 'chroot', 'drop_priv_before_exec', 'extra_groups'];
const COPY_FILE_LISTENER = ['mode', 'user', 'group'];
const COPY_INET_LISTENER = ['port', 'ssl', 'haproxy', 'reuse_port'];

/** A "0 = use default_x" setting: dropped, or written out where 2.4's own default differs. */
function zeroDefault(ctx: Ctx, service: string, n: SettingNode, key24: string, global23Name: string, global24Value: () => string | null): SettingNode | null {
  const meant23 = global23(ctx, global23Name);
  const own = ownDefault24(service, key24);
  const inherited = global24Value();
  if (own === undefined || own === inherited || inherited === null) {
    ctx.changes.push({line: n.pos.line, text: `${n.key} = 0 dropped`, note: `In 2.3, 0 meant ${global23Name} (${meant23}); 2.4 refuses 0 and inherits the same default when the line is left out.`});
    return null;
  }
  ctx.changes.push({
    line: n.pos.line,
    text: `${n.key} = 0 → ${key24} = ${inherited}`,
    note: `In 2.3, 0 meant ${global23Name} (${meant23}). Left out, 2.4's ${service} would use its own default ${own} instead, so the 2.3 value is written.`,
  });
  return setting(key24, inherited, n.pos.line, `2.3: ${n.key} = 0`);
}

function convertedIdleDefault(ctx: Ctx): string | null {
  const v = global23(ctx, 'default_idle_kill');
  return isZero(v) ? '1 secs' : convertTime(v);
}

function migrateService(ctx: Ctx, s: SectionNode): SectionNode | null {
  const name = s.name ?? '';
  const gone = missingService('2.4', name);
  if (gone) {
    notConverted(ctx, s.pos.line, `service ${name} { … }`, `Dovecot 2.4 has no service ${name}. ${gone.note}`);
    return null;
  }
  const converted = mapIn(ctx.converted.service, name);
  const children: Node[] = [];
  for (let i = 0; i < s.children.length; i++) {
    const n = s.children[i];
    if (n.kind === 'setting') {
      const out = convertOnce(ctx, converted, name, n, migrateServiceSetting);
      if (out) children.push(out);
    } else if (n.kind === 'section') {
      const l = migrateListener(ctx, name, n);
      if (l) children.push(l);
    } else if (n.kind === 'include') {
      notConverted(ctx, n.pos.line, `!include ${n.path}`, 'included files are not read here');
    }
  }
  if (children.length === 0) return null;
  return section('service', name, s.pos.line, children);
}

/**
 * `convert(ctx, block, n)` (a setting in a service, a listener or the globals), worked out once
 * per block, setting and value: a large config repeats the same blocks, whose conversions differ
 * only in their line numbers. The first one is converted in place; the others replay it.
 */
function convertOnce(
  ctx: Ctx,
  cache: BlockConversions,
  block: string,
  n: SettingNode,
  convert: (ctx: Ctx, block: string, n: SettingNode) => SettingNode | null,
): SettingNode | null {
  const k = keyConversions(cache, n.key);
  if (n.file || (k.hits === 0 && k.lookups >= LOOKUPS_WITHOUT_HIT)) return convertHere(ctx, block, n, convert);
  k.lookups++;
  const seen = k.byValue.get(n.value);
  if (seen) {
    k.hits++;
    return replay(ctx, seen, n);
  }
  const changes = ctx.changes.length;
  const notConverted = ctx.notConverted.length;
  const node = convertHere(ctx, block, n, convert);
  const changeCount = ctx.changes.length - changes;
  const notConvertedCount = ctx.notConverted.length - notConverted;
  k.byValue.set(n.value, node && changeCount + notConvertedCount === 0 ? node : {node, changes, changeCount, notConverted, notConvertedCount});
  return node;
}

function keyConversions(cache: BlockConversions, key: string): KeyConversions {
  let k = cache.get(key);
  if (!k) cache.set(key, (k = {byValue: new Map(), lookups: 0, hits: 0}));
  return k;
}

/** `convert(ctx, block, n)`, keeping `n` itself where it converts to itself. */
function convertHere(ctx: Ctx, block: string, n: SettingNode, convert: (ctx: Ctx, block: string, n: SettingNode) => SettingNode | null): SettingNode | null {
  const node = convert(ctx, block, n);
  return node && unchanged(n, node) ? n : node;
}

/** A cached conversion again, for `n`: its changes and notes on n's line, and its node for n. */
function replay(ctx: Ctx, seen: Conversion | SettingNode, n: SettingNode): SettingNode | null {
  const node = 'kind' in seen ? seen : replayItems(ctx, seen, n.pos.line);
  return node && (unchanged(n, node) ? n : onLine(node, n.pos.line));
}

/** A conversion's changes and notes again, on another line; returns its node. */
function replayItems(ctx: Ctx, c: Conversion, line: number): SettingNode | null {
  for (let i = 0; i < c.changeCount; i++) ctx.changes.push({...ctx.changes[c.changes + i], line});
  for (let i = 0; i < c.notConvertedCount; i++) ctx.notConverted.push({...ctx.notConverted[c.notConverted + i], line});
  return c.node;
}

/** `n` with `value`: `n` itself when that is what it already says (see unchanged()). */
function keep(n: SettingNode, value: string): SettingNode {
  return value === n.value && isPlain(n) ? n : setting(n.key, value, n.pos.line);
}

/**
 * Whether the 2.3 setting `n` prints and checks exactly as its conversion `node`: then the output
 * keeps `n` itself instead of a copy (most settings convert to themselves; nothing in the output
 * is ever changed in place, so the 2.3 tree stays as it was).
 */
function unchanged(n: SettingNode, node: SettingNode): boolean {
  return node.key === n.key && node.value === n.value && node.comment === undefined && isPlain(n);
}

/** A setting printed as just `key = value` (no comment, quotes or file), as setting() makes it. */
function isPlain(n: SettingNode): boolean {
  return n.comment === undefined && n.quote === undefined && !n.file;
}

/** The map under `key`, added when missing. */
function mapIn<V>(maps: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = maps.get(key);
  if (!m) maps.set(key, (m = new Map()));
  return m;
}

/** A converted setting again, on another line (as setting() makes it). */
function onLine(node: SettingNode, line: number): SettingNode {
  const copy: SettingNode = {kind: 'setting', key: node.key, value: node.value, pos: {line, column: 1}};
  if (node.comment !== undefined) copy.comment = node.comment;
  return copy;
}

function migrateServiceSetting(ctx: Ctx, service: string, n: SettingNode): SettingNode | null {
  const out = convertServiceSetting(ctx, service, n);
  if (out && hasPlaceholder(out.value)) templateCarried(ctx, n, TEMPLATE_NOTES[n.key]);
  return out;
}

function convertServiceSetting(ctx: Ctx, service: string, n: SettingNode): SettingNode | null {
  const line = n.pos.line;
  if (n.file) {
    notConverted(ctx, line, `${n.key} = <${n.value}`, 'the value is read from a file, which is not available here');
    return null;
  }
  const value = convertVariables(n.value);
  if (value === null) {
    notConverted(ctx, line, `${n.key} = ${n.value}`, 'it uses a variable that has no known 2.4 equivalent');
    return null;
  }
  const varNote = value !== n.value ? `${n.value} is written ${value} in 2.4` : undefined;
  switch (n.key) {
    case 'service_count': {
      const v = isZero(value) ? 'unlimited' : value;
      ctx.changes.push({line, text: `service_count = ${n.value} → restart_request_count = ${v}`, note: isZero(value) ? '0 meant no limit in 2.3; 2.4 refuses 0 and writes `unlimited`.' : 'Renamed in 2.4.'});
      return setting('restart_request_count', v, line, `2.3: service_count = ${n.value}`);
    }
    case 'process_limit':
      if (isZero(value)) return zeroDefault(ctx, service, n, 'process_limit', 'default_process_limit', () => global23(ctx, 'default_process_limit'));
      break;
    case 'client_limit':
      if (isZero(value)) return zeroDefault(ctx, service, n, 'client_limit', 'default_client_limit', () => global23(ctx, 'default_client_limit'));
      break;
    case 'idle_kill': {
      if (isZero(value)) return zeroDefault(ctx, service, n, 'idle_kill_interval', 'default_idle_kill', () => convertedIdleDefault(ctx));
      const t = convertTime(value);
      if (t === null) {
        notConverted(ctx, line, `idle_kill = ${n.value}`, 'not a time value this tool can read');
        return null;
      }
      ctx.changes.push({line, text: `idle_kill = ${n.value} → idle_kill_interval = ${t}`, note: 'Renamed, and the meaning changed: 2.3.19 killed a process once it had been idle this long; since 2.3.21 and in 2.4, every interval the master stops as many idle processes as stayed idle through the whole interval.'});
      return setting('idle_kill_interval', t, line, `2.3: idle_kill = ${n.value}`);
    }
    case 'vsz_limit':
      if (isZero(value)) {
        ctx.changes.push({line, text: 'vsz_limit = 0 → vsz_limit = unlimited', note: '0 meant no limit in 2.3; 2.4 refuses anything under 1M and writes `unlimited`.'});
        return setting('vsz_limit', 'unlimited', line, '2.3: vsz_limit = 0');
      }
      if (value.trim() === '18446744073709551615 B') {
        ctx.changes.push({line, text: 'vsz_limit = 18446744073709551615 B dropped', note: 'That is how 2.3 prints "not set" (default_vsz_limit applies).'});
        return null;
      }
      break;
    default:
      if (!COPY_SERVICE.includes(n.key)) {
        notConverted(ctx, line, `${n.key} = ${n.value}`, `not a 2.3 service setting this migration knows`);
        return null;
      }
  }
  if (n.key === 'extra_groups' && value.trim() !== '') {
    ctx.changes.push({line, text: 'extra_groups kept', note: 'A space-separated string in 2.3, a boollist in 2.4: the same words are read as the list.'});
  }
  if (varNote) ctx.changes.push({line, text: `${n.key} = ${n.value} → ${n.key} = ${value}`, note: varNote});
  return keep(n, value);
}

/** The settings a listener block keeps as they are; null for a block this migration does not know. */
function listenerCopies(type: string): readonly string[] | null {
  if (type === 'inet_listener') return COPY_INET_LISTENER;
  return type === 'unix_listener' || type === 'fifo_listener' ? COPY_FILE_LISTENER : null;
}

function migrateListener(ctx: Ctx, service: string, l: SectionNode): SectionNode | null {
  if (!listenerCopies(l.type)) {
    notConverted(ctx, l.pos.line, `${l.type}${l.name !== undefined ? ` ${l.name}` : ''} { … } in service ${service}`, 'not a listener block this migration knows');
    return null;
  }
  let name = l.name;
  if (name === undefined) {
    if (l.type !== 'inet_listener') {
      notConverted(ctx, l.pos.line, `${l.type} { … } in service ${service}`, `2.3 accepts it without a path, but then the listener has no socket; 2.4 stops with \`${l.type} { } is missing section name\`: write the socket path after ${l.type}`);
      return null;
    }
    name = listenerName(ctx, service, l);
    ctx.changes.push({
      line: l.pos.line,
      text: `inet_listener { } → inet_listener ${name} { }`,
      note: `2.4 stops with \`inet_listener { } is missing section name\`. 2.3 added the unnamed listener next to service ${service}'s built-in ones, and a name no built-in listener has does the same in 2.4.`,
    });
  }
  const converted = mapIn(ctx.converted.listener, l.type);
  const children: Node[] = [];
  for (let i = 0; i < l.children.length; i++) {
    const n = l.children[i];
    if (n.kind === 'setting') {
      const out = convertOnce(ctx, converted, l.type, n, migrateListenerSetting);
      if (out) children.push(out);
    } else if (n.kind === 'section' || n.kind === 'include') {
      notConverted(ctx, n.pos.line, n.kind === 'section' ? `${n.type} { … }` : `!include ${n.path}`, 'not expected inside a listener');
    }
  }
  return section(l.type, name, l.pos.line, children);
}

/** Names a listener's type could be read from (the part after the last dash), never to be used. */
const TYPE_WORDS = ['http', 'writer', 'master', 'login', 'userdb', 'token', 'tokenlogin', 'admin', 'tcp', 'auth'];

/**
 * A name for an unnamed 2.3 inet_listener of `service`: none of the service's 2.4 built-in
 * listeners, nor any listener name the 2.3 text uses for the service, nor one given already.
 */
function listenerName(ctx: Ctx, service: string, l: SectionNode): string {
  let taken = ctx.listenerNames.get(service);
  if (!taken) {
    taken = new Set<string>();
    try {
      for (const d of serviceDefaults('2.4', service).listeners) if (d.kind === 'inet_listener') taken.add(d.name);
    } catch {
      // not a 2.4 built-in service: it has no listeners of its own
    }
    for (const n of ctx.tree.children) {
      if (n.kind !== 'section' || n.type !== 'service' || n.name !== service) continue;
      for (const c of n.children) if (c.kind === 'section' && c.type === 'inet_listener' && c.name !== undefined) taken.add(c.name);
    }
    ctx.listenerNames.set(service, taken);
  }
  let protocol = '';
  try {
    protocol = getService('2.4', service) ? serviceDefaults('2.4', service).protocol : '';
  } catch {
    protocol = '';
  }
  const base = (protocol !== '' && service.endsWith('-login') ? protocol : service).replace(/[^A-Za-z0-9_]/g, '_');
  const port = l.children.find((c): c is SettingNode => c.kind === 'setting' && c.key === 'port' && /^\d{1,5}$/.test(c.value));
  const candidates = [base, ...(port ? [`${base}_${port.value}`] : [])];
  for (let i = 2; candidates.length < 1000; i++) candidates.push(`${base}_${i}`);
  const name = candidates.find((c) => !taken.has(c) && !TYPE_WORDS.includes(c)) ?? `${base}_listener`;
  taken.add(name);
  return name;
}

/** One setting of a listener block of a known type. */
function migrateListenerSetting(ctx: Ctx, type: string, n: SettingNode): SettingNode | null {
  const value = convertVariables(n.value);
  if (value === null || n.file) {
    notConverted(ctx, n.pos.line, `${n.key} = ${n.value}`, 'it uses a variable or file that has no known 2.4 equivalent');
    return null;
  }
  if (type === 'inet_listener' && n.key === 'address') {
    if (hasPlaceholder(value)) templateCarried(ctx, n);
    const listen = listWords(value);
    ctx.changes.push({line: n.pos.line, text: `address = ${n.value} → listen = ${listen}`, note: 'inet_listener { address } is gone in 2.4; `listen` inside the listener does the same.'});
    return setting('listen', listen, n.pos.line, `2.3: address = ${n.value}`);
  }
  if (!listenerCopies(type)?.includes(n.key)) {
    notConverted(ctx, n.pos.line, `${n.key} = ${n.value}`, `not a 2.3 ${type} setting this migration knows`);
    return null;
  }
  if (hasPlaceholder(value)) templateCarried(ctx, n);
  if (value !== n.value) ctx.changes.push({line: n.pos.line, text: `${n.key} = ${n.value} → ${n.key} = ${value}`, note: '2.4 refers to other settings as $SET:name.'});
  return keep(n, value);
}

/** migrateGlobal in convertOnce's shape: a global converts the same in and out of filters. */
function migrateGlobalIn(ctx: Ctx, _where: string, n: SettingNode): SettingNode | null {
  return migrateGlobal(ctx, n);
}

function migrateGlobal(ctx: Ctx, n: SettingNode): SettingNode | null {
  const line = n.pos.line;
  const value = n.file ? null : convertVariables(n.value);
  if (value !== null && hasPlaceholder(value) && CARRIED_GLOBALS.includes(n.key)) {
    templateCarried(ctx, n, TEMPLATE_NOTES[n.key]);
    return keep(n, value);
  }
  if (value === null) {
    notConverted(ctx, line, `${n.key} = ${n.file ? '<' : ''}${n.value}`, n.file ? 'the value is read from a file, which is not available here' : 'it uses a variable that has no known 2.4 equivalent');
    return null;
  }
  switch (n.key) {
    case 'default_process_limit':
    case 'default_client_limit':
      if (isZero(value)) break;
      return keep(n, value);
    case 'default_login_user':
    case 'default_internal_user':
    case 'default_internal_group':
    case 'mail_max_userip_connections':
    case 'auth_cache_verify_password_with_worker':
      return keep(n, value);
    case 'default_vsz_limit':
      if (isZero(value)) {
        ctx.changes.push({line, text: 'default_vsz_limit = 0 → default_vsz_limit = unlimited', note: '0 meant no limit in 2.3; 2.4 refuses it.'});
        return setting(n.key, 'unlimited', line, '2.3: default_vsz_limit = 0');
      }
      return keep(n, value);
    case 'default_idle_kill': {
      const t = isZero(value) ? '1 secs' : convertTime(value);
      if (t === null) break;
      ctx.changes.push({
        line,
        text: `default_idle_kill = ${n.value} → default_idle_kill_interval = ${t}`,
        note: isZero(value)
          ? 'In 2.3.19, 0 made the master stop extra idle processes at once (within a second); 2.4 refuses 0, and 1 second is the nearest.'
          : 'Renamed in 2.4 (the meaning changed with idle_kill: see idle_kill_interval).',
      });
      return setting('default_idle_kill_interval', t, line, `2.3: default_idle_kill = ${n.value}`);
    }
    case 'auth_cache_size': {
      const m = /^(\d{1,20})$/.exec(value.trim());
      if (m && Number(m[1]) > 0 && Number(m[1]) < 1024) {
        ctx.changes.push({line, text: `auth_cache_size = ${n.value} → auth_cache_size = ${m[1]}M`, note: '2.3 read a bare number under 1024 as megabytes; 2.4 reads it as bytes and refuses it.'});
        return setting(n.key, `${m[1]}M`, line, `2.3: auth_cache_size = ${n.value}`);
      }
      return keep(n, value);
    }
    case 'auth_cache_ttl':
    case 'auth_cache_negative_ttl': {
      if (isZero(value)) return setting(n.key, '0', line);
      const t = convertTime(value);
      if (t === null) break;
      if (t !== value) ctx.changes.push({line, text: `${n.key} = ${n.value} → ${n.key} = ${t}`, note: '2.4 wants a unit on times.'});
      return setting(n.key, t, line);
    }
    case 'protocols': {
      const words = listWords(value);
      if (words.split(' ').some((w) => w === 'none' || w.includes('$') || w.includes('%'))) break;
      // 2.3 dropped imaps/pop3s and renamed managesieve, with a warning; 2.4 refuses them
      const read = obsoleteProtocols23(words).value;
      if (read !== words) ctx.changes.push({line, text: `protocols = ${n.value} → protocols = ${read}`, note: "2.3 read `imaps`/`pop3s` as imap/pop3 and `managesieve` as sieve, with a warning; 2.4 stops with `protocols: Unknown protocol`. TLS is the imaps/pop3s listeners' business (`ssl = yes` on the port)."});
      return setting(n.key, read, line);
    }
    case 'listen': {
      const words = listWords(value);
      if (words !== value) ctx.changes.push({line, text: `listen = ${n.value} → listen = ${words}`, note: 'A boollist in 2.4: addresses separated by spaces.'});
      return setting(n.key, words, line);
    }
    case 'auth_worker_max_count':
      return null; // handled after the walk
    case 'login_access_sockets': {
      const c = CHANGES_23_TO_24.find((x) => x.from === 'login_access_sockets');
      notConverted(ctx, line, `${n.key} = ${n.value}`, c?.note ?? 'removed in 2.4');
      return null;
    }
    default:
      notConverted(ctx, line, `${n.key} = ${n.value}`, OBSOLETE_23[n.key] !== undefined
        ? `a Dovecot 1.x name that 2.3 still read, with the warning "${OBSOLETE_23[n.key]}"; 2.4 refuses it: carry it over by hand with the 2.4 upgrade guide`
        : 'outside what this migration converts (service, login-process and auth-cache settings): carry it over by hand with the 2.4 upgrade guide');
      return null;
  }
  notConverted(ctx, line, `${n.key} = ${n.value}`, 'no 2.4 equivalent this tool is sure of');
  return null;
}

/**
 * Dovecot 1.x names 2.3 still read (`login_process_size = 64`): each becomes the service setting
 * 2.3 made of it, in the services 2.3 applied it to (those of the enabled protocols), converted
 * like any service setting. A setting the service block writes itself is kept.
 */
function obsoleteNames(ctx: Ctx, children: Node[]): void {
  const protocols = ctx.globals.get('protocols');
  const enabled = protocols ? obsoleteProtocols23(listWords(protocols.value)).value.split(' ') : ['imap', 'pop3'];
  const services = ['imap', 'pop3', 'sieve'].filter((p) => enabled.includes(p));
  for (const {node, protocol} of ctx.obsolete) {
    const set = OBSOLETE_23_SERVICE[node.key];
    const targets = obsoleteServices(set.services, protocol).filter((svc) => set.services === 'auth' || services.some((p) => svc.startsWith(p === 'sieve' ? 'managesieve' : p)));
    const old = setting(set.setting, set.value(node.value), node.pos.line);
    const done: string[] = [];
    for (const service of targets) {
      const changes = ctx.changes.length;
      const converted = convertServiceSetting(ctx, service, old);
      ctx.changes.length = changes; // the change is said once, below
      if (!converted) continue;
      const own = findService(children, service)?.children.some((c) => c.kind === 'setting' && c.key === converted.key && !c.comment?.includes(`2.3: ${node.key}`));
      if (own) continue;
      setServiceSetting(children, service, converted.key, converted.value, `2.3: ${node.key} = ${node.value}`);
      done.push(service);
    }
    if (done.length === 0) {
      notConverted(ctx, node.pos.line, `${node.key} = ${node.value}`, `a Dovecot 1.x name (2.3 warned "${OBSOLETE_23[node.key]}"); the services it set write that setting themselves, or their protocols are not enabled`);
      continue;
    }
    const converted = convertServiceSetting({...ctx, changes: [], notConverted: []}, done[0], old);
    ctx.changes.push({
      line: node.pos.line,
      text: `${node.key} = ${node.value} → ${done.map((d) => `service ${d} { ${converted?.key} = ${converted?.value} }`).join(', ')}`,
      note: `A Dovecot 1.x name that 2.3 still read, with the warning "${OBSOLETE_23[node.key]}"; 2.4 refuses it.`,
    });
  }
}

function findService(children: Node[], name: string): SectionNode | undefined {
  return children.find((c): c is SectionNode => c.kind === 'section' && c.type === 'service' && c.name === name);
}

/**
 * Sets `service NAME { key = value }` in the output, adding the block or line as needed (a new
 * node: the one there may be the 2.3 tree's own). Returns the line set, or null when the output
 * already had exactly that line (nothing changed).
 */
function setServiceSetting(children: Node[], name: string, key: string, value: string, comment: string): SettingNode | null {
  let s = findService(children, name);
  if (!s) {
    s = section('service', name, 0, []);
    children.push(s);
  }
  const at = s.children.findIndex((c) => c.kind === 'setting' && c.key === key);
  const existing = s.children[at];
  if (!existing) {
    const added = setting(key, value, 0, comment);
    s.children.push(added);
    return added;
  }
  if (existing.kind === 'setting' && existing.value === value && existing.comment === ` ${comment}`) return null;
  const set = setting(key, value, existing.pos.line, comment);
  s.children[at] = set;
  return set;
}

/** Whether a later `key` line of the service blocks of `name` overrides `node` (the last one counts). */
function overridden(children: Node[], name: string, key: string, node: SettingNode): boolean {
  let after = false;
  for (const s of children) {
    if (s.kind !== 'section' || s.type !== 'service' || s.name !== name) continue;
    for (const c of s.children) {
      if (c === node) after = true;
      else if (after && c.kind === 'setting' && c.key === key) return true;
    }
  }
  return false;
}

function authWorker(ctx: Ctx, children: Node[]): void {
  const max = ctx.globals.get('auth_worker_max_count');
  if (!max) return;
  const m = /^(\d{1,10})$/.exec(max.value.trim());
  if (!m || Number(m[1]) === 0) {
    notConverted(ctx, max.line, `auth_worker_max_count = ${max.value}`, 'not a count 2.3 accepts (it must be above zero)');
    return;
  }
  const n = Number(m[1]);
  // 2.3 ran at most min(process_limit of auth-worker, auth_worker_max_count) workers
  let pl23: number | null = Number(global23(ctx, 'default_process_limit'));
  for (const s of ctx.authWorkers) {
    for (const c of s.children) {
      if (c.kind === 'setting' && c.key === 'process_limit') pl23 = /^\d{1,10}$/.test(c.value) ? (Number(c.value) === 0 ? Number(global23(ctx, 'default_process_limit')) : Number(c.value)) : null;
    }
  }
  const value = pl23 === null ? n : Math.min(n, pl23);
  setServiceSetting(children, 'auth-worker', 'process_limit', String(value), `2.3: auth_worker_max_count = ${max.value}`);
  ctx.changes.push({
    line: max.line,
    text: `auth_worker_max_count = ${max.value} → service auth-worker { process_limit = ${value} }`,
    note: 'auth_worker_max_count is gone in 2.4; the number of auth-worker processes is their process_limit.',
  });
}

function lmtpNote(ctx: Ctx): void {
  const protocols = ctx.globals.get('protocols');
  const lmtpBlock = ctx.lmtp;
  const lmtpOn = (protocols && /(^|[\s,])lmtp($|[\s,])/.test(protocols.value)) || lmtpBlock !== undefined;
  const setsCount = lmtpBlock?.children.some((c) => c.kind === 'setting' && c.key === 'service_count');
  if (lmtpOn && !setsCount) {
    ctx.changes.push({
      line: lmtpBlock?.pos.line ?? protocols?.line ?? 0,
      text: 'lmtp: default changed',
      note: `With dovecot_config_version = ${DEFAULT_CONFIG_VERSION_24}, lmtp processes serve one connection each (restart_request_count = 1); in 2.3 they were reused (service_count = 0). Add \`service lmtp { restart_request_count = unlimited }\` to keep the 2.3 behaviour.`,
    });
  }
}

function check24(children: Node[]): RulesReport {
  return analyzeConfig('2.4', wrapForRules('2.4', {children}).tree);
}

/**
 * doveconf 2.4's auth/anvil warnings on the result: raise the limit it names. Returns doveconf's
 * report on the final result (the last check, when nothing changed after it).
 */
function fixLimitWarnings(ctx: Ctx, children: Node[]): RulesReport {
  let report = check24(children);
  for (let round = 0; round < 3; round++) {
    const w = report.warnings.find((x) => x.id === 'W1' || x.id === 'W2');
    if (!w || report.fatal) return report;
    const service = w.id === 'W1' ? 'auth' : 'anvil';
    const required = String(w.numbers.required);
    const set = setServiceSetting(children, service, 'client_limit', required, `doveconf 2.4 warned: ${w.id === 'W1' ? 'auth' : 'anvil'} client_limit lower than required`);
    ctx.changes.push({line: 0, text: `service ${service} { client_limit = ${required} }`, note: `doveconf 2.4 would warn: ${w.message}`});
    // the report stays the same when nothing changed, or when a later `service auth` block sets a
    // client_limit of its own (doveconf reads the last one; the checks passed every value)
    if (set && !overridden(children, service, 'client_limit', set)) report = check24(children);
  }
  return report;
}

export interface MigrateOptions {
  /**
   * Lines of a template that are not in the tree (inserted by a template expression, or in a
   * branch the analysis does not follow): listed as not converted, with the block they are in.
   */
  templateLines?: readonly CannotEvaluate[];
}

/** "service imap-login / inet_listener imap": the blocks (three levels deep at most) around a line. */
function blockAround(tree: ConfigTree, line: number): string {
  const path: string[] = [];
  let children = tree.children;
  for (let depth = 0; depth < 3; depth++) {
    const s = children.find((c): c is SectionNode => c.kind === 'section' && c.pos.line < line && (c.end?.line ?? Infinity) > line);
    if (!s) break;
    path.push(s.name !== undefined ? `${s.type} ${s.name}` : s.type);
    children = s.children;
  }
  return path.join(' / ');
}

/** The 2.3 → 2.4 migration of a parsed 2.3 configuration. Never throws. */
export function migrate23to24(tree: ConfigTree, opts: MigrateOptions = {}): Migration {
  const ctx: Ctx = {
    globals: topLevel(tree),
    changes: [],
    notConverted: [],
    converted: {service: new Map(), listener: new Map(), global: new Map()},
    authWorkers: [],
    listenerNames: new Map(),
    tree,
    obsolete: [],
  };
  for (const t of opts.templateLines ?? []) {
    const block = blockAround(tree, t.line);
    ctx.notConverted.push({...t, why: `${t.why}${block ? ` (in ${block})` : ''}: convert it by hand`});
  }
  const children: Node[] = [
    setting('dovecot_config_version', DEFAULT_CONFIG_VERSION_24, 0),
    setting('dovecot_storage_version', DEFAULT_CONFIG_VERSION_24, 0),
  ];
  try {
    // indexed loops in the walk: see collect() in rules.ts
    for (let i = 0; i < tree.children.length; i++) {
      const n = tree.children[i];
      if (n.kind === 'setting') {
        if (n.key === 'dovecot_config_version' || n.key === 'dovecot_storage_version') continue;
        if (OBSOLETE_23_SERVICE[n.key] !== undefined && !n.file) {
          ctx.obsolete.push({node: n, protocol: null});
          continue;
        }
        const out = convertOnce(ctx, ctx.converted.global, '', n, migrateGlobalIn);
        if (out) children.push(out);
      } else if (n.kind === 'section') {
        if (n.type === 'service' && n.name !== undefined) {
          if (n.name === 'lmtp') ctx.lmtp ??= n;
          else if (n.name === 'auth-worker') ctx.authWorkers.push(n);
          const out = migrateService(ctx, n);
          if (out) children.push(out);
        } else if (n.type === 'protocol' && n.name !== undefined && n.children.every((c) => c.kind !== 'section')) {
          // a protocol filter: its settings are global settings for that protocol only
          const inner: Node[] = [];
          for (const c of n.children) {
            if (c.kind === 'setting') {
              if (OBSOLETE_23_SERVICE[c.key] !== undefined && !c.file) {
                ctx.obsolete.push({node: c, protocol: n.name === 'managesieve' ? 'sieve' : n.name});
                continue;
              }
              const out = convertOnce(ctx, ctx.converted.global, '', c, migrateGlobalIn);
              if (out) inner.push(out);
            } else if (c.kind === 'include') {
              notConverted(ctx, c.pos.line, `!include ${c.path}`, 'included files are not read here');
            }
          }
          if (inner.length > 0) children.push(section('protocol', n.name, n.pos.line, inner));
        } else {
          notConverted(ctx, n.pos.line, `${n.type}${n.name !== undefined ? ` ${n.name}` : ''} { … }`, 'outside what this migration converts (service, login-process and auth-cache settings): carry it over by hand with the 2.4 upgrade guide');
        }
      } else if (n.kind === 'include') {
        notConverted(ctx, n.pos.line, `${n.optional ? '!include_try' : '!include'} ${n.path}`, 'included files are not read here: migrate them too');
      }
    }
    authWorker(ctx, children);
    obsoleteNames(ctx, children);
    lmtpNote(ctx);
    const report = fixLimitWarnings(ctx, children);
    for (const w of report.warnings) notConverted(ctx, 0, w.message, 'doveconf 2.4 would still warn about the result');
    if (report.fatal) notConverted(ctx, report.fatal.line ?? 0, report.fatal.message, 'doveconf 2.4 would refuse the result');
  } catch (e) {
    notConverted(ctx, 0, 'the configuration', `internal error while converting: ${e instanceof Error ? e.message : String(e)}`);
  }
  ctx.changes.sort((a, b) => (a.line || Infinity) - (b.line || Infinity));
  ctx.notConverted.sort((a, b) => (a.line || Infinity) - (b.line || Infinity));
  return {text: printConfig({children}), changes: ctx.changes, notConverted: ctx.notConverted, complete: ctx.notConverted.length === 0};
}

