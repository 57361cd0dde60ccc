/**
 * Results (docs/results.md): one certificate per approved task — with its licence number,
 * its validity from the catalog and the issuer's seal, signed with the county's key —
 * rendered, stored and recorded with the holder's library entry in the case's transaction,
 * pending until the case is complete and its results are issued together. Idempotent: a
 * redelivered message finds the result on the case.
 */
import { createHash, randomBytes } from 'node:crypto';
import { publishedCatalogs } from '../../catalog/index.js';
import type { OutboxEvent } from '../../contracts/events.js';
import { OneTripError } from '../domain/errors.js';
import type { CaseRecord, Certificate, ResultRecord, TaskRecord } from '../domain/records.js';
import { addResult, holderKey, resultDelayed, licenceNumber, resultHolder, validToOf, verificationCode } from '../domain/results.js';
import { clock } from '../lambda/clock.js';
import { verifyPageUrl } from './verify-page.js';
import { renderCertificatePdf } from '../results/certificate-pdf.js';
import { countySigningKey } from '../results/county-key.js';
import { certificateItems } from '../store/certificates.js';
import { getCase, getTasks, updateCase } from '../store/data-table.js';
import { putResultPdf } from '../store/results.js';

/**
 * A few answers of the form that say what the certificate is for (project, premises…), with
 * their titles. Not the holder's identity, which the certificate prints as its holder (the
 * fields the applicant's step fills, the credit code), nor anyone's ID number or phone.
 */
function details(c: CaseRecord, task: TaskRecord) {
  const item = publishedCatalogs[c.catalogVersion]?.items.find((i) => i.baseCode === task.itemCode);
  const properties = (item?.formSchema.properties ?? {}) as Record<string, { title?: string; 'x-title-en'?: string; type?: string; 'x-applicant'?: string }>;
  return Object.entries(properties)
    .filter(([name, p]) => (p.type === 'string' || p.type === 'number' || p.type === 'integer') && ['string', 'number'].includes(typeof c.form[name]))
    .filter(([name, p]) => !['name', 'idNumber', 'phone', 'email'].includes(p['x-applicant'] ?? '') && !/creditCode|idNumber|Id$|mobile|phone/i.test(name))
    .slice(0, 4)
    .map(([name, p]) => ({ label: { zh: p.title ?? name, en: p['x-title-en'] ?? name }, value: String(c.form[name]) }));
}

/** On `task.approved`: the task's certificate, once. */
export async function issueCertificate(event: OutboxEvent): Promise<void> {
  if (event.type !== 'task.approved') return;
  const taskId = String(event.data.taskId);
  const c = await getCase(event.caseId);
  if (!c || (c.results ?? []).some((r) => r.taskId === taskId)) return;
  const tasks = await getTasks(c.caseId);
  const task = tasks.find((t) => t.taskId === taskId);
  if (!task || task.status !== 'approved') return;

  const source = publishedCatalogs[c.catalogVersion];
  const issuer = source?.departments.find((d) => d.code === task.department)?.name ?? { zh: task.department, en: task.department };
  const item = source?.items.find((i) => i.baseCode === task.itemCode);
  const proof = item?.produces;
  const now = clock();
  const code = verificationCode(randomBytes(12));
  const licence = licenceNumber(c.county, task.itemCode, c.receiptNumber, task.index);
  const validTo = validToOf(now.today, item?.result?.validity);
  const holder = resultHolder(c, tasks);
  const pdf = await renderCertificatePdf({
    verificationCode: code,
    verifyUrl: verifyPageUrl(code),
    title: task.itemName,
    holder: { name: holder.name, idType: holder.idType, idNumber: holder.idNumber },
    issuer,
    issuedOn: now.today,
    ...(validTo ? { validTo } : {}),
    receiptNumber: c.receiptNumber,
    licenceNumber: licence,
    details: details(c, task),
  }, { key: await countySigningKey(), signingTime: new Date(now.now) });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  // Keyed by the code: a racing duplicate's PDF lands beside it and is never referenced.
  const pdfKey = `results/${c.caseId}/${code}.pdf`;
  await putResultPdf(pdfKey, pdf);

  const result: ResultRecord = {
    taskId, department: task.department, itemCode: task.itemCode, itemName: task.itemName,
    verificationCode: code, issuedAt: now.now, issuedOn: now.today, licenceNumber: licence, ...(validTo ? { validTo } : {}), pdfKey, sha256,
  };
  const certificate: Certificate = {
    verificationCode: code, county: c.county, caseId: c.caseId, receiptNumber: c.receiptNumber, taskId,
    itemCode: task.itemCode, itemName: task.itemName, ...(proof ? { proof } : {}), issuer: task.department,
    holder,
    holderKey: holderKey(holder.idType, holder.idNumber),
    phone: c.applicant.phone,
    issuedAt: now.now, issuedOn: now.today, licenceNumber: licence, ...(validTo ? { validTo } : {}), status: 'pending', pdfKey, sha256,
  };
  // Rendered now so the handover is quick, but issued (valid) only with the handover: by this
  // change when its result is the last thing the complete case waited for, else by a later one.
  await updateCase(c.caseId, c.county, (fresh, tasks) => addResult(fresh, tasks, result, now), {
    extra: (change) => certificateItems(change.issued?.includes(code) ? { ...certificate, status: 'valid' } : certificate),
  });
}



/**
 * When `task.approved` fails for the last time (functions/lambda/retries.ts): the case
 * records, once, that the task's result is delayed, so the tracker says so while the message
 * waits in the DLQ for staff to fix the cause and redrive it.
 */
export async function delayCertificate(event: OutboxEvent, error: unknown): Promise<void> {
  if (event.type !== 'task.approved') return;
  const c = await getCase(event.caseId);
  if (!c) return;
  const reason = error instanceof OneTripError ? error.code : 'FAILED';
  await updateCase(c.caseId, c.county, (fresh) => resultDelayed(fresh, String(event.data.taskId), reason, clock()));
}
