/** The one error shape of the API (API.md): every 4xx and 5xx answers `ErrorBody`. */

export interface FieldError {
  /** JSON pointer into the request (`/applicant/phone`), or `header:`, `query:`, `path:` and the name. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: {
    /** Stable, e.g. `VALIDATION_FAILED`; the API returns it as it is. */
    code: string;
    message: string;
    /** Every problem of the request at once, where it applies. */
    fields?: FieldError[];
  };
}
