/**
 * The comprehensive window: cases awaiting pre-review, the clerk's pre-review decision,
 * and for green-channel cases the agent's assignment and acts on the applicant's behalf.
 */
import agentSchema from '../../contracts/schemas/agent.schema.json' with { type: 'json' };
import correctionSchema from '../../contracts/schemas/correction.schema.json' with { type: 'json' };
import preReviewSchema from '../../contracts/schemas/pre-review.schema.json' with { type: 'json' };
import { agentActor, assignAgent, type AgentAssignment } from '../domain/agent.js';
import { preReview, type CaseRecord, type PreReviewInput } from '../domain/case.js';
import type { CaseStatus } from '../../contracts/cases.js';
import { requireRole } from '../domain/staff.js';
import { staffCaseView } from '../domain/views.js';
import { servedCatalog } from '../app/served-catalog.js';
import { clock } from '../lambda/clock.js';
import { feePlanOf } from '../app/fee-plans.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { httpHandler, json, jsonBody, pathParameter, queryParameter } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';
import { getCase, getTasks, getTimeline, queryQueue, updateCase } from '../store/data-table.js';
import { updateForApplicant, type CorrectionBody } from '../app/subjects.js';
import { caseQueue } from '../store/keys.js';

const validatePreReview = validator<PreReviewInput>(preReviewSchema, 'pre-review decision');
const validateAgent = validator<AgentAssignment>(agentSchema, 'agent assignment');
const validateCorrection = validator<CorrectionBody>(correctionSchema, 'update');

async function caseView(caseId: string) {
  const found = await getCase(caseId);
  if (!found) throw new NotFoundError(`No case ${caseId}`, 'CASE_NOT_FOUND');
  return { case: staffCaseView(found), tasks: await getTasks(caseId), timeline: await getTimeline(caseId) };
}
const STATUSES: CaseStatus[] = ['submitted', 'deficient', 'accepted', 'in_review', 'completed', 'rejected'];

function limitOf(raw: string | undefined): number {
  const limit = raw === undefined ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new ValidationError('limit must be a whole number from 1 to 200', [{ path: 'query:limit', message: 'must be 1–200' }]);
  }
  return limit;
}

export const handler = httpHandler({
  'GET /v1/staff/cases': async (event) => {
    requireRole(staffOf(event), 'clerk', 'supervisor', 'admin');
    const status = (queryParameter(event, 'status') ?? 'submitted') as CaseStatus;
    if (!STATUSES.includes(status)) {
      throw new ValidationError(`status must be one of ${STATUSES.join(', ')}`, [{ path: 'query:status', message: 'is not a case status' }]);
    }
    const cases = await queryQueue<CaseRecord>(caseQueue(status), undefined, limitOf(queryParameter(event, 'limit')));
    return json(200, { status, cases: cases.map(staffCaseView) });
  },
  'POST /v1/staff/cases/{caseId}/pre-review': async (event) => {
    const staff = staffOf(event);
    requireRole(staff, 'clerk');
    const input = validatePreReview(jsonBody(event));
    const caseId = pathParameter(event, 'caseId');
    const { county } = servedCatalog();
    const { before, change } = await updateCase(caseId, county, (c) => preReview(c, staff, input, clock(), input.decision === 'accept' ? feePlanOf(c) : undefined));
    const after = change?.case?.next ?? before;
    return json(200, { case: staffCaseView(after), tasks: await getTasks(caseId), timeline: await getTimeline(caseId) });
  },
  'POST /v1/staff/cases/{caseId}/agent': async (event) => {
    const staff = staffOf(event);
    const input = validateAgent(jsonBody(event));
    const caseId = pathParameter(event, 'caseId');
    const { county } = servedCatalog();
    await updateCase(caseId, county, (c) => assignAgent(c, staff, input, clock()));
    return json(200, await caseView(caseId));
  },
  'POST /v1/staff/cases/{caseId}/on-behalf': async (event) => {
    const staff = staffOf(event);
    const body = validateCorrection(jsonBody(event));
    const found = await getCase(pathParameter(event, 'caseId'));
    if (!found) throw new NotFoundError('No such case', 'CASE_NOT_FOUND');
    await updateForApplicant(found, body, agentActor(found, staff));
    return json(200, await caseView(found.caseId));
  },
});
