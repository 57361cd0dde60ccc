/**
 * Reading messages (docs/notifications.md): the applicant's, with the query code, and their
 * opt-out of non-essential ones; a staff member's, a page at a time. Worded in the request's language.
 */
import preferencesSchema from '../../contracts/schemas/notification-preferences.schema.json' with { type: 'json' };
import type { NotificationPreferences } from '../../contracts/notifications.js';
import { applicantCase } from '../app/access.js';
import { messagesOfCase, messagesOfStaff, setNotificationPreferences } from '../app/messages.js';
import { requireQueryCode } from '../lambda/applicant-auth.js';
import { httpHandler, json, jsonBody, languageOf, limitParameter, pathParameter, queryParameter, type HttpEvent } from '../lambda/http.js';
import { CONTENT_LANGUAGE } from '../lambda/language.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validatePreferences = validator<NotificationPreferences>(preferencesSchema, 'notification preferences');

const caseOf = (event: HttpEvent) => applicantCase(pathParameter(event, 'receiptNumber'), requireQueryCode(event));

/** The language the messages are worded in, and the headers saying so. */
function wording(event: HttpEvent) {
  const language = CONTENT_LANGUAGE[languageOf(event)];
  return { language, headers: { 'content-language': language, vary: 'Accept-Language' } };
}

export const handler = httpHandler({
  'GET /v1/applications/{receiptNumber}/messages': async (event) => {
    const { language, headers } = wording(event);
    return json(200, await messagesOfCase(await caseOf(event), language), headers);
  },
  'PUT /v1/applications/{receiptNumber}/notification-preferences': async (event) => {
    const found = await caseOf(event);
    return json(200, await setNotificationPreferences(found, validatePreferences(jsonBody(event))));
  },
  'GET /v1/staff/messages': async (event) => {
    const { language, headers } = wording(event);
    const page = { limit: limitParameter(event, 50), cursor: queryParameter(event, 'cursor') };
    return json(200, await messagesOfStaff(staffOf(event), language, page), headers);
  },
});
