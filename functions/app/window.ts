/**
 * The comprehensive window: the clerk's pre-review decision
 * (issuing the fee ticket when its fee point is acceptance), and for green-channel cases
 * the agent's assignment and acts on the applicant's behalf. Who may do what is the
 * domain's rule (domain/case.ts, domain/agent.ts).
 */
import { agentActor, assignAgent } from '../domain/agent.js';
import type { AgentAssignment } from '../../contracts/staff.js';
import { preReview } from '../domain/case.js';
import type { PickupInput, PreReviewInput, VisitInput } from '../../contracts/staff.js';
import { handOverAtHall, recordVisit } from '../domain/visits.js';
import type { Staff } from '../domain/staff.js';
import { clock } from '../lambda/clock.js';
import { staffDirectory } from '../lambda/staff-directory.js';
import { updateCase } from '../store/data-table.js';
import { caseById } from './access.js';
import type { CorrectionRequest } from '../../contracts/cases.js';
import { updateForApplicant } from './applicant-updates.js';
import { staffView } from './case-views.js';
import { feePlanOf } from './fee-plans.js';
import { servedCatalog } from './served-catalog.js';

export async function preReviewCase(staff: Staff, caseId: string, input: PreReviewInput) {
  const { after } = await updateCase(caseId, servedCatalog().county, (c) =>
    preReview(c, staff, input, clock(), input.decision === 'accept' ? feePlanOf(c) : undefined));
  return staffView(after);
}

export async function assignCaseAgent(staff: Staff, caseId: string, input: AgentAssignment) {
  const listed = await staffDirectory().find(input.agent);
  const { after } = await updateCase(caseId, servedCatalog().county, (c) => assignAgent(c, staff, input, clock(), listed));
  return staffView(after);
}

/** Records that the applicant came to the hall in person (one trip). */
export async function recordCaseVisit(staff: Staff, caseId: string, input: VisitInput) {
  const { after } = await updateCase(caseId, servedCatalog().county, (c) => recordVisit(c, staff, input, clock()));
  return staffView(after);
}

/** The results collected at the hall: the pickup handover completes and its visit is recorded, in one change. */
export async function handOverPickup(staff: Staff, caseId: string, input: PickupInput) {
  const { after } = await updateCase(caseId, servedCatalog().county, (c) => handOverAtHall(c, staff, input, clock()));
  return staffView(after);
}

/** The green-channel agent supplies or corrects for the applicant, under the authorisation they hold. */
export async function actOnBehalf(staff: Staff, caseId: string, body: CorrectionRequest) {
  const found = await caseById(caseId);
  return staffView(await updateForApplicant(found, body, agentActor(found, staff)));
}
