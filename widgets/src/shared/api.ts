/**
 * The widgets' one HTTP client of the API: JSON in and out, every refusal an `ApiError`
 * with the API's code.
 *
 * The widgets never show or read the API's messages (which are in the browser's language):
 * they word errors by code, and field errors by their rule and params, in their own
 * language (problem.ts, apply/flow.ts).
 */
import type { FieldError } from '../../../contracts/errors.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The API answered with a reason of its own: not a request that went unanswered (`NETWORK`). */
export const answered = (error: unknown): error is ApiError => error instanceof ApiError && error.code !== 'NETWORK';

export class OneTripApi {
  /** @param base the API's origin and path prefix, e.g. `https://api.example.gov.cn` */
  constructor(readonly base: string) {}

  /** The absolute URL of a path of the API (for links, too). */
  href(path: string): string {
    return new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`).href.replace(/([^:]\/)\/+/g, '$1');
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<T> {
    let response: Response;
    try {
      // A file (a Blob) is sent as it is, with the content type the caller names; anything else as JSON.
      const raw = options.body instanceof Blob;
      response = await fetch(this.href(path), {
        method,
        headers: { ...(options.body === undefined || raw ? {} : { 'content-type': 'application/json' }), ...options.headers },
        body: options.body === undefined ? undefined : raw ? (options.body as Blob) : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      if ((cause as Error).name === 'AbortError') throw cause;
      throw new ApiError('NETWORK', 'No answer from the server', 0, [], { cause });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined)?.error;
      throw new ApiError(error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, response.status, error?.fields ?? []);
    }
    return body as T;
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { signal });
  }

  post<T>(path: string, body: unknown, options: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
}

/** Paths relative to the API base (no leading slash, so a base with a path prefix works). */
/** Situation answers in the query form `GET /v1/catalog/bundles/{code}?answers=` reads: `needsSeals:yes,hiresStaff:no`. */
export const answersQuery = (answers: Record<string, boolean>): string =>
  Object.entries(answers).map(([code, yes]) => `${code}:${yes ? 'yes' : 'no'}`).join(',');

export const paths = {
  catalog: () => 'v1/catalog',
  item: (code: string) => `v1/catalog/items/${encodeURIComponent(code)}`,
  /** The item's last 30 days (docs/reports.md, "An item's public performance"). */
  itemPerformance: (code: string) => `v1/catalog/items/${encodeURIComponent(code)}/performance`,
  /** A bundle's guide; with situation answers (in their query form, {@link answersQuery}), the guide for them. */
  bundle: (code: string, answers?: string) =>
    `v1/catalog/bundles/${encodeURIComponent(code)}${answers === undefined ? '' : `?answers=${encodeURIComponent(answers)}`}`,
  uploads: () => 'v1/uploads',
  feeEstimates: () => 'v1/fee-estimates',
  applications: () => 'v1/applications',
  application: (receipt: string, queryCode: string) =>
    `v1/applications/${encodeURIComponent(receipt)}?queryCode=${encodeURIComponent(queryCode)}`,
  corrections: (receipt: string, queryCode: string) =>
    `v1/applications/${encodeURIComponent(receipt)}/corrections?queryCode=${encodeURIComponent(queryCode)}`,
  /** The applicant's messages, worded in the language of the request's `Accept-Language`. */
  messages: (receipt: string, queryCode: string) =>
    `v1/applications/${encodeURIComponent(receipt)}/messages?queryCode=${encodeURIComponent(queryCode)}`,
  notificationPreferences: (receipt: string, queryCode: string) =>
    `v1/applications/${encodeURIComponent(receipt)}/notification-preferences?queryCode=${encodeURIComponent(queryCode)}`,
  rating: (receipt: string, queryCode: string) =>
    `v1/applications/${encodeURIComponent(receipt)}/rating?queryCode=${encodeURIComponent(queryCode)}`,
  ticket: (ticketNumber: string, queryCode: string) =>
    `v1/tickets/${encodeURIComponent(ticketNumber)}?queryCode=${encodeURIComponent(queryCode)}`,
  payments: (ticketNumber: string, queryCode: string) =>
    `v1/tickets/${encodeURIComponent(ticketNumber)}/payments?queryCode=${encodeURIComponent(queryCode)}`,
  receipt: (ticketNumber: string, queryCode: string) =>
    `v1/tickets/${encodeURIComponent(ticketNumber)}/receipt?queryCode=${encodeURIComponent(queryCode)}`,
  result: (receipt: string, verificationCode: string, queryCode: string) =>
    `v1/applications/${encodeURIComponent(receipt)}/results/${encodeURIComponent(verificationCode)}?queryCode=${encodeURIComponent(queryCode)}`,
  notice: (receipt: string, noticeId: string, queryCode: string) =>
    `v1/applications/${encodeURIComponent(receipt)}/notices/${encodeURIComponent(noticeId)}?queryCode=${encodeURIComponent(queryCode)}`,
  verify: (verificationCode: string) => `v1/certificates/verify/${encodeURIComponent(verificationCode)}`,
  verifyPdf: () => 'v1/certificates/verify',
  library: () => 'v1/certificates/library',
  libraryChallenges: () => 'v1/certificates/library/challenges',
};
