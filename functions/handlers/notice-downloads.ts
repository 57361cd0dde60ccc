/** The official notices' PDFs (docs/notices.md): staff under need to know, the applicant with the query code. */
import { applicantNotice, staffNotice, type NoticeFile } from '../app/notice-downloads.js';
import { requireQueryCode } from '../lambda/applicant-auth.js';
import { download, httpHandler, pathParameter } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';

const pdf = ({ bytes, fileName }: NoticeFile) => download(bytes, 'application/pdf', fileName);

export const handler = httpHandler({
  'GET /v1/staff/cases/{caseId}/notices/{noticeId}': async (event) =>
    pdf(await staffNotice(staffOf(event), pathParameter(event, 'caseId'), pathParameter(event, 'noticeId'))),
  'GET /v1/applications/{receiptNumber}/notices/{noticeId}': async (event) =>
    pdf(await applicantNotice(pathParameter(event, 'receiptNumber'), requireQueryCode(event), pathParameter(event, 'noticeId'))),
});
