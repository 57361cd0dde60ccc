/**
 * The supervision clock through the API, on the local virtual clock (`POST /local/clock`):
 * cases accepted and dispatched on Wednesday 2026-09-23, then the clock moved across the
 * Mid-Autumn holiday, a weekend and the National Day week, and the deadline watch fired
 * with `POST /local/schedules/{DeadlineWatch…}` as the local runtime's scheduler would.
 *
 * The construction permit (000110001000, hurd) promises 3 working days and the law allows
 * 7: due 09-29 (09-24, 09-28, 09-29), legal deadline 10-10 (09-30, 10-08, 10-09 and the
 * worked Saturday 10-10); yellow from 00:00 on Monday 09-28 (1 working day left).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase, tasksOf, timelineOf } from '../support/cases.js';
import { outboxItemsOf } from '../support/outbox.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { LEVELS, type Level } from '../../contracts/supervision.js';

const PERMIT = '000110001000';
const LEVEL_EVENTS = ['task.warned', 'task.overdue', 'task.severe'];

let t: TestPlatform;
let watchId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  const index = (await t.api.get('/local/index')).body;
  expect(index.local).toEqual(expect.arrayContaining(['GET /local/clock', 'POST /local/clock']));
  watchId = (index.schedules as { id: string; expression: string }[]).find((s) => s.id.startsWith('DeadlineWatch'))!.id;
  expect(index.schedules).toContainEqual({ id: watchId, expression: 'rate(15 minutes)' });
});
afterAll(async () => {
  await t?.stop();
});

async function setClock(at: string) {
  const reply = await t.api.post('/local/clock', { at });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(Date.parse(reply.body.now) - Date.parse(at)).toBeLessThan(5_000);
}

/** One run of the deadline watch, as the scheduler fires it, and everything it caused. */
async function watch() {
  const reply = await t.api.post(`/local/schedules/${watchId}`, {});
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  await t.platform.idle();
  return reply.body.results[0] as Record<string, number>;
}

/**
 * The level events of a case, by the level they rise to: the events of one transaction share
 * its instant, and the outbox has no order among them (the timeline's sequence has it, below).
 */
const levelEvents = async (caseId: string) =>
  (await outboxItemsOf(t, caseId))
    .filter((e) => LEVEL_EVENTS.includes(e.type))
    .sort((a, b) => LEVELS.indexOf(a.data.to as Level) - LEVELS.indexOf(b.data.to as Level))
    .map((e) => [e.type, e.data.from, e.data.to]);
const levelEntries = async (caseId: string) =>
  (await timelineOf(t, caseId)).filter((e) => e.action === 'task.level').map((e) => [e.detail.from, e.detail.to]);
const taskItem = async (caseId: string) => (await tasksOf(t, caseId))[0];

describe('the virtual clock', () => {
  it('answers where it stands, moves by an instant or an advance, refuses a bad body naming the member, and resets', async () => {
    expect((await t.api.get('/local/clock')).body).toMatchObject({ offsetMs: 0, virtual: false });
    await setClock('2026-09-23T10:00:00+08:00');
    const advanced = (await t.api.post('/local/clock', { advance: { days: 1, hours: 2 } })).body;
    expect(Date.parse(advanced.now) - Date.parse('2026-09-24T12:00:00+08:00')).toBeLessThan(5_000);
    expect(advanced.virtual).toBe(true);
    const bad = await t.api.post('/local/clock', { advance: { weeks: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: '/advance/weeks', message: 'not allowed: days, hours or minutes' }]);
    expect((await t.api.post('/local/clock', { at: 'yesterday' })).body.error.fields[0].path).toBe('/at');
    expect((await t.api.post('/local/clock', { reset: true })).body).toMatchObject({ offsetMs: 0, virtual: false });
  });
});

describe('the deadline watch', () => {
  it('turns a task yellow, red, then severe across a weekend and the holidays, each exactly once, and a second run changes nothing', async () => {
    // Prepare: accepted and dispatched on the virtual Wednesday 2026-09-23
    await setClock('2026-09-23T10:00:00+08:00');
    const c = await acceptedCase(t, { itemCode: PERMIT });
    const task = await taskItem(c.caseId);
    expect(task).toMatchObject({
      status: 'pending', promisedDays: 3, legalDays: 7, deadline: '2026-09-29', legalDeadline: '2026-10-10', yellowFrom: '2026-09-28',
      level: 'normal', nextThresholdAt: '2026-09-27T16:00:00.000Z', watchPk: 'WATCH#task#normal', watchSk: `2026-09-27T16:00:00.000Z#${task.taskId}`,
    });
    const [stored] = await caseItems(t, c.caseId, 'CASE');
    expect(stored).toMatchObject({ level: 'normal', legalDate: '2026-10-10', promisedDate: '2026-09-29' });

    // Act and assess: Sunday night before the yellow day, the holiday and the weekend counted for nothing
    await setClock('2026-09-27T23:50:00+08:00');
    await watch();
    expect((await taskItem(c.caseId)).level).toBe('normal');

    await setClock('2026-09-28T00:05:00+08:00');
    await watch();
    await watch();
    expect(await taskItem(c.caseId)).toMatchObject({ level: 'yellow', watchPk: 'WATCH#task#yellow', nextThresholdAt: '2026-09-29T16:00:00.000Z' });
    expect(await levelEvents(c.caseId)).toEqual([['task.warned', 'normal', 'yellow']]);

    await setClock('2026-09-30T00:05:00+08:00');
    await watch();
    await watch();
    expect(await taskItem(c.caseId)).toMatchObject({ level: 'red', watchPk: 'WATCH#task#red' });

    // The worked Saturday 10-10 is the legal deadline's last day: still red that night.
    await setClock('2026-10-10T23:50:00+08:00');
    await watch();
    expect((await taskItem(c.caseId)).level).toBe('red');

    await setClock('2026-10-11T00:05:00+08:00');
    await watch();
    await watch();
    const severe = await taskItem(c.caseId);
    expect(severe).toMatchObject({ level: 'severe', watchPk: 'WATCH#task#severe', watchSk: `~#${severe.taskId}` });
    expect(severe.nextThresholdAt).toBeUndefined();
    expect(await levelEvents(c.caseId)).toEqual([
      ['task.warned', 'normal', 'yellow'],
      ['task.overdue', 'yellow', 'red'],
      ['task.severe', 'red', 'severe'],
    ]);
    expect(await levelEntries(c.caseId)).toEqual([['normal', 'yellow'], ['yellow', 'red'], ['red', 'severe']]);
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'case.level').map((e) => e.detail.to)).toEqual(['yellow', 'red', 'severe']);
    expect((await caseItems(t, c.caseId, 'CASE'))[0]?.level).toBe('severe');
  });

  it('emits nothing again for a timer left standing before a level the task has (a stale or redelivered timer), and moves it on', async () => {
    // Prepare: a task raised to yellow, whose timer is put back where it stood before
    await setClock('2026-09-23T10:00:00+08:00');
    const c = await acceptedCase(t, { itemCode: PERMIT });
    await setClock('2026-09-28T09:00:00+08:00');
    await watch();
    const raised = await taskItem(c.caseId);
    expect(raised.level).toBe('yellow');
    await t.dynamo.send(new UpdateCommand({
      TableName: t.dataTable,
      Key: { pk: raised.pk, sk: raised.sk },
      UpdateExpression: 'SET watchPk = :p, watchSk = :s, nextThresholdAt = :n',
      ExpressionAttributeValues: { ':p': 'WATCH#task#yellow', ':s': `2026-09-27T16:00:00.000Z#${raised.taskId}`, ':n': '2026-09-27T16:00:00.000Z' },
    }));

    // Act
    await watch();

    // Assess
    expect(await levelEvents(c.caseId)).toEqual([['task.warned', 'normal', 'yellow']]);
    expect(await levelEntries(c.caseId)).toEqual([['normal', 'yellow']]);
    expect(await taskItem(c.caseId)).toMatchObject({ level: 'yellow', nextThresholdAt: '2026-09-29T16:00:00.000Z', watchSk: `2026-09-29T16:00:00.000Z#${raised.taskId}` });
  });

  it('run late, emits every level the task skipped, in order, once however many runs overlap', async () => {
    await setClock('2026-09-23T10:00:00+08:00');
    const c = await acceptedCase(t, { itemCode: PERMIT });

    // The first run after dispatch comes three weeks later, twice at once, then again.
    await setClock('2026-10-12T09:00:00+08:00');
    await Promise.all([watch(), watch()]);
    await watch();

    expect(await levelEvents(c.caseId)).toEqual([
      ['task.warned', 'normal', 'yellow'],
      ['task.overdue', 'yellow', 'red'],
      ['task.severe', 'red', 'severe'],
    ]);
    expect(await levelEntries(c.caseId)).toEqual([['normal', 'yellow'], ['yellow', 'red'], ['red', 'severe']]);
  });

  it('stops both clocks while a task is suspended: nothing rises, and resuming moves the deadline and the legal deadline', async () => {
    // Prepare: suspended on Thursday 09-24, one working day in
    await setClock('2026-09-23T10:00:00+08:00');
    const c = await acceptedCase(t, { itemCode: PERMIT });
    const { taskId } = await taskItem(c.caseId);
    const reviewer = await t.api.token('reviewer-hurd');
    await setClock('2026-09-24T10:00:00+08:00');
    expect((await t.api.post(`/v1/staff/tasks/${taskId}/decision`, { decision: 'suspend', opinion: '等待申请人补充材料' }, { token: reviewer })).status).toBe(200);
    await t.platform.idle();
    expect(await taskItem(c.caseId)).toMatchObject({ status: 'suspended', watchPk: 'WATCH#task#normal', watchSk: `~#${taskId}` });

    // Act: past the original yellow, red and legal dates, the watch runs
    await setClock('2026-10-09T09:00:00+08:00');
    await watch();
    expect((await taskItem(c.caseId)).level).toBe('normal');
    expect(await levelEvents(c.caseId)).toEqual([]);
    const resumed = await t.api.post(`/v1/staff/tasks/${taskId}/decision`, { decision: 'resume', opinion: '材料已补充' }, { token: reviewer });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    await t.platform.idle();

    // Assess: 5 working days suspended (09-28, 09-29, 09-30, 10-08, 10-09)
    expect(await taskItem(c.caseId)).toMatchObject({
      status: 'pending', suspendedDays: 5, deadline: '2026-10-12', legalDeadline: '2026-10-16', yellowFrom: '2026-10-10',
      level: 'normal', nextThresholdAt: '2026-10-09T16:00:00.000Z', watchPk: 'WATCH#task#normal',
    });
    expect((await caseItems(t, c.caseId, 'CASE'))[0]).toMatchObject({ promisedDate: '2026-10-12', legalDate: '2026-10-16' });
    expect((await timelineOf(t, c.caseId)).find((e) => e.action === 'task.resumed').detail).toMatchObject({ suspendedWorkingDays: 5, deadline: '2026-10-12', legalDeadline: '2026-10-16' });
    await watch();
    expect((await taskItem(c.caseId)).level).toBe('normal');
  });
});
