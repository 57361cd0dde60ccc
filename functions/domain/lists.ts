/**
 * The staff lists' rows (`GET /v1/staff/cases`, `GET /v1/staff/tasks`) and the dates they are
 * ordered by: what each row shows, the applicant's name masked, and the working days left.
 */
import type { CASE_LIST_ATTRIBUTES, CaseRow, TASK_LIST_ATTRIBUTES, TaskRow } from '../../contracts/staff.js';
import type { LocalDate } from '../../contracts/dates.js';
import type { WorkingCalendar } from './calendar.js';
import { maskedName } from './masking.js';
import type { CaseRecord, Clock, TaskRecord } from './records.js';
import { taskSummary } from './views.js';

/**
 * Working days the window has to tell an applicant that an application is incomplete, or to
 * accept it: five (行政许可法 第三十二条, counted in working days by 第八十二条), from submission.
 */
export const PRE_REVIEW_DAYS = 5;

/** What the staff lists' indexes hold of a case, and of a task (contracts/staff.ts): all a row is built from. */
export type ListedCase = Pick<CaseRecord, (typeof CASE_LIST_ATTRIBUTES)[number]>;
export type ListedTask = Pick<TaskRecord, Exclude<(typeof TASK_LIST_ATTRIBUTES)[number], 'listing'>>;

/** The date a case is due: the pre-review's deadline while it waits at the window, else its promised date. */
export function caseDueDate(c: Pick<CaseRecord, 'status' | 'submittedOn' | 'promisedDate'>, calendar: WorkingCalendar): LocalDate {
  return c.status === 'submitted' || c.status === 'deficient' ? calendar.addWorkingDays(c.submittedOn, PRE_REVIEW_DAYS) : c.promisedDate;
}

/** What a task's row shows of its case, written onto the task item whenever the task is (functions/store/data-table.ts). */
export interface TaskListing {
  submittedAt: string;
  applicant: { type: string; name: string };
  bundleCode?: string;
}

export function taskListing(c: CaseRecord): TaskListing {
  return { submittedAt: c.submittedAt, applicant: { type: c.applicant.type, name: c.applicant.name }, ...(c.bundleCode !== undefined ? { bundleCode: c.bundleCode } : {}) };
}

export function caseRow(c: ListedCase, clock: Clock): CaseRow {
  const dueDate = caseDueDate(c, clock.calendar);
  return {
    caseId: c.caseId,
    receiptNumber: c.receiptNumber,
    status: c.status,
    ...(c.itemCode !== undefined ? { itemCode: c.itemCode } : {}),
    ...(c.bundleCode !== undefined ? { bundleCode: c.bundleCode } : {}),
    itemName: c.itemName,
    applicantName: maskedName(c.applicant),
    submittedAt: c.submittedAt,
    dueDate,
    remainingDays: clock.calendar.workingDaysBetween(clock.today, dueDate),
    ...(c.level ? { level: c.level } : {}),
    greenChannel: c.greenChannel,
    ...(c.agent ? { agent: c.agent.username } : {}),
    ...(c.acceptedBy ? { acceptedBy: c.acceptedBy } : {}),
  };
}

/** A task's row; awaiting a signature, its `decision` is the reviewer's proposal, so the signer reads the opinion beside it. */
export function taskRow(t: ListedTask, listing: TaskListing, clock: Clock): TaskRow {
  const summary = taskSummary(t);
  const proposed = !t.decision && t.proposal ? { decision: t.proposal.decision, opinion: t.proposal.opinion } : undefined;
  return {
    ...summary,
    ...(proposed ? { decision: proposed } : {}),
    caseId: t.caseId,
    receiptNumber: t.receiptNumber,
    ...(listing.bundleCode !== undefined ? { bundleCode: listing.bundleCode } : {}),
    applicantName: maskedName(listing.applicant),
    submittedAt: listing.submittedAt,
    remainingDays: clock.calendar.workingDaysBetween(clock.today, t.deadline),
  };
}
