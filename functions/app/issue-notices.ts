/**
 * The official notices (docs/notices.md): on the event that decides one — an acceptance
 * (and its deferred materials' commitment), a deficiency, a refusal at pre-review, a
 * department's rejection — the notice is rendered from the event and the case, signed with
 * the county's key, stored in the results bucket under its case and notice id, and recorded
 * on the case. Idempotent: a redelivered event names the same notices, rewrites the same
 * objects with the same bytes and records nothing twice.
 */
import { createHash } from 'node:crypto';
import type { OutboxEvent } from '../../contracts/events.js';
import { maskedApplicant } from '../domain/masking.js';
import { deferredAt, noticesOn, withDocument, type NoticeToIssue } from '../domain/notices.js';
import type { CaseRecord } from '../domain/records.js';
import { shanghaiDate, type LocalDate } from '../../contracts/dates.js';
import { requireEnv } from '../lambda/env.js';
import { countySigningKey } from '../results/county-key.js';
import { renderNoticePdf, type NoticeContent } from '../results/notice-pdf.js';
import type { SigningKey } from '../results/pdf-signing.js';
import { getCase, updateCase } from '../store/data-table.js';
import { noticeKey, putResultPdf } from '../store/results.js';
import { caseWords } from './case-words.js';

/** The catalog's words for the case's materials, form fields and departments, in Chinese. */
function wordsOf(c: CaseRecord) {
  const words = caseWords(c);
  return {
    material: (code: string) => words.material(code).zh,
    field: (path: string) => words.field(path).zh,
    department: (code: string) => words.department(code).zh,
  };
}

function contentOf(notice: NoticeToIssue, c: CaseRecord, event: OutboxEvent): NoticeContent {
  const words = wordsOf(c);
  const hall = requireEnv('SERVICE_HALL_NAME');
  const base = {
    noticeId: notice.noticeId,
    county: requireEnv('COUNTY_NAME'),
    issuers: [hall],
    receiptNumber: c.receiptNumber,
    applicant: maskedApplicant(c.applicant),
    item: c.itemName.zh,
    submittedOn: c.submittedOn,
    issuedOn: shanghaiDate(new Date(event.occurredAt)),
  };
  switch (notice.kind) {
    case 'acceptance':
      return { ...base, kind: 'acceptance', promisedDate: (event.data.promisedDate as LocalDate | undefined) ?? c.promisedDate, promisedLimitDays: c.promisedLimitDays };
    case 'deficiency': {
      const deficiencies = c.notices.findLast((n) => n.kind === 'deficiency')?.deficiencies ?? [];
      return {
        ...base,
        kind: 'deficiency',
        deficiencies: deficiencies.map((d) => ({
          ...(d.materialCode ? { material: words.material(d.materialCode) } : d.path ? { field: words.field(d.path) } : {}),
          message: d.message,
        })),
      };
    }
    case 'commitment':
      return {
        ...base,
        kind: 'commitment',
        deferred: deferredAt(c, event.occurredAt).map((d) => ({
          material: words.material(d.materialCode), dueDate: d.dueDate, committedOn: shanghaiDate(new Date(d.commitmentAcceptedAt)),
        })),
      };
    case 'refusal':
      return { ...base, kind: 'refusal', reason: c.rejection?.reason ?? '' };
    case 'rejection': {
      const departments = c.rejection?.departments ?? [];
      return {
        ...base,
        kind: 'rejection',
        issuers: departments.length ? [...new Set(departments.map((d) => words.department(d.department)))] : [hall],
        reasons: departments.length
          ? departments.map((d) => ({ department: words.department(d.department), opinion: d.opinion }))
          : [{ department: hall, opinion: c.rejection?.reason ?? '' }],
      };
    }
  }
}

async function issue(notice: NoticeToIssue, c: CaseRecord, event: OutboxEvent, key: SigningKey): Promise<void> {
  // Signed at the event's time: a redelivery renders the very same bytes.
  const pdf = await renderNoticePdf(contentOf(notice, c, event), { key, signingTime: new Date(event.occurredAt) });
  await putResultPdf(noticeKey(c.caseId, notice.noticeId), pdf);
  const document = {
    noticeId: notice.noticeId, kind: notice.kind, issuedAt: event.occurredAt,
    sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.byteLength,
  };
  await updateCase(c.caseId, c.county, (fresh) => withDocument(fresh, document));
}

/** On `case.accepted`, `case.deficient` and `case.rejected`: the notices the event issues, each once. */
export async function issueNotices(event: OutboxEvent): Promise<void> {
  const c = await getCase(event.caseId);
  if (!c) return;
  const recorded = new Set((c.documents ?? []).map((d) => d.noticeId));
  const due = noticesOn(event, c).filter((n) => !recorded.has(n.noticeId));
  if (due.length === 0) return;
  const key = await countySigningKey();
  for (const notice of due) await issue(notice, c, event, key);
}
