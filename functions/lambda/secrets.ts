/**
 * Secrets from AWS Secrets Manager, named by an environment variable that holds the
 * secret's ARN (the stack sets it where it grants the read; see infra/county-stack.ts).
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

function localSecret(map: string, arn: string, arnVariable: string): string {
  let secrets: unknown;
  try {
    secrets = JSON.parse(map);
  } catch (cause) {
    throw new ConfigurationError(`${LOCAL_SECRETS_VARIABLE} is not a JSON object`, { cause });
  }
  const value = typeof secrets === 'object' && secrets !== null ? (secrets as Record<string, unknown>)[arn] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(`The local runtime has no secret ${arn} (named by ${arnVariable})`);
  }
  return value;
}

/**
 * The string value of the secret whose ARN is in the environment variable `arnVariable`
 * (e.g. `PAYMENT_SECRET_ARN`).
 *
 * @throws ConfigurationError when the variable is not set, or the secret is missing,
 *   empty or binary. Powertools' GetParameterError for other failures of Secrets Manager.
 */
export async function secretValue(arnVariable: string): Promise<string> {
  const arn = requireEnv(arnVariable);
  const localMap = process.env[LOCAL_SECRETS_VARIABLE];
  if (localMap) return localSecret(localMap, arn, arnVariable);
  let value: string | Uint8Array;
  try {
    value = await getSecret(arn, { maxAge: SECRET_MAX_AGE_SECONDS, throwOnMissing: true });
  } catch (cause) {
    // Other failures (throttling, the network, a missing grant) are not the deployment's
    // shape being wrong; they propagate as they are.
    if (cause instanceof ParameterNotFoundError) {
      throw new ConfigurationError(`The secret named by ${arnVariable} does not exist`, { cause });
    }
    throw cause;
  }
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(`The secret named by ${arnVariable} has no string value`);
  }
  return value;
}
