// What the sandbox payment provider (sandbox-payments.ts) and the sandbox courier
// (sandbox-courier.ts) do alike, as real providers do: refuse requests not signed with the
// secret shared with OneTrip, answer errors as the API does, keep their state in the data
// dir, and send signed callbacks, retried on network errors, 5xx and 409 with backoff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { SIGNATURE_HEADER, signatureHeader, verifySignature } from '../contracts/signature.js';
import { jsonResponse, type HttpResponse } from './api-gateway.js';
import { delay } from './ports.js';
import type { Log } from './types.js';

/** Waits before each retry: six attempts over about 30 seconds. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000];

/** How long one attempt may take. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/** How long a sandbox waits at most for a callback's first attempt before it answers. */
const FIRST_ATTEMPT_WAIT_MS = 5_000;

// ---- requests -------------------------------------------------------------------------

export type FieldError = { path: string; message: string };

/** What an id (a payment's, a shipment's) may look like. */
export const ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Why a value is not an {@link ID}. */
export const ID_MESSAGE = 'letters, digits and . _ : - only, at most 128';

/** An error as the API answers it: `{error: {code, message, fields?}}`. */
export function apiError(status: number, code: string, message: string, fields?: FieldError[]): HttpResponse {
  return jsonResponse(status, { error: { code, message, ...(fields ? { fields } : {}) } });
}

export const isResponse = (value: unknown): value is HttpResponse => typeof value === 'object' && value !== null && 'statusCode' in value && 'body' in value;

/** How a sandbox checks the requests OneTrip signs, and names itself when it refuses one. */
export interface SignatureGuard {
  /** The secret shared with OneTrip. */
  secret: string;
  /** Who refuses, as the log names it: `sandbox courier`. */
  logName: string;
  /** Whose secret a 401 says is missing: `courier` for "the courier's secret". */
  party: string;
  log: Log;
}

/**
 * Checks X-OneTrip-Signature over the raw body before anything else: `next` with the raw
 * body when it holds, else a 401 (`STALE_SIGNATURE` or `BAD_SIGNATURE`).
 */
export function whenSigned<T>(request: IncomingMessage, body: Buffer, guard: SignatureGuard, next: (raw: string) => T): T | HttpResponse {
  const raw = body.toString('utf8');
  const header = request.headers[SIGNATURE_HEADER];
  const check = verifySignature(Array.isArray(header) ? header.join(',') : header, raw, guard.secret, Math.floor(Date.now() / 1000));
  if (!check.ok) {
    guard.log(`${guard.logName}: refused ${request.method} ${request.url}: signature ${check.reason}`);
    return check.reason === 'stale'
      ? apiError(401, 'STALE_SIGNATURE', 'The signature is older than 300 s or in the future')
      : apiError(401, 'BAD_SIGNATURE', `The request is not signed with the ${guard.party}'s secret (${check.reason})`);
  }
  return next(raw);
}

/** `2026-11-28T12:30:00.000+08:00`: Shanghai time with its offset, as a provider in China sends it. */
export function shanghaiIso(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/** Text made safe to put in HTML (a simulator's pages). */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

// ---- state ----------------------------------------------------------------------------

/** The state kept in `file` by an earlier run; undefined without a file or before the first save. */
export function readState<T>(file: string | undefined): T | undefined {
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** Keeps `state` in `file` for the next run; nothing without a file (memory only). */
export function writeState(file: string | undefined, state: unknown): void {
  if (file) writeFileSync(file, JSON.stringify(state, null, 2));
}

// ---- callbacks ------------------------------------------------------------------------

export interface CallbackAttempt {
  at: string;
  /** The X-OneTrip-Signature sent (each attempt is signed afresh). */
  signature: string;
  /** The receiver's HTTP status; absent when it could not be reached. */
  status?: number;
  error?: string;
}

/** `pending` while attempts remain; `refused`: a 4xx other than 409; `gave_up`: retries exhausted. */
export type DeliveryOutcome = 'pending' | 'delivered' | 'refused' | 'gave_up';

/** A signed callback a sandbox sends, with every attempt at delivering it. */
export interface CallbackRecord<Status extends string = string> {
  eventId: string;
  status: Status;
  url: string;
  /** The raw JSON body, exactly as signed and sent. */
  rawBody: string;
  attempts: CallbackAttempt[];
  outcome: DeliveryOutcome;
}

export interface DeliveryOptions {
  secret: string;
  /** @default DEFAULT_RETRY_DELAYS_MS */
  delaysMs?: readonly number[];
  /** @default 10 000 */
  timeoutMs?: number;
  /** Stops between attempts (and aborts the one running). */
  signal?: AbortSignal;
  /** Called synchronously as each attempt starts. */
  onAttemptStart?(): void;
  /** Called with each attempt's record once it has ended. */
  onAttempt?(attempt: CallbackAttempt): void;
}

/** 2xx: delivered; 409 and 5xx: try again; any other status: refused. */
function verdict(status: number): 'delivered' | 'retry' | 'refused' {
  if (status >= 200 && status < 300) return 'delivered';
  return status === 409 || status >= 500 ? 'retry' : 'refused';
}

/**
 * POSTs `rawBody` to `url`, signed afresh on each attempt, until it is delivered (2xx),
 * refused (a 4xx other than 409) or the retries run out. Network errors, 5xx and 409 are
 * retried after each of `delaysMs` in turn. Resolves to the outcome; `cancelled` when
 * `signal` aborted it.
 */
export async function deliverSignedCallback(url: string, rawBody: string, options: DeliveryOptions): Promise<Exclude<DeliveryOutcome, 'pending'> | 'cancelled'> {
  const delays = options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attemptIndex = 0; attemptIndex <= delays.length; attemptIndex += 1) {
    if (attemptIndex > 0) await delay(delays[attemptIndex - 1]!, options.signal);
    if (options.signal?.aborted) return 'cancelled';
    options.onAttemptStart?.();
    const signature = signatureHeader(options.secret, rawBody, Math.floor(Date.now() / 1000));
    const attempt: CallbackAttempt = { at: new Date().toISOString(), signature };
    let next: 'delivered' | 'retry' | 'refused';
    try {
      const timeout = AbortSignal.timeout(options.timeoutMs ?? ATTEMPT_TIMEOUT_MS);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
        body: rawBody,
        redirect: 'manual',
        signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
      });
      await response.arrayBuffer();
      attempt.status = response.status;
      next = verdict(response.status);
    } catch (error) {
      attempt.error = (error as Error).message;
      next = 'retry';
    }
    options.onAttempt?.(attempt);
    if (next !== 'retry') return next;
  }
  return options.signal?.aborted ? 'cancelled' : 'gave_up';
}

export interface CallbackSenderOptions {
  /** The secret shared with OneTrip, which signs every attempt. */
  secret: string;
  /** @default DEFAULT_RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[];
  log: Log;
  /** Called whenever a callback's record changed (an attempt, its outcome): the sandbox saves its state. */
  onChange(): void;
}

/** Delivers a sandbox's callbacks in the background, recording each attempt and the outcome on the callback. */
export class CallbackSender {
  private readonly stopping = new AbortController();
  private readonly deliveries = new Set<Promise<unknown>>();
  /** Who waits for a callback's first attempt, by event id. */
  private readonly firstAttempt = new Map<string, () => void>();
  private attempting = 0;

  constructor(private readonly options: CallbackSenderOptions) {}

  /** True while a callback attempt is running. */
  get busy(): boolean {
    return this.attempting > 0;
  }

  /** True once {@link stop} was called. */
  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Starts delivering `callback`; `about` names it in the log line of its outcome. */
  deliver(callback: CallbackRecord, about: string): void {
    const delivery = deliverSignedCallback(callback.url, callback.rawBody, {
      secret: this.options.secret,
      delaysMs: this.options.retryDelaysMs,
      signal: this.stopping.signal,
      onAttemptStart: () => {
        this.attempting += 1;
      },
      onAttempt: (attempt) => {
        this.attempting -= 1;
        callback.attempts.push(attempt);
        this.options.onChange();
        this.firstAttempt.get(callback.eventId)?.();
      },
    }).then((outcome) => {
      if (outcome === 'cancelled') return;
      callback.outcome = outcome;
      this.options.onChange();
      const last = callback.attempts.at(-1);
      this.options.log(`${about}: ${outcome} after ${callback.attempts.length} attempt(s) (last ${last?.status ?? last?.error ?? '?'})`);
    });
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  /** Resolves once the callback's first attempt has ended, after 5 s at most, or at once on stopping. */
  async firstAttemptOf(callback: CallbackRecord): Promise<void> {
    const waited = new AbortController();
    await Promise.race([
      new Promise<void>((resolveFirst) => this.firstAttempt.set(callback.eventId, resolveFirst)),
      delay(FIRST_ATTEMPT_WAIT_MS, AbortSignal.any([waited.signal, this.stopping.signal])),
    ]);
    waited.abort();
    this.firstAttempt.delete(callback.eventId);
  }

  /** Stops retries and aborts the attempts running; resolves once every delivery has ended. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.deliveries]);
  }
}

/**
 * What a sandbox shows of a callback; `extra` (e.g. a refund id) goes after the status.
 */
export function callbackView(callback: CallbackRecord, extra: Record<string, unknown> = {}) {
  return {
    eventId: callback.eventId,
    status: callback.status,
    ...extra,
    url: callback.url,
    body: JSON.parse(callback.rawBody) as unknown,
    rawBody: callback.rawBody,
    /** The last attempt's X-OneTrip-Signature (each attempt is signed afresh). */
    header: callback.attempts.at(-1)?.signature,
    attempts: callback.attempts,
    outcome: callback.outcome,
  };
}
