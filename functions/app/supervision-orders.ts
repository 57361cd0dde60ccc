/**
 * Supervision orders (督办) through the API, and their escalation by the deadline watch
 * (docs/oversight.md). Each step writes the order item in its case's transaction, with the
 * case's timeline entry and the event, so none is written without the others.
 */
import { randomBytes } from 'node:crypto';
import { WriteConflictError, updateCase } from '../store/data-table.js';
import { getOrder, orderWrite } from '../store/orders.js';
import { timerPartition } from '../store/keys.js';
import { dueTimers, timersIn } from '../store/timers.js';
import { strip } from '../store/data-table.js';
import type { CaseRecord, Change, Clock } from '../domain/records.js';
import { requireRole, type Staff } from '../domain/staff.js';
import {
  caseIdOfOrder,
  escalateOrder,
  issueOrder,
  listableDepartment,
  orderId,
  orderNotFound,
  orderView,
  replyToOrder,
  type OrderInput,
  type SupervisionOrder,
} from '../domain/supervision-orders.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { staffView } from './case-views.js';
import { servedCatalog } from './served-catalog.js';
import { caseAfterChange } from './staff-access.js';

/** Issues an order: the answer is the staff view of the case as the supervisor sees it, with the `order` issued. */
export async function issueSupervisionOrder(staff: Staff, caseId: string, input: OrderInput) {
  const id = orderId(caseId, randomBytes(8).toString('hex'));
  let issued: SupervisionOrder | undefined;
  const { after } = await updateCase(
    caseId,
    servedCatalog().county,
    (c, tasks) => {
      const { order, change } = issueOrder(c, tasks, staff, input, id, clock());
      issued = order;
      return change;
    },
    { extra: () => [orderWrite(issued!, undefined)] },
  );
  return { ...(await staffView(await caseAfterChange(staff, after))), order: orderView(issued!) };
}

const ATTEMPTS = 8;

/**
 * Read-decide-write of one order and its case: both items are written on the versions read,
 * so a reply and an escalation racing for the same order are decided one after the other.
 * Null when `decide` has nothing to do.
 */
async function updateOrder(
  id: string,
  decide: (order: SupervisionOrder, c: CaseRecord) => { order: SupervisionOrder; change: Change } | null,
): Promise<SupervisionOrder | null> {
  const caseId = caseIdOfOrder(id);
  if (!caseId) throw orderNotFound(id);
  for (let attempt = 1; ; attempt++) {
    const order = await getOrder(caseId, id);
    if (!order) throw orderNotFound(id);
    let next: SupervisionOrder | undefined;
    try {
      await updateCase(
        caseId,
        order.county,
        (c) => {
          const decided = decide(order, c);
          next = decided?.order;
          return decided?.change ?? null;
        },
        { attempts: 1, extra: () => [orderWrite(next!, order)] },
      );
      return next ?? null;
    } catch (error) {
      if (!(error instanceof WriteConflictError) || attempt >= ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(800, 10 * 2 ** attempt)));
    }
  }
}

export async function replySupervisionOrder(staff: Staff, id: string, text: string) {
  // Before the order is looked up: who is not a chief learns nothing of which orders exist.
  requireRole(staff, 'chief');
  const replied = await updateOrder(id, (order) => replyToOrder(order, staff, text, clock()));
  return orderView(replied!);
}

/** The listable statuses: each is one timer partition (a replied order has left the index; see its case). */
export const LISTED_STATUSES = { open: timerPartition('order'), escalated: timerPartition('order', 'escalated') } as const;
export type ListedStatus = keyof typeof LISTED_STATUSES;

export async function listSupervisionOrders(staff: Staff, status: ListedStatus) {
  const department = listableDepartment(staff);
  const orders = (await timersIn(LISTED_STATUSES[status])).map((i) => strip<SupervisionOrder>(i)!);
  return { status, ...(department ? { department } : {}), orders: orders.filter((o) => !department || o.department === department).map(orderView) };
}

/**
 * The deadline watch's `order` timers: every unanswered order past its reply deadline
 * escalates, once (the order's version is the lock; an escalated order has left `WATCH#order`).
 */
export async function escalateDueOrders(at: Clock): Promise<number> {
  let changed = 0;
  const failed: string[] = [];
  for (const item of await dueTimers(timerPartition('order'), at.now)) {
    const id = String(item.orderId);
    try {
      if (await updateOrder(id, (order) => escalateOrder(order, at))) changed++;
    } catch (error) {
      logger.error('supervision order not escalated', { orderId: id, error: error as Error });
      failed.push(id);
    }
  }
  if (failed.length > 0) throw new Error(`Supervision orders not escalated: ${failed.join(', ')}`);
  return changed;
}
