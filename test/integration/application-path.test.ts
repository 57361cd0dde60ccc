import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { verifyTimeline, type TimelineEntry } from '../../functions/domain/timeline.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { FOOD_DEPARTMENT, FOOD_LICENCE, foodLicenceApplication } from '../support/fixtures.js';

let t: TestPlatform;
const today = shanghaiDate(new Date());
const dueDate = defaultCalendar.addWorkingDays(today, 3);
const application = () => foodLicenceApplication((c, type) => t.api.upload(c, type), dueDate);

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

async function outboxCount(): Promise<number> {
  const reply = await t.api.get('/local/outbox');
  return reply.body.events.length;
}

describe('the platform', () => {
  it('answers health once it can serve', async () => {
    const reply = await t.api.get('/health');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
  });

  it('serves the catalog and an item guide by base or implementation code', async () => {
    const catalog = await t.api.get('/v1/catalog');
    expect(catalog.status).toBe(200);
    expect(catalog.body.version).toBe('2026.11.3');
    expect(catalog.body.bundles.map((b: { code: string }) => b.code)).toContain('CONSTRUCTION-JOINT');
    expect(catalog.body.items.length).toBeGreaterThanOrEqual(40);
    const byBase = await t.api.get(`/v1/catalog/items/${FOOD_LICENCE}`);
    expect(byBase.status).toBe(200);
    expect(byBase.body.materials.some((m: { deferrable: boolean }) => m.deferrable)).toBe(true);
    const byImplementation = await t.api.get(`/v1/catalog/items/430600${FOOD_LICENCE}`);
    expect(byImplementation.body.baseCode).toBe(FOOD_LICENCE);
    const unknown = await t.api.get('/v1/catalog/items/999999999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ITEM_NOT_FOUND');
  });
});

describe('the single-item path, end to end', () => {
  it('goes from submission through pre-review, one correction, review and sign-off to completion', async () => {
    // Prepare
    const body = await application();

    // Act: submit
    const submitted = await t.api.submit(body);
    expect(submitted.status).toBe(201);
    const { caseId, receiptNumber, queryCode, promisedDate } = submitted.body;
    expect(receiptNumber).toMatch(/^430600-\d{8}-\d{6}$/);
    expect(queryCode).toMatch(/^[2-9A-Z]{8}$/);
    expect(promisedDate).toBe(defaultCalendar.addWorkingDays(today, 5));
    const status = (code = queryCode) => t.api.get(`/v1/applications/${receiptNumber}?queryCode=${code}`);

    // Assess: the applicant sees it, with personal data masked; a wrong code reveals nothing
    const seen = await status();
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('submitted');
    expect(seen.body.applicant.phone).toBe('139****1234');
    expect(seen.body.deferred.map((d: { materialCode: string }) => d.materialCode).sort()).toEqual(['M0031', 'M0032']);
    const wrong = await status('ZZZZZZZZ');
    const unknown = await t.api.get(`/v1/applications/430600-20000101-000001?queryCode=${queryCode}`);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);

    // The clerk tells every deficiency at once
    const clerk = await t.api.token('clerk');
    const queue = await t.api.get('/v1/staff/cases?status=submitted', clerk);
    expect(queue.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    const deficient = await t.api.post(`/v1/staff/cases/${caseId}/pre-review`, {
      decision: 'deficient',
      deficiencies: [
        { materialCode: 'M0030', message: '平面布局图未标注功能分区' },
        { path: '/form/premisesArea', message: '面积与平面图不一致' },
      ],
    }, { token: clerk });
    expect(deficient.status).toBe(200);
    const notified = await status();
    expect(notified.body.status).toBe('deficient');
    expect(notified.body.notices[0].deficiencies).toHaveLength(2);
    expect(notified.body.correctionAllowed).toBe(true);

    // The applicant corrects once
    const newPlan = await t.api.upload('%PDF-1.4 corrected plan');
    const corrected = await t.api.post(
      `/v1/applications/${receiptNumber}/corrections?queryCode=${queryCode}`,
      { form: { ...body.form, premisesArea: 118 }, materials: [{ materialCode: 'M0030', uploadId: newPlan }] },
    );
    expect(corrected.body).toMatchObject({ status: 'submitted' });
    const again = await t.api.post(`/v1/applications/${receiptNumber}/corrections?queryCode=${queryCode}`, { note: 'again' });
    expect(again.status).toBe(409);

    // No second deficiency notice: the clerk accepts
    const second = await t.api.post(`/v1/staff/cases/${caseId}/pre-review`, {
      decision: 'deficient', deficiencies: [{ message: 'another' }],
    }, { token: clerk });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('DEFICIENCY_ALREADY_NOTIFIED');
    const accepted = await t.api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'accept' }, { token: clerk });
    expect(accepted.status).toBe(200);
    await t.platform.idle();

    // The department's reviewer finds the task, ordered by deadline, and approves
    const reviewer = await t.api.token(`reviewer-${FOOD_DEPARTMENT}`);
    const tasks = await t.api.get('/v1/staff/tasks?status=pending', reviewer);
    const task = tasks.body.tasks.find((x: { taskId: string }) => x.taskId.startsWith(caseId));
    expect(task).toBeDefined();
    expect(task.department).toBe(FOOD_DEPARTMENT);
    const approve = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'approve', opinion: '符合条件，同意许可' }, { token: reviewer });
    expect(approve.status).toBe(200);
    expect(approve.body.task.status).toBe('awaiting_signature');

    // A reviewer cannot sign; the chief representative signs
    const reviewerSigns = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, { token: reviewer });
    expect(reviewerSigns.status).toBe(403);
    const chief = await t.api.token(`chief-${FOOD_DEPARTMENT}`);
    const signed = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, { token: chief });
    expect(signed.status).toBe(200);
    await t.platform.idle();

    // Assess: completed, every step on the timeline, and the chain verifies
    const done = await status();
    expect(done.body.status).toBe('completed');
    expect(done.body.tasks[0].status).toBe('approved');
    // (the courier's own progress may follow, on its clock)
    expect(done.body.timeline.map((e: { action: string }) => e.action).slice(0, 12)).toEqual([
      'case.submitted', 'case.deficient', 'case.corrected', 'case.accepted',
      'task.created', 'task.reviewed', 'task.approved', 'stage.completed', 'case.completed',
      // then one window issues: the certificate, and the courier takes the parcel
      'result.issued', 'delivery.requested', 'delivery.dispatched',
    ]);
    const entries = (await caseItems(t, caseId, 'TL#')) as unknown as TimelineEntry[];
    expect(verifyTimeline(entries.map(({ pk: _p, sk: _s, ...e }: any) => e))).toBeNull();
  });

  it('refuses a reviewer of another department with 403', async () => {
    const submitted = await t.api.submit(await application());
    const clerk = await t.api.token('clerk');
    await t.api.post(`/v1/staff/cases/${submitted.body.caseId}/pre-review`, { decision: 'accept' }, { token: clerk });
    await t.platform.idle();
    const other = await t.api.token('reviewer-tax');
    const taskId = `${submitted.body.caseId}-t0`;
    const reply = await t.api.post(`/v1/staff/tasks/${taskId}/decision`, { decision: 'approve', opinion: 'ok' }, { token: other });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('OTHER_DEPARTMENT');
    const theirs = await t.api.get('/v1/staff/tasks?status=pending', other);
    expect(theirs.body.tasks.some((x: { taskId: string }) => x.taskId === taskId)).toBe(false);
    const anonymous = await t.api.get('/v1/staff/tasks');
    expect(anonymous.status).toBe(401);
  });
});

describe('idempotent submission', () => {
  it('returns the same case for a retried submit with the same key', async () => {
    const body = await application();
    const key = randomUUID();
    const first = await t.api.submit(body, key);
    const retry = await t.api.submit(body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const reused = await t.api.submit({ ...body, form: { ...body.form, premisesArea: 99 } }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('creates one case when 20 identical submits arrive at once', async () => {
    const body = await application();
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 20 }, () => t.api.submit(body, key)));
    expect(replies.map((r) => r.status).sort((a, b) => a - b)).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(replies.map((r) => r.body.caseId)).size).toBe(1);
    const clerk = await t.api.token('clerk');
    const queue = await t.api.get('/v1/staff/cases?status=submitted&limit=200', clerk);
    const receipts = queue.body.cases.filter((c: { receiptNumber: string }) => c.receiptNumber === replies[0]!.body.receiptNumber);
    expect(receipts).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('gets a 400 naming every field, and nothing is stored', async () => {
    const body = await application();
    const before = await outboxCount();
    const bad = {
      ...body,
      applicant: { ...body.applicant, phone: '12345', idNumber: '91430600MA4T8K2L30' },
      form: { ...body.form, premisesArea: -3, extra: true },
      surprise: 1,
    };
    const reply = await t.api.submit(bad);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    const paths = reply.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['/surprise', '/applicant/phone', '/applicant/idNumber']));
    expect(await outboxCount()).toBe(before);
  });

  it('names form fields, missing materials and a non-deferrable deferral', async () => {
    const body = await application();
    const reply = await t.api.submit({
      ...body,
      form: { ...body.form, premisesArea: -3, extra: true },
      materials: body.materials.slice(1),
      deferred: [{ materialCode: 'M0001', dueDate, commitmentAccepted: true }],
    });
    expect(reply.status).toBe(400);
    const fields = reply.body.error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['/form/premisesArea', '/form/extra', '/deferred/0/materialCode', '/materials']));
    expect(fields.some((f) => f.message.includes('M0003'))).toBe(true);
  });

  it('refuses a missing idempotency key, a catalog version not served and an unknown item', async () => {
    const body = await application();
    const noKey = await t.api.post('/v1/applications', body);
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const version = await t.api.submit({ ...body, catalogVersion: '2020.1.1' });
    expect(version.status).toBe(422);
    expect(version.body.error.fields[0].path).toBe('/catalogVersion');
    const item = await t.api.submit({ ...body, itemCode: '999999999999' });
    expect(item.status).toBe(422);
    expect(item.body.error.code).toBe('ITEM_NOT_IN_CATALOG');
    const notJson = await t.api.post('/v1/applications', '{oops', { headers: { 'idempotency-key': randomUUID() } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('INVALID_JSON');
  });

  it('refuses an upload that was announced but never sent, and a bad upload request', async () => {
    const body = await application();
    const ghost = await t.api.post('/v1/uploads', { fileName: 'x.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) });
    expect(ghost.status).toBe(201);
    body.materials[0] = { materialCode: 'M0003', uploadId: ghost.body.uploadId };
    const reply = await t.api.submit(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toContainEqual({ path: '/materials/0/uploadId', message: expect.stringContaining('not uploaded') });
    const exe = await t.api.post('/v1/uploads', { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 10, sha256: 'a'.repeat(64) });
    expect(exe.status).toBe(400);
    expect(exe.body.error.fields[0].path).toBe('/contentType');
    const huge = await t.api.post('/v1/uploads', { fileName: 'x.pdf', contentType: 'application/pdf', size: 50 * 1024 * 1024, sha256: 'a'.repeat(64) });
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields[0].path).toBe('/size');
  });
});

describe('at-least-once delivery', () => {
  it('creates no duplicate task when the dispatch message is delivered again', async () => {
    const submitted = await t.api.submit(await application());
    const { caseId } = submitted.body;
    const clerk = await t.api.token('clerk');
    await t.api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'accept' }, { token: clerk });
    await t.platform.idle();
    const outbox = await t.api.get('/local/outbox');
    const accepted = outbox.body.events.find((e: { type: string; caseId: string }) => e.type === 'case.accepted' && e.caseId === caseId);
    expect(accepted).toBeDefined();
    const { day: _d, expiresAt: _e, ...event } = accepted;
    const QueueUrl = t.queue('QueuereviewdispatchQueue');
    // Act: the same message three more times, two of them at once
    await Promise.all([1, 2, 3].map(() => t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(event) }))));
    await t.platform.idle();
    // Assess
    expect(await caseItems(t, caseId, 'TASK#')).toHaveLength(1);
    const timeline = await caseItems(t, caseId, 'TL#');
    expect(timeline.filter((e) => e.action === 'task.created')).toHaveLength(1);
  });

  it('moves a poison message to the DLQ after maxReceiveCount', async () => {
    const QueueUrl = t.queue('QueuecaseprogressQueue');
    const dlq = t.queue('QueuecaseprogressDlq');
    // The deployed visibility timeout is minutes long; shorten it on the emulator so the test is quick.
    await t.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '1' } }));
    await t.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"not":"an event"}' }));
    const deadline = Date.now() + 45_000;
    let inDlq = 0;
    while (Date.now() < deadline && inDlq === 0) {
      await new Promise((r) => setTimeout(r, 500));
      const attrs = await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }));
      inDlq = Number(attrs.Attributes?.ApproximateNumberOfMessages ?? 0);
    }
    expect(inDlq).toBe(1);
    const message = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 1 }));
    expect(message.Messages?.[0]?.Body).toBe('{"not":"an event"}');
  });
});
