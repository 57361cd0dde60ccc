/**
 * The steps after the applicant's (the form, the materials, the delivery, the review) and the
 * receipt: loaded once the citizen starts filling in the form, or when a draft reopens on a
 * later step, so the form's first render needs only step 1.
 */
export { renderDetails } from './details.js';
export { renderMaterials } from './materials.js';
export { renderDelivery } from './delivery.js';
export { renderReview } from './review.js';
export { renderReceipt } from './receipt.js';
export { shownEstimate } from '../fee-estimate.js';
