/**
 * What the applicant meets before and after submitting (issue 11, defects 5 and 7): the fee
 * estimate, which must be the very ticket later issued for the same form, and the one
 * correction of the form fields a deficiency notice flagged, which takes exactly those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase, decideStage } from '../support/cases.js';
import { CATALOG_VERSION, FOOD_LICENCE, foodLicenceForm } from '../support/fixtures.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

const CONSTRUCTION_PERMIT = '000110001000';
const estimate = (body: unknown) => t.api.post('/v1/fee-estimates', body);
const ticketOf = async (receiptNumber: string, queryCode: string) => (await t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body.ticket;

describe('the fee estimate', () => {
  it('is the ticket later issued for the same form: its lines, departments, total and fee point', async () => {
    // Prepare
    const form = { floorArea: 250.5 };

    // Act
    const estimated = await estimate({ catalogVersion: CATALOG_VERSION, itemCode: CONSTRUCTION_PERMIT, form });
    const c = await acceptedCase(t, { itemCode: CONSTRUCTION_PERMIT }, { form });
    await decideStage(t, c.caseId, 1);
    const ticket = await ticketOf(c.receiptNumber, c.queryCode);

    // Assess
    expect(estimated.status, JSON.stringify(estimated.body)).toBe(200);
    expect(estimated.body.totalFen).toBe(251 * 9000);
    expect(estimated.body.feePoint).toEqual({ at: 'approval', dueWorkingDays: expect.any(Number) });
    expect(ticket.feePoint).toBe(estimated.body.feePoint.at);
    expect(ticket.totalFen).toBe(estimated.body.totalFen);
    expect(ticket.lines.map(({ status: _status, ...line }: { status: string }) => line)).toEqual(estimated.body.lines);
    expect(ticket.departments).toEqual(estimated.body.departments);
    expect(estimated.body.departments.reduce((sum: number, d: { amountFen: number }) => sum + d.amountFen, 0)).toBe(estimated.body.totalFen);
  });

  it('answers no lines and no fee point for an item that charges nothing', async () => {
    const reply = await estimate({ catalogVersion: CATALOG_VERSION, itemCode: FOOD_LICENCE, form: foodLicenceForm });

    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({ catalogVersion: CATALOG_VERSION, feePoint: null, totalFen: 0, lines: [], departments: [] });
  });

  it('names the fields the fees cannot read, and refuses an unclear target or another catalog version', async () => {
    const unusable = await estimate({ catalogVersion: CATALOG_VERSION, itemCode: CONSTRUCTION_PERMIT, form: { floorArea: 'big' } });
    const missing = await estimate({ catalogVersion: CATALOG_VERSION, itemCode: CONSTRUCTION_PERMIT, form: {} });
    const both = await estimate({ catalogVersion: CATALOG_VERSION, itemCode: CONSTRUCTION_PERMIT, bundleCode: 'CONSTRUCTION-JOINT', form: {} });
    const stale = await estimate({ catalogVersion: '2026.11.1', itemCode: CONSTRUCTION_PERMIT, form: { floorArea: 1 } });
    const unknown = await estimate({ catalogVersion: CATALOG_VERSION, itemCode: '999999999999', form: {} });

    expect(unusable.status).toBe(400);
    expect(unusable.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/form/floorArea']);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/form/floorArea']);
    expect(both.status).toBe(400);
    expect(both.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/bundleCode']);
    expect(stale.status).toBe(422);
    expect(stale.body.error.code).toBe('CATALOG_VERSION_NOT_SERVED');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('ITEM_NOT_IN_CATALOG');
  });
});

describe('the correction of a flagged form field', () => {
  /** A food licence application the clerk found deficient in its premises area. */
  async function flagged() {
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { form: foodLicenceForm, accept: false });
    const clerk = await t.api.token('clerk');
    const notice = await t.api.post(`/v1/staff/cases/${c.caseId}/pre-review`, {
      decision: 'deficient',
      deficiencies: [{ path: '/form/premisesArea', message: '面积与平面图不一致' }],
    }, { token: clerk });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    const correct = (body: unknown) => t.api.post(`/v1/applications/${c.receiptNumber}/corrections?queryCode=${c.queryCode}`, body);
    const form = async () => ((await caseItems(t, c.caseId, 'CASE'))[0] as { form: Record<string, unknown> }).form;
    return { c, correct, form };
  }

  it('takes the flagged field, and the case keeps every other field as it was', async () => {
    const { c, correct, form } = await flagged();
    const before = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;

    const reply = await correct({ form: { premisesArea: 98.5 }, note: '按平面图更正面积' });

    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.status).toBe('submitted');
    expect(await form()).toEqual({ ...foodLicenceForm, premisesArea: 98.5 });
    expect(before.flaggedFields).toEqual([{ path: '/form/premisesArea', value: foodLicenceForm.premisesArea }]);
    expect(reply.body.flaggedFields).toEqual([]);
  });

  it('refuses a field the notice did not flag, naming it, and changes nothing', async () => {
    const { correct, form } = await flagged();

    const reply = await correct({ form: { premisesArea: 98.5, companyName: '另一家公司' } });

    expect(reply.status).toBe(400);
    expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/form/companyName']);
    expect(await form()).toEqual(foodLicenceForm);
  });

  it('refuses a correction that leaves a flagged material or field unanswered, naming each by rule, in both languages, and changes nothing', async () => {
    // Prepare: the notice flags the floor plan and two fields
    const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { form: foodLicenceForm, accept: false });
    const clerk = await t.api.token('clerk');
    const notice = await t.api.post(`/v1/staff/cases/${c.caseId}/pre-review`, {
      decision: 'deficient',
      deficiencies: [
        { materialCode: 'M0030', message: '平面布局图未标注功能分区' },
        { path: '/form/premisesArea', message: '面积与平面图不一致' },
        { path: '/form/premisesAddress', message: '地址不完整' },
      ],
    }, { token: clerk });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    const url = `/v1/applications/${c.receiptNumber}/corrections?queryCode=${c.queryCode}`;

    // Act: only one field; then both fields without the new floor plan, in Chinese
    const one = await t.api.post(url, { form: { premisesArea: 118 } });
    const fieldsOnly = await t.api.post(url, { form: { premisesArea: 118, premisesAddress: '湖南省岳阳市岳阳楼区巴陵中路88号2楼' } }, { headers: { 'accept-language': 'zh-CN' } });

    // Assess
    expect(one.status).toBe(400);
    expect(one.body.error.fields.map((f: { path: string; rule: string }) => [f.path, f.rule])).toEqual([
      ['/materials', 'flagged_material_missing'],
      ['/form/premisesAddress', 'flagged_field_missing'],
    ]);
    expect(one.body.error.fields[0].params).toMatchObject({ materialCode: 'M0030' });
    expect(fieldsOnly.status).toBe(400);
    expect(fieldsOnly.body.error.fields).toHaveLength(1);
    expect(fieldsOnly.body.error.fields[0]).toMatchObject({ path: '/materials', rule: 'flagged_material_missing' });
    expect(fieldsOnly.body.error.fields[0].message).toContain('经营场所平面布局图');
    const view = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    expect(view.status).toBe('deficient');
    expect(view.correctionAllowed).toBe(true);

    // And answering all three is taken
    const plan = await t.api.upload('%PDF-1.4 corrected plan');
    const whole = await t.api.post(url, { form: { premisesArea: 118, premisesAddress: '湖南省岳阳市岳阳楼区巴陵中路88号2楼' }, materials: [{ materialCode: 'M0030', uploadId: plan }] });
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
    expect(whole.body.status).toBe('submitted');
  });

  it('words the refusal of an unflagged field by its rule, in Chinese too', async () => {
    const { c } = await flagged();

    const reply = await t.api.post(
      `/v1/applications/${c.receiptNumber}/corrections?queryCode=${c.queryCode}`,
      { form: { premisesArea: 98.5, companyName: '另一家公司' } },
      { headers: { 'accept-language': 'zh-CN' } },
    );

    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual([
      expect.objectContaining({ path: '/form/companyName', rule: 'not_flagged', params: { field: '/form/companyName' } }),
    ]);
    expect(reply.body.error.fields[0].message).toContain('告知书未指出');
    expect(reply.body.error.fields[0].message).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('checks the corrected form against the item’s schema, like a submission', async () => {
    const { correct, form } = await flagged();

    const reply = await correct({ form: { premisesArea: -3 } });

    expect(reply.status).toBe(400);
    expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/form/premisesArea']);
    expect(await form()).toEqual(foodLicenceForm);
  });
});
