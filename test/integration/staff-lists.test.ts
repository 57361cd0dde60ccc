/**
 * The staff lists (README, "Staff lists") and the batch of task decisions, on one platform:
 * cursor paging over 500 cases returns each exactly once, both orders are ordered, every filter
 * keeps exactly its rows, and a chief's batch reports each decision on its own.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { CaseRecord } from '../../functions/domain/records.js';
import { caseItem, strip } from '../../functions/store/data-table.js';
import { acceptedCase, tasksOf, type SubmittedCase } from '../support/cases.js';
import { FOOD_DEPARTMENT, FOOD_LICENCE } from '../support/fixtures.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let clerk: string;
let real: SubmittedCase[];
/** The 500 cases written straight into the table, awaiting pre-review, by caseId. */
const waiting = new Set<string>();
/** The accepted cases written straight into the table: the filters' and orders' fixtures. */
const accepted: CaseRecord[] = [];
const OTHER_ITEM = '000105001000';

/** Every row of a list, page after page, and how many pages it took. */
async function all(path: string, token: string): Promise<{ rows: any[]; pages: number }> {
  const rows: any[] = [];
  let pages = 0;
  for (let cursor: string | undefined; ; ) {
    const reply = await t.api.get(`${path}${path.includes('?') ? '&' : '?'}${cursor ? `cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    pages += 1;
    rows.push(...(reply.body.cases ?? reply.body.tasks));
    cursor = reply.body.next;
    if (!cursor) return { rows, pages };
  }
}

const ordered = (values: string[]) => values.every((v, i) => i === 0 || values[i - 1]! <= v);

beforeAll(async () => {
  t = await startTestPlatform();
  clerk = await t.api.token('clerk');
  real = [];
  for (let i = 0; i < 3; i++) real.push(await acceptedCase(t, { itemCode: FOOD_LICENCE }));
  const [stored] = await caseItems(t, real[0]!.caseId, 'CASE');
  const base = strip<CaseRecord>(stored)!;
  const start = Date.parse('2026-11-02T01:00:00.000Z');
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < 500; i++) {
    const submittedAt = new Date(start + i * 60_000).toISOString();
    const c: CaseRecord = { ...base, caseId: `list-w-${String(i).padStart(3, '0')}`, receiptNumber: `430600-20261102-${String(i).padStart(6, '0')}`, status: 'submitted', submittedAt, submittedOn: shanghaiDate(new Date(submittedAt)) };
    waiting.add(c.caseId);
    items.push(caseItem(c));
  }
  for (let i = 0; i < 24; i++) {
    const submittedAt = new Date(start + i * 86_400_000).toISOString();
    // Promised dates run against submission, so the two orders differ.
    const c: CaseRecord = {
      ...base,
      caseId: `list-a-${String(i).padStart(2, '0')}`,
      receiptNumber: `430600-20261103-${String(i).padStart(6, '0')}`,
      status: 'accepted',
      submittedAt,
      submittedOn: shanghaiDate(new Date(submittedAt)),
      promisedDate: defaultCalendar.addWorkingDays('2026-12-01', 40 - i),
      itemCode: i % 2 === 0 ? FOOD_LICENCE : OTHER_ITEM,
      ...(i % 3 === 0 ? { bundleCode: 'BIZ-ONE-ENTRY' } : {}),
      level: i % 4 === 0 ? 'red' : 'normal',
      acceptedBy: i % 2 === 0 ? 'clerk' : 'clerk-2',
    };
    accepted.push(c);
    items.push(caseItem(c));
  }
  for (let i = 0; i < items.length; i += 25) {
    await t.dynamo.send(new BatchWriteCommand({ RequestItems: { [t.dataTable]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('the case list', () => {
  it('pages over 500 cases with a cursor, returning each exactly once, oldest submission first', async () => {
    // Act
    const { rows, pages } = await all('/v1/staff/cases?status=submitted&limit=37', clerk);

    // Assess
    const ids = rows.map((r) => r.caseId);
    expect(pages).toBe(Math.ceil(500 / 37));
    expect(ids).toHaveLength(500);
    expect(new Set(ids)).toEqual(waiting);
    expect(ordered(rows.map((r) => r.submittedAt))).toBe(true);
    const today = shanghaiDate(new Date());
    expect(rows[0]).toMatchObject({ status: 'submitted', dueDate: defaultCalendar.addWorkingDays('2026-11-02', 5), greenChannel: false });
    expect(rows[0].remainingDays).toBe(defaultCalendar.workingDaysBetween(today, rows[0].dueDate));
  });

  it('sorts by the date due or by submission', async () => {
    // Act
    const byDeadline = (await all('/v1/staff/cases?status=accepted&sort=deadline&limit=5', clerk)).rows;
    const bySubmission = (await all('/v1/staff/cases?status=accepted&sort=submitted', clerk)).rows;

    // Assess
    expect(byDeadline).toHaveLength(accepted.length);
    expect(ordered(byDeadline.map((r) => r.dueDate))).toBe(true);
    expect(byDeadline[0].caseId).toBe('list-a-23');
    expect(ordered(bySubmission.map((r) => r.submittedAt))).toBe(true);
    expect(bySubmission[0].caseId).toBe('list-a-00');
  });

  it('keeps exactly the rows of each filter, in either order', async () => {
    const ids = (rows: any[]) => rows.map((r) => r.caseId).sort();
    const expected = (keep: (c: CaseRecord) => boolean) => accepted.filter(keep).map((c) => c.caseId).sort();
    const dueBefore = defaultCalendar.addWorkingDays('2026-12-01', 30);
    for (const sort of ['deadline', 'submitted']) {
      const list = async (filter: string) => ids((await all(`/v1/staff/cases?status=accepted&sort=${sort}&limit=4&${filter}`, clerk)).rows);
      expect(await list(`item=${FOOD_LICENCE}`)).toEqual(expected((c) => c.itemCode === FOOD_LICENCE));
      expect(await list('bundle=BIZ-ONE-ENTRY')).toEqual(expected((c) => c.bundleCode === 'BIZ-ONE-ENTRY'));
      expect(await list('level=red')).toEqual(expected((c) => c.level === 'red'));
      expect(await list(`dueBefore=${dueBefore}`)).toEqual(expected((c) => c.promisedDate < dueBefore));
      expect(await list('mine=true')).toEqual(expected((c) => c.acceptedBy === 'clerk'));
      expect(await list(`mine=true&level=red&item=${FOOD_LICENCE}`)).toEqual(expected((c) => c.acceptedBy === 'clerk' && c.level === 'red'));
    }
  });

  it('refuses a cursor that is not one of this list', async () => {
    // Prepare: a real cursor of the accepted list, and one of the other order
    const other = (await t.api.get('/v1/staff/cases?status=accepted&limit=2', clerk)).body.next as string;
    const otherOrder = (await t.api.get('/v1/staff/cases?status=submitted&sort=deadline&limit=2', clerk)).body.next as string;

    // Act
    const replies = await Promise.all(
      ['not-a-cursor!', 'eyJ4Ijox', other, otherOrder].map((cursor) => t.api.get(`/v1/staff/cases?status=submitted&cursor=${encodeURIComponent(cursor)}`, clerk)),
    );

    // Assess
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('INVALID_CURSOR');
    }
    const bad = await t.api.get('/v1/staff/cases?sort=oldest&level=purple&dueBefore=2026-13-01&mine=yes&limit=0', clerk);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query:dueBefore', 'query:level', 'query:limit', 'query:mine', 'query:sort']);
  });
});

describe('the task list and the batch of decisions', () => {
  it('shows the chief the reviewer opinions, lets the supervisor choose the department, and signs a batch one decision at a time', async () => {
    // Prepare: the reviewer approves the three real cases' tasks; a chief signs the second alone
    const reviewer = await t.api.token(`reviewer-${FOOD_DEPARTMENT}`);
    const chief = await t.api.token(`chief-${FOOD_DEPARTMENT}`);
    const supervisor = await t.api.token('supervisor');
    const tasks = await Promise.all(real.map(async (c) => (await tasksOf(t, c.caseId))[0]));
    for (const task of tasks) {
      const reply = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'approve', opinion: `同意 ${task.taskId}` }, { token: reviewer });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }

    // Assess: the chief's queue, in both orders, with the reviewer's opinion beside each task
    const ids = tasks.map((x) => x.taskId);
    const queue = (await all('/v1/staff/tasks?limit=2', chief)).rows.filter((r) => ids.includes(r.taskId));
    expect(queue).toHaveLength(3);
    expect(ordered(queue.map((r) => r.deadline))).toBe(true);
    for (const row of queue) {
      expect(row).toMatchObject({ status: 'awaiting_signature', decision: { decision: 'approve', opinion: `同意 ${row.taskId}` }, applicantName: expect.any(String) });
      expect(real.map((c) => c.receiptNumber)).toContain(row.receiptNumber);
    }
    const bySubmission = (await all('/v1/staff/tasks?sort=submitted', chief)).rows;
    expect(ordered(bySubmission.map((r) => r.submittedAt))).toBe(true);
    expect((await all('/v1/staff/tasks?status=awaiting_signature&mine=true', reviewer)).rows.map((r) => r.taskId).sort()).toEqual([...ids].sort());
    expect((await all(`/v1/staff/tasks?status=awaiting_signature&item=${OTHER_ITEM}`, chief)).rows).toEqual([]);
    expect((await all(`/v1/staff/tasks?status=awaiting_signature&level=normal&dueBefore=2099-01-01&sort=deadline`, chief)).rows.map((r) => r.taskId).sort()).toEqual([...ids].sort());
    expect((await all(`/v1/staff/tasks?status=awaiting_signature&dueBefore=2000-01-01&sort=submitted`, chief)).rows).toEqual([]);
    const supervised = await t.api.get(`/v1/staff/tasks?department=${FOOD_DEPARTMENT}&status=awaiting_signature`, supervisor);
    expect(supervised.body.tasks.map((r: { taskId: string }) => r.taskId).sort()).toEqual([...ids].sort());
    expect((await t.api.get('/v1/staff/tasks', supervisor)).body.error.fields).toEqual([expect.objectContaining({ path: 'query:department' })]);
    const elsewhere = await t.api.get('/v1/staff/tasks?department=tax', reviewer);
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'OTHER_DEPARTMENT']);
    const first = await t.api.post(`/v1/staff/tasks/${ids[1]}/decision`, { decision: 'sign' }, { token: chief });
    expect(first.status).toBe(200);

    // Act: the chief signs all three in one batch, in Chinese
    const batch = await t.api.request('POST', '/v1/staff/tasks/decisions', {
      body: { decisions: ids.map((taskId) => ({ taskId, decision: 'sign' })) },
      headers: { 'accept-language': 'zh-CN' },
      token: chief,
    });

    // Assess: [ok, 409, ok], the refusal as the single route words it; the two others signed
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((r: { ok: boolean; status?: number }) => (r.ok ? 'ok' : r.status))).toEqual(['ok', 409, 'ok']);
    expect(batch.body.results.map((r: { taskId: string }) => r.taskId)).toEqual(ids);
    const single = await t.api.request('POST', `/v1/staff/tasks/${ids[1]}/decision`, { body: { decision: 'sign' }, headers: { 'accept-language': 'zh-CN' }, token: chief });
    expect({ status: batch.body.results[1].status, error: batch.body.results[1].error }).toEqual({ status: single.status, error: single.body.error });
    expect(batch.body.results[1].error.code).toBe('TASK_NOT_AWAITING_SIGNATURE');
    for (const [i, c] of real.entries()) expect((await tasksOf(t, c.caseId))[0].status, ids[i]).toBe('approved');
  });

  it('refuses a batch of 51 decisions, and a malformed one, applying nothing', async () => {
    // Prepare
    const chief = await t.api.token(`chief-${FOOD_DEPARTMENT}`);
    const decisions = Array.from({ length: 51 }, (_, i) => ({ taskId: `none-t${i}`, decision: 'sign' }));

    // Act
    const tooMany = await t.api.post('/v1/staff/tasks/decisions', { decisions }, { token: chief });
    const malformed = await t.api.post('/v1/staff/tasks/decisions', { decisions: [{ taskId: 'none-t1', decision: 'sign' }, { taskId: 'none-t2', decision: 'approve' }] }, { token: chief });
    const clerkBatch = await t.api.post('/v1/staff/tasks/decisions', { decisions: [{ taskId: 'none-t1', decision: 'sign' }] }, { token: clerk });

    // Assess
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0].path).toBe('/decisions');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/decisions/1/opinion', rule: 'required' })]));
    expect(malformed.body.error.fields.every((f: { path: string }) => f.path.startsWith('/decisions/1'))).toBe(true);
    expect([clerkBatch.status, clerkBatch.body.error.code]).toEqual([403, 'ROLE_REQUIRED']);
  });
});
