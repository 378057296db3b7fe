/**
 * Which Dovecot version a paste was written for, and why. Clues, strongest first:
 * - a doveconf header (`# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf`);
 * - `dovecot_config_version`;
 * - a log line only one version prints;
 * - names only one version knows: the catalog's service settings in their blocks
 *   (`service_count`, `restart_request_count`), every top-level name of names.ts
 *   (`mail_location`, `ssl_cert`, `disable_plaintext_auth` are 2.3; `ssl_server_cert_file`,
 *   `mail_driver` are 2.4) and the names later 2.4 releases added (namesLater24.ts:
 *   `imap4rev2_enable`), the 1.x/2.0 names 2.3 still reads (`login_process_size`);
 * - syntax only one version reads: unnamed `passdb { }` / `inet_listener { }` and `plugin { }`
 *   (2.3), `$name` references (2.3) against `$SET:name`, `service/NAME/x`, `group @x y { }`, the
 *   new named filters (`fs`, `quota`, `sieve_script`, ...) and list sections (`mail_plugins { }`)
 *   (2.4);
 * - variables: `%u`-style short forms (2.3; 2.4 writes `%{user}`) against filters
 *   `%{user | domain}` (2.4).
 * The strongest kind of clue decides, by majority; with no clue at all the version is "unknown"
 * and the analysis follows the version the reader chose for the site, offering the other.
 */
import {DEFAULT_VERSION, type DovecotVersion} from '../../version';
import {SETTINGS} from '../catalog';
import {NAMES_ONLY_23, NAMES_ONLY_24} from './names';
import {NAMES_AFTER_241, addedAfter241} from './namesLater24';
import {OBSOLETE_23} from '../rulesObsolete';
import {walkConfig, type ConfigTree, type SectionNode} from '../conf';
import {hasPlaceholder} from './template';
import type {VersionDetection, VersionEvidence, VersionSource} from './types';

const STRENGTH: Record<VersionSource, number> = {
  override: 6,
  header: 5,
  'config-version': 4,
  log: 3,
  'setting-name': 2,
  syntax: 2,
  variable: 1,
  site: 0,
  default: 0,
};

/** Catalog setting names (in their block or globally, and 2.4 flat names) only one version knows. */
function catalogNamesOnlyIn(): Map<string, DovecotVersion> {
  const seen = new Map<string, Set<DovecotVersion>>();
  for (const d of SETTINGS) {
    for (const [v, s] of Object.entries(d.versions) as [DovecotVersion, NonNullable<(typeof d.versions)['2.3']>][]) {
      for (const n of [s.name, s.flatName]) {
        if (!n) continue;
        if (!seen.has(n)) seen.set(n, new Set());
        seen.get(n)!.add(v);
      }
    }
  }
  const out = new Map<string, DovecotVersion>();
  for (const [n, vs] of seen) if (vs.size === 1) out.set(n, [...vs][0]);
  return out;
}

let catalogOnly: Map<string, DovecotVersion> | null = null;
let globalOnly: Map<string, DovecotVersion> | null = null;

/** Top-level names only one version knows (names.ts), built on first use. */
function globalNamesOnlyIn(): Map<string, DovecotVersion> {
  if (!globalOnly) {
    globalOnly = new Map();
    for (const n of NAMES_ONLY_23) globalOnly.set(n, '2.3');
    for (const n of Object.keys(OBSOLETE_23)) globalOnly.set(n, '2.3');
    for (const n of NAMES_ONLY_24) globalOnly.set(n, '2.4');
    for (const n of Object.keys(NAMES_AFTER_241)) globalOnly.set(n, '2.4');
  }
  return globalOnly;
}

/** Sections 2.3 accepts without a name and 2.4 refuses (`TYPE { } is missing section name`). */
export const UNNAMED_23 = new Set(['inet_listener', 'unix_listener', 'fifo_listener', 'passdb', 'userdb', 'namespace', 'service']);
/** Section types 2.3 refuses (`Unknown setting: TYPE { TYPE`) and 2.4 reads. */
export const SECTIONS_ONLY_24 = new Set(['fs', 'language', 'quota', 'quota_warning', 'sieve_script', 'acl', 'dict_map', 'dict_server', 'mail_attribute', 'ssl_server', 'imapc']);
/** 2.4 list settings written as a section of `name = yes` lines (2.3 refuses the lines). */
export const LIST_SECTIONS_24 = new Set(['mail_plugins', 'import_environment', 'auth_mechanisms', 'protocols']);
/** Settings whose `%` are strftime's, not Dovecot variables. */
const STRFTIME = new Set(['log_timestamp', 'event_exporter_time_format']);

/** `%u`, `%Lu`, `%n`, `%d` (not `%%`, not `%{`). */
const SHORT_VARIABLE = /(?:^|[^%])%[LUE]?[a-zA-Z](?![A-Za-z0-9_])/;
/** `%{user | domain}`: a 2.4 filter. */
const FILTER_VARIABLE = /%\{[a-z_][a-z0-9_:.-]{0,63} {0,3}\|/;
/** `$mail_plugins`, `$default_login_user` at the start of a word (2.4: `$SET:name`). */
const DOLLAR_REFERENCE = /(?:^|[\s,])\$(?!SET:)([a-z][a-z0-9_]{1,63})\b/;

/** The version a series string ("2.3.19.1", "2.4.1-4") belongs to, if it is one of ours. */
export function seriesVersion(text: string): DovecotVersion | null {
  if (/^2\.3(?:\.|$)/.test(text)) return '2.3';
  if (/^2\.4(?:\.|$|-)/.test(text)) return '2.4';
  return null;
}

/** Whether settings directly in this (innermost) section are global settings (or a filter of them). */
function isGlobalScope(ancestors: readonly SectionNode[]): boolean {
  for (const a of ancestors) if (a.type !== 'protocol' && a.type !== 'local' && a.type !== 'remote') return false;
  return true;
}

/** How many clues of each kind are collected at most (a large paste repeats the same ones). */
const MAX_PER_KIND = 12;

/** Clues in the settings and sections of a parsed config (document order, a few of each kind). */
export function settingEvidence(tree: ConfigTree): VersionEvidence[] {
  catalogOnly ??= catalogNamesOnlyIn();
  const names = globalNamesOnlyIn();
  const out: VersionEvidence[] = [];
  const count: Record<string, number> = {};
  const add = (e: VersionEvidence) => {
    const k = `${e.source} ${e.version}`;
    count[k] = (count[k] ?? 0) + 1;
    if (count[k] <= MAX_PER_KIND) out.push(e);
  };
  walkConfig(tree, (s, ancestors) => {
    if (out.length >= 80) return 'stop';
    const line = s.pos.line;
    if (s.kind === 'section') {
      if (hasPlaceholder(s.type) || (s.name !== undefined && hasPlaceholder(s.name))) return undefined;
      const top = ancestors.length === 0;
      if (s.group !== undefined) add({version: '2.4', source: 'syntax', reason: `the 2.4 group filter "group ${s.group}" on line ${line}`, line});
      else if (s.name === undefined && UNNAMED_23.has(s.type)) {
        add({version: '2.3', source: 'syntax', reason: `the unnamed ${s.type} { } on line ${line} (2.4 requires a name)`, line});
      } else if (top && s.type === 'plugin') add({version: '2.3', source: 'syntax', reason: `the plugin { } section on line ${line} (2.4 has none)`, line});
      else if (isGlobalScope(ancestors) && SECTIONS_ONLY_24.has(s.type)) {
        add({version: '2.4', source: 'syntax', reason: `the 2.4 section ${s.type} { } on line ${line}`, line});
      } else if (isGlobalScope(ancestors) && s.name === undefined && LIST_SECTIONS_24.has(s.type) && s.children.some((c) => c.kind === 'setting')) {
        add({version: '2.4', source: 'syntax', reason: `the 2.4 list syntax ${s.type} { … } on line ${line}`, line});
      }
      return undefined;
    }
    if (s.kind !== 'setting' || hasPlaceholder(s.key)) return undefined;
    const global = isGlobalScope(ancestors);
    if (s.key === 'dovecot_config_version' && ancestors.length === 0) {
      const v = seriesVersion(s.value) ?? '2.4';
      add({version: v, source: 'config-version', reason: `dovecot_config_version = ${s.value} on line ${line}`, line});
      return undefined;
    }
    const only = catalogOnly!.get(s.key) ?? (global ? names.get(s.key) : undefined);
    if (only) {
      const old = only === '2.3' && OBSOLETE_23[s.key] !== undefined;
      add({
        version: only,
        source: 'setting-name',
        reason: old ? `${s.key} on line ${line}, a Dovecot 1.x name that 2.3 still reads (with a warning) and 2.4 refuses` : `${s.key} on line ${line} exists only in Dovecot ${(global && addedAfter241(s.key)) ? `${addedAfter241(s.key)} and later` : only}`,
        line,
      });
    } else if (s.key.startsWith('service/')) {
      add({version: '2.4', source: 'syntax', reason: `the 2.4 flat form ${s.key} on line ${line}`, line});
    }
    const v = s.value;
    if (v.includes('$SET:')) add({version: '2.4', source: 'syntax', reason: `the 2.4 reference ${v.slice(v.indexOf('$SET:')).split(/\s/)[0]} on line ${line}`, line});
    else if (v.includes('$')) {
      const ref = DOLLAR_REFERENCE.exec(v);
      if (ref) add({version: '2.3', source: 'syntax', reason: `the 2.3 reference $${ref[1]} on line ${line} (2.4 writes $SET:${ref[1]})`, line});
    }
    if (v.includes('%') && !STRFTIME.has(s.key)) {
      if (FILTER_VARIABLE.test(v)) add({version: '2.4', source: 'variable', reason: `the 2.4 variable filter in "${v.slice(0, 60)}" on line ${line}`, line});
      else if (SHORT_VARIABLE.test(v)) add({version: '2.3', source: 'variable', reason: `the short variables in "${v.slice(0, 60)}" on line ${line} (2.4 writes %{user}, %{domain}, …)`, line});
    }
    return undefined;
  });
  return out;
}

/** The decision from the clues alone: strongest kind first, then the majority within it. */
function detect(evidence: readonly VersionEvidence[]): {version: DovecotVersion; winner: VersionEvidence; more: number} | null {
  if (evidence.length === 0) return null;
  const top = STRENGTH[evidence[0].source];
  const strongest = evidence.filter((e) => STRENGTH[e.source] === top);
  const count = (v: DovecotVersion) => strongest.filter((e) => e.version === v).length;
  const version: DovecotVersion = count('2.3') > count('2.4') ? '2.3' : count('2.4') > count('2.3') ? '2.4' : strongest[0].version;
  const winner = strongest.find((e) => e.version === version)!;
  return {version, winner, more: count(version) - 1};
}

/**
 * Decides from the clues. `override` (the reader's choice on the page) wins over everything;
 * `site` (the version chosen for the whole site) is followed when the text gives no clue.
 */
export function decideVersion(evidence: readonly VersionEvidence[], override?: DovecotVersion, site?: DovecotVersion): VersionDetection {
  const sorted = [...evidence].sort((a, b) => STRENGTH[b.source] - STRENGTH[a.source] || (a.line ?? 0) - (b.line ?? 0));
  const found = detect(sorted);
  const detected = found ? found.version : 'unknown';
  const why = found ? (found.more > 0 ? `${found.winner.reason} (and ${found.more} more)` : found.winner.reason) : '';
  if (override) {
    return {
      version: override,
      detected,
      source: 'override',
      reason: `chosen by you${found ? ` (detected: ${why})` : ' (nothing in the text says which version it is for)'}`,
      evidence: sorted,
      conflicts: sorted.filter((e) => e.version !== override),
    };
  }
  if (!found) {
    const version = site ?? DEFAULT_VERSION;
    return {
      version,
      detected,
      source: site ? 'site' : 'default',
      reason: site
        ? `nothing in the text says which version it is for, so it is read as Dovecot ${version}, the version chosen for this site`
        : `nothing in the text says which version it is for, so Dovecot ${version} is assumed`,
      evidence: [],
      conflicts: [],
    };
  }
  return {
    version: found.version,
    detected,
    source: found.winner.source,
    reason: why,
    evidence: sorted,
    conflicts: sorted.filter((e) => e.version !== found.version),
  };
}
