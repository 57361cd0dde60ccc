/**
 * Builds the citizen widget bundle into build/widgets/: `onetrip.js` (all elements and Lit)
 * and the chunks it loads on demand (the English strings, each item's precompiled form
 * validator). Run by `npm start`, the widget tests and the bench, and by `cdk synth` for the
 * edge (infra/edge-assets.ts: `tsx scripts/build-widgets.ts --outdir <dir> --hashed-entry`).
 */
import { build, transform, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
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

/**
 * What each element's first view needs, by source under widgets/src: its module, and for the
 * form the steps' code its first render waits for (apply.element.ts). onetrip.js fetches these
 * and every chunk they import statically at once, not one import level after another.
 */
export const FIRST_VIEW: Record<string, string[]> = {
  'onetrip-service-guide': ['service-guide/service-guide.ts'],
  'onetrip-apply': ['apply/apply.ts', 'apply/flow.ts'],
  'onetrip-track': ['track/track.ts'],
  'onetrip-fee-ticket': ['fee-ticket/fee-ticket.ts'],
  'onetrip-verify': ['verify/verify.ts'],
};

/** Per element, the files (relative to onetrip.js) of its first view and their static imports. */
function firstViewFiles(metafile: Metafile, outdir: string): Record<string, string[]> {
  const outputs = Object.entries(metafile.outputs);
  const absolute = (path: string) => resolve(path);
  const closure = (path: string, into: Set<string>) => {
    if (into.has(path)) return;
    into.add(path);
    for (const i of metafile.outputs[path]?.imports ?? []) if (i.kind === 'import-statement') closure(i.path, into);
  };
  return Object.fromEntries(
    Object.entries(FIRST_VIEW).map(([tag, sources]) => {
      const files = new Set<string>();
      for (const source of sources) {
        const output = outputs.find(([, o]) => o.entryPoint && absolute(o.entryPoint) === join(WIDGETS_ROOT, 'src', source))?.[0];
        if (!output) throw new Error(`esbuild wrote no chunk for ${source}`);
        closure(output, files);
      }
      return [tag, [...files].map((f) => relative(outdir, absolute(f)).split(sep).join('/')).sort()];
    }),
  );
}

export async function buildWidgets(options: BuildWidgetsOptions = {}): Promise<string> {
  const outdir = options.outdir ?? WIDGETS_OUT;
  // The item form validators are imported by the bundle, so they are written first.
  generateValidators();
  const build_ = (preload: Record<string, string[]>, write: boolean) =>
    build({
      entryPoints: { onetrip: join(WIDGETS_ROOT, 'src', 'onetrip.ts') },
      outdir,
      entryNames: options.hashedEntry ? '[name]-[hash]' : '[name]',
      metafile: true,
      write,
      ...BROWSER_BUNDLE,
      // A string: esbuild would move an object's value into a shared chunk.
      define: { ONETRIP_FIRST_VIEW: JSON.stringify(JSON.stringify(preload)) },
      plugins: [minifyCssTemplates],
    });
  // Twice: the chunks' names (their content's hash) are known after the first build, and the
  // loader that lists them is no chunk's import, so the second names every chunk alike.
  const planned = firstViewFiles((await build_({}, false)).metafile, outdir);
  const result = await build_(planned, true);
  const written = firstViewFiles(result.metafile, outdir);
  if (JSON.stringify(written) !== JSON.stringify(planned)) throw new Error('The widget chunks were named differently by the second build');
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
