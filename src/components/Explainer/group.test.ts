import {describe, expect, it} from 'vitest';
import {groupRepeats} from './group';

describe('groupRepeats', () => {
  it('keeps the first of each key, in order of first appearance, and counts the rest', () => {
    const items = [
      {line: 3, text: 'a'},
      {line: 5, text: 'b'},
      {line: 9, text: 'a'},
      {line: 12, text: 'a'},
    ];
    expect(groupRepeats(items, (i) => i.text)).toEqual([
      {item: {line: 3, text: 'a'}, more: 2},
      {item: {line: 5, text: 'b'}, more: 0},
    ]);
  });
  it('returns nothing for nothing', () => {
    expect(groupRepeats([], String)).toEqual([]);
  });
});
