/**
 * The certificate renderer as a Lambda ships it: `functions/results/certificate-pdf.ts` and
 * `font.ts` bundled the way infra/bundles.ts bundles a handler, into a folder with no
 * node_modules, with the certificate font beside it in `fonts/` as the build puts it there
 * (infra/pdf-fonts.ts: the subset, and the whole font). The unit test checks which
 * file a text loads from there; the bench (certificates.ts) renders with this bundle, and
 * times loading the font in a fresh process against a fresh process importing an empty bundle.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ROOT } from '../../infra/bundles.js';
import { writeCertificateFonts } from '../../infra/pdf-fonts.js';
import type { renderCertificatePdf } from '../../functions/results/certificate-pdf.js';

const run = promisify(execFile);

/** Bundles the renderer and its font into a fresh temp folder; returns the folder (the caller removes it). */
export async function bundleCertificateFont(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'certificate-font-'));
  await build({
    stdin: {
      contents: "export { cjkFontBytes } from './functions/results/font.ts'; export { renderCertificatePdf } from './functions/results/certificate-pdf.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: join(outdir, 'index.mjs'), bundle: true, platform: 'node', target: 'node22', format: 'esm', minify: true, logLevel: 'silent',
    // As infra/bundles.ts gives every bundle: require() and __dirname for the CommonJS dependencies.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url); const __dirname = import.meta.dirname;" },
  });
  await writeCertificateFonts(join(outdir, 'fonts'));
  writeFileSync(join(outdir, 'empty.mjs'), 'export const cjkFontBytes = async () => new Uint8Array();\n');
  return outdir;
}

/** The renderer of a bundle made by {@link bundleCertificateFont}, imported into this process. */
export async function bundledRenderer(outdir: string): Promise<typeof renderCertificatePdf> {
  const bundle = (await import(pathToFileURL(join(outdir, 'index.mjs')).href)) as { renderCertificatePdf: typeof renderCertificatePdf };
  return bundle.renderCertificatePdf;
}

/**
 * Imports the bundle in `outdir` in a fresh Node process (cwd there, so nothing outside it
 * resolves) and reads the font for `text` (by default a name the subset has): its length,
 * the milliseconds of the import, and those from the import's end to the font's bytes
 * (read, and the subset parsed to know its characters). `empty` imports a module of the same
 * shape with no font, the baseline of a process's own cost.
 */
export async function loadBundledFont(outdir: string, options: { empty?: boolean; text?: string } = {}): Promise<{ length: number; ms: number; importMs: number; fontMs: number }> {
  const file = join(outdir, options.empty ? 'empty.mjs' : 'index.mjs');
  const script = `const t = performance.now();
    const { cjkFontBytes } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const imported = performance.now();
    const bytes = await cjkFontBytes(${JSON.stringify(options.text ?? '张三')});
    const done = performance.now();
    console.log(JSON.stringify({ length: bytes.length, ms: done - t, importMs: imported - t, fontMs: done - imported }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: outdir, timeout: 60_000 });
  return JSON.parse(stdout) as { length: number; ms: number; importMs: number; fontMs: number };
}
