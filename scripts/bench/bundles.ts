/**
 * Bundle sizes: what each function's cold start reads (its `index.mjs` and the chunks it
 * imports statically: the static graph), against the goal of issue 16 (400 KB; the
 * certificates worker, which carries the PDF stack, 1.5 MB), with everything the folder
 * deploys (chunks read only if ever needed included) and the ratio to a hello-world
 * handler built in the same run with the same esbuild options.
 *
 * Each function also gets its SDK baseline here: a tiny entry that imports and constructs
 * exactly the SDK clients the function's bundle holds (read from its metafile), bundled
 * with the same options; the cold-start section compares the two.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_OPTIONS, buildBundles, metafilePath, ROOT, staticGraph } from '../../infra/bundles.js';
import { ratio, table } from './stats.js';
import { atMost, metText, type Goal } from './goals.js';

export const BENCH_DIR = join(ROOT, 'build', 'bench');

/** Issue 16's goals for a function's bundle, in bytes minified. */
export const BUNDLE_GOAL_BYTES = 400 * 1024;
const GOAL_EXCEPTIONS: Readonly<Record<string, number>> = { certificates: 1.5 * 1024 * 1024 };
export const bundleGoalOf = (name: string): number => GOAL_EXCEPTIONS[name] ?? BUNDLE_GOAL_BYTES;


export interface BundleFile {
  name: string;
  /** The entry: `index.mjs`. */
  path: string;
  metafile: Metafile;
}

/** Every function's bundle, as `npm run build` and the local runtime produce them. */
export async function functionBundles(): Promise<BundleFile[]> {
  const dirs = await buildBundles();
  return Object.entries(dirs).map(([name, dir]) => ({ name, path: join(dir, 'index.mjs'), metafile: JSON.parse(readFileSync(metafilePath(dir), 'utf8')) as Metafile }));
}

/** Builds one entry's source with the functions' options into `dir` (the source beside it, in `<dir>.ts`). */
async function buildEntry(name: string, contents: string, dir: string): Promise<BundleFile> {
  mkdirSync(dirname(dir), { recursive: true });
  writeFileSync(`${dir}.ts`, contents);
  const { metafile } = await build({ ...BUNDLE_OPTIONS, entryPoints: { index: `${dir}.ts` }, outdir: dir, metafile: true, logLevel: 'error' });
  writeFileSync(`${dir}.meta.json`, JSON.stringify(metafile));
  return { name, path: join(dir, 'index.mjs'), metafile };
}

/** A one-line handler bundled like the real ones. */
export function buildHelloBundle(): Promise<BundleFile> {
  return buildEntry('hello-world', "export const handler = async () => ({ statusCode: 200, body: 'hello' });", join(BENCH_DIR, 'hello'));
}

/** The SDK clients a bundle holds, as `[package, class]`: the client classes whose code is in its output. */
export function sdkClientsOf(metafile: Metafile): [string, string][] {
  const clients = new Map<string, string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const found = /node_modules\/(@aws-sdk\/(?:client-[^/]+|lib-dynamodb))\/dist-es\/([A-Za-z0-9]+Client)\.js$/.exec(input);
      if (found && bytesInOutput > 0) clients.set(found[2]!, found[1]!);
    }
  }
  return [...clients].map(([cls, pkg]): [string, string] => [pkg, cls]).sort((a, b) => a[1].localeCompare(b[1]));
}

/** A handler that constructs exactly these clients (the document client over a DynamoDB client) and nothing else. */
function sdkBaselineSource(clients: [string, string][]): string {
  const imports = clients.map(([pkg, cls]) => `import { ${cls} } from '${pkg}';`);
  const made = clients.filter(([, cls]) => cls !== 'DynamoDBClient' || !clients.some(([, c]) => c === 'DynamoDBDocumentClient'))
    .map(([, cls]) => (cls === 'DynamoDBDocumentClient' ? 'DynamoDBDocumentClient.from(new DynamoDBClient({}))' : `new ${cls}({})`));
  return `${imports.join('\n')}\nconst clients = [${made.join(', ')}];\nexport const handler = async () => clients.length;\n`;
}

/** Each function's SDK baseline, built once per distinct set of clients (a function without clients: the hello-world). */
export async function buildSdkBaselines(functions: BundleFile[], hello: BundleFile): Promise<Map<string, BundleFile>> {
  const bySet = new Map<string, Promise<BundleFile>>();
  const baselines = new Map<string, BundleFile>();
  for (const fn of functions) {
    const clients = sdkClientsOf(fn.metafile);
    const key = clients.map(([, cls]) => cls).join('+');
    if (!key) {
      baselines.set(fn.name, hello);
      continue;
    }
    if (!bySet.has(key)) bySet.set(key, buildEntry(`sdk:${key}`, sdkBaselineSource(clients), join(BENCH_DIR, 'sdk-baselines', key)));
    baselines.set(fn.name, await bySet.get(key)!);
  }
  return baselines;
}

/** The output files a bundle's cold start reads (infra/bundles.ts). */
const graphOf = (file: BundleFile): string[] => staticGraph(file.metafile, file.path);

export interface BundleSize {
  name: string;
  /** The static graph, minified, against the goal. */
  bytes: Goal;
  /** The static graph, gzipped (level 9). */
  gzipBytes: number;
  /** Every JavaScript file of the folder: chunks loaded only on demand included. */
  totalBytes: number;
  bytesRatio: number;
  gzipRatio: number;
}

function size(file: BundleFile) {
  const graph = graphOf(file).map((path) => readFileSync(path));
  const bytes = graph.reduce((sum, b) => sum + b.length, 0);
  const totalBytes = Object.entries(file.metafile.outputs).filter(([out]) => out.endsWith('.mjs')).reduce((sum, [, o]) => sum + o.bytes, 0);
  // Level 9: the figure is about content, not about how hard a server compresses.
  return { bytes, totalBytes, gzipBytes: gzipSync(Buffer.concat(graph), { level: 9 }).length };
}

export function measureSizes(hello: BundleFile, functions: BundleFile[]): { hello: BundleSize; functions: BundleSize[] } {
  const base = size(hello);
  const withRatios = (file: BundleFile, goal: number): BundleSize => {
    const s = size(file);
    return { name: file.name, bytes: atMost(s.bytes, goal, `${kb(goal)}`), gzipBytes: s.gzipBytes, totalBytes: s.totalBytes, bytesRatio: s.bytes / base.bytes, gzipRatio: s.gzipBytes / base.gzipBytes };
  };
  return { hello: withRatios(hello, BUNDLE_GOAL_BYTES), functions: functions.map((f) => withRatios(f, bundleGoalOf(f.name))) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export function sizesTable(sizes: { hello: BundleSize; functions: BundleSize[] }): string {
  return table(
    ['bundle', 'static graph', 'goal', 'met', 'gzip', 'all files', 'raw / hello', 'gzip / hello'],
    [sizes.hello, ...sizes.functions].map((s) => [s.name, kb(s.bytes.value), s.bytes.goal, metText(s.bytes), kb(s.gzipBytes), kb(s.totalBytes), ratio(s.bytesRatio), ratio(s.gzipRatio)]),
  );
}

/** The packages (or our folders) that weigh most in a bundle's static graph, largest first. */
export function biggestContributors(file: BundleFile, count = 5): { name: string; bytes: number }[] {
  const graph = new Set(graphOf(file).map((path) => basename(path)));
  const by = new Map<string, number>();
  for (const [out, o] of Object.entries(file.metafile.outputs)) {
    if (!graph.has(basename(out))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(o.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.replace(/^(\.\.\/)+/, '').split('/').slice(0, 2).join('/');
      by.set(pkg, (by.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, count);
}

export function contributorsTable(functions: BundleFile[]): string {
  return table(['bundle', 'biggest contributors to the static graph'], functions.map((f) => [f.name, biggestContributors(f).map((c) => `${c.name} ${kb(c.bytes)}`).join(', ')]));
}
