/**
 * One error tree. Every error OneTrip raises on purpose is a `OneTripError`: a stable
 * `code` the API returns as it is, a message, field errors where they apply, and a `kind`
 * that says what went wrong in the domain's words. Only the HTTP glue
 * (functions/lambda/http.ts) turns a kind into a status, in one table, and words the
 * error in the caller's language (functions/lambda/messages.ts) from its code and
 * `params`: the domain speaks one language, English, for developers and logs.
 */
import type { FieldError as WireFieldError } from '../../contracts/errors.js';

/** What an error's message names (a receipt number, a status, a field), for wording it in another language. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * A field error as the domain raises it: the wire's (message in English; `rule` a key of
 * the field messages, functions/lambda/messages.ts), plus its Chinese message when its
 * source words it itself (ajv-i18n for schema errors), which is not sent as such.
 */
export interface FieldError extends WireFieldError {
  zh?: string;
}

export interface ErrorOptions {
  cause?: unknown;
  /** What the message names, for wording it in the caller's language. */
  params?: ErrorParams;
}

export type ErrorKind =
  /** The request is malformed or breaks a rule of its shape (400). */
  | 'invalid'
  /** Nobody, or not a staff member, is asking (401). */
  | 'unauthorized'
  /** The caller may not do this (403). */
  | 'forbidden'
  | 'not_found'
  /** The state has moved on, or another writer got there first (409). */
  | 'conflict'
  /** What the request names existed once but is over: expired, used up (410). */
  | 'gone'
  /** The body is larger than this route reads (413). */
  | 'too_large'
  /** The body is not in a media type this route reads (415). */
  | 'unsupported_media_type'
  /** Well formed, but the rules refuse it (422). */
  | 'unprocessable'
  /** Asked too often: the limit resets later (429). */
  | 'rate_limited'
  /** A provider OneTrip depends on refused or could not be reached (502). */
  | 'unavailable'
  /** OneTrip itself is misconfigured (500). */
  | 'internal';

export class OneTripError extends Error {
  override name = 'OneTripError';
  readonly params?: ErrorParams;
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    readonly fields?: FieldError[],
    options?: ErrorOptions,
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.params) this.params = options.params;
  }
}

export class ValidationError extends OneTripError {
  override name = 'ValidationError';
  constructor(message: string, fields?: FieldError[], code = 'VALIDATION_FAILED', options?: ErrorOptions) {
    super(code, message, 'invalid', fields, options);
  }
}

export class NotFoundError extends OneTripError {
  override name = 'NotFoundError';
  constructor(message: string, code = 'NOT_FOUND', options?: ErrorOptions) {
    super(code, message, 'not_found', undefined, options);
  }
}

export class ConflictError extends OneTripError {
  override name = 'ConflictError';
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, 'conflict', undefined, options);
  }
}

export class UnprocessableError extends OneTripError {
  override name = 'UnprocessableError';
  constructor(code: string, message: string, fields?: FieldError[], options?: ErrorOptions) {
    super(code, message, 'unprocessable', fields, options);
  }
}

export class ForbiddenError extends OneTripError {
  override name = 'ForbiddenError';
  constructor(message: string, code = 'FORBIDDEN', options?: ErrorOptions) {
    super(code, message, 'forbidden', undefined, options);
  }
}

export class UnauthorizedError extends OneTripError {
  override name = 'UnauthorizedError';
  constructor(message: string, code = 'UNAUTHORIZED', options?: ErrorOptions) {
    super(code, message, 'unauthorized', undefined, options);
  }
}

/** OneTrip is misconfigured (a missing variable, a catalog version it does not carry): a 500, loudly. */
export class ConfigurationError extends OneTripError {
  override name = 'ConfigurationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIGURATION', message, 'internal', undefined, options);
  }
}
