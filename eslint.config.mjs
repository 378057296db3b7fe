// Lint for the whole project: TypeScript (strict rules), React hooks, scripts and tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {ignores: ['build/', '.docusaurus/', 'node_modules/', 'static/katex/', 'test-results/', 'playwright-report/', '.test-output/', 'bench-results/']},
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: {globals: {...globals.browser, ...globals.node}},
    plugins: {'react-hooks': reactHooks},
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-control-regex': 'off',
      // Catalog lookups of keys that the data guarantees read better with `!` than with casts.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Docusaurus plugins are loaded through CommonJS-compatible require.resolve.
    files: ['plugins/**/*.ts', 'docusaurus.config.ts'],
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
);
