/**
 * Issue 12, hole 5 on the local platform: a name with a control character, an unpaired
 * surrogate or a bidi override is refused at submit and nothing is stored; a certificate
 * that can never be made reaches the certificates DLQ after the queue's bounded receives
 * (in seconds, not 5 × 180 s), the case view says its result is delayed, once, and a
 * redrive after the cause is fixed issues it and clears the delay, the name now printed with
 * the Lambda bundle's fallback font for CJK Extension B.
 */
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { caseKey } from '../../functions/store/keys.js';
import { acceptedCase, decideStage, timelineOf, until, type SubmittedCase } from '../support/cases.js';
import { applicantCompany, foodLicenceApplication } from '../support/fixtures.js';
import { consumerQueue, outboxSize } from '../support/outbox.js';
import { extractText } from '../support/pdf.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

const viewOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
const dlqOf = () => t.queue('QueuecertificatesDlq');
const depth = async (queueUrl: string) =>
  Number((await t.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages ?? 0);

describe('a name that is not plain text', () => {
  it.each([
    ['a control character', '李\u0007湘君', 'control_character', 'U+0007'],
    ['an unpaired surrogate', '李\ud840湘君', 'lone_surrogate', 'U+D840'],
    ['a bidi override', '李\u202e湘君', 'bidi_control', 'U+202E'],
  ])('with %s is a 400 naming the field and the rule, and nothing is stored', async (_what, name, rule, codePoint) => {
    // Prepare
    const body = await foodLicenceApplication((c, type) => t.api.upload(c, type), defaultCalendar.addWorkingDays(shanghaiDate(new Date()), 3));
    const before = await outboxSize(t);

    // Act
    const reply = await t.api.submit({ ...body, applicant: { ...body.applicant, legalRepresentative: '李湘君', name } });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.fields).toEqual([expect.objectContaining({ path: '/applicant/name', rule, params: { format: 'text', codePoint } })]);
    expect(reply.body.error.fields[0].message).toContain(codePoint);
    expect(await outboxSize(t)).toBe(before);
  });
});

describe('a certificate that can never be made', () => {
  it('reaches the DLQ after the bounded receives, shows the result delayed once, and a redrive after the fix clears it', async () => {
    // Prepare: a name the certificate font cannot print (an emoji is text, but no seal-script glyph)
    const poisoned = { ...applicantCompany, name: '岳阳市😀置业有限公司', idNumber: '91430600MA4R5QWE7D' };
    const planning = await acceptedCase(t, { itemCode: '000108003000' }, { applicant: poisoned });

    // Act: the task approved and signed; its certificate message fails on every receive
    const started = Date.now();
    await decideStage(t, planning.caseId, 1);
    await until(() => depth(dlqOf()), (n) => n === 1, 'the message in the certificates DLQ', 45_000);
    const elapsed = Date.now() - started;

    // Assess: in the DLQ after the queue's maxReceiveCount, in seconds; the main queue is empty
    expect(elapsed).toBeLessThan(45_000);
    expect(await depth(consumerQueue(t, 'certificates'))).toBe(0);
    const { Messages = [] } = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqOf(), MessageSystemAttributeNames: ['ApproximateReceiveCount'], VisibilityTimeout: 30 }));
    expect(Messages).toHaveLength(1);
    const dead = Messages[0]!;
    expect(JSON.parse(dead.Body!)).toMatchObject({ type: 'task.approved', caseId: planning.caseId });
    expect(Number(dead.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(5);
    const view = await viewOf(planning);
    expect(view.results).toEqual([]);
    expect(view.resultDelayed).toBe(true);
    expect(view.timeline.filter((e: { action: string }) => e.action === 'result.delayed')).toHaveLength(1);
    expect((await timelineOf(t, planning.caseId)).find((e) => e.action === 'result.delayed')?.detail).toMatchObject({ reason: 'CERTIFICATE_GLYPH_MISSING' });

    // Act: staff correct the name (to one with a CJK Extension B character, which the bundle's fallback font prints),
    // and the message is moved back (what `npm run redrive` does)
    await t.dynamo.send(new UpdateCommand({
      TableName: t.dataTable, Key: caseKey(planning.caseId), UpdateExpression: 'SET applicant.#n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': '岳阳市𠀀𪚥置业有限公司' },
    }));
    await t.sqs.send(new SendMessageCommand({ QueueUrl: consumerQueue(t, 'certificates'), MessageBody: dead.Body! }));
    await t.sqs.send(new DeleteMessageCommand({ QueueUrl: dlqOf(), ReceiptHandle: dead.ReceiptHandle! }));

    // Assess: issued, and no longer delayed
    const after = await until(() => viewOf(planning), (v) => v.results.length === 1, 'the certificate after the redrive');
    expect(after.resultDelayed).toBe(false);
    expect(after.timeline.filter((e: { action: string }) => e.action === 'result.delayed')).toHaveLength(1);
    expect(await depth(dlqOf())).toBe(0);
    const code = after.results[0].verificationCode as string;
    const download = await t.api.get(`/v1/applications/${planning.receiptNumber}/results/${code}?queryCode=${planning.queryCode}`);
    expect(await extractText(new Uint8Array(await (await fetch(download.body.url)).arrayBuffer()))).toContain('岳阳市𠀀𪚥置业有限公司');
  });
});
