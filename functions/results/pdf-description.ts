/** The metadata of a PDF of OneTrip (certificates, receipts, notices). */
import type { PDFDocument } from 'pdf-lib';

/** What a PDF of OneTrip says of itself in its metadata; it is Chinese, made by OneTrip with pdf-lib. */
export interface PdfDescription {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Which renderer made it, e.g. `certificate`. */
  renderer: string;
  /** Its creation and modification date. */
  at: Date;
}

/** Sets a document's metadata, the same way for every PDF OneTrip issues. */
export function describePdf(doc: PDFDocument, d: PdfDescription): void {
  doc.setTitle(d.title, { showInWindowTitleBar: true });
  doc.setAuthor(d.author);
  doc.setSubject(d.subject);
  doc.setKeywords(d.keywords);
  doc.setCreator('OneTrip');
  doc.setProducer(`OneTrip ${d.renderer} renderer (pdf-lib)`);
  doc.setLanguage('zh-CN');
  doc.setCreationDate(d.at);
  doc.setModificationDate(d.at);
}
