/**
 * What every provider adapter (payments/, courier/) does on the wire: POST a JSON body
 * signed like the callbacks (`X-OneTrip-Signature`, see signature.ts) with the secret
 * shared with the provider, give up after a timeout, and turn every failure into the
 * adapter's own {@link ProviderError}.
 */
import { optionalEnv } from './env.js';
import { ConfigurationError, OneTripError } from '../domain/errors.js';
import { SIGNATURE_HEADER, signatureHeader } from '../../contracts/signature.js';

/** Milliseconds a request to a provider may take when its adapter is not told otherwise. */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 5000;

/** How much of a refusal's body goes into the error message. */
const DETAIL_CHARS = 300;

/**
 * A provider refused a request, or could not be reached. Each kind of provider has its
 * subclass (`PaymentProviderError`, `CourierProviderError`), which sets `name`.
 */
export class ProviderError extends OneTripError {
  override name = 'ProviderError';
  constructor(
    message: string,
    /** The provider's HTTP status when it answered; undefined when it could not be reached or timed out. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super('PROVIDER_UNAVAILABLE', message, 'unavailable', undefined, options);
  }
}

/** A {@link ProviderError} subclass, which {@link signedPost} throws. */
export type ProviderErrorClass = new (message: string, status?: number, options?: { cause?: unknown }) => ProviderError;

/** How an adapter reaches its provider. */
export interface ProviderConnection {
  /** The shared secret; asked for on each request (secretValue caches it). */
  secret: () => Promise<string>;
  /** Milliseconds a request may take before it is abandoned. @default DEFAULT_PROVIDER_TIMEOUT_MS (5000) */
  timeoutMs?: number;
  /** @default the global fetch */
  fetch?: typeof fetch;
  /** Unix seconds, for the signature. @default the system clock */
  nowSeconds?: () => number;
}

export interface SignedPostOptions extends ProviderConnection {
  /** The provider as error messages name it, e.g. `The sandbox courier`. */
  provider: string;
  /** What is thrown on every failure: the adapter's own error class. */
  error: ProviderErrorClass;
}

/**
 * POSTs `body` as signed JSON to `url`; the parsed JSON answer (undefined when empty).
 *
 * @throws options.error without a status when the provider cannot be reached or times out,
 *   with its status when it answers other than 2xx or with a body that is not JSON
 */
export async function signedPost(url: string, body: Record<string, unknown>, options: SignedPostOptions): Promise<unknown> {
  const { provider, error: ErrorClass } = options;
  const rawBody = JSON.stringify(body);
  const now = options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const signature = signatureHeader(await options.secret(), rawBody, now);
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
      body: rawBody,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (cause) {
    throw new ErrorClass(`${provider} could not be reached at ${url}: ${(cause as Error).message}`, undefined, { cause });
  }
  if (!response.ok) {
    throw new ErrorClass(`${provider} answered ${response.status}: ${text.slice(0, DETAIL_CHARS)}`, response.status);
  }
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ErrorClass(`${provider} answered ${response.status} with a body that is not JSON`, response.status, { cause });
  }
}

/**
 * The request timeout from the environment variable `variable` (e.g.
 * `PAYMENT_PROVIDER_TIMEOUT_MS`). @default DEFAULT_PROVIDER_TIMEOUT_MS (5000)
 *
 * @throws ConfigurationError when it is not a positive whole number of milliseconds
 */
export function providerTimeoutMs(variable: string): number {
  const timeoutMs = Number(optionalEnv(variable, String(DEFAULT_PROVIDER_TIMEOUT_MS)));
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigurationError(`${variable} must be a positive whole number of milliseconds`);
  }
  return timeoutMs;
}
