/** Rectifications (整改) of poor ratings: the lists staff work from, the department's response, the supervisor's close and reopen. */
import responseSchema from '../../contracts/schemas/rectification-response.schema.json' with { type: 'json' };
import reopenSchema from '../../contracts/schemas/rectification-reopen.schema.json' with { type: 'json' };
import { RECTIFICATION_STATUSES, type RectificationReopenRequest, type RectificationResponseRequest } from '../../contracts/ratings.js';
import { closeRectification, listRectifications, reopenRectification, respondToRectification, type RectificationFilter } from '../app/ratings.js';
import { ValidationError } from '../domain/errors.js';
import { httpHandler, json, jsonBody, pathParameter, queryParameter } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validateResponse = validator<RectificationResponseRequest>(responseSchema, 'rectification response');
const validateReopen = validator<RectificationReopenRequest>(reopenSchema, 'rectification reopening');
const FILTERS: readonly RectificationFilter[] = [...RECTIFICATION_STATUSES, 'overdue'];

function filterOf(raw: string | undefined): RectificationFilter | undefined {
  if (raw !== undefined && !FILTERS.includes(raw as RectificationFilter)) {
    throw new ValidationError(`status must be one of ${FILTERS.join(', ')}`, [{ path: 'query:status', message: 'is not a rectification status', rule: 'not_rectification_status' }]);
  }
  return raw as RectificationFilter | undefined;
}

export const handler = httpHandler({
  'GET /v1/staff/rectifications': async (event) => json(200, await listRectifications(staffOf(event), filterOf(queryParameter(event, 'status')))),
  'POST /v1/staff/rectifications/{rectificationId}/response': async (event) => {
    const staff = staffOf(event);
    return json(200, await respondToRectification(staff, pathParameter(event, 'rectificationId'), validateResponse(jsonBody(event))));
  },
  'POST /v1/staff/rectifications/{rectificationId}/close': async (event) => {
    const staff = staffOf(event);
    return json(200, await closeRectification(staff, pathParameter(event, 'rectificationId')));
  },
  'POST /v1/staff/rectifications/{rectificationId}/reopen': async (event) => {
    const staff = staffOf(event);
    return json(200, await reopenRectification(staff, pathParameter(event, 'rectificationId'), validateReopen(jsonBody(event))));
  },
});
