/** The access log of unmasked reads of personal data, a Shanghai day at a time, for supervisors and admins (docs/need-to-know.md). */
import { accessLogOf } from '../app/access-log.js';
import { httpHandler, json, limitParameter, pathParameter, queryParameter } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';

export const handler = httpHandler({
  'GET /v1/staff/access-log/{day}': async (event) =>
    json(200, await accessLogOf(staffOf(event), pathParameter(event, 'day'), { limit: limitParameter(event, 100), cursor: queryParameter(event, 'cursor') })),
});
