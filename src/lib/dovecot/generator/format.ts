/**
 * Small pure helpers: values in the notation Dovecot reads, catalog lookups the generator needs
 * by id (never a setting name typed by hand), and word wrapping.
 */
import type {DovecotVersion} from '../../version';
import {anchorFor, getSettingDef, settingName, type SettingScope} from '../catalog';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** A size in whole MiB as Dovecot reads it: `1G` when it is whole GiB, otherwise `98M`. */
export function sizeText(bytes: number): string {
  if (bytes > 0 && bytes % GIB === 0) return `${bytes / GIB}G`;
  return `${Math.ceil(bytes / MIB)}M`;
}

/** Minutes as a Dovecot time: `0`, `30 mins`, `1 hour`, `2 hours`, `1 day`. */
export function minutesText(minutes: number): string {
  if (minutes === 0) return '0';
  const unit = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day', 'days');
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour', 'hours');
  return unit(minutes, 'min', 'mins');
}

/** The name of a catalog setting in `version`; throws (a programming error) when it has none. */
export function nameOf(version: DovecotVersion, id: string, scope?: SettingScope): string {
  const n = settingName(version, id, scope);
  if (!n) throw new Error(`catalog: Dovecot ${version} has no setting ${id}`);
  return n;
}

/** Whether `version` has the setting at all (auth_worker_max_count is 2.3 only). */
export function hasSetting(version: DovecotVersion, id: string): boolean {
  return settingName(version, id) !== undefined;
}

/**
 * How `version` writes "no limit" for a count setting, from the catalog's special values:
 * `unlimited` where that word is accepted, otherwise the 0 that means no limit (2.3 service_count).
 */
export function noLimitText(version: DovecotVersion, id: string): string {
  const v = getSettingDef(id)?.versions[version];
  if (v?.unlimited?.accepted && v.unlimited.meaning === 'no-limit') return 'unlimited';
  if (v?.zero?.accepted && v.zero.meaning === 'no-limit') return '0';
  throw new Error(`catalog: Dovecot ${version} has no "no limit" value for ${id}`);
}

/** '/settings#process_limit' for any of the setting's names. */
export function settingAnchor(name: string): string {
  return `/settings#${anchorFor(name) ?? name}`;
}

/** Greedy word wrap; a word longer than `width` gets a line of its own. */
export function wrapWords(text: string, width: number): string[] {
  return wrapChunks(text.split(/\s+/), width);
}

/**
 * Wraps a sum such as `a 1 + b 2 + c 3 = 6` between its terms, so no term is split over two
 * lines; other text wraps between words.
 */
export function wrapSum(text: string, width: number): string[] {
  if (!text.includes(' + ')) return wrapWords(text, width);
  const terms = text.split(' + ');
  return wrapChunks(terms.map((t, i) => (i < terms.length - 1 ? `${t} +` : t)), width);
}

function wrapChunks(chunks: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of chunks.filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function roundUpTo(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}
