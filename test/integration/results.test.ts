/**
 * Results and delivery against the emulators: an approval becomes a PDF certificate in the
 * results bucket and the holder's library, anyone can verify it, a later application uses
 * it instead of an upload; a bundle's results are issued together once its fee is paid
 * (none before), and ship in one parcel; courier callbacks that
 * are forged, replayed or out of order leave a correct state; a failed delivery is
 * dispatched again, then becomes a pickup notice.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../contracts/signature.js';
import { holderKey } from '../../functions/domain/results.js';
import { certificateKey, holderPartition } from '../../functions/store/keys.js';
import { acceptedCase, decideStage, payTicket, tasksOf, timelineOf, until, type SubmittedCase } from '../support/cases.js';
import { applicantCompany, CATALOG_VERSION, courierDelivery, FOOD_LICENCE } from '../support/fixtures.js';
import { outboxEventsOf, redeliver } from '../support/outbox.js';
import { sampleFor } from '../../scripts/simulate/sample-form.js';
import { extractText } from '../support/pdf.js';
import { forgeCheck, signedParts } from '../support/pdf-signature.js';
import { signingKeyFromP12 } from '../../functions/results/pdf-signing.js';
import forge from 'node-forge';
import { expectIssued, expectNotIssued, resultsRendered } from '../support/results.js';
import { heldCodes } from '../support/library.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let s3: S3Client;

beforeAll(async () => {
  // The test platform's sandbox courier moves only when told to, so the tests choose the order of events.
  t = await startTestPlatform();
  s3 = new S3Client({ endpoint: t.platform.endpoints.s3, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  s3?.destroy();
  await t?.stop();
});

const viewOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;

/** The sandbox courier sends its next status now. */
async function advance(waybillNumber: string) {
  const reply = await t.api.post(`/sandbox/courier/shipments/${waybillNumber}/advance`, {});
  await t.platform.idle();
  return reply;
}

function courierCallback(body: Record<string, unknown>, secret = t.platform.secrets.courier) {
  const raw = JSON.stringify(body);
  return t.api.request('POST', '/v1/callbacks/courier', {
    body: raw,
    headers: { 'content-type': 'application/json', 'x-onetrip-signature': signatureHeader(secret, raw, Math.floor(Date.now() / 1000)) },
  });
}

/** A second company, whose certificate library holds only what its own test put there. */
const otherCompany = { ...applicantCompany, name: '岳阳市巴陵置业有限公司', idNumber: '91430600MA4R5QWE7D' };

/** The construction project planning permit (its result is proof P004) applied for and approved; resolves once its certificate is in. */
async function approvedPlanningPermit(applicant: typeof applicantCompany = applicantCompany) {
  const planning = await acceptedCase(t, { itemCode: '000108003000' }, { applicant });
  await decideStage(t, planning.caseId, 1);
  const view = await until(() => viewOf(planning), (v) => v.results.length === 1 && v.handover !== null, 'the result');
  return { planning, view, code: view.results[0].verificationCode as string };
}

/** The certificates stored for a case, found through its holder's library. */
async function certificatesOf(caseId: string, holder = applicantCompany) {
  const library = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': holderPartition(holderKey(holder.idType, holder.idNumber)) }, ConsistentRead: true }));
  const certificates = await Promise.all((library.Items ?? []).map(async (entry) => (await t.dynamo.send(new GetCommand({ TableName: t.dataTable, Key: certificateKey(String(entry.verificationCode)), ConsistentRead: true }))).Item));
  return certificates.filter((c) => c?.caseId === caseId);
}

describe('a certificate', () => {
  it('is issued with its completed case as a PDF in the results bucket, in the holder’s library, and verifiable by anyone', async () => {
    // Prepare & Act: the planning permit approved
    const { planning, view, code } = await approvedPlanningPermit();

    // Assess
    expect(view.results[0]).toMatchObject({ itemCode: '000108003000', department: 'nrp' });
    expect(view.handover).toMatchObject({ mode: 'electronic', status: 'available' });
    const download = await t.api.get(`/v1/applications/${planning.receiptNumber}/results/${code}?queryCode=${planning.queryCode}`);
    expect(download.status).toBe(200);
    const pdf = new Uint8Array(await (await fetch(download.body.url)).arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await extractText(pdf);
    expect(text).toContain('岳阳市洞庭鲜食品有限公司');
    expect(text).toContain(code);
    const stored = await s3.send(new GetObjectCommand({ Bucket: Object.values(t.platform.resources.buckets).find((b) => /results/i.test(b))!, Key: `results/${planning.caseId}/${code}.pdf` }));
    expect((await stored.Body!.transformToByteArray()).length).toBe(pdf.length);
    const verified = await t.api.get(`/v1/certificates/verify/${code}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ genuine: true, status: 'valid', itemCode: '000108003000', issuer: { code: 'nrp' } });
    // A company's name and credit code are public (the national enterprise credit register shows both); a person's are masked
    expect(verified.body.holder).toMatchObject({ type: 'company', name: applicantCompany.name, idNumber: applicantCompany.idNumber });
    expect((await t.api.get('/v1/certificates/verify/AAAA-BBBB-CCCC')).status).toBe(404);
    expect((await t.api.get(`/v1/applications/${planning.receiptNumber}/results/${code}?queryCode=WRONGCODE`)).status).toBe(404);
  });

  it('is signed with the county’s certificate, and POST /v1/certificates/verify tells the genuine file from an altered one', async () => {
    // Prepare: an issued planning permit, downloaded as the holder gets it
    const { planning, code } = await approvedPlanningPermit();
    const download = await t.api.get(`/v1/applications/${planning.receiptNumber}/results/${code}?queryCode=${planning.queryCode}`);
    const pdf = new Uint8Array(await (await fetch(download.body.url)).arrayBuffer());
    const county = signingKeyFromP12(t.platform.secrets.get('signing'));

    // Act
    const genuine = await t.api.postFile('/v1/certificates/verify', pdf);
    const changed = Uint8Array.from(pdf);
    changed[300] = changed[300]! ^ 0x01;
    const altered = await t.api.postFile('/v1/certificates/verify', changed);

    // Assess: the signature as a reader checks it, with the county's certificate from the local secret
    const check = forgeCheck(await signedParts(pdf));
    expect(check).toMatchObject({ digestMatches: true, signatureVerifies: true });
    expect(check.signerPem).toBe(forge.pki.certificateToPem(county.certificate));
    expect(genuine.status).toBe(200);
    expect(genuine.body).toMatchObject({ genuine: true, signature: 'valid', signedByCounty: true, certificate: { verificationCode: code, status: 'valid' } });
    expect(genuine.body.certificate.licenceNumber).toMatch(/^430600-108003-\d{14}-\d{2}$/);
    expect(genuine.body.certificate.validTo).not.toBeNull();
    expect(altered.status).toBe(200);
    expect(altered.body).toMatchObject({ genuine: false, signature: 'invalid', signedByCounty: false });
    expect(altered.body.certificate).toBeUndefined();
    const byCode = await t.api.get(`/v1/certificates/verify/${code}`);
    expect(byCode.body).toMatchObject({ licenceNumber: genuine.body.certificate.licenceNumber, validFrom: byCode.body.issuedOn, validTo: genuine.body.certificate.validTo });
    expect((await extractText(pdf))).toContain(genuine.body.certificate.licenceNumber);
  });

  it('refuses to verify what is not a PDF, an empty body, another media type and a file over the limit, each with its code', async () => {
    const notPdf = await t.api.postFile('/v1/certificates/verify', Buffer.from('<html>not a certificate</html>'));
    const empty = await t.api.postFile('/v1/certificates/verify', new Uint8Array(0));
    const json = await t.api.post('/v1/certificates/verify', { verificationCode: 'YY7K-3MPQ-8HRT' });
    const huge = await t.api.postFile('/v1/certificates/verify', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4 * 1024 * 1024)]));
    const unsigned = await t.api.postFile('/v1/certificates/verify', Buffer.from('%PDF-1.4\n%%EOF\n'));

    expect(notPdf).toMatchObject({ status: 400, body: { error: { code: 'NOT_A_PDF' } } });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'PDF_REQUIRED' } } });
    expect(json).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'PDF_TOO_LARGE' } } });
    expect(unsigned).toMatchObject({ status: 200, body: { genuine: false, signature: 'missing', signedByCounty: false } });
  });

  it('satisfies a later application’s proof without an upload, and a revoked one says so', async () => {
    // Prepare: another company's planning permit, the only certificate in its library
    const { code } = await approvedPlanningPermit(otherCompany);

    // Act: the library says what it holds; the pre-sale permit uses it for material M0012
    const held = await heldCodes(t, otherCompany, otherCompany.phone, ['P004', 'P001']);
    const later = await acceptedCase(t, { itemCode: '000110003000' }, { applicant: otherCompany, materials: { M0012: { certificateCode: code } } });
    const revoked = await t.api.post(`/v1/staff/certificates/${code}/revoke`, { reason: '许可被依法撤销' }, { token: await t.api.token('chief-nrp') });
    const notTheirs = await t.api.post(`/v1/staff/certificates/${code}/revoke`, { reason: 'x' }, { token: await t.api.token('chief-hurd') });
    const refused = await t.api.submit({ ...(await laterBody(otherCompany)), materials: [{ materialCode: 'M0012', certificateCode: code }] });

    // Assess
    expect(held).toEqual([code]);
    expect((await viewOf(later)).materials).toContainEqual(expect.objectContaining({ materialCode: 'M0012', certificateCode: code }));
    expect(revoked.status).toBe(200);
    expect(notTheirs.status).toBe(403);
    expect((await t.api.get(`/v1/certificates/verify/${code}`)).body).toMatchObject({ status: 'revoked', current: false, revoked: { reason: '许可被依法撤销' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toContainEqual(expect.objectContaining({ path: '/materials/0/certificateCode' }));
  });

  it('is issued once for an approval delivered again, at the same time as the first delivery and after it', async () => {
    // Prepare: a planning permit approved and signed; its task.approved read from the outbox at once
    const planning = await acceptedCase(t, { itemCode: '000108003000' });
    const [task] = await tasksOf(t, planning.caseId);
    const reviewed = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'approve', opinion: '符合规划条件' }, { token: await t.api.token('reviewer-nrp') });
    const signed = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, { token: await t.api.token('chief-nrp') });
    expect([reviewed.status, signed.status]).toEqual([200, 200]);
    const approved = await outboxEventsOf(t, planning.caseId, 'task.approved');
    expect(approved).toHaveLength(1);

    // Act: two more copies while the relay's own is on its way, and one after everything settled
    await Promise.all([redeliver(t, 'certificates', approved[0]!), redeliver(t, 'certificates', approved[0]!)]);
    await t.platform.idle();
    const settled = await viewOf(planning);
    await redeliver(t, 'certificates', approved[0]!);
    await t.platform.idle();

    // Assess
    const view = await viewOf(planning);
    expect(view.results).toHaveLength(1);
    expect(view).toEqual(settled);
    expect(await certificatesOf(planning.caseId)).toEqual([expect.objectContaining({ verificationCode: view.results[0].verificationCode, taskId: task.taskId, status: 'valid' })]);
    expect((await timelineOf(t, planning.caseId)).filter((e) => e.action === 'result.issued')).toHaveLength(1);
    expect(await outboxEventsOf(t, planning.caseId, 'result.issued')).toHaveLength(1);
  });
});

/** A submission body for the pre-sale permit with nothing but its form, to be completed by the test. */
async function laterBody(applicant: typeof applicantCompany) {
  const guide = (await t.api.get('/v1/catalog/items/000110003000')).body;
  return { catalogVersion: CATALOG_VERSION, itemCode: '000110003000', applicant, form: sampleFor(guide.formSchema, new Date().toISOString().slice(0, 10)), materials: [], delivery: { mode: 'electronic' } };
}

/** A case of one item approved, whose result the courier has taken: the case and its waybill. */
async function shippedCase(delivery: typeof courierDelivery = courierDelivery) {
  const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { delivery });
  await decideStage(t, c.caseId, 1);
  const view = await until(() => viewOf(c), (v) => v.handover?.shipment?.waybillNumber !== undefined, 'the waybill');
  return { c, waybill: view.handover.shipment.waybillNumber as string };
}

/** An address the sandbox courier cannot deliver to. */
const nobody = { ...courierDelivery, address: { ...courierDelivery.address, detail: '巴陵中路88号（查无此人）' } };

describe('courier delivery', () => {
  it('issues every result of a bundle case together, once the fee is paid, and ships them in one parcel', async () => {
    // Prepare: real-estate registration, three departments, results by courier; all approve
    const bundle = await acceptedCase(t, { bundleCode: 'REAL-ESTATE-ONE' }, { delivery: courierDelivery });
    await decideStage(t, bundle.caseId, 1);
    const codes = await resultsRendered(t, bundle.caseId, 3);
    const waiting = await viewOf(bundle);
    expect(waiting.status).toBe('awaiting_payment');
    // Rendered, not issued: none is downloadable, valid, or offered from the library while the fee is unpaid
    await expectNotIssued(t, bundle, codes, applicantCompany);
    expect((await certificatesOf(bundle.caseId)).map((c) => c!.status)).toEqual(['pending', 'pending', 'pending']);

    // Act: the fee is paid, which completes the case
    await payTicket(t, bundle);
    const view = await until(() => viewOf(bundle), (v) => v.handover?.shipment?.waybillNumber !== undefined, 'the waybill');

    // Assess: all three issued together
    const waybill = view.handover.shipment.waybillNumber;
    expect(view.status).toBe('completed');
    expect(view.results).toHaveLength(view.tasks.length);
    await expectIssued(t, bundle, codes);
    expect((await certificatesOf(bundle.caseId)).map((c) => c!.status)).toEqual(['valid', 'valid', 'valid']);
    const shipment = (await t.api.get(`/sandbox/courier/shipments/${waybill}`)).body;
    expect([...(shipment.request?.contents ?? shipment.contents)].sort()).toEqual(view.results.map((r: { verificationCode: string }) => r.verificationCode).sort());
    expect(await outboxEventsOf(t, bundle.caseId, 'delivery.dispatched')).toHaveLength(1);
  });

  it('applies courier callbacks monotonically: forged, replayed and out-of-order ones leave a correct state', async () => {
    // Prepare: a parcel on its way
    const { c: bundle, waybill } = await shippedCase();

    // Act
    const outForDelivery = { eventId: randomUUID(), waybillNumber: waybill, status: 'out_for_delivery', occurredAt: new Date().toISOString() };
    const jumped = await courierCallback(outForDelivery);
    const replayed = await courierCallback(outForDelivery);
    const late = await courierCallback({ ...outForDelivery, eventId: randomUUID(), status: 'picked_up' });
    const forged = await courierCallback({ ...outForDelivery, eventId: randomUUID(), status: 'delivered' }, 'not-the-courier');
    const unknown = await courierCallback({ ...outForDelivery, eventId: randomUUID(), waybillNumber: 'EA000000000CN' });
    const before = await viewOf(bundle);
    for (let i = 0; i < 5 && (await viewOf(bundle)).handover.status !== 'delivered'; i++) await advance(waybill);

    // Assess
    expect(jumped.status).toBe(200);
    expect(jumped.body.applied).toBe(true);
    expect(replayed.status).toBe(409);
    expect(late.status).toBe(200);
    expect(late.body.applied).toBe(false);
    expect(forged.status).toBe(401);
    expect(unknown.status).toBe(409);
    expect(before.handover.shipment.status).toBe('out_for_delivery');
    const after = await viewOf(bundle);
    expect(after.handover).toMatchObject({ status: 'delivered', shipment: { status: 'delivered' } });
    // Delivery costs no trip: only showing an original at the window counts, as at submission.
    expect(after.trips).toBe(before.trips);
    const statuses = after.handover.shipment.history.map((h: { status: string }) => h.status);
    expect(statuses.at(-1)).toBe('delivered');
    expect(new Set(statuses).size).toBe(statuses.length);
  });

  it('dispatches a failed delivery once more, then asks the applicant to collect', async () => {
    // Prepare: an address the courier cannot deliver to
    const c = await acceptedCase(t, { itemCode: '000105002000' }, { delivery: nobody });
    await decideStage(t, c.caseId, 1);

    // Act: each shipment runs to its end
    for (let attempt = 1; attempt <= 2; attempt++) {
      const view = await until(() => viewOf(c), (v) => v.handover?.attempt === attempt && v.handover?.shipment, `shipment ${attempt}`);
      for (let i = 0; i < 6 && (await viewOf(c)).handover?.attempt === attempt; i++) await advance(view.handover.shipment.waybillNumber);
    }

    // Assess
    const view = await until(() => viewOf(c), (v) => v.handover?.status === 'pickup_ready', 'the pickup notice');
    expect(view.handover.mode).toBe('pickup');
    expect(view.handover.failedShipments).toHaveLength(2);
    expect(view.handover.notice).toContain('政务服务大厅');
    expect(view.trips).toBe(1);
  });

  it('ships once per attempt when a delivery request is delivered again, and never again for an attempt given up', async () => {
    // Prepare: the first parcel to an address the courier cannot deliver to is on its way
    const { c, waybill: first } = await shippedCase(nobody);
    const [request1, ...more] = await outboxEventsOf(t, c.caseId, 'delivery.requested');
    expect(more).toEqual([]);

    // Act: the first request twice more, at once
    await Promise.all([redeliver(t, 'courier-dispatch', request1!), redeliver(t, 'courier-dispatch', request1!)]);
    await t.platform.idle();
    const replayed = await viewOf(c);

    // Act: the first parcel fails, the second attempt ships; then both requests arrive again, the older one last
    for (let i = 0; i < 6 && (await viewOf(c)).handover?.attempt === 1; i++) await advance(first);
    const second = await until(() => viewOf(c), (v) => v.handover?.attempt === 2 && v.handover?.shipment !== undefined, 'shipment 2');
    const requests = await outboxEventsOf(t, c.caseId, 'delivery.requested');
    expect(requests.map((r) => r.data.attempt)).toEqual([1, 2]);
    await redeliver(t, 'courier-dispatch', requests[1]!);
    await redeliver(t, 'courier-dispatch', requests[0]!);
    await t.platform.idle();

    // Assess: one shipment per attempt, each the courier's own, the second the current one
    expect(replayed.handover).toMatchObject({ attempt: 1, shipment: { waybillNumber: first } });
    const after = await viewOf(c);
    expect(after.handover).toEqual(second.handover);
    expect(after.handover.failedShipments).toEqual([expect.objectContaining({ waybillNumber: first })]);
    const dispatched = await outboxEventsOf(t, c.caseId, 'delivery.dispatched');
    expect(dispatched.map((e) => [e.data.attempt, e.data.waybillNumber])).toEqual([[1, first], [2, second.handover.shipment.waybillNumber]]);
    expect((await timelineOf(t, c.caseId)).filter((e) => e.action === 'delivery.dispatched')).toHaveLength(2);
    for (const [attempt, waybill] of [[1, first], [2, second.handover.shipment.waybillNumber]] as const) {
      expect((await t.api.get(`/sandbox/courier/shipments/${waybill}`)).body).toMatchObject({ waybillNumber: waybill, shipmentId: `${c.caseId}-d${attempt}` });
    }
  });
});
