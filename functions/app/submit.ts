/**
 * Submitting an application (API.md `POST /v1/applications`): idempotent on the caller's
 * key, checked whole (form, fees, materials, uploads actually sent, delivery) so every
 * problem is told at once, and created with its receipt number, query code, promised date
 * and first events in one transaction.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import applicationSchema from '../../contracts/schemas/application.schema.json' with { type: 'json' };
import type { ApplicationRequest } from '../../contracts/cases.js';
import type { NotificationLanguage } from '../../contracts/notifications.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { checkDeliveryMode, checkMaterials, openCase, tripsFor, type LibraryCertificate } from '../domain/application.js';
import { defaultCalendar } from '../domain/calendar.js';
import { canonical } from '../domain/canonical.js';
import { hashQueryCode, queryCode, receiptNumber } from '../domain/codes.js';
import { UnprocessableError, ValidationError } from '../domain/errors.js';
import { holderKey } from '../domain/results.js';
import { promisedDateOf } from '../domain/stages.js';
import { validator } from '../lambda/validate.js';
import { getCertificate } from '../store/certificates.js';
import type { SubmissionResponse } from '../../contracts/cases.js';
import { createCase, DuplicateSubmissionError, findIdempotencyRecord, nextReceiptSequence } from '../store/submissions.js';
import { getUploads, missingObjects } from '../store/uploads.js';
import { feeFieldErrors } from './fee-plans.js';
import { servedCatalog } from './served-catalog.js';
import { formErrors, requestedSubject } from './subjects.js';
import { currentTime } from '../lambda/clock.js';

const validateApplication = validator<ApplicationRequest>(applicationSchema, 'application');

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const SUBMIT_ATTEMPTS = 5;

/** What a submit answers: the case, and whether this request created it (or replays an earlier one). */
export interface Submission {
  created: boolean;
  response: SubmissionResponse;
}

/** The same application retried (in any member order) hashes the same. */
function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

function checkIdempotencyKey(key: string | undefined): asserts key is string {
  if (key && IDEMPOTENCY_KEY.test(key)) return;
  throw new ValidationError('Send an Idempotency-Key header (8–128 letters, digits, _ . : -) with every submit', [
    { path: 'header:Idempotency-Key', message: key ? 'has an invalid form' : 'is required', rule: key ? 'invalid_form' : 'required' },
  ], 'IDEMPOTENCY_KEY_REQUIRED');
}

/** The answer given earlier to this key, if any; a key reused for another application is refused. */
async function earlierSubmission(key: string, hash: string): Promise<Submission | undefined> {
  const found = await findIdempotencyRecord(key);
  if (!found) return undefined;
  if (found.requestHash !== hash) {
    throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different application');
  }
  return { created: false, response: found.response };
}

/** The certificates an application names instead of uploads, as the material check needs them. */
async function libraryCertificates(codes: string[]): Promise<Map<string, LibraryCertificate>> {
  const found = new Map<string, LibraryCertificate>();
  await Promise.all([...new Set(codes)].map(async (code) => {
    const c = await getCertificate(code);
    if (c) found.set(code, { verificationCode: c.verificationCode, proof: c.proof, status: c.status, holderKey: c.holderKey, holderName: c.holder.name, itemName: c.itemName, issuedOn: c.issuedOn });
  }));
  return found;
}

/**
 * What the application's checks read from the stores, all at once: its uploads with whether
 * their objects arrived, and the library certificates it names.
 */
async function readReferences(input: ApplicationRequest) {
  const [uploads, certificates] = await Promise.all([
    (async () => {
      const records = await getUploads(input.materials.flatMap((m) => (m.uploadId ? [m.uploadId] : [])));
      return { records, missing: await missingObjects([...records.values()]) };
    })(),
    libraryCertificates(input.materials.flatMap((m) => (m.certificateCode ? [m.certificateCode] : []))),
  ]);
  return { ...uploads, certificates };
}

/** `language`: the request's (the one its errors would be worded in), kept on the case to notify the applicant in. */
export async function submitApplication(key: string | undefined, body: unknown, language: NotificationLanguage = 'zh-CN'): Promise<Submission> {
  checkIdempotencyKey(key);
  const hash = requestHash(body);
  // The earlier answer, if any, wins over everything else; the reads the checks need run beside it.
  const earlier = earlierSubmission(key, hash);
  let input: ApplicationRequest;
  try {
    input = validateApplication(body);
  } catch (error) {
    const found = await earlier;
    if (found) return found;
    throw error;
  }
  const references = readReferences(input);
  const found = await Promise.all([earlier, references.catch(() => undefined)]).then(([e]) => e);
  if (found) return found;
  const { records: uploads, missing, certificates } = await references;

  const subject = requestedSubject(input);
  const { source, county } = servedCatalog();
  const now = currentTime();
  const nowIso = now.toISOString();
  const today = shanghaiDate(now);
  const promisedDate = promisedDateOf(subject.stages, today, defaultCalendar);
  const caseId = randomUUID();

  const check = checkMaterials({
    subject, provided: input.materials, deferred: input.deferred ?? [], uploads, caseId, today, now: nowIso,
    latestDueDate: (material) => subject.latestDueDate(material, today, defaultCalendar), calendar: defaultCalendar,
    certificates,
    holder: { key: holderKey(input.applicant.idType, input.applicant.idNumber), name: input.applicant.name },
  });
  // Only the uploads the check accepted are told as not uploaded (the others have their own error).
  const checked = new Set(check.materials.map((m) => m.uploadId));
  const shapeErrors = formErrors(subject, input.form);
  const errors = [
    ...shapeErrors,
    // A form the schema accepts must also price: every fee's fields usable.
    ...(shapeErrors.length ? [] : feeFieldErrors(source, { itemCode: input.itemCode, bundleCode: input.bundleCode, answers: subject.answers }, input.form)),
    ...check.errors,
    ...checkDeliveryMode(subject, input.delivery.mode),
    ...input.materials.flatMap((m, i) =>
      m.uploadId && checked.has(m.uploadId) && missing.has(m.uploadId) ? [{ path: `/materials/${i}/uploadId`, message: 'the file was not uploaded (or differs from what was announced)', rule: 'not_uploaded' }] : []),
  ];
  if (errors.length) throw new ValidationError('The application is invalid', errors);

  for (let attempt = 1; ; attempt++) {
    const code = queryCode(randomBytes(8));
    const taken = await nextReceiptSequence(county, today);
    const receipt = receiptNumber(county, today, taken.sequence);
    const { record, change } = openCase({
      caseId, receiptNumber: receipt, queryCodeHash: hashQueryCode(caseId, code), county,
      catalogVersion: source.manifest.version,
      subject: { ...subject, trips: tripsFor(subject, check.materials, input.delivery.mode) },
      applicant: input.applicant, form: input.form, materials: check.materials, reused: check.reused, deferred: check.deferred,
      delivery: input.delivery, now: nowIso, today, promisedDate, calendar: defaultCalendar, language,
    });
    const response: SubmissionResponse = { caseId, receiptNumber: receipt, queryCode: code, status: record.status, promisedDate };
    try {
      await createCase(record, change, key, { requestHash: hash, response }, { localDate: today, ...taken });
      return { created: true, response };
    } catch (error) {
      if (!(error instanceof DuplicateSubmissionError)) throw error;
      const winner = await earlierSubmission(key, hash);
      if (winner) return winner;
      if (attempt >= SUBMIT_ATTEMPTS) throw error;
    }
  }
}
