import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface PrivateBucketProps {
  encryptionKey: kms.IKey;
  accessLogs: s3.IBucket;
  /** Prefix of this bucket's access logs in the log bucket. */
  logPrefix: string;
  /** Browser origins allowed to PUT through presigned URLs; none when omitted. */
  uploadOrigins?: string[];
}

/** A private, SSL-only, KMS-encrypted, versioned bucket whose accesses are logged. */
export class PrivateBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.logPrefix,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: props.uploadOrigins
        ? [
            {
              allowedMethods: [s3.HttpMethods.PUT],
              allowedOrigins: props.uploadOrigins,
              allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
              maxAge: 3600,
            },
          ]
        : undefined,
    });
  }
}
