import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ANSWER_WIDTH, copyAsAnswer} from './answer';
import {generate} from './generate';
import {GENERATOR_DEFAULTS, presetInput, type PresetId} from './schema';
import {GENERATOR_PROTOCOLS} from './types';

const SHORT = 'https://example.org/generator?s=1&v=2.4';

/** The longest line that is not a URL on its own. */
function longestLine(text: string): number {
  return Math.max(...text.split('\n').filter((l) => !/^https?:\/\/\S+$/.test(l)).map((l) => l.length));
}

describe('copy as answer', () => {
  for (const id of ['small-office', 'isp-10k', 'maximum-isolation'] as PresetId[]) {
    for (const version of ['2.4', '2.3'] as const) {
      it(`${id} ${version}: every line ≤ 72 columns`, () => {
        const a = copyAsAnswer(generate(presetInput(id, version)), SHORT);
        for (const line of a.split('\n')) if (line !== SHORT) expect(line.length, line).toBeLessThanOrEqual(72);
      });
    }
  }
  it('holds the block without comments, one "why" line per value, and the permalink', () => {
    const out = generate(presetInput('isp-10k', '2.4'));
    const a = copyAsAnswer(out, SHORT);
    expect(a).toContain('\nservice auth {\n  client_limit = 14928\n}\n');
    expect(a).not.toMatch(/^\s*#/m);
    const whyStarts = a.split('\n').filter((l) => l.startsWith('- service ') || l.startsWith('- auth_'));
    expect(whyStarts).toHaveLength(out.explanations.length);
    expect(a).toContain('- service imap-login/process_limit = 22: ');
    expect(a).toContain('LimitNOFILE=30720\nTasksMax=17408\n');
    expect(a.endsWith(`Generator state:\n${SHORT}\n`)).toBe(true);
  });
  it('a permalink longer than a line stays whole on a line of its own', () => {
    const url = `https://wiki.example.org/generator?s=1&v=2.4&${'x'.repeat(150)}=1`;
    const a = copyAsAnswer(generate(GENERATOR_DEFAULTS), url);
    expect(longestLine(a)).toBeLessThanOrEqual(ANSWER_WIDTH);
    const lines = a.split('\n');
    expect(lines).toContain(url);
    expect(lines[lines.indexOf(url) - 1]).toBe('Generator state:');
    expect(a.endsWith(`\n${url}\n`)).toBe(true);
  });
  it('a URL in running text gets a line of its own and is never broken', () => {
    const out = generate(GENERATOR_DEFAULTS);
    const url = `https://doc.dovecot.org/main/core/config/service.html#${'y'.repeat(90)}`;
    const a = copyAsAnswer({...out, warnings: [{id: 'w', severity: 'warning', message: `See ${url} for the details of this limit.`, link: '/'}]}, SHORT);
    const lines = a.split('\n');
    expect(lines).toContain(url);
    expect(lines[lines.indexOf(url) - 1]).toBe('- See');
    expect(lines[lines.indexOf(url) + 1]).toBe('  for the details of this limit.');
    expect(longestLine(a)).toBeLessThanOrEqual(ANSWER_WIDTH);
  });
  it('every line ≤ 72 for random answers and permalinks', () => {
    fc.assert(
      fc.property(
        fc.record({
          version: fc.constantFrom('2.3' as const, '2.4' as const),
          protocols: fc.subarray([...GENERATOR_PROTOCOLS], {minLength: 1}),
          imap: fc.integer({min: 0, max: 1_000_000}),
          loginMode: fc.constantFrom('high-security' as const, 'high-performance' as const),
          mailReuse: fc.constantFrom('one' as const, 'bounded' as const, 'unlimited' as const),
          authCache: fc.boolean(),
          output: fc.constantFrom('blocks' as const, 'file' as const),
          newPerSecond: fc.integer({min: 0, max: 100_000}),
        }),
        fc.webUrl({withQueryParameters: true, withFragments: true}),
        (a, url) => {
          const out = generate({...GENERATOR_DEFAULTS, ...a, peak: {...GENERATOR_DEFAULTS.peak, imap: a.imap}});
          const text = copyAsAnswer(out, url);
          expect(longestLine(text)).toBeLessThanOrEqual(72);
          expect(text.split('\n')).toContain(url);
        },
      ),
      {seed: 3, numRuns: 200},
    );
  });
});
