/** `POST /v1/staff/supervision/verify`: supervisors check the hash-chained timelines of named cases or of a sample of a day's. */
import verifySchema from '../../contracts/schemas/timeline-verify.schema.json' with { type: 'json' };
import { verifyTimelines } from '../app/integrity.js';
import { requestedTarget, type VerifyInput } from '../domain/integrity.js';
import { httpHandler, json, jsonBody } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validateRequest = validator<VerifyInput>(verifySchema, 'verification request');

export const handler = httpHandler({
  'POST /v1/staff/supervision/verify': async (event) => {
    const staff = staffOf(event);
    return json(200, await verifyTimelines(staff, requestedTarget(validateRequest(jsonBody(event)))));
  },
});
