/**
 * Publishes outbox events to the queue of every consumer subscribed to them. Runs on the
 * outbox table's stream; a failed record is reported so the stream retries from it.
 * Publishing twice is harmless: every consumer is idempotent.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { queueUrlVariable } from '../../contracts/events.js';
import { sqsClient } from '../lambda/aws.js';
import { requireEnv } from '../lambda/env.js';
import { logger } from '../lambda/logger.js';
import { CORRELATION_LOG_KEY } from '../lambda/correlation.js';
import { eventOfOutboxItem, relayMessages } from '../lambda/relay.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function relay(record: DynamoDBRecord): Promise<void> {
  try {
    await publish(record);
  } catch (error) {
    logger.error('relay failed', { error: error as Error, sequenceNumber: record.dynamodb?.SequenceNumber });
    throw error;
  }
}

async function publish(record: DynamoDBRecord): Promise<void> {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return; // TTL expiry and the like
  const event = eventOfOutboxItem(unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>));
  const messages = relayMessages(event, (consumer) => requireEnv(queueUrlVariable(consumer)));
  for (const { input } of messages) await sqsClient().send(new SendMessageCommand(input));
  logger.info('relayed', { eventId: event.eventId, type: event.type, queues: messages.length, [CORRELATION_LOG_KEY]: event.correlationId });
}

export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  return processPartialResponse(event, relay, processor, { context });
};
