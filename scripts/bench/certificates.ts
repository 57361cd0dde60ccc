/**
 * Certificates: rendering one PDF (layout, font subsetting, the QR code, the seal), warm,
 * with the renderer as a Lambda ships it (bundled, the font's subset beside it: font-bundle.ts),
 * against a baseline of the same PDF library writing one empty A4 page, in this same
 * process and run; the same render from source, with the whole font, as it was before the
 * font had a subset; what signing it with the county's key adds, in time and bytes (signed
 * and unsigned renders interleaved, with a self-signed 2048-bit key as `npm start` makes);
 * the size of what is stored; and loading the font from the bundle in a fresh process (the
 * subset, and the whole font a rare character needs), against a fresh process importing an
 * empty bundle. The warm render carries its goal from issue 16 (≤ 50 ms).
 */
import { rmSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { renderCertificatePdf as renderFromSource } from '../../functions/results/certificate-pdf.js';
import { signingKeyFromP12 } from '../../functions/results/pdf-signing.js';
import { selfSignedSigningP12 } from '../../local/signing-certificate.js';
import { bundleCertificateFont, bundledRenderer, loadBundledFont } from './font-bundle.js';
import { median } from './stats.js';
import { atMost, metText, type Goal } from './goals.js';


export interface CertificateBench {
  rounds: number;
  firstRenderMs: number;
  renderMedianMs: number;
  /** The warm render against the goal (≤ 50 ms). */
  renderWarm: Goal;
  baselineMedianMs: number;
  ratio: number;
  /** The process's CPU time (user and system) of the same renders: what the machine's other load inflates least. */
  renderCpuMedianMs: number;
  /** The same render from source, with the whole font (no subset), interleaved: wall and CPU time. */
  wholeFontMedianMs: number;
  wholeFontCpuMedianMs: number;
  /** The same render signed (what is issued): median, and the signed PDF's size. */
  signedMedianMs: number;
  signedBytes: number;
  pdfBytes: number;
  /** In fresh processes: the renderer's import, then the font for a common text (the subset) and for a rare one (the whole font). */
  fontLoad: { runs: number; importMedianMs: number; medianMs: number; emptyMedianMs: number; bytes: number; wholeMedianMs: number; wholeBytes: number };
}

/** CPU milliseconds of this process since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

/** The goal for a warm render. */
const RENDER_GOAL_MS = 50;

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

/**
 * The font loaded from the bundle in fresh processes, interleaved with an empty bundle's, one
 * process at a time: the import of the renderer, then the font's subset (or the whole font
 * for a rare character) read and parsed.
 */
async function benchFontLoad(outdir: string, runs: number): Promise<CertificateBench['fontLoad']> {
  // A character of Extension A, which GB 2312 lacks: its certificate needs the whole font.
  const rare = '㐀';
  await loadBundledFont(outdir); // the first spawn pays for warming the OS file cache
  const [font, imports, whole, empty]: [number[], number[], number[], number[]] = [[], [], [], []];
  let [bytes, wholeBytes] = [0, 0];
  for (let i = 0; i < runs; i++) {
    const loaded = await loadBundledFont(outdir);
    bytes = loaded.length;
    font.push(loaded.fontMs);
    imports.push(loaded.importMs);
    const loadedWhole = await loadBundledFont(outdir, { text: rare });
    wholeBytes = loadedWhole.length;
    whole.push(loadedWhole.fontMs);
    empty.push((await loadBundledFont(outdir, { empty: true })).ms);
  }
  return { runs, medianMs: median(font), importMedianMs: median(imports), emptyMedianMs: median(empty), bytes, wholeMedianMs: median(whole), wholeBytes };
}

export async function benchCertificates(rounds = 25, fontRuns = 7): Promise<CertificateBench> {
  const outdir = await bundleCertificateFont();
  try {
    const renderCertificatePdf = await bundledRenderer(outdir);
    const first = performance.now();
    const pdf = await renderCertificatePdf(content);
    const firstRenderMs = performance.now() - first;
    await renderFromSource(content);
    const signing = { key: signingKeyFromP12(selfSignedSigningP12({ commonName: '岳阳市' })), signingTime: new Date('2026-11-28T02:00:00Z') };
    const signedBytes = (await renderCertificatePdf(content, signing)).length;
    const [render, renderCpu, whole, wholeCpu]: [number[], number[], number[], number[]] = [[], [], [], []];
    const signed: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Interleaved, so the machine's noise falls on all alike.
      const next = { ...content, verificationCode: `QF3D-9KZW-${String(1000 + i)}` };
      let [t, cpu] = [performance.now(), process.cpuUsage()];
      await renderCertificatePdf(next);
      render.push(performance.now() - t);
      renderCpu.push(cpuMs(cpu));
      [t, cpu] = [performance.now(), process.cpuUsage()];
      await renderFromSource(next);
      whole.push(performance.now() - t);
      wholeCpu.push(cpuMs(cpu));
      t = performance.now();
      await renderCertificatePdf(next, signing);
      signed.push(performance.now() - t);
      t = performance.now();
      await emptyPage();
      baseline.push(performance.now() - t);
    }
    const renderMedianMs = median(render);
    const baselineMedianMs = median(baseline);
    const fontLoad = await benchFontLoad(outdir, fontRuns);
    return {
      rounds, firstRenderMs, renderMedianMs, baselineMedianMs, ratio: renderMedianMs / baselineMedianMs,
      renderWarm: atMost(renderMedianMs, RENDER_GOAL_MS, `${RENDER_GOAL_MS} ms`),
      renderCpuMedianMs: median(renderCpu), wholeFontMedianMs: median(whole), wholeFontCpuMedianMs: median(wholeCpu), signedMedianMs: median(signed), signedBytes, pdfBytes: pdf.length, fontLoad,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function certificatesTable(b: CertificateBench): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return [
    `| what | median of ${b.rounds} | vs an empty A4 page | goal |`,
    '|---|---|---|---|',
    `| render one certificate (warm), as bundled with the font's subset | ${ms(b.renderMedianMs)} (CPU ${ms(b.renderCpuMedianMs)}) | ${b.ratio.toFixed(1)}× | ${b.renderWarm.goal}: ${metText(b.renderWarm)} |`,
    `| the same from source, with the whole font | ${ms(b.wholeFontMedianMs)} (CPU ${ms(b.wholeFontCpuMedianMs)}) | ${(b.wholeFontMedianMs / b.baselineMedianMs).toFixed(1)}× | |`,
    `| render and sign it (PAdES, RSA 2048), as issued | ${ms(b.signedMedianMs)} | ${(b.signedMedianMs / b.baselineMedianMs).toFixed(1)}× (signing adds ${ms(b.signedMedianMs - b.renderMedianMs)}) | |`,
    `| an empty A4 page, same library | ${ms(b.baselineMedianMs)} | 1× | |`,
    `| first render in the process (font read and parsed) | ${ms(b.firstRenderMs)} | | |`,
    `| PDF unsigned / signed (stored) | ${(b.pdfBytes / 1024).toFixed(1)} KB / ${(b.signedBytes / 1024).toFixed(1)} KB | the signature adds ${((b.signedBytes - b.pdfBytes) / 1024).toFixed(1)} KB | |`,
    `| import the renderer's bundle, fresh process, median of ${b.fontLoad.runs} | ${ms(b.fontLoad.importMedianMs)} | ${(b.fontLoad.importMedianMs / b.fontLoad.emptyMedianMs).toFixed(1)}× an empty bundle (${ms(b.fontLoad.emptyMedianMs)}) | |`,
    `| then read and parse the font's subset (${mb(b.fontLoad.bytes)}) beside it | ${ms(b.fontLoad.medianMs)} | | |`,
    `| or the whole font (${mb(b.fontLoad.wholeBytes)}), for a text the subset lacks | ${ms(b.fontLoad.wholeMedianMs)} | | |`,
  ].join('\n');
}
