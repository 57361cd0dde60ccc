/**
 * The files a county's distribution serves, built at synth so the deployed widgets never
 * depend on `npm start`: the citizen widgets (built by `scripts/build-widgets.ts`, run by
 * path as the Lambda handlers are bundled by path, since infra/ imports neither), split by
 * how long a browser and CloudFront may keep them, the hosted pages (`widgets/pages/`), and
 * the entry's SRI hash for the embed snippet.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bundles.js';

export const EDGE_DIR = join(ROOT, 'build', 'edge');

/** The entry pages embed, relative to the distribution's root. */
export const WIDGETS_ENTRY = 'widgets/onetrip.js';

export interface EdgeAssets {
  /** Files named by their content (`widgets/onetrip-<hash>.js`, `widgets/chunks/…`, their maps): cached for a year. */
  immutableDir: string;
  /** Files whose names stay from release to release (the entry, the hosted pages): cached for a minute. */
  shortLivedDir: string;
  /** `sha384-<base64>` of the entry: the embed snippet's `integrity`. */
  entryIntegrity: string;
}

const built = new Map<string, EdgeAssets>();

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
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build-widgets.ts'), '--outdir', widgets, '--hashed-entry'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

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

  const assets = {
    immutableDir,
    shortLivedDir,
    entryIntegrity: subresourceIntegrity(readFileSync(join(shortLivedDir, WIDGETS_ENTRY))),
  };
  built.set(outdir, assets);
  return assets;
}
