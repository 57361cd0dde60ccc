/**
 * The settlement ledger (docs/fees.md): one partition `LEDGER#<day>` per Shanghai day in
 * the data table. PAY and REFUND items are written by the ticket's own transactions; this
 * module writes the SPLIT and REVERSAL items and reads a day back.
 *
 * All items of one settlement (the splits of a payment, the reversals of a refund) are
 * written in one TransactWriteItems, each only if absent, so a redelivered event finds them
 * all there and changes nothing, and a half-written settlement cannot exist.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DepartmentSplit } from '../domain/fees.js';
import type { LedgerEntry } from '../domain/settlement.js';
import { documentClient } from '../lambda/aws.js';
import { dataTable, queryAll } from './data-table.js';
import { ledgerKey, ledgerPartition } from './keys.js';
import { OneTripError } from '../domain/errors.js';

/** A transaction writes at most this many items. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * The ledger already holds some but not all items of a settlement, or holds them with other
 * amounts or accounts: two different events claimed the same payment or refund, or items
 * were removed by hand. Nothing is written; the event ends in the DLQ for a person to look at.
 */
export class LedgerConflictError extends OneTripError {
  override name = 'LedgerConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('LEDGER_CONFLICT', message, 'conflict', undefined, options);
  }
}

/** `written` when this call wrote the items, `already written` when a previous delivery had. */
export type SettlementOutcome = 'written' | 'already written';

export interface SplitsInput {
  /** `paidOn`: the day of the payment. */
  day: string;
  ticketNumber: string;
  paymentId: string;
  splits: readonly DepartmentSplit[];
  /** When the items are written (ISO 8601). */
  at: string;
}

export interface ReversalsInput {
  /** `requestedOn`: the day the refund was asked for. */
  day: string;
  ticketNumber: string;
  /** The payment refunded. */
  paymentId: string;
  refundId: string;
  /** The refunded payment's splits, as the refund takes them back. */
  splits: readonly DepartmentSplit[];
  /** When the items are written (ISO 8601). */
  at: string;
}

/** Writes the SPLIT items of one payment, one per department, in one transaction. */
export function writeSplits(input: SplitsInput): Promise<SettlementOutcome> {
  const { day, ticketNumber, paymentId, at } = input;
  return writeOnce(
    input.splits.map(({ department, account, amountFen }) => ({
      ...ledgerKey(day, 'SPLIT', department, ticketNumber, paymentId),
      kind: 'SPLIT',
      day,
      ticketNumber,
      paymentId,
      department,
      account,
      amountFen,
      at,
    })),
  );
}

/** Writes the REVERSAL items of one refund, one per department, in one transaction. */
export function writeReversals(input: ReversalsInput): Promise<SettlementOutcome> {
  const { day, ticketNumber, paymentId, refundId, at } = input;
  return writeOnce(
    input.splits.map(({ department, account, amountFen }) => ({
      ...ledgerKey(day, 'REVERSAL', department, ticketNumber, refundId),
      kind: 'REVERSAL',
      day,
      ticketNumber,
      paymentId,
      refundId,
      department,
      account,
      amountFen,
      at,
    })),
  );
}

type LedgerItem = LedgerEntry & { pk: string; sk: string };

/** What makes two writes of an item the same settlement; `at` differs between deliveries. */
const FACTS = ['kind', 'day', 'ticketNumber', 'paymentId', 'refundId', 'department', 'account', 'amountFen'] as const;

/** Attempts of a transaction that lost to a concurrent one (a duplicate delivery in the same batch). */
const CONFLICT_ATTEMPTS = 5;

async function writeOnce(items: LedgerItem[]): Promise<SettlementOutcome> {
  if (items.length === 0) return 'written';
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new RangeError(`A settlement writes at most ${MAX_TRANSACTION_ITEMS} ledger items, not ${items.length}`);
  }
  const table = dataTable();
  const command = new TransactWriteCommand({
    TransactItems: items.map((Item) => ({
      Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
    })),
  });
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(command);
      return 'written';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
      if (codes.includes('TransactionConflict') && attempt < CONFLICT_ATTEMPTS) {
        // Another delivery of the same event is writing these items; its outcome decides ours.
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        continue;
      }
      const failed = codes.filter((c) => c === 'ConditionalCheckFailed').length;
      // Anything else (throttling, conflicts beyond the attempts) is retried by the queue.
      if (failed === 0 || codes.some((c) => c !== 'ConditionalCheckFailed' && c !== 'None')) throw error;
      if (failed < items.length) throw new LedgerConflictError(`Only some of the ledger items ${describe(items)} exist`, { cause: error });
      alreadyWritten(items, error);
      return 'already written';
    }
  }
}

/**
 * Every item exists: a redelivery, unless the stored items say otherwise. The service
 * returns each existing item (ReturnValuesOnConditionCheckFailure); a different settlement
 * under the same keys is a {@link LedgerConflictError}, not a redelivery.
 */
function alreadyWritten(items: readonly LedgerItem[], error: TransactionCanceledException): void {
  (error.CancellationReasons ?? []).forEach((reason, i) => {
    const item = items[i];
    if (!item || !reason.Item) return;
    const existing = unmarshall(reason.Item);
    const differs = FACTS.filter((f) => existing[f] !== item[f]);
    if (differs.length > 0) {
      throw new LedgerConflictError(`Ledger item ${item.pk} ${item.sk} exists with other ${differs.join(', ')}`, { cause: error });
    }
  });
}

function describe(items: readonly LedgerItem[]): string {
  return `${items[0]?.pk ?? ''} ${items.map((i) => i.sk).join(', ')}`;
}

/** Every ledger item of a Shanghai day (PAY, REFUND, SPLIT, REVERSAL), in sort-key order, across pages. */
export async function ledgerOfDay(day: string): Promise<LedgerEntry[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ledgerPartition(day) }, ConsistentRead: true });
  return items.map(({ pk: _pk, sk: _sk, ...entry }) => entry as unknown as LedgerEntry);
}
