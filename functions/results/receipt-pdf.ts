/**
 * The payment receipt (缴费凭证) of a paid fee ticket as an A4 PDF (docs/fees.md): the
 * ticket, the payer as the applicant's views mask them, each line with its department and
 * amount, the total, when it was paid and the payment's reference; stamped with the
 * comprehensive window's seal and signed with the county's key like a certificate, so a
 * reader shows it signed and unaltered. Set in the certificates' embedded fonts, each run of
 * text in the font that has it (font-runs.ts): a payer named in CJK Extension B prints too.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { formatFen } from '../../contracts/money.js';
import { chineseDate } from '../../contracts/dates.js';
import { embedCertificateFonts } from './document-fonts.js';
import { describePdf } from './pdf-description.js';
import { assertGlyphs, drawRuns, measureWith } from './font-runs.js';
import { signPdf, type SigningKey } from './pdf-signing.js';
import { drawSeal, sealText } from './seal.js';
import { fitText, type Measure } from './text-fit.js';

export interface ReceiptContent {
  ticketNumber: string;
  receiptNumber: string;
  itemName: { zh: string; en: string };
  /** Masked as the applicant's views show it (a company's name is public). */
  payer: { name: string; idNumber: string };
  lines: Array<{ department: { zh: string; en: string }; name: { zh: string; en: string }; amountFen: number }>;
  totalFen: number;
  /** ISO timestamp the payment was applied; printed in Asia/Shanghai time. */
  paidAt: string;
  /** The payment's id with the provider. */
  paymentReference: string;
  /** Who collects for the departments: the county's comprehensive window, e.g. 岳阳市政务服务中心. */
  issuer: string;
}

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const ACCENT = rgb(0.6, 0.09, 0.09);
/** Columns of the lines table: department, fee item, amount (right-aligned at its right edge). */
const COLUMNS = { department: MARGIN, item: MARGIN + 190, amountRight: PAGE.width - MARGIN } as const;
const ROW = 30;

/** `2026-12-07T02:32:10Z` → `2026年12月7日 10:32:10` (Asia/Shanghai, UTC+8 without daylight saving). */
function shanghaiTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString();
  return `${chineseDate(local.slice(0, 10))} ${local.slice(11, 19)}`;
}

class Sheet {
  page: PDFPage;
  y = PAGE.height - MARGIN;

  constructor(private readonly doc: PDFDocument, private readonly fonts: readonly PDFFont[], readonly measure: Measure) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
  }

  /** Room for `height` more points, else a new page. */
  need(height: number): void {
    if (this.y - height >= MARGIN + 20) return;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  text(text: string, x: number, y: number, size: number, color = INK, maxWidth = PAGE.width - MARGIN - x): void {
    const fitted = fitText(text, { size, minSize: size * 0.7, maxWidth, maxLines: 1 }, this.measure);
    this.line(fitted.lines[0] ?? '', x, y, fitted.size, color);
  }

  right(text: string, xRight: number, y: number, size: number, color = INK): void {
    this.line(text, xRight - this.measure(text, size), y, size, color);
  }

  /** `text` as it is, starting at `x`: every text of the receipt is drawn here, run by run in its font. */
  line(text: string, x: number, y: number, size: number, color: RGB = INK): void {
    drawRuns(this.page, text, { x, y, size, fonts: this.fonts, color });
  }

  rule(y: number, thickness = 0.5, color = MUTED): void {
    this.page.drawLine({ start: { x: MARGIN, y }, end: { x: PAGE.width - MARGIN, y }, thickness, color });
  }
}

/** Every character the receipt prints, for the glyph check before anything is drawn. */
function printed(content: ReceiptContent, fixed: string[]): string {
  return [
    ...fixed, content.ticketNumber, content.receiptNumber, content.itemName.zh, content.itemName.en, content.payer.name, content.payer.idNumber,
    ...content.lines.flatMap((l) => [l.department.zh, l.department.en, l.name.zh, l.name.en, formatFen(l.amountFen)]),
    formatFen(content.totalFen), shanghaiTime(content.paidAt), content.paymentReference, content.issuer,
  ].join('');
}

/**
 * What the receipt says of its signature: who signed it and where a reader sees that. It
 * has no verification code (verify.html takes certificates' codes), so it promises no
 * check on the platform: the signature is the check, shown by any PDF reader.
 */
export function signatureNote(issuer: string): string {
  return `本凭证已由${issuer}电子签名，可在 PDF 阅读器中查看签名；涂改无效。 Signed electronically by the issuer: a PDF reader shows the signature. Any change voids it.`;
}

const SEAL_RADIUS = 50;

/**
 * Where the collector's name, the day and the seal go: the seal at the right margin, the
 * name and the day to its left, centred on each other. Stamped over them, the seal's
 * 缴费专用章 was covered by the day; beside them, nothing covers anything. Pure, so that is tested.
 */
export function placeSignOff(issuer: string, day: string, y: number, measure: Measure) {
  const [issuerWidth, dayWidth] = [measure(issuer, 13), measure(day, 12)];
  const width = Math.max(issuerWidth, dayWidth);
  const seal = { cx: PAGE.width - MARGIN - SEAL_RADIUS, cy: y - 4, radius: SEAL_RADIUS };
  const x = seal.cx - SEAL_RADIUS - 10 - width;
  return {
    issuer: { x: x + (width - issuerWidth) / 2, y, width: issuerWidth },
    day: { x: x + (width - dayWidth) / 2, y: y - 20, width: dayWidth },
    seal,
  };
}

const LABELS = {
  title: '缴费凭证',
  subtitle: 'Payment receipt',
  ticket: '缴款票号 Ticket',
  receipt: '受理编号 Receipt number',
  item: '办理事项 Service item',
  payer: '缴款人 Payer',
  department: '收费部门 Department',
  fee: '收费项目 Fee',
  amount: '金额 Amount',
  total: '合计 Total',
  paidAt: '缴费时间 Paid at',
  reference: '支付流水号 Payment reference',
  sealUse: '缴费专用章',
} as const;

export async function renderReceiptPdf(content: ReceiptContent, signing: { key: SigningKey; signingTime: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedCertificateFonts(doc, content);
  const measure = measureWith(fonts);
  const seal = { name: content.issuer, use: LABELS.sealUse };
  assertGlyphs(fonts, printed(content, [...Object.values(LABELS), signatureNote(content.issuer), sealText({ cx: 0, cy: 0, radius: 1, ...seal })]), 'receipt');

  const sheet = new Sheet(doc, fonts, measure);
  const centre = (text: string, size: number, color = INK) => sheet.line(text, (PAGE.width - measure(text, size)) / 2, sheet.y, size, color);
  sheet.y -= 26;
  centre(LABELS.title, 26, INK);
  sheet.y -= 20;
  centre(LABELS.subtitle, 11.5, MUTED);
  sheet.y -= 16;
  sheet.rule(sheet.y, 1.2, ACCENT);

  const facts: Array<[string, string]> = [
    [LABELS.ticket, content.ticketNumber],
    [LABELS.receipt, content.receiptNumber],
    [LABELS.item, content.itemName.zh],
    [LABELS.payer, `${content.payer.name}（${content.payer.idNumber}）`],
    [LABELS.paidAt, shanghaiTime(content.paidAt)],
    [LABELS.reference, content.paymentReference],
  ];
  sheet.y -= 30;
  for (const [label, value] of facts) {
    sheet.text(label, MARGIN, sheet.y, 10, MUTED, 180);
    sheet.text(value, MARGIN + 190, sheet.y, 12.5);
    sheet.y -= 26;
  }

  sheet.y -= 8;
  sheet.rule(sheet.y + 18, 0.8, INK);
  sheet.text(LABELS.department, COLUMNS.department, sheet.y, 10, MUTED, 180);
  sheet.text(LABELS.fee, COLUMNS.item, sheet.y, 10, MUTED, 180);
  sheet.right(LABELS.amount, COLUMNS.amountRight, sheet.y, 10, MUTED);
  sheet.rule(sheet.y - 10);
  sheet.y -= ROW;
  for (const line of content.lines) {
    sheet.need(ROW);
    sheet.text(line.department.zh, COLUMNS.department, sheet.y, 11, INK, COLUMNS.item - COLUMNS.department - 10);
    sheet.text(line.name.zh, COLUMNS.item, sheet.y, 11, INK, COLUMNS.amountRight - COLUMNS.item - 100);
    sheet.right(formatFen(line.amountFen), COLUMNS.amountRight, sheet.y, 11);
    sheet.text(line.department.en, COLUMNS.department, sheet.y - 11, 7, MUTED, COLUMNS.item - COLUMNS.department - 10);
    sheet.text(line.name.en, COLUMNS.item, sheet.y - 11, 7, MUTED, COLUMNS.amountRight - COLUMNS.item - 100);
    sheet.y -= ROW;
  }
  sheet.need(ROW + 150);
  sheet.rule(sheet.y + 14, 0.8, INK);
  sheet.text(LABELS.total, COLUMNS.item, sheet.y - 4, 12, INK, 180);
  sheet.right(formatFen(content.totalFen), COLUMNS.amountRight, sheet.y - 4, 14, ACCENT);

  const day = chineseDate(new Date(new Date(content.paidAt).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10));
  const signOff = placeSignOff(content.issuer, day, sheet.y - 70, measure);
  sheet.line(content.issuer, signOff.issuer.x, signOff.issuer.y, 13);
  sheet.line(day, signOff.day.x, signOff.day.y, 12);
  drawSeal(sheet.page, fonts, { ...signOff.seal, ...seal });

  const notes = fitText(signatureNote(content.issuer), { size: 8.5, maxWidth: PAGE.width - 2 * MARGIN, maxLines: 3 }, measure);
  notes.lines.forEach((text, i) => sheet.line(text, MARGIN, MARGIN + 20 - i * 12, notes.size, MUTED));

  describePdf(doc, {
    title: `${LABELS.title}（${content.ticketNumber}）`,
    author: content.issuer,
    subject: `${LABELS.subtitle} · ${content.ticketNumber} · ${content.receiptNumber}`,
    keywords: [content.ticketNumber, content.receiptNumber],
    renderer: 'receipt',
    at: signing.signingTime,
  });
  return signPdf(doc, signing.key, { reason: `缴费凭证 ${content.ticketNumber}`, location: content.issuer, signingTime: signing.signingTime });
}
