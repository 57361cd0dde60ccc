/**
 * The submit path's own writes: the daily receipt sequence, the idempotency record and the
 * receipt lookup, joined to the case's transaction so a case exists exactly when its
 * idempotency record does.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, Change } from '../domain/records.js';
import type { SubmissionResponse } from '../../contracts/cases.js';
import { documentClient } from '../lambda/aws.js';
import { ConflictError } from '../domain/errors.js';
import { commit, dataTable, queryAll, WriteConflictError } from './data-table.js';
import { counterKey, idempotencyKey, receiptBlockKey, receiptKey } from './keys.js';
import { bindUploads } from './uploads.js';

/** Retried submits within this window return the same case. */
const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

/**
 * How many receipt numbers an execution environment takes from the day's counter at once
 * (docs/access-patterns.md #9): one UpdateItem per block instead of one per submit. A block's
 * numbers left when the environment ends, or when the day turns, are never given out.
 */
export const RECEIPT_BLOCK_SIZE = 10;

export interface IdempotencyRecord {
  requestHash: string;
  response: SubmissionResponse;
}

/** A receipt sequence number and the block it was taken from. */
export interface ReceiptSequence {
  sequence: number;
  blockStart: number;
}

const receiptCounter = (county: string, localDate: string) => `receipt#${county}#${localDate}`;

/** This environment's block of the current day's receipt numbers. */
let block: { counter: string; next: number; end: number } | undefined;

/** The next receipt sequence of a county's Shanghai day, from this environment's block (a new block when it is used up). */
export async function nextReceiptSequence(county: string, localDate: string): Promise<ReceiptSequence> {
  const counter = receiptCounter(county, localDate);
  if (!block || block.counter !== counter || block.next > block.end) {
    const out = await documentClient().send(
      new UpdateCommand({
        TableName: dataTable(),
        Key: counterKey(counter),
        UpdateExpression: 'ADD #v :n',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':n': RECEIPT_BLOCK_SIZE },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const end = Number(out.Attributes?.value);
    block = { counter, next: end - RECEIPT_BLOCK_SIZE + 1, end };
  }
  const blockStart = block.end - RECEIPT_BLOCK_SIZE + 1;
  return { sequence: block.next++, blockStart };
}

/**
 * The transaction item that records a receipt number as used, on its block's item beside the
 * day's counter: only one environment writes a block, so submits do not contend for it.
 */
function receiptUsed(county: string, localDate: string, { sequence, blockStart }: ReceiptSequence) {
  return {
    Update: {
      TableName: dataTable(),
      Key: receiptBlockKey(receiptCounter(county, localDate), blockStart),
      UpdateExpression: 'ADD #s :n',
      ExpressionAttributeNames: { '#s': 'sequences' },
      ExpressionAttributeValues: { ':n': new Set([sequence]) },
    },
  };
}

export async function findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: dataTable(), Key: idempotencyKey(key), ConsistentRead: true }),
  );
  return out.Item ? { requestHash: String(out.Item.requestHash), response: out.Item.response as SubmissionResponse } : undefined;
}

/** Another request with the same Idempotency-Key created the case first: its answer is the answer. */
export class DuplicateSubmissionError extends ConflictError {
  override name = 'DuplicateSubmissionError';
  constructor(key: string, options?: { cause?: unknown }) {
    super('DUPLICATE_SUBMISSION', `Another request with Idempotency-Key ${key} is creating this application`, { ...options, params: { key } });
  }
}

/**
 * Creates the case. Throws DuplicateSubmissionError when another request with the same
 * key won the race, and a 409 when an upload was meanwhile attached to another case.
 */
export async function createCase(
  record: CaseRecord,
  change: Change,
  key: string,
  idempotency: IdempotencyRecord,
  receipt: { localDate: string } & ReceiptSequence,
): Promise<void> {
  const table = dataTable();
  const nowSeconds = Math.floor(Date.now() / 1000);
  const extra = [
    {
      Put: {
        TableName: table,
        Item: { ...idempotencyKey(key), ...idempotency, caseId: record.caseId, expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: table,
        Item: { ...receiptKey(record.receiptNumber), caseId: record.caseId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...bindUploads(record.materials.map((m) => m.uploadId), record.caseId),
    receiptUsed(record.county, receipt.localDate, receipt),
  ];
  try {
    await commit(record, change, record.county, extra);
  } catch (error) {
    if (!(error instanceof WriteConflictError)) throw error;
    // The idempotency record is the first item: its condition failing means the same key won.
    if (error.reasons[0] === 'ConditionalCheckFailed' || error.reasons.includes('TransactionConflict')) throw new DuplicateSubmissionError(key, { cause: error });
    throw new ConflictError('UPLOAD_ALREADY_USED', 'An upload of this application is already part of another application', { cause: error });
  }
}

export async function caseIdByReceipt(receiptNumber: string): Promise<string | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: dataTable(), Key: receiptKey(receiptNumber), ConsistentRead: true }),
  );
  return out.Item ? String(out.Item.caseId) : undefined;
}

/**
 * The receipt sequence numbers a county's Shanghai day gave to cases, ascending: those its
 * blocks record as used (one Query of the day's counter partition). A day from before the
 * blocks has only its counter: then every number from 1 to its value.
 */
export async function receiptSequencesUsed(county: string, localDate: string): Promise<number[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': counterKey(receiptCounter(county, localDate)).pk },
    ConsistentRead: true,
  });
  const blocks = items.filter((i) => i.sk !== 'COUNTER');
  if (blocks.length) return blocks.flatMap((b) => [...(b.sequences as Set<number>)].map(Number)).sort((a, b) => a - b);
  const counter = Number(items.find((i) => i.sk === 'COUNTER')?.value ?? 0);
  return Array.from({ length: counter }, (_, i) => i + 1);
}
