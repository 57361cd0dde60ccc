/**
 * The deadline watch (every 15 minutes, functions/handlers/deadline-watch.ts): for each kind
 * of timer, the handler that acts on what is due. Each handler reads its due items through
 * `dueTimers` (never a scan), changes each one in its case's transaction, and moves or
 * clears the item's timer there, so a second or late run finds nothing left to do.
 */
import type { Clock } from '../domain/records.js';
import type { TimerKind } from '../store/keys.js';
import { watchTaskLevels } from './deadlines.js';
import { escalateDueOrders } from './supervision-orders.js';
import { inviteRatings, watchRectifications } from './ratings.js';
import { checkShipments } from './courier-sweep.js';

/** Acts on what is due at `clock.now`; returns how many items it changed. */
export type TimerHandler = (clock: Clock) => Promise<number>;

export const timerHandlers: Record<Exclude<TimerKind, 'notification'>, TimerHandler> = {
  task: watchTaskLevels,
  order: escalateDueOrders,
  rectification: watchRectifications,
  rating: inviteRatings,
  shipment: checkShipments,
};
