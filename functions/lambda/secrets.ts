/**
 * Secrets from AWS Secrets Manager, by ARN: named by an environment variable that holds
 * the ARN, or in a provider's entry of PAYMENT_PROVIDERS / COURIER_PROVIDER_CONFIG (the
 * stack sets both where it grants the read; see infra/county-stack.ts).
 *
 * Values are cached per execution environment by Powertools Parameters, so a warm
 * function asks Secrets Manager at most once per {@link SECRET_MAX_AGE_SECONDS}; a
 * rotated secret reaches every function within that time.
 *
 * The local runtime has no Secrets Manager: it hands every function the map ARN → value
 * in `ONETRIP_LOCAL_SECRETS`, and that map is read instead when it is set.
 */
import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { requireEnv } from './env.js';
import { ConfigurationError } from '../domain/errors.js';

/** Seconds a fetched secret is kept before it is fetched again. */
export const SECRET_MAX_AGE_SECONDS = 300;

/** Set by the local runtime only: JSON object of secret ARN → secret string. */
export const LOCAL_SECRETS_VARIABLE = 'ONETRIP_LOCAL_SECRETS';

function localSecret(map: string, arn: string, what: string): string {
  let secrets: unknown;
  try {
    secrets = JSON.parse(map);
  } catch (cause) {
    throw new ConfigurationError(`${LOCAL_SECRETS_VARIABLE} is not a JSON object`, { cause });
  }
  const value = typeof secrets === 'object' && secrets !== null ? (secrets as Record<string, unknown>)[arn] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(`The local runtime has no secret ${arn} (${what})`);
  }
  return value;
}

/**
 * The string value of the secret with ARN `arn` (cached; the local runtime's map when set).
 * `what` names where the ARN came from, for the errors (e.g. `named by PAYMENT_PROVIDERS`).
 *
 * @throws ConfigurationError when the secret is missing, empty or binary. Powertools'
 *   GetParameterError for other failures of Secrets Manager.
 */
export async function secretByArn(arn: string, what = 'named by the configuration'): Promise<string> {
  const localMap = process.env[LOCAL_SECRETS_VARIABLE];
  if (localMap) return localSecret(localMap, arn, what);
  let value: string | Uint8Array;
  try {
    value = await getSecret(arn, { maxAge: SECRET_MAX_AGE_SECONDS, throwOnMissing: true });
  } catch (cause) {
    // Other failures (throttling, the network, a missing grant) are not the deployment's
    // shape being wrong; they propagate as they are.
    if (cause instanceof ParameterNotFoundError) {
      throw new ConfigurationError(`The secret ${arn} (${what}) does not exist`, { cause });
    }
    throw cause;
  }
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(`The secret ${arn} (${what}) has no string value`);
  }
  return value;
}

/**
 * The string value of the secret whose ARN is in the environment variable `arnVariable`
 * (e.g. `SMS_SECRET_ARN`).
 *
 * @throws ConfigurationError when the variable is not set, or as {@link secretByArn}.
 */
export async function secretValue(arnVariable: string): Promise<string> {
  return secretByArn(requireEnv(arnVariable), `named by ${arnVariable}`);
}

/**
 * A secret holding a JSON object (a real provider's keys: docs/providers/*.md), parsed, with
 * every one of `requiredFields` present and not empty.
 *
 * @throws ConfigurationError naming the fields missing, or when it is not a JSON object
 */
export async function jsonSecret<T extends object>(arn: string, requiredFields: readonly (keyof T & string)[]): Promise<T> {
  const raw = await secretByArn(arn);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigurationError(`The secret ${arn} is not JSON: it must be an object with ${requiredFields.join(', ')}`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError(`The secret ${arn} is not a JSON object: it must have ${requiredFields.join(', ')}`);
  }
  const record = value as Record<string, unknown>;
  const missing = requiredFields.filter((field) => record[field] === undefined || record[field] === null || record[field] === '');
  if (missing.length > 0) throw new ConfigurationError(`The secret ${arn} lacks ${missing.join(', ')}`);
  return value as T;
}
