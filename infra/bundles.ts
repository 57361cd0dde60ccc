/**
 * esbuild bundles of the Lambda handlers: one ESM file per function, minified, with an
 * external source map of our own code (dependencies' maps are not chained in). CDK deploys
 * these folders and the local runtime loads the very same files from the cloud assembly.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const building = new Map<string, Promise<unknown>>();

/**
 * Builds every handler once per process and output folder; resolves to the folder of
 * each bundle. Test processes build into their own folders so they never race.
 */
export async function buildBundles(options: { outdir?: string } = {}): Promise<Record<string, string>> {
  const names = handlerNames();
  const outdir = options.outdir ?? BUNDLES_DIR;
  if (!building.has(outdir)) {
    building.set(outdir, build({
      entryPoints: Object.fromEntries(names.map((n) => [`${n}/index`, join(HANDLERS_DIR, `${n}.ts`)])),
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      sourcemap: 'external',
      sourcesContent: false,
      legalComments: 'none',
      logLevel: 'warning',
      plugins: [noDependencySourceMaps],
      // Some dependencies still call require(); give the ESM bundles one.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    }));
  }
  await building.get(outdir);
  const dirs: Record<string, string> = {};
  for (const n of names) {
    const dir = join(outdir, n);
    if (!existsSync(join(dir, 'index.mjs'))) throw new Error(`Bundle for ${n} is missing in ${dir}`);
    dirs[n] = dir;
  }
  return dirs;
}
