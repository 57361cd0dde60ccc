/**
 * What a provider's signed callback (a payment's outcome, a parcel's progress) does to the
 * case it is about: one outcome type for every provider, so one pipeline
 * (functions/app/callbacks.ts) applies, acknowledges, defers or refuses them alike.
 */
import type { ErrorKind, ErrorParams } from './errors.js';
import type { Change } from './records.js';

export type CallbackOutcome =
  | { outcome: 'applied'; change: Change }
  /** The state has already moved past what the callback reports (a late or repeated report). */
  | { outcome: 'stale'; message: string }
  /** It cannot apply yet (a refund not yet asked for, a waybill not yet recorded); the provider retries. */
  | { outcome: 'not_yet'; message: string }
  /** It contradicts what OneTrip knows (no such payment, a wrong amount): refused and kept for supervision. */
  | { outcome: 'refused'; code: string; message: string; kind: Extract<ErrorKind, 'not_found' | 'unprocessable'>; params?: ErrorParams };
