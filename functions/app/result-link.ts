/** Electronic delivery (docs/results.md): the applicant's short-lived link to one result PDF. */
import type { ResultLink } from '../../contracts/certificates.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { CaseRecord } from '../domain/records.js';
import { resultsIssued } from '../domain/results.js';
import { resultPdfUrl } from '../store/results.js';

/** How long a download link works. */
const LINK_SECONDS = 300;

/** Electronic delivery: a short-lived link to one of the case's result PDFs, once they are issued. */
export async function resultLink(c: CaseRecord, code: string): Promise<ResultLink> {
  const result = (c.results ?? []).find((r) => r.verificationCode === code);
  if (!result) throw new NotFoundError(`Application ${c.receiptNumber} has no result ${code}`, 'RESULT_NOT_FOUND', { params: { receiptNumber: c.receiptNumber, code } });
  if (!resultsIssued(c)) {
    throw new ConflictError('RESULT_NOT_ISSUED', `The results of application ${c.receiptNumber} are issued together once the case is complete (every department approved, the fees paid, deferred materials supplied)`, { params: { receiptNumber: c.receiptNumber } });
  }
  const url = await resultPdfUrl(result.pdfKey, code, LINK_SECONDS);
  return { url, expiresAt: new Date(Date.now() + LINK_SECONDS * 1000).toISOString(), sha256: result.sha256 };
}
