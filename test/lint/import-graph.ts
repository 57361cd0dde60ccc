/**
 * Measures a checkout's import graph with the rules of eslint.config.js, for the figures
 * a restructuring reports and to re-check them at any time:
 *   - the imports against the layers, found by `import-x/no-restricted-paths` with the
 *     repository's zones, grouped by importing layer → imported layer, with file:line;
 *   - the import cycles: the `import-x/no-cycle` reports, and the distinct elementary
 *     cycles, over runtime imports (what no-cycle enforces) and counting type-only
 *     imports too (what test/lint/cycles.test.ts enforces).
 *
 *   npx tsx test/lint/import-graph.ts [root] [--layout current|shared] [--json]
 *
 * `root` defaults to the working directory. `--layout shared` reads a tree from before
 * issue 10 (commit 2c5dc2d), laid out as `sharedLayout` below. A tree checked out
 * elsewhere needs a node_modules (a symlink will do).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint, type Linter } from 'eslint';
import { minimatch } from 'minimatch';
import tseslint from 'typescript-eslint';
import { cycles, importGraph, tsFiles, type Cycles } from './graph.js';

/** What this script uses of eslint.config.js (plain JavaScript, so typed here). */
interface LayerRules {
  folders: Record<string, string[]>;
  acyclic: string[];
  layerConfig(options: { root: string; folders?: Record<string, string[]> }): Linter.Config[];
}

const repo = path.resolve(import.meta.dirname, '../..');
const { folders, acyclic, layerConfig } = (await import(pathToFileURL(path.join(repo, 'eslint.config.js')).href)) as LayerRules;

/**
 * Where the layers lived at 2c5dc2d, before the split: functions/shared/ and
 * functions/schemas/ were the Lambda glue (so the domain importing shared/errors.ts and
 * the use cases in shared/ importing the store count against the layers, as issue 10
 * counts them), events/ and catalog/types.ts held the contracts.
 */
const sharedLayout: Record<string, string[]> = {
  ...folders,
  contracts: ['events', 'catalog/types.*'],
  app: [],
  lambda: ['functions/shared', 'functions/schemas'],
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { layout: { type: 'string', default: 'current' }, json: { type: 'boolean', default: false } },
});
const root = path.resolve(positionals[0] ?? '.');
const layout = ({ current: folders, shared: sharedLayout } as Record<string, Record<string, string[]>>)[values.layout!];
if (!layout) throw new Error(`--layout is current or shared, not ${values.layout}`);

const rel = (file: string) => path.relative(root, file);
const glob = (entry: string) => path.join(root, /[*{]/.test(entry) ? entry : `${entry}/**`);
const layerOf = (file: string) => Object.entries(layout).find(([, entries]) => entries.some((entry) => minimatch(file, glob(entry))))?.[0] ?? 'other';
const topFolders = new Set([...acyclic, ...Object.values(layout).flat()].map((entry) => entry.split(/[/*{]/)[0]!));
const files = [...topFolders].flatMap((folder) => tsFiles(path.join(root, folder)));
const inAcyclic = (file: string) => acyclic.some((folder) => file.startsWith(path.join(root, folder) + path.sep));

const graph = importGraph(files);
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layerConfig({ root, folders: layout })],
});
const messages = (await eslint.lintFiles(files)).flatMap((r) => r.messages.map((m) => ({ file: r.filePath, line: m.line, ruleId: m.ruleId, message: m.message })));

const against = messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => {
  const target = graph.get(m.file)?.find((edge) => edge.line === m.line)?.target;
  return { file: rel(m.file), line: m.line, from: layerOf(m.file), to: target ? layerOf(target) : 'unresolved', imports: target ? rel(target) : m.message };
});
const noCycle = messages.filter((m) => m.ruleId === 'import-x/no-cycle').map((m) => ({ file: rel(m.file), line: m.line }));
const shipped = new Map([...graph].filter(([file]) => inAcyclic(file)));
const named = (c: Cycles) => ({ total: c.list.length, truncated: c.truncated, tangles: c.tangles.map((t) => t.map(rel)), list: c.list.map((l) => l.map(rel)) });

const report = {
  root,
  layout: values.layout,
  files: files.length,
  againstLayers: { total: against.length, byRule: tally(against.map((v) => `${v.from} → ${v.to}`)), imports: against },
  noCycleReports: { total: noCycle.length, imports: noCycle },
  cycles: {
    runtime: named(cycles(shipped, (edge) => !edge.typeOnly)),
    withTypeImports: named(cycles(shipped, () => true)),
  },
};
if (values.json) console.log(JSON.stringify(report, null, 2));
else print(report);

function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

function print(r: typeof report): void {
  console.log(`${r.root} (layout ${r.layout}, ${r.files} files)`);
  console.log(`\nimports against the layers: ${r.againstLayers.total}`);
  for (const [rule, count] of Object.entries(r.againstLayers.byRule)) {
    console.log(`  ${rule}: ${count}`);
    for (const v of r.againstLayers.imports.filter((i) => `${i.from} → ${i.to}` === rule)) console.log(`      ${v.file}:${v.line} → ${v.imports}`);
  }
  console.log(`\nimport-x/no-cycle reports (import statements on a runtime cycle): ${r.noCycleReports.total}`);
  for (const v of r.noCycleReports.imports) console.log(`      ${v.file}:${v.line}`);
  for (const [name, c] of Object.entries({ 'runtime imports': r.cycles.runtime, 'counting type-only imports': r.cycles.withTypeImports })) {
    console.log(`\ndistinct cycles, ${name}: ${c.truncated ? 'at least ' : ''}${c.total} in ${c.tangles.length} tangle(s)`);
    for (const tangle of c.tangles) console.log(`  tangle of ${tangle.length}: ${tangle.join(', ')}`);
    for (const cycle of c.list.slice(0, 40)) console.log(`      ${[...cycle, cycle[0]].join(' → ')}`);
    if (c.list.length > 40) console.log(`      … ${c.list.length - 40} more (--json lists them all)`);
  }
}
