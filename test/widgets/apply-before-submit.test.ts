/**
 * What `<onetrip-apply>` tells and spares the applicant before they submit (issue 11,
 * defects 6 and 7), in a real Chromium against the local platform, axe-clean in both
 * languages: step 2 takes what step 1 holds instead of asking it again, the delivery step
 * copies the premises address, and the estimated fee is on the check-your-answers step,
 * with its lines per department, and again on the receipt with when the ticket comes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantCompany, CATALOG_VERSION, FOOD_LICENCE, foodLicenceForm } from '../support/fixtures.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { applyText, heading, openDraft } from './apply-journey.js';
import { expectAccessible } from './mount.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

const LOCALES = ['zh-CN', 'en'] as const;
const CONSTRUCTION_PERMIT = '000110001000';
const CONSTRUCTION_FORM = {
  projectName: '岳阳市巴陵中路综合楼',
  projectCode: '2026-430600-47-01-000123',
  companyName: applicantCompany.name,
  creditCode: applicantCompany.idNumber,
  floorArea: '250.5',
  contractPrice: '1200',
  contractorName: '湖南洞庭建设有限公司',
  plannedStart: '2027-03-01',
};

/** The form for an item, opened on a draft the applicant left at step `step`, once its step is shown. */
async function applyWithDraft(item: string, locale: string, draft: Record<string, unknown>): Promise<Page> {
  const page = await openDraft(env, item, locale, draft);
  await heading(page).waitFor();
  return page;
}

const text = applyText;

describe('the estimated fee', () => {
  it('is shown on the check-your-answers step with its lines per department and the total, and on the receipt with when the ticket comes', async () => {
    // Prepare: what the API will charge for this form, and the materials already uploaded
    const estimate = (await env.t.api.post('/v1/fee-estimates', { catalogVersion: CATALOG_VERSION, itemCode: CONSTRUCTION_PERMIT, form: { floorArea: 250.5 } })).body;
    expect(estimate.lines.length).toBeGreaterThan(0);
    const guide = (await env.t.api.get(`/v1/catalog/items/${CONSTRUCTION_PERMIT}`)).body;
    const uploads: Record<string, unknown> = {};
    for (const m of guide.materials.filter((x: { required: boolean }) => x.required))
      uploads[m.code] = { uploadId: await env.t.api.upload(`%PDF-1.4 ${m.code} ${Math.random()}`), fileName: `${m.code}.pdf`, size: 20 };
    const draft = { step: 5, applicant: { ...applicantCompany }, form: CONSTRUCTION_FORM, uploads, delivery: { mode: 'pickup', address: {} } };

    for (const locale of LOCALES) {
      const english = locale === 'en';
      const money = new Intl.NumberFormat(english ? 'en' : 'zh-CN', { style: 'currency', currency: 'CNY' });
      // Act
      const page = await applyWithDraft(CONSTRUCTION_PERMIT, locale, draft);
      await page.locator('onetrip-apply [data-fee-total]').waitFor();

      // Assess: every line with its department, the total, when the ticket comes
      const shown = await text(page, '[part=fee-estimate]');
      expect(shown).toContain(english ? 'Estimated fee' : '预计费用');
      for (const line of estimate.lines) {
        const department = estimate.departments.find((d: { department: string }) => d.department === line.department).departmentName;
        const row = await text(page, `[part=fee-estimate] tbody tr:has-text("${english ? line.name.en : line.name.zh}")`);
        expect(row).toContain(english ? department.en : department.zh);
        expect(row).toContain(money.format(line.amountFen / 100));
      }
      expect(await text(page, '[data-fee-total]')).toBe(money.format(estimate.totalFen / 100));
      expect(shown).toContain(english ? 'issued once your application is approved' : '审批通过后开具');
      await expectAccessible(page);

      if (english) {
        // The receipt says it again
        await page.click('onetrip-apply #next');
        await page.locator('onetrip-apply [data-receipt-number]').waitFor({ timeout: 20_000 });
        expect(await text(page, '[data-fee]')).toContain(`The estimated fee for this application is ${money.format(estimate.totalFen / 100)}`);
        await expectAccessible(page);
      }
      await page.context().close();
    }
  });

  it('says there is no fee for an item that charges nothing', async () => {
    for (const locale of LOCALES) {
      const page = await applyWithDraft('000105002000', locale, { step: 5 });
      await expect.poll(() => text(page, '[part=fee-estimate]')).toContain(locale === 'en' ? 'There is no fee for this service.' : '本事项不收费。');
      await expectAccessible(page);
      await page.context().close();
    }
  });
});

describe('nothing typed twice', () => {
  it('shows the organisation’s name, credit code, legal representative and phone on step 2 as taken from step 1, and asks the rest', async () => {
    for (const locale of LOCALES) {
      const english = locale === 'en';
      const page = await applyWithDraft(FOOD_LICENCE, locale, { step: 2, applicant: { ...applicantCompany } });
      const taken = page.locator('onetrip-apply [data-taken]');
      await taken.first().waitFor();

      expect(await taken.evaluateAll((dds) => dds.map((dd) => dd.getAttribute('data-taken')))).toEqual(['companyName', 'creditCode', 'legalRepresentative', 'contactMobile']);
      expect(await text(page, '[data-taken=companyName]')).toContain(applicantCompany.name);
      expect(await text(page, '[data-taken=creditCode]')).toContain(applicantCompany.idNumber);
      expect(await text(page, '[data-taken=contactMobile]')).toContain(applicantCompany.phone);
      expect(await text(page, 'section.taken h3')).toBe(english ? 'Taken from “Applicant”' : '已从“申请人”带入');
      // Not asked again: no field to type them in; the rest of the form is asked
      expect(await page.locator('onetrip-apply input#f-form-companyName, onetrip-apply input#f-form-creditCode').count()).toBe(0);
      await page.locator('onetrip-apply input#f-form-premisesAddress').waitFor();
      await expectAccessible(page);

      // Changing one goes back to step 1, where it lives
      await page.click('onetrip-apply button#f-form-companyName');
      await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe('1');
      await page.context().close();
    }
  });

  it('fills the courier address from the premises address in one tick, and empties it again', async () => {
    for (const locale of LOCALES) {
      const english = locale === 'en';
      const page = await applyWithDraft(FOOD_LICENCE, locale, { step: 4, applicant: { ...applicantCompany }, form: { premisesAddress: foodLicenceForm.premisesAddress } });
      await page.check('onetrip-apply #f-delivery-mode');
      const same = page.locator('onetrip-apply').getByLabel(english ? 'Same as the business address' : '与经营场所地址相同');
      expect(await same.isChecked()).toBe(false);
      await expectAccessible(page);

      await same.check();
      const value = (key: string) => page.inputValue(`onetrip-apply #f-delivery-address-${key}`);
      expect([await value('province'), await value('city'), await value('district'), await value('detail')]).toEqual(['湖南省', '岳阳市', '岳阳楼区', '巴陵中路88号']);
      expect(await same.isChecked()).toBe(true);
      await expectAccessible(page);

      await same.uncheck();
      expect(await value('detail')).toBe('');
      await page.context().close();
    }
  });
});
