/**
 * Certificates: rendering one PDF (layout, font subsetting, the QR code), warm, against a
 * baseline of the same PDF library writing one empty A4 page, in this same process and
 * run; and the size of what is stored.
 */
import { PDFDocument } from 'pdf-lib';
import { renderCertificatePdf } from '../../functions/results/certificate-pdf.js';
import { median } from './stats.js';

export interface CertificateBench {
  rounds: number;
  firstRenderMs: number;
  renderMedianMs: number;
  baselineMedianMs: number;
  ratio: number;
  pdfBytes: number;
}

const content = {
  verificationCode: 'QF3D-9KZW-2MTR',
  verifyUrl: 'https://onetrip.example.gov.cn/v1/certificates/verify/QF3D-9KZW-2MTR',
  title: { zh: '建设工程规划许可证核发', en: 'Construction project planning permit' },
  holder: { name: '岳阳市洞庭建设有限公司', idType: 'credit_code' as const, idNumber: '91430600MA4L2XYZ3K' },
  issuer: { zh: '岳阳市自然资源和规划局', en: 'Yueyang Natural Resources and Planning Bureau' },
  issuedOn: '2026-11-28',
  receiptNumber: '430600-20261128-000042',
  details: [{ label: { zh: '项目名称', en: 'Project' }, value: '洞庭湖畔安置房二期工程' }],
};

async function emptyPage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  return doc.save();
}

export async function benchCertificates(rounds = 15): Promise<CertificateBench> {
  const first = performance.now();
  const pdf = await renderCertificatePdf(content);
  const firstRenderMs = performance.now() - first;
  const render: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so the machine's noise falls on both alike.
    let t = performance.now();
    await renderCertificatePdf({ ...content, verificationCode: `QF3D-9KZW-${String(1000 + i)}` });
    render.push(performance.now() - t);
    t = performance.now();
    await emptyPage();
    baseline.push(performance.now() - t);
  }
  const renderMedianMs = median(render);
  const baselineMedianMs = median(baseline);
  return { rounds, firstRenderMs, renderMedianMs, baselineMedianMs, ratio: renderMedianMs / baselineMedianMs, pdfBytes: pdf.length };
}

export function certificatesTable(b: CertificateBench): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    `| what | median of ${b.rounds} | vs an empty A4 page |`,
    '|---|---|---|',
    `| render one certificate (warm) | ${ms(b.renderMedianMs)} | ${b.ratio.toFixed(1)}× |`,
    `| an empty A4 page, same library | ${ms(b.baselineMedianMs)} | 1× |`,
    `| first render in the process (font parsed) | ${ms(b.firstRenderMs)} | |`,
    `| stored PDF | ${(b.pdfBytes / 1024).toFixed(1)} KB | |`,
  ].join('\n');
}
