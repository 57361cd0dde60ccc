/** The staff lists' cursor: what a page ends at comes back as it was, and only to its own list. */
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../functions/lambda/cursor.js';

const key = { pk: 'CASE#c1', sk: 'CASE', queuePk: 'CASES#submitted', submissionSk: '2026-11-02T01:00:00.000Z#c1' };

describe('the list cursor', () => {
  it('decodes what it encoded, for the same partition', () => {
    // Act
    const cursor = encodeCursor(key);

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'queuePk', 'CASES#submitted')).toEqual(key);
  });

  it.each([
    ['another partition', encodeCursor(key), 'CASES#accepted'],
    ['not base64url', 'a+b/c=', 'CASES#submitted'],
    ['not JSON', Buffer.from('{"pk":').toString('base64url'), 'CASES#submitted'],
    ['not an object', encodeCursor([1] as unknown as Record<string, unknown>), 'CASES#submitted'],
    ['a value not a string', encodeCursor({ ...key, sk: 1 }), 'CASES#submitted'],
    ['empty', '', 'CASES#submitted'],
  ])('refuses %s with 400 INVALID_CURSOR', (_what, raw, partition) => {
    // Act
    const decode = () => decodeCursor(raw, 'queuePk', partition);

    // Assess
    expect(decode).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', kind: 'invalid' }));
  });
});
