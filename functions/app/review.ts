/** Department review: reviewers', chiefs' and leaders' decisions, one at a time or several in turn. */
import type { TaskSummary } from '../../contracts/cases.js';
import { publishedCatalogs } from '../../catalog/index.js';
import { allowsSingleSigner, decideTask } from '../domain/case.js';
import type { TaskDecisionInput } from '../../contracts/staff.js';
import { caseIdOfTask } from '../domain/codes.js';
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors.js';
import type { TaskRecord } from '../domain/records.js';
import { requireRole, type Staff } from '../domain/staff.js';
import { staffCaseView, taskSummary } from '../domain/views.js';
import { clock } from '../lambda/clock.js';
import { ajv, fieldErrors } from '../lambda/validate.js';
import { updateCase } from '../store/data-table.js';
import { servedCatalog } from './served-catalog.js';

/**
 * The values an approval assigns, checked against the field's definition in the catalog's
 * forms (a credit code must be a valid one), so the departments after it get what their
 * own form would have accepted. Which fields the task must assign is the domain's check.
 */
function assignedValueErrors(assigned: Record<string, string> | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(assigned ?? {})) {
    const definition = servedCatalog().source.items
      .map((item) => (item.formSchema.properties as Record<string, object> | undefined)?.[field])
      .find((d) => d !== undefined);
    if (!definition) continue;
    const validate = ajv().compile(definition);
    if (!validate(value)) errors.push(...fieldErrors(validate.errors, `/assigned/${field}`, value));
  }
  return errors;
}

export async function decide(staff: Staff, taskId: string, input: TaskDecisionInput) {
  const notFound = () => new NotFoundError(`No task ${taskId}`, 'TASK_NOT_FOUND', { params: { taskId } });
  const caseId = caseIdOfTask(taskId);
  if (!caseId) throw notFound();
  const valueErrors = assignedValueErrors('assigned' in input ? input.assigned : undefined);
  if (valueErrors.length > 0) throw new ValidationError('An assigned value is invalid', valueErrors, 'ASSIGNED_FIELDS_INVALID');
  let decided: TaskRecord | undefined;
  const { change } = await updateCase(caseId, servedCatalog().county, (c, tasks) => {
    const task = tasks.find((t) => t.taskId === taskId);
    if (!task) throw notFound();
    const result = decideTask(c, task, staff, input, clock(), { singleSigner: allowsSingleSigner(publishedCatalogs[c.catalogVersion], task) });
    decided = result.tasks[0]?.next;
    return result;
  }).catch((error: unknown) => {
    if (error instanceof NotFoundError && error.code === 'CASE_NOT_FOUND') throw notFound();
    throw error;
  });
  return { task: decided ? taskSummary(decided) : undefined, case: change?.case ? staffCaseView(change.case.next) : undefined };
}

/**
 * Several decisions (a chief signing a morning's approvals), each through {@link decide} on its
 * own, in the order given and one after another (two on one case would otherwise conflict):
 * each is its own transaction, and one that fails is reported and leaves the others to go on.
 */
export async function decideInTurn(staff: Staff, decisions: readonly ({ taskId: string } & TaskDecisionInput)[]) {
  requireRole(staff, 'reviewer', 'chief', 'leader');
  const results: ({ taskId: string; task?: TaskSummary } | { taskId: string; failure: unknown })[] = [];
  for (const { taskId, ...input } of decisions) {
    try {
      results.push({ taskId, task: (await decide(staff, taskId, input as TaskDecisionInput)).task });
    } catch (failure) {
      results.push({ taskId, failure });
    }
  }
  return results;
}
