/**
 * SF Express end to end, on the protocol simulators (`providers: 'protocol'`): the real SF
 * adapter orders the parcel from the simulator (msgDigest checked), the simulator's route
 * pushes (signed the SF way) move the case's shipment from created to delivered, a repeated,
 * out-of-order or unknown-waybill push changes nothing, a push with a bad digest is refused
 * and kept for supervision, and a route whose push was lost is found by the deadline watch's
 * route query.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SfPushedRoute } from '../../contracts/sf-express.js';
import { acceptedCase, decideStage, until, type SubmittedCase } from '../support/cases.js';
import { courierDelivery, FOOD_LICENCE } from '../support/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform('430600', { providers: 'protocol' });
});
afterAll(async () => {
  await t?.stop();
});

const viewOf = async (c: SubmittedCase) => (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
const waybillView = async (waybill: string) => (await t.api.get(`/simulators/sf/waybills/${waybill}`)).body;

/** The simulator's next route happens now, pushed (or lost: `push: false`). */
async function advance(waybill: string, push = true) {
  const reply = await t.api.post(`/simulators/sf/waybills/${waybill}/advance`, { push });
  await t.platform.idle();
  return reply.body as { route: SfPushedRoute; push?: { attempts: { answer?: string }[] } };
}

/** Pushes these routes as they are, signed the SF way (or with a wrong check word). */
async function push(routes: SfPushedRoute[], badDigest = false) {
  const reply = await t.api.post('/simulators/sf/push', { routes, badDigest });
  await t.platform.idle();
  return JSON.parse(reply.body.attempts[0].answer) as { return_code: string; return_msg: string };
}

/** A case of one free item approved, its result on an SF parcel: the case and its waybill. */
async function shippedCase(delivery = courierDelivery) {
  const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { delivery });
  await decideStage(t, c.caseId, 1);
  const view = await until(() => viewOf(c), (v) => v.handover?.shipment?.waybillNumber !== undefined, 'the waybill');
  return { c, waybill: view.handover.shipment.waybillNumber as string };
}

describe('SF Express', () => {
  it('orders the parcel with a valid msgDigest and follows its route pushes to delivered; repeated and out-of-order pushes change nothing', async () => {
    // Prepare: the dispatch ordered the parcel from the simulator, which checked its digest
    const { c, waybill } = await shippedCase();
    const order = await waybillView(waybill);
    expect(waybill).toMatch(/^SF\d{13}$/);
    expect(order.orderId).toBe(`${c.caseId}-d1`);

    // Act: picked up, in transit (twice), then out for delivery
    const pickedUp = await advance(waybill);
    const sorted = await advance(waybill);
    await advance(waybill);
    const outForDelivery = await advance(waybill);
    const before = await viewOf(c);
    const repeated = await push([outForDelivery.route]);
    const late = await push([pickedUp.route, sorted.route]);
    const afterReplays = await viewOf(c);
    const signed = await advance(waybill);

    // Assess
    expect(JSON.parse(pickedUp.push!.attempts[0]!.answer!)).toEqual({ return_code: '0000', return_msg: '成功' });
    expect(before.handover.shipment.status).toBe('out_for_delivery');
    expect(repeated.return_code).toBe('0000');
    expect(late.return_code).toBe('0000');
    expect(afterReplays.handover.shipment).toEqual(before.handover.shipment);
    expect(signed.route.opCode).toBe('80');
    const after = await viewOf(c);
    expect(after.handover).toMatchObject({ status: 'delivered', shipment: { status: 'delivered' } });
    expect(after.handover.shipment.history.map((h: { status: string }) => h.status)).toEqual(['picked_up', 'in_transit', 'out_for_delivery', 'delivered']);
  });

  it('asks SF to push an unknown waybill again, and refuses a push with a bad digest; neither changes anything', async () => {
    // Prepare
    const { c, waybill } = await shippedCase();
    const pickedUp = await advance(waybill);
    const before = await viewOf(c);

    // Act
    const unknown = await push([{ ...pickedUp.route, mailno: 'SF9999999999999', opCode: '80', id: '1' }]);
    const forged = await push([{ ...pickedUp.route, opCode: '80', id: '2', acceptTime: '2099-01-01 00:00:00' }], true);

    // Assess
    expect(unknown).toMatchObject({ return_code: '1000' });
    expect(forged).toEqual({ return_code: '1000', return_msg: 'The msgDigest does not match msgData, timestamp and the check word' });
    expect((await viewOf(c)).handover.shipment).toEqual(before.handover.shipment);
  });

  it("finds a route whose push was lost by the deadline watch's route query, 12 hours on, then stops checking the delivered parcel", async () => {
    // Prepare: picked up (pushed), then out for delivery and signed for, both pushes lost
    const { c, waybill } = await shippedCase();
    await advance(waybill);
    await advance(waybill, false);
    await advance(waybill, false);
    await advance(waybill, false);
    const signed = await advance(waybill, false);
    expect(signed.route.opCode).toBe('80');
    const before = await viewOf(c);
    const index = (await t.api.get('/local/index')).body as { schedules: { id: string }[] };
    const watchId = index.schedules.find((s) => s.id.startsWith('DeadlineWatch'))!.id;

    // Act: the watch runs before the check is due, then 13 hours on, then again
    await t.api.post(`/local/schedules/${watchId}`, {});
    await t.platform.idle();
    const early = await viewOf(c);
    try {
      await t.api.post('/local/clock', { advance: { hours: 13 } });
      await t.api.post(`/local/schedules/${watchId}`, {});
      await t.platform.idle();
    } finally {
      await t.api.post('/local/clock', { reset: true });
    }
    const after = await viewOf(c);

    // Assess
    expect(before.handover.shipment.status).toBe('picked_up');
    expect(early.handover.shipment).toEqual(before.handover.shipment);
    expect(after.handover).toMatchObject({ status: 'delivered', shipment: { status: 'delivered' } });
    const lookup = (await t.dynamo.send(new GetCommand({ TableName: t.dataTable, Key: { pk: `WAYBILL#${waybill}`, sk: 'LOOKUP' } }))).Item!;
    expect(lookup.caseId).toBe(c.caseId);
    expect(lookup.watchPk).toBeUndefined();
  });
});
