import {defineConfig} from 'vitest/config';
import {fileURLToPath} from 'node:url';

// Unit tests sit beside the code (src/**/foo.test.ts); tests against the real doveconf binaries
// live in tests/doveconf, and the public corpus judged by them in tests/corpus. Playwright specs (tests/e2e) are not Vitest's. Components are rendered
// to static markup in Node, with Docusaurus-only modules replaced by small stand-ins.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  oxc: {jsx: {runtime: 'automatic'}},
  resolve: {
    alias: {
      '@site': here('.'),
      '@docusaurus/Link': here('./tests/stubs/Link.tsx'),
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'plugins/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/doveconf/**/*.test.ts', 'tests/corpus/**/*.test.ts', 'tests/measure/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
