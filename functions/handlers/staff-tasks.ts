/** Department review: a department's tasks (README, "Staff lists"), and reviewers', chiefs' and leaders' decisions, one or a batch. */
import taskDecisionSchema from '../../contracts/schemas/task-decision.schema.json' with { type: 'json' };
import taskDecisionsSchema from '../../contracts/schemas/task-decisions.schema.json' with { type: 'json' };
import { TASK_STATUSES, type TaskStatus } from '../../contracts/cases.js';
import { taskList } from '../app/lists.js';
import { decide, decideInTurn } from '../app/review.js';
import type { BatchDecisionInput, BatchDecisionResult, TaskDecisionInput } from '../../contracts/staff.js';
import { ValidationError, type FieldError } from '../domain/errors.js';
import { httpHandler, json, jsonBody, languageOf, pathParameter, problemOf, queryParameter, refusalOf } from '../lambda/http.js';
import { listParameters } from '../lambda/list-query.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validateDecision = validator<TaskDecisionInput>(taskDecisionSchema, 'task decision');
const validateBatchShape = validator<BatchDecisionInput>(taskDecisionsSchema, 'batch of task decisions');
const STATUSES: readonly TaskStatus[] = TASK_STATUSES;

function statusOf(raw: string | undefined): TaskStatus | undefined {
  if (raw !== undefined && !STATUSES.includes(raw as TaskStatus)) {
    throw new ValidationError(`status must be one of ${STATUSES.join(', ')}`, [{ path: 'query:status', message: 'is not a task status', rule: 'not_task_status' }]);
  }
  return raw as TaskStatus | undefined;
}

/** The batch, each decision also checked as the single route checks its body: every problem at once, before any is applied. */
function validateBatch(body: unknown): BatchDecisionInput {
  const batch = validateBatchShape(body);
  const fields: FieldError[] = [];
  batch.decisions.forEach(({ taskId: _taskId, ...decision }, i) => {
    try {
      validateDecision(decision, `/decisions/${i}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      fields.push(...(error.fields ?? []));
    }
  });
  if (fields.length > 0) throw new ValidationError('The batch of task decisions is invalid', fields);
  return batch;
}

export const handler = httpHandler({
  'GET /v1/staff/tasks': async (event) =>
    json(200, await taskList(staffOf(event), statusOf(queryParameter(event, 'status')), listParameters(event))),
  'POST /v1/staff/tasks/{taskId}/decision': async (event) => {
    const staff = staffOf(event);
    const taskId = pathParameter(event, 'taskId');
    return json(200, await decide(staff, taskId, validateDecision(jsonBody(event))));
  },
  'POST /v1/staff/tasks/decisions': async (event, context) => {
    const staff = staffOf(event);
    const decided = await decideInTurn(staff, validateBatch(jsonBody(event)).decisions);
    const language = languageOf(event);
    // Each failure answered as the single route would answer it, in the caller's language.
    const results = decided.map((r): BatchDecisionResult =>
      'failure' in r ? { taskId: r.taskId, ok: false, ...problemOf(refusalOf(r.failure, event, context), language) } : { taskId: r.taskId, ok: true, ...(r.task ? { task: r.task } : {}) });
    return json(200, { results });
  },
});
