/**
 * A supervision report (docs/reports.md) as an A4 landscape PDF: the title, the period and
 * who it covers, then each section of the report's one table (functions/domain/reports.ts,
 * `reportTable`) as a table, the very rows its CSV has. Set in the certificates' embedded
 * fonts, each run of text in the font that has it (font-runs.ts). Unsigned: the archive
 * records its SHA-256 (functions/store/report-archive.ts).
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { SupervisionReport } from '../../contracts/supervision-reports.js';
import type { ReportSection } from '../domain/reports.js';
import { embedCertificateFonts } from './document-fonts.js';
import { drawRuns, measureWith } from './font-runs.js';
import { fitText, type Measure } from './text-fit.js';

const PAGE = { width: 841.89, height: 595.28 } as const;
const MARGIN = 36;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const ACCENT = rgb(0.6, 0.09, 0.09);
const ROW = 13;
const SIZE = 7;

const KIND_ZH = { day: '日报', week: '周报', dekad: '旬报（督办通报）', month: '月报' } as const;
const KIND_EN = { day: 'Daily report', week: 'Weekly report', dekad: 'Ten-day dispatch notice', month: 'Monthly report' } as const;

class Sheet {
  page!: PDFPage;
  y = 0;

  constructor(private readonly doc: PDFDocument, private readonly fonts: readonly PDFFont[], readonly measure: Measure) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  need(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  text(text: string, x: number, size: number, color: RGB = INK, maxWidth = PAGE.width - MARGIN - x): void {
    const fitted = fitText(text, { size, minSize: 4, maxWidth, maxLines: 1 }, this.measure);
    drawRuns(this.page, fitted.lines[0] ?? '', { x, y: this.y, size: fitted.size, fonts: this.fonts, color });
  }
}

/** Column widths: the name column (if any) takes what the others leave. */
function widths(section: ReportSection): number[] {
  const available = PAGE.width - 2 * MARGIN;
  const nameIndex = section.columns.indexOf('name');
  if (nameIndex < 0) return section.columns.map(() => available / section.columns.length);
  const other = Math.min(62, (available * 0.75) / (section.columns.length - 1));
  return section.columns.map((_, i) => (i === nameIndex ? available - other * (section.columns.length - 1) : other));
}

export async function renderReportPdf(report: SupervisionReport, sections: readonly ReportSection[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  // Chosen by everything the report prints: its sections, and the heading's county and department.
  const fonts = await embedCertificateFonts(doc, [report, sections]);
  const sheet = new Sheet(doc, fonts, measureWith(fonts));
  const { period } = report;

  sheet.y -= 10;
  sheet.text(`电子监察${KIND_ZH[period.kind]} ${KIND_EN[period.kind]} ${period.id}`, MARGIN, 16, INK);
  sheet.y -= 18;
  sheet.text(`${period.first} – ${period.last} · ${report.county} · ${report.department ?? '全部部门 All departments'} · ${report.generatedAt}`, MARGIN, 9, MUTED);
  sheet.y -= 8;
  sheet.page.drawLine({ start: { x: MARGIN, y: sheet.y }, end: { x: PAGE.width - MARGIN, y: sheet.y }, thickness: 1, color: ACCENT });

  for (const section of sections) {
    const columnWidths = widths(section);
    const drawRow = (cells: readonly string[], color: RGB) => {
      let x = MARGIN;
      cells.forEach((cell, i) => {
        sheet.text(cell, x, SIZE, color, columnWidths[i]! - 3);
        x += columnWidths[i]!;
      });
    };
    sheet.need(ROW * 4);
    sheet.y -= 22;
    sheet.text(`${section.title.zh} ${section.title.en}`, MARGIN, 11, INK);
    sheet.y -= ROW + 2;
    drawRow(section.columns, MUTED);
    for (const row of section.rows) {
      sheet.y -= ROW;
      if (sheet.y < MARGIN) {
        sheet.newPage();
        drawRow(section.columns, MUTED);
        sheet.y -= ROW;
      }
      drawRow(row, INK);
    }
    if (section.rows.length === 0) {
      sheet.y -= ROW;
      sheet.text('（无 none）', MARGIN, SIZE, MUTED);
    }
  }

  const at = new Date(report.generatedAt);
  doc.setTitle(`电子监察${KIND_ZH[period.kind]} ${period.id}`, { showInWindowTitleBar: true });
  doc.setSubject(`${KIND_EN[period.kind]} ${period.id}${report.department ? ` · ${report.department}` : ''}`);
  doc.setCreator('OneTrip');
  doc.setProducer('OneTrip report renderer (pdf-lib)');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc.save({ useObjectStreams: false });
}
