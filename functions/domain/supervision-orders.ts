/**
 * Supervision orders (督办): a supervisor orders a department to account for a case by a
 * reply date; the department's chief replies once. An order still unanswered at the end of
 * its reply date escalates: the department gets a red card (红牌), which stays on its record
 * even when the reply comes later (docs/oversight.md).
 *
 * Pure rules: who may issue and reply, what an order must name, and the `Change` each step
 * makes of its case (timeline entry and event); the store writes the order item beside it.
 */
import type { LocalDate } from '../../contracts/dates.js';
import { isLocalDate } from './calendar.js';
import { ConflictError, NotFoundError, UnprocessableError, type FieldError } from './errors.js';
import type { CaseRecord, Change, Clock, TaskRecord } from './records.js';
import { requireDepartment, requireRole, type Staff } from './staff.js';

export interface SupervisionOrder {
  orderId: string;
  caseId: string;
  receiptNumber: string;
  county: string;
  department: string;
  reason: string;
  issuedBy: string;
  issuedAt: string;
  /** The last day to reply, Asia/Shanghai. */
  replyBy: LocalDate;
  /** The end of `replyBy` in Asia/Shanghai: the instant the order escalates if still unanswered. */
  replyDueAt: string;
  status: 'open' | 'replied';
  /** When it escalated (the department's red card); kept once set. */
  escalatedAt?: string;
  reply?: { by: string; at: string; text: string };
  /** Optimistic lock of the order item. */
  version: number;
}

export interface OrderInput {
  department: string;
  reason: string;
  replyBy: string;
}

/** Orders are addressed by their case and a random suffix, so the id finds the case without a scan (as task ids do). */
export function orderId(caseId: string, suffix: string): string {
  return `${caseId}-o${suffix}`;
}

export function caseIdOfOrder(id: string): string | undefined {
  const at = id.lastIndexOf('-o');
  return at > 0 && /^[0-9a-f]{8,32}$/.test(id.slice(at + 2)) ? id.slice(0, at) : undefined;
}

const SHANGHAI_OFFSET_HOURS = 8;

/** The last instant of a Shanghai day, as an ISO instant: 23:59:59.999 local. */
export function endOfShanghaiDay(day: LocalDate): string {
  const start = Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_HOURS * 3_600_000;
  return new Date(start + 24 * 3_600_000 - 1).toISOString();
}

/** The order's state for the watch: whether it is unanswered and past its deadline. */
export const isEscalated = (o: SupervisionOrder): boolean => o.escalatedAt !== undefined;

/**
 * A new order on a case: the department must review the case (have a task on it), the reply
 * date be today or later and a working day. Any case status: a finished case may be
 * supervised too. Returns the order and the change of its case.
 */
export function issueOrder(
  c: CaseRecord,
  tasks: readonly TaskRecord[],
  staff: Staff,
  input: OrderInput,
  id: string,
  clock: Clock,
): { order: SupervisionOrder; change: Change } {
  requireRole(staff, 'supervisor', 'admin');
  const fields: FieldError[] = [];
  if (!tasks.some((t) => t.department === input.department)) {
    fields.push({ path: '/department', message: `Department ${input.department} has no task on case ${c.receiptNumber}`, rule: 'department_not_on_case', params: { department: input.department, receiptNumber: c.receiptNumber } });
  }
  if (!isLocalDate(input.replyBy)) {
    fields.push({ path: '/replyBy', message: 'is not a date (YYYY-MM-DD)', rule: 'not_date' });
  } else if (input.replyBy < clock.today) {
    fields.push({ path: '/replyBy', message: `must be today (${clock.today}) or later`, rule: 'reply_by_past', params: { today: clock.today } });
  } else if (!clock.calendar.isWorkingDay(input.replyBy)) {
    fields.push({ path: '/replyBy', message: `${input.replyBy} is not a working day (a weekend or public holiday)`, rule: 'not_working_day', params: { date: input.replyBy } });
  }
  if (fields.length > 0) throw new UnprocessableError('ORDER_REFUSED', 'The supervision order cannot be issued as asked', fields);
  const replyBy = input.replyBy as LocalDate;
  const order: SupervisionOrder = {
    orderId: id,
    caseId: c.caseId,
    receiptNumber: c.receiptNumber,
    county: c.county,
    department: input.department,
    reason: input.reason,
    issuedBy: staff.username,
    issuedAt: clock.now,
    replyBy,
    replyDueAt: endOfShanghaiDay(replyBy),
    status: 'open',
    version: 1,
  };
  return {
    order,
    change: {
      tasks: [],
      timeline: [{ at: clock.now, actor: staffActor(staff), action: 'supervision.ordered', detail: { orderId: id, department: input.department, replyBy } }],
      events: [{ type: 'supervision.ordered', data: { orderId: id, department: input.department } }],
    },
  };
}

const staffActor = (staff: Staff) => ({ type: 'staff' as const, id: staff.username, role: staff.roles.join(','), department: staff.department });

export const orderNotFound = (id: string) => new NotFoundError(`No supervision order ${id}`, 'ORDER_NOT_FOUND', { params: { orderId: id } });

/**
 * The department's chief replies, once. A reply after escalation is recorded as well; the
 * red card stays. Another department's chief is refused as a task of another department is
 * (403 `OTHER_DEPARTMENT`): the order's existence is no secret among staff.
 */
export function replyToOrder(order: SupervisionOrder, staff: Staff, text: string, clock: Clock): { order: SupervisionOrder; change: Change } {
  requireRole(staff, 'chief');
  requireDepartment(staff, order.department);
  if (order.status !== 'open') {
    throw new ConflictError('ORDER_ALREADY_REPLIED', `Supervision order ${order.orderId} was replied to already`, { params: { orderId: order.orderId } });
  }
  const next: SupervisionOrder = { ...order, status: 'replied', reply: { by: staff.username, at: clock.now, text }, version: order.version + 1 };
  return {
    order: next,
    change: {
      tasks: [],
      timeline: [{ at: clock.now, actor: staffActor(staff), action: 'supervision.replied', detail: { orderId: order.orderId, department: order.department, late: isEscalated(order) } }],
      events: [{ type: 'supervision.replied', data: { orderId: order.orderId, department: order.department } }],
    },
  };
}

/** An order unanswered past its reply deadline escalates (a red card); null when it is not due, or answered, or escalated already. */
export function escalateOrder(order: SupervisionOrder, clock: Clock): { order: SupervisionOrder; change: Change } | null {
  if (order.status !== 'open' || isEscalated(order) || order.replyDueAt > clock.now) return null;
  const next: SupervisionOrder = { ...order, escalatedAt: clock.now, version: order.version + 1 };
  return {
    order: next,
    change: {
      tasks: [],
      timeline: [{ at: clock.now, actor: { type: 'system', id: 'deadline-watch' }, action: 'supervision.escalated', detail: { orderId: order.orderId, department: order.department, replyBy: order.replyBy } }],
      events: [{ type: 'supervision.escalated', data: { orderId: order.orderId, department: order.department } }],
    },
  };
}

/** Which orders a staff member may list: supervisors and admins every department's, a chief their own. */
export function listableDepartment(staff: Staff): string | undefined {
  requireRole(staff, 'supervisor', 'admin', 'chief');
  return staff.roles.includes('supervisor') || staff.roles.includes('admin') ? undefined : staff.department;
}

/** An order as staff see it (without its lock). */
export function orderView(o: SupervisionOrder): Omit<SupervisionOrder, 'version'> {
  const { version: _version, ...view } = o;
  return view;
}
