/**
 * One correlation id follows a request through every hop: the API takes it from the caller's
 * `x-correlation-id` (when well-formed) or API Gateway's request id, writes it on the outbox
 * events of the same transaction, the relay carries it to the queues, and each worker logs with
 * it and writes it on the events it emits in turn. An operator greps one id across all the
 * functions' JSON logs (docs/operations.md).
 *
 * The id lives in an AsyncLocalStorage, not in module state, so that it follows each request's
 * or record's own awaits: the events a record causes carry that record's id, whatever else the
 * function does meanwhile.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The request and response header that carries the id. */
export const CORRELATION_HEADER = 'x-correlation-id';

/** The log key Powertools Logger uses for it (`logger.setCorrelationId`). */
export const CORRELATION_LOG_KEY = 'correlation_id';

/**
 * What a caller may send as its own id: letters, digits and `-_.:`, 1 to 128 characters (a UUID,
 * an X-Ray trace id, an agency's request number). Anything else is ignored, not refused: the
 * header is a convenience for tracing, never a reason to turn a request away.
 */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's id when it is well-formed, else `fallback` (API Gateway's request id). */
export function correlationIdOf(sent: string | undefined, fallback: string): string {
  const trimmed = sent?.trim();
  return trimmed && WELL_FORMED.test(trimmed) ? trimmed : fallback;
}

const store = new AsyncLocalStorage<string>();

/** Runs `work` with `id` as the current correlation id (for everything it awaits). */
export function withCorrelationId<T>(id: string, work: () => T): T {
  return store.run(id, work);
}

/** The id of the request or event being handled; undefined outside one (a scheduled job). */
export function currentCorrelationId(): string | undefined {
  return store.getStore();
}
