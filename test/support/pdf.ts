/** Reading PDFs in tests, as a person's viewer would: the text pdf.js extracts. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page, as pdf.js extracts it (items joined, whitespace dropped). */
export async function extractText(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
    }
    return text.replace(/\s+/g, '');
  } finally {
    await doc.destroy();
  }
}
