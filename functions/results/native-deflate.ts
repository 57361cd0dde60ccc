/**
 * pdf-lib compresses every stream of a PDF (the page's content, the embedded font, its
 * ToUnicode map) with pako, zlib written in JavaScript: that was a third of a certificate's
 * render, some 13 ms of the 30 left once the font's layouts were kept (font.ts). pdf-lib has
 * no way to hand it another compressor, so importing this module makes pako's `deflate`,
 * called as pdf-lib calls it (the data alone: zlib format, default level), Node's own zlib:
 * the same format and level, natively, 5–10× faster. Any other call goes to pako as before.
 * The bytes differ from pako's but not between two renders on the same Node, so a PDF is
 * still the same for the same content.
 */
import { deflateSync } from 'node:zlib';
import pako from 'pako';

const deflate = pako.deflate;
pako.deflate = ((data: Uint8Array, options?: unknown) =>
  options === undefined ? new Uint8Array(deflateSync(data)) : deflate(data, options)) as typeof pako.deflate;
