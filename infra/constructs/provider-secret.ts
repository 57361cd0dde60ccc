import { RemovalPolicy, Stack, Tags, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Settings } from '../../contracts/providers.js';

/**
 * The tag that says what a provider secret is for. The local runtime reads it to know
 * which secret its sandbox provider signs with (`platform.secrets.payment`).
 */
export const SECRET_PURPOSE_TAG = 'onetrip:purpose';

export interface ProviderSecretProps {
  /** What the secret is shared for, e.g. `payment`; tagged as {@link SECRET_PURPOSE_TAG}. */
  purpose: string;
  description: string;
  /** The county's key. */
  encryptionKey: kms.IKey;
}

/**
 * The secret an outside provider (payment, courier) shares with a county: the provider
 * signs its callbacks with it and OneTrip signs its requests with it (API.md, "Callbacks
 * (signed)"). The stack creates it with a random value so a fresh stack works against
 * the sandbox; operators put the value the provider issues with `put-secret-value`.
 */
export class ProviderSecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ProviderSecretProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: props.description,
      encryptionKey: props.encryptionKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Issued by the provider: a deleted stack must not take the provider's secret with it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Tags.of(this.secret).add(SECRET_PURPOSE_TAG, props.purpose);
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The secret is issued by the provider and rotated together with them; a rotation Lambda cannot obtain a new value on its own.',
    });
  }

  /** Lets `fn` read the secret and tells it the ARN in the environment variable `arnVariable`. */
  grantTo(fn: lambda.Function, arnVariable: string): void {
    this.secret.grantRead(fn);
    fn.addEnvironment(arnVariable, this.secret.secretArn);
  }
}

/**
 * The providers of one capability (payment, courier) as the functions receive them: each
 * configured entry with its secret's ARN in place of `secretName`. A real provider's secret
 * is the one the county's administrator created and filled (imported by name: private keys
 * never pass through CloudFormation); the sandbox's is a {@link ProviderSecret} the stack
 * creates (construct id `id`, so a sandbox county's template keeps its secret).
 */
export class ProviderSecrets<C extends { provider: string }> extends Construct {
  readonly secrets: secretsmanager.ISecret[];
  /** The JSON of the entries with `secretArn` (the value of `PAYMENT_PROVIDERS` / `COURIER_PROVIDER_CONFIG`). */
  readonly settings: string;

  constructor(scope: Construct, id: string, props: ProviderSecretProps & { entries: C[]; single?: boolean }) {
    // The sandbox's secret keeps the construct path it always had (`<id>/Secret`) in the scope itself.
    super(scope, `${id}Entries`);
    const settings = props.entries.map((entry) => {
      const { secretName, ...rest } = entry as C & { secretName?: string };
      const secret = secretName
        ? secretsmanager.Secret.fromSecretNameV2(this, `Imported-${entry.provider}`, secretName)
        : new ProviderSecret(scope, id, { ...props, description: `${props.description} (${entry.provider})` }).secret;
      return { secret, setting: { ...rest, secretArn: secret.secretArn } as Settings<C> };
    });
    this.secrets = settings.map(({ secret }) => secret);
    const values = settings.map(({ setting }) => setting);
    this.settings = Stack.of(this).toJsonString(props.single ? values[0] : values);
  }

  /** Lets `fn` read every secret and tells it the entries in the environment variable `variable`. */
  grantTo(fn: lambda.Function, variable: string): void {
    for (const secret of this.secrets) secret.grantRead(fn);
    fn.addEnvironment(variable, this.settings);
  }
}
