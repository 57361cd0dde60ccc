/**
 * Citizens' applications: submit (idempotent), look up with the query code, and the
 * one-time correction after a deficiency notice.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import applicantSchema from '../../contracts/schemas/applicant.schema.json' with { type: 'json' };
import addressSchema from '../../contracts/schemas/address.schema.json' with { type: 'json' };
import applicationSchema from '../../contracts/schemas/application.schema.json' with { type: 'json' };
import correctionSchema from '../../contracts/schemas/correction.schema.json' with { type: 'json' };
import { checkDeliveryMode, checkMaterials, openCase, tripsFor, type DeferredInput, type LibraryCertificate, type MaterialInput } from '../domain/application.js';
import { holderKey } from '../domain/results.js';
import { promisedDateOf } from '../domain/stages.js';
import { defaultCalendar } from '../domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import type { CaseRecord } from '../domain/case.js';
import type { Applicant } from '../../contracts/cases.js';
import type { Delivery } from '../../contracts/delivery.js';
import { hashQueryCode, queryCode, receiptNumber } from '../domain/codes.js';
import { canonical } from '../domain/canonical.js';
import { caseView } from '../domain/views.js';
import { caseWithQueryCode, requireQueryCode } from '../app/applicant-access.js';
import { s3Client } from '../lambda/aws.js';
import { servedCatalog } from '../app/served-catalog.js';
import { requireEnv } from '../lambda/env.js';
import { departmentsOf, feeFieldErrors } from '../app/fee-plans.js';
import { NotFoundError, UnprocessableError, ValidationError } from '../domain/errors.js';
import { header, httpHandler, json, jsonBody, pathParameter, type HttpEvent } from '../lambda/http.js';
import { ajv, validator } from '../lambda/validate.js';
import { formErrors, subjectOf, updateForApplicant, type CorrectionBody } from '../app/subjects.js';
import { getCase, getTasks, getTimeline } from '../store/data-table.js';
import { caseIdByReceipt, createCase, DuplicateSubmissionError, findIdempotencyRecord, nextReceiptSequence, type SubmissionResponse } from '../store/submissions.js';
import { getUploads, missingObjects } from '../store/uploads.js';
import { getCertificate } from '../store/certificates.js';

interface ApplicationInput {
  catalogVersion: string;
  itemCode?: string;
  bundleCode?: string;
  applicant: Applicant;
  form: Record<string, unknown>;
  materials: MaterialInput[];
  deferred?: DeferredInput[];
  delivery: Delivery;
}


ajv().addSchema(applicantSchema).addSchema(addressSchema);
const validateApplication = validator<ApplicationInput>(applicationSchema, 'application');
const validateCorrection = validator<CorrectionBody>(correctionSchema, 'correction');

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const SUBMIT_ATTEMPTS = 5;

/** The same application retried (in any member order) hashes the same. */
function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

async function submit(event: HttpEvent) {
  const key = header(event, 'idempotency-key');
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError('Send an Idempotency-Key header (8–128 letters, digits, _ . : -) with every submit', [
      { path: 'header:Idempotency-Key', message: key ? 'has an invalid form' : 'is required' },
    ], 'IDEMPOTENCY_KEY_REQUIRED');
  }
  const body = jsonBody(event);
  const hash = requestHash(body);
  const replay = async () => {
    const found = await findIdempotencyRecord(key);
    if (!found) return undefined;
    if (found.requestHash !== hash) {
      throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different application');
    }
    return json(200, found.response);
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const input = validateApplication(body);
  if (Boolean(input.itemCode) === Boolean(input.bundleCode)) {
    throw new ValidationError('Name exactly one of itemCode and bundleCode', [
      { path: input.itemCode ? '/bundleCode' : '/itemCode', message: input.itemCode ? 'cannot be given with itemCode' : 'is required (or bundleCode)' },
    ]);
  }
  const { source, county } = servedCatalog();
  if (input.catalogVersion !== source.manifest.version) {
    throw new UnprocessableError('CATALOG_VERSION_NOT_SERVED', `Catalog ${input.catalogVersion} is not the published version here (${source.manifest.version})`, [
      { path: '/catalogVersion', message: `must be ${source.manifest.version}` },
    ]);
  }
  const subject = subjectOf(input);
  const now = new Date();
  const nowIso = now.toISOString();
  const today = shanghaiDate(now);
  const promisedDate = promisedDateOf(subject.stages, today, defaultCalendar);
  const caseId = randomUUID();

  const uploads = await getUploads(input.materials.flatMap((m) => (m.uploadId ? [m.uploadId] : [])));
  const check = checkMaterials({
    subject, provided: input.materials, deferred: input.deferred ?? [], uploads, caseId, today, now: nowIso,
    latestDueDate: (material) => subject.latestDueDate(material, today, defaultCalendar),
    certificates: await libraryCertificates(input.materials.flatMap((m) => (m.certificateCode ? [m.certificateCode] : []))),
    holder: { key: holderKey(input.applicant.idType, input.applicant.idNumber), name: input.applicant.name },
  });
  const missing = await missingObjects(check.materials.map((m) => uploads.get(m.uploadId)!));
  const shapeErrors = formErrors(subject, input.form);
  const errors = [
    ...shapeErrors,
    // A form the schema accepts must also price: every fee's fields usable.
    ...(shapeErrors.length ? [] : feeFieldErrors(source, { itemCode: input.itemCode, bundleCode: input.bundleCode }, input.form)),
    ...check.errors,
    ...checkDeliveryMode(subject, input.delivery.mode),
    ...input.materials.flatMap((m, i) =>
      m.uploadId && missing.has(m.uploadId) ? [{ path: `/materials/${i}/uploadId`, message: 'the file was not uploaded (or differs from what was announced)' }] : []),
  ];
  if (errors.length) throw new ValidationError('The application is invalid', errors);

  for (let attempt = 1; ; attempt++) {
    const code = queryCode(randomBytes(8));
    const receipt = receiptNumber(county, today, await nextReceiptSequence(county, today));
    const { record, change } = openCase({
      caseId, receiptNumber: receipt, queryCodeHash: hashQueryCode(caseId, code), county,
      catalogVersion: source.manifest.version,
      subject: { ...subject, trips: tripsFor(subject, check.materials, input.delivery.mode) },
      applicant: input.applicant, form: input.form, materials: check.materials, reused: check.reused, deferred: check.deferred,
      delivery: input.delivery, now: nowIso, today, promisedDate, calendar: defaultCalendar,
    });
    const response: SubmissionResponse = { caseId, receiptNumber: receipt, queryCode: code, status: record.status, promisedDate };
    try {
      await createCase(record, change, key, { requestHash: hash, response });
      return json(201, response, { location: `/v1/applications/${receipt}` });
    } catch (error) {
      if (!(error instanceof DuplicateSubmissionError)) throw error;
      const winner = await replay();
      if (winner) return winner;
      if (attempt >= SUBMIT_ATTEMPTS) throw error;
    }
  }
}

/** The certificates an application names instead of uploads, as the material check needs them. */
async function libraryCertificates(codes: string[]): Promise<Map<string, LibraryCertificate>> {
  const found = new Map<string, LibraryCertificate>();
  for (const code of new Set(codes)) {
    const c = await getCertificate(code);
    if (c) found.set(code, { verificationCode: c.verificationCode, proof: c.proof, status: c.status, holderKey: c.holderKey, holderName: c.holder.name, itemName: c.itemName, issuedOn: c.issuedOn });
  }
  return found;
}

/** The case behind a receipt number, only for the holder of its query code. */
async function caseForApplicant(event: HttpEvent): Promise<CaseRecord> {
  const code = requireQueryCode(event);
  const caseId = await caseIdByReceipt(pathParameter(event, 'receiptNumber'));
  return caseWithQueryCode(caseId, code, () => new NotFoundError('No application matches this receipt number and query code', 'APPLICATION_NOT_FOUND'));
}

async function status(event: HttpEvent) {
  const found = await caseForApplicant(event);
  return json(200, caseView(found, await getTasks(found.caseId), await getTimeline(found.caseId), departmentsOf(found)));
}

async function corrections(event: HttpEvent) {
  const found = await caseForApplicant(event);
  const body = validateCorrection(jsonBody(event));
  await updateForApplicant(found, body, { type: 'applicant', id: found.receiptNumber });
  const after = (await getCase(found.caseId))!;
  return json(200, caseView(after, await getTasks(found.caseId), await getTimeline(found.caseId), departmentsOf(after)));
}

/** Electronic delivery: a short-lived link to one of the case's result PDFs, for the holder of the query code. */
async function download(event: HttpEvent) {
  const found = await caseForApplicant(event);
  const code = pathParameter(event, 'verificationCode').toUpperCase();
  const result = (found.results ?? []).find((r) => r.verificationCode === code);
  if (!result) throw new NotFoundError(`Application ${found.receiptNumber} has no result ${code}`, 'RESULT_NOT_FOUND');
  const expiresIn = 300;
  const url = await getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: requireEnv('RESULTS_BUCKET'),
      Key: result.pdfKey,
      ResponseContentType: 'application/pdf',
      ResponseContentDisposition: `attachment; filename="${code}.pdf"`,
    }),
    { expiresIn },
  );
  return json(200, { url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(), sha256: result.sha256 });
}

export const handler = httpHandler({
  'POST /v1/applications': submit,
  'GET /v1/applications/{receiptNumber}': status,
  'POST /v1/applications/{receiptNumber}/corrections': corrections,
  'GET /v1/applications/{receiptNumber}/results/{verificationCode}': download,
});
