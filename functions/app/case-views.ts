/**
 * A case as its audiences see it, read the one way: the record (usually the case as an
 * update left it), its tasks and its timeline. Applicants get the masked view, staff the
 * view they act on.
 */
import type { CaseView } from '../../contracts/cases.js';
import type { CaseRecord } from '../domain/records.js';
import { caseView, staffCaseView } from '../domain/views.js';
import { getTasks, getTimeline } from '../store/data-table.js';
import { ordersOf } from '../store/orders.js';
import { getRectifications } from '../store/rectifications.js';
import { departmentsOf } from './fee-plans.js';
import { orderView } from './supervision-orders.js';
import { verifyPageUrl } from './verify-page.js';

export async function applicantView(c: CaseRecord): Promise<CaseView> {
  return caseView(c, await getTasks(c.caseId), await getTimeline(c.caseId), departmentsOf(c), verifyPageUrl, await getRectifications(c.caseId));
}

export async function staffView(c: CaseRecord) {
  return {
    case: staffCaseView(c),
    tasks: await getTasks(c.caseId),
    timeline: await getTimeline(c.caseId),
    // The case's supervision orders, answered or not (docs/oversight.md).
    orders: (await ordersOf(c.caseId)).map(orderView),
  };
}
