/**
 * The item or bundle behind an application, and the applicant's updates after submission
 * (the one-time correction, deferred materials), shared by the citizen's corrections
 * endpoint and the agent acting for the applicant.
 */
import type { ValidateFunction } from 'ajv';
import { checkMaterials, type UploadedMaterial } from '../domain/application.js';
import { applicantUpdate, type CaseRecord } from '../domain/case.js';
import { findSubject, type ApplicationSubject } from '../domain/subject.js';
import type { Actor } from '../domain/timeline.js';
import { getUploads, missingObjects, bindUploads } from '../store/uploads.js';
import { updateCase } from '../store/data-table.js';
import { servedCatalog } from './served-catalog.js';
import { clock } from '../lambda/clock.js';
import { UnprocessableError, ValidationError, type FieldError } from '../domain/errors.js';
import { ajv, fieldErrors } from '../lambda/validate.js';

export interface CorrectionBody {
  form?: Record<string, unknown>;
  materials?: UploadedMaterial[];
  note?: string;
}

const formValidators = new Map<string, ValidateFunction>();

/** Validates form data against the item's or the bundle's merged schema; errors point into `/form`. */
export function formErrors(subject: ApplicationSubject, form: unknown): FieldError[] {
  let validate = formValidators.get(subject.code);
  if (!validate) {
    validate = ajv().compile(subject.formSchema);
    formValidators.set(subject.code, validate);
  }
  return validate(form) ? [] : fieldErrors(validate.errors, '/form');
}

/** The item or bundle applied for, as published here; a 422 naming the code when it is not. */
export function subjectOf(ref: { itemCode?: string; bundleCode?: string }): ApplicationSubject {
  const { source, regionCode, level } = servedCatalog();
  const subject = findSubject(source, ref, { regionCode, level });
  if (subject) return subject;
  const [code, path, what] = ref.bundleCode
    ? ['BUNDLE_NOT_IN_CATALOG', '/bundleCode', `Bundle ${ref.bundleCode}`]
    : ['ITEM_NOT_IN_CATALOG', '/itemCode', `Item ${ref.itemCode}`];
  throw new UnprocessableError(code, `${what} is not in catalog ${source.manifest.version} at this level`, [
    { path, message: 'is not published here' },
  ]);
}

/**
 * Checks an update against the case's item or bundle (form, materials, uploads actually
 * sent) and applies it with the uploads bound to the case, in one transaction.
 */
export async function updateForApplicant(found: CaseRecord, body: CorrectionBody, actor: Actor): Promise<void> {
  const subject = subjectOf(found);
  const now = clock();
  const uploads = await getUploads((body.materials ?? []).map((m) => m.uploadId));
  const check = checkMaterials({
    subject, provided: body.materials ?? [], deferred: [], uploads, caseId: found.caseId, today: now.today,
    latestDueDate: () => found.promisedDate, now: now.now,
    alreadySupplied: new Set([...found.materials, ...found.deferred].map((m) => m.materialCode)),
  });
  const missing = await missingObjects(check.materials.map((m) => uploads.get(m.uploadId)!));
  const errors = [
    ...(body.form ? formErrors(subject, body.form) : []),
    ...check.errors,
    ...(body.materials ?? []).flatMap((m, i) =>
      missing.has(m.uploadId) ? [{ path: `/materials/${i}/uploadId`, message: 'the file was not uploaded' }] : []),
  ];
  if (errors.length) throw new ValidationError('The correction is invalid', errors);
  await updateCase(
    found.caseId,
    found.county,
    (c) => applicantUpdate(c, { form: body.form, materials: check.materials, note: body.note }, now, actor),
    { extra: bindUploads(check.materials.map((m) => m.uploadId), found.caseId) },
  );
}
