import { describe, expect, it } from 'vitest';
import type { DeferredMaterial } from '../../contracts/cases.js';
import { deferredAt, NOTICE_ID_PATTERN, noticesOn, withDocument } from '../../functions/domain/notices.js';
import type { CaseRecord } from '../../functions/domain/records.js';

const EVENT_ID = '4f0c2a1e-7b3d-4c55-9a7e-2d1b8f6e9c10';
const AT = '2026-12-07T02:00:00.000Z';
const deferred = (materialCode: string, patch: Partial<DeferredMaterial> = {}): DeferredMaterial =>
  ({ materialCode, dueDate: '2026-12-10', commitmentAcceptedAt: '2026-12-06T01:00:00.000Z', status: 'open', ...patch });
const event = (type: string, data: Record<string, unknown> = {}) => ({ type: type as never, eventId: EVENT_ID, occurredAt: AT, data });

describe('which notices an event issues', () => {
  it('issues the acceptance, and the commitment only while a deferred material was open at acceptance', () => {
    // Act
    const withOpen = noticesOn(event('case.accepted'), { deferred: [deferred('M0032'), deferred('M0031', { status: 'supplied', suppliedAt: '2026-12-06T08:00:00.000Z' })] });
    const allSupplied = noticesOn(event('case.accepted'), { deferred: [deferred('M0031', { status: 'supplied', suppliedAt: '2026-12-06T08:00:00.000Z' })] });

    // Assess
    expect(withOpen).toEqual([{ kind: 'acceptance', noticeId: `acceptance-${EVENT_ID}` }, { kind: 'commitment', noticeId: `commitment-${EVENT_ID}` }]);
    expect(allSupplied.map((n) => n.kind)).toEqual(['acceptance']);
    // Supplied after acceptance (the tracker's later supply): still on the commitment made then.
    expect(deferredAt({ deferred: [deferred('M0032', { status: 'supplied', suppliedAt: '2026-12-08T08:00:00.000Z' })] }, AT)).toHaveLength(1);
  });

  it('tells a refusal at pre-review from a rejection after review, and issues nothing for other events', () => {
    expect(noticesOn(event('case.deficient'), { deferred: [] }).map((n) => n.kind)).toEqual(['deficiency']);
    expect(noticesOn(event('case.rejected', { stage: 'pre-review' }), { deferred: [] }).map((n) => n.kind)).toEqual(['refusal']);
    expect(noticesOn(event('case.rejected', { stage: 'review' }), { deferred: [] }).map((n) => n.kind)).toEqual(['rejection']);
    expect(noticesOn(event('task.approved'), { deferred: [] })).toEqual([]);
    for (const kind of ['acceptance', 'refusal']) expect(NOTICE_ID_PATTERN.test(`${kind}-${EVENT_ID}`)).toBe(true);
    expect(NOTICE_ID_PATTERN.test(`receipt-${EVENT_ID}`)).toBe(false);
  });
});

describe('recording a notice on the case', () => {
  it('adds it once, oldest first whatever order the notices come in', () => {
    // Prepare
    const c = { version: 3, documents: [] } as unknown as CaseRecord;
    const later = { noticeId: `rejection-${EVENT_ID}`, kind: 'rejection' as const, issuedAt: '2026-12-09T00:00:00.000Z', sha256: 'b'.repeat(64), size: 2 };
    const earlier = { noticeId: `acceptance-${EVENT_ID}`, kind: 'acceptance' as const, issuedAt: AT, sha256: 'a'.repeat(64), size: 1 };

    // Act
    const first = withDocument(c, later)!.case!.next;
    const second = withDocument(first, earlier)!.case!;

    // Assess
    expect(second.next.documents!.map((d) => d.kind)).toEqual(['acceptance', 'rejection']);
    expect(second).toMatchObject({ expectedVersion: 4, next: { version: 5 } });
    expect(withDocument(second.next, earlier)).toBeNull();
  });
});
