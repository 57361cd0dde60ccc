/**
 * Font files imported `with { type: 'bytes' }` (see results/font.ts): esbuild, which builds
 * the Lambda bundles, gives their bytes; Vite, which runs the unit tests, gives the asset's URL.
 */
declare module '*.ttf' {
  const asset: Uint8Array | string;
  export default asset;
}
