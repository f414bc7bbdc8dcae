import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Of site/ only its tools are this project's TypeScript: the Docusaurus sources are checked by
    // the site's own tsconfig (npm run test:site).
    ignores: [
      'node_modules/',
      'site/*',
      '!site/tools/',
      'artifacts/',
      '**/dist/',
      'coverage/',
      '.workshop/',
      'chapters/.check-*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { globals: globals.node, sourceType: 'commonjs' } },
  { files: ['*.mjs'], languageOptions: { globals: globals.node } },
  // Pages served as they are (the landscape console's): browser scripts, no build step.
  { files: ['scripts/**/public/**/*.js'], languageOptions: { globals: globals.browser, sourceType: 'script' } },
  {
    // One way into the chapter's shared code: `common/<module>` through its index.ts, for every
    // service and every other module; only the shared test helpers (common/<module>/test/) are
    // reached by their own path.
    files: ['solutions/**/*.ts', 'chapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)common/[^/]+/(?!test/)',
              message: 'Import common/<module> through its index (e.g. ../../common/messaging), not a file inside it.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
