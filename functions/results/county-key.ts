/**
 * The county's signing key (docs/results.md, "Signatures"): a P12 in the county's signing
 * secret (`SIGNING_SECRET_ARN`), put there by the administrator when deployed and generated
 * once per data directory by `npm start`. Parsed once per secret value: a rotated secret
 * (read again by lambda/secrets.ts within its cache age) gives the new key.
 */
import { secretValue } from '../lambda/secrets.js';
import { signingKeyFromP12, type SigningKey } from './pdf-signing.js';

/** The environment variable naming the secret (infra/functions.ts `signing-key`). */
export const SIGNING_SECRET_VARIABLE = 'SIGNING_SECRET_ARN';

let cached: { value: string; key: SigningKey } | undefined;

export async function countySigningKey(): Promise<SigningKey> {
  const value = await secretValue(SIGNING_SECRET_VARIABLE);
  if (cached?.value !== value) cached = { value, key: signingKeyFromP12(value) };
  return cached.key;
}
