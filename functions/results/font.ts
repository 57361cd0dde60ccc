/**
 * The CJK font certificates are set in, and the font engine pdf-lib subsets it with.
 *
 * Font: Noto Serif SC Regular (SIL Open Font License 1.1; from the npm package
 * `@expo-google-fonts/noto-serif-sc`, whose glue code is MIT). A serif (Song) face reads as
 * an official document; it covers all 20,992 ideographs of the basic CJK block and 6,592 of
 * Extension A, so rare characters in people's names render too. A certificate embeds only
 * the glyphs it uses (about 10 KB).
 *
 * The font ships as two files in `fonts/` beside the bundle (infra/pdf-fonts.ts makes
 * them at build time): a subset of 3.6 MB holding GB 2312, the catalogs' texts, the PDFs' own
 * wording and the font's characters beyond the BMP, and the whole font (14.8 MB), read only
 * for a document with a character the subset lacks (a rare name in Extension A, say). So a
 * container reads and parses the subset for its first PDF, and the whole font only if a
 * document ever needs it; nothing is read or parsed at import. Run from source (tests, the
 * bench), there is no subset: the whole font is read from node_modules.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { create as createFontkitFont, type Font as FontkitFont } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import { characterSetOf } from './font-runs.js';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

const FONT_MODULE = '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';

/** The files beside the bundle, as infra/pdf-fonts.ts names them. */
const FILES = { subset: 'NotoSerifSC-Regular.subset.ttf', whole: 'NotoSerifSC-Regular.ttf' } as const;

const besideBundle = (file: string): string => join(dirname(fileURLToPath(import.meta.url)), 'fonts', file);

const loaded = new Map<string, Promise<Uint8Array>>();

/** A file's bytes, read once per container. */
function readOnce(path: string): Promise<Uint8Array> {
  let bytes = loaded.get(path);
  if (!bytes) {
    bytes = readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    loaded.set(path, bytes);
  }
  return bytes;
}

/** The whole font: beside the bundle, or run from source, from its package. */
function wholeFontBytes(): Promise<Uint8Array> {
  const beside = besideBundle(FILES.whole);
  return readOnce(existsSync(beside) ? beside : createRequire(import.meta.url).resolve(FONT_MODULE));
}

/**
 * The font's bytes for a document whose text is `text` (its content as JSON will do): the
 * subset when it has every character of `text` in the BMP, else the whole font. Characters
 * beyond the BMP do not decide: the subset has all of the whole font's (infra/pdf-fonts.ts),
 * and the others are the Extension B fallback's (ext-b-font.ts) or no font's.
 */
export async function cjkFontBytes(text: string): Promise<Uint8Array> {
  const subsetFile = besideBundle(FILES.subset);
  if (!existsSync(subsetFile)) return wholeFontBytes();
  const subset = await readOnce(subsetFile);
  const has = characterSetOf(parsedFont(subset).characterSet);
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) ?? 0;
    if (codePoint <= 0xffff && !has.has(codePoint) && !/\s/u.test(ch)) return wholeFontBytes();
  }
  return subset;
}

const parsed = new WeakMap<Uint8Array, FontkitFont>();

/** The font of `bytes`, parsed once per byte array, its layouts kept (see {@link withLayoutCache}). */
function parsedFont(bytes: Uint8Array): FontkitFont {
  let font = parsed.get(bytes);
  if (!font) {
    const created = createFontkitFont(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!('createSubset' in created)) throw new Error('Expected a single font, got a font collection');
    font = withLayoutCache(withDecodedGlyphs(withEncodeStream(created)));
    parsed.set(bytes, font);
  }
  return font;
}

/**
 * fontkit for pdf-lib's `registerFontkit`. pdf-lib's own `@pdf-lib/fontkit` is a stale fork
 * whose subsets are corrupt (TrueType: a wrong `loca` format blanks glyphs at random; CFF: an
 * invalid header), so certificates would print with holes in the names. Upstream fontkit 2
 * subsets correctly but encodes with `encode()` where pdf-lib calls `encodeStream()`: this
 * adapter provides the latter. A parsed font is also kept per byte array, so a font file
 * is parsed once per container rather than once per certificate.
 */
export const pdfFontkit: Fontkit = {
  create(bytes: Uint8Array) {
    return parsedFont(bytes) as unknown as ReturnType<Fontkit['create']>;
  },
};

function withEncodeStream(font: FontkitFont): FontkitFont {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) });
  };
  return font;
}

/** Texts whose layout a font keeps: a certificate lays out about a hundred, most of them the same from one to the next. */
const LAYOUTS_KEPT = 5_000;

/**
 * Shaping a text (fontkit's `layout`: its GSUB and GPOS lookups) was half of a
 * certificate's render, done twice per text (pdf-lib measures a text, then encodes it) and
 * again for the next certificate's same labels. The font keeps the glyph run of each text
 * laid out with its default features, as pdf-lib asks for them, the oldest dropped past
 * {@link LAYOUTS_KEPT}: the same text gives the same glyphs, and nobody changes a run.
 */
function withLayoutCache(font: FontkitFont): FontkitFont {
  const layout = font.layout.bind(font);
  const runs = new Map<string, ReturnType<FontkitFont['layout']>>();
  font.layout = (text: string, ...options: unknown[]) => {
    if (options.some((o) => o !== undefined)) return (layout as (...args: unknown[]) => ReturnType<FontkitFont['layout']>)(text, ...options);
    let run = runs.get(text);
    if (!run) {
      run = layout(text);
      if (runs.size >= LAYOUTS_KEPT) runs.delete(runs.keys().next().value!);
      runs.set(text, run);
    }
    return run;
  };
  return font;
}

/**
 * fontkit's subset (pdf-lib's `subset: true`) decodes the outline of each glyph it takes
 * again for every document, only to learn whether the glyph is composite: a fifth of a warm
 * render. A glyph of a font without variations never changes (fontkit keeps one object per
 * glyph, and only variations transform its decoded points), so each glyph keeps its
 * decoding (fontkit's `_decode`) from the first time on.
 */
function withDecodedGlyphs(font: FontkitFont): FontkitFont {
  if (Object.keys(font.variationAxes).length > 0) return font;
  const getGlyph = font.getGlyph.bind(font);
  const kept = new WeakSet<object>();
  font.getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = getGlyph(id, codePoints) as ReturnType<FontkitFont['getGlyph']> & { _decode?: () => unknown };
    const decode = glyph._decode;
    if (typeof decode === 'function' && !kept.has(glyph)) {
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode.call(glyph) }).value;
      kept.add(glyph);
    }
    return glyph;
  };
  return font;
}

