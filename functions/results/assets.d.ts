/** wawoff2's WOFF2 → TrueType decompressor (CommonJS, no types of its own): see infra/pdf-fonts.ts and results/ext-b-font.ts. */
declare module 'wawoff2/decompress.js' {
  export default function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}

/** pako 1 (pdf-lib's zlib, no types of its own): its `deflate`, which native-deflate.ts replaces. */
declare module 'pako' {
  const pako: { deflate(data: Uint8Array, options?: unknown): Uint8Array };
  export default pako;
}
