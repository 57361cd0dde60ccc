/**
 * Service ratings (好差评) and rectifications (整改), docs/ratings.md: the applicant's rating,
 * the department's response, the supervisor's close and reopen, the lists staff work from,
 * and the deadline watch's two timers (an overdue rectification, the invitation to rate).
 */
import type { CaseView } from '../../contracts/cases.js';
import type { RatingRequest, RectificationReopenRequest, RectificationResponseRequest, RectificationStatus } from '../../contracts/ratings.js';
import { NotFoundError } from '../domain/errors.js';
import { close, inviteToRate, markOverdue, rateCase, reopen, respond, type Rectification, type RectificationChange } from '../domain/ratings.js';
import type { CaseRecord, Clock } from '../domain/records.js';
import { requireRole, type Staff } from '../domain/staff.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { updateCase } from '../store/data-table.js';
import { timerPartition } from '../store/keys.js';
import {
  departmentRectifications,
  getRectification,
  openRectifications,
  updateRectifications,
} from '../store/rectifications.js';
import { dueTimers } from '../store/timers.js';
import { applicantView } from './case-views.js';
import { servedCatalog } from './served-catalog.js';

/** The applicant rates their case (checked by its query code before); answers the case as they now see it. */
export async function rate(found: CaseRecord, input: RatingRequest): Promise<CaseView> {
  const now = clock();
  const { after } = await updateRectifications(found.caseId, (c, rectifications) => rateCase(c, rectifications, input, now));
  return applicantView(after);
}

/** One staff step on one rectification, in its case's transaction; answers the rectification after it. */
async function onRectification(id: string, decide: (r: Rectification) => RectificationChange): Promise<Rectification> {
  const notFound = () => new NotFoundError(`No rectification ${id}`, 'RECTIFICATION_NOT_FOUND', { params: { rectificationId: id } });
  const found = await getRectification(id);
  if (!found) throw notFound();
  const { decided } = await updateRectifications(found.caseId, (_c, rectifications) => {
    const r = rectifications.find((x) => x.rectificationId === id);
    if (!r) throw notFound();
    return decide(r);
  });
  return decided!.rectifications[0]!.next;
}

// Each checks the role before the rectification is looked up: who may not act learns nothing of which exist.
export function respondToRectification(staff: Staff, id: string, input: RectificationResponseRequest) {
  requireRole(staff, 'chief', 'reviewer');
  return onRectification(id, (r) => respond(r, staff, input, clock()));
}
export function closeRectification(staff: Staff, id: string) {
  requireRole(staff, 'supervisor');
  return onRectification(id, (r) => close(r, staff, clock()));
}
export function reopenRectification(staff: Staff, id: string, input: RectificationReopenRequest) {
  requireRole(staff, 'supervisor');
  return onRectification(id, (r) => reopen(r, staff, input, clock()));
}

/**
 * What `GET /v1/staff/rectifications?status=` lists: for the supervisor, the open (the default)
 * and overdue ones from their timer partitions, the others from every department's queue; for
 * a department, its own queue.
 */
export type RectificationFilter = RectificationStatus | 'overdue';

/** The supervisor sees every department's rectifications, a chief or reviewer their own department's. */
export async function listRectifications(staff: Staff, status: RectificationFilter = 'open') {
  requireRole(staff, 'supervisor', 'admin', 'chief', 'reviewer');
  const everyDepartment = staff.roles.includes('supervisor') || staff.roles.includes('admin');
  let found: Rectification[];
  if (!everyDepartment) {
    // A department's own, from its queue: the overdue ones are the open ones the watch marked.
    const own = await departmentRectifications(staff.department, status === 'overdue' ? 'open' : status);
    found = status === 'overdue' ? own.filter((r) => r.overdueAt !== undefined) : own;
  } else if (status === 'open' || status === 'overdue') {
    found = await openRectifications(status === 'overdue');
  } else {
    const departments = servedCatalog().source.departments.map((d) => d.code);
    found = (await Promise.all(departments.map((d) => departmentRectifications(d, status)))).flat();
    found.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }
  return { status, ...(everyDepartment ? {} : { department: staff.department }), rectifications: found };
}

/**
 * Acts on each item of a timer partition due by now; counts those changed. One item that
 * fails is logged and left for the next run, so it holds up neither the others nor the
 * other kinds of timer of this run.
 */
export async function eachDue(partition: string, now: Clock, act: (item: Record<string, unknown>) => Promise<boolean>): Promise<number> {
  let changed = 0;
  for (const item of await dueTimers(partition, now.now)) {
    try {
      if (await act(item)) changed++;
    } catch (error) {
      logger.error('timer not handled; the next run tries again', { partition, pk: String(item.pk), sk: String(item.sk), error });
    }
  }
  return changed;
}

/** The deadline watch's `rectification` timer: each open rectification past due turns overdue, once. */
export async function watchRectifications(now: Clock): Promise<number> {
  return eachDue(timerPartition('rectification'), now, async (item) => {
    const id = String(item.rectificationId);
    const { decided } = await updateRectifications(String(item.caseId), (_c, rectifications) => {
      const r = rectifications.find((x) => x.rectificationId === id);
      return r ? markOverdue(r, now) : null;
    });
    return decided !== null;
  });
}

/** The deadline watch's `rating` timer: each finished case still unrated 3 days on is invited to rate, once. */
export async function inviteRatings(now: Clock): Promise<number> {
  return eachDue(timerPartition('rating'), now, async (item) => {
    const { change } = await updateCase(String(item.caseId), String(item.county), (c) => inviteToRate(c, now));
    return change !== null;
  });
}
