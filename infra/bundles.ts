/**
 * esbuild bundles of the Lambda handlers: one ESM file per function, minified, with an
 * external source map of our own code (dependencies' maps are not chained in). CDK deploys
 * these folders and the local runtime loads the very same files from the cloud assembly.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePdfFonts } from './pdf-fonts.js';

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
      // Some dependencies still call require(), or read __dirname (wawoff2's emscripten glue); give the ESM bundles both.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url); const __dirname = import.meta.dirname;" },
    }).then(() => Promise.all(names.map((n) => FILES_BESIDE[n]?.(join(outdir, n))))));
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
