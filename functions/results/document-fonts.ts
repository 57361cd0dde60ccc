/**
 * The fonts a PDF of OneTrip is set in, embedded into a document: the certificate font
 * (font.ts), then a subset of HanaMinB for each file of CJK Extension B the content's
 * characters need (ext-b-font.ts). Every PDF (certificate, receipt, notice, report) embeds
 * its fonts here, apart from what else it draws or whether it is signed, so a bundle that
 * prints only reports carries neither the QR code nor the signing.
 */
import { createHash } from 'node:crypto';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { extBFontBytes, extBFontFile, isExtB } from './ext-b-font.js';
import { cjkFontBytes, pdfFontkit } from './font.js';
import { characterSetOf } from './font-runs.js';
// For its effect: pdf-lib compresses with node:zlib rather than pako.
import './native-deflate.js';

/**
 * Embeds the font as a subset: of the file's subset, or of the whole font if the content
 * has a character the subset lacks (font.ts). The subset's name carries the six-letter tag PDF expects
 * (`ABCDEF+NotoSerifSC-Regular`); it is derived from the content (a certificate's, a
 * receipt's) so the output is deterministic (pdf-lib would otherwise add a random suffix).
 */
export async function embedCertificateFont(doc: PDFDocument, content: unknown): Promise<PDFFont> {
  doc.registerFontkit(pdfFontkit);
  return doc.embedFont(await cjkFontBytes(JSON.stringify(content)), { subset: true, customName: `${subsetTag(content)}+NotoSerifSC-Regular` });
}

/** The six-letter subset tag, derived from the content. */
function subsetTag(content: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(content)).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/**
 * The main font, then a subset of HanaMinB for each file of CJK Extension B the content's
 * characters fall in (none for most certificates): the fonts a run of text is set in, in order.
 */
export async function embedCertificateFonts(doc: PDFDocument, content: unknown): Promise<PDFFont[]> {
  const main = await embedCertificateFont(doc, content);
  const has = characterSetOf(main.getCharacterSet());
  const files = new Set<string>();
  for (const ch of JSON.stringify(content)) {
    const codePoint = ch.codePointAt(0) ?? 0;
    if (isExtB(codePoint) && !has.has(codePoint)) files.add(extBFontFile(codePoint));
  }
  const tag = subsetTag(content);
  const sorted = [...files].sort();
  const bytes = await Promise.all(sorted.map(extBFontBytes));
  // Embedded one after the other, in file order: the same content gives the same bytes.
  const fallbacks: PDFFont[] = [];
  for (const [i, file] of sorted.entries()) fallbacks.push(await doc.embedFont(bytes[i]!, { subset: true, customName: `${tag}+HanaMinB-${file.slice(-8, -6)}` }));
  return [main, ...fallbacks];
}
