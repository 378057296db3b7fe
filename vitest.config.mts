import {defineConfig} from 'vitest/config';

// Unit tests sit beside the code (src/**/foo.test.ts); tests against the real doveconf binaries
// live in tests/doveconf. Playwright specs (tests/e2e) are not Vitest's.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'plugins/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/doveconf/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
