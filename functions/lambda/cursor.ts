/**
 * The opaque cursor of a paged list (`cursor` / `next`): the DynamoDB key a page ended at,
 * as base64url JSON. A cursor is checked against the list it is given to (the key's
 * partition), so one list's cursor, or a made-up one, is a 400 `INVALID_CURSOR` rather than
 * a page of another list or a DynamoDB error.
 */
import { ValidationError } from '../domain/errors.js';

/** Longer than any key OneTrip writes (DynamoDB caps a key at 2 KB a part): refused unread. */
const MAX_CURSOR = 4096;

/** A DynamoDB key, as a page ended at it. */
export type CursorKey = Record<string, unknown>;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The key `raw` encodes, when it is an object of string attributes (every key attribute of
 * OneTrip's tables is a string) whose `partitionAttribute` is `partitionValue`, holding each
 * of `keyAttributes` (the key attributes of the table or index the list is read from).
 */
export function decodeCursor(raw: string, partitionAttribute: string, partitionValue: string, keyAttributes: readonly string[] = []): CursorKey {
  const invalid = () =>
    new ValidationError('cursor is not the next of a page of this list', [{ path: 'query:cursor', message: 'is not a cursor of this list', rule: 'invalid_cursor' }], 'INVALID_CURSOR');
  if (raw.length === 0 || raw.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const attributes = Object.entries(key);
  if (attributes.some(([, value]) => typeof value !== 'string') || (key as Record<string, unknown>)[partitionAttribute] !== partitionValue) throw invalid();
  if (keyAttributes.some((name) => !(name in key))) throw invalid();
  return key as CursorKey;
}
