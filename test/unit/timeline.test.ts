/**
 * The hash chain of a case's timeline, checked against a fixture computed here and not by
 * the project's own hashing: each entry's hash is SHA-256 (hex) of the UTF-8 of its
 * canonical JSON without `hash` — keys sorted, `prevHash` and `seq` included — and the
 * first entry's `prevHash` is 64 zeros. The three hashes were also taken with `sha256sum`
 * and are pinned below, so that the fixture itself cannot drift.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chain, GENESIS_HASH, verifyTimeline, type TimelineEntry, type TimelineInput } from '../../functions/domain/timeline.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ZEROS = '0'.repeat(64);

const INPUTS: TimelineInput[] = [
  { at: '2026-11-27T02:00:00.000Z', actor: { type: 'applicant', id: '430600-20261127-000001' }, action: 'case.submitted', detail: { name: '食品经营许可', itemCode: '000105002000' } },
  { at: '2026-11-27T03:00:00.000Z', actor: { type: 'staff', id: 'clerk', role: 'clerk', department: 'center' }, action: 'case.accepted' },
  { at: '2026-11-27T03:00:01.000Z', actor: { type: 'system', id: 'review-dispatch' }, action: 'task.created', detail: { taskId: 'c1-t0', department: 'amr' } },
];

/** The hashed text of each entry, written out by hand. */
const hashedText = [
  (prev: string) => `{"action":"case.submitted","actor":{"id":"430600-20261127-000001","type":"applicant"},"at":"2026-11-27T02:00:00.000Z","detail":{"itemCode":"000105002000","name":"食品经营许可"},"prevHash":"${prev}","seq":1}`,
  (prev: string) => `{"action":"case.accepted","actor":{"department":"center","id":"clerk","role":"clerk","type":"staff"},"at":"2026-11-27T03:00:00.000Z","prevHash":"${prev}","seq":2}`,
  (prev: string) => `{"action":"task.created","actor":{"id":"review-dispatch","type":"system"},"at":"2026-11-27T03:00:01.000Z","detail":{"department":"amr","taskId":"c1-t0"},"prevHash":"${prev}","seq":3}`,
];

const PINNED = [
  'dd137019579dc063195412199966561e4766916f3df4967bf81bca0df5e7856c',
  '97d0a034718379a36150381859f1cd3909c71eb441cad2aa92637f7627d38908',
  '04f11266b9c00ca5eb564522634e442aa82d283f139b28976cdda07600b83385',
];

/** The fixture chain, built from the hand-written texts alone. */
function fixture(): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let prevHash = ZEROS;
  INPUTS.forEach((input, i) => {
    const hash = sha256(hashedText[i]!(prevHash));
    entries.push({ ...input, seq: i + 1, prevHash, hash });
    prevHash = hash;
  });
  return entries;
}

describe('the timeline hash chain, against an independent fixture', () => {
  it('has the pinned hashes (the fixture is what sha256sum says)', () => {
    expect(fixture().map((e) => e.hash)).toEqual(PINNED);
    expect(GENESIS_HASH).toBe(ZEROS);
  });

  it('chains entries to exactly the fixture: each hash covers the entry and the previous hash', () => {
    // Act
    const entries = chain({ seq: 0, hash: GENESIS_HASH }, INPUTS);

    // Assess
    expect(entries).toEqual(fixture());
  });

  it('continues from a stored head as if the chain had been written at once', () => {
    // Act
    const [, second, third] = fixture();
    const continued = chain({ seq: 1, hash: PINNED[0]! }, INPUTS.slice(1));

    // Assess
    expect(continued).toEqual([second, third]);
  });

  it('verifies the fixture', () => {
    expect(verifyTimeline(fixture())).toBeNull();
  });

  it('finds an entry edited without re-hashing', () => {
    const [first, second, third] = fixture();
    expect(verifyTimeline([first!, { ...second!, action: 'case.rejected' }, third!])).toBe(2);
    expect(verifyTimeline([first!, second!, { ...third!, detail: { taskId: 'c1-t0', department: 'tax' } }])).toBe(3);
  });

  it('finds an entry edited and re-hashed: the next entry no longer points at it', () => {
    // Prepare: entry 2 rewritten as a rejection, with a hash that fits its new content
    const [first, second, third] = fixture();
    const edited = hashedText[1]!(PINNED[0]!).replace('"case.accepted"', '"case.rejected"');
    const forged: TimelineEntry = { ...second!, action: 'case.rejected', hash: sha256(edited) };

    // Act
    const broken = verifyTimeline([first!, forged, third!]);

    // Assess: the forged entry is consistent on its own; its successor gives it away
    expect(forged.hash).not.toBe(second!.hash);
    expect(broken).toBe(3);
  });

  it('finds an entry removed from the middle, also when the later ones are renumbered and re-hashed', () => {
    // Prepare: entry 2 removed; entry 3 renumbered 2 and given a hash that fits (its prevHash still names the removed entry)
    const [first, , third] = fixture();
    const renumbered = hashedText[2]!(PINNED[1]!).replace('"seq":3', '"seq":2');
    const closed: TimelineEntry = { ...third!, seq: 2, hash: sha256(renumbered) };

    // Act & Assess
    expect(verifyTimeline([first!, third!])).toBe(3);
    expect(verifyTimeline([first!, closed])).toBe(2);
  });

  it('finds a first entry that does not start from the genesis hash', () => {
    const text = hashedText[0]!('f'.repeat(64));
    const [, second] = fixture();
    expect(verifyTimeline([{ ...INPUTS[0]!, seq: 1, prevHash: 'f'.repeat(64), hash: sha256(text) }, second!])).toBe(1);
  });

  it('cannot see a cut-off tail on its own: only the head stored on the case can (see data-table.test.ts)', () => {
    expect(verifyTimeline(fixture().slice(0, 2))).toBeNull();
  });
});
