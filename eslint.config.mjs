// ESLint as the Office add-in templates set it up (eslint-plugin-office-addins, which also runs Prettier with
// office-addin-prettier-config), plus boundary rules that keep the stage folders pointing forward only.
import js from '@eslint/js';
import officeAddins from 'eslint-plugin-office-addins';
import prettierPlugin from 'eslint-plugin-prettier';
import prettierConfig from 'eslint-config-prettier';
import reactPlugin from 'eslint-plugin-react';
import tseslint from 'typescript-eslint';

// The office-addins recommended rule set, taken rule by rule: its bundled config registers an older
// typescript-eslint whose rules crash beside the current one (Cannot read 'allowShortCircuit').
const officeAddinsRules = officeAddins.configs.recommended.find((c) => c.rules && c.rules['office-addins/load-object-before-read']).rules;

// Each engine stage may import only from the stages before it (docs/architecture.md).
const STAGES = ['core', 'messages', 'normalize', 'locate', 'headers', 'validate', 'intake', 'rubric', 'formula', 'interpret', 'dynamic', 'plan', 'compute', 'report', 'usecases'];
const stageRules = STAGES.map((stage, i) => ({
  files: [`src/engine/${stage}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(i + 1 < STAGES.length
            ? [{ group: STAGES.slice(i + 1).flatMap((later) => [`../${later}`, `../${later}/*`]), message: 'Engine stages import only from earlier stages.' }]
            : []),
          { group: ['**/adapters/**', '**/cli/**', '**/taskpane/**', '**/demo/**', 'react', 'react-dom', '@fluentui/*', 'exceljs', 'node:*', 'fs', 'path'], message: 'The engine is pure: no adapters, UI, Node or Office.' },
        ],
      },
    ],
  },
}));

export default [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'src/engine/normalize/tradSimpTable.ts', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  reactPlugin.configs.flat.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins, prettier: prettierPlugin },
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: 'detect' } },
    rules: {
      ...Object.fromEntries(Object.entries(officeAddinsRules).filter(([rule]) => !rule.startsWith('office-addins/'))),
      // React 17+ JSX transform: no React import needed in scope.
      'react/react-in-jsx-scope': 'off',
      // Types are checked by tsc; the base rule does not understand TypeScript globals such as Excel.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The office-js rules read every `.load()`/property access as office-js: only where office-js is used.
    files: ['src/adapters/officejs/**/*.ts', 'src/taskpane/**/*.{ts,tsx}'],
    rules: Object.fromEntries(Object.entries(officeAddinsRules).filter(([rule]) => rule.startsWith('office-addins/'))),
  },
  ...stageRules,
  {
    // Outside the engine, code sees only its public entry, src/engine/index.ts (use cases, plan types, ports, grid,
    // words and messages), never a stage. The benches time the stages one by one, so they may reach in.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/**', 'src/bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)engine/.', message: "Import the engine from its index (src/engine/index.ts), not from its inner folders." }] },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // Tests reach into objects they build themselves.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
