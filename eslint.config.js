// The layering rules of docs/architecture.md, enforced here rather than by memory:
// shared/ is pure; renderer/ has no Node or electron; electron/ never imports renderer/.
// Inside renderer/: views do not import the engine, panels do not import views, and nothing but
// main.tsx imports app/ (the long-lived objects come down through renderer/context).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in this layer (docs/architecture.md).' }));
const rendererPaths = [...noNode, { name: 'electron', message: 'renderer/ never imports electron.' }];
const rendererPatterns = [{ group: ['**/electron/**', 'electron/*'], message: 'renderer/ never imports electron/.' }];
const noApp = { group: ['**/app/*', './app/*'], message: 'Only main.tsx imports app/; shared React contexts live in renderer/context (docs/architecture.md).' };
const noEngine = { group: ['**/engine/*'], message: 'Views only subscribe and draw: get the engine\'s objects through renderer/context, and its pure parts from shared/ (docs/architecture.md).' };
const noViews = { group: ['**/views/**'], message: 'Panels do not import views: colour helpers are in renderer/colour, display data types in shared/ (docs/architecture.md).' };
/** One no-restricted-imports entry: a later block replaces an earlier one's, so each repeats the renderer rules. */
const rendererImports = (...extra) => ({ 'no-restricted-imports': ['error', { paths: rendererPaths, patterns: [...rendererPatterns, ...extra] }] });

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
  { files: ['renderer/**/*.{ts,tsx}'], rules: rendererImports(noApp) },
  { files: ['renderer/main.tsx', 'renderer/app/**/*.{ts,tsx}'], rules: rendererImports() },
  { files: ['renderer/views/**/*.{ts,tsx}'], rules: rendererImports(noApp, noEngine) },
  { files: ['renderer/panels/**/*.{ts,tsx}'], rules: rendererImports(noApp, noViews) },
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
