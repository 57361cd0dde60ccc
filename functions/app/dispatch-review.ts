/** The fan-out: an accepted case becomes one task per reviewing department. Idempotent: a replay finds the case dispatched. */
import type { OutboxEvent } from '../../contracts/events.js';
import { dispatch } from '../domain/case.js';
import { clock } from '../lambda/clock.js';
import { updateCase } from '../store/data-table.js';
import { clockRulesOf } from './deadlines.js';

/** On `case.accepted`: one task per reviewing department of the case's first stages. */
export async function dispatchReview(event: OutboxEvent): Promise<void> {
  await updateCase(event.caseId, event.county, (c) => dispatch(c, clock(), clockRulesOf(c)));
}
