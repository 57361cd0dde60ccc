import { create } from 'qrcode';

/**
 * The QR code of `text` as rows of modules, `true` for dark, without the quiet zone.
 * Error correction M (15 %): a printed certificate gets folded and stamped on.
 */
export function qrModules(text: string): boolean[][] {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1),
  );
}
