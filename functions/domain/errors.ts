/**
 * One error tree. Every error OneTrip raises on purpose is a `OneTripError`: a stable
 * `code` the API returns as it is, a message, field errors where they apply, and a `kind`
 * that says what went wrong in the domain's words. Only the HTTP glue
 * (functions/lambda/http.ts) turns a kind into a status, in one table.
 */
import type { FieldError } from '../../contracts/errors.js';

export type { FieldError };

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
  /** The body is not in a media type this route reads (415). */
  | 'unsupported_media_type'
  /** Well formed, but the rules refuse it (422). */
  | 'unprocessable'
  /** A provider OneTrip depends on refused or could not be reached (502). */
  | 'unavailable'
  /** OneTrip itself is misconfigured (500). */
  | 'internal';

export class OneTripError extends Error {
  override name = 'OneTripError';
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    readonly fields?: FieldError[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends OneTripError {
  override name = 'ValidationError';
  constructor(message: string, fields?: FieldError[], code = 'VALIDATION_FAILED') {
    super(code, message, 'invalid', fields);
  }
}

export class NotFoundError extends OneTripError {
  override name = 'NotFoundError';
  constructor(message: string, code = 'NOT_FOUND') {
    super(code, message, 'not_found');
  }
}

export class ConflictError extends OneTripError {
  override name = 'ConflictError';
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 'conflict', undefined, options);
  }
}

export class UnprocessableError extends OneTripError {
  override name = 'UnprocessableError';
  constructor(code: string, message: string, fields?: FieldError[]) {
    super(code, message, 'unprocessable', fields);
  }
}

export class ForbiddenError extends OneTripError {
  override name = 'ForbiddenError';
  constructor(message: string, code = 'FORBIDDEN') {
    super(code, message, 'forbidden');
  }
}

export class UnauthorizedError extends OneTripError {
  override name = 'UnauthorizedError';
  constructor(message: string, code = 'UNAUTHORIZED') {
    super(code, message, 'unauthorized');
  }
}

/** OneTrip is misconfigured (a missing variable, a catalog version it does not carry): a 500, loudly. */
export class ConfigurationError extends OneTripError {
  override name = 'ConfigurationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIGURATION', message, 'internal', undefined, options);
  }
}
