/**
 * A notice's PDF (docs/notices.md), for staff who may know of the case (need to know; the
 * read is logged when it shows personal data unmasked) and for the applicant with the query
 * code. A notice the case does not list is 404 `NOTICE_NOT_FOUND`, like a case one may not know of.
 */
import type { CaseDocument } from '../../contracts/cases.js';
import { NotFoundError } from '../domain/errors.js';
import type { CaseRecord } from '../domain/records.js';
import type { Staff } from '../domain/staff.js';
import { getResultPdf, noticeKey } from '../store/results.js';
import { applicantCase } from './access.js';
import { readCaseAsStaff } from './staff-access.js';

export interface NoticeFile {
  bytes: Uint8Array;
  /** `<kind>-<receipt number>.pdf`. */
  fileName: string;
}

async function noticeFile(c: CaseRecord, noticeId: string): Promise<NoticeFile> {
  const document: CaseDocument | undefined = (c.documents ?? []).find((d) => d.noticeId === noticeId);
  if (!document) throw new NotFoundError(`Case ${c.receiptNumber} has no notice ${noticeId}`, 'NOTICE_NOT_FOUND', { params: { noticeId } });
  return { bytes: await getResultPdf(noticeKey(c.caseId, noticeId)), fileName: `${document.kind}-${c.receiptNumber}.pdf` };
}

export async function staffNotice(staff: Staff, caseId: string, noticeId: string): Promise<NoticeFile> {
  return noticeFile((await readCaseAsStaff(staff, caseId, 'notice', noticeId)).case, noticeId);
}

export async function applicantNotice(receiptNumber: string, queryCode: string, noticeId: string): Promise<NoticeFile> {
  return noticeFile(await applicantCase(receiptNumber, queryCode), noticeId);
}
