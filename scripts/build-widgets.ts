/**
 * Builds the citizen widget bundle into build/widgets/: `onetrip.js` (all elements and Lit)
 * and the chunks it loads on demand (the English strings, each item's precompiled form
 * validator). Run by `npm start`, the widget tests and the bench.
 */
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidators } from './widget-validators.js';

export const WIDGETS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'widgets');
export const WIDGETS_OUT = resolve(WIDGETS_ROOT, '..', 'build', 'widgets');

export async function buildWidgets(options: { outdir?: string } = {}): Promise<string> {
  const outdir = options.outdir ?? WIDGETS_OUT;
  // The item form validators are imported by the bundle, so they are written first.
  generateValidators();
  await build({
    entryPoints: { onetrip: join(WIDGETS_ROOT, 'src', 'onetrip.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2021',
    minify: true,
    // Chinese text as UTF-8, not \u escapes: a third smaller (module scripts are always decoded as UTF-8).
    charset: 'utf8',
    sourcemap: 'linked',
    legalComments: 'none',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  return join(outdir, 'onetrip.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildWidgets());
}
