/**
 * The certificate font's bytes, inlined by esbuild (`with { type: 'bytes' }`). Only
 * font.ts imports this module, lazily: see there why, and what happens outside a bundle.
 */
import bytes from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf' with { type: 'bytes' };

export default bytes;
