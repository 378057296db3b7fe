import {describe, expect, it} from 'vitest';
import {fuzzRows, summaryLines, worstPerKind} from './fuzzSummary';

const note = (kind: string, worstTaskMs: number, extra = {}) => [
  {type: 'fuzz-seed', description: '18'},
  {type: 'fuzz', description: JSON.stringify({kind, worstTaskMs, worstWallMs: worstTaskMs + 5, ...extra})},
];
const report = {
  suites: [
    {
      suites: [
        {
          specs: [
            {title: 'share: a', tests: [{results: [{status: 'passed', annotations: note('share', 120)}]}]},
            {title: 'share: b', tests: [{results: [{status: 'failed', annotations: note('share', 2100)}]}]},
            {title: 'paste: c', tests: [{results: [{status: 'passed', annotations: note('paste', 300)}]}]},
            {title: 'typing: d', tests: [{results: [{status: 'passed', annotations: note('typing', 90, {typingMs: 800})}]}]},
            {title: 'paste: timed out', tests: [{results: [{status: 'timedOut', annotations: [{type: 'fuzz-seed', description: '18'}]}]}]},
            {title: 'a quiet page passes', tests: [{results: [{status: 'passed'}]}]},
          ],
        },
      ],
    },
  ],
};

describe('fuzz summary', () => {
  it('reads each case with its kind and longest task', () => {
    expect(fuzzRows(report)).toEqual([
      {title: 'share: a', kind: 'share', status: 'passed', worstTaskMs: 120, worstWallMs: 125},
      {title: 'share: b', kind: 'share', status: 'failed', worstTaskMs: 2100, worstWallMs: 2105},
      {title: 'paste: c', kind: 'paste', status: 'passed', worstTaskMs: 300, worstWallMs: 305},
      {title: 'typing: d', kind: 'typing', status: 'passed', worstTaskMs: 90, worstWallMs: 95, typingMs: 800},
      {title: 'paste: timed out', kind: 'paste', status: 'timedOut', worstTaskMs: null, worstWallMs: null},
    ]);
  });
  it('keeps the worst case of each kind and prints the worst of all', () => {
    const rows = fuzzRows(report);
    expect(worstPerKind(rows).map((r) => r.title)).toEqual(['share: b', 'paste: c', 'typing: d']);
    expect(summaryLines(rows, 18)).toEqual([
      'fuzz: 5 cases, seed 18; longest main-thread task per kind of input:',
      '  share       2100 ms (2105 ms by the clock)  share: b (failed)',
      '  paste        300 ms (305 ms by the clock)  paste: c',
      '  typing        90 ms (95 ms by the clock)  typing: d',
      '  worst of all: 2100 ms (a task over 1000 ms fails its case)',
    ]);
  });
});
