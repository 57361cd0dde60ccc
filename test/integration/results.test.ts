/**
 * Results and delivery against the emulators: an approval becomes a PDF certificate in the
 * results bucket and the holder's library, anyone can verify it, a later application uses
 * it instead of an upload; a bundle's results ship in one parcel; courier callbacks that
 * are forged, replayed or out of order leave a correct state; a failed delivery is
 * dispatched again, then becomes a pickup notice.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../contracts/signature.js';
import { acceptedCase, decideStage, until, type SubmittedCase } from '../support/cases.js';
import { applicantCompany, CATALOG_VERSION, courierDelivery } from '../support/fixtures.js';
import { sampleFor } from '../support/sample-form.js';
import { extractText } from '../support/pdf.js';
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

describe('a certificate', () => {
  let planning: SubmittedCase;
  let code: string;

  it('is issued on approval as a PDF in the results bucket, in the holder’s library, and verifiable by anyone', async () => {
    // Prepare: the construction project planning permit (its result is proof P004)
    planning = await acceptedCase(t, { itemCode: '000108003000' });

    // Act
    await decideStage(t, planning.caseId, 1);

    // Assess
    const view = await until(() => viewOf(planning), (v) => v.results.length === 1 && v.handover !== null, 'the result');
    code = view.results[0].verificationCode;
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
    expect(verified.body.holder.idNumber).toContain('*');
    expect((await t.api.get('/v1/certificates/verify/AAAA-BBBB-CCCC')).status).toBe(404);
    expect((await t.api.get(`/v1/applications/${planning.receiptNumber}/results/${code}?queryCode=WRONGCODE`)).status).toBe(404);
  });

  it('satisfies a later application’s proof without an upload, and a revoked one says so', async () => {
    // Act: the library says what it holds; the pre-sale permit uses it for material M0012
    const library = await t.api.post('/v1/certificates/library', { applicant: { idType: applicantCompany.idType, idNumber: applicantCompany.idNumber, name: applicantCompany.name }, proofs: ['P004', 'P001'] });
    const later = await acceptedCase(t, { itemCode: '000110003000' }, { materials: { M0012: { certificateCode: code } } });
    const revoked = await t.api.post(`/v1/staff/certificates/${code}/revoke`, { reason: '许可被依法撤销' }, { token: await t.api.token('chief-nrp') });
    const notTheirs = await t.api.post(`/v1/staff/certificates/${code}/revoke`, { reason: 'x' }, { token: await t.api.token('chief-hurd') });
    const refused = await t.api.submit({ ...(await laterBody()), materials: [{ materialCode: 'M0012', certificateCode: code }] });

    // Assess
    expect(library.status).toBe(200);
    expect(library.body.held).toEqual([expect.objectContaining({ proof: 'P004', verificationCode: code })]);
    expect((await viewOf(later)).materials).toContainEqual(expect.objectContaining({ materialCode: 'M0012', certificateCode: code }));
    expect(revoked.status).toBe(200);
    expect(notTheirs.status).toBe(403);
    expect((await t.api.get(`/v1/certificates/verify/${code}`)).body).toMatchObject({ status: 'revoked', current: false, revoked: { reason: '许可被依法撤销' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toContainEqual(expect.objectContaining({ path: '/materials/0/certificateCode' }));
  });
});

/** A submission body for the pre-sale permit with nothing but its form, to be completed by the test. */
async function laterBody() {
  const guide = (await t.api.get('/v1/catalog/items/000110003000')).body;
  return { catalogVersion: CATALOG_VERSION, itemCode: '000110003000', applicant: applicantCompany, form: sampleFor(guide.formSchema, new Date().toISOString().slice(0, 10)), materials: [], delivery: { mode: 'electronic' } };
}

describe('courier delivery', () => {
  let bundle: SubmittedCase;
  let waybill: string;

  it('ships every result of a bundle case in one parcel, once the fee is paid', async () => {
    // Prepare: real-estate registration, three departments, results by courier; all approve
    bundle = await acceptedCase(t, { bundleCode: 'REAL-ESTATE-ONE' }, { delivery: courierDelivery });
    await decideStage(t, bundle.caseId, 1);
    const waiting = await until(() => viewOf(bundle), (v) => v.results.length === v.tasks.length, 'the results');
    expect(waiting.status).toBe('awaiting_payment');
    expect(waiting.handover).toBeNull();

    // Act: the fee is paid, which completes the case
    const { ticketNumber, totalFen } = waiting.ticket;
    const { paymentId } = (await t.api.post(`/v1/tickets/${ticketNumber}/payments?queryCode=${bundle.queryCode}`, {})).body;
    const raw = JSON.stringify({ eventId: randomUUID(), paymentId, ticketNumber, status: 'succeeded', amountFen: totalFen, occurredAt: new Date().toISOString() });
    const paid = await t.api.request('POST', '/v1/callbacks/payment', {
      body: raw,
      headers: { 'content-type': 'application/json', 'x-onetrip-signature': signatureHeader(t.platform.secrets.payment, raw, Math.floor(Date.now() / 1000)) },
    });
    expect(paid.status).toBe(200);
    await t.platform.idle();
    const view = await until(() => viewOf(bundle), (v) => v.handover?.shipment?.waybillNumber !== undefined, 'the waybill');

    // Assess
    waybill = view.handover.shipment.waybillNumber;
    expect(view.status).toBe('completed');
    expect(view.results).toHaveLength(3);
    expect(view.results).toHaveLength(view.tasks.length);
    const shipment = (await t.api.get(`/sandbox/courier/shipments/${waybill}`)).body;
    expect([...(shipment.request?.contents ?? shipment.contents)].sort()).toEqual(view.results.map((r: { verificationCode: string }) => r.verificationCode).sort());
    const outbox = (await t.api.get('/local/outbox')).body.events.filter((e: { caseId: string; type: string }) => e.caseId === bundle.caseId);
    expect(outbox.filter((e: { type: string }) => e.type === 'delivery.dispatched')).toHaveLength(1);
  });

  it('applies courier callbacks monotonically: forged, replayed and out-of-order ones leave a correct state', async () => {
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
    const nobody = { ...courierDelivery, address: { ...courierDelivery.address, detail: '巴陵中路88号（查无此人）' } };
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
});
