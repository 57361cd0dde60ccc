import { RemovalPolicy, Tags, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

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
