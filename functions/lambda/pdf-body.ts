/**
 * A PDF sent as the request body (`Content-Type: application/pdf`): API Gateway hands it
 * base64-encoded. Refused before anything reads it when it is empty, too large, of another
 * media type or not a PDF, each with its own code.
 */
import { OneTripError, ValidationError } from '../domain/errors.js';
import { header, type HttpEvent } from './http.js';

export function pdfBody(event: HttpEvent, maxBytes: number): Buffer {
  const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/pdf') {
    throw new OneTripError('UNSUPPORTED_MEDIA_TYPE', 'Send the PDF itself as the body, with Content-Type: application/pdf', 'unsupported_media_type');
  }
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'latin1') : Buffer.alloc(0);
  if (body.length === 0) throw new ValidationError('The request needs the PDF as its body', undefined, 'PDF_REQUIRED');
  if (body.length > maxBytes) {
    throw new OneTripError('PDF_TOO_LARGE', `The PDF is ${body.length} bytes; at most ${maxBytes} bytes are read`, 'too_large', undefined, { params: { size: body.length, limit: maxBytes } });
  }
  if (!body.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    throw new ValidationError('The body is not a PDF (it does not start with %PDF-)', undefined, 'NOT_A_PDF');
  }
  return body;
}
