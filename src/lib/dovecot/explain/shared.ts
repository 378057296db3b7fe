/**
 * Small helpers shared by the config explanation and the migration: reading globals and
 * services out of a parsed tree, resolving `$default_*` / `$SET:*` references, formatting.
 */
import type {DovecotVersion} from '../../version';
import {CHANGES_23_TO_24, getService, globalDefault, serviceDefaults, type VersionChange} from '../catalog';
import {expandFlatServiceSetting, type ConfigTree, type SectionNode, type SettingNode} from '../conf';
import {hasPlaceholder} from './template';

export interface WrittenSetting {
  key: string;
  value: string;
  line: number;
  node: SettingNode;
}

export interface WrittenService {
  name: string;
  line: number;
  sections: SectionNode[];
  /** Settings directly in the service (block or 2.4 flat form), by key; the last one wins. */
  settings: Map<string, WrittenSetting>;
}

/** Records a setting, the last one winning (updated in place: large configs repeat settings). */
function recordSetting(settings: Map<string, WrittenSetting>, key: string, node: SettingNode): void {
  const w = settings.get(key);
  if (w) {
    w.value = node.value;
    w.line = node.pos.line;
    w.node = node;
  } else {
    settings.set(key, {key, value: node.value, line: node.pos.line, node});
  }
}

/** Top-level settings, last one wins. */
export function topLevel(tree: ConfigTree): Map<string, WrittenSetting> {
  const out = new Map<string, WrittenSetting>();
  // indexed: see collect() in rules.ts
  for (let i = 0; i < tree.children.length; i++) {
    const n = tree.children[i];
    if (n.kind === 'setting') recordSetting(out, n.key, n);
  }
  return out;
}

/**
 * `service NAME { }` blocks (repeated ones merged, as Dovecot does) and 2.4 `service/NAME/x` lines.
 * With `only`, each service's `settings` keeps just that setting (cheaper on a large config).
 */
export function writtenServices(tree: ConfigTree, version: DovecotVersion, only?: string): WrittenService[] {
  const byName = new Map<string, WrittenService>();
  const get = (name: string, line: number) => {
    let s = byName.get(name);
    if (!s) {
      s = {name, line, sections: [], settings: new Map()};
      byName.set(name, s);
    }
    return s;
  };
  for (let i = 0; i < tree.children.length; i++) {
    const n = tree.children[i];
    if (n.kind === 'section' && n.type === 'service' && n.name !== undefined && !hasPlaceholder(n.name)) {
      const s = get(n.name, n.pos.line);
      s.sections.push(n);
      for (let j = 0; j < n.children.length; j++) {
        const c = n.children[j];
        if (c.kind === 'setting' && (only === undefined || c.key === only)) recordSetting(s.settings, c.key, c);
      }
    } else if (version === '2.4' && n.kind === 'setting' && n.key.startsWith('service/')) {
      const flat = expandFlatServiceSetting(n.key);
      if (flat && flat.scope === 'service') {
        const s = get(flat.service, n.pos.line);
        if (only === undefined || flat.setting === only) recordSetting(s.settings, flat.setting, n);
      }
    }
  }
  return [...byName.values()];
}

/** Per version, each service it lacks to the change saying so (the first one listed). */
let missingServices: Record<DovecotVersion, Map<string, VersionChange>> | null = null;

function buildMissingServices(): Record<DovecotVersion, Map<string, VersionChange>> {
  const out: Record<DovecotVersion, Map<string, VersionChange>> = {'2.3': new Map(), '2.4': new Map()};
  const add = (m: Map<string, VersionChange>, name: string | undefined, c: VersionChange) => {
    if (name !== undefined && !m.has(name)) m.set(name, c);
  };
  for (const c of CHANGES_23_TO_24) {
    if (c.kind === 'service-removed') add(out['2.4'], c.from, c);
    else if (c.kind === 'service-added') add(out['2.3'], c.to, c);
  }
  return out;
}

/** Why `version` has no service `name` (2.4: removed; 2.3: only added in 2.4), if it has none. */
export function missingService(version: DovecotVersion, name: string): VersionChange | undefined {
  missingServices ??= buildMissingServices();
  return missingServices[version].get(name);
}

/** A global's value: as written, else the catalog default of the version. */
export function globalValue(version: DovecotVersion, globals: Map<string, WrittenSetting>, name: string): string | undefined {
  return globals.get(name)?.value ?? globalDefault(version, name) ?? undefined;
}

export type Resolved = {ok: true; value: string} | {ok: false; why: string};

/**
 * Resolves a value that is one reference to another setting (2.3 `$default_process_limit`, 2.4
 * `$SET:default_process_limit`). Values with any other `$`, `%{` or `<file` cannot be evaluated.
 */
export function resolveValue(version: DovecotVersion, globals: Map<string, WrittenSetting>, node: {value: string; file?: boolean}): Resolved {
  if (node.file) return {ok: false, why: 'its value is read from a file, which is not available here'};
  if (hasPlaceholder(node.value)) return {ok: false, why: 'the template fills in its value when it is rendered'};
  const v = node.value.trim();
  const ref = version === '2.3' ? /^\$([a-z_]{1,64})$/.exec(v) : /^\$SET:([a-z_]{1,64})$/.exec(v);
  if (ref) {
    const target = globalValue(version, globals, ref[1]);
    if (target === undefined || target.includes('$')) return {ok: false, why: `${v} refers to a setting whose value is not known here`};
    return {ok: true, value: target};
  }
  if (v.includes('%{')) return {ok: false, why: `${v} is expanded on the server (it depends on the machine)`};
  if (v.includes('$')) return {ok: false, why: `${v} refers to a variable that is not known here`};
  return {ok: true, value: v};
}

/** The protocol a service serves in a version ('' for none), from what is written or the defaults. */
export function protocolOf(version: DovecotVersion, svc: WrittenService): string {
  const written = svc.settings.get('protocol');
  if (written) return written.value;
  if (!getService(version, svc.name)) return '';
  try {
    return serviceDefaults(version, svc.name).protocol;
  } catch {
    return '';
  }
}

/** "100", "unlimited". */
export function countText(n: number | 'unlimited'): string {
  return n === 'unlimited' ? 'unlimited' : String(n);
}

/** Bytes as a Dovecot size setting reads them: `2G`, `300M`, `64k`, plain bytes, or no limit. */
export function sizeSetting(version: DovecotVersion, n: number | 'unlimited'): string {
  if (n === 'unlimited') return version === '2.3' ? '0' : 'unlimited';
  for (const [unit, size] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['k', 1024]] as const) {
    if (n > 0 && n % size === 0) return `${n / size}${unit}`;
  }
  return String(n);
}

/** Bytes as "256 MiB", "1 GiB", "512 KiB", "100 B". */
export function sizeText(n: number | 'unlimited'): string {
  if (n === 'unlimited') return 'unlimited';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let x = n;
  let i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  const s = Number.isInteger(x) ? String(x) : x.toFixed(1);
  return `${s} ${units[i]}`;
}

/** Seconds as "60 s", "1 min", "infinite". */
export function timeText(n: number | 'infinite'): string {
  if (n === 'infinite') return 'infinite';
  if (n >= 3600 && n % 3600 === 0) return `${n / 3600} h`;
  if (n >= 60 && n % 60 === 0) return `${n / 60} min`;
  return `${n} s`;
}
