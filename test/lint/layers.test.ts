/**
 * Proves that the layer rules of eslint.config.js fire, so that "the layers are
 * enforced by lint" is a fact a failing build can show, not a convention.
 *
 * The rules are taken from the repository's configuration as ESLint computes it, then
 * re-rooted onto a small fixture tree written to a temporary folder: one file per
 * broken rule (a domain file importing the store, a widget importing functions/, a
 * store importing app/, a two-file cycle...), and files that import only what their
 * layer allows, which must not be reported. The fixtures live in the temporary folder
 * so that `npm run lint` and `tsc` never see them.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycles, importGraph } from './graph.js';

const repo = path.resolve(import.meta.dirname, '../..');
const layersRule = 'import-x/no-restricted-paths';
const cycleRule = 'import-x/no-cycle';

/** A file that imports only what its layer allows. Every one of them is imported by some other fixture. */
const allowed: Record<string, string> = {
  'contracts/wire.ts': `export const wire = 'wire';`,
  'catalog/data.ts': `import { wire } from '../contracts/wire.js';\nexport const data = [wire];`,
  'functions/domain/errors.ts': `export class DomainError extends Error {}`,
  'functions/domain/rule.ts': `import { wire } from '../../contracts/wire.js';\nimport { data } from '../../catalog/data.js';\nimport { DomainError } from './errors.js';\nexport const rule = [wire, data, DomainError];`,
  'functions/lambda/aws.ts': `export const client = {};`,
  'functions/lambda/http.ts': `import { DomainError } from '../domain/errors.js';\nimport { wire } from '../../contracts/wire.js';\nexport const http = [DomainError, wire];`,
  'functions/store/record.ts': `import { rule } from '../domain/rule.js';\nimport { client } from '../lambda/aws.js';\nimport { wire } from '../../contracts/wire.js';\nexport const record = [rule, client, wire];`,
  'functions/payments/provider.ts': `import { http } from '../lambda/http.js';\nimport { rule } from '../domain/rule.js';\nimport { wire } from '../../contracts/wire.js';\nexport const provider = [http, rule, wire];`,
  'functions/app/use-case.ts': [
    `import { rule } from '../domain/rule.js';`,
    `import { record } from '../store/record.js';`,
    `import { http } from '../lambda/http.js';`,
    `import { provider } from '../payments/provider.js';`,
    `import { wire } from '../../contracts/wire.js';`,
    `import { data } from '../../catalog/data.js';`,
    `export const useCase = [rule, record, http, provider, wire, data];`,
  ].join('\n'),
  'functions/handlers/route.ts': `import { useCase } from '../app/use-case.js';\nimport { http } from '../lambda/http.js';\nexport const route = [useCase, http];`,
  'widgets/src/element.ts': `import { wire } from '../../contracts/wire.js';\nexport const element = [wire];`,
  'infra/config.ts': `import { wire } from '../contracts/wire.js';\nimport { data } from '../catalog/data.js';\nexport const config = [wire, data];`,
  'scripts/build.ts': `import { route } from '../functions/handlers/route.js';\nexport const build = [route];`,
  'local/runtime.ts': [
    `import { wire } from '../contracts/wire.js';`,
    `import { data } from '../catalog/data.js';`,
    `import { config } from '../infra/config.js';`,
    `import { build } from '../scripts/build.js';`,
    `export const runtime = [wire, data, config, build];`,
  ].join('\n'),
  // A type-only cycle is erased at build time: no-cycle leaves it alone, cycles.test.ts does not.
  'functions/domain/type-cycle-a.ts': `import type { B } from './type-cycle-b.js';\nexport type A = { b?: B };`,
  'functions/domain/type-cycle-b.ts': `import type { A } from './type-cycle-a.js';\nexport type B = { a?: A };`,
};

/** A file whose first line breaks one layer rule; the rule's words name the importing layer. */
const broken: Array<{ file: string; imports: string; says: string }> = [
  { file: 'functions/domain/imports-store.ts', imports: '../store/record.js', says: 'functions/domain/ is the pure rules' },
  { file: 'functions/domain/imports-lambda.ts', imports: '../lambda/http.js', says: 'never HTTP' },
  { file: 'functions/domain/imports-app.ts', imports: '../app/use-case.js', says: 'functions/domain/ is the pure rules' },
  { file: 'functions/domain/imports-handlers.ts', imports: '../handlers/route.js', says: 'functions/domain/ is the pure rules' },
  { file: 'functions/store/imports-app.ts', imports: '../app/use-case.js', says: 'functions/store/ is DynamoDB and S3 access' },
  { file: 'functions/lambda/imports-store.ts', imports: '../store/record.js', says: 'functions/lambda/ is the Lambda glue' },
  { file: 'functions/app/imports-handlers.ts', imports: '../handlers/route.js', says: 'functions/app/ holds the use cases' },
  { file: 'functions/handlers/imports-handler.ts', imports: './route.js', says: 'but another handler' },
  { file: 'functions/payments/imports-store.ts', imports: '../store/record.js', says: 'functions/payments/ is an adapter' },
  { file: 'functions/courier/imports-payments.ts', imports: '../payments/provider.js', says: 'functions/courier/ is an adapter' },
  { file: 'widgets/src/imports-functions.ts', imports: '../../functions/domain/rule.js', says: 'widgets/ runs in the browser' },
  { file: 'widgets/src/imports-infra.ts', imports: '../../infra/config.js', says: 'widgets/ runs in the browser' },
  { file: 'local/imports-functions.ts', imports: '../functions/lambda/http.js', says: "local/ runs the handlers' bundles" },
  { file: 'infra/imports-functions.ts', imports: '../functions/domain/rule.js', says: 'infra/ bundles functions/handlers/*' },
  { file: 'contracts/imports-catalog.ts', imports: '../catalog/data.js', says: 'contracts/ is the wire' },
  { file: 'catalog/imports-functions.ts', imports: '../functions/domain/rule.js', says: 'catalog/ is the published catalog data' },
];

/** Folders that must stay acyclic; each gets a two-file runtime cycle. */
const acyclic = ['functions/domain', 'widgets/src', 'local', 'contracts'];

let fixtures: string;
let configured: Linter.Config;
let results: Map<string, Linter.LintMessage[]>;

beforeAll(async () => {
  // Prepare: the repository's rules, as ESLint computes them for a domain file.
  configured = await new ESLint({ cwd: repo }).calculateConfigForFile(path.join(repo, 'functions/domain/probe.ts'));
  fixtures = mkdtempSync(path.join(tmpdir(), 'onetrip-layers-'));
  const files: Record<string, string> = { ...allowed };
  for (const { file, imports } of broken) files[file] = `import * as forbidden from '${imports}';\nexport const broken = forbidden;`;
  for (const folder of acyclic) {
    files[`${folder}/cycle-a.ts`] = `import { b } from './cycle-b.js';\nexport const a = () => b;`;
    files[`${folder}/cycle-b.ts`] = `import { a } from './cycle-a.js';\nexport const b = () => a;`;
  }
  for (const [file, code] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(fixtures, file)), { recursive: true });
    writeFileSync(path.join(fixtures, file), `${code}\n`);
  }

  // Act: lint the fixture tree with those rules, moved from the repository onto it.
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: [{
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { 'import-x': configured.plugins!['import-x']! },
      settings: configured.settings,
      rules: { [layersRule]: reroot(configured.rules![layersRule]), [cycleRule]: configured.rules![cycleRule]! },
    }],
  });
  const linted = await eslint.lintFiles(Object.keys(files));
  results = new Map(linted.map((r) => [path.relative(fixtures, r.filePath), r.messages]));
});

afterAll(() => {
  if (fixtures) rmSync(fixtures, { recursive: true, force: true });
});

/** The rule's options with every path of the repository moved to the fixture tree. */
function reroot(rule: Linter.RuleEntry | undefined): Linter.RuleEntry {
  expect(rule, `${layersRule} is configured`).toBeDefined();
  const move = (value: unknown): unknown =>
    typeof value === 'string' ? (value.startsWith(repo) ? fixtures + value.slice(repo.length) : value)
      : Array.isArray(value) ? value.map(move)
        : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v)]))
          : value;
  return move(rule) as Linter.RuleEntry;
}

describe('the layer rules', () => {
  it.each(broken)('report $file importing $imports', ({ file, says }) => {
    // Assess
    const messages = results.get(file) ?? [];
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([[layersRule, 1]]);
    expect(messages[0]!.message).toContain(says);
  });

  it.each(acyclic)('report a two-file import cycle in %s/', (folder) => {
    for (const file of ['cycle-a.ts', 'cycle-b.ts']) {
      expect(results.get(`${folder}/${file}`)?.map((m) => [m.ruleId, m.line])).toEqual([[cycleRule, 1]]);
    }
  });

  it('report nothing in files that import only what their layer allows', () => {
    for (const file of Object.keys(allowed)) expect({ file, messages: results.get(file) }).toEqual({ file, messages: [] });
  });

  it('leave a type-only cycle to test/lint/cycles.test.ts, whose graph finds it', () => {
    const files = ['functions/domain/type-cycle-a.ts', 'functions/domain/type-cycle-b.ts'];
    const graph = importGraph(files.map((f) => path.join(fixtures, f)));
    const found = (follow: Parameters<typeof cycles>[1]) => cycles(graph, follow).list.map((c) => c.map((f) => path.relative(fixtures, f)));

    expect(found(() => true)).toEqual([files]);
    expect(found((edge) => !edge.typeOnly)).toEqual([]);
  });

  it('check cycles wherever the code ships, and only there', async () => {
    const eslint = new ESLint({ cwd: repo });
    for (const folder of ['functions/app', 'functions/store', 'widgets/src/apply', 'local', 'contracts', 'catalog', 'infra']) {
      const config = await eslint.calculateConfigForFile(path.join(repo, folder, 'probe.ts'));
      expect({ folder, severity: (config.rules?.[cycleRule] as [number] | undefined)?.[0] }).toEqual({ folder, severity: 2 });
    }
    const tests = await eslint.calculateConfigForFile(path.join(repo, 'test/unit/probe.ts'));
    expect(tests.rules?.[cycleRule]).toBeUndefined();
  });

  it('report a domain file importing the real store, with the repository configuration as it is', async () => {
    // Prepare: any file of the real store and of the real contracts, whatever they are called today.
    const storeFile = readdirSync(path.join(repo, 'functions/store')).find((f) => f.endsWith('.ts'))!;
    const contractsFile = readdirSync(path.join(repo, 'contracts')).find((f) => f.endsWith('.ts'))!;
    const code = [
      `import * as store from '../store/${storeFile.replace(/\.ts$/, '.js')}';`,
      `import * as contracts from '../../contracts/${contractsFile.replace(/\.ts$/, '.js')}';`,
      `export const probe = [store, contracts];`,
    ].join('\n');

    // Act
    const [result] = await new ESLint({ cwd: repo }).lintText(`${code}\n`, { filePath: path.join(repo, 'functions/domain/__layers_probe__.ts') });

    // Assess
    expect(result!.messages.map((m) => [m.ruleId, m.line])).toEqual([[layersRule, 1]]);
  });
});
