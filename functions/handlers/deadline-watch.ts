/**
 * Every 15 minutes (EventBridge Scheduler; the local runtime runs the same schedule): acts on
 * every timer that is due (functions/app/timers.ts). Idempotent and safe to run twice or late:
 * a run decides by the clock, not by how long since the last one. A kind that fails does not
 * hold up the others; the run then fails as a whole, so the job's failure alarm fires and the
 * next run tries again.
 */
import { timerHandlers } from '../app/timers.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';

export const handler = async (): Promise<Record<string, number>> => {
  const at = clock();
  const changed: Record<string, number> = {};
  const failed: unknown[] = [];
  for (const [kind, handle] of Object.entries(timerHandlers)) {
    try {
      changed[kind] = await handle(at);
    } catch (error) {
      logger.error('timers of a kind not handled; the next run tries again', { kind, error });
      failed.push(error);
    }
  }
  logger.info('deadlines watched', { at: at.now, changed });
  if (failed.length > 0) throw new AggregateError(failed, `${failed.length} kind(s) of timer failed`);
  return changed;
};
