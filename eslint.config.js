/**
 * ESLint for the whole repository, and the place where the layers of
 * docs/architecture.md are enforced rather than hoped for: every folder may import only
 * what its layer allows (`import-x/no-restricted-paths`), and the code that ships has no
 * import cycles (`import-x/no-cycle`). The layer table and `layerConfig` are exported so
 * that test/lint/import-graph.ts can measure any checkout with the same rules;
 * test/lint/layers.test.ts proves the rules fire, on a fixture tree.
 */
import path from 'node:path';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/**
 * The layers: which other layers each may import (it may always import itself, unless
 * `self` is false), and the rule in words, which is what a violation prints.
 * Layers not listed here (scripts/, test/) may import anything.
 */
export const layers = {
  contracts: {
    may: [],
    rule: 'contracts/ is the wire (API types, schemas, event contracts, formats, signature): it imports nothing of ours, only npm packages and node:.',
  },
  catalog: {
    may: ['contracts'],
    rule: 'catalog/ is the published catalog data: it imports only contracts/.',
  },
  domain: {
    may: ['contracts', 'catalog'],
    rule: 'functions/domain/ is the pure rules: it imports only contracts/, catalog/ and functions/domain/ — never store/, lambda/, app/, handlers/ or an adapter. Its errors are domain errors (functions/domain/errors.ts), never HTTP.',
  },
  app: {
    may: ['domain', 'store', 'lambda', 'payments', 'courier', 'results', 'sms', 'contracts', 'catalog'],
    rule: 'functions/app/ holds the use cases, the only layer that calls both domain and store: it may import domain/, store/, lambda/, the adapters (payments/, courier/, results/, sms/ and email/), contracts/ and catalog/ — never handlers/.',
  },
  store: {
    may: ['domain', 'lambda', 'contracts'],
    rule: 'functions/store/ is DynamoDB and S3 access: it imports domain/ (types), lambda/ (aws clients, env) and contracts/ — never app/, handlers/ or an adapter — and decides nothing.',
  },
  lambda: {
    may: ['domain', 'contracts'],
    rule: 'functions/lambda/ is the Lambda glue (http, worker, validate, logger, aws, env, secrets, staff-auth, clock): it imports domain/ and contracts/ — never app/, store/, handlers/ or an adapter.',
  },
  handlers: {
    may: ['domain', 'app', 'store', 'lambda', 'payments', 'courier', 'results', 'sms', 'contracts', 'catalog'],
    self: false,
    rule: 'functions/handlers/ is one file per function that calls app/: a handler may import anything in functions/ but another handler; what two handlers share belongs in app/ or lambda/.',
  },
  payments: {
    may: ['lambda', 'domain', 'contracts'],
    rule: 'functions/payments/ is an adapter: it imports lambda/, domain/ and contracts/ — never app/, store/, handlers/ or another adapter.',
  },
  courier: {
    may: ['lambda', 'domain', 'contracts'],
    rule: 'functions/courier/ is an adapter: it imports lambda/, domain/ and contracts/ — never app/, store/, handlers/ or another adapter.',
  },
  results: {
    may: ['lambda', 'domain', 'contracts'],
    rule: 'functions/results/ is an adapter: it imports lambda/, domain/ and contracts/ — never app/, store/, handlers/ or another adapter.',
  },
  sms: {
    may: ['lambda', 'domain', 'contracts'],
    rule: 'functions/sms/ and functions/email/ are one adapter, the message channels: they import lambda/, domain/ and contracts/ — never app/, store/, handlers/ or another adapter.',
  },

  widgets: {
    may: ['contracts'],
    rule: 'widgets/ runs in the browser and speaks to the API only: it imports contracts/ and its own generated validators — never functions/, local/ or infra/.',
  },
  workbench: {
    may: ['contracts'],
    rule: 'workbench/ is the staff browser app and speaks to the API only: it imports contracts/ — never functions/, local/, infra/ or the citizen widgets (nor do they import it).',
  },
  local: {
    may: ['contracts', 'catalog', 'infra', 'scripts'],
    rule: 'local/ runs the handlers\' bundles, not their sources: it imports contracts/, catalog/, infra/ and scripts/ — never functions/.',
  },
  infra: {
    may: ['contracts', 'catalog'],
    rule: 'infra/ bundles functions/handlers/* by path: it imports contracts/, catalog/ and infra/ — never functions/.',
  },
};

/**
 * Where each layer lives, relative to the repository root: a folder, or a glob for
 * layers that share a folder (as the old functions/shared/ did).
 */
export const folders = {
  contracts: ['contracts'],
  catalog: ['catalog'],
  domain: ['functions/domain'],
  app: ['functions/app'],
  store: ['functions/store'],
  lambda: ['functions/lambda'],
  handlers: ['functions/handlers'],
  payments: ['functions/payments'],
  courier: ['functions/courier'],
  results: ['functions/results'],
  // The message channels: text messages and email share their error, their sandbox's client and the receipts.
  sms: ['functions/sms', 'functions/email'],
  widgets: ['widgets'],
  workbench: ['workbench'],
  local: ['local'],
  infra: ['infra'],
  scripts: ['scripts'],
};

/** The folders whose import graph must have no cycles. */
export const acyclic = ['contracts', 'catalog', 'functions', 'widgets/src', 'workbench/src', 'local', 'infra'];

/**
 * The two import-x rules for a tree rooted at `root`.
 * @param {{ root: string, folders?: Record<string, string[]>, tsconfig?: string }} options
 *   `folders` @default the table above; `tsconfig` @default `<root>/tsconfig.json`.
 * @returns {import('eslint').Linter.Config[]}
 */
export function layerConfig({ root, folders: where = folders, tsconfig = path.join(root, 'tsconfig.json') }) {
  const globs = (layer) => (where[layer] ?? []).map((entry) => path.join(root, /[*{]/.test(entry) ? entry : `${entry}/**`));
  const zones = Object.entries(layers)
    .filter(([layer]) => where[layer]?.length)
    .map(([layer, { may, self = true, rule }]) => ({
      target: globs(layer),
      from: [path.join(root, '**')],
      except: [path.join(root, 'node_modules/**'), ...(self ? globs(layer) : []), ...may.flatMap(globs)],
      message: rule,
    }));
  return [
    {
      files: ['**/*.ts'],
      plugins: { 'import-x': importX },
      settings: {
        ...importX.flatConfigs.typescript.settings,
        'import-x/resolver-next': [createTypeScriptImportResolver({ project: tsconfig })],
      },
      rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones }] },
    },
    {
      files: acyclic.map((folder) => `${folder}/**/*.ts`),
      // no-cycle does not follow type-only imports; test/lint/cycles.test.ts does.
      rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/', 'cdk.out/', 'build/', 'widgets/generated/', '.local/', 'coverage/', '**/*.mjs',
      // Files that break the layers on purpose, linted by test/lint/layers.test.ts only.
      'test/lint/fixtures/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layerConfig({ root: import.meta.dirname }),
  {
    // Tests read JSON replies whose shape is what they assert.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
