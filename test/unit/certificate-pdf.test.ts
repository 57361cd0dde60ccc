import { readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { extractText } from '../support/pdf.js';
import { create as createQr } from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT, PAGE, layoutCertificate, type Box, type CertificateContent, type DrawOp } from '../../functions/results/certificate-layout.js';
import { QR_TAG, darkRuns, embedCertificateFont, measureWith, renderCertificatePdf } from '../../functions/results/certificate-pdf.js';
import { extBFontFile, extBFontFiles } from '../../functions/results/ext-b-font.js';
import { pdfFontkit } from '../../functions/results/font.js';
import { bundleCertificateFont, loadBundledFont } from '../../scripts/bench/font-bundle.js';
import { CERTIFICATE_FONT_FILES } from '../../infra/pdf-fonts.js';
import { qrModules } from '../../functions/results/qr.js';
import { breakLines, fitText, type Measure } from '../../functions/results/text-fit.js';

const FONT_FILE = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

const PERMIT: CertificateContent = {
  verificationCode: 'YY7K-3MPQ-8HRT',
  verifyUrl: 'https://zwfw.yueyang.gov.cn/verify.html?code=YY7K-3MPQ-8HRT',
  title: { zh: '建筑工程施工许可证核发', en: 'Construction permit issuance' },
  holder: { name: '张三丰', idType: 'resident_id', idNumber: '430602199001011234' },
  issuer: { zh: '岳阳市住房和城乡建设局', en: 'Yueyang Municipal Bureau of Housing and Urban-Rural Development' },
  issuedOn: '2026-11-27',
  validTo: '2029-11-26',
  receiptNumber: '430600-20261127-000042',
  details: [
    { label: { zh: '项目名称', en: 'Project' }, value: '岳阳市南湖新区洞庭路综合楼建设项目' },
    { label: { zh: '建设地址', en: 'Site' }, value: '岳阳市岳阳楼区洞庭南路 88 号' },
    { label: { zh: '建筑面积', en: 'Floor area' }, value: '12,480 平方米' },
  ],
};

const COMPANY: CertificateContent = {
  ...PERMIT,
  verificationCode: 'QF3D-9KZW-2MTR',
  verifyUrl: 'https://zwfw.yueyang.gov.cn/verify.html?code=QF3D-9KZW-2MTR',
  holder: { name: '岳阳市洞庭建设有限公司', idType: 'credit_code', idNumber: '91430600MA4L2XYZ3K' },
  validTo: undefined,
};

/** The embedded fonts: name and the length of the embedded font program. */
async function embeddedFonts(pdf: Uint8Array): Promise<Array<{ name: string; bytes: number }>> {
  const doc = await PDFDocument.load(pdf);
  const fonts: Array<{ name: string; bytes: number }> = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = doc.context.lookup(object.get(PDFName.of('FontFile2')));
    const bytes = file instanceof PDFRawStream ? decodePDFRawStream(file).decode().length : 0;
    fonts.push({ name: object.get(PDFName.of('FontName'))?.toString().slice(1) ?? '', bytes });
  }
  return fonts;
}

/** The QR code as drawn: the squares inside the marked-content section, mapped back onto the module grid. */
async function drawnQr(pdf: Uint8Array, qr: Extract<DrawOp, { kind: 'qr' }>): Promise<boolean[][]> {
  const doc = await PDFDocument.load(pdf);
  const contents = doc.getPage(0).node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  const stream = refs
    .map((ref) => doc.context.lookup(ref as PDFRef) as PDFStream)
    .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()) : inflateSync(s.getContents())).toString('latin1'))
    .join('\n');
  const section = stream.slice(stream.indexOf(`/${QR_TAG} BMC`), stream.indexOf('EMC', stream.indexOf(`/${QR_TAG} BMC`)));
  const n = qr.modules.length;
  const matrix = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [, x, y, w] of section.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)) {
    const col = Math.round((Number(x) - qr.x) / qr.moduleSize);
    const row = n - 1 - Math.round((Number(y) - qr.y) / qr.moduleSize);
    const length = Math.round(Number(w) / qr.moduleSize);
    for (let c = col; c < col + length; c++) matrix[row]![c] = true;
  }
  return matrix;
}

let measure: Measure;
let permitPdf: Uint8Array;
let companyPdf: Uint8Array;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(pdfFontkit);
  measure = measureWith(await embedCertificateFont(doc, PERMIT));
  permitPdf = await renderCertificatePdf(PERMIT);
  companyPdf = await renderCertificatePdf(COMPANY);
});

describe('renderCertificatePdf', () => {
  it('prints the holder, the issuer, the title and the verification code as extractable Chinese text', async () => {
    // Act
    const text = await extractText(permitPdf);

    // Assess
    for (const expected of ['张三丰', '4306**********1234', '岳阳市住房和城乡建设局', '建筑工程施工许可证核发', 'YY7K-3MPQ-8HRT',
      '430600-20261127-000042', '2026年11月27日至2029年11月26日', '岳阳市南湖新区洞庭路综合楼建设项目', '扫码或访问', '核验真伪']) {
      expect(text).toContain(expected);
    }
  });

  it('prints a person holder’s ID number masked, never whole: the certificate is shared and verified publicly', async () => {
    const text = await extractText(permitPdf);

    expect(text).toContain('公民身份号码ResidentIDnumber4306**********1234');
    expect(text).not.toContain('430602199001011234');
  });

  it('prints a company holder with its unified social credit code and a long-term validity', async () => {
    const text = await extractText(companyPdf);

    expect(text).toContain('岳阳市洞庭建设有限公司');
    expect(text).toContain('统一社会信用代码');
    expect(text).toContain('91430600MA4L2XYZ3K');
    expect(text).toContain('长期');
    expect(text).toContain('QF3D-9KZW-2MTR');
  });

  it('embeds one font, as a tagged subset far smaller than the font file', async () => {
    // Act
    const fonts = await embeddedFonts(permitPdf);

    // Assess
    expect(fonts).toHaveLength(1);
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular$/);
    expect(fonts[0]!.bytes).toBeGreaterThan(1_000);
    expect(fonts[0]!.bytes).toBeLessThan(statSync(FONT_FILE).size / 100);
    expect(permitPdf.length).toBeLessThan(60_000);
  });

  it('draws the QR code of the verification address, module for module', async () => {
    // Prepare
    const qr = layoutCertificate(PERMIT, measure).ops.find((op) => op.kind === 'qr');
    if (qr?.kind !== 'qr') throw new Error('no QR code in the layout');

    // Act
    const drawn = await drawnQr(permitPdf, qr);

    // Assess
    expect(drawn).toEqual(qrModules(PERMIT.verifyUrl));
  });

  it('sets the title, author, subject and dates from the content', async () => {
    const doc = await PDFDocument.load(permitPdf, { updateMetadata: false });

    expect(doc.getTitle()).toBe('建筑工程施工许可证核发（YY7K-3MPQ-8HRT）');
    expect(doc.getAuthor()).toBe('岳阳市住房和城乡建设局');
    expect(doc.getSubject()).toContain('YY7K-3MPQ-8HRT');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(doc.getPage(0).getSize()).toEqual({ width: PAGE.width, height: PAGE.height });
  });

  it('gives the same bytes for the same content', async () => {
    expect(Buffer.from(await renderCertificatePdf(PERMIT)).equals(Buffer.from(permitPdf))).toBe(true);
  });

  it('refuses a character no font can draw rather than printing an empty box', async () => {
    await expect(renderCertificatePdf({ ...PERMIT, holder: { ...PERMIT.holder, name: '张\u{1F600}' } }))
      .rejects.toMatchObject({ code: 'CERTIFICATE_GLYPH_MISSING' });
  });

  it('prints a name with CJK Extension B characters from the fallback font, and its text extracts back to the same name', async () => {
    // Prepare: 𠀀 (U+20000, the first of Extension B) and 𪚥 (U+2A6A5, near its end), in two files of the fallback
    const name = '李𠀀𪚥君';

    // Act
    const pdf = await renderCertificatePdf({ ...PERMIT, holder: { ...PERMIT.holder, name } });

    // Assess
    expect(await extractText(pdf)).toContain(name);
    const fonts = await embeddedFonts(pdf);
    expect(fonts.map((f) => f.name)).toEqual([
      expect.stringMatching(/^[A-Z]{6}\+NotoSerifSC-Regular$/), expect.stringMatching(/^[A-Z]{6}\+HanaMinB-01$/), expect.stringMatching(/^[A-Z]{6}\+HanaMinB-42$/),
    ]);
    // Subsets: a glyph or two each, not the 9.9 MB of Extension B
    expect(Math.max(...fonts.slice(1).map((f) => f.bytes))).toBeLessThan(10_000);
    expect(pdf.length).toBeLessThan(80_000);
    expect(Buffer.from(await renderCertificatePdf({ ...PERMIT, holder: { ...PERMIT.holder, name } })).equals(Buffer.from(pdf))).toBe(true);
  });
});

describe('the font in a Lambda bundle', () => {
  // How long it takes to load is a figure of `npm run bench -- certificates`, not a test.
  it('is beside it: the subset for a text of GB 2312, the whole font for a character the subset lacks', async () => {
    // Prepare: bundle font.ts the way infra/bundles.ts bundles handlers, into a folder with no node_modules, the fonts beside it as the build puts them.
    const outdir = await bundleCertificateFont();
    try {
      // Act: a name of GB 2312, and one with 㐀 (U+3400, Extension A), which GB 2312 and the catalogs lack
      const common = await loadBundledFont(outdir, { text: '张三丰' });
      const rare = await loadBundledFont(outdir, { text: '李㐀' });

      // Assess
      expect(common.length).toBe(statSync(join(outdir, 'fonts', CERTIFICATE_FONT_FILES.subset)).size);
      expect(common.length).toBeLessThan(statSync(FONT_FILE).size / 3);
      expect(rare.length).toBe(statSync(FONT_FILE).size);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('the Extension B fallback', () => {
  it('finds every code point of Extension B in the file the hanamin package serves it from', () => {
    // Prepare: the package's own map of files to code points
    const css = readFileSync(createRequire(import.meta.url).resolve('hanamin/HanaMin.css'), 'utf8');
    const ranges = new Map([...css.matchAll(/url\((HanaMinB\.CJK-Unified-Ideographs-Extension-B-\d+\.woff2)\)[^}]*unicode-range: U\+([0-9a-f]+)-([0-9a-f]+)/g)]
      .map((m) => [m[1]!, [parseInt(m[2]!, 16), parseInt(m[3]!, 16)] as const]));

    // Assess
    expect(extBFontFiles()).toHaveLength(42);
    expect([...ranges.keys()].sort()).toEqual(extBFontFiles());
    for (const [file, [first, last]] of ranges) {
      expect(extBFontFile(first), file).toBe(file);
      expect(extBFontFile(last), file).toBe(file);
    }
  });
});

describe('qrModules', () => {
  it('is the module matrix of qrcode for the text', () => {
    // Prepare
    const { modules } = createQr(PERMIT.verifyUrl, { errorCorrectionLevel: 'M' });

    // Act
    const matrix = qrModules(PERMIT.verifyUrl);

    // Assess
    expect(matrix).toHaveLength(modules.size);
    matrix.forEach((row, r) => row.forEach((dark, c) => expect(dark).toBe(modules.get(r, c) === 1)));
  });

  it('turns rows into runs of dark modules', () => {
    expect(darkRuns([true, true, false, true, false, false, true, true, true])).toEqual([[0, 2], [3, 1], [6, 3]]);
    expect(darkRuns([false, false])).toEqual([]);
  });
});

describe('layoutCertificate', () => {
  const inside = (b: Box, area: Box) => b.x0 >= area.x0 - 0.01 && b.x1 <= area.x1 + 0.01 && b.y0 >= area.y0 - 0.01 && b.y1 <= area.y1 + 0.01;
  const overlap = (a: Box, b: Box) => a.x0 < b.x1 - 0.01 && b.x0 < a.x1 - 0.01 && a.y0 < b.y1 - 0.01 && b.y0 < a.y1 - 0.01;
  const contentBox: Box = { x0: CONTENT.left, y0: CONTENT.bottom, x1: CONTENT.right, y1: CONTENT.top };
  const pageBox: Box = { x0: 0, y0: 0, x1: PAGE.width, y1: PAGE.height };

  /** Every drawing stays on the page, text, the QR code and the seal inside the frame, and no two of them overlap (the seal covers no text). */
  function expectTidy(ops: DrawOp[]) {
    for (const op of ops) expect(inside(op.box, pageBox), `${op.kind} off the page`).toBe(true);
    const placed = ops.filter((op) => op.kind === 'text' || op.kind === 'qr' || op.kind === 'seal');
    const name = (op: DrawOp) => JSON.stringify(op.kind === 'text' ? op.text : op.kind);
    for (const op of placed) expect(inside(op.box, contentBox), `${name(op)} outside the frame`).toBe(true);
    placed.forEach((a, i) => placed.slice(i + 1).forEach((b) => {
      expect(overlap(a.box, b.box), `${name(a)} overlaps ${name(b)}`).toBe(false);
    }));
  }
  const texts = (ops: DrawOp[]) => ops.flatMap((op) => (op.kind === 'text' ? [op] : []));

  it('lays out the sample certificate without cutting anything', () => {
    const layout = layoutCertificate(PERMIT, measure);

    expect(layout.truncated).toBe(false);
    expectTidy(layout.ops);
  });

  it('wraps a 100-character holder name onto several lines, all of it printed', () => {
    // Prepare
    const name = '欧阳'.padEnd(100, '张三丰岳阳洞庭');

    // Act
    const layout = layoutCertificate({ ...PERMIT, holder: { ...PERMIT.holder, name } }, measure);

    // Assess
    const nameLines = texts(layout.ops).filter((t) => name.includes(t.text) && t.text.length > 3);
    expect(nameLines.length).toBeGreaterThan(2);
    expect(nameLines.map((t) => t.text).join('')).toBe(name);
    expect(layout.truncated).toBe(false);
    expectTidy(layout.ops);
  });

  it('shrinks, then cuts, long and numerous details, keeping the fixed fields inside the frame', () => {
    // Prepare
    const long = '岳阳市南湖新区洞庭路综合楼建设项目（含地下车库、人防工程及室外配套），'.repeat(8);
    const details = Array.from({ length: 40 }, (_, i) => ({ label: { zh: `附注${i + 1}`, en: `Note ${i + 1}` }, value: long }));

    // Act
    const layout = layoutCertificate({ ...PERMIT, title: { zh: PERMIT.title.zh.repeat(6), en: PERMIT.title.en.repeat(6) }, details }, measure);

    // Assess
    expect(layout.truncated).toBe(true);
    expectTidy(layout.ops);
    const printed = texts(layout.ops).map((t) => t.text);
    for (const fixed of ['张三丰', '岳阳市住房和城乡建设局', '430600-20261127-000042', 'YY7K-3MPQ-8HRT']) expect(printed).toContain(fixed);
    expect(printed.some((t) => t.startsWith('另有') && t.endsWith('项从略'))).toBe(true);
  });

  it('never breaks the words of the verification caption across lines, whatever the address’s length', () => {
    for (let n = 0; n <= 90; n++) {
      // Act
      const verifyUrl = `https://zwfw.yueyang.gov.cn/${'x'.repeat(n)}verify.html?code=YY7K-3MPQ-8HRT`;
      const printed = texts(layoutCertificate({ ...PERMIT, verifyUrl }, measure).ops).map((t) => t.text);

      // Assess
      expect(printed.some((t) => t.includes('核验真伪')), `address of ${verifyUrl.length} characters: ${printed.join(' | ')}`).toBe(true);
    }
  });

  it('keeps a very long verification address inside the frame next to the QR code', () => {
    const verifyUrl = `https://onetrip.example.gov.cn/${'v1/certificates/verify/'.repeat(8)}YY7K-3MPQ-8HRT`;

    expectTidy(layoutCertificate({ ...PERMIT, verifyUrl }, measure).ops);
  });
});

describe('breakLines and fitText', () => {
  /** A stand-in measure: Chinese characters one em wide, everything else half an em. */
  const simple: Measure = (text, size) => [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size / 2), 0);

  it('breaks Chinese anywhere and Latin at spaces', () => {
    expect(breakLines('岳阳市住房和城乡建设局', 10, 40, simple)).toEqual(['岳阳市住', '房和城乡', '建设局']);
    expect(breakLines('Issuing authority of Yueyang', 10, 90, simple)).toEqual(['Issuing authority', 'of Yueyang']);
  });

  it('never starts a line with closing punctuation', () => {
    expect(breakLines('岳阳市住房。和城乡', 10, 50, simple)).toEqual(['岳阳市住', '房。和城乡']);
    expect(breakLines('综合楼（含车库），地下', 10, 70, simple)).toEqual(['综合楼（含车', '库），地下']);
  });

  it('breaks an address after a slash', () => {
    expect(breakLines('访问 https://gov.example/v1/verify/YY7K 核验', 10, 150, simple))
      .toEqual(['访问 https://gov.example/v1/', 'verify/YY7K 核验']);
  });

  it('cuts a word longer than the line between characters', () => {
    const lines = breakLines('see https://onetrip.example/v1/verify/YY7K', 10, 60, simple);
    expect(lines.join('').replace(/\s/g, '')).toBe('seehttps://onetrip.example/v1/verify/YY7K');
    for (const line of lines) expect(simple(line, 10)).toBeLessThanOrEqual(60);
  });

  it('shrinks to fit the lines allowed, then ends the last line with an ellipsis', () => {
    expect(fitText('岳阳市住房和城乡建设局', { size: 10, minSize: 5, maxWidth: 66, maxLines: 1 }, simple)).toEqual({
      lines: ['岳阳市住房和城乡建设局'], size: 6, truncated: false,
    });
    const cut = fitText('岳阳市住房和城乡建设局', { size: 10, minSize: 8, maxWidth: 40, maxLines: 1 }, simple);
    expect(cut).toEqual({ lines: ['岳阳市住…'], size: 8, truncated: true });
  });
});
