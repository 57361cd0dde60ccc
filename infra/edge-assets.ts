/**
 * The files a county's distribution serves, built at synth so the deployed widgets never
 * depend on `npm start`: the citizen widgets and the staff workbench (built by
 * `scripts/build-widgets.ts` and `scripts/build-workbench.ts`, run by path as the Lambda
 * handlers are bundled by path, since infra/ imports neither), split by how long a browser
 * and CloudFront may keep them, the hosted pages (`widgets/pages/`), and the widgets'
 * entry's SRI hash for the embed snippet.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bundles.js';

export const EDGE_DIR = join(ROOT, 'build', 'edge');

/** The entry pages embed, relative to the distribution's root. */
export const WIDGETS_ENTRY = 'widgets/onetrip.js';

/** Where the workbench is served, relative to the distribution's root (its own folder: none of its files is the widgets'). */
export const WORKBENCH_DIR = 'workbench';

/** The workbench's sign-in file: the deployment writes it (infra/constructs/edge.ts), never the build's local `{}`. */
export const WORKBENCH_CONFIG = `${WORKBENCH_DIR}/config.json`;

export interface EdgeAssets {
  /**
   * Files named by their content (`widgets/onetrip-<hash>.js`, `widgets/chunks/…`,
   * `workbench/chunks/…`, their maps): cached for a year.
   */
  immutableDir: string;
  /**
   * Files whose names stay from release to release (the widgets' entry, the hosted pages, the
   * workbench's `index.html`, `workbench.js` and `workbench.css`): cached for a minute.
   */
  shortLivedDir: string;
  /** `sha384-<base64>` of the entry: the embed snippet's `integrity`. */
  entryIntegrity: string;
}

const built = new Map<string, EdgeAssets>();

/** Runs one of scripts/ by path, as `cdk synth` runs under tsx. */
const runScript = (script: string, args: string[]): void => {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
};

/** The Subresource Integrity value of a file's content. */
export const subresourceIntegrity = (content: Buffer): string => `sha384-${createHash('sha384').update(content).digest('base64')}`;

/**
 * Builds the edge's files into `outdir` once per process and folder (tests build into their
 * own folders, so they never race).
 * @param outdir @default EDGE_DIR (build/edge)
 */
export function buildEdgeAssets(outdir: string = EDGE_DIR): EdgeAssets {
  const cached = built.get(outdir);
  if (cached) return cached;
  rmSync(outdir, { recursive: true, force: true });
  const widgets = join(outdir, 'build');
  const workbench = join(outdir, 'build-workbench');
  runScript('build-widgets.ts', ['--outdir', widgets, '--hashed-entry']);
  runScript('build-workbench.ts', ['--outdir', workbench]);

  const immutableDir = join(outdir, 'immutable');
  const shortLivedDir = join(outdir, 'short-lived');
  mkdirSync(join(shortLivedDir, 'widgets'), { recursive: true });
  renameSync(join(widgets, 'onetrip.js'), join(shortLivedDir, WIDGETS_ENTRY));
  if (!readdirSync(widgets).some((f) => /^onetrip-[A-Z0-9]+\.js$/.test(f))) throw new Error(`No content-hashed widget bundle in ${widgets}`);
  mkdirSync(immutableDir, { recursive: true });
  renameSync(widgets, join(immutableDir, 'widgets'));
  // The hosted pages sit at the root (verify.html) and their script and styles under pages/.
  const pages = join(ROOT, 'widgets', 'pages');
  for (const file of readdirSync(pages)) {
    cpSync(join(pages, file), file.endsWith('.html') ? join(shortLivedDir, file) : join(shortLivedDir, 'pages', file));
  }
  // The workbench: its chunks are named by their content, its page and entry are not.
  mkdirSync(join(immutableDir, WORKBENCH_DIR));
  renameSync(join(workbench, 'chunks'), join(immutableDir, WORKBENCH_DIR, 'chunks'));
  rmSync(join(workbench, 'config.json'));
  renameSync(workbench, join(shortLivedDir, WORKBENCH_DIR));

  const assets = {
    immutableDir,
    shortLivedDir,
    entryIntegrity: subresourceIntegrity(readFileSync(join(shortLivedDir, WIDGETS_ENTRY))),
  };
  built.set(outdir, assets);
  return assets;
}
