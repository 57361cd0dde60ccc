/**
 * The official notices (docs/notices.md): each decision's notice appears once on the case,
 * whatever the deliveries; its PDF says what the decision says; the applicant downloads it
 * with the query code, and staff under need to know.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '../../contracts/dates.js';
import { chineseDate } from '../../functions/results/certificate-layout.js';
import { acceptedCase, decideStage, type SubmittedCase } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { outboxEventsOf, redeliver } from '../support/outbox.js';
import { extractText } from '../support/pdf.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let clerk: string;
/** Accepted with M0032 deferred, then rejected by the market regulator. */
let accepted: SubmittedCase;
/** Told its deficiencies once. */
let deficient: SubmittedCase;
/** Refused at pre-review. */
let refused: SubmittedCase;

const REFUSAL_REASON = '申请事项不属于本机关职权范围';

const viewOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
const documentsOf = async (c: SubmittedCase) => (await viewOf(c)).documents as { noticeId: string; kind: string; issuedAt: string; sha256: string; size: number }[];
const noticePath = (c: SubmittedCase, noticeId: string, queryCode = c.queryCode) => `/v1/applications/${c.receiptNumber}/notices/${noticeId}?queryCode=${queryCode}`;

/** The PDF of the case's one notice of `kind`, as the applicant downloads it, with its record and its text. */
async function notice(c: SubmittedCase, kind: string) {
  const document = (await documentsOf(c)).find((d) => d.kind === kind)!;
  const reply = await t.api.get<Buffer>(noticePath(c, document.noticeId));
  return { document, reply, text: await extractText(new Uint8Array(reply.body)) };
}

beforeAll(async () => {
  t = await startTestPlatform();
  clerk = await t.api.token('clerk');
  accepted = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { defer: ['M0032'] });
  await decideStage(t, accepted.caseId, 1, () => 'reject');
  deficient = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { accept: false });
  refused = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { accept: false });
  const told = await t.api.post(`/v1/staff/cases/${deficient.caseId}/pre-review`, {
    decision: 'deficient',
    deficiencies: [{ materialCode: 'M0030', message: '平面布局图未标注尺寸' }, { path: '/form/premisesArea', message: '面积与平面图不符' }],
  }, { token: clerk });
  const refusal = await t.api.post(`/v1/staff/cases/${refused.caseId}/pre-review`, { decision: 'reject', reason: REFUSAL_REASON }, { token: clerk });
  expect([told.status, refusal.status]).toEqual([200, 200]);
  await t.platform.idle();
}, 240_000);
afterAll(async () => {
  await t?.stop();
});

describe('official notices', () => {
  it('records each notice once on its case, and once only when its event is delivered again, late and out of order', async () => {
    // Prepare
    const before = await documentsOf(accepted);
    const acceptance = (await outboxEventsOf(t, accepted.caseId, 'case.accepted'))[0]!;
    const deficiency = (await outboxEventsOf(t, deficient.caseId, 'case.deficient'))[0]!;

    // Act: the acceptance again after the rejection it preceded, the deficiency twice more
    await redeliver(t, 'notices', acceptance);
    await redeliver(t, 'notices', deficiency);
    await redeliver(t, 'notices', deficiency);
    await t.platform.idle();

    // Assess
    expect(before.map((d) => d.kind)).toEqual(['acceptance', 'commitment', 'rejection']);
    expect(before.find((d) => d.kind === 'acceptance')!.noticeId).toBe(`acceptance-${acceptance.eventId}`);
    expect(await documentsOf(accepted)).toEqual(before);
    expect((await documentsOf(deficient)).map((d) => d.kind)).toEqual(['deficiency']);
    expect((await documentsOf(refused)).map((d) => d.kind)).toEqual(['refusal']);
    // The object rewritten by the redelivery is the file recorded.
    const { document, reply } = await notice(accepted, 'acceptance');
    expect(createHash('sha256').update(reply.body).digest('hex')).toBe(document.sha256);
    expect(reply.body.length).toBe(document.size);
  });

  it('says in each notice what its decision says: the promised date, every deficiency, the due dates, the reasons and the right to appeal', async () => {
    // Prepare
    const view = await viewOf(accepted);
    const appeal = ['60日内', '行政复议', '6个月内', '行政诉讼'];

    // Act
    const [acceptance, commitment, rejection, deficiency, refusal] = await Promise.all([
      notice(accepted, 'acceptance'), notice(accepted, 'commitment'), notice(accepted, 'rejection'), notice(deficient, 'deficiency'), notice(refused, 'refusal'),
    ]);

    // Assess
    const common = (text: string, c: SubmittedCase) => {
      for (const expected of ['岳阳市', c.receiptNumber, '食品经营许可']) expect(text).toContain(expected);
    };
    for (const [n, c] of [[acceptance, accepted], [commitment, accepted], [rejection, accepted], [deficiency, deficient], [refusal, refused]] as const) common(n.text, c);
    expect(acceptance.text).toContain('受理通知书');
    expect(acceptance.text).toContain(chineseDate(view.promisedDate));
    expect(acceptance.text).toContain('岳阳市政务服务中心');
    expect(commitment.text).toContain('容缺受理承诺书');
    expect(commitment.text).toContain(`“主要设备设施清单”：${chineseDate(view.deferred[0].dueDate)}前补交`);
    expect(deficiency.text).toContain('一次性告知书');
    expect(deficiency.text).toContain('材料“经营场所平面布局图”：平面布局图未标注尺寸');
    expect(deficiency.text).toContain('填写项“经营场所面积（平方米）”：面积与平面图不符');
    expect(refusal.text).toContain('不予受理决定书');
    expect(refusal.text).toContain(REFUSAL_REASON);
    expect(rejection.text).toContain('不予许可决定书');
    expect(rejection.text).toContain('amr审查意见');
    expect(rejection.text).toContain('岳阳市市场监督管理局');
    for (const expected of appeal) {
      expect(refusal.text).toContain(expected);
      expect(rejection.text).toContain(expected);
      expect(acceptance.text).not.toContain(expected);
    }
  });

  it('serves the applicant with the query code only, and staff who may know of the case, logging the unmasked read', async () => {
    // Prepare
    const { document, reply } = await notice(refused, 'refusal');
    const [other, reviewer] = await Promise.all([t.api.token('reviewer-edu'), t.api.token('reviewer-amr')]);
    const staffPath = `/v1/staff/cases/${refused.caseId}/notices/${document.noticeId}`;

    // Act
    const wrongCode = await t.api.get(noticePath(refused, document.noticeId, accepted.queryCode));
    const unknown = await t.api.get(noticePath(refused, document.noticeId.replace('refusal', 'acceptance')));
    const byClerk = await t.api.get<Buffer>(staffPath, clerk);
    const byOtherReviewer = await t.api.get(staffPath, other);
    // The refused case never reached a department: its reviewers may not know of it either.
    const byReviewer = await t.api.get(staffPath, reviewer);
    const log = await t.dynamo.send(new QueryCommand({
      TableName: t.dataTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ACCESS#${shanghaiDate(new Date())}` }, ConsistentRead: true,
    }));

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/pdf');
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="refusal-${refused.receiptNumber}.pdf"`);
    expect(wrongCode).toMatchObject({ status: 404, body: { error: { code: 'APPLICATION_NOT_FOUND' } } });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOTICE_NOT_FOUND' } } });
    expect(byClerk.status).toBe(200);
    expect(byClerk.body.equals(reply.body)).toBe(true);
    expect(byOtherReviewer).toMatchObject({ status: 404, body: { error: { code: 'CASE_NOT_FOUND' } } });
    expect(byReviewer).toMatchObject({ status: 404, body: { error: { code: 'CASE_NOT_FOUND' } } });
    expect(log.Items?.filter((e) => e.caseId === refused.caseId && e.what === 'notice').map((e) => [e.username, e.detail])).toEqual([['clerk', document.noticeId]]);
  });
});
