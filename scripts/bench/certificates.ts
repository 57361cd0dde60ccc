/**
 * Certificates: rendering one PDF (layout, font subsetting, the QR code, the seal), warm,
 * against a baseline of the same PDF library writing one empty A4 page, in this same
 * process and run; what signing it with the county's key adds, in time and bytes (signed
 * and unsigned renders interleaved, with a self-signed 2048-bit key as `npm start` makes);
 * the size of what is stored; and loading the font from a Lambda bundle in a fresh
 * process (the part of a cold start the embedded font costs), against a fresh process
 * importing an empty bundle.
 */
import { rmSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { renderCertificatePdf } from '../../functions/results/certificate-pdf.js';
import { signingKeyFromP12 } from '../../functions/results/pdf-signing.js';
import { selfSignedSigningP12 } from '../../local/signing-certificate.js';
import { bundleCertificateFont, loadBundledFont } from './font-bundle.js';
import { median } from './stats.js';

export interface CertificateBench {
  rounds: number;
  firstRenderMs: number;
  renderMedianMs: number;
  baselineMedianMs: number;
  ratio: number;
  /** The same render signed (what is issued): median, and the signed PDF's size. */
  signedMedianMs: number;
  signedBytes: number;
  pdfBytes: number;
  fontLoad: { runs: number; medianMs: number; emptyMedianMs: number; ratio: number; bytes: number };
}

const content = {
  verificationCode: 'QF3D-9KZW-2MTR',
  verifyUrl: 'https://onetrip.example.gov.cn/v1/certificates/verify/QF3D-9KZW-2MTR',
  title: { zh: '建设工程规划许可证核发', en: 'Construction project planning permit' },
  holder: { name: '岳阳市洞庭建设有限公司', idType: 'credit_code' as const, idNumber: '91430600MA4L2XYZ3K' },
  issuer: { zh: '岳阳市自然资源和规划局', en: 'Yueyang Natural Resources and Planning Bureau' },
  issuedOn: '2026-11-28',
  validTo: '2027-11-27',
  receiptNumber: '430600-20261128-000042',
  licenceNumber: '430600-108003-20261128000042-01',
  details: [{ label: { zh: '项目名称', en: 'Project' }, value: '洞庭湖畔安置房二期工程' }],
};

async function emptyPage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  return doc.save();
}

/** The font loaded from its bundle in fresh processes, interleaved with an empty bundle's, one process at a time. */
async function benchFontLoad(runs: number): Promise<CertificateBench['fontLoad']> {
  const outdir = await bundleCertificateFont();
  try {
    await loadBundledFont(outdir); // the first spawn pays for warming the OS file cache
    const font: number[] = [];
    const empty: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const loaded = await loadBundledFont(outdir);
      bytes = loaded.length;
      font.push(loaded.ms);
      empty.push((await loadBundledFont(outdir, { empty: true })).ms);
    }
    return { runs, medianMs: median(font), emptyMedianMs: median(empty), ratio: median(font) / median(empty), bytes };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function benchCertificates(rounds = 15, fontRuns = 7): Promise<CertificateBench> {
  const first = performance.now();
  const pdf = await renderCertificatePdf(content);
  const firstRenderMs = performance.now() - first;
  const signing = { key: signingKeyFromP12(selfSignedSigningP12({ commonName: '岳阳市' })), signingTime: new Date('2026-11-28T02:00:00Z') };
  const signedBytes = (await renderCertificatePdf(content, signing)).length;
  const render: number[] = [];
  const signed: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so the machine's noise falls on all alike.
    const next = { ...content, verificationCode: `QF3D-9KZW-${String(1000 + i)}` };
    let t = performance.now();
    await renderCertificatePdf(next);
    render.push(performance.now() - t);
    t = performance.now();
    await renderCertificatePdf(next, signing);
    signed.push(performance.now() - t);
    t = performance.now();
    await emptyPage();
    baseline.push(performance.now() - t);
  }
  const renderMedianMs = median(render);
  const baselineMedianMs = median(baseline);
  const fontLoad = await benchFontLoad(fontRuns);
  return {
    rounds, firstRenderMs, renderMedianMs, baselineMedianMs, ratio: renderMedianMs / baselineMedianMs,
    signedMedianMs: median(signed), signedBytes, pdfBytes: pdf.length, fontLoad,
  };
}

export function certificatesTable(b: CertificateBench): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    `| what | median of ${b.rounds} | vs an empty A4 page |`,
    '|---|---|---|',
    `| render one certificate (warm) | ${ms(b.renderMedianMs)} | ${b.ratio.toFixed(1)}× |`,
    `| render and sign it (PAdES, RSA 2048), as issued | ${ms(b.signedMedianMs)} | ${(b.signedMedianMs / b.baselineMedianMs).toFixed(1)}× (signing adds ${ms(b.signedMedianMs - b.renderMedianMs)}) |`,
    `| an empty A4 page, same library | ${ms(b.baselineMedianMs)} | 1× |`,
    `| first render in the process (font parsed) | ${ms(b.firstRenderMs)} | |`,
    `| PDF unsigned / signed (stored) | ${(b.pdfBytes / 1024).toFixed(1)} KB / ${(b.signedBytes / 1024).toFixed(1)} KB | the signature adds ${((b.signedBytes - b.pdfBytes) / 1024).toFixed(1)} KB |`,
    `| the font (${(b.fontLoad.bytes / 1024 / 1024).toFixed(1)} MB) loaded from its Lambda bundle, fresh process, median of ${b.fontLoad.runs} | ${ms(b.fontLoad.medianMs)} | ${b.fontLoad.ratio.toFixed(1)}× an empty bundle (${ms(b.fontLoad.emptyMedianMs)}) |`,
  ].join('\n');
}
