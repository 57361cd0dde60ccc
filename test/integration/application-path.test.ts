/**
 * The single-item path against the emulators, end to end: submission, pre-review, one
 * correction, review and sign-off; idempotent submission; bad input and uploads refused;
 * at-least-once delivery through the outbox relay and the queues; and no dual writes: a
 * change and its outbox events are written in one transaction or not at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consumers, type ConsumerName } from '../../contracts/events.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { dispatch, preReview } from '../../functions/domain/case.js';
import type { CaseRecord, Change, Clock } from '../../functions/domain/records.js';
import type { Staff } from '../../functions/domain/staff.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { verifyTimeline, type TimelineEntry } from '../../functions/domain/timeline.js';
import { changeItems, commit, getCase } from '../../functions/store/data-table.js';
import { acceptedCase, decideStage } from '../support/cases.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CATALOG_VERSION, FOOD_DEPARTMENT, FOOD_LICENCE, foodLicenceApplication } from '../support/fixtures.js';
import { consumerQueue, holdQueues, insertRecord, outboxEventsOf, outboxItemsOf, outboxSize, redeliver } from '../support/outbox.js';
import { useStoreOf } from '../support/store.js';
import { caseIdByReceipt, receiptSequencesUsed } from '../../functions/store/submissions.js';
import { expectIntactTimeline } from '../support/timeline.js';

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

const outboxCount = () => outboxSize(t);

describe('the platform', () => {
  it('answers health once it can serve', async () => {
    const reply = await t.api.get('/health');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
  });

  it('serves the catalog and an item guide by base or implementation code', async () => {
    const catalog = await t.api.get('/v1/catalog');
    expect(catalog.status).toBe(200);
    expect(catalog.body.version).toBe(CATALOG_VERSION);
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
      { form: { premisesArea: 118 }, materials: [{ materialCode: 'M0030', uploadId: newPlan }] },
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

    // Assess: completed, but its two deferred materials are still open: the result is rendered, not issued
    const done = await status();
    expect(done.body.status).toBe('completed');
    expect(done.body.tasks[0].status).toBe('approved');
    expect(done.body.results).toEqual([]);
    expect(done.body.handover).toBeNull();
    const [rendered] = (await caseItems(t, caseId, 'TL#')).filter((e) => e.action === 'result.issued') as { detail: { verificationCode: string } }[];
    const code = rendered!.detail.verificationCode;
    expect((await t.api.get(`/v1/certificates/verify/${code}`)).body).toMatchObject({ genuine: true, status: 'pending', issued: false, current: false });
    const early = await t.api.get(`/v1/applications/${receiptNumber}/results/${code}?queryCode=${queryCode}`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('RESULT_NOT_ISSUED');

    // The applicant supplies the first deferred material: still waiting for the second
    const supply = async (materialCode: string) =>
      t.api.post(`/v1/applications/${receiptNumber}/corrections?queryCode=${queryCode}`, { materials: [{ materialCode, uploadId: await t.api.upload(`%PDF-1.4 ${materialCode} supplied`) }] });
    expect((await supply('M0031')).status).toBe(200);
    await t.platform.idle();
    expect((await status()).body.handover).toBeNull();
    expect((await t.api.get(`/v1/certificates/verify/${code}`)).body.status).toBe('pending');

    // ...then the second, which issues the result and hands it over
    expect((await supply('M0032')).status).toBe(200);
    await t.platform.idle();
    const issued = await status();
    expect(issued.body.results.map((r: { verificationCode: string }) => r.verificationCode)).toEqual([code]);
    expect((await t.api.get(`/v1/certificates/verify/${code}`)).body).toMatchObject({ status: 'valid', issued: true, current: true });
    expect((await t.api.get(`/v1/applications/${receiptNumber}/results/${code}?queryCode=${queryCode}`)).status).toBe(200);
    // Every step on the timeline (the courier's own progress may follow, on its clock; the
    // notifications' entries come between the steps as each message goes), and the chain verifies
    const steps = issued.body.timeline.map((e: { action: string }) => e.action).filter((a: string) => !a.startsWith('notification.'));
    expect(steps.slice(0, 14)).toEqual([
      'case.submitted', 'case.deficient', 'case.corrected', 'case.accepted',
      'task.created', 'task.reviewed', 'task.approved', 'stage.completed', 'case.completed',
      // the certificate rendered; then the deferred materials; then one window issues and the courier takes the parcel
      'result.issued', 'deferred.supplied', 'deferred.supplied', 'delivery.requested', 'delivery.dispatched',
    ]);
    const entries = (await caseItems(t, caseId, 'TL#')) as unknown as TimelineEntry[];
    expect(verifyTimeline(entries.map(({ pk: _p, sk: _s, ...e }: any) => e))).toBeNull();
    // and by hashes computed here, ending at the head stored on the case
    expect(await expectIntactTimeline(t, caseId)).toHaveLength(entries.length);
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

describe('receipt numbers', () => {
  beforeAll(() => useStoreOf(t));
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('gives distinct submits at once distinct numbers of the day, each recorded as used for the day’s sample', async () => {
    // Prepare
    const bodies = await Promise.all(Array.from({ length: 12 }, () => application()));

    // Act
    const replies = await Promise.all(bodies.map((body) => t.api.submit(body)));

    // Assess: unique, in the documented form, and exactly the numbers the day's blocks record
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = replies.map((r) => String(r.body.receiptNumber));
    expect(new Set(numbers).size).toBe(12);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^430600-${today.replaceAll('-', '')}-\\d{6}$`));
    const used = new Set(await receiptSequencesUsed('430600', today));
    for (const n of numbers) expect(used.has(Number(n.slice(-6)))).toBe(true);
    expect(await Promise.all(numbers.map(caseIdByReceipt))).toEqual(replies.map((r) => r.body.caseId));
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
    expect(reply.body.error.fields).toContainEqual(expect.objectContaining({ path: '/materials/0/uploadId', message: expect.stringContaining('not uploaded') }));
    const exe = await t.api.post('/v1/uploads', { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 10, sha256: 'a'.repeat(64) });
    expect(exe.status).toBe(400);
    expect(exe.body.error.fields[0].path).toBe('/contentType');
    const huge = await t.api.post('/v1/uploads', { fileName: 'x.pdf', contentType: 'application/pdf', size: 50 * 1024 * 1024, sha256: 'a'.repeat(64) });
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields[0].path).toBe('/size');
  });
});

describe('uploads', () => {
  /** Announces `announced` and PUTs `sent` to the presigned URL with the headers it came with. */
  async function uploadOther(announced: Buffer, sent: Buffer) {
    const sha256 = createHash('sha256').update(announced).digest('hex');
    const presigned = await t.api.post('/v1/uploads', { fileName: 'x.pdf', contentType: 'application/pdf', size: announced.length, sha256 });
    expect(presigned.status).toBe(201);
    const put = await fetch(presigned.body.url, { method: presigned.body.method, headers: presigned.body.headers, body: new Uint8Array(sent) });
    return { uploadId: presigned.body.uploadId as string, url: new URL(presigned.body.url), headers: presigned.body.headers as Record<string, string>, put };
  }

  it('are bound to the announced type, size and SHA-256 by the presigned request itself', async () => {
    // Act
    const announced = Buffer.from('%PDF-1.4 the announced content');
    const { url, headers } = await uploadOther(announced, announced);

    // Assess: what S3 enforces in AWS (the local emulator checks the checksum, not the signature)
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'x-amz-checksum-sha256']));
    expect(headers).toEqual({ 'Content-Type': 'application/pdf', 'x-amz-checksum-sha256': createHash('sha256').update(announced).digest('base64') });
  });

  it('refuses an application naming an upload whose bytes are not the size announced', async () => {
    // Prepare: one upload with more bytes behind it than announced, one with fewer
    const announced = Buffer.from('%PDF-1.4 the announced content');
    const longer = await uploadOther(announced, Buffer.concat([announced, Buffer.from(' and more')]));
    const shorter = await uploadOther(announced, announced.subarray(0, 10));
    const body = await application();
    body.materials[0] = { materialCode: 'M0003', uploadId: longer.uploadId };
    body.materials[1] = { materialCode: 'M0001', uploadId: shorter.uploadId };
    const before = await outboxCount();

    // Act
    const reply = await t.api.submit(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/materials/0/uploadId', message: expect.stringContaining('not uploaded') }),
      expect.objectContaining({ path: '/materials/1/uploadId', message: expect.stringContaining('not uploaded') }),
    ]));
    expect(await outboxCount()).toBe(before);
  });

  it('refuses other bytes of the announced size, at the upload (as S3 does) and so at submit', async () => {
    // Prepare: bytes of the announced length, but not the announced ones
    const announced = Buffer.from('%PDF-1.4 the announced content');
    const forged = Buffer.from('%PDF-1.4 the forged  content!!');
    expect(forged.length).toBe(announced.length);
    const before = await outboxCount();

    // Act
    const { uploadId, put } = await uploadOther(announced, forged);
    const body = await application();
    body.materials[0] = { materialCode: 'M0003', uploadId };
    const reply = await t.api.submit(body);

    // Assess: S3 refuses the body against the signed checksum, and the application names a file never stored
    expect(put.status).toBe(400);
    expect(await put.text()).toContain('<Code>BadDigest</Code>');
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/materials/0/uploadId', message: expect.stringContaining('not uploaded') })]));
    expect(await outboxCount()).toBe(before);
  });

  it('refuses one upload named for two materials of one application, naming the second, and stores nothing', async () => {
    // Prepare
    const body = await application();
    body.materials[1] = { ...body.materials[1]!, uploadId: body.materials[0]!.uploadId };
    const before = await outboxCount();

    // Act
    const reply = await t.api.submit(body);

    // Assess: a 400 at the second material, not the transaction DynamoDB would refuse
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual([expect.objectContaining({ path: '/materials/1/uploadId', rule: 'upload_given_twice' })]);
    expect(await outboxCount()).toBe(before);
  });

  it('answers a path parameter that was percent-encoded twice, or is far too long, with a 4xx', async () => {
    // `%25ZZ` reaches the function as `%ZZ` (the gateway decodes once), which names no application
    const encoded = await t.api.get('/v1/applications/%25ZZ?queryCode=AAAA2222');
    expect(encoded.status).toBe(404);
    expect(encoded.body.error.code).toBe('APPLICATION_NOT_FOUND');

    // Longer than any receipt number: refused before it reaches a DynamoDB key
    const long = await t.api.get(`/v1/applications/${'4'.repeat(8000)}?queryCode=AAAA2222`);
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual([expect.objectContaining({ path: 'path:receiptNumber', rule: 'too_long' })]);
  });

  it('lets one upload serve one case: a second application naming it is refused', async () => {
    // Prepare: a case with its materials
    const first = await application();
    const created = await t.api.submit(first);
    expect(created.status).toBe(201);
    const second = await application();
    second.materials[2] = { ...first.materials[2]! };

    // Act
    const reply = await t.api.submit(second);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual([expect.objectContaining({ path: '/materials/2/uploadId', message: expect.stringContaining('another application') })]);
    const [upload] = (await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `UPLOAD#${first.materials[2]!.uploadId}` } }))).Items ?? [];
    expect(upload?.caseId).toBe(created.body.caseId);
  });

  it('lets one upload serve one case when two applications naming it arrive at once', async () => {
    // Prepare: two different applications sharing one upload
    const [a, b] = [await application(), await application()];
    b.materials[0] = { ...a.materials[0]! };

    // Act
    const replies = await Promise.all([t.api.submit(a), t.api.submit(b)]);

    // Assess
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect(statuses[1], JSON.stringify(replies.map((r) => r.body))).toBeGreaterThanOrEqual(400);
    const winner = replies.find((r) => r.status === 201)!.body.caseId;
    const [upload] = (await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `UPLOAD#${a.materials[0]!.uploadId}` } }))).Items ?? [];
    expect(upload?.caseId).toBe(winner);
  });
});

describe('at-least-once delivery', () => {
  it('creates no duplicate task when the dispatch message is delivered again', async () => {
    const submitted = await t.api.submit(await application());
    const { caseId } = submitted.body;
    const clerk = await t.api.token('clerk');
    await t.api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'accept' }, { token: clerk });
    await t.platform.idle();
    const accepted = await outboxEventsOf(t, caseId, 'case.accepted');
    expect(accepted).toHaveLength(1);
    // Act: the same message three more times, two of them at once
    await Promise.all([1, 2, 3].map(() => redeliver(t, 'review-dispatch', accepted[0]!)));
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

describe('the outbox relay, given the same stream record twice', () => {
  it('publishes it once per delivery to each subscribed queue and to no other, and the consumers act on it once', async () => {
    // Prepare: a completed case whose task.approved the relay has published and its consumers have handled
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE });
    await decideStage(t, c.caseId, 1);
    const [approved, ...others] = await outboxItemsOf(t, c.caseId, 'task.approved');
    expect(others).toEqual([]);
    const relay = t.platform.resources.functions.find((f) => f.startsWith('Fnoutboxrelay'))!;
    const names = Object.keys(consumers) as ConsumerName[];
    const held = await holdQueues(t, names.map((name) => consumerQueue(t, name)));
    const count = async () =>
      Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await held.held(consumerQueue(t, name))).filter((e) => e.eventId === approved!.eventId)] as const)));
    const timeline = await caseItems(t, c.caseId, 'TL#');
    const view = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;

    // Act: the stream delivers the record, then delivers it again
    let once: Record<string, unknown[]>;
    let twice: Record<string, unknown[]>;
    let replies: unknown[];
    try {
      replies = [await t.platform.invoke(relay, { Records: [insertRecord(approved!, '1')] })];
      once = await count();
      replies.push(await t.platform.invoke(relay, { Records: [insertRecord(approved!, '1')] }));
      twice = await count();
    } finally {
      await held.release();
    }
    // ...and the consumers receive every copy it published
    for (const [name, copies] of Object.entries(twice)) for (const copy of copies) await redeliver(t, name as ConsumerName, copy as never);
    await t.platform.idle();

    // Assess
    expect(replies).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    const sizes = (held: Record<string, unknown[]>) => Object.fromEntries(Object.entries(held).map(([name, copies]) => [name, copies.length]));
    const subscribed = names.filter((name) => (consumers[name] as readonly string[]).includes('task.approved'));
    expect(subscribed.sort()).toEqual(['case-progress', 'certificates', 'supervision-stats']);
    expect(sizes(once!)).toEqual(Object.fromEntries(names.map((name) => [name, subscribed.includes(name) ? 1 : 0])));
    expect(sizes(twice!)).toEqual(Object.fromEntries(names.map((name) => [name, subscribed.includes(name) ? 2 : 0])));
    for (const copy of Object.values(twice!).flat()) expect(copy).toEqual((await outboxEventsOf(t, c.caseId, 'task.approved'))[0]);
    expect(await caseItems(t, c.caseId, 'TL#')).toEqual(timeline);
    const after = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    expect(after.results).toEqual(view.results);
    expect(after.results).toHaveLength(1);
  });
});

describe('no dual writes: a change and its events are written together or not at all', () => {
  const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
  const clock = (): Clock => ({ now: new Date().toISOString(), today: shanghaiDate(new Date()), calendar: defaultCalendar });

  beforeAll(() => useStoreOf(t));
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  /** Everything stored of a case: every item of its partition and its outbox events. */
  async function stored(caseId: string) {
    const partition = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `CASE#${caseId}` }, ConsistentRead: true }));
    return { items: partition.Items ?? [], outbox: await outboxItemsOf(t, caseId) };
  }

  async function submittedCase(): Promise<CaseRecord> {
    const submitted = await t.api.submit(await application());
    expect(submitted.status).toBe(201);
    await t.platform.idle();
    return (await getCase(submitted.body.caseId))!;
  }

  /** Accepting the case and creating its first task: the case, a task, timeline entries and events. */
  function acceptAndDispatch(before: CaseRecord, taskExpectedVersion: number | null): Change {
    const accepted = preReview(before, clerk, { decision: 'accept' }, clock());
    const dispatched = dispatch(accepted.case!.next, clock())!;
    return {
      case: { next: dispatched.case!.next, expectedVersion: before.version },
      tasks: dispatched.tasks.map((task) => ({ ...task, expectedVersion: taskExpectedVersion })),
      timeline: [...accepted.timeline, ...dispatched.timeline],
      events: [...accepted.events, ...dispatched.events],
    };
  }

  it('writes nothing when the condition of an item in the middle of the transaction fails, and all of it when none does', async () => {
    // Prepare: the task written as if it replaced version 1 of a task that does not exist
    const before = await submittedCase();
    const stale = acceptAndDispatch(before, 1);
    const items = changeItems(before, stale, before.county);
    const failing = items.findIndex((item) => String(item.Put?.Item?.sk).startsWith('TASK#'));
    expect([failing > 0, failing < items.length - 1]).toEqual([true, true]);
    const untouched = await stored(before.caseId);

    // Act
    const cancelled = commit(before, stale, before.county);

    // Assess
    await expect(cancelled).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
    expect(await stored(before.caseId)).toEqual(untouched);

    // Act again: the same change with a task that is new
    const fresh = acceptAndDispatch(before, null);
    await commit(before, fresh, before.county);

    // Assess: every item and every event of the change is there
    const written = await stored(before.caseId);
    expect(written.items.length - untouched.items.length).toBe(fresh.tasks.length + fresh.timeline.length);
    expect(written.items.find((i) => i.sk === 'CASE')).toMatchObject({ status: 'in_review', version: fresh.case!.next.version });
    expect(written.outbox.map((e) => e.type).sort()).toEqual([...untouched.outbox.map((e) => e.type), ...stale.events.map((e) => e.type)].sort());
  });

  it('writes nothing when a write joined to the change fails its condition', async () => {
    // Prepare
    const before = await submittedCase();
    const change = preReview(before, clerk, { decision: 'accept' }, clock());
    const missing = { ConditionCheck: { TableName: t.dataTable, Key: { pk: `UPLOAD#u_${randomUUID()}`, sk: 'UPLOAD' }, ConditionExpression: 'attribute_exists(pk)' } };
    const untouched = await stored(before.caseId);

    // Act
    const cancelled = commit(before, change, before.county, [missing]);

    // Assess
    await expect(cancelled).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
    expect(await stored(before.caseId)).toEqual(untouched);
  });

  it('writes nothing of a change that lost the race for the case to another writer', async () => {
    // Prepare: read, then the clerk accepts the case through the API meanwhile
    const before = await submittedCase();
    const accepted = await t.api.post(`/v1/staff/cases/${before.caseId}/pre-review`, { decision: 'accept' }, { token: await t.api.token('clerk') });
    expect(accepted.status).toBe(200);
    await t.platform.idle();
    const theirs = await stored(before.caseId);

    // Act: a deficiency notice decided on the case as it was read
    const late = commit(before, preReview(before, clerk, { decision: 'deficient', deficiencies: [{ message: '缺少平面图' }] }, clock()), before.county);

    // Assess
    await expect(late).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
    expect(await stored(before.caseId)).toEqual(theirs);
    expect(theirs.outbox.map((e) => e.type)).not.toContain('case.deficient');
  });

  it('writes nothing of the change when its events cannot be written', async () => {
    // Prepare: the outbox table out of reach
    const before = await submittedCase();
    const change = acceptAndDispatch(before, null);
    const untouched = await stored(before.caseId);
    vi.stubEnv('OUTBOX_TABLE', `${t.outboxTable}-missing`);

    // Act
    let failure: unknown;
    try {
      await commit(before, change, before.county);
    } catch (error) {
      failure = error;
    } finally {
      vi.stubEnv('OUTBOX_TABLE', t.outboxTable);
    }

    // Assess
    expect(failure).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await stored(before.caseId)).toEqual(untouched);
  });
});
