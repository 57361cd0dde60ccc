/**
 * The glue every queue worker shares: Powertools batch processing reports each failed
 * message as a partial batch failure, so one poison message does not hold back the rest
 * and ends in the DLQ after the queue's maxReceiveCount.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { EVENT_TYPES, type OutboxEvent } from '../../contracts/events.js';
import { OneTripError } from '../domain/errors.js';
import { logger } from './logger.js';
import { CORRELATION_LOG_KEY, withCorrelationId } from './correlation.js';
import { givesUp, isPermanent, retrySoon } from './retries.js';

/** A message that is not an OneTrip event, or whose data the consumer cannot read: retried, then the DLQ. */
export class MalformedEventError extends OneTripError {
  override name = 'MalformedEventError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('MALFORMED_EVENT', message, 'invalid', undefined, options);
  }
}

export function parseEvent(record: SQSRecord): OutboxEvent {
  let event: OutboxEvent;
  try {
    event = JSON.parse(record.body) as OutboxEvent;
  } catch (cause) {
    throw new MalformedEventError(`Message ${record.messageId} is not JSON`, { cause });
  }
  if (!event || typeof event.eventId !== 'string' || !(EVENT_TYPES as readonly string[]).includes(event.type) || typeof event.caseId !== 'string') {
    throw new MalformedEventError(`Message ${record.messageId} is not an OneTrip event`);
  }
  return event;
}

/** An event's `data`, read by `parse`; data it cannot read is a {@link MalformedEventError} (retried, then the DLQ, where someone looks at it). */
export function eventData<T>(event: OutboxEvent, parse: (data: unknown) => T): T {
  try {
    return parse(event.data);
  } catch (cause) {
    throw new MalformedEventError(`Event ${event.eventId} (${event.type}): ${(cause as Error).message}`, { cause });
  }
}

/**
 * The event's correlation id: the one it carries, else (an event written before ids were
 * carried) its own event id, so that what it causes can still be followed from it.
 */
export function correlationOf(event: OutboxEvent): string {
  return event.correlationId ?? event.eventId;
}

export interface QueueWorkerOptions {
  /**
   * Called when a message fails for the last time (permanently, or on its last receive before
   * the DLQ), to say so where people look (functions/lambda/retries.ts). Its own failure is logged only.
   */
  onGivingUp?: (event: OutboxEvent, error: unknown) => Promise<void>;
}

/** After a failure: a permanent one comes back in seconds, and the last one is recorded by `onGivingUp`. */
async function giveUpOrRetry(record: SQSRecord, event: OutboxEvent, error: unknown, options: QueueWorkerOptions): Promise<void> {
  try {
    if (options.onGivingUp && givesUp(record, error)) await options.onGivingUp(event, error);
    if (isPermanent(error)) await retrySoon(record);
  } catch (failure) {
    logger.error('could not record the failure', { error: failure as Error, type: event.type });
  }
}

/**
 * Records are handled one after another, not in parallel: the logger's keys (the event, the
 * case, the correlation id) belong to one record at a time, so every line names the right one.
 */
export function queueWorker(handle: (event: OutboxEvent) => Promise<void>, options: QueueWorkerOptions = {}) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord) => {
    const event = parseEvent(record);
    const correlationId = correlationOf(event);
    logger.setCorrelationId(correlationId);
    logger.appendKeys({ eventId: event.eventId, caseId: event.caseId });
    try {
      await withCorrelationId(correlationId, () => handle(event));
      logger.info('event handled', { type: event.type });
    } catch (error) {
      logger.error('event not handled', { error: error as Error, type: event.type });
      await giveUpOrRetry(record, event, error, options);
      throw error;
    } finally {
      logger.removeKeys(['eventId', 'caseId', CORRELATION_LOG_KEY]);
    }
  };
  return async (event: SQSEvent, context: Context) => {
    logger.addContext(context);
    return processPartialResponse(event, recordHandler, processor, { context, processInParallel: false });
  };
}
