// `Platform.idle()`, which tests await instead of sleeping: the platform has nothing left
// to do once every stream shard is caught up, every mapped queue drained, no invocation
// runs and no sandbox callback is under way, all seen in the same function epoch.
import { PlatformBusyError } from './errors.js';
import type { FunctionHost } from './functions.js';
import type { EventSources } from './platform-events.js';
import type { Sandboxes } from './platform-sandboxes.js';
import { delay } from './ports.js';

export interface IdleOptions {
  /** Then it rejects with PlatformBusyError, naming what is still busy. @default 30_000 */
  timeoutMs?: number;
}

export async function waitUntilIdle(
  functions: FunctionHost,
  { streamPollers, queuePollers }: EventSources,
  sandboxes: Sandboxes,
  { timeoutMs = 30_000 }: IdleOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  functions.epoch += 1;
  for (;;) {
    const epoch = functions.epoch;
    const streamsDone = streamPollers.every((poller) => poller.caughtUp(epoch));
    const queuesDone = streamsDone && functions.inflight === 0 && (await Promise.all(queuePollers.map((poller) => poller.drained()))).every(Boolean);
    const sandboxDone = !sandboxes.busy;
    if (streamsDone && queuesDone && sandboxDone && functions.inflight === 0 && functions.epoch === epoch) return;
    if (Date.now() > deadline) {
      const busy = [
        ...streamPollers.filter((poller) => !poller.caughtUp(epoch)).map((poller) => `stream ${poller.mapping.logicalId}`),
        ...(functions.inflight > 0 ? [`${functions.inflight} invocation(s)`] : []),
        ...(queuesDone ? [] : ['queues not drained']),
        ...(sandboxDone ? [] : ['sandbox callbacks']),
      ];
      throw new PlatformBusyError(`still busy after ${timeoutMs} ms: ${busy.join(', ')}`);
    }
    await delay(25);
  }
}
