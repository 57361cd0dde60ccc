/**
 * What the tracker needs once a case is found: every section of the case view, the
 * correction and supply forms, the rating, the case's status texts, the following of a case
 * while its results travel (case-watch.ts, with the handover's texts). Loaded with the first
 * lookup (in parallel with the API's answer), so a page shows the lookup form without it.
 */
export { CaseWatch } from './case-watch.js';
export { renderCase } from './sections/case.js';
export { correctionStart, flaggedFieldValidator, readCorrectionFields, refusedFields } from './sections/correction-fields.js';
export { inScreenOrder, readUpdate } from './sections/update-form.js';
export { COMMENT_ID, GRADE_ID, ratingProblems, REASONS_ID } from './sections/rating.js';
export { caseStatusText } from './track-text.js';
export { uploadFile } from '../shared/upload.js';
