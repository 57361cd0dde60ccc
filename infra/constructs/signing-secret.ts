import { RemovalPolicy, Tags, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECRET_PURPOSE_TAG } from './provider-secret.js';

/** The tag naming whose key the signing secret holds; the local runtime makes its certificate's CN from it. */
export const SIGNER_NAME_TAG = 'onetrip:signer';

export interface SigningSecretProps {
  /** The county's name, e.g. 华容县: the subject its certificate names. */
  signerName: string;
  /** The county's key, which encrypts the secret. */
  encryptionKey: kms.IKey;
}

/**
 * The county's signing key and certificate (docs/results.md, "Signatures"): base64 of a
 * PKCS#12 with an empty passphrase, with which the county signs the certificates and
 * payment receipts it issues. The stack creates the secret with a placeholder value; the
 * administrator puts the county's P12 in it (README, "Deploying one county"). Until then
 * signing fails with a configuration error, and no certificate goes out unsigned.
 */
export class SigningSecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SigningSecretProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `OneTrip: the signing key and certificate of ${props.signerName} (base64 PKCS#12, empty passphrase)`,
      encryptionKey: props.encryptionKey,
      // The county's key outlives a stack: certificates signed with it stay verifiable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Tags.of(this.secret).add(SECRET_PURPOSE_TAG, 'signing');
    Tags.of(this.secret).add(SIGNER_NAME_TAG, props.signerName);
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The signing key comes with a certificate a certification authority issues; the administrator renews both together, which a rotation Lambda cannot do on its own.',
    });
  }

  /** Lets `fn` read the key and tells it the secret's ARN in `SIGNING_SECRET_ARN`. */
  grantTo(fn: lambda.Function): void {
    this.secret.grantRead(fn);
    fn.addEnvironment('SIGNING_SECRET_ARN', this.secret.secretArn);
  }
}
