/**
 * Where everything on a certificate goes: a pure function from the content and a text
 * measure to a list of drawing operations on an A4 page. The renderer only draws what this
 * returns, so "nothing leaves the page" is a property of this function and is tested here.
 */
import { chineseDate } from '../../contracts/dates.js';
import { maskIdNumber } from '../domain/masking.js';
import { qrModules } from './qr.js';
import type { Seal } from './seal.js';
import { fitText, type FitOptions, type FittedText, type Measure } from './text-fit.js';

/** `2026-11-27` → `2026年11月27日` (contracts/dates.ts; long imported from here). */
export { chineseDate };

export interface CertificateContent {
  /** e.g. `YY7K-3MPQ-8HRT`: printed large, and the end of `verifyUrl`. */
  verificationCode: string;
  /** The public verification address; the QR code encodes it. */
  verifyUrl: string;
  /** The item's name, e.g. 建筑工程施工许可证核发. */
  title: { zh: string; en: string };
  /**
   * A company's credit code is printed in full (it is public); a person's ID number masked as
   * everywhere else (4306**********1235): the certificate is shared and verified publicly.
   */
  holder: { name: string; idType: 'resident_id' | 'credit_code'; idNumber: string };
  /** The issuing department, e.g. 岳阳市住房和城乡建设局. */
  issuer: { zh: string; en: string };
  /** YYYY-MM-DD. */
  issuedOn: string;
  /** YYYY-MM-DD; absent means long-term (长期). */
  validTo?: string;
  receiptNumber: string;
  /** 证照编号 (domain/results.ts `licenceNumber`). */
  licenceNumber?: string;
  /** A few lines from the form (project name, floor area…). */
  details?: Array<{ label: { zh: string; en: string }; value: string }>;
}

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** Everything drawn stays inside this box (the inner frame line is drawn just outside it). */
export const CONTENT = { left: 56, right: PAGE.width - 56, bottom: 54, top: PAGE.height - 58 } as const;

export type Tone = 'ink' | 'muted' | 'accent';

/** An axis-aligned box in PDF user space (origin bottom left). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type DrawOp =
  | { kind: 'text'; text: string; x: number; y: number; size: number; tone: Tone; bold: boolean; box: Box }
  | { kind: 'line'; x0: number; y0: number; x1: number; y1: number; thickness: number; tone: Tone; box: Box }
  | { kind: 'frame'; inset: number; thickness: number; tone: Tone; box: Box }
  | { kind: 'qr'; x: number; y: number; moduleSize: number; modules: boolean[][]; box: Box }
  /** The issuer's seal, beside the sign-off. */
  | ({ kind: 'seal'; box: Box } & Seal);

export interface CertificateLayout {
  ops: DrawOp[];
  /** Text cut with an ellipsis because even at the smallest size it did not fit. */
  truncated: boolean;
}

const CONTENT_WIDTH = CONTENT.right - CONTENT.left;
/** A line's ink, relative to its size: a little below the baseline (descenders) to the top of ideographs. */
const DESCENT = 0.25;
const ASCENT = 0.95;
const LEADING = 1.45;

const LABEL_WIDTH = 118;
const VALUE_X = CONTENT.left + LABEL_WIDTH + 14;
const VALUE_WIDTH = CONTENT.right - VALUE_X;
const QR_SIDE = 104;
/** An official seal is 42 mm across; a little less, so it stays clear of the QR code. */
const SEAL_RADIUS = 54;
/** What the seal says it is for, under its star. */
const SEAL_USE = '电子证照专用章';
const QR_GAP = 22;
/** Between the sign-off and the seal beside it. */
const SEAL_GAP = 10;

/** Field sizes shrink together by these factors before any value is cut, then values are cut to these many lines. */
const SCALES = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6];
const LINE_CAPS = [8, 6, 4, 3, 2, 1];

interface Field {
  label: { zh: string; en: string };
  value: string;
  /** A second, smaller line under the value (the English name of the issuer…). */
  secondary?: string;
  strong?: boolean;
  /** A line from the form: cut before the fixed fields are. */
  detail?: boolean;
}

export function layoutCertificate(content: CertificateContent, measure: Measure): CertificateLayout {
  const ops: DrawOp[] = [];
  let truncated = false;
  const fit = (text: string, options: FitOptions): FittedText => {
    const fitted = fitText(text, options, measure);
    truncated ||= fitted.truncated;
    return fitted;
  };

  ops.push(frame(22, 2.4), frame(28, 0.6));

  // Header: a kicker, the title in Chinese, its English below, an accent rule.
  let y = CONTENT.top;
  y = placeLines(ops, fit('电子证照  ELECTRONIC CERTIFICATE', { size: 9.5, maxWidth: CONTENT_WIDTH }), {
    top: y, x: CONTENT.left, width: CONTENT_WIDTH, align: 'center', tone: 'accent', measure,
  });
  y -= 8;
  y = placeLines(ops, fit(content.title.zh, { size: 26, minSize: 16, maxWidth: CONTENT_WIDTH, maxLines: 2 }), {
    top: y, x: CONTENT.left, width: CONTENT_WIDTH, align: 'center', tone: 'ink', bold: true, measure, leading: 1.3,
  });
  y -= 2;
  y = placeLines(ops, fit(content.title.en, { size: 11.5, minSize: 8, maxWidth: CONTENT_WIDTH, maxLines: 2 }), {
    top: y, x: CONTENT.left, width: CONTENT_WIDTH, align: 'center', tone: 'muted', measure,
  });
  y -= 12;
  ops.push(line(CONTENT.left, y, CONTENT.right, y, 1.2, 'accent'));
  const fieldsTop = y - 20;

  // Footer, from the bottom up: the QR code on the right, the verification code and how to verify on the left.
  const footer = layoutFooter(content, fit, measure);
  ops.push(...footer.ops);
  const ruleY = footer.top + 16;
  ops.push(line(CONTENT.left, ruleY, CONTENT.right, ruleY, 0.5, 'muted'));

  // The sign-off (落款) above the footer, on the right: the issuer and the date of issue,
  // with the seal beside it. Stamped over the sign-off, the seal's own words (电子证照专用章)
  // were covered by the date: beside it, nothing covers anything.
  const signOff = [
    fit(content.issuer.zh, { size: 13, minSize: 9, maxWidth: CONTENT_WIDTH / 2, maxLines: 2 }),
    fit(chineseDate(content.issuedOn), { size: 12, maxWidth: CONTENT_WIDTH / 2 }),
  ];
  const signOffWidth = Math.max(...signOff.flatMap((f) => f.lines.map((l) => measure(l, f.size))));
  const signOffHeight = signOff.reduce((h, f) => h + blockHeight(f), 0);
  // The seal at the right edge, clear of the QR code below; the sign-off centred on it vertically, to its left.
  const seal = { cx: CONTENT.right - SEAL_RADIUS, cy: ruleY + Math.max(SEAL_RADIUS + 2, signOffHeight / 2 + 12), radius: SEAL_RADIUS };
  let signOffTop = seal.cy + signOffHeight / 2;
  const signOffX = seal.cx - seal.radius - SEAL_GAP - signOffWidth;
  const fieldsBottom = Math.max(signOffTop + 14, seal.cy + seal.radius + 6);
  for (const fitted of signOff) {
    signOffTop = placeLines(ops, fitted, { top: signOffTop, x: signOffX, width: signOffWidth, align: 'center', tone: 'ink', measure });
  }
  ops.push({
    kind: 'seal', ...seal, name: content.issuer.zh, use: SEAL_USE,
    box: { x0: seal.cx - seal.radius, y0: seal.cy - seal.radius, x1: seal.cx + seal.radius, y1: seal.cy + seal.radius },
  });

  const fields = placeFieldsToFit(content, fieldsTop, fieldsBottom, measure);
  ops.push(...fields.ops);
  return { ops, truncated: truncated || fields.truncated };
}

/**
 * Fields go between the header and the footer. When they do not fit, they shrink together
 * (down to 60 %); then the form details are cut to fewer lines, and those that still do not
 * fit are replaced by one line saying how many were left out. The holder, the ID number, the
 * issuer, the dates and the receipt number are printed in full; only a content that cannot
 * fit even alone (a name of thousands of characters) has them cut too.
 */
function placeFieldsToFit(content: CertificateContent, top: number, bottom: number, measure: Measure): { ops: DrawOp[]; truncated: boolean } {
  const details = content.details ?? [];
  const minScale = SCALES[SCALES.length - 1] ?? 0.6;
  const attempts: Array<{ scale: number; kept: number; caps: LineCaps }> = [
    ...SCALES.map((scale) => ({ scale, kept: details.length, caps: { detail: Infinity, fixed: Infinity } })),
    ...LINE_CAPS.map((detail) => ({ scale: minScale, kept: details.length, caps: { detail, fixed: Infinity } })),
    ...details.map((_, i) => ({ scale: minScale, kept: details.length - 1 - i, caps: { detail: 1, fixed: Infinity } })),
    ...LINE_CAPS.map((fixed) => ({ scale: minScale, kept: 0, caps: { detail: 1, fixed } })),
  ];
  let last: { ops: DrawOp[]; truncated: boolean } = { ops: [], truncated: true };
  for (const { scale, kept, caps } of attempts) {
    const ops: DrawOp[] = [];
    let cut = kept < details.length;
    const fit = (text: string, options: FitOptions, cap: number) => {
      const fitted = fitText(text, { ...options, maxLines: Math.min(options.maxLines ?? Infinity, cap) }, measure);
      cut ||= fitted.truncated;
      return fitted;
    };
    const fields = certificateFields({ ...content, details: details.slice(0, kept) }, details.length - kept);
    const lowest = placeFields(ops, fields, { top, scale, caps, fit, measure });
    last = { ops, truncated: cut };
    if (lowest >= bottom) return last;
  }
  return last;
}

interface LineCaps {
  /** Lines allowed for a form detail's value. */
  detail: number;
  /** Lines allowed for any other value. */
  fixed: number;
}

function certificateFields(content: CertificateContent, omitted = 0): Field[] {
  const organisation = content.holder.idType === 'credit_code';
  return [
    { label: organisation ? { zh: '持证单位', en: 'Holder' } : { zh: '持证人', en: 'Holder' }, value: content.holder.name, strong: true },
    {
      label: organisation
        ? { zh: '统一社会信用代码', en: 'Unified social credit code' }
        : { zh: '公民身份号码', en: 'Resident ID number' },
      value: organisation ? content.holder.idNumber : maskIdNumber(content.holder.idNumber),
    },
    ...(content.licenceNumber ? [{ label: { zh: '证照编号', en: 'Licence number' }, value: content.licenceNumber }] : []),
    ...(content.details ?? []).map((d) => ({ label: d.label, value: d.value, detail: true })),
    ...(omitted > 0 ? [{ label: { zh: '其他', en: 'Other' }, value: `另有 ${omitted} 项从略`, secondary: `${omitted} more omitted`, detail: true }] : []),
    { label: { zh: '发证机关', en: 'Issuing authority' }, value: content.issuer.zh, secondary: content.issuer.en },
    { label: { zh: '发证日期', en: 'Date of issue' }, value: chineseDate(content.issuedOn), secondary: content.issuedOn },
    content.validTo
      ? {
          label: { zh: '有效期限', en: 'Valid' },
          value: `${chineseDate(content.issuedOn)} 至 ${chineseDate(content.validTo)}`,
          secondary: `${content.issuedOn} to ${content.validTo}`,
        }
      : { label: { zh: '有效期限', en: 'Valid' }, value: '长期', secondary: 'Long-term' },
    { label: { zh: '受理编号', en: 'Receipt number' }, value: content.receiptNumber },
  ];
}

/** Places the fields from `top` down; returns the lowest point reached. */
function placeFields(
  ops: DrawOp[],
  fields: Field[],
  o: { top: number; scale: number; caps: LineCaps; fit: (text: string, options: FitOptions, cap: number) => FittedText; measure: Measure },
): number {
  const { scale, fit, measure } = o;
  let y = o.top;
  for (const field of fields) {
    const cap = field.detail ? o.caps.detail : o.caps.fixed;
    const labelBottom = placeLines(ops, fit(field.label.zh, { size: 11 * scale, minSize: 8 * scale, maxWidth: LABEL_WIDTH, maxLines: 2 }, cap), {
      top: y, x: CONTENT.left, width: LABEL_WIDTH, tone: 'muted', measure,
    });
    const enBottom = placeLines(ops, fit(field.label.en, { size: 7.5 * scale, minSize: 6 * scale, maxWidth: LABEL_WIDTH, maxLines: 2 }, cap), {
      top: labelBottom, x: CONTENT.left, width: LABEL_WIDTH, tone: 'muted', measure,
    });
    let valueBottom = placeLines(ops, fit(field.value, { size: (field.strong ? 15 : 12.5) * scale, maxWidth: VALUE_WIDTH }, cap), {
      top: y - (field.strong ? 0 : 1 * scale), x: VALUE_X, width: VALUE_WIDTH, tone: 'ink', bold: field.strong, measure,
    });
    if (field.secondary) {
      valueBottom = placeLines(ops, fit(field.secondary, { size: 8.5 * scale, maxWidth: VALUE_WIDTH }, cap), {
        top: valueBottom, x: VALUE_X, width: VALUE_WIDTH, tone: 'muted', measure,
      });
    }
    y = Math.min(enBottom, valueBottom) - 9 * scale;
  }
  return y + 9 * scale;
}

function layoutFooter(
  content: CertificateContent,
  fit: (text: string, options: FitOptions) => FittedText,
  measure: Measure,
): { ops: DrawOp[]; top: number } {
  const ops: DrawOp[] = [];
  const textWidth = CONTENT_WIDTH - QR_SIDE - QR_GAP;
  const blocks = [
    { fitted: fit('核验码  Verification code', { size: 9.5, maxWidth: textWidth }), tone: 'muted' as const, gapAfter: 0 },
    { fitted: fit(content.verificationCode, { size: 22, minSize: 12, maxWidth: textWidth, maxLines: 1 }), tone: 'accent' as const, bold: true, gapAfter: 4 },
    // The caption on a line of its own, the address under it: run together, the address's
    // length decided where the caption broke, and it broke inside a word (核验真 | 伪).
    { fitted: fit('扫码或访问以下地址核验真伪', { size: 9.5, maxWidth: textWidth, maxLines: 1 }), tone: 'ink' as const, gapAfter: 0 },
    { fitted: fit(content.verifyUrl, { size: 9.5, minSize: 7, maxWidth: textWidth, maxLines: 3 }), tone: 'ink' as const, gapAfter: 0 },
    {
      fitted: fit('Scan the QR code or visit the address above to check that this certificate is genuine and current.', {
        size: 8, minSize: 6.5, maxWidth: textWidth, maxLines: 2,
      }),
      tone: 'muted' as const,
      gapAfter: 0,
    },
  ];
  const textHeight = blocks.reduce((h, b) => h + blockHeight(b.fitted) + b.gapAfter, 0);
  const top = CONTENT.bottom + Math.max(QR_SIDE, textHeight);

  let y = top - Math.max(0, (QR_SIDE - textHeight) / 2);
  for (const b of blocks) {
    y = placeLines(ops, b.fitted, { top: y, x: CONTENT.left, width: textWidth, tone: b.tone, bold: b.bold, measure }) - b.gapAfter;
  }

  const modules = qrModules(content.verifyUrl);
  const moduleSize = QR_SIDE / modules.length;
  const qrX = CONTENT.right - QR_SIDE;
  const qrY = top - QR_SIDE - Math.max(0, (textHeight - QR_SIDE) / 2);
  ops.push({ kind: 'qr', x: qrX, y: qrY, moduleSize, modules, box: { x0: qrX, y0: qrY, x1: qrX + QR_SIDE, y1: qrY + QR_SIDE } });
  return { ops, top };
}

interface PlaceOptions {
  top: number;
  x: number;
  width: number;
  tone: Tone;
  measure: Measure;
  align?: 'left' | 'center';
  bold?: boolean;
  leading?: number;
}

/** Places fitted lines from `top` down; returns the bottom of the block. */
function placeLines(ops: DrawOp[], fitted: FittedText, o: PlaceOptions): number {
  const { size } = fitted;
  const leading = (o.leading ?? LEADING) * size;
  // Centre each line's ink in its slot of `leading` points.
  const inkOffset = (leading - (ASCENT + DESCENT) * size) / 2 + ASCENT * size;
  fitted.lines.forEach((text, i) => {
    const width = o.measure(text, size);
    const x = o.align === 'center' ? o.x + (o.width - width) / 2 : o.x;
    const y = o.top - i * leading - inkOffset;
    ops.push({
      kind: 'text', text, x, y, size, tone: o.tone, bold: o.bold ?? false,
      box: { x0: x, y0: y - DESCENT * size, x1: x + width, y1: y + ASCENT * size },
    });
  });
  return o.top - fitted.lines.length * leading;
}

function blockHeight(fitted: FittedText, leading = LEADING): number {
  return fitted.lines.length * leading * fitted.size;
}

function line(x0: number, y0: number, x1: number, y1: number, thickness: number, tone: Tone): DrawOp {
  const half = thickness / 2;
  return { kind: 'line', x0, y0, x1, y1, thickness, tone, box: { x0, y0: y0 - half, x1, y1: y1 + half } };
}

function frame(inset: number, thickness: number): DrawOp {
  const half = thickness / 2;
  return {
    kind: 'frame', inset, thickness, tone: 'accent',
    box: { x0: inset - half, y0: inset - half, x1: PAGE.width - inset + half, y1: PAGE.height - inset + half },
  };
}

