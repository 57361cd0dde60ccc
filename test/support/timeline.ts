/**
 * A case's stored timeline checked without the project's own hashing: every entry's hash
 * recomputed here (SHA-256 of its JSON with keys sorted, written with JSON.stringify), each
 * entry pointing at the one before, numbered from 1 without a gap, and the head stored on
 * the case (`timeline.seq`, `timeline.hash`) naming the last entry, so that a removed tail
 * shows too.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { caseItems, type TestPlatform } from './platform.js';

/** JSON with every object's keys sorted: the hashed form of an entry, by another route than canonical(). */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Asserts that the case's timeline, as stored, is an intact chain ending at the case's head; returns the entries. */
export async function expectIntactTimeline(t: TestPlatform, caseId: string): Promise<Record<string, any>[]> {
  const [caseItem] = await caseItems(t, caseId, 'CASE');
  const entries = (await caseItems(t, caseId, 'TL#')).map(({ pk: _pk, sk: _sk, ...entry }) => entry);
  expect(entries.length).toBeGreaterThan(0);
  let prevHash = '0'.repeat(64);
  entries.forEach(({ hash, ...unhashed }, i) => {
    const at = `entry ${i + 1} (${String(unhashed.action)})`;
    expect(unhashed.seq, at).toBe(i + 1);
    expect(unhashed.prevHash, at).toBe(prevHash);
    expect(hash, at).toBe(createHash('sha256').update(sortedJson(unhashed), 'utf8').digest('hex'));
    prevHash = hash as string;
  });
  const last = entries.at(-1)!;
  expect(caseItem?.timeline, 'the head stored on the case').toEqual({ seq: last.seq, hash: last.hash });
  return entries;
}
