/**
 * The fallback font for CJK Unified Ideographs Extension B (U+20000–U+2A6DF), part of GB
 * 18030's required repertoire: rare characters in people's and places' names (𠀀, 𪚥…) that
 * Noto Serif SC (font.ts) does not have.
 *
 * Font: HanaMinB (花園明朝 B, Hanazono Mincho; SIL Open Font License 1.1, from the npm package
 * `hanamin`, MIT), a Mincho serif like the main face, as 42 WOFF2 files of 1,024 code points
 * each (9.9 MB in all). They are not inlined into the bundle: infra/bundles.ts copies them
 * into `fonts/` beside the certificates bundle, and only the one file a character falls in
 * is read, decompressed to TrueType (wawoff2, as fontkit cannot subset a WOFF2 font) and
 * subset like the main font, so a certificate embeds only the glyphs it uses.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import decompress from 'wawoff2/decompress.js';

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

/** Where the files sit: `fonts/` beside the bundle; run from source, the package itself. */
function fontPath(file: string): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'fonts', file);
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve(`hanamin/${file}`);
}

const loaded = new Map<string, Promise<Uint8Array>>();

/** One file of Extension B as TrueType bytes, read and decompressed once per container. */
export function extBFontBytes(file: string): Promise<Uint8Array> {
  let bytes = loaded.get(file);
  if (!bytes) {
    bytes = readFile(fontPath(file)).then(async (woff2) => new Uint8Array(await decompress(woff2)));
    loaded.set(file, bytes);
  }
  return bytes;
}
