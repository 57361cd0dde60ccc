import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface DataTableProps {
  partitionKey: string;
  sortKey?: string;
  /** Global secondary indexes, each designed for an access pattern in docs/access-patterns.md. */
  indexes?: {
    name: string;
    partitionKey: string;
    sortKey?: string;
    /**
     * What the index copies of each item: `keys` (its keys and the table's; readers fetch the
     * items), the keys and the attributes named (what its readers use: a change touching none
     * of them writes no copy), or `all`, worth it only for items written once. @default 'keys'
     */
    projection?: 'keys' | 'all' | readonly string[];
  }[];
  /** Attribute holding an epoch-seconds expiry. */
  timeToLiveAttribute?: string;
  encryptionKey: kms.IKey;
}

const str = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

function projectionOf(projection: 'keys' | 'all' | readonly string[] = 'keys'): Pick<dynamodb.GlobalSecondaryIndexProps, 'projectionType' | 'nonKeyAttributes'> {
  if (projection === 'all') return { projectionType: dynamodb.ProjectionType.ALL };
  if (projection === 'keys') return { projectionType: dynamodb.ProjectionType.KEYS_ONLY };
  return { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...new Set(projection)] };
}

/**
 * A DynamoDB table as OneTrip keeps every table: on-demand, encrypted with the county's
 * key, point-in-time recovery, a stream of new and old images, retained on stack deletion.
 */
export class DataTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: str(props.partitionKey),
      sortKey: props.sortKey ? str(props.sortKey) : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: props.timeToLiveAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of props.indexes ?? []) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: str(index.partitionKey),
        sortKey: index.sortKey ? str(index.sortKey) : undefined,
        ...projectionOf(index.projection),
      });
    }
  }
}
