/**
 * The applicant's updates after submission: the one-time correction after a deficiency
 * notice and deferred materials supplied later, by the applicant (with the query code) or
 * by the green-channel agent acting for them.
 */
import type { CorrectionRequest } from '../../contracts/cases.js';
import { checkMaterials } from '../domain/application.js';
import { applicantUpdate } from '../domain/case.js';
import { ValidationError } from '../domain/errors.js';
import type { CaseRecord } from '../domain/records.js';
import type { Actor } from '../domain/timeline.js';
import { clock } from '../lambda/clock.js';
import { withHandover } from '../domain/results.js';
import { updateCase } from '../store/data-table.js';
import { bindUploads, getUploads, missingObjects } from '../store/uploads.js';
import { correctedForm, flaggedFormPaths, unansweredDeficiencies } from '../domain/corrections.js';
import { caseFeeFieldErrors } from './fee-plans.js';
import { formErrors, subjectOf } from './subjects.js';

/**
 * Checks an update against the case's item or bundle (form, materials, uploads actually
 * sent) and applies it with the uploads bound to the case, in one transaction. A
 * correction's form carries only the fields the deficiency notice flagged (domain/corrections.ts).
 */
export async function updateForApplicant(found: CaseRecord, body: CorrectionRequest, actor: Actor): Promise<CaseRecord> {
  const subject = subjectOf(found);
  const now = clock();
  const uploads = await getUploads((body.materials ?? []).map((m) => m.uploadId));
  const check = checkMaterials({
    subject, provided: body.materials ?? [], deferred: [], uploads, caseId: found.caseId, today: now.today,
    latestDueDate: () => found.promisedDate, calendar: now.calendar, now: now.now,
    alreadySupplied: new Set([...found.materials, ...found.deferred].map((m) => m.materialCode)),
  });
  const missing = await missingObjects(check.materials.map((m) => uploads.get(m.uploadId)!));
  // A correction sends the flagged fields only; the case's form takes them there, and is then checked whole, like a submission.
  const correction = body.form && found.status === 'deficient' ? correctedForm(found.form, body.form, flaggedFormPaths(found)) : undefined;
  const form = correction?.form ?? body.form;
  const shapeErrors = correction ? [...correction.errors, ...(correction.errors.length ? [] : formErrors(subject, correction.form))] : [];
  // The one correction answers every deficiency: the window will not ask again.
  const unanswered = found.status === 'deficient'
    ? unansweredDeficiencies(found, body, (code) => subject.materials.find((m) => m.code === code)?.name.zh ?? code)
    : [];
  const errors = [
    ...unanswered,
    ...shapeErrors,
    ...(correction && !shapeErrors.length ? caseFeeFieldErrors(found, correction.form) : []),
    ...check.errors,
    ...(body.materials ?? []).flatMap((m, i) =>
      missing.has(m.uploadId) ? [{ path: `/materials/${i}/uploadId`, message: 'the file was not uploaded', rule: 'not_uploaded' }] : []),
  ];
  if (errors.length) throw new ValidationError('The correction is invalid', errors);
  const { after } = await updateCase(
    found.caseId,
    found.county,
    // The last deferred material of a completed case hands its results over.
    (c, tasks) => withHandover(applicantUpdate(c, { form, materials: check.materials, note: body.note }, now, actor), tasks, now),
    { extra: bindUploads(check.materials.map((m) => m.uploadId), found.caseId) },
  );
  return after;
}
