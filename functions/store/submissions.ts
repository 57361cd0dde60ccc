/**
 * The submit path's own writes: daily receipt sequence, the idempotency record and the
 * receipt lookup, joined to the case's transaction so a case exists exactly when its
 * idempotency record does.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, Change } from '../domain/records.js';
import type { SubmissionResponse } from '../../contracts/cases.js';
import { documentClient } from '../lambda/aws.js';
import { ConflictError } from '../domain/errors.js';
import { commit, dataTable, WriteConflictError } from './data-table.js';
import { counterKey, idempotencyKey, receiptKey } from './keys.js';
import { bindUploads } from './uploads.js';

/** Retried submits within this window return the same case. */
const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

export interface IdempotencyRecord {
  requestHash: string;
  response: SubmissionResponse;
}

export async function nextReceiptSequence(county: string, localDate: string): Promise<number> {
  const out = await documentClient().send(
    new UpdateCommand({
      TableName: dataTable(),
      Key: counterKey(`receipt#${county}#${localDate}`),
      UpdateExpression: 'ADD #v :one',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.value);
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

/** How many receipt numbers a county gave out on a Shanghai day (its daily sequence's last value; 0 when none). */
export async function receiptsIssued(county: string, localDate: string): Promise<number> {
  const out = await documentClient().send(
    new GetCommand({ TableName: dataTable(), Key: counterKey(`receipt#${county}#${localDate}`), ConsistentRead: true }),
  );
  return Number(out.Item?.value ?? 0);
}
