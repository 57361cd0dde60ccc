/**
 * Builds the staff workbench into build/workbench/: `workbench.js` (the shell: sign-in,
 * navigation, language, the API client), one chunk per view loaded when it is first opened,
 * and the page (`index.html`, `workbench.css`). It is its own bundle: nothing of it reaches
 * the citizen widgets' `onetrip.js` (scripts/build-widgets.ts), nor they it.
 *
 * `config.json` tells the page how staff sign in: the build writes `{}` (the local runtime's
 * user picker); a deployment overwrites it with the county's Cognito client (docs/deploy.md,
 * "The workbench's sign-in").
 */
import { build } from 'esbuild';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BROWSER_BUNDLE } from './build-widgets.js';

export const WORKBENCH_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'workbench');
export const WORKBENCH_OUT = resolve(WORKBENCH_ROOT, '..', 'build', 'workbench');

/** The page's files, copied as they are. */
const PAGE_FILES = ['index.html', 'workbench.css'];

export interface BuildWorkbenchOptions {
  /** @default WORKBENCH_OUT (build/workbench) */
  outdir?: string;
}

/** Builds the workbench; returns its entry script's path. */
export async function buildWorkbench(options: BuildWorkbenchOptions = {}): Promise<string> {
  const outdir = options.outdir ?? WORKBENCH_OUT;
  await build({
    entryPoints: { workbench: join(WORKBENCH_ROOT, 'src', 'workbench.ts') },
    outdir,
    ...BROWSER_BUNDLE,
    // A library's stylesheet is imported as text and put in the page by the chunk that uses it (the board's chart).
    loader: { '.css': 'text' },
  });
  await mkdir(outdir, { recursive: true });
  for (const file of PAGE_FILES) await copyFile(join(WORKBENCH_ROOT, file), join(outdir, file));
  await writeFile(join(outdir, 'config.json'), '{}\n');
  return join(outdir, 'workbench.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  console.log(await buildWorkbench({ outdir: values.outdir }));
}
