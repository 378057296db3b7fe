import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {FAR_HEIGHT_STEPS, farBlocksEndScript, farBlocksInlineScript, farBucketHeight, farHeightBucket, farHeightRules} from './farBlocks';

// The scripts are strings inlined in every page; what they do is tested in Chromium
// (tests/e2e/far-blocks.spec.ts). A syntax error would only show there as a page without marks.
describe('far blocks inline scripts', () => {
  it('are valid JavaScript', () => {
    expect(() => new Function(farBlocksInlineScript())).not.toThrow();
    expect(() => new Function(farBlocksEndScript())).not.toThrow();
  });
});

describe('placeholder heights', () => {
  it('a height maps to the nearest step, within 5 % from 40 px to 11 000 px, clamped outside', () => {
    for (let px = 40; px <= 11_000; px += 7) {
      const got = farBucketHeight(farHeightBucket(px));
      expect(Math.abs(got - px) / px, `${px} px`).toBeLessThanOrEqual(0.05 + 1 / px);
    }
    expect(farHeightBucket(1)).toBe(0);
    expect(farHeightBucket(0)).toBe(0);
    expect(farHeightBucket(1e9)).toBe(FAR_HEIGHT_STEPS - 1);
  });
  it('the inline script picks the same step as farHeightBucket', () => {
    // the script's mark(), run on stand-in elements
    const script = farBlocksInlineScript();
    const mark = script.match(/function mark\(e,h\)\{[^}]*\}/)![0];
    const run = new Function(`var A="x";${mark};return mark;`)() as (e: {setAttribute: (a: string, v: unknown) => void}, h: number) => void;
    for (const h of [0, 12, 40, 41, 199.5, 200, 1234, 5000, 99999]) {
      let value: unknown;
      run({setAttribute: (_a, v) => (value = v)}, h);
      expect(String(value), `${h} px`).toBe(String(farHeightBucket(h)));
    }
  });
  it('the stylesheet has a rule for every step (src/css/farHeights.generated.css)', () => {
    const file = readFileSync(join(__dirname, '..', 'css', 'farHeights.generated.css'), 'utf8');
    expect(file, 'regenerate it with: npx tsx -e "import {farHeightRules} from \'./src/lib/farBlocks\'; process.stdout.write(farHeightRules())" > src/css/farHeights.generated.css').toBe(farHeightRules());
  });
});
