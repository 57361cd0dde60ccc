/**
 * Trips (跑动次数): every time the applicant had to come to the service hall in person, staff
 * record it on the case, with a reason from a fixed list (contracts/staff.ts VISIT_REASONS).
 * Each visit is one trip; the statistics count trips from the `case.visited` events, since a
 * pickup at the hall, itself a visit, comes after the case completed. Pure.
 */
import type { PickupInput, VisitInput } from '../../contracts/staff.js';
import type { CaseVisitedData } from '../../contracts/supervision.js';
import { agentActor } from './agent.js';
import { ConflictError } from './errors.js';
import { serviceOf } from './measures.js';
import type { CaseRecord, Change, Clock, Visit } from './records.js';
import { requireRole, type Staff } from './staff.js';
import type { Actor, TimelineInput } from './timeline.js';

function actorOf(c: CaseRecord, staff: Staff, role: 'clerk' | 'agent' | 'supervisor' | 'admin'): Actor {
  // An agent records visits of the cases they act for only.
  if (role === 'agent') return agentActor(c, staff);
  return { type: 'staff', id: staff.username, role, department: staff.department };
}

/** The visit written on the case, its timeline entry and its event. */
function visited(c: CaseRecord, visit: Visit, actor: Actor): { visits: Visit[]; timeline: TimelineInput; event: { type: 'case.visited'; data: Record<string, unknown> } } {
  const data: CaseVisitedData = { reason: visit.reason, service: serviceOf(c), first: (c.visits ?? []).length === 0 };
  return {
    visits: [...(c.visits ?? []), visit],
    timeline: { at: visit.at, actor, action: 'case.visited', detail: { reason: visit.reason, ...(visit.note ? { note: visit.note } : {}) } },
    event: { type: 'case.visited', data: { ...data } },
  };
}

/** Records a visit of the applicant (clerk, agent of the case, supervisor, admin). Any case, at any status: the trip happened. */
export function recordVisit(c: CaseRecord, staff: Staff, input: VisitInput, { now }: Clock): Change {
  requireRole(staff, 'clerk', 'agent', 'supervisor', 'admin');
  const role = (['clerk', 'supervisor', 'admin', 'agent'] as const).find((r) => staff.roles.includes(r))!;
  const visit: Visit = { at: now, reason: input.reason, ...(input.note ? { note: input.note } : {}), by: staff.username };
  const v = visited(c, visit, actorOf(c, staff, role));
  return {
    case: { next: { ...c, visits: v.visits, version: c.version + 1 }, expectedVersion: c.version },
    tasks: [],
    timeline: [v.timeline],
    events: [v.event],
  };
}

/**
 * The applicant collects the results at the hall (clerk): the pickup handover completes and
 * the visit is recorded in the same change. Only a handover waiting at the hall (`pickup_ready`).
 */
export function handOverAtHall(c: CaseRecord, staff: Staff, input: PickupInput, { now }: Clock): Change {
  requireRole(staff, 'clerk');
  const h = c.handover;
  if (!h || h.mode !== 'pickup' || h.status !== 'pickup_ready') {
    throw new ConflictError(
      'NOT_AWAITING_PICKUP',
      `The results of case ${c.receiptNumber} are not waiting at the hall${h?.completedAt ? ': they were handed over already' : ''}`,
      { params: { receiptNumber: c.receiptNumber } },
    );
  }
  const actor: Actor = { type: 'staff', id: staff.username, role: 'clerk', department: staff.department };
  const visit: Visit = { at: now, reason: 'pickup', ...(input.note ? { note: input.note } : {}), by: staff.username };
  const v = visited(c, visit, actor);
  return {
    case: { next: { ...c, handover: { ...h, status: 'delivered', completedAt: now }, visits: v.visits, version: c.version + 1 }, expectedVersion: c.version },
    tasks: [],
    timeline: [{ at: now, actor, action: 'pickup.completed', detail: { results: (c.results ?? []).map((r) => r.verificationCode) } }, v.timeline],
    events: [v.event],
  };
}
