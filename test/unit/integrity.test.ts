/** Verifying a stored timeline: intact, or the first record changed, missing, or a head that does not match. */
import { describe, expect, it } from 'vitest';
import { requestedTarget, sampleSequences, verifyChain } from '../../functions/domain/integrity.js';
import { chain, GENESIS_HASH, type TimelineEntry, type TimelineInput } from '../../functions/domain/timeline.js';

const INPUTS: TimelineInput[] = [1, 2, 3, 4].map((n) => ({ at: `2026-12-07T0${n}:00:00.000Z`, actor: { type: 'system', id: 'test' }, action: `step.${n}`, detail: { n } }));
const entries = chain({ seq: 0, hash: GENESIS_HASH }, INPUTS);
const head = (e: readonly TimelineEntry[]) => ({ seq: e.at(-1)!.seq, hash: e.at(-1)!.hash });

describe('verifyChain', () => {
  it('finds an intact chain intact, in whatever order the records come', () => {
    expect(verifyChain(entries, head(entries))).toEqual({ intact: true });
    expect(verifyChain([...entries].reverse(), head(entries))).toEqual({ intact: true });
  });

  it('names a record whose content changed', () => {
    const changed = entries.map((e) => (e.seq === 2 ? { ...e, detail: { n: 20 } } : e));
    expect(verifyChain(changed, head(entries))).toEqual({ intact: false, firstBroken: { seq: 2, problem: 'changed' } });
  });

  it('names a record rewritten with a fresh hash at the next record, which no longer points at it', () => {
    const [, second] = chain({ seq: 0, hash: GENESIS_HASH }, [INPUTS[0]!, { ...INPUTS[1]!, action: 'forged' }]);
    const rewritten = entries.map((e) => (e.seq === 2 ? second! : e));
    expect(verifyChain(rewritten, head(entries))).toEqual({ intact: false, firstBroken: { seq: 3, problem: 'changed' } });
  });

  it('names the first missing sequence number, in the middle or cut off at the end', () => {
    expect(verifyChain(entries.filter((e) => e.seq !== 3), head(entries))).toEqual({ intact: false, firstBroken: { seq: 3, problem: 'missing' } });
    expect(verifyChain(entries.filter((e) => e.seq !== 1), head(entries))).toEqual({ intact: false, firstBroken: { seq: 1, problem: 'missing' } });
    expect(verifyChain(entries.slice(0, 2), head(entries))).toEqual({ intact: false, firstBroken: { seq: 3, problem: 'missing' } });
  });

  it('names a head that does not match the last record', () => {
    expect(verifyChain(entries, { seq: 4, hash: 'f'.repeat(64) })).toEqual({ intact: false, firstBroken: { seq: 4, problem: 'head' } });
    expect(verifyChain(entries, head(entries.slice(0, 3)))).toEqual({ intact: false, firstBroken: { seq: 4, problem: 'head' } });
  });

  it('reports the first problem when there are several', () => {
    const both = entries.filter((e) => e.seq !== 4).map((e) => (e.seq === 2 ? { ...e, action: 'x' } : e));
    expect(verifyChain(both, head(entries))).toEqual({ intact: false, firstBroken: { seq: 2, problem: 'changed' } });
  });
});

describe('sampleSequences', () => {
  it('draws distinct numbers of 1 … count, ascending, all of them when asked for more', () => {
    let i = 0;
    const random = (n: number) => (i++ * 7) % n;
    const drawn = sampleSequences(40, 10, random);
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn).size).toBe(10);
    expect(drawn.every((n) => n >= 1 && n <= 40)).toBe(true);
    expect(drawn).toEqual([...drawn].sort((a, b) => a - b));
    expect(sampleSequences(3, 10, random)).toEqual([1, 2, 3]);
    expect(sampleSequences(0, 10, random)).toEqual([]);
  });
});

describe('requestedTarget', () => {
  it('takes exactly one of caseIds, receiptNumbers and sample, naming what is missing or extra', () => {
    expect(requestedTarget({ sample: { day: '2026-12-07', size: 5 } })).toEqual({ sample: { day: '2026-12-07', size: 5 } });
    const fieldsOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { code: string; fields: { path: string; rule: string }[] }).fields.map((f) => [f.path, f.rule]);
      }
      return [];
    };
    expect(fieldsOf(() => requestedTarget({}))).toEqual([['/caseIds', 'required_or']]);
    expect(fieldsOf(() => requestedTarget({ caseIds: ['a'], receiptNumbers: ['b'], sample: { day: '2026-12-07', size: 1 } }))).toEqual([['/receiptNumbers', 'not_with'], ['/sample', 'not_with']]);
  });
});
