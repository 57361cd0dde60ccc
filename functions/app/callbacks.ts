/**
 * Signed provider callbacks (API.md "Callbacks (signed)"), the part payment and courier
 * share: the HMAC signature over the raw body within 300 s, the JSON Schema, the event id
 * seen before, the case the callback is about, and applying it to the case in one
 * transaction with the record of its event id, so concurrent duplicates apply once. A
 * refused callback changes nothing and is kept for supervision (`AUDIT#<day>`).
 */
import type { ValidateFunction } from 'ajv';
import type { CaseRecord, Change, TaskRecord } from '../domain/case.js';
import { ConflictError, NotFoundError, OneTripError, UnprocessableError, ValidationError } from '../domain/errors.js';
import { header, json, type HttpEvent, type HttpResult } from '../lambda/http.js';
import { logger } from '../lambda/logger.js';
import { SIGNATURE_HEADER, verifySignature } from '../../contracts/signature.js';
import { fieldErrors } from '../lambda/validate.js';
import { updateCase } from '../store/data-table.js';
import { eventSeen, markEventSeen, recordRefusedCallback, seenEventItem, type CaseRef } from '../store/lookups.js';

/** What a callback does to its case. */
export type CallbackOutcome =
  | { outcome: 'applied'; change: Change }
  /** The state has already moved past what the callback reports (a late or repeated report). */
  | { outcome: 'stale'; message: string }
  /** It cannot apply yet; the provider retries (409 NOT_APPLICABLE_YET). */
  | { outcome: 'not_yet'; message: string }
  | { outcome: 'refused'; code: string; message: string; status: 404 | 422 };

export interface CallbackSpec<T extends { eventId: string }> {
  source: 'payment' | 'courier';
  secret: () => Promise<string>;
  validate: ValidateFunction;
  /** What is kept of the callback in logs and the audit trail. */
  describe: (callback: T) => Record<string, unknown>;
  /** The case the callback is about; undefined → `unknown` is the refusal (or a wait). */
  find: (callback: T) => Promise<CaseRef | undefined>;
  /** When the case is not found: refused outright, or asked again later (the lookup may not be written yet). */
  unknown: (callback: T) => CallbackOutcome & { outcome: 'refused' | 'not_yet' };
  decide: (c: CaseRecord, tasks: TaskRecord[], callback: T) => CallbackOutcome;
}

export function callbackHandler<T extends { eventId: string }>(spec: CallbackSpec<T>) {
  const { source } = spec;
  /** Refuses the callback: kept for supervision and logged, then answered with `error`. */
  const refuse = async (error: OneTripError, detail: Record<string, unknown>): Promise<never> => {
    logger.warn(`${source} callback refused`, { code: error.code, ...detail });
    await recordRefusedCallback(source, error.code, { message: error.message, ...detail });
    throw error;
  };
  const answer = async (outcome: CallbackOutcome, detail: Record<string, unknown>, replay: () => Promise<never>, eventId: string): Promise<HttpResult> => {
    switch (outcome.outcome) {
      case 'applied':
        return json(200, { applied: true });
      case 'stale':
        // A concurrent duplicate of this very event may have won the race.
        if (await eventSeen(source, eventId)) return replay();
        await markEventSeen(source, eventId, detail);
        logger.info(`${source} callback already reflected`, { ...detail, reason: outcome.message });
        return json(200, { applied: false, reason: outcome.message });
      case 'not_yet':
        logger.info(`${source} callback cannot apply yet`, { ...detail, reason: outcome.message });
        throw new ConflictError('NOT_APPLICABLE_YET', `${outcome.message}; send it again later`);
      case 'refused':
        return refuse(new OneTripError(outcome.code, outcome.message, outcome.status), detail);
    }
  };

  return async (event: HttpEvent): Promise<HttpResult> => {
    const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
    const check = verifySignature(header(event, SIGNATURE_HEADER), raw, await spec.secret(), Math.floor(Date.now() / 1000));
    const sourceIp = event.requestContext.http.sourceIp;
    if (!check.ok) {
      const stale = check.reason === 'stale';
      const message = stale ? 'The signature is more than 300 seconds away from now' : `The signature is ${check.reason === 'missing' ? 'missing' : 'not valid'}`;
      return refuse(new OneTripError(stale ? 'STALE_SIGNATURE' : 'BAD_SIGNATURE', message, 401), { signature: check.reason, sourceIp });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(new UnprocessableError('INVALID_JSON', 'The callback body is not JSON'), { sourceIp });
    }
    if (!spec.validate(body)) {
      return refuse(new ValidationError(`The ${source} callback is invalid`, fieldErrors(spec.validate.errors)), { sourceIp });
    }
    const callback = body as T;
    const detail = spec.describe(callback);
    const replay = () => refuse(new ConflictError('EVENT_ALREADY_SEEN', `Event ${callback.eventId} was already applied`), detail);
    const ref = await spec.find(callback);
    if (!ref) return answer(spec.unknown(callback), detail, replay, callback.eventId);
    if (await eventSeen(source, callback.eventId)) return replay();

    let outcome: CallbackOutcome | undefined;
    await updateCase(
      ref.caseId,
      ref.county,
      (c, tasks) => {
        outcome = spec.decide(c, tasks, callback);
        return outcome.outcome === 'applied' ? outcome.change : null;
      },
      { extra: [seenEventItem(source, callback.eventId, detail)] },
    );
    if (!outcome) throw new NotFoundError('The callback was not decided');
    return answer(outcome, detail, replay, callback.eventId);
  };
}
