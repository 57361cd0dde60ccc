/**
 * One case read by staff under the need-to-know rule (functions/domain/need-to-know.ts): a
 * case they may not know of is answered like an unknown one (404), and every read that
 * shows personal data unmasked is written to the access log first.
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

/** The case, if `staff` may know of it; logs the read as `what` (and `detail`) when it is unmasked. */
export async function readCaseAsStaff(staff: Staff, caseId: string, what: AccessEntry['what'], detail?: string): Promise<StaffCaseRead> {
  const [found, tasks] = await Promise.all([getCase(caseId), getTasks(caseId)]);
  if (!found || !mayRead(staff, tasks)) throw notFound(caseId);
  const unmasked = handles(staff, found, tasks);
  if (unmasked) {
    await putAccessEntry({
      at: clock().now,
      username: staff.username,
      roles: staff.roles,
      department: staff.department,
      caseId,
      receiptNumber: found.receiptNumber,
      what,
      ...(detail ? { detail } : {}),
    });
  }
  return { case: found, tasks, unmasked };
}
