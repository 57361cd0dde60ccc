// The event sources stage of startPlatform (platform.ts): what invokes functions besides
// HTTP. The template's event source mappings, DynamoDB streams (streams.ts) and SQS queues
// (queue-source.ts) polled with Lambda's semantics, and its scheduled rules (schedules.ts).
import { CheckpointStore } from './checkpoints.js';
import { readEventSourceMappings, type EventSourceMapping } from './event-sources.js';
import type { FunctionHost } from './functions.js';
import type { Resources } from './platform-resources.js';
import { ACCOUNT_ID, type StageContext } from './platform-stage.js';
import { QueuePoller } from './queue-source.js';
import { Scheduler, readSchedules } from './schedules.js';
import { StreamPoller, type PollerContext } from './streams.js';

export interface EventSourceOptions {
  /** Run scheduled rules on their schedules (`Scheduler.fire` works either way). @default true */
  schedules?: boolean;
}

export interface EventSources {
  /** The mappings run; those that cannot be are logged. */
  mappings: EventSourceMapping[];
  streamPollers: StreamPoller[];
  queuePollers: QueuePoller[];
  scheduler: Scheduler;
}

/** Resolves once every stream shard has its iterator, so later writes are never missed. */
export async function startEventSources(
  { resolver, clients }: Resources,
  functions: FunctionHost,
  options: EventSourceOptions,
  { paths, region, log, teardown, meter }: StageContext,
): Promise<EventSources> {
  const pollerContext: PollerContext = { functions, sqs: clients.sqs, resolver, region, log, meter };
  const { mappings, unsupported } = readEventSourceMappings(resolver);
  for (const mapping of unsupported) log(`event source ${mapping.logicalId} not run: ${mapping.reason}`);
  const checkpoints = new CheckpointStore(paths.checkpoints);
  const streamPollers = mappings.flatMap((mapping) => (mapping.kind === 'dynamodb-stream' ? [new StreamPoller(mapping, clients.streams, checkpoints, pollerContext)] : []));
  const queuePollers = mappings.flatMap((mapping) => (mapping.kind === 'sqs' ? [new QueuePoller(mapping, clients.sqs, pollerContext)] : []));
  teardown.add(() => Promise.all([...streamPollers, ...queuePollers].map((poller) => poller.stop())).then(() => undefined));
  await Promise.all(streamPollers.map((poller) => poller.start()));
  queuePollers.forEach((poller) => poller.start());

  const scheduler = new Scheduler(readSchedules(resolver, functions, log), functions, { region, accountId: ACCOUNT_ID, log });
  if (options.schedules !== false) scheduler.start();
  teardown.add(() => scheduler.stop());
  return { mappings, streamPollers, queuePollers, scheduler };
}
