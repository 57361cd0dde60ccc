// The template's AWS::Lambda::EventSourceMapping resources, read into the settings the
// pollers (streams.ts, queue-source.ts) apply with Lambda's semantics.
import { parseFilters } from './filters.js';
import type { Resolver } from './template.js';

interface CommonMapping {
  logicalId: string;
  functionName: string;
  sourceArn: string;
  /** Logical id of the table or queue the mapping reads. */
  sourceLogicalId: string;
  batchSize: number;
  batchingWindowMs: number;
  reportBatchItemFailures: boolean;
  filters: Array<Record<string, unknown>>;
}

export interface StreamMapping extends CommonMapping {
  kind: 'dynamodb-stream';
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  bisectOnError: boolean;
  /** -1: retry until the record expires, as Lambda's default. */
  maxRetryAttempts: number;
  /** -1: no limit. */
  maxRecordAgeSeconds: number;
  onFailureArn?: string;
}

/** One poller per queue mapping: ScalingConfig's concurrency is not emulated. */
export interface QueueMapping extends CommonMapping {
  kind: 'sqs';
}

export type EventSourceMapping = StreamMapping | QueueMapping;

export interface UnsupportedMapping {
  logicalId: string;
  sourceArn: string;
  reason: string;
}

export function readEventSourceMappings(resolver: Resolver): { mappings: EventSourceMapping[]; unsupported: UnsupportedMapping[] } {
  const mappings: EventSourceMapping[] = [];
  const unsupported: UnsupportedMapping[] = [];
  for (const [logicalId] of resolver.resources('AWS::Lambda::EventSourceMapping')) {
    const props = resolver.properties(logicalId);
    const sourceArn = String(props.EventSourceArn ?? '');
    const sourceLogicalId = resolver.logicalIdFor(sourceArn);
    const sourceType = sourceLogicalId ? resolver.template.Resources[sourceLogicalId]?.Type : undefined;
    if (props.Enabled === false || props.Enabled === 'false') {
      unsupported.push({ logicalId, sourceArn, reason: 'disabled in the template' });
      continue;
    }
    const responseTypes = Array.isArray(props.FunctionResponseTypes) ? props.FunctionResponseTypes : [];
    const common = {
      logicalId,
      functionName: String(props.FunctionName ?? ''),
      sourceArn,
      sourceLogicalId: sourceLogicalId ?? '',
      reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
      batchingWindowMs: Number(props.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      filters: parseFilters(props.FilterCriteria),
    };
    if (sourceType === 'AWS::DynamoDB::Table' || sourceType === 'AWS::DynamoDB::GlobalTable') {
      const onFailure = (props.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure?.Destination;
      mappings.push({
        ...common,
        kind: 'dynamodb-stream',
        batchSize: Number(props.BatchSize ?? 100),
        startingPosition: props.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
        bisectOnError: props.BisectBatchOnFunctionError === true || props.BisectBatchOnFunctionError === 'true',
        maxRetryAttempts: Number(props.MaximumRetryAttempts ?? -1),
        maxRecordAgeSeconds: Number(props.MaximumRecordAgeInSeconds ?? -1),
        ...(onFailure ? { onFailureArn: onFailure } : {}),
      });
    } else if (sourceType === 'AWS::SQS::Queue') {
      mappings.push({ ...common, kind: 'sqs', batchSize: Number(props.BatchSize ?? 10) });
    } else {
      unsupported.push({ logicalId, sourceArn, reason: `source ${sourceType ?? sourceArn} is not a table stream or a queue` });
    }
  }
  return { mappings, unsupported };
}

/**
 * The index of the first record a function reported failed in `batchItemFailures`, or
 * -1 if none. An empty, null or unknown itemIdentifier fails the whole batch (0), as
 * Lambda does.
 */
export function firstFailedIndex(response: unknown, identifiers: string[]): number {
  if (typeof response !== 'object' || response === null) return -1;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return -1;
  let first = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const id = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    const index = typeof id === 'string' && id !== '' ? identifiers.indexOf(id) : -1;
    if (index < 0) return 0;
    first = Math.min(first, index);
  }
  return first;
}

/** Identifiers reported failed (for SQS, where each failed message stays in the queue). */
export function failedIdentifiers(response: unknown, identifiers: string[]): Set<string> | 'all' {
  if (typeof response !== 'object' || response === null) return new Set();
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || !identifiers.includes(id)) return 'all';
    failed.add(id);
  }
  return failed;
}
