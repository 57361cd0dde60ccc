/**
 * Every 15 minutes (EventBridge Scheduler; the local runtime runs the same schedule): acts on
 * every timer that is due (functions/app/timers.ts). Idempotent and safe to run twice or late:
 * a run decides by the clock, not by how long since the last one.
 */
import { timerHandlers } from '../app/timers.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';

export const handler = async (): Promise<Record<string, number>> => {
  const at = clock();
  const changed: Record<string, number> = {};
  for (const [kind, handle] of Object.entries(timerHandlers)) changed[kind] = await handle(at);
  logger.info('deadlines watched', { at: at.now, changed });
  return changed;
};
