/**
 * Bounded retries for queue workers (issue 12, hole 5). A failed message comes back after
 * the queue's visibility timeout, six times its consumer's timeout: for the certificates
 * worker 180 s, so a message that can never succeed took 5 × 180 s = 15 minutes to reach
 * the DLQ, and its case stayed `completed` with no result and no word of it. Here:
 *
 * - a permanent failure (bad input: a `invalid` or `unprocessable` error, such as a name
 *   the certificate font cannot print) is retried after 2 seconds instead, so it
 *   reaches the DLQ (and its alarm) after the queue's maxReceiveCount in seconds;
 * - on a permanent failure, or on the last receive of any failure, the worker's
 *   `onGivingUp` records it on the case (the case view then says its result is delayed).
 */
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { OneTripError } from '../domain/errors.js';
import { sqsClient } from './aws.js';

/** SQS's receive limit before the DLQ, as the stack configures it. @default 5 */
const DEFAULT_MAX_RECEIVES = 5;

/** The pause before a permanent failure is tried again: a pause, not a backoff, as waiting cures nothing. */
export const PERMANENT_RETRY_SECONDS = 2;

/** A failure that no retry can cure: the message or what it names is wrong, not the moment. */
export function isPermanent(error: unknown): boolean {
  return error instanceof OneTripError && (error.kind === 'invalid' || error.kind === 'unprocessable');
}

/** How many times SQS has handed this message out, this time included. */
export function receiveCount(record: SQSRecord): number {
  return Number(record.attributes.ApproximateReceiveCount) || 1;
}

/** The queue's maxReceiveCount (`WORKER_MAX_RECEIVE_COUNT`, set by the stack). */
export function maxReceives(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.WORKER_MAX_RECEIVE_COUNT) || DEFAULT_MAX_RECEIVES;
}

/** True when this failure is the last the message gets: it is permanent, or no receive is left. */
export function givesUp(record: SQSRecord, error: unknown, env: NodeJS.ProcessEnv = process.env): boolean {
  return isPermanent(error) || receiveCount(record) >= maxReceives(env);
}

/**
 * Brings a permanently failing message back after {@link PERMANENT_RETRY_SECONDS} rather than
 * the queue's visibility timeout. Needs the queue's URL (`WORKER_QUEUE_URL`); without it the
 * message waits out the timeout as before.
 */
export async function retrySoon(record: SQSRecord, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const queueUrl = env.WORKER_QUEUE_URL;
  if (!queueUrl) return;
  await sqsClient().send(
    new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle, VisibilityTimeout: PERMANENT_RETRY_SECONDS }),
  );
}
