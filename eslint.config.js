// Flat config: typescript-eslint's strict set without type information keeps lint fast
// (type errors are tsc's job in `npm run typecheck`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { layerRules } from './scripts/lint-layers.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'coverage/**',
      'bench/out/**',
      'packages/web/src/api/schema.d.ts',
      'packages/web/dist.*/**',
      'packages/web/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Files do one thing: 600 lines at most. Generated tables and font data are exempt.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: [
      'packages/einvoice/src/rules/catalogue-data.ts',
      'packages/einvoice/src/pdf/assets/**',
      'packages/einvoice/src/schema/tables/**',
      'packages/einvoice/src/profiles/profile-asserts.ts',
    ],
    rules: {
      'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }],
    },
  },
  ...layerRules,
  {
    // The portal: the rules of hooks (React's own lint rules).
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
);
