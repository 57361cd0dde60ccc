/**
 * The fonts of the PDFs, as the bundles that print them carry them beside them in `fonts/`
 * (infra/bundles.ts), made once at build time and cached in build/font-cache under a key of
 * their inputs, so a rebuild copies them rather than making them again:
 *
 * - The certificate font (functions/results/font.ts): Noto Serif SC cut to the characters a
 *   certificate, a receipt, a notice or a report can hold — GB 2312, every character of the
 *   published catalogs' texts, the PDFs' own wording, and every character of the font outside
 *   the Basic Multilingual Plane — with the whole font beside it, read only for a document
 *   with a character the subset lacks (font.ts decides which; the file names are the same
 *   there). The subset is made by HarfBuzz's subsetter (`subset-font`, its WebAssembly build):
 *   it keeps the `cmap`, the metrics and the layout tables of the glyphs it keeps, so a text
 *   lays out and measures as in the whole font.
 * - The fallback for CJK Extension B (functions/results/ext-b-font.ts): the 42 WOFF2 files of
 *   `hanamin` as TrueType (`.ttf` for `.woff2`), decompressed here by wawoff2, so the bundles
 *   need no WOFF2 decoder and a PDF reads its file as it is.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create as createFont } from 'fontkit';
import subsetFont from 'subset-font';
import decompressWoff2 from 'wawoff2/decompress.js';

/** The files in `fonts/`; functions/results/font.ts reads them by these names. */
export const CERTIFICATE_FONT_FILES = { subset: 'NotoSerifSC-Regular.subset.ttf', whole: 'NotoSerifSC-Regular.ttf' } as const;

const require = createRequire(import.meta.url);
const WHOLE_FONT = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = join(ROOT, 'build', 'font-cache');

/** GB 2312 (rows 0xA1–0xF7 of EUC-CN, decoded as GBK, which extends it), less the rows it leaves to private use. */
function gb2312(): string[] {
  const decoder = new TextDecoder('gbk');
  const characters: string[] = [];
  for (let row = 0xa1; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = decoder.decode(new Uint8Array([row, cell]));
      const codePoint = ch.codePointAt(0) ?? 0xfffd;
      if (codePoint !== 0xfffd && !(codePoint >= 0xe000 && codePoint <= 0xf8ff)) characters.push(ch);
    }
  }
  return characters;
}

function stringsOf(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') for (const ch of value) into.add(ch);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, into);
}

/**
 * Every character the subset holds, in code point order: printable ASCII and Latin-1,
 * general and CJK punctuation and the full-width forms, GB 2312, the catalogs' texts
 * (every JSON file of catalog/versions/), the PDFs' own wording (the sources of
 * functions/results/), and the font's characters outside the BMP (Extension B and beyond:
 * so for those the subset is the whole font, and only a BMP character can need it).
 */
export function certificateFontCharacters(wholeFont: Uint8Array): string {
  const characters = new Set<string>(gb2312());
  const ranges: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0xff], [0x2000, 0x206f], [0x3000, 0x303f], [0xff00, 0xffef]];
  for (const [first, last] of ranges) for (let c = first; c <= last; c++) characters.add(String.fromCodePoint(c));
  const catalog = join(ROOT, 'catalog', 'versions');
  for (const file of readdirSync(catalog, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort()) {
    stringsOf(JSON.parse(readFileSync(join(catalog, file), 'utf8')), characters);
  }
  const results = join(ROOT, 'functions', 'results');
  for (const file of readdirSync(results).filter((f) => f.endsWith('.ts')).sort()) stringsOf(readFileSync(join(results, file), 'utf8'), characters);
  const font = createFont(Buffer.from(wholeFont.buffer, wholeFont.byteOffset, wholeFont.byteLength));
  if (!('characterSet' in font)) throw new Error('Expected a single font, got a font collection');
  for (const codePoint of font.characterSet) if (codePoint > 0xffff) characters.add(String.fromCodePoint(codePoint));
  return [...characters].filter((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)).sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0)).join('');
}

let subsetFile: Promise<string> | undefined;

/** The subset's path in the build cache, cut on the first call of a process whose inputs have no cached subset yet. */
export function certificateFontSubset(): Promise<string> {
  subsetFile ??= (async () => {
    const whole = readFileSync(WHOLE_FONT);
    const characters = certificateFontCharacters(whole);
    const key = createHash('sha256').update(whole).update(characters).update(versionOf('subset-font')).digest('hex').slice(0, 16);
    const file = join(CACHE_DIR, `NotoSerifSC-Regular.${key}.ttf`);
    if (!existsSync(file)) cache(file, await subsetFont(whole, characters, { targetFormat: 'sfnt' }));
    return file;
  })();
  return subsetFile;
}

/** Writes a file of the cache aside and renames it, so a process building at the same time never reads half a file. */
function cache(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
}

const versionOf = (packageName: string): string =>
  (JSON.parse(readFileSync(require.resolve(`${packageName}/package.json`), 'utf8')) as { version: string }).version;

/** The files of `hanamin` holding CJK Extension B, and the TrueType name each has beside a bundle. */
const EXT_B = { packageName: 'hanamin', prefix: 'HanaMinB.CJK-Unified-Ideographs-Extension-B-' } as const;
export const extBTrueTypeName = (woff2: string): string => woff2.replace(/\.woff2$/, '.ttf');

let extBDir: Promise<string> | undefined;

/** The folder of the cache holding Extension B as TrueType, decompressed on the first call of a process whose inputs have none yet. */
export function extBTrueType(): Promise<string> {
  extBDir ??= (async () => {
    const from = dirname(require.resolve(`${EXT_B.packageName}/package.json`));
    const dir = join(CACHE_DIR, `HanaMinB-${versionOf(EXT_B.packageName)}-wawoff2-${versionOf('wawoff2')}`);
    for (const file of readdirSync(from).filter((f) => f.startsWith(EXT_B.prefix)).sort()) {
      const ttf = join(dir, extBTrueTypeName(file));
      if (!existsSync(ttf)) cache(ttf, await decompressWoff2(await readFile(join(from, file))));
    }
    return dir;
  })();
  return extBDir;
}

/** Puts the certificate font's subset and the whole font into `dir` (a bundle's `fonts/`). */
export async function writeCertificateFonts(dir: string): Promise<void> {
  const subset = await certificateFontSubset();
  mkdirSync(dir, { recursive: true });
  copyFileSync(subset, join(dir, CERTIFICATE_FONT_FILES.subset));
  copyFileSync(WHOLE_FONT, join(dir, CERTIFICATE_FONT_FILES.whole));
}

/** Puts every font of the PDFs into `bundleDir`'s `fonts/`: the certificate font's two files, and Extension B's 42. */
export async function writePdfFonts(bundleDir: string): Promise<void> {
  const dir = join(bundleDir, 'fonts');
  await writeCertificateFonts(dir);
  const extB = await extBTrueType();
  for (const file of readdirSync(extB)) copyFileSync(join(extB, file), join(dir, file));
}
