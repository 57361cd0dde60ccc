/**
 * Service ratings (好差评) and rectifications (整改), docs/ratings.md. Pure: each rule takes the
 * case, its rectifications and the clock, and returns the change to write (the case, its
 * timeline, its events) with the rectifications it creates or moves, or refuses.
 *
 * - A finished case (completed or rejected) is rated once (round 1). A poor grade opens one
 *   rectification per responsible department, due in 5 working days. Once every one of them
 *   was responded to (or closed), the applicant may rate once more (round 2); a poor round 2
 *   opens rectifications again, and there is no round 3.
 * - The responsible departments: those that rejected the case, else every department of it.
 * - A rectification: open → responded (the department) → closed (the supervisor); the
 *   supervisor may reopen a responded or closed one with a reason, due 5 more working days on.
 *   Past its due date and still open, the deadline watch marks it overdue, once.
 */
import type { LocalDate } from '../../contracts/dates.js';
import type { Rating, RatingRequest, RectificationReopenRequest, RectificationResponseRequest, RectificationStatus } from '../../contracts/ratings.js';
import { POOR_GRADES, type RatingGrade } from '../../contracts/supervision.js';
import { ConflictError, ValidationError } from './errors.js';
import type { CaseRecord, Change, Clock, DomainEvent } from './records.js';
import { requireDepartment, requireRole, type Staff } from './staff.js';
import type { Actor } from './timeline.js';

/** Working days a department has to respond to a rectification, from its opening or reopening. */
export const RECTIFICATION_WORKING_DAYS = 5;
/** Days after a case finished, unrated, when the applicant is invited to rate it. */
export const INVITATION_DAYS = 3;
export const LAST_ROUND = 2;

export interface Rectification {
  /** `<caseId>-r<round>-<department>`: the case it belongs to is read from it. */
  rectificationId: string;
  caseId: string;
  receiptNumber: string;
  county: string;
  department: string;
  round: 1 | 2;
  grade: RatingGrade;
  openedAt: string;
  dueDate: LocalDate;
  /** The end of `dueDate` in Asia/Shanghai, as an instant. */
  dueAt: string;
  status: RectificationStatus;
  /** The department's call back to the applicant (回访). */
  callback?: { at: string; note: string };
  response?: { by: string; at: string; changed: string; text: string };
  closedAt?: string;
  closedBy?: string;
  reopenedAt?: string;
  reopenReason?: string;
  /** When the deadline watch found it past due and still open (cleared by a reopening). */
  overdueAt?: string;
  version: number;
}

/** What a rating or a rectification's step writes: the case's change and the rectifications it puts. */
export interface RectificationChange {
  change: Change;
  rectifications: { next: Rectification; expectedVersion: number | null }[];
}

export const rectificationId = (caseId: string, round: number, department: string) => `${caseId}-r${round}-${department}`;

const RECTIFICATION_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-r([12])-([A-Za-z0-9_]{1,40})$/;

export function caseIdOfRectification(id: string): string | undefined {
  return RECTIFICATION_ID.exec(id)?.[1];
}

/** The last instant of a local date in Asia/Shanghai. */
export const endOfShanghaiDay = (date: LocalDate): string => new Date(`${date}T23:59:59.999+08:00`).toISOString();

export const isFinished = (c: CaseRecord): boolean => c.status === 'completed' || c.status === 'rejected';

/** When the case finished: its completion, or its rejection. */
export const finishedAt = (c: CaseRecord): string | undefined => (c.status === 'completed' ? c.completedAt : c.status === 'rejected' ? c.rejection?.at : undefined);

/** The departments a poor rating holds responsible: those that rejected the case, else all of its departments. */
export function responsibleDepartments(c: CaseRecord): string[] {
  const rejecting = [...new Set((c.rejection?.departments ?? []).map((d) => d.department))];
  return rejecting.length > 0 ? rejecting : [...c.departments];
}

/**
 * Which round the applicant may rate now, or why not: `not_finished`, `rated` (both rounds
 * used, or round 1 good), `awaiting_response` (a rectification of round 1 not yet answered).
 */
export function ratingRound(c: CaseRecord, rectifications: readonly Rectification[]): { round: 1 | 2 } | { refused: 'not_finished' | 'rated' | 'awaiting_response' } {
  if (!isFinished(c)) return { refused: 'not_finished' };
  const ratings = c.ratings ?? [];
  if (ratings.length === 0) return { round: 1 };
  if (ratings.length >= LAST_ROUND) return { refused: 'rated' };
  const last = ratings[ratings.length - 1]!;
  const ofRound = rectifications.filter((r) => r.round === last.round);
  if (ofRound.length === 0) return { refused: 'rated' };
  return ofRound.every((r) => r.status !== 'open') ? { round: 2 } : { refused: 'awaiting_response' };
}

const serviceOf = (c: CaseRecord): string => c.itemCode ?? c.bundleCode ?? '';

/** A new rectification, due `RECTIFICATION_WORKING_DAYS` working days after today. */
function dueFrom(clock: Clock): { dueDate: LocalDate; dueAt: string } {
  const dueDate = clock.calendar.addWorkingDays(clock.today, RECTIFICATION_WORKING_DAYS);
  return { dueDate, dueAt: endOfShanghaiDay(dueDate) };
}

/**
 * The applicant rates the case. Refused, with nothing written: a case not finished, a
 * round already rated or waiting for a rectification's response (409), a poor grade without a
 * reason (400). The rating is kept on the case; a poor grade opens the rectifications.
 */
export function rateCase(c: CaseRecord, rectifications: readonly Rectification[], input: RatingRequest, clock: Clock): RectificationChange {
  const allowed = ratingRound(c, rectifications);
  const params = { receiptNumber: c.receiptNumber, status: c.status };
  if ('refused' in allowed) {
    if (allowed.refused === 'not_finished') {
      throw new ConflictError('CASE_NOT_FINISHED', `Case ${c.receiptNumber} is ${c.status}: it can be rated once it is completed or rejected`, { params });
    }
    if (allowed.refused === 'awaiting_response') {
      throw new ConflictError('RECTIFICATION_PENDING', `Case ${c.receiptNumber} can be rated again once the department has responded to the rectification`, { params });
    }
    throw new ConflictError('ALREADY_RATED', `Case ${c.receiptNumber} has been rated already`, { params });
  }
  const reasons = input.reasons ?? [];
  const poor = POOR_GRADES.includes(input.grade);
  if (poor && reasons.length === 0) {
    throw new ValidationError('Say why (at least one reason) when you are dissatisfied', [{ path: '/reasons', message: 'at least one reason is required for this grade', rule: 'reason_required' }]);
  }
  const { round } = allowed;
  const rating: Rating = { round, grade: input.grade, reasons, ...(input.comment !== undefined ? { comment: input.comment } : {}), at: clock.now };
  const departments = responsibleDepartments(c);
  const opened: Rectification[] = poor
    ? departments.map((department) => ({
        rectificationId: rectificationId(c.caseId, round, department),
        caseId: c.caseId,
        receiptNumber: c.receiptNumber,
        county: c.county,
        department,
        round,
        grade: input.grade,
        openedAt: clock.now,
        ...dueFrom(clock),
        status: 'open' as const,
        version: 1,
      }))
    : [];
  const actor: Actor = { type: 'applicant', id: c.receiptNumber };
  const events: DomainEvent[] = [
    { type: 'rating.submitted', data: { grade: input.grade, round, service: serviceOf(c), departments } },
    ...opened.map((r): DomainEvent => ({ type: 'rectification.opened', data: { rectificationId: r.rectificationId, department: r.department } })),
  ];
  return {
    change: {
      case: { next: { ...c, ratings: [...(c.ratings ?? []), rating], version: c.version + 1 }, expectedVersion: c.version },
      tasks: [],
      timeline: [
        { at: clock.now, actor, action: 'rating.submitted', detail: { round, grade: input.grade, reasons } },
        ...opened.map((r) => ({ at: clock.now, actor: { type: 'system', id: 'ratings', department: r.department } as Actor, action: 'rectification.opened', detail: { rectificationId: r.rectificationId, department: r.department, dueDate: r.dueDate } })),
      ],
      events,
    },
    rectifications: opened.map((next) => ({ next, expectedVersion: null })),
  };
}

/** One step of a rectification: the rectification moved, a timeline entry and (unless `event` is null) its event. */
function step(r: Rectification, next: Omit<Rectification, 'version'>, actor: Actor, at: string, action: string, detail: Record<string, unknown>, event = true): RectificationChange {
  return {
    change: {
      tasks: [],
      timeline: [{ at, actor, action, detail: { rectificationId: r.rectificationId, department: r.department, ...detail } }],
      events: event ? [{ type: action as DomainEvent['type'], data: { rectificationId: r.rectificationId, department: r.department } }] : [],
    },
    rectifications: [{ next: { ...next, version: r.version + 1 }, expectedVersion: r.version }],
  };
}

const staffActor = (staff: Staff, role: string): Actor => ({ type: 'staff', id: staff.username, role, department: staff.department });

const notInStatus = (r: Rectification, code: string, message: string) =>
  new ConflictError(code, `Rectification ${r.rectificationId} is ${r.status}: ${message}`, { params: { rectificationId: r.rectificationId, status: r.status } });

/** The department (its chief or a reviewer) records its call back to the applicant, what it changed and its answer. */
export function respond(r: Rectification, staff: Staff, input: RectificationResponseRequest, clock: Clock): RectificationChange {
  requireRole(staff, 'chief', 'reviewer');
  requireDepartment(staff, r.department);
  if (r.status !== 'open') throw notInStatus(r, 'RECTIFICATION_NOT_OPEN', 'it has been responded to already');
  if (Date.parse(input.callback.at) > Date.parse(clock.now)) {
    throw new ValidationError('The call back cannot be in the future', [{ path: '/callback/at', message: 'must not be later than now', rule: 'in_future' }]);
  }
  const role = staff.roles.includes('chief') ? 'chief' : 'reviewer';
  return step(
    r,
    { ...r, status: 'responded', callback: input.callback, response: { by: staff.username, at: clock.now, changed: input.changed, text: input.response } },
    staffActor(staff, role),
    clock.now,
    'rectification.responded',
    { calledBackAt: input.callback.at },
  );
}

/** The supervisor closes a responded rectification. */
export function close(r: Rectification, staff: Staff, clock: Clock): RectificationChange {
  requireRole(staff, 'supervisor');
  if (r.status !== 'responded') throw notInStatus(r, 'RECTIFICATION_NOT_RESPONDED', 'only a responded rectification can be closed');
  return step(r, { ...r, status: 'closed', closedAt: clock.now, closedBy: staff.username }, staffActor(staff, 'supervisor'), clock.now, 'rectification.closed', {});
}

/** The supervisor reopens a responded or closed rectification, with a reason: due 5 more working days on. */
export function reopen(r: Rectification, staff: Staff, input: RectificationReopenRequest, clock: Clock): RectificationChange {
  requireRole(staff, 'supervisor');
  if (r.status === 'open') throw notInStatus(r, 'RECTIFICATION_STILL_OPEN', 'it is still open');
  const { overdueAt: _overdue, closedAt: _closed, closedBy: _by, ...rest } = r;
  const due = dueFrom(clock);
  return step(
    r,
    { ...rest, status: 'open', ...due, reopenedAt: clock.now, reopenReason: input.reason },
    staffActor(staff, 'supervisor'),
    clock.now,
    'rectification.reopened',
    { reason: input.reason, dueDate: due.dueDate },
  );
}

/** Past its due date and still open: overdue (red on the board), once; null when there is nothing to do. */
export function markOverdue(r: Rectification, clock: Clock): RectificationChange | null {
  if (r.status !== 'open' || r.overdueAt !== undefined || r.dueAt > clock.now) return null;
  return step(r, { ...r, overdueAt: clock.now }, { type: 'system', id: 'deadline-watch' }, clock.now, 'rectification.overdue', { dueDate: r.dueDate }, false);
}

/** When the invitation to rate falls due: `INVITATION_DAYS` after the case finished, while unrated and not yet invited. */
export function invitationDueAt(c: CaseRecord): string | undefined {
  const at = finishedAt(c);
  if (!at || (c.ratings ?? []).length > 0 || c.ratingInvitedAt !== undefined) return undefined;
  return new Date(Date.parse(at) + INVITATION_DAYS * 24 * 3_600_000).toISOString();
}

/** The invitation to rate (`rating.invited`), once, when it is due; null otherwise. */
export function inviteToRate(c: CaseRecord, clock: Clock): Change | null {
  const due = invitationDueAt(c);
  if (!due || due > clock.now) return null;
  return {
    case: { next: { ...c, ratingInvitedAt: clock.now, version: c.version + 1 }, expectedVersion: c.version },
    tasks: [],
    timeline: [{ at: clock.now, actor: { type: 'system', id: 'deadline-watch' }, action: 'rating.invited', detail: {} }],
    events: [{ type: 'rating.invited', data: { service: serviceOf(c) } }],
  };
}
