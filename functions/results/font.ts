/**
 * The CJK font certificates are set in, and the font engine pdf-lib subsets it with.
 *
 * Font: Noto Serif SC Regular (SIL Open Font License 1.1; from the npm package
 * `@expo-google-fonts/noto-serif-sc`, whose glue code is MIT). A serif (Song) face reads as
 * an official document; it covers all 20,992 ideographs of the basic CJK block and 6,592 of
 * Extension A, so rare characters in people's names render too. The file is 14.8 MB; a
 * certificate embeds only the glyphs it uses (about 10 KB).
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { create as createFontkitFont, type Font as FontkitFont } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

const FONT_MODULE = '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';

let loaded: Uint8Array | undefined;

/**
 * The font file's bytes. In the Lambda bundle they are inline: esbuild implements
 * `with { type: 'bytes' }` (nothing to configure in infra/bundles.ts), and only bundles
 * that render certificates carry them. They sit behind a static import in a module of their
 * own, loaded here on first use: a dynamic import of the font itself would make esbuild copy
 * its 14.8 million bytes one property at a time into a module namespace (minutes). Run from
 * source, the import does not give bytes (Vite gives the asset's URL; Node refuses the
 * attribute), and the file is read from node_modules instead.
 */
export async function cjkFontBytes(): Promise<Uint8Array> {
  if (!loaded) {
    const asset: unknown = await import('./font-bytes.js').then((m) => m.default, () => undefined);
    loaded = asset instanceof Uint8Array
      ? asset
      : new Uint8Array(await readFile(createRequire(import.meta.url).resolve(FONT_MODULE)));
  }
  return loaded;
}

const parsed = new WeakMap<Uint8Array, FontkitFont>();

/**
 * fontkit for pdf-lib's `registerFontkit`. pdf-lib's own `@pdf-lib/fontkit` is a stale fork
 * whose subsets are corrupt (TrueType: a wrong `loca` format blanks glyphs at random; CFF: an
 * invalid header), so certificates would print with holes in the names. Upstream fontkit 2
 * subsets correctly but encodes with `encode()` where pdf-lib calls `encodeStream()`: this
 * adapter provides the latter. A parsed font is also kept per byte array, so the 14.8 MB file
 * is parsed once per container rather than once per certificate.
 */
export const pdfFontkit: Fontkit = {
  create(bytes: Uint8Array) {
    let font = parsed.get(bytes);
    if (!font) {
      const created = createFontkitFont(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (!('createSubset' in created)) throw new Error('Expected a single font, got a font collection');
      font = withEncodeStream(created);
      parsed.set(bytes, font);
    }
    return font as unknown as ReturnType<Fontkit['create']>;
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
