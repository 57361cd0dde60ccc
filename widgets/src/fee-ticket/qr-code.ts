/**
 * The QR code of a `native` payment (WeChat Pay's `weixin://wxpay/…`), as an SVG image. Its
 * own module, loaded only when a provider answers a code to scan: the ticket's first view
 * does not carry the QR encoder.
 */
import { toString } from 'qrcode';

/** A `data:` URL of the code of `text`, error correction M, with its quiet zone. */
export async function qrImage(text: string): Promise<string> {
  const svg = await toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
