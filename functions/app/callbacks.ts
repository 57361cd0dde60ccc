/**
 * Provider callbacks (API.md "Callbacks (signed)"): the one pipeline payment and courier
 * share. The signature (OneTrip's HMAC over the raw body within 300 s in
 * `receiveCallback`; a real provider's own, checked by its adapter before
 * `applyCallback`), the JSON Schema, the event id seen before, the case the callback is about, and
 * applying it to the case in one transaction with the record of its event id, so
 * concurrent duplicates apply once. A refused callback changes nothing and is kept for
 * supervision (`AUDIT#<day>`). A new provider callback is a spec
 * (payment-callbacks.ts, courier-callbacks.ts), not new code.
 */
import type { ValidateFunction } from 'ajv';
import { verifySignature } from '../../contracts/signature.js';
import type { CallbackOutcome } from '../domain/callbacks.js';
import { ConflictError, OneTripError, UnauthorizedError, UnprocessableError, ValidationError } from '../domain/errors.js';
import type { CaseRecord, TaskRecord } from '../domain/records.js';
import { logger } from '../lambda/logger.js';
import { fieldErrors } from '../lambda/validate.js';
import { updateCase } from '../store/data-table.js';
import { eventSeen, markEventSeen, recordRefusedCallback, seenEventItem, type CaseRef } from '../store/lookups.js';

export interface CallbackSpec<T extends { eventId: string }> {
  source: 'payment' | 'courier';
  /** The HMAC key of OneTrip-signed callbacks (`receiveCallback`); `applyCallback` does not use it. */
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

/** A callback as it arrived: the body byte for byte (the signature covers it), the signature header, the sender. */
export interface SignedRequest {
  rawBody: string;
  signature: string | undefined;
  sourceIp: string;
}

/** What the provider is answered when OneTrip accepts its callback (refusals are thrown). */
export interface CallbackReceipt {
  applied: boolean;
  reason?: string;
}

/** Refuses a callback: counted per sender (a sample kept in full) for supervision and logged, then thrown. */
async function refuse(source: CallbackSpec<{ eventId: string }>['source'], sourceIp: string, error: OneTripError, detail: Record<string, unknown>): Promise<never> {
  logger.warn(`${source} callback refused`, { code: error.code, ...detail });
  await recordRefusedCallback(source, error.code, sourceIp, { message: error.message, ...detail });
  throw error;
}

/**
 * A callback signed with OneTrip's HMAC (API.md, "Callbacks (signed)": the sandboxes):
 * its signature checked with the spec's secret, then {@link applyCallback}.
 */
export async function receiveCallback<T extends { eventId: string }>(spec: CallbackSpec<T>, request: SignedRequest): Promise<CallbackReceipt> {
  const { source } = spec;
  const { rawBody, sourceIp } = request;
  const check = verifySignature(request.signature, rawBody, await spec.secret(), Math.floor(Date.now() / 1000));
  if (!check.ok) {
    const stale = check.reason === 'stale';
    const message = stale ? 'The signature is more than 300 seconds away from now' : `The signature is ${check.reason === 'missing' ? 'missing' : 'not valid'}`;
    return refuse(source, sourceIp, new UnauthorizedError(message, stale ? 'STALE_SIGNATURE' : 'BAD_SIGNATURE'), { signature: check.reason, sourceIp });
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return refuse(source, sourceIp, new UnprocessableError('INVALID_JSON', 'The callback body is not JSON'), { sourceIp });
  }
  return applyCallback(spec, body, sourceIp);
}

/**
 * A callback already authenticated (by OneTrip's HMAC, or by a real provider's adapter the
 * provider's way), in OneTrip's terms: checked against the spec's schema, refused when its
 * event was seen before, and applied to its case in one transaction with the record of its
 * event id. A refusal changes nothing, is kept for supervision and is thrown.
 */
export async function applyCallback<T extends { eventId: string }>(spec: CallbackSpec<T>, body: unknown, sourceIp: string): Promise<CallbackReceipt> {
  const { source } = spec;
  if (!spec.validate(body)) {
    return refuse(source, sourceIp, new ValidationError(`The ${source} callback is invalid`, fieldErrors(spec.validate.errors)), { sourceIp });
  }
  const callback = body as T;
  const detail = spec.describe(callback);
  const replay = () => refuse(source, sourceIp, new ConflictError('EVENT_ALREADY_SEEN', `Event ${callback.eventId} was already applied`, { params: { eventId: callback.eventId } }), detail);

  const answer = async (outcome: CallbackOutcome): Promise<CallbackReceipt> => {
    switch (outcome.outcome) {
      case 'applied':
        return { applied: true };
      case 'stale':
        // A concurrent duplicate of this very event may have won the race.
        if (await eventSeen(source, callback.eventId)) return replay();
        await markEventSeen(source, callback.eventId, detail);
        logger.info(`${source} callback already reflected`, { ...detail, reason: outcome.message });
        return { applied: false, reason: outcome.message };
      case 'not_yet':
        logger.info(`${source} callback cannot apply yet`, { ...detail, reason: outcome.message });
        throw new ConflictError('NOT_APPLICABLE_YET', `${outcome.message}; send it again later`);
      case 'refused':
        return refuse(source, sourceIp, new OneTripError(outcome.code, outcome.message, outcome.kind, undefined, { params: outcome.params }), detail);
    }
  };

  const ref = await spec.find(callback);
  if (!ref) return answer(spec.unknown(callback));
  if (await eventSeen(source, callback.eventId)) return replay();
  let outcome: CallbackOutcome | undefined;
  await updateCase(
    ref.caseId,
    ref.county,
    (c, tasks) => {
      outcome = spec.decide(c, tasks, callback);
      return outcome.outcome === 'applied' ? outcome.change : null;
    },
    // A payment that completes the case issues its results in the same transaction.
    { extra: [seenEventItem(source, callback.eventId, detail)] },
  );
  return answer(outcome!);
}
