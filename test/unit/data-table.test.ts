/**
 * `changeItems`: what one domain `Change` becomes in DynamoDB — one list of TransactWriteItems
 * holding the case under its version lock, the tasks, the timeline entries chained from the
 * case's stored head, the new head on the case, and the outbox events. That they are one
 * list is what makes a state change and its events one transaction (no dual writes); the
 * integration suite cancels such transactions for real (application-path.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { itemStages, openCase } from '../../functions/domain/application.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { dispatch, preReview } from '../../functions/domain/case.js';
import type { CaseRecord, Change, Clock } from '../../functions/domain/records.js';
import type { Staff } from '../../functions/domain/staff.js';
import { GENESIS_HASH, verifyTimeline, type TimelineEntry } from '../../functions/domain/timeline.js';
import { changeItems } from '../../functions/store/data-table.js';
import { publishedCatalogs } from '../../catalog/index.js';
import type { ServiceItem } from '../../contracts/catalog.js';

const DATA = 'Data';
const OUTBOX = 'Outbox';
const item = publishedCatalogs['2026.11.3']!.items.find((i) => i.baseCode === '000105002000') as ServiceItem;
const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
const clock: Clock = { now: '2026-11-27T02:00:00.000Z', today: '2026-11-27', calendar: defaultCalendar };

beforeAll(() => {
  vi.stubEnv('DATA_TABLE', DATA);
  vi.stubEnv('OUTBOX_TABLE', OUTBOX);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

function opened(): { record: CaseRecord; change: Change } {
  return openCase({
    caseId: 'c1', receiptNumber: '430600-20261127-000001', queryCodeHash: 'h', county: '430600', catalogVersion: '2026.11.3',
    subject: { itemCode: item.baseCode, name: item.name, stages: itemStages(item), trips: 0 },
    applicant: { type: 'company', name: 'x', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234' },
    form: {}, materials: [], deferred: [], delivery: { mode: 'courier' }, now: clock.now, today: clock.today, promisedDate: '2026-12-04',
    calendar: defaultCalendar,
  });
}

/** A stored case with `entries` timeline entries already written (its head after them). */
function stored(entries: TimelineEntry[]): CaseRecord {
  const last = entries.at(-1);
  return { ...opened().record, version: 3, timeline: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH } };
}

type Put = { TableName: string; Item: Record<string, any>; ConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> };
const puts = (items: ReturnType<typeof changeItems>) => items.map((i) => i.Put as Put);
const timelineOf = (items: ReturnType<typeof changeItems>) =>
  puts(items).filter((p) => p.TableName === DATA && String(p.Item.sk).startsWith('TL#')).map(({ Item: { pk: _p, sk: _s, ...entry } }) => entry as TimelineEntry);

describe('changeItems', () => {
  it('writes a new case, its first timeline entry and its event in one list, the head on the case', () => {
    // Prepare
    const { record, change } = opened();

    // Act
    const items = changeItems(record, change, '430600');

    // Assess
    const [casePut, entryPut, eventPut, ...rest] = puts(items);
    expect(rest).toEqual([]);
    expect(casePut).toMatchObject({ TableName: DATA, Item: { pk: 'CASE#c1', sk: 'CASE', status: 'submitted', version: 1 }, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(entryPut).toMatchObject({ TableName: DATA, Item: { pk: 'CASE#c1', sk: 'TL#000001', seq: 1, prevHash: GENESIS_HASH, action: 'case.submitted' }, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(casePut!.Item.timeline).toEqual({ seq: 1, hash: entryPut!.Item.hash });
    expect(eventPut).toMatchObject({
      TableName: OUTBOX,
      Item: { type: 'case.submitted', county: '430600', caseId: 'c1', receiptNumber: '430600-20261127-000001', eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });
  });

  it('locks the case on the version it read, chains the timeline from the stored head and moves the head to the last entry', () => {
    // Prepare: an accepted case with two entries already written, dispatched (the case, a task, an entry and an event)
    const earlier = timelineOf(changeItems(stored([]), { tasks: [], events: [], timeline: ['a', 'b'].map((action) => ({ at: clock.now, actor: { type: 'system', id: 't' }, action })) }, '430600'));
    const c = preReview(stored(earlier), clerk, { decision: 'accept' }, clock).case!.next;
    const change = dispatch({ ...c, version: 3 }, clock)!;

    // Act
    const items = changeItems(c, change, '430600');

    // Assess
    const all = puts(items);
    const casePut = all.find((p) => p.Item.sk === 'CASE')!;
    expect(change.tasks.length * change.events.length * change.timeline.length).toBeGreaterThan(0);
    expect(casePut.ConditionExpression).toBe('version = :v');
    expect(casePut.ExpressionAttributeValues).toEqual({ ':v': 3 });
    const entries = timelineOf(items);
    expect(entries.map((e) => e.seq)).toEqual(change.timeline.map((_, i) => 3 + i));
    expect(verifyTimeline([...earlier, ...entries])).toBeNull();
    expect(casePut.Item.timeline).toEqual({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
    const taskPuts = all.filter((p) => String(p.Item.sk).startsWith('TASK#'));
    expect(taskPuts).toHaveLength(change.tasks.length);
    expect(taskPuts.every((p) => p.ConditionExpression === 'attribute_not_exists(pk)')).toBe(true);
    const events = all.filter((p) => p.TableName === OUTBOX).map((p) => p.Item.type);
    expect(events).toEqual(change.events.map((e) => e.type));
    expect(all.every((p) => [DATA, OUTBOX].includes(p.TableName))).toBe(true);
  });

  it('bumps the version of a case whose change only adds to its timeline, so writers of one case serialize', () => {
    // Prepare
    const c = stored([]);

    // Act
    const items = changeItems(c, { tasks: [], timeline: [{ at: clock.now, actor: { type: 'system', id: 't' }, action: 'noted' }], events: [] }, '430600');

    // Assess
    const casePut = puts(items).find((p) => p.Item.sk === 'CASE')!;
    expect(casePut).toMatchObject({ ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 3 }, Item: { version: 4, timeline: { seq: 1 } } });
  });

  it('puts the extra writes first, in the same list', () => {
    // Prepare
    const extra = [{ ConditionCheck: { TableName: DATA, Key: { pk: 'X', sk: 'X' }, ConditionExpression: 'attribute_exists(pk)' } }];
    const { record, change } = opened();

    // Act
    const items = changeItems(record, change, '430600', extra);

    // Assess
    expect(items[0]).toBe(extra[0]);
    expect(items).toHaveLength(4);
  });

  it('stores the head that exposes a cut-off tail, which verifyTimeline alone cannot see', () => {
    // Prepare
    const { record } = opened();
    const inputs = ['a', 'b', 'c'].map((action) => ({ at: clock.now, actor: { type: 'system' as const, id: 't' }, action }));
    const items = changeItems(stored([]), { tasks: [], timeline: inputs, events: [] }, '430600');
    const entries = timelineOf(items);
    const head = puts(items).find((p) => p.Item.sk === 'CASE')!.Item.timeline as CaseRecord['timeline'];

    // Act: the last entry is lost
    const cut = entries.slice(0, -1);

    // Assess
    expect(record.timeline).toEqual({ seq: 0, hash: GENESIS_HASH });
    expect(verifyTimeline(cut)).toBeNull();
    expect({ seq: cut.at(-1)!.seq, hash: cut.at(-1)!.hash }).not.toEqual(head);
    expect({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash }).toEqual(head);
  });
});
