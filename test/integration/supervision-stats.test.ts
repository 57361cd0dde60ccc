/**
 * Issue 13 §1–2: the two decisions the indicators need (transfer, refer to a leader), the
 * visits, and the statistics kept incrementally by `supervision-stats`. After a scripted set
 * of cases through the API, every counter and gauge equals a figure computed here from those
 * cases' own records (the case, its tasks and timeline, read with the test's own client);
 * the events delivered again, shuffled and twice, change none of them; and counted afresh in
 * another order, once each, they end in the same figures.
 */
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCatalogs } from '../../catalog/index.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { consumers, type OutboxEvent } from '../../contracts/events.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { acceptedCase, decideStage, payTicket, tasksOf, timelineOf, until, type SubmittedCase } from '../support/cases.js';
import { CATALOG_VERSION, FOOD_LICENCE } from '../support/fixtures.js';
import { outboxEventsOf, redeliver } from '../support/outbox.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
const cases: SubmittedCase[] = [];
const catalog = publishedCatalogs[CATALOG_VERSION]!;
const EQUIPMENT = '000105004000'; // amr, a fee at approval
const TOXICS = '000103003000'; // psb
const TAX_CERTIFICATE = '000119002000'; // tax, left open

const token = (user: string) => t.api.token(user);
const decision = async (taskId: string, user: string, body: Record<string, unknown>) =>
  t.api.post(`/v1/staff/tasks/${taskId}/decision`, body, { token: await token(user) });
const ok = (reply: { status: number; body: unknown }) => expect(reply.status, JSON.stringify(reply.body)).toBe(200);

beforeAll(async () => {
  t = await startTestPlatform();
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

// ---- the figures, computed from the cases' own records ------------------------------------

type Figures = Record<string, Record<string, number>>;
const day = (iso: string) => shanghaiDate(new Date(iso));
const legalOf = (itemCode: string) => Math.max(...itemCode.split('+').map((code) => catalog.items.find((i) => i.baseCode === code)!.legalLimitDays));

async function expectedFigures(): Promise<Figures> {
  const figures: Figures = {};
  const add = (key: string, counter: string, n = 1) => {
    if (n === 0) return;
    figures[key] ??= {};
    figures[key][counter] = (figures[key][counter] ?? 0) + n;
  };
  for (const { caseId } of cases) {
    const [c] = (await caseItems(t, caseId, 'CASE')) as any[];
    const tasks = await tasksOf(t, caseId);
    const timeline = await timelineOf(t, caseId);
    const service = c.bundleCode ?? c.itemCode;
    const onCase = (at: string, counter: string, n = 1) => {
      add(`${day(at)}|ALL`, counter, n);
      add(`${day(at)}|ITEM#${service}`, counter, n);
    };
    let deficient = false;
    let visited = 0;
    for (const e of timeline) {
      switch (e.action) {
        case 'case.submitted': {
          onCase(e.at, 'received');
          onCase(e.at, 'materialsAsked', new Set([...c.materials, ...c.deferred].map((m: { materialCode: string }) => m.materialCode)).size);
          const items = c.stages.flatMap((s: any) => s.items.flatMap((i: any) => i.itemCode.split('+')));
          onCase(e.at, 'materialsSeparately', items.reduce((sum: number, code: string) => sum + catalog.items.find((i) => i.baseCode === code)!.materials.filter((m) => m.required).length, 0));
          onCase(e.at, 'materialsReused', c.reused?.length ?? 0);
          break;
        }
        case 'case.deficient':
          deficient = true;
          onCase(e.at, 'deficient');
          break;
        case 'case.corrected':
          onCase(e.at, 'corrected');
          break;
        case 'case.accepted':
          onCase(e.at, 'accepted');
          onCase(e.at, 'acceptedFirst', deficient ? 0 : 1);
          break;
        case 'case.rejected':
          onCase(e.at, 'rejected');
          break;
        case 'case.completed': {
          const used = defaultCalendar.workingDaysBetween(c.acceptedOn, day(e.at)) - c.stages.reduce((sum: number, s: any) => sum + s.suspendedDays, 0);
          const onTime = day(e.at) <= c.promisedDate;
          onCase(e.at, 'completed');
          onCase(e.at, onTime ? 'completedOnTime' : 'completedLate');
          onCase(e.at, 'daysUsed', used);
          onCase(e.at, `daysUsed_${used}`);
          onCase(e.at, 'promisedDays', c.promisedLimitDays);
          // The legal limit from acceptance to the case's legal date, as the suspensions moved it.
          onCase(e.at, 'legalDays', defaultCalendar.workingDaysBetween(c.acceptedOn, c.legalDate) - c.stages.reduce((sum: number, s: any) => sum + s.suspendedDays, 0));
          break;
        }
        case 'case.visited':
          onCase(e.at, 'trips');
          onCase(e.at, 'visits', visited++ === 0 ? 1 : 0);
          onCase(e.at, `visit_${e.detail.reason}`);
          break;
        case 'task.created':
          add(`${day(e.at)}|DEPT#${e.detail.department}`, 'received');
          break;
      }
    }
    // Visits on the case and in its timeline are the same ones.
    expect(c.visits?.length ?? 0).toBe(visited);
    for (const task of tasks) {
      const dept = `DEPT#${task.department}`;
      const both = (at: string, counter: string) => {
        add(`${day(at)}|${dept}`, counter);
        add(`${day(at)}|ALL`, counter);
      };
      if (task.transferred) both(task.transferred.at, 'transferred');
      if (task.referral) both(task.referral.at, 'referred');
      if (!task.decision) {
        add(`GAUGE|ALL`, 'open_normal');
        add(`GAUGE|${dept}`, 'open_normal');
        continue;
      }
      const at = task.decision.signedAt;
      const used = defaultCalendar.workingDaysBetween(day(task.createdAt), day(at)) - task.suspendedDays;
      const key = `${day(at)}|${dept}`;
      add(key, task.status === 'approved' ? 'approved' : 'rejected');
      add(key, 'completed');
      add(key, day(at) <= task.deadline ? 'completedOnTime' : 'completedLate');
      add(key, 'daysUsed', used);
      add(key, `daysUsed_${used}`);
      const promised = c.stages.find((s: any) => s.index === task.stage).limitDays;
      add(key, 'promisedDays', promised);
      // The legal limit never shorter than the promise (a bundle may promise more than one item's law).
      add(key, 'legalDays', Math.max(promised, legalOf(task.itemCode)));
      if (!task.transferred) both(at, 'atWindow');
      if (task.decision.signedRole !== 'leader') both(at, 'signedDirectly');
    }
    if (c.ticket?.paidAt) {
      add(`${day(c.ticket.paidAt)}|ALL`, 'feesFen', c.ticket.totalFen);
      for (const split of c.ticket.splits) add(`${day(c.ticket.paidAt)}|DEPT#${split.department}`, 'feesFen', split.amountFen);
    }
  }
  return figures;
}

/** Every statistics row of the days the figures name, and the gauges, as stored (zeros left out). */
async function storedFigures(days: Iterable<string>): Promise<Figures> {
  const figures: Figures = {};
  const read = async (pk: string, prefix: string) => {
    const out = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
    for (const { pk: _pk, sk, ...counters } of out.Items ?? []) {
      const nonZero = Object.entries(counters as Record<string, number>).filter(([, n]) => n !== 0);
      if (nonZero.length > 0) figures[`${prefix}|${sk}`] = Object.fromEntries(nonZero);
    }
  };
  for (const d of days) await read(`STATS#${d}`, d);
  await read('GAUGE', 'GAUGE');
  return figures;
}

const daysOf = (figures: Figures) => new Set(Object.keys(figures).map((k) => k.split('|')[0]!).filter((d) => d !== 'GAUGE'));
const counted = new Set<string>(consumers['supervision-stats']);
async function countedEvents(): Promise<OutboxEvent[]> {
  return (await Promise.all(cases.map((c) => outboxEventsOf(t, c.caseId)))).flat().filter((e) => counted.has(e.type));
}
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

// ---- the scripted cases ------------------------------------------------------------------

describe('a scripted set of cases', () => {
  it('runs through the API: a deficiency and correction, a transfer, a referral, a rejection, visits, a paid fee, a bundle', async () => {
    const clerk = await token('clerk');

    // A: the food licence, picked up at the hall; deficient once, corrected, transferred, referred to the leader
    const a = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { accept: false, delivery: { mode: 'pickup' } });
    ok(await t.api.post(`/v1/staff/cases/${a.caseId}/pre-review`, { decision: 'deficient', deficiencies: [{ message: '营业执照复印件不清晰' }] }, { token: clerk }));
    ok(await t.api.post(`/v1/applications/${a.receiptNumber}/corrections?queryCode=${a.queryCode}`, { note: '已重新核对' }));
    ok(await t.api.post(`/v1/staff/cases/${a.caseId}/pre-review`, { decision: 'accept' }, { token: clerk }));
    await t.platform.idle();
    const [foodTask] = await tasksOf(t, a.caseId);
    ok(await decision(foodTask.taskId, 'reviewer-amr', { decision: 'transfer', opinion: '需后台现场核查' }));
    ok(await decision(foodTask.taskId, 'reviewer-amr', { decision: 'approve', opinion: '符合条件' }));
    ok(await decision(foodTask.taskId, 'chief-amr', { decision: 'refer', opinion: '面积较大，请分管领导签批' }));
    const leaderList = await t.api.get('/v1/staff/tasks', await token('leader-amr'));
    expect(leaderList.body).toMatchObject({ status: 'awaiting_leader', tasks: [expect.objectContaining({ taskId: foodTask.taskId })] });
    ok(await decision(foodTask.taskId, 'leader-amr', { decision: 'sign' }));
    ok(await t.api.post(`/v1/staff/cases/${a.caseId}/visits`, { reason: 'verify_originals' }, { token: clerk }));
    await t.platform.idle();
    const view = (c: SubmittedCase) => t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`);
    await until(async () => (await view(a)).body, (v) => v.handover?.status === 'pickup_ready', 'the pickup notice');
    const handed = await t.api.post(`/v1/staff/cases/${a.caseId}/pickup`, {}, { token: clerk });
    ok(handed);
    expect(handed.body.case.handover).toMatchObject({ mode: 'pickup', status: 'delivered', completedAt: expect.any(String) });
    expect(handed.body.case.visits).toEqual([
      expect.objectContaining({ reason: 'verify_originals', by: 'clerk' }),
      expect.objectContaining({ reason: 'pickup', by: 'clerk' }),
    ]);

    // B: special equipment, decided directly at the window and signed by the chief; the fee paid
    const b = await acceptedCase(t, { itemCode: EQUIPMENT }, { delivery: { mode: 'electronic' } });
    await decideStage(t, b.caseId, 1);
    await payTicket(t, b);

    // C: a psb permit rejected; the applicant came in twice
    const c = await acceptedCase(t, { itemCode: TOXICS }, { delivery: { mode: 'electronic' } });
    await decideStage(t, c.caseId, 1, () => 'reject');
    ok(await t.api.post(`/v1/staff/cases/${c.caseId}/visits`, { reason: 'sign_in_person' }, { token: clerk }));
    ok(await t.api.post(`/v1/staff/cases/${c.caseId}/visits`, { reason: 'other', note: '咨询不予许可的理由' }, { token: await token('supervisor') }));

    // D: a bundle of three departments, its fee due at acceptance, paid
    const d = await acceptedCase(t, { bundleCode: 'REAL-ESTATE-ONE' }, { delivery: { mode: 'electronic' } });
    await decideStage(t, d.caseId, 1);
    await payTicket(t, d);

    // E: left open at the tax bureau
    const e = await acceptedCase(t, { itemCode: TAX_CERTIFICATE }, { delivery: { mode: 'electronic' } });
    await t.platform.idle();
    cases.push(a, b, c, d, e);

    // Assess: what the records say
    expect((await view(a)).body.status).toBe('completed');
    expect((await view(b)).body.status).toBe('completed');
    expect((await view(c)).body.status).toBe('rejected');
    expect((await view(d)).body.status).toBe('completed');
    const [decided] = await tasksOf(t, a.caseId);
    expect(decided).toMatchObject({ status: 'approved', transferred: { by: 'reviewer-amr' }, referral: { by: 'chief-amr' }, decision: { signedBy: 'leader-amr', signedRole: 'leader' } });
    const actions = (await timelineOf(t, a.caseId)).map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['task.transferred', 'task.referred', 'case.visited', 'pickup.completed']));
  }, 240_000);

  it('is counted: every counter and gauge equals the figure computed from the cases’ own records', async () => {
    const expected = await expectedFigures();
    const stored = await storedFigures(daysOf(expected));
    expect(stored).toEqual(expected);
    // The scripted cases exercised what they claim to.
    const all = Object.entries(expected).filter(([k]) => k.endsWith('|ALL')).map(([, v]) => v);
    const sum = (counter: string) => all.reduce((s, v) => s + (v[counter] ?? 0), 0);
    expect({ received: sum('received'), transferred: sum('transferred'), referred: sum('referred'), trips: sum('trips'), visits: sum('visits'), deficient: sum('deficient'), rejected: sum('rejected'), completed: sum('completed') })
      .toEqual({ received: 5, transferred: 1, referred: 1, trips: 4, visits: 2, deficient: 1, rejected: 1, completed: 3 });
    expect(sum('feesFen')).toBeGreaterThan(0);
    expect(sum('materialsSeparately')).toBeGreaterThan(sum('materialsAsked'));
    expect(expected['GAUGE|DEPT#tax']).toEqual({ open_normal: 1 });
  });

  it('changes no counter when the events are delivered again, shuffled and twice', async () => {
    // Prepare
    const expected = await expectedFigures();
    const before = await storedFigures(daysOf(expected));
    const events = await countedEvents();
    expect(events.length).toBeGreaterThan(30);

    // Act
    for (const event of shuffled([...events, ...events])) await redeliver(t, 'supervision-stats', event);
    await t.platform.idle({ timeoutMs: 60_000 });

    // Assess
    expect(await storedFigures(daysOf(expected))).toEqual(before);
  }, 120_000);

  it('ends in the same figures when the events are counted afresh in another order', async () => {
    // Prepare: forget every count and every applied marker
    const expected = await expectedFigures();
    const events = await countedEvents();
    const stored = await storedFigures(daysOf(expected));
    for (const key of Object.keys(stored)) {
      const [d, scope] = key.split('|') as [string, string];
      await t.dynamo.send(new DeleteCommand({ TableName: t.dataTable, Key: d === 'GAUGE' ? { pk: 'GAUGE', sk: scope } : { pk: `STATS#${d}`, sk: scope } }));
    }
    for (const e of events) await t.dynamo.send(new DeleteCommand({ TableName: t.dataTable, Key: { pk: `APPLIED#supervision-stats#${e.eventId}`, sk: 'APPLIED' } }));
    expect(await storedFigures(daysOf(expected))).toEqual({});

    // Act: the events in reverse, then shuffled again
    for (const event of [...events].reverse()) await redeliver(t, 'supervision-stats', event);
    for (const event of shuffled(events)) await redeliver(t, 'supervision-stats', event);
    await t.platform.idle({ timeoutMs: 60_000 });

    // Assess
    expect(await storedFigures(daysOf(expected))).toEqual(expected);
  }, 120_000);
});

// ---- what is refused ----------------------------------------------------------------------

describe('the decisions and visits refuse what they cannot take, and store nothing', () => {
  it('refuses a second transfer, a referral by a reviewer, a leader signing their own decision, and a leader signing what is not referred', async () => {
    // Prepare: an open food licence
    const f = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { delivery: { mode: 'electronic' } });
    const [task] = await tasksOf(t, f.caseId);
    ok(await decision(task.taskId, 'reviewer-amr', { decision: 'transfer', opinion: '转后台' }));

    // Act
    const again = await decision(task.taskId, 'reviewer-amr', { decision: 'transfer', opinion: '再转' });
    const againZh = await t.api.request('POST', `/v1/staff/tasks/${task.taskId}/decision`, { body: { decision: 'transfer', opinion: '再转' }, token: await token('reviewer-amr'), headers: { 'accept-language': 'zh-CN' } });
    const noOpinion = await decision(task.taskId, 'chief-amr', { decision: 'refer' });
    const tooEarly = await decision(task.taskId, 'chief-amr', { decision: 'refer', opinion: '请领导签批' });
    const leaderEarly = await decision(task.taskId, 'leader-amr', { decision: 'sign' });
    const leaderDecides = await decision(task.taskId, 'leader-amr', { decision: 'approve', opinion: '领导审查' });

    // Assess
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'TASK_ALREADY_TRANSFERRED', message: expect.stringContaining('reviewer-amr') });
    expect(againZh.body.error.message).toContain('不能再次转办');
    expect(noOpinion.status).toBe(400);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('TASK_NOT_AWAITING_SIGNATURE');
    expect(leaderEarly.status).toBe(403);
    expect(leaderEarly.body.error.code).toBe('ROLE_REQUIRED');
    expect(leaderDecides.status).toBe(403);

    // A referral goes to a leader who is not the proposer
    ok(await decision(task.taskId, 'chief-amr', { decision: 'approve', opinion: '符合条件' }));
    const byReviewer = await decision(task.taskId, 'reviewer-amr', { decision: 'refer', opinion: '请领导签批' });
    expect(byReviewer.status).toBe(403);
    ok(await decision(task.taskId, 'chief-amr', { decision: 'refer', opinion: '请领导签批' }));
    const chiefSigns = await decision(task.taskId, 'chief-amr', { decision: 'sign' });
    expect(chiefSigns.status).toBe(403);
    const other = await decision(task.taskId, 'leader-fire', { decision: 'sign' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OTHER_DEPARTMENT');
    const [after] = await tasksOf(t, f.caseId);
    expect(after).toMatchObject({ status: 'awaiting_leader', transferred: { opinion: '转后台' }, referral: { by: 'chief-amr' } });
    expect(after.decision).toBeUndefined();
  }, 60_000);

  it('refuses a visit without its reason or an `other` without a note, a reviewer recording one, and a pickup with nothing waiting', async () => {
    // Prepare
    const g = await acceptedCase(t, { itemCode: TAX_CERTIFICATE }, { delivery: { mode: 'electronic' } });
    const clerk = await token('clerk');
    const visit = (body: unknown, user = clerk) => t.api.post(`/v1/staff/cases/${g.caseId}/visits`, body, { token: user });

    // Act
    const unknown = await visit({ reason: 'sightseeing' });
    const noNote = await visit({ reason: 'other' });
    const noNoteZh = await t.api.request('POST', `/v1/staff/cases/${g.caseId}/visits`, { body: { reason: 'other' }, token: clerk, headers: { 'accept-language': 'zh-CN' } });
    const extra = await visit({ reason: 'pickup', when: 'now' });
    const byReviewer = await visit({ reason: 'verify_originals' }, await token('reviewer-tax'));
    const pickup = await t.api.post(`/v1/staff/cases/${g.caseId}/pickup`, {}, { token: clerk });
    const noCase = await t.api.post('/v1/staff/cases/00000000-0000-4000-8000-000000000000/visits', { reason: 'pickup' }, { token: clerk });

    // Assess
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('/reason');
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fields.map((f: { path: string }) => f.path)).toContain('/note');
    expect(noNoteZh.body.error.message).not.toBe(noNote.body.error.message);
    expect(extra.status).toBe(400);
    expect(byReviewer.status).toBe(403);
    expect(pickup.status).toBe(409);
    expect(pickup.body.error.code).toBe('NOT_AWAITING_PICKUP');
    expect(noCase.status).toBe(404);
    const [stored] = (await caseItems(t, g.caseId, 'CASE')) as any[];
    expect(stored.visits).toBeUndefined();
    expect((await timelineOf(t, g.caseId)).map((x) => x.action)).not.toContain('case.visited');
    expect(await outboxEventsOf(t, g.caseId, 'case.visited')).toEqual([]);
  }, 60_000);
});
