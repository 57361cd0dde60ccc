/**
 * The fallback font for CJK Unified Ideographs Extension B (U+20000–U+2A6DF), part of GB
 * 18030's required repertoire: rare characters in people's and places' names (𠀀, 𪚥…) that
 * Noto Serif SC (font.ts) does not have.
 *
 * Font: HanaMinB (花園明朝 B, Hanazono Mincho; SIL Open Font License 1.1, from the npm package
 * `hanamin`, MIT), a Mincho serif like the main face, as 42 WOFF2 files of 1,024 code points
 * each (9.9 MB in all). They are not inlined into the bundle: the build (infra/pdf-fonts.ts)
 * decompresses them to TrueType (fontkit cannot subset a WOFF2 font) into `fonts/` beside the
 * bundles that print PDFs, each `.woff2` as `.ttf`, and only the one file a character falls
 * in is read and subset like the main font, so a certificate embeds only the glyphs it uses.
 * Run from source, the package's file is decompressed here, by wawoff2 (loaded with
 * `createRequire`, so no bundle carries it).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXT_B = { first: 0x20000, last: 0x2a6df } as const;

/** The code points of one file. */
const CHUNK = 0x400;

export const isExtB = (codePoint: number): boolean => codePoint >= EXT_B.first && codePoint <= EXT_B.last;

/** The file of the `hanamin` package holding a code point of Extension B. */
export function extBFontFile(codePoint: number): string {
  const index = Math.floor((codePoint - EXT_B.first) / CHUNK) + 1;
  return `HanaMinB.CJK-Unified-Ideographs-Extension-B-${String(index).padStart(2, '0')}.woff2`;
}

/** Every file of Extension B, for the bundle to carry. */
export function extBFontFiles(): string[] {
  const files = new Set<string>();
  for (let codePoint = EXT_B.first; codePoint <= EXT_B.last; codePoint += CHUNK) files.add(extBFontFile(codePoint));
  return [...files];
}

const loaded = new Map<string, Promise<Uint8Array>>();

/** One file of Extension B as TrueType bytes, read once per container: beside the bundle, or run from source, decompressed from the package. */
export function extBFontBytes(file: string): Promise<Uint8Array> {
  let bytes = loaded.get(file);
  if (!bytes) {
    const beside = join(dirname(fileURLToPath(import.meta.url)), 'fonts', file.replace(/\.woff2$/, '.ttf'));
    bytes = existsSync(beside) ? readFile(beside).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) : fromPackage(file);
    loaded.set(file, bytes);
  }
  return bytes;
}

/** The package's decompressions, one at a time: each copies its result before the next can reuse wawoff2's memory. */
let decompressing: Promise<unknown> = Promise.resolve();

async function fromPackage(file: string): Promise<Uint8Array> {
  const require = createRequire(import.meta.url);
  const decompress = require('wawoff2/decompress.js') as (woff2: Uint8Array) => Promise<Uint8Array>;
  const woff2 = await readFile(require.resolve(`hanamin/${file}`));
  const ttf = decompressing.then(async () => new Uint8Array(await decompress(woff2)));
  decompressing = ttf.catch(() => undefined);
  return ttf;
}
