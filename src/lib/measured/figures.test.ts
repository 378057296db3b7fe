// The numbers the /measured page and the blog post quote, from a fixed results set (worked out by
// hand), and the names the pages use: each must be defined, and each figure of the grid must have
// a value in the committed data/measured/results.json.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {FIGURES, figure} from './figures';
import {fixture, mode, run, sections} from './results.fixture';
import type {Results} from './results';

function usedNames(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const alias = /MeasuredFigure as (\w+)/.exec(text)?.[1] ?? 'MeasuredFigure';
  return [...text.matchAll(new RegExp(`<${alias} name="([^"]+)"`, 'g'))].map((m) => m[1]);
}

const PAGES = ['docs/measured.mdx', 'blog/2026-11-30-measured.mdx'];

describe('measured figures', () => {
  it('ratios and differences from a fixed set', () => {
    expect(figure(fixture, 'login.logins')).toBeCloseTo(280 / 100, 12);
    expect(figure(fixture, 'login.cpu')).toBeCloseTo(4.5 / 10, 12);
    expect(figure(fixture, 'd23.defaults.plain')).toBe(100);
    expect(figure(fixture, 'ms.login.perconn')).toBeCloseTo(10 - 4.5, 12);
    // no reused modes in the fixture: no reuse figure, rather than a made-up one
    expect(figure(fixture, 'reuse.hs.logins')).toBeNull();
    expect(() => figure(fixture, 'no.such.figure')).toThrow(/unknown measured figure/);
  });

  it('reuse is reported per login mode', () => {
    const m = (login: 'high-security' | 'high-performance', imap: 'per-connection' | 'reused', l: number) => ({...mode(login, [run(1, l, 1, 1)]), imap, id: `${login}-${imap}`});
    const r = {modes: [m('high-security', 'per-connection', 100), m('high-security', 'reused', 130), m('high-performance', 'per-connection', 200), m('high-performance', 'reused', 400)]} as unknown as Results;
    expect(figure(r, 'reuse.hs.logins')).toBeCloseTo(1.3, 12);
    expect(figure(r, 'reuse.hp.logins')).toBeCloseTo(2, 12);
  });

  it('the auth cache figures come from its own section', () => {
    expect(figure(sections, 'cache.ssha512.logins')).toBeCloseTo(300 / 200, 12);
    expect(figure(sections, 'cache.sha512crypt.logins')).toBeCloseTo(110 / 100, 12);
    expect(figure(sections, 'cache.worker.sha512crypt.logins')).toBeCloseTo(99 / 110, 12);
    expect(figure(sections, 'cache.ssha512.hitpct')).toBe(100);
    expect(figure(sections, 'cache.off.queries')).toBe(2);
    expect(figure(sections, 'cache.sha512crypt.bytes.per.user')).toBe(280);
    expect(figure(fixture, 'cache.ssha512.logins')).toBeNull();
  });

  it('every name the pages use is defined', () => {
    const names = PAGES.flatMap(usedNames);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !(n in FIGURES))).toEqual([]);
  });

  it('every grid figure the pages use has a value in the committed results', () => {
    const results = JSON.parse(readFileSync('data/measured/results.json', 'utf8')) as Results;
    const missing = PAGES.flatMap(usedNames).filter((n) => !n.startsWith('cache.') && figure(results, n) === null);
    expect(missing).toEqual([]);
  });
});
