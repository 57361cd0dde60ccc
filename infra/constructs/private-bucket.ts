import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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
  /**
   * Objects expire this long after their last write; a version replaced or expired is kept
   * `noncurrentVersionsKept` longer (to undo a mistake), then goes too. @default never
   */
  expireAfter?: Duration;
  /** @default 90 days */
  noncurrentVersionsKept?: Duration;
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
      lifecycleRules: props.expireAfter
        ? [
            {
              id: 'Retention',
              expiration: props.expireAfter,
              noncurrentVersionExpiration: props.noncurrentVersionsKept ?? Duration.days(90),
              abortIncompleteMultipartUploadAfter: Duration.days(7),
            },
            // An expired object leaves a delete marker over its (noncurrent) versions; once they
            // are gone the marker is removed as well. S3 takes this in a rule of its own.
            { id: 'ExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
          ]
        : undefined,
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
