// Typed ESLint over main-process code and the window; enforces the layer borders between them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './svelte.config.js';
import { layersRule } from './scripts/layers.mjs';

const IPC_HOMES = ['src-main/electron/ipc/**/*.ts', 'src-main/preload/**/*.ts'];
const OPEN_EXTERNAL_HOME = 'src-main/electron/open-external.ts';
const rawIpc = {
  selector: 'MemberExpression[property.name=/^(ipcMain|ipcRenderer)$/]',
  message: 'raw IPC lives only in src-main/electron/ipc/ (main) and src-main/preload/ (window).',
};
const rawOpenExternal = {
  selector:
    "MemberExpression[property.name='openExternal']:matches([object.name='shell'], [object.property.name='shell'])",
  message: 'open links only through src-main/electron/open-external.ts, which vets them.',
};
function electronImports(names, message) {
  return [
    'error',
    {
      paths: ['electron', 'electron/main', 'electron/renderer'].map((name) => ({
        name,
        importNames: names,
        message,
      })),
    },
  ];
}
function shellBorderRules() {
  const ipcMessage = rawIpc.message;
  const shellMessage = rawOpenExternal.message;
  return [
    {
      files: ['src-main/**/*.ts'],
      ignores: [...IPC_HOMES, OPEN_EXTERNAL_HOME],
      rules: { 'no-restricted-syntax': ['error', rawIpc, rawOpenExternal] },
    },
    { files: IPC_HOMES, rules: { 'no-restricted-syntax': ['error', rawOpenExternal] } },
    { files: [OPEN_EXTERNAL_HOME], rules: { 'no-restricted-syntax': ['error', rawIpc] } },
    // core and cli already ban every electron import; these cover the shell's own files.
    {
      files: ['src-main/electron/**/*.ts'],
      ignores: ['src-main/electron/ipc/**', OPEN_EXTERNAL_HOME],
      rules: {
        'no-restricted-imports': electronImports(
          ['ipcMain', 'ipcRenderer', 'shell'],
          `${ipcMessage} ${shellMessage}`,
        ),
      },
    },
    {
      files: ['src-main/electron/ipc/**/*.ts', 'src-main/preload/**/*.ts'],
      rules: { 'no-restricted-imports': electronImports(['shell'], shellMessage) },
    },
    {
      files: [OPEN_EXTERNAL_HOME],
      rules: { 'no-restricted-imports': electronImports(['ipcMain', 'ipcRenderer'], ipcMessage) },
    },
  ];
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  // The dependency arrows between folders (domain ← core ← service ← borders …): one table in
  // scripts/layers.mjs, also read by tests/node/architecture/layers.test.ts.
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    plugins: { porthole: { rules: { layers: layersRule } } },
    rules: { 'porthole/layers': 'error' },
  },
  // Shell border (ARCHITECTURE.md, "Layers"): raw ipcMain/ipcRenderer only in src-main/electron/ipc/ and
  // src-main/preload/, shell.openExternal only in its vetting wrapper. Rule options do not merge
  // across blocks, so each file group gets the complete list that applies to it.
  ...shellBorderRules(),
  // The window: Svelte components type-checked like the rest; no Node built-ins, no Electron.
  ...svelte.configs.recommended,
  {
    files: ['src-renderer/**/*.svelte', 'src-renderer/**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  // CommonJS files (bin/porthole.cjs, the bundle's process shim) load with require().
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
