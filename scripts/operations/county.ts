/**
 * Where an operators' script (`npm run redrive`, `npm run replay-outbox`) finds a county's queues
 * and tables: in AWS, the resources of the CloudFormation stack `OneTrip-<code>`; locally, the
 * index of a running `npm start` (`GET /local/index`). Either way the script gets the same map of
 * logical ids to queue URLs and table names, and SDK clients pointed at the right place.
 */
import { CloudFormationClient, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consumers } from '../../contracts/events.js';
import { findCounty, stackName, UnknownCountyError } from '../../infra/config/counties.js';
import { useLocalhostDns } from '../../local/fauxqs.js';
import type { PlatformIndex } from '../../local/types.js';

export interface CountyResources {
  /** Queue URL by CloudFormation logical id. */
  queues: Record<string, string>;
  /** Table name by CloudFormation logical id. */
  tables: Record<string, string>;
  sqs: SQSClient;
  dynamo: DynamoDBDocumentClient;
  /** Where they were found: the stack name or the local runtime's URL. */
  source: string;
}

/** The default address of the local runtime (`npm start`). */
export const LOCAL_URL = 'http://localhost:3000';

/** The queues a script can name: each consumer's, and the relay's failures. */
export const QUEUE_NAMES = [...Object.keys(consumers), 'relay-failures'] as const;

/** The logical-id prefix of a named queue's construct (`Queue-certificates` → `Queuecertificates`). */
function constructPrefix(name: string): string {
  if (name === 'relay-failures') return 'RelayFailures';
  if (!(name in consumers)) throw new UsageError(`--queue must be one of ${QUEUE_NAMES.join(', ')}; got "${name}"`);
  return `Queue${name.replaceAll('-', '')}`;
}

/** The one resource whose logical id is `prefix` and CDK's 8-character hash. */
function byLogicalId(resources: Record<string, string>, prefix: string, what: string): string {
  const found = Object.entries(resources).filter(([id]) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id));
  if (found.length !== 1) throw new UsageError(`${found.length === 0 ? 'No' : 'More than one'} ${what} (${prefix}…) among ${Object.keys(resources).join(', ') || 'no resources'}`);
  return found[0]![1];
}

/** A named queue's URL and its dead-letter queue's URL. */
export function queuePair(queues: Record<string, string>, name: string): { queue: string; dlq: string } {
  const prefix = constructPrefix(name);
  return { queue: byLogicalId(queues, `${prefix}Queue`, `queue ${name}`), dlq: byLogicalId(queues, `${prefix}Dlq`, `dead-letter queue of ${name}`) };
}

/** The outbox table's name. */
export const outboxTableOf = (tables: Record<string, string>): string => byLogicalId(tables, 'OutboxTable', 'outbox table');

/** A mistake in how a script was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The county's stack name; a county the configuration does not know is a usage error. */
function stackNameOf(county: string): string {
  try {
    return stackName(findCounty(county));
  } catch (error) {
    if (error instanceof UnknownCountyError) throw new UsageError(error.message);
    throw error;
  }
}

/** From the stack `OneTrip-<county>` in the account and region of the ordinary AWS configuration. */
async function fromStack(county: string): Promise<CountyResources> {
  const name = stackNameOf(county);
  const queues: Record<string, string> = {};
  const tables: Record<string, string> = {};
  for await (const page of paginateListStackResources({ client: new CloudFormationClient({}) }, { StackName: name })) {
    for (const r of page.StackResourceSummaries ?? []) {
      if (!r.LogicalResourceId || !r.PhysicalResourceId) continue;
      if (r.ResourceType === 'AWS::SQS::Queue') queues[r.LogicalResourceId] = r.PhysicalResourceId;
      if (r.ResourceType === 'AWS::DynamoDB::Table') tables[r.LogicalResourceId] = r.PhysicalResourceId;
    }
  }
  return { queues, tables, sqs: new SQSClient({}), dynamo: documentClient(new DynamoDBClient({})), source: name };
}

/** From a running local runtime's index, signing with the access key whose database holds its tables. */
async function fromLocal(url: string, county: string): Promise<CountyResources> {
  let index: Pick<PlatformIndex, 'stack' | 'accessKeyId' | 'queues' | 'tables'> & { endpoints: Pick<PlatformIndex['endpoints'], 'dynamodb' | 'sqs'> };
  try {
    const response = await fetch(new URL('/local/index', url));
    if (!response.ok) throw new Error(`GET /local/index answered ${response.status}`);
    index = (await response.json()) as typeof index;
  } catch (error) {
    throw new UsageError(`No local runtime at ${url} (${(error as Error).message}): start it with npm start, or pass its URL as --local <url>`);
  }
  if (index.stack !== stackNameOf(county)) throw new UsageError(`The local runtime at ${url} runs ${index.stack}, not ${stackNameOf(county)}`);
  // The emulator's queue URLs are under *.localhost, which this process must be taught to resolve.
  useLocalhostDns();
  const local = { region: 'us-east-1', credentials: { accessKeyId: index.accessKeyId, secretAccessKey: 'local' } };
  return {
    queues: index.queues,
    tables: index.tables,
    sqs: new SQSClient({ ...local, endpoint: index.endpoints.sqs }),
    dynamo: documentClient(new DynamoDBClient({ ...local, endpoint: index.endpoints.dynamodb })),
    source: url,
  };
}

const documentClient = (client: DynamoDBClient) => DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/** The county's resources: from the local runtime at `local` when given, else from AWS. */
export function countyResources(county: string, local: string | undefined): Promise<CountyResources> {
  return local === undefined ? fromStack(county) : fromLocal(local, county);
}

/** The options both scripts take: `--county <code>` (required) and `--local [url]`. */
export const COUNTY_OPTIONS = {
  county: { type: 'string' },
  local: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

/**
 * `--local` alone means the default local runtime: parseArgs needs a value, so a bare
 * `--local` (last, or before another option) is given LOCAL_URL.
 */
export function withLocalDefault(argv: string[]): string[] {
  return argv.flatMap((arg, i) => (arg === '--local' && (i === argv.length - 1 || argv[i + 1]!.startsWith('--')) ? [arg, LOCAL_URL] : [arg]));
}

/** Runs a script's main, printing a usage error without a stack trace. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  });
}
