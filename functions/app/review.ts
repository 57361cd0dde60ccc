/**
 * Department review: an accepted case fanned out into one task per reviewing department,
 * each department's queue by deadline, reviewers' and chiefs' decisions, and the fan-in
 * that completes stages, starts the next ones and completes or ends the case (issuing the
 * fee ticket when its fee point is the approval). The workers are idempotent: a replay
 * finds the case already moved on.
 */
import type { TaskStatus } from '../../contracts/cases.js';
import type { OutboxEvent } from '../../contracts/events.js';
import { decideTask, dispatch, progress, type TaskDecisionInput } from '../domain/case.js';
import { caseIdOfTask } from '../domain/codes.js';
import { NotFoundError } from '../domain/errors.js';
import type { TaskRecord } from '../domain/records.js';
import { withHandover } from '../domain/results.js';
import { requireRole, type Staff } from '../domain/staff.js';
import { staffCaseView, taskSummary } from '../domain/views.js';
import { clock } from '../lambda/clock.js';
import { queryQueue, updateCase } from '../store/data-table.js';
import { taskQueue } from '../store/keys.js';
import { feePlanOf } from './fee-plans.js';
import { servedCatalog } from './served-catalog.js';

/** On `case.accepted`: one task per reviewing department of the case's first stages. */
export async function dispatchReview(event: OutboxEvent): Promise<void> {
  await updateCase(event.caseId, event.county, (c) => dispatch(c, clock()));
}

/** After a signed decision: stages, the next stages, the case's end (and its handover, when every result is in). */
export async function progressCase(event: OutboxEvent): Promise<void> {
  await updateCase(event.caseId, event.county, (c, tasks) => {
    const now = clock();
    return withHandover(progress(c, tasks, now, feePlanOf(c)), tasks, now);
  });
}

/** A department's tasks in one status, earliest deadline first; a reviewer sees pending ones by default, a chief those awaiting signature. */
export async function departmentTasks(staff: Staff, status: TaskStatus | undefined) {
  requireRole(staff, 'reviewer', 'chief');
  const shown = status ?? (staff.roles.includes('reviewer') ? 'pending' : 'awaiting_signature');
  // Sort key `<status>#<deadline>#<taskId>`: the earliest deadline comes first.
  const tasks = await queryQueue<TaskRecord>(taskQueue(staff.department), `${shown}#`, 100);
  return { department: staff.department, status: shown, tasks: tasks.map(taskSummary) };
}

export async function decide(staff: Staff, taskId: string, input: TaskDecisionInput) {
  const notFound = () => new NotFoundError(`No task ${taskId}`, 'TASK_NOT_FOUND');
  const caseId = caseIdOfTask(taskId);
  if (!caseId) throw notFound();
  let decided: TaskRecord | undefined;
  const { change } = await updateCase(caseId, servedCatalog().county, (c, tasks) => {
    const task = tasks.find((t) => t.taskId === taskId);
    if (!task) throw notFound();
    const result = decideTask(c, task, staff, input, clock());
    decided = result.tasks[0]?.next;
    return result;
  }).catch((error: unknown) => {
    if (error instanceof NotFoundError && error.code === 'CASE_NOT_FOUND') throw notFound();
    throw error;
  });
  return { task: decided ? taskSummary(decided) : undefined, case: change?.case ? staffCaseView(change.case.next) : undefined };
}
