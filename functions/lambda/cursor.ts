/**
 * The opaque cursor of a paged list: the DynamoDB key a page ended on (its
 * LastEvaluatedKey, or the key of its last item), as base64url JSON. A list answers it as
 * `next` and takes it back as `cursor`; it starts the next Query there (ExclusiveStartKey).
 *
 * A cursor is the caller's input: it is taken back only when it is a key of the data
 * table's shape (`pk`, `sk`, and an index's own partition and sort attributes, e.g.
 * `queuePk`, `queueSk`, all strings) in the very partition the list reads, so one list's
 * cursor cannot page another's, and a forged one cannot start a Query anywhere else.
 * Anything else is a 400 `INVALID_CURSOR`.
 */
import { ValidationError } from '../domain/errors.js';

/** A key of the data table: its attribute names and string values. */
export type CursorKey = Record<string, string>;

/** Longer than any key of the data table encodes to. */
const MAX_CURSOR_LENGTH = 2048;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const invalid = () => new ValidationError('The cursor is not one this list gave out (pass its `next` unchanged)', undefined, 'INVALID_CURSOR');

/** `pk` → `sk`; an index's `queuePk` → `queueSk`. */
const sortAttributeOf = (partition: string) => partition.replace(/(p|P)k$/, (_, p: string) => (p === 'p' ? 's' : 'S') + 'k');

/**
 * The key `raw` encodes, when it is a data-table key in the partition `expectedPartitionAttribute`
 * = `expectedValue`; else a 400 `INVALID_CURSOR`.
 */
export function decodeCursor(raw: string, expectedPartitionAttribute: string, expectedValue: string): CursorKey {
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const attributes = new Set(['pk', 'sk', expectedPartitionAttribute, sortAttributeOf(expectedPartitionAttribute)]);
  const entries = Object.entries(key);
  const wellFormed = entries.length === attributes.size && entries.every(([name, value]) => attributes.has(name) && typeof value === 'string' && value !== '');
  if (!wellFormed || (key as CursorKey)[expectedPartitionAttribute] !== expectedValue) throw invalid();
  return key as CursorKey;
}
