/**
 * What a new user's trial of `<onetrip-apply>` found (issue 11, the apply widget's follow-up),
 * each checked in a real Chromium against the local platform, axe-clean in both languages:
 * a founder applying as a person types the company's name, the phone is taken for a person
 * too, the applicant type resets the ID type, a field's error goes once answered, the
 * situation questions start unanswered and confirming them focuses the step's heading; the
 * seal question's help promises no window pickup; the due dates offered end on a working day, the review step's dates read as dates, and the fee
 * estimate says how a line was counted.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantCompany, CATALOG_VERSION, FOOD_LICENCE } from '../support/fixtures.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { applyText, openDraft } from './apply-journey.js';
import { deepFocus, expectAccessible } from './mount.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

const LOCALES = ['zh-CN', 'en'] as const;
const BUNDLE = 'BIZ-ONE-ENTRY';
/** The founder of a company not yet set up, applying for it as a person. */
const founder = { type: 'person', name: '李湘君', idType: 'resident_id', idNumber: '430602199003071231', phone: '13907301234' };
/** Every situation answered, as the applicant confirmed them. */
const answered = { answers: { needsSeals: true, hiresStaff: true, sellsFood: false, sellsLiquor: false, publicVenue: false, dischargesSewage: false }, confirmed: true };

const applyWithDraft = (what: string, locale: string, draft: Record<string, unknown>) => openDraft(env, what, locale, draft);
const text = applyText;
const taken = (page: Page) => page.locator('onetrip-apply [data-taken]').evaluateAll((dds) => dds.map((dd) => dd.getAttribute('data-taken')));

describe('what step 2 takes from step 1', () => {
  it('asks a founder applying as a person for the company name, and never takes the person’s name for it', async () => {
    for (const locale of LOCALES) {
      const english = locale === 'en';
      // Step 1 of the bundle says who applies as what
      const first = await applyWithDraft(`bundle:${BUNDLE}`, locale, { step: 1, situations: answered });
      await first.locator('onetrip-apply #step-heading').waitFor();
      expect(await text(first, '.hint')).toContain(english ? 'its founder or an agent applies as an individual' : '由创办人或代办人以个人身份申请');
      await expectAccessible(first);
      await first.context().close();

      const page = await applyWithDraft(`bundle:${BUNDLE}`, locale, { step: 2, situations: answered, applicant: { ...founder } });
      const name = page.locator('onetrip-apply input#f-form-companyName');
      await name.waitFor();
      expect(await name.inputValue()).toBe('');
      expect(await taken(page)).not.toContain('companyName');
      expect(await taken(page)).not.toContain('legalRepresentative');
      expect(await text(page, 'form')).not.toContain(founder.name);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('takes the phone of a person applying for the food licence, and asks the organisation’s name and code', async () => {
    for (const locale of LOCALES) {
      const page = await applyWithDraft(FOOD_LICENCE, locale, { step: 2, applicant: { ...founder } });
      await page.locator('onetrip-apply input#f-form-premisesAddress').waitFor();
      expect(await taken(page)).toEqual(['contactMobile']);
      expect(await text(page, '[data-taken=contactMobile]')).toContain(founder.phone);
      expect(await page.locator('onetrip-apply input#f-form-contactMobile').count()).toBe(0);
      await page.locator('onetrip-apply input#f-form-companyName').waitFor();
      await expectAccessible(page);
      await page.context().close();
    }
  });
});

describe('step 1', () => {
  it('starts a new applicant type from its own ID type', async () => {
    for (const locale of LOCALES) {
      const english = locale === 'en';
      const page = await applyWithDraft(FOOD_LICENCE, locale, { step: 1 });
      await page.locator('onetrip-apply #step-heading').waitFor();
      await page.check('onetrip-apply #f-applicant-type-1');
      expect(await page.isChecked('onetrip-apply #f-applicant-idType')).toBe(true);

      await page.check('onetrip-apply #f-applicant-type');

      // The person's default, the resident ID, chosen; its label follows
      expect(await page.isChecked('onetrip-apply #f-applicant-idType')).toBe(true);
      expect(await page.locator('onetrip-apply #f-applicant-idType').getAttribute('value')).toBe('resident_id');
      expect(await text(page, 'label[for=f-applicant-idNumber]')).toContain(english ? 'ID number' : '证件号码');
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('drops a field’s error from the summary and the field once it is answered', async () => {
    for (const locale of LOCALES) {
      const english = locale === 'en';
      const page = await applyWithDraft(FOOD_LICENCE, locale, { step: 1 });
      await page.locator('onetrip-apply #step-heading').waitFor();
      await page.click('onetrip-apply #next');
      const summary = page.locator('onetrip-apply onetrip-error-summary');
      const lines = () => summary.locator('li').allInnerTexts();
      await expect.poll(async () => (await lines()).length).toBeGreaterThan(2);
      const typeLabel = english ? 'type of applicant' : '申请人类型';
      // The name's problem stays, worded with the organisation's label the type now gives it
      const nameLabel = english ? 'name' : '单位名称';
      expect((await lines()).some((line) => line.toLowerCase().includes(typeLabel)), (await lines()).join('|')).toBe(true);

      await page.check('onetrip-apply #f-applicant-type-1');

      // The type's error gone (and the ID type's, which the type now sets); the others stay
      await expect.poll(async () => (await lines()).some((line) => line.toLowerCase().includes(typeLabel))).toBe(false);
      expect(await page.locator('onetrip-apply #f-applicant-type-error').count()).toBe(0);
      expect((await lines()).length).toBeGreaterThan(0);
      expect((await lines()).some((line) => line.toLowerCase().includes(nameLabel))).toBe(true);
      await expectAccessible(page);
      await page.context().close();
    }
  });
});

describe('the situation questions', () => {
  it('start unanswered, name each unanswered one, and once confirmed focus the first step’s heading', async () => {
    for (const locale of LOCALES) {
      const english = locale === 'en';
      const page = await applyWithDraft(`bundle:${BUNDLE}`, locale, { step: 1 });
      const questions = page.locator('onetrip-apply form[data-situations]');
      await questions.waitFor();
      // The seal question's help promises only what the bundle offers with seals: the courier
      const query = Object.entries(answered.answers).map(([code, yes]) => `${code}:${yes ? 'yes' : 'no'}`).join(',');
      const withSeals = (await env.t.api.get(`/v1/catalog/bundles/${BUNDLE}?answers=${query}`)).body as { deliveryModes: string[] };
      expect(withSeals.deliveryModes).toEqual(['courier']);
      const sealsHelp = await text(page, '#f-answers-needsSeals-hint');
      expect(sealsHelp).toContain(english ? 'delivered by courier' : '邮寄送达');
      expect(sealsHelp).not.toMatch(/或到窗口领取|or collected at the window/);

      const radios = questions.locator('input[type=radio]');
      expect(await radios.count()).toBeGreaterThan(0);
      expect(await radios.evaluateAll((inputs) => inputs.filter((i) => (i as HTMLInputElement).checked).length)).toBe(0);

      // One answered, the rest named in the summary
      await page.check('onetrip-apply #f-answers-needsSeals');
      await page.click('onetrip-apply #next');
      const summary = page.locator('onetrip-apply onetrip-error-summary li');
      await expect.poll(() => summary.count()).toBe(5);
      const legends = await questions.locator('legend').allInnerTexts();
      const listed = await summary.allInnerTexts();
      for (const legend of legends.slice(1)) expect(listed.some((line) => line.includes(legend.replace(/\s*[（(].*$/u, '').trim()))).toBe(true);
      expect(listed.join(' ')).toContain(english ? 'Answer the question' : '请回答');
      await expectAccessible(page);

      for (const code of ['hiresStaff', 'sellsFood', 'sellsLiquor', 'publicVenue', 'dischargesSewage']) await page.check(`onetrip-apply #f-answers-${code}-1`);
      expect(await summary.count()).toBe(0);
      await page.click('onetrip-apply #next');

      await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe('1');
      await expect.poll(async () => (await deepFocus(page))?.id).toBe('step-heading');
      await expectAccessible(page);
      await page.context().close();
    }
  });
});

/** 特种设备使用登记: a per-unit fee (¥300.00 a unit) and a date in its form. */
const SPECIAL_EQUIPMENT = '000105004000';
/** As the draft keeps it: numbers as typed. */
const equipmentForm = { equipmentCategory: '电梯', equipmentCount: '2', installationAddress: '湖南省岳阳市岳阳楼区巴陵中路88号', inspectionDate: '2026-11-20' };

describe('the review step', () => {
  it('shows the form’s dates as dates, and how each fee line was counted, as the ticket says it', async () => {
    const estimate = (await env.t.api.post('/v1/fee-estimates', { catalogVersion: CATALOG_VERSION, itemCode: SPECIAL_EQUIPMENT, form: { ...equipmentForm, equipmentCount: 2, companyName: applicantCompany.name, creditCode: applicantCompany.idNumber } })).body;
    expect(estimate.lines[0].inputs.quantity).toBe(2);
    for (const locale of LOCALES) {
      const english = locale === 'en';
      const page = await applyWithDraft(SPECIAL_EQUIPMENT, locale, { step: 5, applicant: { ...applicantCompany }, form: equipmentForm, delivery: { mode: 'pickup', address: {} } });
      await page.locator('onetrip-apply [data-fee-total]').waitFor();

      const review = await text(page, 'section[aria-labelledby=review-2] dl');
      expect(review).toContain(english ? 'November 20, 2026' : '2026年11月20日');
      expect(review).not.toContain('2026-11-20');
      const perUnit = new Intl.NumberFormat(english ? 'en' : 'zh-CN', { style: 'currency', currency: 'CNY' }).format(300);
      expect(await text(page, '[part=fee-estimate] [data-fee-basis]')).toContain(english ? `2 unit × ${perUnit}` : `2 台 × ${perUnit}`);
      await expectAccessible(page);
      await page.context().close();
    }
  });
});

describe('a deferred material’s due date', () => {
  it('is offered between working days: the latest is a working day, never a Saturday', async () => {
    for (const locale of LOCALES) {
      const english = locale === 'en';
      // Monday 7 December 2026 in Shanghai: five days on is Saturday the 12th
      const page = await applyWithDraft(FOOD_LICENCE, locale, { step: 3, applicant: { ...applicantCompany } });
      await page.clock.setFixedTime(new Date('2026-12-07T02:00:00Z'));
      await page.check('onetrip-apply #f-material-M0031-defer');
      const due = page.locator('onetrip-apply #f-material-M0031-due');
      await due.waitFor();

      expect(await due.getAttribute('max')).toBe('2026-12-11');
      expect(await due.inputValue()).toBe('2026-12-11');
      expect(await text(page, '#f-material-M0031-due-hint')).toContain(english ? 'A working day from December 8, 2026 to December 11, 2026' : '2026年12月8日 至 2026年12月11日 之间的工作日');
      await expectAccessible(page);
      await page.context().close();
    }
  });
});
