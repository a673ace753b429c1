// Lint enforces what the per-layer tsconfigs cannot: the import direction between layers.
//   core        pure: no node:*, no electron/keytar, no other layer
//   api         pure: core only
//   providers, secrets, hosts: never electron, cli or composition
//   keytar      only in src-main/secrets
//   renderer    nothing from src-main but types of the pure layers (api, core)
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Bare names are matched with a regex (gitignore-style groups would also catch './path').
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (names) => `^(${names.map(escape).join('|')})(/.*)?$`;
const builtins = builtinModules.filter((m) => !m.startsWith('_'));

const noNode = { regex: `^node:|${exactly(builtins)}`, message: 'This layer is pure: no Node built-ins (put I/O in providers/ behind a port).' };
const noElectron = { regex: exactly(['electron']), message: 'Only src-main/electron (and the preload) may import electron.' };
const noKeytar = { regex: exactly(['keytar']), message: 'keytar is only imported by src-main/secrets.' };
const noLayers = (names, why) => ({ group: names.flatMap((n) => [`../${n}`, `../${n}/**`, `../../${n}`, `../../${n}/**`, `../../../${n}/**`]), message: why });

const restrict = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '**/*.svelte', '.tmp*', '**/.tmp*'] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], ignores: ['src-main/secrets/**'], rules: restrict(noKeytar) },
  {
    files: ['src-main/core/**/*.ts'],
    rules: restrict(
      noNode,
      noElectron,
      noKeytar,
      noLayers(['api', 'providers', 'secrets', 'hosts', 'composition', 'cli', 'electron'], 'core imports no other layer.'),
      { group: ['**/src-renderer/**'], message: 'core imports no other layer.' },
    ),
  },
  {
    files: ['src-main/api/**/*.ts'],
    rules: restrict(
      noNode,
      noElectron,
      noKeytar,
      noLayers(['providers', 'secrets', 'hosts', 'composition', 'cli', 'electron'], 'api imports only core (reach the world through ports).'),
      { group: ['**/src-renderer/**'], message: 'api imports only core.' },
    ),
  },
  {
    files: ['src-main/providers/**/*.ts', 'src-main/hosts/**/*.ts'],
    rules: restrict(noElectron, noKeytar, noLayers(['cli', 'electron', 'composition'], 'providers and hosts never import the CLI, the Electron shell or the composition root.')),
  },
  {
    files: ['src-main/secrets/**/*.ts'],
    rules: restrict(noElectron, noLayers(['cli', 'electron', 'composition', 'hosts'], 'secrets never import the CLI, the Electron shell, hosts or the composition root.')),
  },
  {
    files: ['src-main/composition/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: restrict(noElectron, noKeytar),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: restrict(noKeytar, noLayers(['cli'], 'The Electron shell does not use the CLI.')),
  },
  {
    files: ['src-renderer/**/*.ts'],
    ignores: ['src-renderer/vite.config.ts'],
    rules: restrict(
      noNode,
      noElectron,
      noKeytar,
      {
        // Types of the pure layers (the contract, views, model, errors, core types) are shared; code is not.
        regex: 'src-main/(api|core)/',
        allowTypeImports: true,
        message: 'The renderer imports only types from src-main (use lib/api for calls).',
      },
      {
        regex: 'src-main/(?!api/|core/)',
        message: 'The renderer may only import types of src-main/api and src-main/core.',
      },
    ),
  },
);
