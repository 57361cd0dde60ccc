/**
 * Bundles ("one thing") against the emulators: the merged guide and what it saves, the
 * situation questions deciding business registration's items, materials, fees and delivery,
 * a company being set up registered without the credit code and licence the bundle issues, staged
 * joint approval with departments signing at once, suspensions in working days, rejection
 * with every department's reasons, and the green channel's agent.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { publishedCatalogs } from '../../catalog/index.js';
import { projectForm } from '../../functions/domain/bundles.js';
import { acceptedCase, answersQuery, ASSIGNED_CREDIT_CODE, decideStage, payTicket, tasksOf as tasksOfCase, timelineOf as timelineOfCase, until, type SubmittedCase } from '../support/cases.js';
import { extractText } from '../support/pdf.js';
import { heldCodes } from '../support/library.js';
import { CATALOG_VERSION, courierDelivery } from '../support/fixtures.js';
import { sampleFor } from '../../scripts/simulate/sample-form.js';
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
    const reply = await t.api.get(`/v1/catalog/bundles/BIZ-ONE-ENTRY?answers=${answersQuery(EVERYTHING)}`);
    expect(reply.status).toBe(200);
    const { savings, materials, formSchema, departments } = reply.body;
    expect(departments.length).toBeGreaterThanOrEqual(8);
    expect(savings.materials.merged).toBe(materials.length);
    expect(savings.materials.saved / savings.materials.separately).toBeGreaterThanOrEqual(1 / 3);
    // The README's figure: 42 materials item by item, 13 in the bundle (the business licence it issues is not asked)
    expect(savings.materials).toMatchObject({ separately: 42, merged: 13, saved: 29 });
    expect(Object.keys(formSchema.properties)).not.toContain('creditCode');
    expect((await t.api.get('/v1/catalog/bundles/NO-SUCH')).status).toBe(404);
  });
});

/** Every situation question of business registration answered yes: all 11 items. */
const EVERYTHING = { needsSeals: true, hiresStaff: true, sellsFood: true, sellsLiquor: true, publicVenue: true, dischargesSewage: true };
/** Only what every company needs: the licence (with its credit code) and the tax set-up. */
const CORE_ONLY = { needsSeals: false, hiresStaff: false, sellsFood: false, sellsLiquor: false, publicVenue: false, dischargesSewage: false };
/** A small restaurant: seals, staff and food, nothing else. */
const RESTAURANT = { ...CORE_ONLY, needsSeals: true, hiresStaff: true, sellsFood: true };
/** A founder: the company does not exist yet, so the applicant is a person, with no credit code. */
const founder = { type: 'person', name: '李湘君', idType: 'resident_id', idNumber: '430602199003071231', phone: '13907301234' };
delete (founder as { legalRepresentative?: string }).legalRepresentative;

const bizGuide = async (answers: Record<string, boolean>) => (await t.api.get(`/v1/catalog/bundles/BIZ-ONE-ENTRY?answers=${answersQuery(answers)}`)).body;
/** The case as stored (the whole application: answers, form, what the bundle produced). */
async function staffCase(caseId: string) {
  const [stored] = await caseItems(t, caseId, 'CASE');
  if (!stored) throw new Error(`no case ${caseId}`);
  return stored as any;
}

describe('business registration for a company being set up (produces, situations)', () => {
  it('completes without a credit code or a licence upload: the registration reviewer assigns the code, the later departments see it', async () => {
    // Prepare: the guide of a restaurant being set up asks neither the code nor the licence
    const guide = await bizGuide(RESTAURANT);
    expect(Object.keys(guide.formSchema.properties)).not.toContain('creditCode');
    expect(guide.materials.map((m: { code: string }) => m.code)).not.toContain('M0001');
    expect(guide.produced).toEqual([expect.objectContaining({ code: 'M0001', producedBy: '000105001000' })]);
    expect(guide.assigned).toEqual([expect.objectContaining({ field: 'creditCode', assignedBy: '000105001000' })]);
    expect(guide.stages.map((s: { code: string }) => s.code)).toEqual(['registration', 'parallel']);

    // Act 1: submitted (courier: the seals are physical) and accepted; only the registration task starts
    const c = await acceptedCase(t, { bundleCode: 'BIZ-ONE-ENTRY' }, { answers: RESTAURANT, applicant: founder, delivery: courierDelivery });
    const [registration, ...others] = await tasksOf(c.caseId);
    expect(others).toHaveLength(0);
    expect(registration).toMatchObject({ itemCode: '000105001000', department: 'amr', assigns: ['creditCode'] });

    // Assess: an approval without the code, or with an invalid one, is refused, naming it
    const reviewer = await t.api.token('reviewer-amr');
    const decide = (body: Record<string, unknown>) => t.api.post(`/v1/staff/tasks/${registration.taskId}/decision`, { decision: 'approve', opinion: '准予设立登记', ...body }, { token: reviewer });
    const without = await decide({});
    expect(without.status).toBe(400);
    expect(without.body.error.fields).toEqual([expect.objectContaining({ path: '/assigned/creditCode' })]);
    const invalid = await decide({ assigned: { creditCode: '91430600MA4T8K2L38' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields[0].path).toBe('/assigned/creditCode');
    const before = await staffCase(c.caseId);
    expect(before.form.creditCode).toBeUndefined();
    expect(before.produced).toEqual([expect.objectContaining({ materialCode: 'M0001', producedBy: '000105001000' })]);
    expect(before.produced[0].approvedAt).toBeUndefined();

    // Act 2: registration approved with the code it assigns
    await decideStage(t, c.caseId, 1);

    // Assess: the code and the licence exist for the parallel stage's departments
    const after = await staffCase(c.caseId);
    expect(after.form.creditCode).toBe(ASSIGNED_CREDIT_CODE);
    expect(after.produced[0]).toMatchObject({ taskId: registration.taskId, approvedAt: expect.any(String) });
    const bundle = publishedCatalogs[CATALOG_VERSION]!.bundles!.find((b) => b.code === 'BIZ-ONE-ENTRY')!;
    const parallel = (await tasksOf(c.caseId)).filter((x) => x.stage === 2);
    expect(parallel.map((x) => x.itemCode).sort()).toEqual(guide.stages[1].items.map((i: { baseCode: string }) => i.baseCode).sort());
    for (const task of parallel) {
      const projected = projectForm(publishedCatalogs[CATALOG_VERSION]!, bundle, after.form, task.itemCode);
      expect(projected.creditCode, task.itemCode).toBe(ASSIGNED_CREDIT_CODE);
    }

    // Act 3: every department of the parallel stage approves; the seal fee is paid
    await decideStage(t, c.caseId, 2);
    const waiting = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    expect(waiting.status).toBe('awaiting_payment');
    expect(waiting.ticket.totalFen).toBe(12_000);
    await payTicket(t, c);

    // Assess: complete, with the code the office assigned
    const done = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    expect(done.status).toBe('completed');
    expect(done.tasks).toHaveLength(1 + parallel.length);
    expect((await timelineOf(c.caseId)).find((e) => e.action === 'task.approved' && e.detail.taskId === registration.taskId)?.detail.assigned).toEqual({ creditCode: ASSIGNED_CREDIT_CODE });

    // Assess: what the bundle issues is the company's — named by the form, identified by the code it was assigned —, not the founder's
    const issued = await until(async () => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body, (v) => v.handover !== null && v.results.length === done.tasks.length, 'the results');
    const companyName = after.form.companyName as string;
    const certificates = await Promise.all(issued.results.map(async (r: { verificationCode: string; itemCode: string }) => {
      const download = await t.api.get(`/v1/applications/${c.receiptNumber}/results/${r.verificationCode}?queryCode=${c.queryCode}`);
      const text = await extractText(new Uint8Array(await (await fetch(download.body.url)).arrayBuffer()));
      return { ...r, text, verified: (await t.api.get(`/v1/certificates/verify/${r.verificationCode}`)).body };
    }));
    for (const { itemCode, text, verified } of certificates.filter((x) => ['000105001000', '000105002000'].includes(x.itemCode))) {
      expect(text, itemCode).toContain(`统一社会信用代码Unifiedsocialcreditcode${ASSIGNED_CREDIT_CODE}`);
      expect(text, itemCode).toContain(`持证单位Holder${companyName}`);
      expect(text, itemCode).not.toContain(founder.idNumber);
      expect(text, itemCode).not.toContain('公民身份号码');
      expect(verified.holder, itemCode).toMatchObject({ type: 'company', name: companyName });
    }
    const proofs = [...new Set(publishedCatalogs[CATALOG_VERSION]!.items.flatMap((i) => (i.produces ? [i.produces] : [])))];
    const licence = certificates.find((x) => x.itemCode === '000105001000')!.verificationCode;
    // The company's library answers to the phone on file, the founder's who applied
    expect(await heldCodes(t, { idType: 'credit_code', idNumber: ASSIGNED_CREDIT_CODE, name: companyName }, founder.phone, proofs)).toContain(licence);
    expect(await heldCodes(t, founder, founder.phone, proofs)).not.toContain(licence);
  });

  it('lets the answers decide the items, materials, fees and delivery modes', async () => {
    // Act: the guides of a restaurant and of a core-only company, then both applied for and approved
    const [restaurant, core] = [await bizGuide(RESTAURANT), await bizGuide(CORE_ONLY)];
    const items = (g: { stages: { items: { baseCode: string }[] }[] }) => g.stages.flatMap((s) => s.items.map((i) => i.baseCode));
    const codes = (g: { materials: { code: string }[] }) => g.materials.map((m) => m.code);

    // Assess: items and why the others are out
    expect(items(core)).toEqual(['000105001000', '000119003000']);
    expect(items(restaurant)).toEqual(expect.arrayContaining(['000103005000', '000107002000', '000105002000']));
    expect(items(restaurant)).toHaveLength(2 + 1 + 4 + 1);
    expect(core.excludedItems.map((i: { baseCode: string; situation: string }) => [i.baseCode, i.situation])).toContainEqual(['000105002000', 'sellsFood']);
    expect(restaurant.excludedItems.map((i: { situation: string }) => i.situation).sort()).toEqual(['dischargesSewage', 'publicVenue', 'sellsLiquor']);
    expect(restaurant.situations.find((s: { code: string }) => s.code === 'sellsFood').answer).toBe(true);
    // materials: the food licence's floor plan only for the restaurant
    expect(codes(restaurant)).toContain('M0030');
    expect(codes(core)).not.toContain('M0030');
    expect(restaurant.savings.materials.separately).toBeGreaterThan(core.savings.materials.separately);
    // delivery: engraved seals are never electronic only
    expect(restaurant.deliveryModes).not.toContain('electronic');
    expect(core.deliveryModes).toContain('electronic');

    // fees: the restaurant's seals are charged, the core-only company pays nothing
    const paying = await acceptedCase(t, { bundleCode: 'BIZ-ONE-ENTRY' }, { answers: RESTAURANT, applicant: founder, delivery: courierDelivery });
    const free = await acceptedCase(t, { bundleCode: 'BIZ-ONE-ENTRY' }, { answers: CORE_ONLY, applicant: founder });
    expect((await tasksOf(free.caseId)).map((x) => x.itemCode)).toEqual(['000105001000']);
    for (const c of [paying, free]) for (const stage of [1, 2]) await decideStage(t, c.caseId, stage);
    const view = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    const [paid, unpaid] = [await view(paying), await view(free)];
    expect(paid.ticket.lines.map((l: { feeCode: string }) => l.feeCode)).toEqual(['F014']);
    expect(paid.status).toBe('awaiting_payment');
    expect(unpaid.ticket).toBeNull();
    expect(unpaid.status).toBe('completed');
    expect(unpaid.tasks.map((x: { itemCode: string }) => x.itemCode)).toEqual(['000105001000', '000119003000']);
    expect((await staffCase(free.caseId)).answers).toEqual(CORE_ONLY);
  });

  it('shows the core items and the questions without answers, and refuses a bad answers query naming it', async () => {
    const core = (await t.api.get('/v1/catalog/bundles/BIZ-ONE-ENTRY')).body;
    expect(core.answered).toBe(false);
    expect(core.situations.map((s: { code: string }) => s.code)).toEqual(Object.keys(EVERYTHING));
    expect(core.stages.flatMap((s: { items: unknown[] }) => s.items)).toHaveLength(2);

    for (const [query, path] of [
      ['needsSeals:yes', 'query:answers.hiresStaff'],
      [`${answersQuery(CORE_ONLY)},sellsCars:yes`, 'query:answers.sellsCars'],
      ['needsSeals=yes', 'query:answers'],
    ] as const) {
      const reply = await t.api.get(`/v1/catalog/bundles/BIZ-ONE-ENTRY?answers=${encodeURIComponent(query)}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.code).toBe('ANSWERS_INVALID');
      expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
  });

  it('refuses a submission with a missing or unknown answer, or electronic delivery of engraved seals', async () => {
    const guide = await bizGuide(RESTAURANT);
    const materials: { materialCode: string; uploadId: string }[] = [];
    for (const m of guide.materials.filter((x: { required: boolean }) => x.required)) materials.push({ materialCode: m.code, uploadId: await t.api.upload(`%PDF-1.4 ${m.code}`) });
    const application = (answers: Record<string, boolean>, delivery: Record<string, unknown> = courierDelivery) => ({
      catalogVersion: CATALOG_VERSION, bundleCode: 'BIZ-ONE-ENTRY', answers, applicant: founder,
      form: sampleFor(guide.formSchema, today), materials, delivery,
    });
    const { hiresStaff: _missing, ...withoutStaff } = RESTAURANT;

    const missing = await t.api.submit(application(withoutStaff));
    const unknown = await t.api.submit(application({ ...RESTAURANT, sellsCars: true }));
    const electronic = await t.api.submit(application(RESTAURANT, { mode: 'electronic' }));

    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'ANSWERS_INVALID', fields: [expect.objectContaining({ path: '/answers/hiresStaff' })] });
    expect(missing.body.error.fields[0].message).toContain('Will you hire staff?');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([expect.objectContaining({ path: '/answers/sellsCars' })]);
    expect(electronic.status).toBe(400);
    expect(electronic.body.error.fields).toEqual([expect.objectContaining({ path: '/delivery/mode', message: expect.stringContaining('Filing of official seal engraving') })]);
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
