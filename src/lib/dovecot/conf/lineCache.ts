// A small cache from a line's text to something worked out from it, for large pastes that
// repeat lines (`}`, blank lines, whole blocks).

const SLOTS = 1024;

/**
 * Direct-mapped: a line's slot comes from its length and two of its characters, so a miss costs
 * no hashing, a hit one string comparison, and the cache never grows (a new line just takes the
 * slot over).
 */
export class LineCache<V> {
  private readonly texts: string[] = new Array<string>(SLOTS).fill('');
  private readonly values: (V | undefined)[] = new Array<V | undefined>(SLOTS).fill(undefined);

  get(text: string): V | undefined {
    const slot = slotOf(text);
    return this.texts[slot] === text ? this.values[slot] : undefined;
  }

  set(text: string, value: V): void {
    const slot = slotOf(text);
    this.texts[slot] = text;
    this.values[slot] = value;
  }
}

function slotOf(text: string): number {
  const n = text.length;
  return n === 0 ? 0 : (n * 31 + text.charCodeAt(0) * 7 + text.charCodeAt(n - 1)) & (SLOTS - 1);
}
