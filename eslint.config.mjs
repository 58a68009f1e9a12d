// ESLint as the Office add-in templates set it up (eslint-plugin-office-addins, which also runs Prettier with
// office-addin-prettier-config), plus boundary rules that keep the stage folders pointing forward only.
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

// Each engine stage may import only from the stages before it (docs/architecture.md).
const STAGES = ['core', 'messages', 'normalize', 'locate', 'headers', 'validate', 'intake', 'rubric', 'formula', 'evaluate', 'dynamic', 'plan', 'report'];
const stageRules = STAGES.map((stage, i) => ({
  files: [`src/engine/${stage}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: STAGES.slice(i + 1).map((later) => `../${later}/*`).concat(STAGES.slice(i + 1).map((later) => `../${later}`)), message: 'Engine stages import only from earlier stages.' },
          { group: ['**/adapters/**', '**/cli/**', '**/taskpane/**', '**/demo/**', 'react', 'react-dom', '@fluentui/*', 'exceljs', 'node:*', 'fs', 'path'], message: 'The engine is pure: no adapters, UI, Node or Office.' },
        ],
      },
    ],
  },
}));

export default [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'src/engine/normalize/tradSimpTable.ts', '**/*.js', '**/*.mjs'] },
  ...officeAddins.configs.react,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Types are checked by tsc; the base rule does not understand TypeScript globals such as Excel.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...stageRules,
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // Tests reach into objects they build themselves.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
