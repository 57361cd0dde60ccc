/**
 * Text set in a main font and its fallbacks (HanaMinB for CJK Extension B, ext-b-font.ts):
 * cut into runs, each in the first font that has its characters, measured and drawn run by
 * run. The one way a PDF of OneTrip (certificate-pdf.ts, receipt-pdf.ts, seal.ts) measures
 * and prints text, so a character one font lacks and another has prints in every document
 * alike, and one no font has is refused in all of them alike rather than printed as a box.
 */
import { toRadians, type PDFFont, type PDFPage, type RGB, type Rotation } from 'pdf-lib';
import { UnprocessableError } from '../domain/errors.js';
import type { Measure } from './text-fit.js';

const characterSets = new WeakMap<number[], Set<number>>();

/**
 * The code points of a font's character set as a set, made once per font per container:
 * fontkit gives a font's character set as the same array each time (`getCharacterSet()` of
 * every PDFFont embedding it), and the set is keyed by that array.
 */
export function characterSetOf(codePoints: number[]): Set<number> {
  let set = characterSets.get(codePoints);
  if (!set) {
    set = new Set(codePoints);
    characterSets.set(codePoints, set);
  }
  return set;
}

const characterSet = (font: PDFFont): Set<number> => characterSetOf(font.getCharacterSet());

/** `text` cut into runs, each set in the first of `fonts` that has its characters (the first font for a character none has). */
export function fontRuns(fonts: readonly PDFFont[], text: string): Array<{ text: string; font: PDFFont }> {
  const runs: Array<{ text: string; font: PDFFont }> = [];
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) ?? 0;
    const font = fonts.find((f) => characterSet(f).has(codePoint)) ?? fonts[0]!;
    const last = runs.at(-1);
    if (last?.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs;
}

/** Text widths with `fonts` (one font, or a main font and its fallbacks); widths scale with the size, so each string is shaped once. */
export function measureWith(fonts: PDFFont | readonly PDFFont[]): Measure {
  const set = Array.isArray(fonts) ? (fonts as readonly PDFFont[]) : [fonts as PDFFont];
  const unitWidths = new Map<string, number>();
  return (text, size) => {
    let unit = unitWidths.get(text);
    if (unit === undefined) {
      unit = fontRuns(set, text).reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, 1), 0);
      unitWidths.set(text, unit);
    }
    return unit * size;
  };
}

/** Where and how `drawRuns` prints a line. */
export interface RunsOptions {
  /** The start of the baseline, in points. */
  x: number;
  y: number;
  size: number;
  /** The main font, then its fallbacks, as `embedCertificateFonts` gives them. */
  fonts: readonly PDFFont[];
  color: RGB;
  /** @default 1 */
  opacity?: number;
  /** Counter-clockwise turn of the baseline about its start. @default none (level) */
  rotate?: Rotation;
}

/** One line of text, each run in its font, one after the other along the (turned) baseline. */
export function drawRuns(page: PDFPage, text: string, { x, y, size, fonts, color, opacity, rotate }: RunsOptions): void {
  const turn = rotate ? toRadians(rotate) : 0;
  let [runX, runY] = [x, y];
  for (const run of fontRuns(fonts, text)) {
    page.drawText(run.text, { x: runX, y: runY, size, font: run.font, color, ...(opacity === undefined ? {} : { opacity }), ...(rotate ? { rotate } : {}) });
    const width = run.font.widthOfTextAtSize(run.text, size);
    runX += width * Math.cos(turn);
    runY += width * Math.sin(turn);
  }
}

/**
 * A character none of `fonts` has would print as an empty box: in a name on a certificate,
 * a receipt or a notice, that is an error (CERTIFICATE_GLYPH_MISSING), not a detail. Whitespace is not printed as a glyph.
 */
export function assertGlyphs(fonts: readonly PDFFont[], text: string, document: 'certificate' | 'receipt' | 'notice'): void {
  const missing = new Set<string>();
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) ?? 0;
    if (!/\s/u.test(ch) && !fonts.some((f) => characterSet(f).has(codePoint))) missing.add(ch);
  }
  if (missing.size === 0) return;
  throw new UnprocessableError(
    'CERTIFICATE_GLYPH_MISSING',
    `The ${document} font has no glyph for ${[...missing].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`).join(', ')}`,
    undefined,
    { params: { glyphs: [...missing].join('、') } },
  );
}
