/**
 * A case as its audiences see it, read the one way: the record (usually the case as an
 * update left it), its tasks and its timeline. Applicants get the masked view, staff the
 * view they act on.
 */
import type { CaseView } from '../../contracts/cases.js';
import type { CaseRecord } from '../domain/records.js';
import { orderView } from '../domain/supervision-orders.js';
import { caseView, staffCaseDetail } from '../domain/views.js';
import { getTasks, getTimeline } from '../store/data-table.js';
import { ordersOf } from '../store/orders.js';
import { getRectifications } from '../store/rectifications.js';
import { departmentsOf } from './fee-plans.js';
import type { StaffCaseRead } from './staff-access.js';
import { verifyPageUrl } from './verify-page.js';

export async function applicantView(c: CaseRecord): Promise<CaseView> {
  return caseView(c, await getTasks(c.caseId), await getTimeline(c.caseId), departmentsOf(c), verifyPageUrl, await getRectifications(c.caseId));
}

/**
 * The one staff view of a case (`GET /v1/staff/cases/{caseId}` and the answer of every staff
 * POST on a case), masked unless the reader handles the case (functions/app/staff-access.ts).
 */
export async function staffView({ case: c, tasks, unmasked }: StaffCaseRead) {
  const [timeline, orders, rectifications] = await Promise.all([getTimeline(c.caseId), ordersOf(c.caseId), getRectifications(c.caseId)]);
  // The case's supervision orders, answered or not (docs/oversight.md); its rectifications (docs/ratings.md).
  return staffCaseDetail(c, tasks, unmasked, { timeline, orders: orders.map(orderView), rectifications });
}
