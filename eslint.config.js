// The layering rules of DESIGN.md, enforced here rather than by memory:
// shared/ is pure; renderer/ has no Node or electron; electron/ never imports renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in this layer (DESIGN.md layering).' }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, { name: 'electron', message: 'shared/ is pure TypeScript.' }, { name: 'react', message: 'shared/ is pure TypeScript.' }],
          patterns: [
            { group: ['**/renderer/**', '**/electron/**', '**/tests/**'], message: 'shared/ imports nothing from the other layers.' },
            { group: ['react-dom', 'react-dom/*', '@niivue/*', 'three', 'three/*', 'zustand', 'zustand/*'], message: 'shared/ is pure TypeScript.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, { name: 'electron', message: 'renderer/ never imports electron.' }],
          patterns: [{ group: ['**/electron/**', 'electron/*'], message: 'renderer/ never imports electron/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }] },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bin/**/*.mjs', '*.config.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
