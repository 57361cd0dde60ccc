/**
 * Citizens' applications: submit (idempotent), look up with the query code, the one-time
 * correction after a deficiency notice (and deferred materials), electronic delivery, and
 * the rating (好差评) once the case finished.
 */
import correctionSchema from '../../contracts/schemas/correction.schema.json' with { type: 'json' };
import ratingSchema from '../../contracts/schemas/rating.schema.json' with { type: 'json' };
import type { RatingRequest } from '../../contracts/ratings.js';
import { rate } from '../app/ratings.js';
import { applicantCase } from '../app/access.js';
import type { CorrectionRequest } from '../../contracts/cases.js';
import { updateForApplicant } from '../app/applicant-updates.js';
import { applicantView } from '../app/case-views.js';
import { resultLink } from '../app/result-link.js';
import { submitApplication } from '../app/submit.js';
import { requireQueryCode } from '../lambda/applicant-auth.js';
import { header, httpHandler, json, jsonBody, languageOf, pathParameter, type HttpEvent } from '../lambda/http.js';
import { validator } from '../lambda/validate.js';

const validateCorrection = validator<CorrectionRequest>(correctionSchema, 'correction');
const validateRating = validator<RatingRequest>(ratingSchema, 'rating');

const caseOf = (event: HttpEvent) => applicantCase(pathParameter(event, 'receiptNumber'), requireQueryCode(event));

export const handler = httpHandler({
  'POST /v1/applications': async (event) => {
    const { created, response } = await submitApplication(header(event, 'idempotency-key'), jsonBody(event), languageOf(event) === 'en' ? 'en' : 'zh-CN');
    return created ? json(201, response, { location: `/v1/applications/${response.receiptNumber}` }) : json(200, response);
  },
  'GET /v1/applications/{receiptNumber}': async (event) => json(200, await applicantView(await caseOf(event))),
  'POST /v1/applications/{receiptNumber}/corrections': async (event) => {
    const found = await caseOf(event);
    const body = validateCorrection(jsonBody(event));
    return json(200, await applicantView(await updateForApplicant(found, body, { type: 'applicant', id: found.receiptNumber })));
  },
  'POST /v1/applications/{receiptNumber}/rating': async (event) => {
    const found = await caseOf(event);
    return json(201, await rate(found, validateRating(jsonBody(event))));
  },
  'GET /v1/applications/{receiptNumber}/results/{verificationCode}': async (event) =>
    json(200, await resultLink(await caseOf(event), pathParameter(event, 'verificationCode').toUpperCase())),
});
