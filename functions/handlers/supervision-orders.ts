/** Supervision orders (督办): issued by a supervisor on a case, replied to by the department's chief, listed while unanswered. */
import orderSchema from '../../contracts/schemas/supervision-order.schema.json' with { type: 'json' };
import replySchema from '../../contracts/schemas/supervision-reply.schema.json' with { type: 'json' };
import { issueSupervisionOrder, LISTED_STATUSES, listSupervisionOrders, replySupervisionOrder, type ListedStatus } from '../app/supervision-orders.js';
import { ValidationError } from '../domain/errors.js';
import type { OrderInput } from '../domain/supervision-orders.js';
import { httpHandler, json, jsonBody, pathParameter, queryParameter } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validateOrder = validator<OrderInput>(orderSchema, 'supervision order');
const validateReply = validator<{ reply: string }>(replySchema, 'reply');

function statusOf(raw: string | undefined): ListedStatus {
  const status = raw ?? 'open';
  if (!(status in LISTED_STATUSES)) {
    const values = Object.keys(LISTED_STATUSES).join(', ');
    throw new ValidationError(`status must be one of ${values}`, [{ path: 'query:status', message: `must be one of ${values}`, rule: 'one_of', params: { values } }]);
  }
  return status as ListedStatus;
}

export const handler = httpHandler({
  'POST /v1/staff/cases/{caseId}/supervision-orders': async (event) =>
    json(201, await issueSupervisionOrder(staffOf(event), pathParameter(event, 'caseId'), validateOrder(jsonBody(event)))),
  'POST /v1/staff/supervision-orders/{orderId}/reply': async (event) =>
    json(200, await replySupervisionOrder(staffOf(event), pathParameter(event, 'orderId'), validateReply(jsonBody(event)).reply)),
  'GET /v1/staff/supervision-orders': async (event) => json(200, await listSupervisionOrders(staffOf(event), statusOf(queryParameter(event, 'status')))),
});
