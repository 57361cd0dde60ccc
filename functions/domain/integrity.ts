/**
 * Verifying a case's hash-chained timeline as it is stored (docs/oversight.md, "Timeline
 * verification"): the chain rules and the one hash are timeline.ts's; this names the first
 * record that breaks them, and how, so a supervisor can go straight to it.
 */
import { ValidationError } from './errors.js';
import { entryHash, GENESIS_HASH, type TimelineEntry } from './timeline.js';

/**
 * `changed`: the record's content no longer gives its hash, or it does not point at the record
 * before it; `missing`: a sequence number has no record (a gap, or records cut off after the
 * last one the case's head names); `head`: the case's head does not name the last record.
 */
export type BreakProblem = 'changed' | 'missing' | 'head';

export type ChainVerdict = { intact: true } | { intact: false; firstBroken: { seq: number; problem: BreakProblem } };

/**
 * The verdict on a case's stored timeline (`entries`, in any order) against the head stored on
 * the case (`seq` and `hash` of its last record). The first problem in sequence order wins.
 */
export function verifyChain(entries: readonly TimelineEntry[], head: { seq: number; hash: string }): ChainVerdict {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const entry of sorted) {
    if (entry.seq !== prev.seq + 1) return broken(prev.seq + 1, 'missing');
    const { hash, ...rest } = entry;
    if (entry.prevHash !== prev.hash || entryHash(rest) !== hash) return broken(entry.seq, 'changed');
    prev = { seq: entry.seq, hash };
  }
  if (head.seq > prev.seq) return broken(prev.seq + 1, 'missing');
  if (head.seq !== prev.seq || head.hash !== prev.hash) return broken(prev.seq, 'head');
  return { intact: true };
}

const broken = (seq: number, problem: BreakProblem): ChainVerdict => ({ intact: false, firstBroken: { seq, problem } });

/**
 * `size` distinct sequence numbers from 1 … `count` (all of them when `size` ≥ `count`),
 * ascending: a random sample of a day's receipts. `random(n)` is a whole number in [0, n).
 */
export function sampleSequences(count: number, size: number, random: (n: number) => number): number[] {
  const pool = Array.from({ length: Math.max(0, count) }, (_, i) => i + 1);
  const take = Math.min(size, pool.length);
  // A partial Fisher–Yates shuffle: the first `take` places are the sample.
  for (let i = 0; i < take; i++) {
    const j = i + random(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take).sort((a, b) => a - b);
}

/** What a verification asks for: named cases, or a sample of a day's. */
export type VerifyRequest = { caseIds: string[] } | { receiptNumbers: string[] } | { sample: { day: string; size: number } };

/** A request as its schema (contracts/schemas/timeline-verify.schema.json) takes it: each target optional. */
export type VerifyInput = { caseIds?: string[]; receiptNumbers?: string[]; sample?: { day: string; size: number } };

const TARGETS = ['caseIds', 'receiptNumbers', 'sample'] as const;

/** The one target a request names; naming none or several is refused. */
export function requestedTarget(input: VerifyInput): VerifyRequest {
  const given = TARGETS.filter((key) => input[key] !== undefined);
  if (given.length === 1) return input as VerifyRequest;
  const others = TARGETS.join(', ');
  throw new ValidationError(
    'Name exactly one of caseIds, receiptNumbers and sample',
    given.length === 0
      ? [{ path: '/caseIds', message: `is required (or ${others})`, rule: 'required_or', params: { other: 'receiptNumbers, sample' } }]
      : given.slice(1).map((key) => ({ path: `/${key}`, message: `cannot be given with ${given[0]!}`, rule: 'not_with', params: { other: given[0]! } })),
  );
}
