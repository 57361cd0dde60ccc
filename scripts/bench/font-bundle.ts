/**
 * The certificate font as a Lambda ships it: `functions/results/font.ts` bundled the way
 * infra/bundles.ts bundles a handler, into a folder with no node_modules, and loaded in a
 * fresh Node process. The unit test checks that it loads whole from there; the bench
 * (certificates.ts) times the load against a fresh process importing an empty bundle.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ROOT } from '../../infra/bundles.js';

const run = promisify(execFile);

/** Bundles the font module into a fresh temp folder; returns the folder (the caller removes it). */
export async function bundleCertificateFont(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'certificate-font-'));
  await build({
    stdin: { contents: "export { cjkFontBytes } from './functions/results/font.ts';", resolveDir: ROOT, loader: 'ts' },
    outfile: join(outdir, 'index.mjs'), bundle: true, platform: 'node', target: 'node22', format: 'esm', minify: true, logLevel: 'silent',
  });
  writeFileSync(join(outdir, 'empty.mjs'), 'export const cjkFontBytes = async () => new Uint8Array();\n');
  return outdir;
}

/**
 * Imports the bundle in `outdir` in a fresh Node process (cwd there, so nothing outside it
 * resolves) and reads the font: its length, and the milliseconds from import to bytes.
 * `empty` imports a module of the same shape with no font, the baseline of a process's own cost.
 */
export async function loadBundledFont(outdir: string, options: { empty?: boolean } = {}): Promise<{ length: number; ms: number }> {
  const file = join(outdir, options.empty ? 'empty.mjs' : 'index.mjs');
  const script = `const t = performance.now();
    const { cjkFontBytes } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const bytes = await cjkFontBytes();
    console.log(JSON.stringify({ length: bytes.length, ms: performance.now() - t }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: outdir, timeout: 60_000 });
  return JSON.parse(stdout) as { length: number; ms: number };
}
