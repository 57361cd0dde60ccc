/**
 * The case timeline is append-only and hash-chained: each entry's hash covers the
 * previous entry's hash and the entry's own content, so a supervisor can verify that
 * no record was changed or removed after the fact.
 */
import { createHash } from 'node:crypto';
import { canonical } from './canonical.js';

export interface Actor {
  type: 'applicant' | 'staff' | 'system';
  id: string;
  role?: string;
  department?: string;
  /** An agent acting for the applicant: whom for, and under which authorisation. */
  onBehalfOf?: string;
  authorization?: string;
}

export interface TimelineInput {
  at: string;
  actor: Actor;
  action: string;
  detail?: Record<string, unknown>;
}

export interface TimelineEntry extends TimelineInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(entry: Omit<TimelineEntry, 'hash'>): string {
  return createHash('sha256').update(canonical(entry)).digest('hex');
}

/** Chains new entries after the head (`seq` of the last entry, its hash). */
export function chain(
  head: { seq: number; hash: string },
  inputs: TimelineInput[],
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let { seq, hash } = head;
  for (const input of inputs) {
    const unhashed = { ...input, seq: seq + 1, prevHash: hash };
    const entry = { ...unhashed, hash: entryHash(unhashed) };
    out.push(entry);
    ({ seq, hash } = entry);
  }
  return out;
}

/** Returns the sequence number of the first entry that breaks the chain, or null when intact. */
export function verifyTimeline(entries: TimelineEntry[]): number | null {
  let prev = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const { hash, ...rest } = entry;
    if (entry.seq !== i + 1 || entry.prevHash !== prev || entryHash(rest) !== hash) return entry.seq;
    prev = hash;
  }
  return null;
}
