/**
 * One case read by staff under the need-to-know rule (functions/domain/need-to-know.ts,
 * docs/need-to-know.md): a case they may not know of is answered like an unknown one (404),
 * and every read that shows personal data unmasked is written to the access log first.
 */
import { NotFoundError } from '../domain/errors.js';
import { handles, mayRead } from '../domain/need-to-know.js';
import type { CaseRecord, TaskRecord } from '../domain/records.js';
import type { Staff } from '../domain/staff.js';
import { clock } from '../lambda/clock.js';
import { putAccessEntry, type AccessEntry } from '../store/access-log.js';
import { getCase, getTasks } from '../store/data-table.js';

export interface StaffCaseRead {
  case: CaseRecord;
  tasks: TaskRecord[];
  unmasked: boolean;
}

const notFound = (caseId: string) => new NotFoundError(`No case ${caseId}`, 'CASE_NOT_FOUND', { params: { caseId } });

/** The case and its tasks, if `staff` may know of it; else the very 404 of an unknown case. */
export async function caseKnownTo(staff: Staff, caseId: string): Promise<{ case: CaseRecord; tasks: TaskRecord[] }> {
  const [found, tasks] = await Promise.all([getCase(caseId), getTasks(caseId)]);
  if (!found || !mayRead(staff, tasks)) throw notFound(caseId);
  return { case: found, tasks };
}

/** Writes one access-log entry: `staff` read `what` (and `detail`) of case `c` unmasked. */
export async function logAccess(staff: Staff, c: CaseRecord, what: AccessEntry['what'], detail?: string): Promise<void> {
  await putAccessEntry({
    at: clock().now,
    username: staff.username,
    roles: staff.roles,
    department: staff.department,
    caseId: c.caseId,
    receiptNumber: c.receiptNumber,
    what,
    ...(detail ? { detail } : {}),
  });
}

/** Whether `staff` sees the case unmasked; such a read is logged as `what` first. */
async function disclose(staff: Staff, c: CaseRecord, tasks: TaskRecord[], what: AccessEntry['what'], detail?: string): Promise<StaffCaseRead> {
  const unmasked = handles(staff, c, tasks);
  if (unmasked) await logAccess(staff, c, what, detail);
  return { case: c, tasks, unmasked };
}

/** The case, if `staff` may know of it; logs the read as `what` (and `detail`) when it is unmasked. */
export async function readCaseAsStaff(staff: Staff, caseId: string, what: AccessEntry['what'], detail?: string): Promise<StaffCaseRead> {
  const known = await caseKnownTo(staff, caseId);
  return disclose(staff, known.case, known.tasks, what, detail);
}

/**
 * The case as `staff` just left it (the answer to their change, which their role allowed):
 * read as a view of the case, logged when unmasked.
 */
export async function caseAfterChange(staff: Staff, c: CaseRecord): Promise<StaffCaseRead> {
  return disclose(staff, c, await getTasks(c.caseId), 'case');
}
