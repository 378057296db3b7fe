/**
 * Collapses repeats for display: a long paste (a config pasted twice, a file with a thousand
 * `service_count = 0` lines) lists each distinct item once, at its first line, with how many
 * more there are, instead of a list the browser takes seconds to draw. Pure.
 */
export interface Grouped<T> {
  item: T;
  /** How many further items had the same key. */
  more: number;
}

export function groupRepeats<T>(items: readonly T[], key: (item: T) => string): Grouped<T>[] {
  const groups = new Map<string, Grouped<T>>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.more++;
    else groups.set(k, {item, more: 0});
  }
  return [...groups.values()];
}
