/**
 * esbuild bundles of the Lambda handlers: one folder per function, built on its own, ESM,
 * minified, with external source maps of our own code (dependencies' maps are not chained
 * in). CDK deploys these folders and the local runtime loads the very same files from the
 * cloud assembly.
 *
 * What keeps them small and quick to import:
 * - dependencies resolve to their ES module builds (`mainFields`), which esbuild can
 *   tree-shake: the SDK's CommonJS builds carry every command and model of a client;
 * - code splitting per function: what a dependency imports dynamically (the SDK's
 *   credential providers past the environment's, its nested STS/SSO clients) lands in
 *   chunks beside `index.mjs`, read only if ever needed;
 * - the request schemas' validators are compiled ahead of time (infra/precompiled-validators.ts):
 *   ajv is bundled only where the catalog's forms are compiled at run time;
 * - the catalog is not inlined: its versions' JSON files sit in `catalog/` beside the bundles
 *   that read it (catalog/index.ts reads a version on first use).
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePdfFonts } from './pdf-fonts.js';
import { PRECOMPILED_INPUTS, precompiledValidators } from './precompiled-validators.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const HANDLERS_DIR = join(ROOT, 'functions', 'handlers');
export const BUNDLES_DIR = join(ROOT, 'build', 'functions');

/** Function names are the handler file names: `functions/handlers/outbox-relay.ts` → `outbox-relay`. */
export function handlerNames(): string[] {
  return readdirSync(HANDLERS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => basename(f, '.ts'))
    .sort();
}

/** Drops dependencies' own sourceMappingURL comments so their maps are not chained into ours. */
const noDependencySourceMaps: Plugin = {
  name: 'no-dependency-source-maps',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, ''),
      loader: 'js',
    }));
  },
};

/**
 * Files a bundle reads beside itself rather than inline, written into its folder at build
 * time: the fonts of the PDFs (infra/pdf-fonts.ts: the certificate font's subset and the
 * whole font for a document the subset cannot print, and the fallback font for CJK
 * Extension B, 42 files of which a PDF reads one only when a name needs it), for the
 * certificates worker (certificates), the tickets handler (payment receipts), the notices
 * worker (notices: an applicant's name in a notice) and the supervision reports (supervision,
 * supervision-archive).
 */
const FILES_BESIDE: Readonly<Record<string, (bundleDir: string) => Promise<void>>> = {
  certificates: writePdfFonts,
  tickets: writePdfFonts,
  notices: writePdfFonts,
  // The supervision reports' PDFs (functions/results/report-pdf.ts): served, and archived.
  supervision: writePdfFonts,
  'supervision-archive': writePdfFonts,
};

/** The catalog module (catalog/index.ts): a bundle that imports it gets every published version's files beside it. */
const CATALOG_MODULE = 'catalog/index.ts';
const CATALOG_VERSIONS = join(ROOT, 'catalog', 'versions');

function copyCatalogBeside(metafile: Metafile, bundleDir: string): void {
  if (!(CATALOG_MODULE in metafile.inputs)) return;
  cpSync(CATALOG_VERSIONS, join(bundleDir, 'catalog', 'versions'), { recursive: true });
}

/**
 * The esbuild options of every bundle; the bench builds its baselines with them too, so
 * that a function and its baseline differ only in their code.
 */
export const BUNDLE_OPTIONS: BuildOptions = {
  // Metafile paths relative to the repository, whatever the caller's working directory.
  absWorkingDir: ROOT,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // ES module builds first: they tree-shake (the SDK's CommonJS builds do not).
  mainFields: ['module', 'main'],
  // fontkit's WOFF2 decoder: the bundles' fonts are TrueType (infra/stubs/no-woff2.ts).
  alias: { 'brotli/decompress.js': './infra/stubs/no-woff2.ts' },
  minify: true,
  sourcemap: 'external',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies still call require(), or read __dirname (wawoff2's emscripten glue); give the ESM bundles both.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url); const __dirname = import.meta.dirname;" },
};

/** Where a bundle's metafile is kept: beside its folder, not in it (it is not deployed). */
export const metafilePath = (bundleDir: string): string => `${bundleDir}.meta.json`;

/**
 * The files a bundle's cold start reads: its entry and the chunks it imports statically,
 * transitively (not those imported dynamically, read only if ever needed). Absolute paths.
 */
export function staticGraph(metafile: Metafile, entry: string): string[] {
  // By file name: a bundle's outputs all sit in its folder, wherever that folder was built or copied to.
  const outputs = new Map(Object.keys(metafile.outputs).map((out) => [basename(out), metafile.outputs[out]!]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs.get(file)?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(basename(i.path));
  };
  visit(basename(entry));
  return [...seen].map((file) => join(dirname(entry), file));
}

/** Builds one function into its folder, then removes what an earlier build left there (chunks are named by hash). */
async function buildBundle(name: string, bundleDir: string): Promise<void> {
  const { metafile } = await build({ ...BUNDLE_OPTIONS, entryPoints: { index: join(HANDLERS_DIR, `${name}.ts`) }, outdir: bundleDir, plugins: [noDependencySourceMaps, precompiledValidators(ROOT)], metafile: true });
  const written = new Set(Object.keys(metafile.outputs).map((out) => basename(out)));
  for (const file of readdirSync(bundleDir)) {
    if (/\.mjs(\.map)?$/.test(file) && !written.has(file)) rmSync(join(bundleDir, file));
  }
  writeFileSync(metafilePath(bundleDir), JSON.stringify(metafile));
  copyCatalogBeside(metafile, bundleDir);
  await FILES_BESIDE[name]?.(bundleDir);
}

/**
 * Built bundles by the content of what went into them, so that the many processes that
 * need the bundles (each test file that synthesizes, the bench, `npm start`) build them
 * once: 36 builds of their own take a while on a busy machine. An entry lists the files
 * its bundles were built from (every input of our own, the lockfile for the dependencies,
 * this file for the options, the catalog's files that go beside) and is used only while
 * each still hashes the same.
 */
const CACHE_DIR = join(ROOT, 'build', 'functions-cache');
const CACHE_KEPT = 4;
const FINGERPRINT = 'fingerprint.json';

function fingerprintOf(files: readonly string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, existsSync(join(ROOT, file)) ? createHash('sha256').update(readFileSync(join(ROOT, file))).digest('hex') : 'missing']));
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name).slice(ROOT.length + 1)]));
}

/** What a finished build was made from. */
function inputsOf(outdir: string, names: readonly string[]): string[] {
  const own = new Set<string>(['package-lock.json', 'tsconfig.json', 'infra/bundles.ts', 'infra/pdf-fonts.ts', ...PRECOMPILED_INPUTS, ...filesOf(CATALOG_VERSIONS)]);
  for (const n of names) {
    const metafile = JSON.parse(readFileSync(metafilePath(join(outdir, n)), 'utf8')) as Metafile;
    for (const input of Object.keys(metafile.inputs)) if (!input.includes('node_modules/')) own.add(input);
  }
  return [...own].sort();
}

function cachedBuild(): string | undefined {
  if (!existsSync(CACHE_DIR)) return undefined;
  return readdirSync(CACHE_DIR).map((entry) => join(CACHE_DIR, entry)).find((entry) => {
    const recorded = join(entry, FINGERPRINT);
    if (!existsSync(recorded)) return false;
    const fingerprint = JSON.parse(readFileSync(recorded, 'utf8')) as Record<string, string>;
    return JSON.stringify(fingerprintOf(Object.keys(fingerprint))) === JSON.stringify(fingerprint);
  });
}

/** Keeps a finished build (atomically: another process may be keeping the same), and only the newest few. */
function keepBuild(outdir: string, names: readonly string[], startedAt: number): void {
  const inputs = inputsOf(outdir, names);
  // A file changed while the build ran: the build may hold its old content, so it is not kept.
  if (inputs.some((file) => existsSync(join(ROOT, file)) && statSync(join(ROOT, file)).mtimeMs >= startedAt)) return;
  const fingerprint = fingerprintOf(inputs);
  const entry = join(CACHE_DIR, createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex').slice(0, 16));
  if (existsSync(entry)) return;
  mkdirSync(CACHE_DIR, { recursive: true });
  const staging = mkdtempSync(join(CACHE_DIR, '.staging-'));
  for (const n of names) {
    cpSync(join(outdir, n), join(staging, n), { recursive: true });
    copyFileSync(metafilePath(join(outdir, n)), metafilePath(join(staging, n)));
  }
  writeFileSync(join(staging, FINGERPRINT), JSON.stringify(fingerprint));
  try {
    renameSync(staging, entry);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  const entries = readdirSync(CACHE_DIR).filter((e) => !e.startsWith('.')).map((e) => join(CACHE_DIR, e)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of entries.slice(CACHE_KEPT)) rmSync(old, { recursive: true, force: true });
}

async function buildOrReuse(outdir: string, names: readonly string[]): Promise<void> {
  const cached = cachedBuild();
  if (cached) {
    for (const n of names) {
      rmSync(join(outdir, n), { recursive: true, force: true });
      cpSync(join(cached, n), join(outdir, n), { recursive: true });
      copyFileSync(metafilePath(join(cached, n)), metafilePath(join(outdir, n)));
    }
    return;
  }
  const startedAt = Date.now();
  await Promise.all(names.map((n) => buildBundle(n, join(outdir, n))));
  keepBuild(outdir, names, startedAt);
}

const building = new Map<string, Promise<unknown>>();

/**
 * Builds every handler once per process and output folder (or reuses an identical earlier
 * build); resolves to the folder of each bundle. Test processes build into their own
 * folders so they never race.
 */
export async function buildBundles(options: { outdir?: string } = {}): Promise<Record<string, string>> {
  const names = handlerNames();
  const outdir = options.outdir ?? BUNDLES_DIR;
  if (!building.has(outdir)) building.set(outdir, buildOrReuse(outdir, names));
  await building.get(outdir);
  const dirs: Record<string, string> = {};
  for (const n of names) {
    const dir = join(outdir, n);
    if (!existsSync(join(dir, 'index.mjs'))) throw new Error(`Bundle for ${n} is missing in ${dir}`);
    dirs[n] = dir;
  }
  return dirs;
}
