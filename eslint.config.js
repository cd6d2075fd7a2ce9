// The Temporal samples' rules: floating promises are errors, and code that runs in the workflow sandbox
// (the workflows, the calendar and the config schema, scoring table, text bounds and terms they import) imports no Node built-ins.
const tseslint = require('typescript-eslint');
const { builtinModules } = require('module');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'data/**', 'coverage/**', '*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Jest loads its reporter and test sequencer as CommonJS, untransformed.
  { files: ['test/support/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['workflows/**/*.ts', 'calendar/**/*.ts', 'config/schema.ts', 'config/scoring.ts', 'config/bounded-text.ts', 'config/terms.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)] },
      ],
    },
  },
);
