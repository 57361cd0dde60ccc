/**
 * How an outbox event becomes SQS messages: one per consumer subscribed to its type, its body
 * the event itself (correlation id included) and its type and correlation id as message
 * attributes. The outbox relay (functions/handlers/outbox-relay.ts) and the operators' replay
 * (scripts/replay-outbox.ts) both publish through this, so a replayed event reaches exactly the
 * queues, in exactly the shape, the relay would have sent.
 */
import type { SendMessageCommandInput } from '@aws-sdk/client-sqs';
import { subscribersOf, type ConsumerName, type OutboxEvent } from '../../contracts/events.js';

/** The event an outbox item holds: the item less its bookkeeping (`day`, `expiresAt`). */
export function eventOfOutboxItem(item: Record<string, unknown>): OutboxEvent {
  const { day: _day, expiresAt: _expiresAt, ...event } = item;
  return event as unknown as OutboxEvent;
}

/** The messages that publish `event`, one per subscribed consumer, given where each consumer's queue is. */
export function relayMessages(event: OutboxEvent, queueUrlOf: (consumer: ConsumerName) => string): { consumer: ConsumerName; input: SendMessageCommandInput }[] {
  return subscribersOf(event.type).map((consumer) => ({
    consumer,
    input: {
      QueueUrl: queueUrlOf(consumer),
      MessageBody: JSON.stringify(event),
      MessageAttributes: {
        eventType: { DataType: 'String', StringValue: event.type },
        ...(event.correlationId ? { correlationId: { DataType: 'String', StringValue: event.correlationId } } : {}),
      },
    },
  }));
}
