/**
 * The staff lists (README, "Staff lists"): the window's cases and a department's tasks, a page
 * at a time in the order asked for, filtered, each row what its list shows (domain/lists.ts).
 */
import type { CaseStatus, TaskStatus } from '../../contracts/cases.js';
import type { CASE_LIST_ATTRIBUTES, CaseRow, ListParameters, Page, TASK_LIST_ATTRIBUTES, TaskRow } from '../../contracts/staff.js';
import { ValidationError } from '../domain/errors.js';
import { caseRow, taskRow, type ListedCase, type ListedTask, type TaskListing } from '../domain/lists.js';
import { departmentScope, requireRole, type Staff } from '../domain/staff.js';
import { clock } from '../lambda/clock.js';
import { strip } from '../store/data-table.js';
import { caseQueue, taskQueue } from '../store/keys.js';
import { queryList, type ListCondition } from '../store/lists.js';
import { servedDepartment } from './served-catalog.js';

type CaseListAttribute = (typeof CASE_LIST_ATTRIBUTES)[number];
type TaskListAttribute = (typeof TASK_LIST_ATTRIBUTES)[number];

/** An attribute the list indexes copy (contracts/staff.ts), or a path into one: all a filter may compare. */
type ListedPath<A extends string> = A | `${A}.${string}`;

/** The attribute paths each filter compares, on a case or a task item. */
interface FilterPaths<A extends string> {
  item: ListedPath<A>;
  bundle: ListedPath<A>;
  mine: readonly ListedPath<A>[];
}

function conditionsOf<A extends string>(p: ListParameters, staff: Staff, paths: FilterPaths<A>): ListCondition[] {
  return [
    ...(p.item !== undefined ? [{ paths: [paths.item], value: p.item }] : []),
    ...(p.bundle !== undefined ? [{ paths: [paths.bundle], value: p.bundle }] : []),
    ...(p.level !== undefined ? [{ paths: ['level'], value: p.level }] : []),
    ...(p.mine ? [{ paths: paths.mine, value: staff.username }] : []),
  ];
}

/**
 * Cases in one status, oldest submission first unless sorted by the date due; `mine`: the
 * ones the caller accepted, or (an agent) the green-channel cases they act in.
 */
export async function caseList(staff: Staff, status: CaseStatus, p: ListParameters): Promise<{ status: CaseStatus; cases: CaseRow[] } & Page> {
  requireRole(staff, 'clerk', 'agent', 'supervisor', 'admin');
  const page = await queryList({
    queuePk: caseQueue(status),
    sort: p.sort ?? 'submitted',
    prefix: '',
    dueBefore: p.dueBefore,
    conditions: conditionsOf<CaseListAttribute>(p, staff, { item: 'itemCode', bundle: 'bundleCode', mine: ['acceptedBy', 'agent.username'] }),
    limit: p.limit,
    cursor: p.cursor,
  });
  const now = clock();
  return { status, cases: page.items.map((item) => caseRow(strip<ListedCase>(item)!, now)), ...(page.next ? { next: page.next } : {}) };
}

function defaultStatus(staff: Staff): TaskStatus {
  if (staff.roles.includes('reviewer')) return 'pending';
  if (staff.roles.includes('chief')) return 'awaiting_signature';
  return staff.roles.includes('leader') ? 'awaiting_leader' : 'pending';
}

/**
 * A department's tasks in one status, earliest deadline first unless sorted by submission.
 * By default a reviewer (and a supervisor or admin) sees pending ones, a chief those awaiting
 * signature, a leader those the chief referred. Reviewers, chiefs and leaders see their own
 * department; supervisors and admins name one. `mine`: the tasks the caller proposed or signed.
 */
export async function taskList(staff: Staff, status: TaskStatus | undefined, p: ListParameters): Promise<{ department: string; status: TaskStatus; tasks: TaskRow[] } & Page> {
  requireRole(staff, 'reviewer', 'chief', 'leader', 'supervisor', 'admin');
  const department = departmentScope(staff, p.department);
  if (department === undefined) {
    throw new ValidationError('Name the department whose tasks to list', [{ path: 'query:department', message: 'is required', rule: 'required' }]);
  }
  servedDepartment(department);
  const shown = status ?? defaultStatus(staff);
  const page = await queryList({
    queuePk: taskQueue(department),
    sort: p.sort ?? 'deadline',
    prefix: `${shown}#`,
    dueBefore: p.dueBefore,
    conditions: conditionsOf<TaskListAttribute>(p, staff, { item: 'itemCode', bundle: 'listing.bundleCode', mine: ['proposal.by', 'decision.proposedBy', 'decision.signedBy'] }),
    limit: p.limit,
    cursor: p.cursor,
  });
  const now = clock();
  const tasks = page.items.map((item) => taskRow(strip<ListedTask>(item)!, item.listing as TaskListing, now));
  return { department, status: shown, tasks, ...(page.next ? { next: page.next } : {}) };
}
