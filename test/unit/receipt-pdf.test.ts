/**
 * The payment receipt's PDF: what it says of its signature (truthfully: there is no
 * verification code to check it on the platform), where its seal goes (beside the
 * sign-off, covering none of it), and that a payer or a seal named in CJK Extension B prints.
 */
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedCertificateFont, embedCertificateFonts, measureWith } from '../../functions/results/certificate-pdf.js';
import { signingKeyFromP12 } from '../../functions/results/pdf-signing.js';
import { placeSignOff, renderReceiptPdf, type ReceiptContent } from '../../functions/results/receipt-pdf.js';
import { drawSeal } from '../../functions/results/seal.js';
import type { Measure } from '../../functions/results/text-fit.js';
import { selfSignedSigningP12 } from '../../local/signing-certificate.js';
import { extractText } from '../support/pdf.js';

const RECEIPT: ReceiptContent = {
  ticketNumber: '430600-F-20261207-000123',
  receiptNumber: '430600-20261207-000123',
  itemName: { zh: '食品经营许可', en: 'Food business licence' },
  payer: { name: '岳阳市洞庭鲜食品有限公司', idNumber: '9143**********2L39' },
  lines: [{ department: { zh: '岳阳市市场监督管理局', en: 'Yueyang AMR' }, name: { zh: '印章刻制费', en: 'Seal engraving' }, amountFen: 12_000 }],
  totalFen: 12_000,
  paidAt: '2026-12-07T02:32:10.000Z',
  paymentReference: 'PAY-0001',
  issuer: '岳阳市政务服务中心',
};

let measure: Measure;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  measure = measureWith(await embedCertificateFont(doc, RECEIPT));
});

describe('renderReceiptPdf', () => {
  it('says who signed it and where to see the signature, promising no check on the platform it has no code for', async () => {
    // Act
    const pdf = await renderReceiptPdf(RECEIPT, { key: signingKeyFromP12(selfSignedSigningP12({ commonName: '岳阳市' })), signingTime: new Date(RECEIPT.paidAt) });
    const text = await extractText(pdf);

    // Assess
    expect(text).toContain('本凭证已由岳阳市政务服务中心电子签名，可在PDF阅读器中查看签名');
    expect(text).toContain('aPDFreadershowsthesignature');
    expect(text).not.toContain('平台核验');
  });

  it('prints a payer named with CJK Extension B characters from the fallback font, the same bytes each time', async () => {
    // Prepare: 𠀀 (U+20000) and 𪚥 (U+2A6A5), which the main font lacks, as the certificate's test has them
    const name = '李𠀀𪚥君';
    const content = { ...RECEIPT, payer: { name, idNumber: '4306**********0011' } };
    const signing = { key: signingKeyFromP12(selfSignedSigningP12({ commonName: '岳阳市' })), signingTime: new Date(RECEIPT.paidAt) };

    // Act
    const pdf = await renderReceiptPdf(content, signing);

    // Assess
    expect(await extractText(pdf)).toContain(`${name}（4306**********0011）`);
    expect(Buffer.from(await renderReceiptPdf(content, signing)).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses a character no font can draw rather than printing an empty box', async () => {
    await expect(renderReceiptPdf({ ...RECEIPT, payer: { ...RECEIPT.payer, name: '张\u{1F600}' } }, { key: signingKeyFromP12(selfSignedSigningP12({ commonName: '岳阳市' })), signingTime: new Date(RECEIPT.paidAt) }))
      .rejects.toMatchObject({ code: 'CERTIFICATE_GLYPH_MISSING' });
  });
});

describe('drawSeal', () => {
  it('sets each character of the seal in the font that has it, Extension B from the fallback', async () => {
    // Prepare: a seal alone on a page, its name with 𠀀 and 𪚥, which the main font lacks
    const seal = { cx: 200, cy: 400, radius: 50, name: '𠀀𪚥政务中心', use: '缴费专用章' };
    const doc = await PDFDocument.create({ updateMetadata: false });
    const fonts = await embedCertificateFonts(doc, seal);

    // Act
    drawSeal(doc.addPage([400, 800]), fonts, seal);
    const text = await extractText(await doc.save());

    // Assess: every character extracts back (one drawn in a font without it would not)
    for (const ch of [...seal.name, ...seal.use]) expect(text, ch).toContain(ch);
  });
});

describe('placeSignOff', () => {
  it('puts the seal beside the collector and the day, covering neither, for short and long names', () => {
    for (const issuer of ['政务中心', '岳阳市政务服务中心', '岳阳市岳阳楼区行政审批服务局综合受理窗口']) {
      // Act
      const placed = placeSignOff(issuer, '2026年12月7日', 300, measure);

      // Assess: the seal's disc lies right of both lines, inside the margin
      const textRight = Math.max(placed.issuer.x + placed.issuer.width, placed.day.x + placed.day.width);
      expect(placed.seal.cx - placed.seal.radius, issuer).toBeGreaterThan(textRight);
      expect(placed.seal.cx + placed.seal.radius, issuer).toBeLessThanOrEqual(595.28 - 56);
      expect(Math.min(placed.issuer.x, placed.day.x), issuer).toBeGreaterThanOrEqual(56);
    }
  });
});
