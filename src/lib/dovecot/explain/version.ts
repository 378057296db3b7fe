/**
 * Which Dovecot version a paste was written for, and why: a doveconf header
 * (`# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf`), `dovecot_config_version`, a log line
 * that only one version prints, or setting names that exist in only one version. The strongest
 * clue wins; the reason names it and its line.
 */
import {DEFAULT_VERSION, type DovecotVersion} from '../../version';
import {SETTINGS} from '../catalog';
import {walkConfig, type ConfigTree} from '../conf';
import type {VersionDetection, VersionEvidence, VersionSource} from './types';

const STRENGTH: Record<VersionSource, number> = {
  override: 5,
  header: 4,
  'config-version': 3,
  log: 2,
  'setting-name': 1,
  default: 0,
};

/** Setting names (in their block or globally, and 2.4 flat names) that only one version knows. */
function namesOnlyIn(): Map<string, DovecotVersion> {
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

const ONLY_IN = namesOnlyIn();

/** The version a series string ("2.3.19.1", "2.4.1-4") belongs to, if it is one of ours. */
export function seriesVersion(text: string): DovecotVersion | null {
  if (/^2\.3(?:\.|$)/.test(text)) return '2.3';
  if (/^2\.4(?:\.|$|-)/.test(text)) return '2.4';
  return null;
}

/** Clues in the settings of a parsed config (at most 40, in document order). */
export function settingEvidence(tree: ConfigTree): VersionEvidence[] {
  const out: VersionEvidence[] = [];
  walkConfig(tree, (s, ancestors) => {
    if (s.kind !== 'setting') return undefined;
    if (out.length >= 40) return 'stop';
    const line = s.pos.line;
    if (s.key === 'dovecot_config_version' && ancestors.length === 0) {
      const v = seriesVersion(s.value) ?? '2.4';
      out.push({version: v, source: 'config-version', reason: `dovecot_config_version = ${s.value} on line ${line}`, line});
      return undefined;
    }
    const only = ONLY_IN.get(s.key);
    if (only) {
      out.push({version: only, source: 'setting-name', reason: `${s.key} on line ${line} exists only in Dovecot ${only}`, line});
      return undefined;
    }
    if (s.key.startsWith('service/')) {
      out.push({version: '2.4', source: 'setting-name', reason: `the 2.4 flat form ${s.key} on line ${line}`, line});
      return undefined;
    }
    if (s.value.startsWith('$SET:')) {
      out.push({version: '2.4', source: 'setting-name', reason: `the 2.4 variable ${s.value.split(/\s/)[0]} on line ${line}`, line});
    } else if (/^\$default_[a-z_]{1,40}$/.test(s.value)) {
      out.push({version: '2.3', source: 'setting-name', reason: `the 2.3 variable ${s.value} on line ${line} (2.4 writes $SET:${s.value.slice(1)})`, line});
    }
    return undefined;
  });
  return out;
}

/** Decides from the clues (strongest first, then majority); `override` wins over everything. */
export function decideVersion(evidence: readonly VersionEvidence[], override?: DovecotVersion): VersionDetection {
  const sorted = [...evidence].sort((a, b) => STRENGTH[b.source] - STRENGTH[a.source] || (a.line ?? 0) - (b.line ?? 0));
  if (override) {
    const others = sorted.filter((e) => e.version !== override);
    return {
      version: override,
      source: 'override',
      reason: `chosen by you${sorted.length > 0 ? ` (detected: ${sorted[0].reason})` : ''}`,
      evidence: sorted,
      conflicts: others,
    };
  }
  if (sorted.length === 0) {
    return {
      version: DEFAULT_VERSION,
      source: 'default',
      reason: `nothing in the text names a version, so Dovecot ${DEFAULT_VERSION} is assumed`,
      evidence: [],
      conflicts: [],
    };
  }
  const top = STRENGTH[sorted[0].source];
  const strongest = sorted.filter((e) => STRENGTH[e.source] === top);
  const count = (v: DovecotVersion) => strongest.filter((e) => e.version === v).length;
  const version: DovecotVersion = count('2.3') > count('2.4') ? '2.3' : count('2.4') > count('2.3') ? '2.4' : strongest[0].version;
  const winner = strongest.find((e) => e.version === version)!;
  const more = strongest.filter((e) => e.version === version).length - 1;
  return {
    version,
    source: winner.source,
    reason: more > 0 ? `${winner.reason} (and ${more} more)` : winner.reason,
    evidence: sorted,
    conflicts: sorted.filter((e) => e.version !== version),
  };
}
