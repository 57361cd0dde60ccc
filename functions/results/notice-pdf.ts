/**
 * An official notice (docs/notices.md) as an A4 PDF, in Chinese as official documents are:
 * the county and the issuing body, the title, the receipt number, the applicant (masked as
 * the applicant's views mask it), the item, the notice's own text by kind — the promised
 * date, every deficiency, each deferred material's due date, the reasons of a refusal or a
 * rejection with the applicant's right to administrative reconsideration (60 days) and
 * litigation (6 months) — and the issuer's seal and date; signed with the county's key like
 * the certificates and the payment receipt, and set in their embedded fonts (font-runs.ts).
 * Pure apart from the fonts: the same content, key and signing time give the same bytes.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { NoticeKind } from '../../contracts/cases.js';
import type { LocalDate } from '../../contracts/dates.js';
import { chineseDate } from '../../contracts/dates.js';
import { embedCertificateFonts } from './document-fonts.js';
import { describePdf } from './pdf-description.js';
import { assertGlyphs, drawRuns, measureWith } from './font-runs.js';
import { signPdf, type SigningKey } from './pdf-signing.js';
import { placeSignOff } from './receipt-pdf.js';
import { drawSeal, sealText } from './seal.js';
import { breakLines, type Measure } from './text-fit.js';

interface NoticeBase {
  noticeId: string;
  /** The county, e.g. 岳阳市. */
  county: string;
  /** Who issues it: the comprehensive window's hall, or the rejecting departments (one seal each). */
  issuers: string[];
  receiptNumber: string;
  /** Masked as the applicant's views show it (a company's name is public). */
  applicant: { name: string; idNumber: string };
  item: string;
  submittedOn: LocalDate;
  /** The day of the decision (Asia/Shanghai). */
  issuedOn: LocalDate;
}

/** What a notice says, by kind; material and field names are the catalog's words. */
export type NoticeContent = NoticeBase & (
  | { kind: 'acceptance'; promisedDate: LocalDate; promisedLimitDays: number }
  | { kind: 'deficiency'; deficiencies: Array<{ material?: string; field?: string; message: string }> }
  | { kind: 'commitment'; deferred: Array<{ material: string; dueDate: LocalDate; committedOn: LocalDate }> }
  | { kind: 'refusal'; reason: string }
  | { kind: 'rejection'; reasons: Array<{ department: string; opinion: string }> }
);

export const NOTICE_TITLES: Record<NoticeKind, string> = {
  acceptance: '受理通知书',
  deficiency: '一次性告知书',
  commitment: '容缺受理承诺书',
  refusal: '不予受理决定书',
  rejection: '不予许可决定书',
};

/** The applicant's right to appeal a refusal or a rejection (行政复议法 第二十条, 行政诉讼法 第四十六条). */
export const APPEAL_RIGHTS =
  '如不服本决定，可以自收到本决定书之日起60日内依法申请行政复议，或者自收到本决定书之日起6个月内依法向人民法院提起行政诉讼。';

const SEAL_USE: Record<NoticeKind, string> = {
  acceptance: '受理专用章',
  deficiency: '受理专用章',
  commitment: '受理专用章',
  refusal: '受理专用章',
  rejection: '行政许可专用章',
};

/** The notice's text under the facts: paragraphs, and numbered lists as arrays. */
function body(content: NoticeContent): Array<string | string[]> {
  const applied = `你（单位）于${chineseDate(content.submittedOn)}提交的“${content.item}”申请`;
  switch (content.kind) {
    case 'acceptance':
      return [
        `${applied}，申请材料齐全、符合法定形式，本机关决定予以受理。`,
        `本事项承诺办结时限为${content.promisedLimitDays}个工作日，承诺办结日期为${chineseDate(content.promisedDate)}（依法暂停计时的期间不计算在内）。`,
        '请凭受理编号和查询码查询办理进度。',
      ];
    case 'deficiency':
      return [
        `${applied}，申请材料不齐全或者不符合法定形式。依据《中华人民共和国行政许可法》第三十二条，现一次性告知需要补正的全部内容：`,
        content.deficiencies.map((d) =>
          d.material ? `材料“${d.material}”：${d.message}` : d.field ? `填写项“${d.field}”：${d.message}` : d.message),
        '请按上述要求一次性补正全部内容后提交；补正后申请材料齐全、符合法定形式的，本机关予以受理。',
      ];
    case 'commitment':
      return [
        `${applied}，经审查，部分材料可容缺后补，本机关按容缺受理方式予以受理。申请人承诺在下列期限内补交以下材料：`,
        content.deferred.map((d) => `“${d.material}”：${chineseDate(d.dueDate)}前补交（申请人于${chineseDate(d.committedOn)}作出承诺）`),
        '申请人承诺：以上材料按期补交，所补材料真实、有效；逾期未补交的，依法承担相应责任，办理结果可能因此暂缓送达。',
      ];
    case 'refusal':
      return [`${applied}，经审查，本机关决定不予受理。`, `理由：${content.reason}`, APPEAL_RIGHTS];
    case 'rejection':
      return [
        `${applied}（受理编号${content.receiptNumber}），经审查，决定不予许可。理由如下：`,
        content.reasons.map((r) => `${r.department}：${r.opinion}`),
        APPEAL_RIGHTS,
      ];
  }
}

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 64;
const WIDTH = PAGE.width - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const ACCENT = rgb(0.6, 0.09, 0.09);
const SIZE = 12.5;
const LEADING = 22;
const SEAL_RADIUS = 50;

/** A page that flows lines down and adds a page when one is full. */
class Flow {
  page: PDFPage;
  y = PAGE.height - MARGIN;

  constructor(private readonly doc: PDFDocument, readonly fonts: readonly PDFFont[], readonly measure: Measure) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
  }

  need(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  line(text: string, x: number, size = SIZE, color: RGB = INK): void {
    drawRuns(this.page, text, { x, y: this.y, size, fonts: this.fonts, color });
  }

  centred(text: string, size: number, color: RGB = INK): void {
    this.line(text, (PAGE.width - this.measure(text, size)) / 2, size, color);
  }

  /** `text` broken to the width after `indent` (a hanging `label` before its first line), line after line. */
  paragraph(text: string, indent = 0, label = ''): void {
    breakLines(text, SIZE, WIDTH - indent, this.measure).forEach((line, i) => {
      this.need(LEADING);
      if (i === 0 && label) this.line(label, MARGIN + indent - this.measure(label, SIZE));
      this.line(line, MARGIN + indent);
      this.y -= LEADING;
    });
  }
}

export async function renderNoticePdf(content: NoticeContent, signing: { key: SigningKey; signingTime: Date }): Promise<Uint8Array> {
  const title = NOTICE_TITLES[content.kind];
  const blocks = body(content);
  const issuedOn = chineseDate(content.issuedOn);
  const seals = content.issuers.map((name) => ({ name, use: SEAL_USE[content.kind] }));
  const facts: Array<[string, string]> = [
    ['受理编号', content.receiptNumber],
    ['申  请  人', `${content.applicant.name}（${content.applicant.idNumber}）`],
    ['申请事项', content.item],
  ];

  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedCertificateFonts(doc, content);
  const measure = measureWith(fonts);
  const printed = [content.county, title, issuedOn, content.noticeId, ...content.issuers, ...facts.flat(), ...blocks.flat(), ...seals.map((s) => sealText({ cx: 0, cy: 0, radius: 1, ...s }))];
  assertGlyphs(fonts, printed.join(''), 'notice');

  const flow = new Flow(doc, fonts, measure);
  flow.y -= 10;
  flow.centred(content.county, 13, MUTED);
  flow.y -= 30;
  flow.centred(content.issuers.join('、'), 20, ACCENT);
  flow.y -= 38;
  flow.centred(title, 24);
  flow.y -= 16;
  flow.page.drawLine({ start: { x: MARGIN, y: flow.y }, end: { x: PAGE.width - MARGIN, y: flow.y }, thickness: 1.2, color: ACCENT });
  flow.y -= 32;
  for (const [label, value] of facts) {
    flow.line(`${label}：`, MARGIN, 11, MUTED);
    flow.line(value, MARGIN + 80);
    flow.y -= LEADING + 2;
  }
  flow.y -= 10;
  for (const block of blocks) {
    if (typeof block === 'string') flow.paragraph(block);
    else block.forEach((entry, i) => flow.paragraph(entry, 32, `${i + 1}. `));
    flow.y -= 6;
  }

  // The issuers and the day to the left of the seals, which stand at the right margin side by side.
  flow.need(2 * SEAL_RADIUS + 60);
  const issuerLine = content.issuers.join('、');
  const signOff = placeSignOff(issuerLine, issuedOn, flow.y - 50, measure);
  const shift = (seals.length - 1) * (2 * SEAL_RADIUS + 8);
  drawRuns(flow.page, issuerLine, { x: signOff.issuer.x - shift, y: signOff.issuer.y, size: 13, fonts, color: INK });
  drawRuns(flow.page, issuedOn, { x: signOff.day.x - shift, y: signOff.day.y, size: 12, fonts, color: INK });
  seals.forEach((seal, i) => drawSeal(flow.page, fonts, { ...signOff.seal, cx: signOff.seal.cx - (seals.length - 1 - i) * (2 * SEAL_RADIUS + 8), ...seal }));
  drawRuns(flow.page, `通知书编号 ${content.noticeId}`, { x: MARGIN, y: MARGIN - 24, size: 7.5, fonts, color: MUTED });

  describePdf(doc, {
    title: `${title}（${content.receiptNumber}）`,
    author: issuerLine,
    subject: `${title} · ${content.receiptNumber} · ${content.noticeId}`,
    keywords: [content.receiptNumber, content.noticeId],
    renderer: 'notice',
    at: signing.signingTime,
  });
  return signPdf(doc, signing.key, { reason: `${title} ${content.receiptNumber}`, location: content.county, signingTime: signing.signingTime });
}
