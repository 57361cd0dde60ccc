/**
 * The issuing department's electronic seal (电子印章) as Chinese official seals look: a red
 * ring, a five-pointed star in the middle, the department's name set along the upper arc
 * and the seal's use in a line under the star. Drawn with vector operations and the
 * certificate's embedded fonts, each character in the font that has it (font-runs.ts), nothing fetched: the seal is the department's name drawn,
 * while what proves the document is its signature (pdf-signing.ts).
 */
import { degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawRuns, measureWith } from './font-runs.js';

export interface Seal {
  /** Centre and radius, in points. */
  cx: number;
  cy: number;
  radius: number;
  /** Along the arc, e.g. 岳阳市市场监督管理局. */
  name: string;
  /** Under the star, e.g. 电子证照专用章. */
  use: string;
}

const SEAL_RED = rgb(0.82, 0.08, 0.08);
/** Slightly translucent, so the sign-off under it still reads, as through a real stamp. */
const SEAL_OPACITY = 0.85;
/** The arc the name spans, in degrees, centred on the top. */
const ARC_SPAN = 240;

/** The characters a seal prints, for the glyph check. */
export const sealText = (seal: Seal): string => `${seal.name}${seal.use}`;

/** Vertices of a five-pointed star in SVG coordinates (y down) around the origin. */
function starPath(outer: number): string {
  const inner = outer * 0.382;
  const points = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const a = (-90 + i * 36) * (Math.PI / 180);
    return `${(r * Math.cos(a)).toFixed(3)} ${(r * Math.sin(a)).toFixed(3)}`;
  });
  return `M ${points.join(' L ')} Z`;
}

/** The seal, its text set in `fonts` (the main font, then its fallbacks). */
export function drawSeal(page: PDFPage, fonts: readonly PDFFont[], seal: Seal): void {
  const measure = measureWith(fonts);
  const { cx, cy, radius: r } = seal;
  const ring = r * 0.06;
  page.drawCircle({ x: cx, y: cy, size: r - ring / 2, borderWidth: ring, borderColor: SEAL_RED, borderOpacity: SEAL_OPACITY });
  page.drawSvgPath(starPath(r * 0.3), { x: cx, y: cy + r * 0.02, color: SEAL_RED, opacity: SEAL_OPACITY });

  // The name along the arc: each character upright to the ring, its top outwards.
  const chars = [...seal.name];
  const textRadius = r * 0.7;
  const span = (ARC_SPAN * Math.PI) / 180;
  const size = Math.min(r * 0.26, ((textRadius * span) / Math.max(chars.length, 1)) * 0.92);
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  chars.forEach((ch, i) => {
    const angle = Math.PI / 2 + (chars.length > 1 ? span / 2 - i * step : 0);
    const rotation = angle - Math.PI / 2;
    const width = measure(ch, size);
    // From the character's centre back to its baseline start, turned with it.
    const dx = -width / 2;
    const dy = -size * 0.36;
    const x = cx + textRadius * Math.cos(angle) + dx * Math.cos(rotation) - dy * Math.sin(rotation);
    const y = cy + textRadius * Math.sin(angle) + dx * Math.sin(rotation) + dy * Math.cos(rotation);
    drawRuns(page, ch, { x, y, size, fonts, color: SEAL_RED, opacity: SEAL_OPACITY, rotate: degrees((rotation * 180) / Math.PI) });
  });

  const useSize = Math.min(r * 0.16, (r * 1.1) / Math.max([...seal.use].length, 1));
  const useWidth = measure(seal.use, useSize);
  drawRuns(page, seal.use, { x: cx - useWidth / 2, y: cy - r * 0.52, size: useSize, fonts, color: SEAL_RED, opacity: SEAL_OPACITY });
}
