/** Department review: a department's task queue by deadline, and reviewers' and chiefs' decisions. */
import taskDecisionSchema from '../../contracts/schemas/task-decision.schema.json' with { type: 'json' };
import { caseIdOfTask } from '../domain/codes.js';
import { decideTask, type TaskDecisionInput, type TaskRecord } from '../domain/case.js';
import type { TaskStatus } from '../../contracts/cases.js';
import { requireRole } from '../domain/staff.js';
import { staffCaseView, taskSummary } from '../domain/views.js';
import { servedCatalog } from '../app/served-catalog.js';
import { clock } from '../lambda/clock.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { httpHandler, json, jsonBody, pathParameter, queryParameter } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';
import { queryQueue, updateCase } from '../store/data-table.js';
import { taskQueue } from '../store/keys.js';

const validateDecision = validator<TaskDecisionInput>(taskDecisionSchema, 'task decision');
const STATUSES: TaskStatus[] = ['pending', 'suspended', 'awaiting_signature', 'approved', 'rejected'];

export const handler = httpHandler({
  'GET /v1/staff/tasks': async (event) => {
    const staff = staffOf(event);
    requireRole(staff, 'reviewer', 'chief');
    const fallback: TaskStatus = staff.roles.includes('reviewer') ? 'pending' : 'awaiting_signature';
    const status = (queryParameter(event, 'status') ?? fallback) as TaskStatus;
    if (!STATUSES.includes(status)) {
      throw new ValidationError(`status must be one of ${STATUSES.join(', ')}`, [{ path: 'query:status', message: 'is not a task status' }]);
    }
    // Sort key `<status>#<deadline>#<taskId>`: the earliest deadline comes first.
    const tasks = await queryQueue<TaskRecord>(taskQueue(staff.department), `${status}#`, 100);
    return json(200, { department: staff.department, status, tasks: tasks.map(taskSummary) });
  },
  'POST /v1/staff/tasks/{taskId}/decision': async (event) => {
    const staff = staffOf(event);
    const taskId = pathParameter(event, 'taskId');
    const input = validateDecision(jsonBody(event));
    const caseId = caseIdOfTask(taskId);
    if (!caseId) throw new NotFoundError(`No task ${taskId}`, 'TASK_NOT_FOUND');
    const { county } = servedCatalog();
    let decided: TaskRecord | undefined;
    const { change } = await updateCase(caseId, county, (c, tasks) => {
      const task = tasks.find((t) => t.taskId === taskId);
      if (!task) throw new NotFoundError(`No task ${taskId}`, 'TASK_NOT_FOUND');
      const result = decideTask(c, task, staff, input, clock());
      decided = result.tasks[0]?.next;
      return result;
    }).catch((error: unknown) => {
      if (error instanceof NotFoundError && error.code === 'CASE_NOT_FOUND') throw new NotFoundError(`No task ${taskId}`, 'TASK_NOT_FOUND');
      throw error;
    });
    return json(200, { task: decided ? taskSummary(decided) : undefined, case: change?.case ? staffCaseView(change.case.next) : undefined });
  },
});
