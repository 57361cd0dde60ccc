/**
 * Bundle sizes: each function's deployed bundle, raw and gzipped, as a ratio to a
 * hello-world handler built in the same run with the same esbuild options. The ratio
 * says how much each function pays for its dependencies beyond what any bundle pays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildBundles, ROOT } from '../../infra/bundles.js';
import { ratio, table } from './stats.js';

export const BENCH_DIR = join(ROOT, 'build', 'bench');

export interface BundleFile {
  name: string;
  path: string;
}

export interface BundleSize extends BundleFile {
  bytes: number;
  gzipBytes: number;
  bytesRatio: number;
  gzipRatio: number;
}

/**
 * A one-line handler bundled like the real ones. The options mirror infra/bundles.ts
 * (which does not export them), banner included, since every real bundle carries it.
 */
export async function buildHelloBundle(): Promise<BundleFile> {
  const path = join(BENCH_DIR, 'hello', 'index.mjs');
  await build({
    stdin: { contents: "export const handler = async () => ({ statusCode: 200, body: 'hello' });", loader: 'ts', sourcefile: 'hello.ts' },
    outfile: path,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { name: 'hello-world', path };
}

/** Every function's bundle, as `npm run build` and the local runtime produce them. */
export async function functionBundles(): Promise<BundleFile[]> {
  const dirs = await buildBundles();
  return Object.entries(dirs).map(([name, dir]) => ({ name, path: join(dir, 'index.mjs') }));
}

function size(file: BundleFile) {
  const bytes = readFileSync(file.path);
  // Level 9: the figure is about content, not about how hard a server compresses.
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

export function measureSizes(hello: BundleFile, functions: BundleFile[]): { hello: BundleSize; functions: BundleSize[] } {
  const base = size(hello);
  const withRatios = (file: BundleFile): BundleSize => {
    const s = size(file);
    return { ...file, ...s, bytesRatio: s.bytes / base.bytes, gzipRatio: s.gzipBytes / base.gzipBytes };
  };
  return { hello: withRatios(hello), functions: functions.map(withRatios) };
}

export function sizesTable(sizes: { hello: BundleSize; functions: BundleSize[] }): string {
  return table(
    ['bundle', 'raw bytes', 'gzip bytes', 'raw / hello', 'gzip / hello'],
    [sizes.hello, ...sizes.functions].map((s) => [s.name, s.bytes, s.gzipBytes, ratio(s.bytesRatio), ratio(s.gzipRatio)]),
  );
}
