/**
 * Delivery receipts (docs/notifications.md): `POST /v1/callbacks/notifications/{provider}`,
 * a provider's signed callback, and the county's receipts SNS topic, where End User
 * Messaging SMS and SES publish theirs. Each receipt moves its message's record once; a
 * forged callback changes nothing (401, kept for supervision).
 */
import type { Context, SNSEvent } from 'aws-lambda';
import { receiveReceiptCallback, receiveSnsReceipts } from '../app/notification-receipts.js';
import { httpHandler, json, pathParameter, rawBody, type HttpEvent } from '../lambda/http.js';
import { logger } from '../lambda/logger.js';

const http = httpHandler({
  'POST /v1/callbacks/notifications/{provider}': async (event) =>
    json(200, await receiveReceiptCallback(pathParameter(event, 'provider'), {
      headers: event.headers ?? {},
      rawBody: rawBody(event),
      sourceIp: event.requestContext.http.sourceIp,
    })),
});

export const handler = async (event: HttpEvent | SNSEvent, context: Context) => {
  if (!('Records' in event)) return http(event, context);
  const answer = await receiveSnsReceipts(event.Records.map((r) => r.Sns.Message));
  logger.info('delivery receipts from SNS', { ...answer });
  return answer;
};
