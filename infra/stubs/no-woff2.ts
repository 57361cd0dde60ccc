/**
 * Stands in for `brotli/decompress.js` in the Lambda bundles (infra/bundles.ts, `alias`):
 * fontkit imports it to read WOFF2 fonts, and the bundles read none (their fonts are
 * TrueType beside them, infra/pdf-fonts.ts), so its 475 KB of decoder and dictionary would
 * only be parsed at every cold start.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not read in the Lambda bundles: the PDF fonts beside them are TrueType (infra/pdf-fonts.ts)');
}
