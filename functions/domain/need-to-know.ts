/**
 * Who may read which case, and who sees its personal data (issue 14, docs/need-to-know.md).
 * The window (clerk, agent), supervision and administration read every case; a department's
 * reviewers, chief and leaders only the cases where their department has a task. Personal
 * data is unmasked only for those who handle the case: the clerk, the case's own agent, and
 * the staff of a department with a task in it.
 */
import type { CaseRecord, TaskRecord } from './records.js';
import type { Staff } from './staff.js';

const EVERY_CASE = ['clerk', 'agent', 'supervisor', 'admin'] as const;
const DEPARTMENT_ROLES = ['reviewer', 'chief', 'leader'] as const;

function departmentHasTask(staff: Staff, tasks: readonly TaskRecord[]): boolean {
  return staff.roles.some((r) => (DEPARTMENT_ROLES as readonly string[]).includes(r)) && tasks.some((t) => t.department === staff.department);
}

/** May `staff` know this case exists? Anyone else is answered as for an unknown case. */
export function mayRead(staff: Staff, tasks: readonly TaskRecord[]): boolean {
  return staff.roles.some((r) => (EVERY_CASE as readonly string[]).includes(r)) || departmentHasTask(staff, tasks);
}

/** Does `staff` handle the case, and so see the applicant's personal data unmasked? */
export function handles(staff: Staff, c: CaseRecord, tasks: readonly TaskRecord[]): boolean {
  return staff.roles.includes('clerk') || (staff.roles.includes('agent') && c.agent?.username === staff.username) || departmentHasTask(staff, tasks);
}
