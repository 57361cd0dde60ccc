// The template's Secrets Manager secrets, without Secrets Manager: each gets a random
// value kept in the data dir (`secrets.json`, so restarts keep it and `--fresh` drops it),
// and every function receives the map ARN → value in ONETRIP_LOCAL_SECRETS, which
// functions/lambda/secrets.ts reads instead of calling Secrets Manager. The county's
// signing secret (tagged `onetrip:purpose` = `signing`) gets a self-signed certificate for
// the county named by its `onetrip:signer` tag instead (signing-certificate.ts), as the
// administrator puts the real one in Secrets Manager.
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { LocalRuntimeError } from './errors.js';
import { selfSignedSigningP12 } from './signing-certificate.js';
import type { Resolver } from './template.js';
import type { PlatformSecrets } from './types.js';

/** The tag infra/constructs/provider-secret.ts puts on a provider's secret. */
export const SECRET_PURPOSE_TAG = 'onetrip:purpose';
/** The tag infra/constructs/signing-secret.ts puts on the signing secret: the county's name. */
export const SIGNER_NAME_TAG = 'onetrip:signer';

/** The environment variable functions read the secrets from (functions/lambda/secrets.ts reads the same name). */
export const LOCAL_SECRETS_VARIABLE = 'ONETRIP_LOCAL_SECRETS';

export interface LocalSecret {
  logicalId: string;
  arn: string;
  /** The `onetrip:purpose` tag, e.g. `payment`. */
  purpose: string | undefined;
  value: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Alphanumeric, as GenerateSecretString with ExcludePunctuation makes them. */
function randomSecret(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

export class NoSuchSecretError extends LocalRuntimeError {
  constructor(what: string, known: string[]) {
    super('NO_SUCH_SECRET', `no secret ${what} in the template; known: ${known.join(', ') || 'none'}`);
    this.name = 'NoSuchSecretError';
  }
}

/**
 * Values for every AWS::SecretsManager::Secret of the template: a literal SecretString
 * as it is, else the value kept in `file`, else a new random one (then kept).
 * The resolver must already know the secrets' ARNs (`defineStaticResources`).
 */
export function loadSecrets(resolver: Resolver, file: string): LocalSecret[] {
  const kept: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  let changed = false;
  const secrets = resolver.resources('AWS::SecretsManager::Secret').map(([logicalId]): LocalSecret => {
    const props = resolver.properties(logicalId);
    const tags = Array.isArray(props.Tags) ? (props.Tags as Array<{ Key?: unknown; Value?: unknown }>) : [];
    const tag = (key: string) => tags.find((t) => t.Key === key)?.Value;
    const purpose = tag(SECRET_PURPOSE_TAG);
    let value = typeof props.SecretString === 'string' ? props.SecretString : kept[logicalId];
    if (value === undefined) {
      const signer = tag(SIGNER_NAME_TAG);
      if (purpose === 'signing') {
        value = selfSignedSigningP12({ commonName: typeof signer === 'string' ? signer : 'OneTrip' });
      } else {
        const length = Number((props.GenerateSecretString as { PasswordLength?: unknown } | undefined)?.PasswordLength ?? 32);
        value = randomSecret(Number.isInteger(length) && length > 0 ? length : 32);
      }
      kept[logicalId] = value;
      changed = true;
    }
    const arn = resolver.physicalOf(logicalId)?.ref ?? logicalId;
    return { logicalId, arn, purpose: typeof purpose === 'string' ? purpose : undefined, value };
  });
  if (changed) writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  return secrets;
}

/** `secrets.payment`, `secrets.courier`, `secrets.get('payment')` or `secrets.get('PaymentProviderSecret')`, and the ARN map. */
export function platformSecrets(secrets: LocalSecret[]): PlatformSecrets {
  const known = secrets.map((secret) => `${secret.logicalId}${secret.purpose ? ` (${secret.purpose})` : ''}`);
  const get = (purposeOrPrefix: string): string => {
    const found = secrets.find((secret) => secret.purpose === purposeOrPrefix) ?? secrets.find((secret) => secret.logicalId.startsWith(purposeOrPrefix));
    if (!found) throw new NoSuchSecretError(`"${purposeOrPrefix}"`, known);
    return found.value;
  };
  return {
    get payment() {
      return get('payment');
    },
    get courier() {
      return get('courier');
    },
    get,
    byArn: Object.fromEntries(secrets.map((secret) => [secret.arn, secret.value])),
  };
}
