/**
 * The events OneTrip publishes, and which consumer receives which.
 *
 * A state change and the events it causes are written in one DynamoDB transaction
 * (the event as an outbox item); the outbox relay publishes each event to the queue
 * of every consumer subscribed to its type. Delivery is at least once: every consumer
 * is idempotent.
 */

export const EVENT_TYPES = [
  'case.submitted',
  'case.deficient',
  'case.corrected',
  'case.accepted',
  'case.rejected',
  'case.completed',
  'stage.started',
  'stage.completed',
  'task.created',
  'task.reviewed',
  'task.suspended',
  'task.resumed',
  'task.approved',
  'task.rejected',
  'deferred.reminder',
  'deferred.late',
  'deferred.supplied',
  'agent.assigned',
  'ticket.issued',
  'ticket.paid',
  'ticket.cancelled',
  'payment.started',
  'payment.failed',
  'refund.requested',
  'refund.completed',
  'result.issued',
  'results.available',
  'pickup.ready',
  'delivery.requested',
  'delivery.dispatched',
  'delivery.updated',
  'delivery.delivered',
  'task.warned',
  'task.overdue',
  'task.severe',
  'task.withdrawn',
  'task.transferred',
  'task.referred',
  'case.visited',
  'supervision.ordered',
  'supervision.replied',
  'supervision.escalated',
  'rating.submitted',
  'rating.invited',
  'rectification.opened',
  'rectification.responded',
  'rectification.closed',
  'rectification.reopened',
  'integrity.broken',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The envelope every event travels in, as stored in the outbox and sent to SQS. */
export interface OutboxEvent<D = Record<string, unknown>> {
  /** Unique; consumers use it to recognise a redelivery. */
  eventId: string;
  type: EventType;
  occurredAt: string;
  /** County stack that produced it. */
  county: string;
  caseId: string;
  receiptNumber: string;
  data: D;
  /**
   * The id of the API request that set this chain of events off (its `x-correlation-id`), carried
   * from hop to hop: a worker writes it on the events it emits in turn. Absent on events written
   * before it was introduced, and on those a scheduled job starts.
   */
  correlationId?: string;
}

/**
 * Consumers and their subscriptions. The CDK app creates one queue (with its DLQ) and one
 * worker function per consumer; the worker's entry is `functions/handlers/<consumer>.ts`.
 */
export const consumers = {
  'review-dispatch': ['case.accepted'],
  'case-progress': ['task.approved', 'task.rejected'],
  settlement: ['ticket.paid', 'refund.requested'],
  refunds: ['refund.requested'],
  certificates: ['task.approved'],
  // The official notices (docs/notices.md): acceptance and commitment, deficiency, refusal and rejection.
  notices: ['case.accepted', 'case.deficient', 'case.rejected'],
  'courier-dispatch': ['delivery.requested'],
  // The notifications (docs/notifications.md): every event someone is told of, the applicant or the staff.
  notifications: [
    'case.submitted', 'case.deficient', 'case.accepted', 'case.rejected', 'case.completed',
    'deferred.reminder', 'deferred.late', 'ticket.issued',
    'delivery.dispatched', 'delivery.delivered', 'pickup.ready', 'rating.invited', 'rectification.responded',
    'task.created', 'task.warned', 'task.overdue', 'task.severe',
    'supervision.ordered', 'rectification.opened', 'rectification.reopened',
  ],
  // The statistics (docs/statistics.md): every event a counter counts.
  'supervision-stats': [
    'case.submitted', 'case.accepted', 'case.deficient', 'case.corrected', 'case.rejected', 'case.completed', 'case.visited',
    'task.created', 'task.approved', 'task.rejected', 'task.transferred', 'task.referred',
    'task.warned', 'task.overdue', 'task.severe', 'task.withdrawn',
    'supervision.ordered', 'supervision.escalated', 'rectification.opened',
    'ticket.paid', 'refund.completed', 'rating.submitted',
  ],
} as const satisfies Record<string, readonly EventType[]>;

export type ConsumerName = keyof typeof consumers;

/** Environment variable through which the relay learns a consumer's queue URL. */
export const queueUrlVariable = (consumer: string): string =>
  `QUEUE_URL_${consumer.toUpperCase().replaceAll('-', '_')}`;

export function subscribersOf(type: string): ConsumerName[] {
  return (Object.keys(consumers) as ConsumerName[]).filter((c) =>
    (consumers[c] as readonly string[]).includes(type),
  );
}
