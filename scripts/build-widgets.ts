/**
 * Builds the citizen widget bundle into build/widgets/: `onetrip.js` (all elements and Lit)
 * and the chunks it loads on demand (the English strings, each item's precompiled form
 * validator). Run by `npm start`, the widget tests and the bench.
 */
import { build, transform, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidators } from './widget-validators.js';

export const WIDGETS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'widgets');
export const WIDGETS_OUT = resolve(WIDGETS_ROOT, '..', 'build', 'widgets');

/** A Lit `css` template without interpolations, `$` or escapes other than an escaped backtick. */
const CSS_TEMPLATE = /\bcss`((?:[^`\\$]|\\`)*)`/g;

/**
 * esbuild minifies the code but leaves the text of template literals as written, so the
 * widgets' stylesheets would ship with their indentation and comments. This minifies each
 * `css` template with esbuild's CSS minifier as the widget sources load (a template it
 * cannot read safely, with an interpolation or other escapes, stays as it is).
 */
const minifyCssTemplates: Plugin = {
  name: 'minify-css-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]widgets[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const templates = [...source.matchAll(CSS_TEMPLATE)];
      if (templates.length === 0) return undefined;
      let contents = source;
      for (const [template, body] of templates) {
        const minified = (await transform(body!.replaceAll('\\`', '`'), { loader: 'css', minify: true })).code.trim();
        if (!/[`\\$]/.test(minified)) contents = contents.replace(template, `css\`${minified}\``);
      }
      return { contents, loader: 'ts' };
    });
  },
};

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
    plugins: [minifyCssTemplates],
    logLevel: 'warning',
  });
  return join(outdir, 'onetrip.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildWidgets());
}
