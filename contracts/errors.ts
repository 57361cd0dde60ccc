/** The one error shape of the API (API.md): every 4xx and 5xx answers `ErrorBody`. */

export interface FieldError {
  /** JSON pointer into the request (`/applicant/phone`), or `header:`, `query:`, `path:` and the name. */
  path: string;
  /** For people, in the caller's language. */
  message: string;
  /**
   * The rule the field breaks (`required`, `not_working_day`, `material_required`…), stable
   * like an error's code: for programs, which act on it and on `params`, never on `message`.
   */
  rule?: string;
  /** What the rule names (the refused date, the missing material's code…). */
  params?: Readonly<Record<string, string | number>>;
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
