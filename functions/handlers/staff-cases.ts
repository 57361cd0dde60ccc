/**
 * The comprehensive window: its cases (README, "Staff lists"), the clerk's pre-review decision,
 * for green-channel cases the agent's assignment and acts on the applicant's behalf, the
 * applicant's visits to the hall and the results handed over there; and for all staff the
 * one view of a case and its uploaded materials, under the need to know (docs/need-to-know.md).
 */
import agentSchema from '../../contracts/schemas/agent.schema.json' with { type: 'json' };
import correctionSchema from '../../contracts/schemas/correction.schema.json' with { type: 'json' };
import pickupSchema from '../../contracts/schemas/pickup.schema.json' with { type: 'json' };
import preReviewSchema from '../../contracts/schemas/pre-review.schema.json' with { type: 'json' };
import visitSchema from '../../contracts/schemas/visit.schema.json' with { type: 'json' };
import { CASE_STATUSES, type CaseStatus } from '../../contracts/cases.js';
import type { CorrectionRequest } from '../../contracts/cases.js';
import { caseList } from '../app/lists.js';
import { staffView } from '../app/case-views.js';
import { readCaseAsStaff } from '../app/staff-access.js';
import { materialLink } from '../app/staff-materials.js';
import { actOnBehalf, assignCaseAgent, handOverPickup, preReviewCase, recordCaseVisit } from '../app/window.js';
import type { AgentAssignment } from '../../contracts/staff.js';
import type { PickupInput, PreReviewInput, VisitInput } from '../../contracts/staff.js';
import { ValidationError } from '../domain/errors.js';
import { httpHandler, json, jsonBody, pathParameter, queryParameter } from '../lambda/http.js';
import { listParameters } from '../lambda/list-query.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validatePreReview = validator<PreReviewInput>(preReviewSchema, 'pre-review decision');
const validateAgent = validator<AgentAssignment>(agentSchema, 'agent assignment');
const validateCorrection = validator<CorrectionRequest>(correctionSchema, 'update');
const validateVisit = validator<VisitInput>(visitSchema, 'visit');
const validatePickup = validator<PickupInput>(pickupSchema, 'pickup');

const STATUSES: readonly CaseStatus[] = CASE_STATUSES;

function statusOf(raw: string | undefined): CaseStatus {
  const status = (raw ?? 'submitted') as CaseStatus;
  if (!STATUSES.includes(status)) {
    throw new ValidationError(`status must be one of ${STATUSES.join(', ')}`, [{ path: 'query:status', message: 'is not a case status', rule: 'not_case_status' }]);
  }
  return status;
}

export const handler = httpHandler({
  'GET /v1/staff/cases': async (event) =>
    json(200, await caseList(staffOf(event), statusOf(queryParameter(event, 'status')), listParameters(event))),
  'GET /v1/staff/cases/{caseId}': async (event) =>
    json(200, await staffView(await readCaseAsStaff(staffOf(event), pathParameter(event, 'caseId'), 'case'))),
  'GET /v1/staff/cases/{caseId}/materials/{materialCode}': async (event) =>
    json(200, await materialLink(staffOf(event), pathParameter(event, 'caseId'), pathParameter(event, 'materialCode'))),
  'POST /v1/staff/cases/{caseId}/pre-review': async (event) =>
    json(200, await preReviewCase(staffOf(event), pathParameter(event, 'caseId'), validatePreReview(jsonBody(event)))),
  'POST /v1/staff/cases/{caseId}/agent': async (event) =>
    json(200, await assignCaseAgent(staffOf(event), pathParameter(event, 'caseId'), validateAgent(jsonBody(event)))),
  'POST /v1/staff/cases/{caseId}/on-behalf': async (event) =>
    json(200, await actOnBehalf(staffOf(event), pathParameter(event, 'caseId'), validateCorrection(jsonBody(event)))),
  'POST /v1/staff/cases/{caseId}/visits': async (event) =>
    json(200, await recordCaseVisit(staffOf(event), pathParameter(event, 'caseId'), validateVisit(jsonBody(event)))),
  'POST /v1/staff/cases/{caseId}/pickup': async (event) =>
    json(200, await handOverPickup(staffOf(event), pathParameter(event, 'caseId'), validatePickup(jsonBody(event)))),
});
