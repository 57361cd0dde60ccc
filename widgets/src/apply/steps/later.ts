/**
 * The steps after the applicant's (the form, the materials, the delivery, the review) and the
 * receipt, and what only checking, uploading and submitting need (the validators and their
 * runtime, the form's data from its schema, choosing and uploading files (uploads.ts), the
 * certificate library, the submission itself (submission.ts)): loaded once the
 * citizen starts filling in the form, or when a draft reopens on a later step, so the form's
 * first render needs only step 1.
 */
export { renderDetails } from './details.js';
export { renderMaterials } from './materials.js';
export { renderDelivery } from './delivery.js';
export { renderReview } from './review.js';
export { renderReceipt } from './receipt.js';
export { shownEstimate } from '../fee-estimate.js';
export { loadValidators, narrowTo, problemMessage, problems } from '../../shared/validation.js';
export { buildData, isChoiceAt, labelAt } from '../../shared/schema-form.js';
export { checkFile, uploadFile } from '../../shared/upload.js';
export { CertificateLibraryAccess } from '../library.js';
export { submit } from '../submission.js';
export { chooseFile, upload } from '../uploads.js';
