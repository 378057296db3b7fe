import {describe, expect, it} from 'vitest';
import {farBlocksEndScript, farBlocksInlineScript} from './farBlocks';

// The scripts are strings inlined in every page; what they do is tested in Chromium
// (tests/e2e/far-blocks.spec.ts). A syntax error would only show there as a page without marks.
describe('far blocks inline scripts', () => {
  it('are valid JavaScript', () => {
    expect(() => new Function(farBlocksInlineScript())).not.toThrow();
    expect(() => new Function(farBlocksEndScript())).not.toThrow();
  });
});
