/**
 * Font files imported `with { type: 'bytes' }` (see results/font.ts): esbuild, which builds
 * the Lambda bundles, gives their bytes; Vite, which runs the unit tests, gives the asset's URL.
 */
declare module '*.ttf' {
  const asset: Uint8Array | string;
  export default asset;
}

/** wawoff2's WOFF2 → TrueType decompressor (CommonJS, no types of its own): see results/ext-b-font.ts. */
declare module 'wawoff2/decompress.js' {
  export default function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
