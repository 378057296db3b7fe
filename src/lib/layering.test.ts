// The domain modules under src/lib are imported by views and scripts, never the other way round:
// no module in src/lib (its tests aside) reaches up into components, pages, the theme or scripts, and the
// measurement harness (scripts/measure) takes the measured-data model from src/lib/measured,
// not from a view.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
}

describe('layering', () => {
  it('src/lib imports nothing from components, pages, theme or scripts', () => {
    // tests are left out: one may hold a domain module to the views that use it
    const bad = files('src/lib').filter((f) => !/\.test\.tsx?$/.test(f)).flatMap((f) =>
      imports(f)
        .filter((s) => /(^|\/)(components|pages|theme|scripts)\//.test(s) || s.startsWith('@theme') || s.startsWith('@docusaurus'))
        .map((s) => `${f}: ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('the measurement harness imports no view', () => {
    const bad = files('scripts/measure').flatMap((f) => imports(f).filter((s) => s.includes('components/')).map((s) => `${f}: ${s}`));
    expect(bad).toEqual([]);
  });
});
