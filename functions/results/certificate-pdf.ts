/**
 * A certificate (证照) as a one-page A4 PDF: layout (certificate-layout.ts) → draw → sign.
 * Chinese text is set in an embedded subset of Noto Serif SC (font.ts), with HanaMinB for the
 * characters of CJK Extension B (ext-b-font.ts), each run in the font that has it; the QR code is drawn
 * as vector squares, the issuer's seal as vector shapes and text (seal.ts); the file is
 * signed with the county's key (pdf-signing.ts). Pure apart from reading the font: the same
 * content, key and signing time give the same bytes.
 */
import {
  PDFDocument,
  TextRenderingMode,
  beginMarkedContent,
  endMarkedContent,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  setLineWidth,
  setStrokingRgbColor,
  setTextRenderingMode,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import { PAGE, layoutCertificate, type CertificateContent, type CertificateLayout, type DrawOp, type Tone } from './certificate-layout.js';
import { embedCertificateFonts } from './document-fonts.js';
import { signPdf, type SigningKey } from './pdf-signing.js';
import { describePdf } from './pdf-description.js';
import { drawSeal, sealText } from './seal.js';
import { assertGlyphs, drawRuns, measureWith, type RunsOptions } from './font-runs.js';

export type { CertificateContent } from './certificate-layout.js';
export { fontRuns, measureWith } from './font-runs.js';
export { embedCertificateFont, embedCertificateFonts } from './document-fonts.js';

const TONES: Record<Tone, RGB> = {
  ink: rgb(0.1, 0.1, 0.1),
  muted: rgb(0.4, 0.4, 0.4),
  accent: rgb(0.6, 0.09, 0.09),
};

/** Stroke width of the simulated bold weight, relative to the text size: one weight of the font ships, not two. */
const BOLD_STROKE = 0.028;

/** The marked-content tag around the QR code's squares, so a reader of the content stream can find them. */
export const QR_TAG = 'QRCode';

/** Who signs the certificate, and when (the signature's time; the day of issue is in the content). */
export interface CertificateSigning {
  key: SigningKey;
  signingTime: Date;
}

/** The certificate's PDF, signed when `signing` is given (always, when OneTrip issues one). */
export async function renderCertificatePdf(content: CertificateContent, signing?: CertificateSigning): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedCertificateFonts(doc, content);
  const layout = layoutCertificate(content, measureWith(fonts));
  assertGlyphs(fonts, printed(layout), 'certificate');

  const page = doc.addPage([PAGE.width, PAGE.height]);
  for (const op of layout.ops) draw(page, fonts, op);

  setMetadata(doc, content);
  if (!signing) return doc.save({ useObjectStreams: false });
  return signPdf(doc, signing.key, { reason: `电子证照签发 ${content.verificationCode}`, location: content.issuer.zh, signingTime: signing.signingTime });
}

/** Every character the certificate prints, for the glyph check before anything is drawn. */
function printed(layout: CertificateLayout): string {
  return layout.ops.map((op) => (op.kind === 'text' ? op.text : op.kind === 'seal' ? sealText(op) : '')).join('');
}

function draw(page: PDFPage, fonts: readonly PDFFont[], op: DrawOp): void {
  switch (op.kind) {
    case 'text': {
      const color = TONES[op.tone];
      const line: RunsOptions = { x: op.x, y: op.y, size: op.size, fonts, color };
      if (!op.bold) {
        drawRuns(page, op.text, line);
        return;
      }
      page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(op.size * BOLD_STROKE),
        setStrokingRgbColor(color.red, color.green, color.blue),
      );
      drawRuns(page, op.text, line);
      page.pushOperators(popGraphicsState());
      return;
    }
    case 'line':
      page.drawLine({ start: { x: op.x0, y: op.y0 }, end: { x: op.x1, y: op.y1 }, thickness: op.thickness, color: TONES[op.tone] });
      return;
    case 'frame':
      page.drawRectangle({
        x: op.inset, y: op.inset, width: PAGE.width - 2 * op.inset, height: PAGE.height - 2 * op.inset,
        borderWidth: op.thickness, borderColor: TONES[op.tone],
      });
      return;
    case 'qr':
      drawQr(page, op);
      return;
    case 'seal':
      drawSeal(page, fonts, op);
      return;
  }
}

/** One filled rectangle per horizontal run of dark modules, in one path, inside a marked-content section. */
function drawQr(page: PDFPage, op: Extract<DrawOp, { kind: 'qr' }>): void {
  const n = op.modules.length;
  const rects = op.modules.flatMap((row, r) => darkRuns(row).map(([c, length]) =>
    rectangle(op.x + c * op.moduleSize, op.y + (n - 1 - r) * op.moduleSize, length * op.moduleSize, op.moduleSize),
  ));
  page.pushOperators(
    beginMarkedContent(QR_TAG),
    pushGraphicsState(),
    setFillingRgbColor(0, 0, 0),
    ...rects.flat(),
    fill(),
    popGraphicsState(),
    endMarkedContent(),
  );
}

/** `[start, length]` of each run of `true`. */
export function darkRuns(row: boolean[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  row.forEach((dark, c) => {
    if (!dark) return;
    const lastRun = runs[runs.length - 1];
    if (lastRun && lastRun[0] + lastRun[1] === c) lastRun[1] += 1;
    else runs.push([c, 1]);
  });
  return runs;
}

function setMetadata(doc: PDFDocument, content: CertificateContent): void {
  describePdf(doc, {
    title: `${content.title.zh}（${content.verificationCode}）`,
    author: content.issuer.zh,
    subject: `${content.title.en} · ${content.holder.name} · ${content.verificationCode}`,
    keywords: [content.verificationCode, content.receiptNumber],
    renderer: 'certificate',
    // Midnight in Asia/Shanghai: the day of issue is a local date.
    at: new Date(`${content.issuedOn}T00:00:00+08:00`),
  });
}
