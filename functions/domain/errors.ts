/**
 * Errors are values with codes: the API returns `code` and `message` as they are.
 * One base class; each subclass sets `name`, a default HTTP status and a stable code.
 */
export interface FieldError {
  /** JSON pointer into the request, e.g. `/applicant/phone`. */
  path: string;
  message: string;
}

export class OneTripError extends Error {
  override name = 'OneTripError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields?: FieldError[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends OneTripError {
  override name = 'ValidationError';
  constructor(message: string, fields?: FieldError[], code = 'VALIDATION_FAILED') {
    super(code, message, 400, fields);
  }
}

export class NotFoundError extends OneTripError {
  override name = 'NotFoundError';
  constructor(message: string, code = 'NOT_FOUND') {
    super(code, message, 404);
  }
}

export class ConflictError extends OneTripError {
  override name = 'ConflictError';
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 409, undefined, options);
  }
}

export class UnprocessableError extends OneTripError {
  override name = 'UnprocessableError';
  constructor(code: string, message: string, fields?: FieldError[]) {
    super(code, message, 422, fields);
  }
}

export class ForbiddenError extends OneTripError {
  override name = 'ForbiddenError';
  constructor(message: string, code = 'FORBIDDEN') {
    super(code, message, 403);
  }
}

export class UnauthorizedError extends OneTripError {
  override name = 'UnauthorizedError';
  constructor(message: string) {
    super('UNAUTHORIZED', message, 401);
  }
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}
