/**
 * Builds the citizen widget bundle into build/widgets/: `onetrip.js` (all elements and Lit)
 * and the chunks it loads on demand (the English strings, each item's precompiled form
 * validator). Run by `npm start`, the widget tests and the bench, and by `cdk synth` for the
 * edge (infra/edge-assets.ts: `tsx scripts/build-widgets.ts --outdir <dir> --hashed-entry`).
 */
import { build, transform, type BuildOptions, type Plugin } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { basename, dirname, join, resolve } from 'node:path';
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

/** How the browser's bundles are built (the widgets' and the staff workbench's): ESM, split into chunks loaded on demand. */
export const BROWSER_BUNDLE = {
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
} as const satisfies BuildOptions;

export interface BuildWidgetsOptions {
  /** @default WIDGETS_OUT (build/widgets) */
  outdir?: string;
  /**
   * Names the bundle by its content (`onetrip-<hash>.js`, cached for good at the edge) and
   * writes `onetrip.js` as a one-line module importing it: the entry pages embed, which
   * changes with each release and is cached for a minute only.
   * @default false (`onetrip.js` is the bundle itself)
   */
  hashedEntry?: boolean;
}

export async function buildWidgets(options: BuildWidgetsOptions = {}): Promise<string> {
  const outdir = options.outdir ?? WIDGETS_OUT;
  // The item form validators are imported by the bundle, so they are written first.
  generateValidators();
  const result = await build({
    entryPoints: { onetrip: join(WIDGETS_ROOT, 'src', 'onetrip.ts') },
    outdir,
    entryNames: options.hashedEntry ? '[name]-[hash]' : '[name]',
    metafile: true,
    ...BROWSER_BUNDLE,
    plugins: [minifyCssTemplates],
  });
  const entry = join(outdir, 'onetrip.js');
  if (options.hashedEntry) {
    // Chunks loaded on demand are entry points to esbuild too; the bundle is onetrip.ts's.
    const bundle = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint?.endsWith('src/onetrip.ts'))?.[0];
    if (!bundle) throw new Error('esbuild wrote no entry bundle');
    await writeFile(entry, `import './${basename(bundle)}';\n`);
  }
  return entry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, 'hashed-entry': { type: 'boolean' } } });
  console.log(await buildWidgets({ outdir: values.outdir, hashedEntry: values['hashed-entry'] }));
}
