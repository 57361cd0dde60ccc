/**
 * Bundles ("one thing") against the emulators: the merged guide and what it saves, staged
 * joint approval with departments signing at once, suspensions in working days, rejection
 * with every department's reasons, and the green channel's agent.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { acceptedCase, decideStage, tasksOf as tasksOfCase, timelineOf as timelineOfCase } from '../support/cases.js';
import { outboxEventsOf, redeliver } from '../support/outbox.js';
import { expectIntactTimeline } from '../support/timeline.js';

let t: TestPlatform;
let clerk: string;
const today = shanghaiDate(new Date());

beforeAll(async () => {
  t = await startTestPlatform();
  clerk = await t.api.token('clerk');
});
afterAll(async () => {
  await t?.stop();
});

const acceptedBundleCase = (bundleCode: string, defer: string[] = []) => acceptedCase(t, { bundleCode }, { defer });
const tasksOf = (caseId: string) => tasksOfCase(t, caseId);
const timelineOf = (caseId: string) => timelineOfCase(t, caseId);
const approveStage = (caseId: string, stage: number, decision?: (department: string) => 'approve' | 'reject') => decideStage(t, caseId, stage, decision);

describe('bundles in the catalog', () => {
  it('merges business registration into one form asking at least a third fewer materials', async () => {
    const reply = await t.api.get('/v1/catalog/bundles/BIZ-ONE-ENTRY');
    expect(reply.status).toBe(200);
    const { savings, materials, formSchema, departments } = reply.body;
    expect(departments.length).toBeGreaterThanOrEqual(8);
    expect(savings.materials.merged).toBe(materials.length);
    expect(savings.materials.saved / savings.materials.separately).toBeGreaterThanOrEqual(1 / 3);
    // The README's figure: 42 materials item by item, 14 in the bundle
    expect(savings.materials).toMatchObject({ separately: 42, merged: 14, saved: 28 });
    expect(Object.keys(formSchema.properties)).toContain('creditCode');
    expect((await t.api.get('/v1/catalog/bundles/NO-SUCH')).status).toBe(404);
  });
});

describe('staged joint approval', () => {
  it('runs the five-stage construction bundle from submission to the last stage’s approval', async () => {
    const { caseId, receiptNumber, queryCode, guide } = await acceptedBundleCase('CONSTRUCTION-JOINT');
    expect(guide.stages).toHaveLength(5);
    for (let stage = 1; stage <= 5; stage++) {
      const approved = await approveStage(caseId, stage);
      expect(approved.length).toBe(guide.stages[stage - 1].items.length);
    }
    const view = (await t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body;
    // Every department approved; the fee ticket issued at acceptance is still to be paid.
    expect(view.status).toBe('awaiting_payment');
    expect(view.ticket.status).toBe('issued');
    expect(view.tasks.map((x: { stage: number }) => x.stage)).toEqual(guide.stages.flatMap((s: { items: unknown[] }, i: number) => s.items.map(() => i + 1)));
    const actions = (await timelineOf(caseId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'stage.completed')).toHaveLength(5);
    expect(actions.filter((a) => a === 'stage.started')).toHaveLength(4);
  });

  it('starts the next stage exactly once when 10 departments sign the same stage at once, and replays change nothing', async () => {
    // Prepare: the investment "one dragon" bundle, whose first stage has 11 items from 10 departments
    const { caseId } = await acceptedBundleCase('INVEST-ONE-DRAGON');
    const first = (await tasksOf(caseId)).filter((x) => x.stage === 1);
    expect(new Set(first.map((x) => x.department)).size).toBeGreaterThanOrEqual(10);

    // Act: every chief signs at the same moment
    await approveStage(caseId, 1);

    // Assess: stage 2 and the may-start-early stage 3 started once each
    const after = await tasksOf(caseId);
    expect(after.filter((x) => x.stage === 2)).toHaveLength(1);
    expect(after.filter((x) => x.stage === 3)).toHaveLength(2);
    const timeline = await timelineOf(caseId);
    expect(timeline.filter((e) => e.action === 'stage.completed')).toHaveLength(1);
    expect(timeline.filter((e) => e.action === 'stage.started').map((e) => e.detail.stage)).toEqual([2, 3]);

    // Act again: every acceptance and approval of this case delivered once more
    const accepted = await outboxEventsOf(t, caseId, 'case.accepted');
    const approved = await outboxEventsOf(t, caseId, 'task.approved');
    for (const e of accepted) await redeliver(t, 'review-dispatch', e);
    for (const e of approved) await redeliver(t, 'case-progress', e);
    await t.platform.idle();
    expect([accepted.length, approved.length]).toEqual([1, first.length]);
    expect(await tasksOf(caseId)).toHaveLength(after.length);
    expect(await timelineOf(caseId)).toHaveLength(timeline.length);
    // one chain through all those concurrent writers, ending at the case's head
    await expectIntactTimeline(t, caseId);
  });

  it('ends the case with every rejecting department’s reasons when one rejects mid-stage', async () => {
    const { caseId, receiptNumber, queryCode } = await acceptedBundleCase('REAL-ESTATE-ONE');
    await approveStage(caseId, 1, (department) => (department === 'tax' ? 'reject' : 'approve'));
    const view = (await t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body;
    expect(view.status).toBe('rejected');
    expect(view.rejection.departments).toEqual([{ department: 'tax', opinion: 'tax 审查意见' }]);
  });

  it('suspends a task and moves its deadline by the working days it waited', async () => {
    const { caseId } = await acceptedBundleCase('REAL-ESTATE-ONE');
    const [task] = (await tasksOf(caseId)).filter((x) => x.department === 'hurd');
    const reviewer = await t.api.token('reviewer-hurd');
    const suspended = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'suspend', opinion: '等待申请人补充合同' }, { token: reviewer });
    expect(suspended.body.task.status).toBe('suspended');
    const resumed = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'resume', opinion: '已补充' }, { token: reviewer });
    expect(resumed.body.task.status).toBe('pending');
    // Suspended and resumed on the same day: no working day was lost, the deadline stays.
    expect(resumed.body.task.deadline).toBe(task.deadline);
    expect(defaultCalendar.workingDaysBetween(today, task.deadline)).toBeGreaterThan(0);
  });

  it('counts a suspension across the National Day holiday in working days', async () => {
    // Prepare: a suspended task whose suspension began on 30 Sept 2026, before the 1–7 Oct
    // holiday (the stored date is set back, as the clock cannot be)
    const { caseId, receiptNumber, queryCode } = await acceptedBundleCase('REAL-ESTATE-ONE');
    const [task] = (await tasksOf(caseId)).filter((x) => x.department === 'nrp');
    const reviewer = await t.api.token('reviewer-nrp');
    await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'suspend', opinion: '等待申请人补充' }, { token: reviewer });
    await t.dynamo.send(new UpdateCommand({ TableName: t.dataTable, Key: { pk: task.pk, sk: task.sk }, UpdateExpression: 'SET suspendedOn = :d', ExpressionAttributeValues: { ':d': '2026-09-30' } }));
    const before = (await t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body;

    // Act
    const resumed = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'resume', opinion: '已补充' }, { token: reviewer });

    // Assess: the working days in (30 Sept, today], holidays and adjusted weekends counted right
    const days = defaultCalendar.workingDaysBetween('2026-09-30', today);
    expect(days).toBeLessThan(Math.round((Date.parse(today) - Date.parse('2026-09-30')) / 86_400_000));
    expect(resumed.body.task.deadline).toBe(defaultCalendar.addWorkingDays(task.deadline, days));
    const after = (await t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body;
    expect(after.promisedDate).toBe(defaultCalendar.addWorkingDays(before.promisedDate, days));
    const entry = (await timelineOf(caseId)).find((e) => e.action === 'task.resumed');
    expect(entry.detail.suspendedWorkingDays).toBe(days);
  });
});

describe('green channel', () => {
  it('lets the window assign an agent who acts for the applicant under a recorded authorisation', async () => {
    // Prepare: a green-channel investment project with one material deferred
    const { caseId } = await acceptedBundleCase('INVEST-ONE-DRAGON', ['M0032']);
    const agent = await t.api.token('agent');

    // Act: the agent is not yet assigned, then is
    const early = await t.api.post(`/v1/staff/cases/${caseId}/on-behalf`, { materials: [{ materialCode: 'M0032', uploadId: await t.api.upload('%PDF-1.4 list') }] }, { token: agent });
    const assigned = await t.api.post(`/v1/staff/cases/${caseId}/agent`, { agent: 'agent', authorization: '授权委托书 YY-DB-2026-0042：代为补交材料' }, { token: clerk });
    const acted = await t.api.post(`/v1/staff/cases/${caseId}/on-behalf`, { materials: [{ materialCode: 'M0032', uploadId: await t.api.upload('%PDF-1.4 equipment list') }] }, { token: agent });
    const reviewer = await t.api.post(`/v1/staff/cases/${caseId}/on-behalf`, { note: 'x' }, { token: await t.api.token('reviewer-ndrc') });

    // Assess
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('NOT_ASSIGNED_AGENT');
    expect(assigned.status).toBe(200);
    expect(assigned.body.case.agent).toMatchObject({ username: 'agent', assignedBy: 'clerk' });
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    const supplied = acted.body.timeline.find((e: { action: string }) => e.action === 'deferred.supplied');
    expect(supplied.actor).toMatchObject({ role: 'agent', onBehalfOf: acted.body.case.receiptNumber, authorization: expect.stringContaining('YY-DB-2026-0042') });
    expect(acted.body.timeline.find((e: { action: string }) => e.action === 'agent.assigned').detail.feeFen).toBe(0);
    expect(reviewer.status).toBe(403);
  });

  it('refuses an agent for a case outside the green channel', async () => {
    const { caseId } = await acceptedBundleCase('REAL-ESTATE-ONE');
    const reply = await t.api.post(`/v1/staff/cases/${caseId}/agent`, { agent: 'agent', authorization: '授权委托书 0001' }, { token: clerk });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('NOT_GREEN_CHANNEL');
  });
});
