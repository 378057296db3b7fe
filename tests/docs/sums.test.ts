// Every sum written out in the pages adds up: "1024 + 100 + 100 = 1224", "$2 + 3200 + 4 \times 100 + 1 = 3603$",
// "2 + 500 + 1 = **503**". The terms come from configs that the doveconf tests check; this holds the arithmetic
// the prose does with them, which no other test reads.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

function pages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? pages(join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

// thousands apart by a space ("1 024") or LaTeX's thin space ("100\,000")
const NUMBER = String.raw`\d{1,3}(?:(?: |\\,)\d{3})+|\d+`;
const TIMES = String.raw`(?:×|\\times|\*)`;
const SUM = new RegExp(String.raw`((?:${NUMBER})(?:\s*(?:\+|${TIMES})\s*(?:${NUMBER}))+)\s*=\s*\**(${NUMBER})\b`, 'g');

const value = (n: string) => Number(n.replace(/ |\\,/g, ''));

/** The value of "a + b × c + …" (× before +). */
export function evaluate(expr: string): number {
  return expr
    .split('+')
    .map((term) => term.split(new RegExp(TIMES)).map(value).reduce((a, b) => a * b, 1))
    .reduce((a, b) => a + b, 0);
}

describe('sums in the pages', () => {
  it('reads the forms the pages use', () => {
    expect(evaluate('2 + 3200 + 4 \\times 100 + 1')).toBe(3603);
    expect(evaluate('1 024 + 100 + 100')).toBe(1224);
    expect(evaluate('1024 + 1024 + 3 × 100')).toBe(2348);
    expect(evaluate('100 \\times 1000')).toBe(value('100\\,000'));
  });

  const found: {where: string; expr: string; result: number}[] = [];
  for (const file of [...pages('docs'), ...pages('blog')]) {
    // a sum may run over a line break of its paragraph: read each line break as a space
    const text = readFileSync(file, 'utf8');
    for (const m of text.replace(/\n/g, ' ').matchAll(SUM)) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push({where: `${file}:${line}`, expr: m[1], result: value(m[2])});
    }
  }

  it('finds the worked sums', () => {
    expect(found.length).toBeGreaterThan(20);
  });

  it('each adds up', () => {
    const wrong = found.filter((s) => evaluate(s.expr) !== s.result).map((s) => `${s.where}: ${s.expr} = ${s.result}, not ${evaluate(s.expr)}`);
    expect(wrong).toEqual([]);
  });
});
