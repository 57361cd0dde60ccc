/** Department review: a department's task queue by deadline, and reviewers' and chiefs' decisions. */
import taskDecisionSchema from '../../contracts/schemas/task-decision.schema.json' with { type: 'json' };
import { TASK_STATUSES, type TaskStatus } from '../../contracts/cases.js';
import { decide, departmentTasks } from '../app/review.js';
import type { TaskDecisionInput } from '../../contracts/staff.js';
import { ValidationError } from '../domain/errors.js';
import { httpHandler, json, jsonBody, pathParameter, queryParameter } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validateDecision = validator<TaskDecisionInput>(taskDecisionSchema, 'task decision');
const STATUSES: readonly TaskStatus[] = TASK_STATUSES;

function statusOf(raw: string | undefined): TaskStatus | undefined {
  if (raw !== undefined && !STATUSES.includes(raw as TaskStatus)) {
    throw new ValidationError(`status must be one of ${STATUSES.join(', ')}`, [{ path: 'query:status', message: 'is not a task status', rule: 'not_task_status' }]);
  }
  return raw as TaskStatus | undefined;
}

export const handler = httpHandler({
  'GET /v1/staff/tasks': async (event) => {
    const staff = staffOf(event);
    return json(200, await departmentTasks(staff, statusOf(queryParameter(event, 'status'))));
  },
  'POST /v1/staff/tasks/{taskId}/decision': async (event) => {
    const staff = staffOf(event);
    const taskId = pathParameter(event, 'taskId');
    return json(200, await decide(staff, taskId, validateDecision(jsonBody(event))));
  },
});
