/**
 * `<onetrip-apply bundle="…">` in a real Chromium against the local platform: the situation
 * questions asked first and what their answers include and why, the merged form of a "one
 * thing" bundle in sections, the panel naming its departments and what it saves (following
 * the answers), accessible in both languages and with errors shown, and a complete
 * application for the business-registration bundle through the UI that opens a bundle case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, startWidgetEnv, type WidgetEnv } from './harness.js';
import { applicantCompany, courierDelivery } from '../support/fixtures.js';
import { caseItems } from '../support/platform.js';
import { sampleFor } from '../../scripts/simulate/sample-form.js';

const BUNDLE = 'BIZ-ONE-ENTRY';

interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

interface Guide {
  code: string;
  situations: { code: string; question: { zh: string; en: string }; default?: boolean }[];
  stages: { items: { baseCode: string; name: { zh: string; en: string }; situation?: string }[] }[];
  excludedItems: { baseCode: string; name: { zh: string; en: string }; situation: string }[];
  formSchema: Schema;
  sections: { id: string; title: { zh: string; en: string }; fields: string[] }[];
  materials: { code: string; required: boolean; deferrable: boolean }[];
  savings: { materials: { separately: number; merged: number; saved: number }; fields: { separately: number; merged: number; saved: number } };
  departments: { code: string; name: { zh: string; en: string } }[];
  deliveryModes: string[];
}

let env: WidgetEnv;
/** The guide for the questions' default answers, which the tests answer unless they say otherwise. */
let guide: Guide;
const answersQuery = (answers: Record<string, boolean>) => Object.entries(answers).map(([code, yes]) => `${code}:${yes ? 'yes' : 'no'}`).join(',');
const guideFor = async (answers: Record<string, boolean>) => {
  const reply = await env.t.api.get(`/v1/catalog/bundles/${BUNDLE}?answers=${answersQuery(answers)}`);
  expect(reply.status).toBe(200);
  return reply.body as Guide;
};
let defaults: Record<string, boolean>;
beforeAll(async () => {
  env = await startWidgetEnv();
  const core = (await env.t.api.get(`/v1/catalog/bundles/${BUNDLE}`)).body as Guide;
  defaults = Object.fromEntries(core.situations.map((s) => [s.code, s.default ?? false]));
  guide = await guideFor(defaults);
});
afterAll(async () => {
  await env?.stop();
});

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const pdf = (name: string) => ({ name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`) });
const heading = (page: Page) => page.locator('onetrip-apply #step-heading');

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
}

async function next(page: Page, step: number): Promise<void> {
  await page.click('onetrip-apply #next');
  await expect.poll(() => heading(page).textContent()).toContain(String(step));
  await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe(String(step));
}

/**
 * Answers each situation question (none comes preselected): the catalog's default answers
 * unless `answers` says otherwise; then confirms them, which opens step 1.
 */
async function confirmAnswers(page: Page, answers: Record<string, boolean> = {}): Promise<void> {
  await page.locator('onetrip-apply form[data-situations]').waitFor();
  for (const [code, yes] of Object.entries({ ...defaults, ...answers })) await page.check(yes ? `#f-answers-${code}` : `#f-answers-${code}-1`);
  await page.click('onetrip-apply #next');
  await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe('1');
}

async function fillApplicant(page: Page): Promise<void> {
  await page.check('#f-applicant-type-1');
  await page.fill('#f-applicant-name', applicantCompany.name);
  await page.fill('#f-applicant-idNumber', applicantCompany.idNumber);
  await page.fill('#f-applicant-legalRepresentative', applicantCompany.legalRepresentative);
  await page.fill('#f-applicant-phone', applicantCompany.phone);
}

/** Answers one field as the applicant would: a choice is made, a text typed (sample values valid for the schema). */
async function answer(page: Page, id: string, s: Schema, sample: unknown): Promise<void> {
  if (s.type === 'boolean') return;
  if (s.type === 'array' && s.items?.enum) return page.check(`#${id}`);
  if (s.type === 'array' && s.items?.type === 'object') {
    for (const [name, child] of Object.entries(s.items.properties ?? {})) {
      if (s.items.required?.includes(name)) await answer(page, `${id}-0-${name}`, child, (sample as Record<string, unknown>[])[0]![name]);
    }
    return;
  }
  if (s.enum) {
    if (s.enum.length <= 5) await page.check(`#${id}`);
    else await page.selectOption(`#${id}`, { index: 1 });
    return;
  }
  await page.fill(`#${id}`, String(sample));
}

/** Whether a field repeats the applicant: after {@link fillApplicant}, step 2 takes it from step 1 instead of asking. */
const taken = (name: string) => Boolean((guide.formSchema.properties![name] as Record<string, unknown>)['x-applicant']);

/** Every required field of the merged form that is asked, read from the schema the API publishes. */
async function fillForm(page: Page): Promise<void> {
  const sample = sampleFor(guide.formSchema, today) as Record<string, unknown>;
  for (const name of (guide.formSchema.required ?? []).filter((n) => !taken(n))) await answer(page, `f-form-${name}`, guide.formSchema.properties![name]!, sample[name]);
}

/** Each required material uploaded, or deferred with a commitment where the bundle allows it. */
async function fillMaterials(page: Page): Promise<void> {
  for (const m of guide.materials.filter((x) => x.required)) {
    if (m.deferrable) {
      await page.check(`#f-material-${m.code}-defer`);
      await page.check(`#f-material-${m.code}-commit`);
    } else {
      await page.setInputFiles(`#f-material-${m.code}`, pdf(m.code));
      await page.locator(`#f-material-${m.code}-done`).waitFor();
    }
  }
}

/** A mode the answers allow: other than courier when there is one; else the courier, to the fixture's address. */
async function chooseDelivery(page: Page): Promise<void> {
  const other = guide.deliveryModes.findIndex((mode) => mode !== 'courier');
  const index = other >= 0 ? other : guide.deliveryModes.indexOf('courier');
  expect(index).toBeGreaterThanOrEqual(0);
  await page.check(index === 0 ? '#f-delivery-mode' : `#f-delivery-mode-${index}`);
  if (other >= 0) return;
  for (const [key, value] of Object.entries(courierDelivery.address)) await page.fill(`#f-delivery-address-${key}`, value);
}

describe('<onetrip-apply bundle>', () => {
  it('saves at least a third of the materials of business registration (seed data)', async () => {
    const all = await guideFor(Object.fromEntries(Object.keys(defaults).map((code) => [code, true])));
    const { materials } = all.savings;
    // The README's figure for business registration with every item: 42 materials item by item, 13 in the bundle
    expect(materials).toMatchObject({ separately: 42, merged: 13, saved: 29 });
    expect(materials.saved / materials.separately).toBeGreaterThanOrEqual(1 / 3);
  });

  it('asks the situation questions first and shows what the answers include and why, with no axe violations in either language', async () => {
    const restaurant = await guideFor({ ...defaults, sellsFood: true });
    const food = restaurant.stages.flatMap((s) => s.items).find((i) => i.situation === 'sellsFood')!;
    const liquor = restaurant.excludedItems.find((i) => i.situation === 'sellsLiquor')!;
    for (const [path, english] of [['/test/apply-bundle.html', false], ['/test/apply-bundle-en.html', true]] as const) {
      // The questions, before any step, each answered by its default
      const page = await env.open(path);
      const questions = page.locator('onetrip-apply form[data-situations]');
      await questions.waitFor();
      expect(await page.locator('onetrip-apply #step-heading').textContent()).toContain(english ? 'First, a few questions' : '先回答几个问题');
      const legends = await questions.locator('legend').allTextContents();
      expect(legends).toHaveLength(guide.situations.length);
      guide.situations.forEach((s, i) => expect(legends[i]).toContain(english ? s.question.en : s.question.zh));
      // Unanswered: the applicant reads each question (GOV.UK: never preselect)
      expect(await questions.locator('input[type=radio]').evaluateAll((inputs) => inputs.filter((i) => (i as HTMLInputElement).checked).length)).toBe(0);
      expect(await page.locator('onetrip-apply [data-bundle-panel]').count()).toBe(0);
      await expectNoViolations(page, `${path} questions`);

      // Act: will sell food
      await confirmAnswers(page, { sellsFood: true });

      // Assess: the food licence is in and why, the liquor filing out and why; the savings follow the answers
      const panel = page.locator('onetrip-apply [data-bundle-panel]');
      const answers = panel.locator('[data-answers]');
      await answers.waitFor();
      expect(await answers.locator('[data-included]').textContent()).toContain(english ? food.name.en : food.name.zh);
      expect(await answers.locator('[data-excluded]').allTextContents()).toContainEqual(expect.stringContaining(english ? liquor.name.en : liquor.name.zh));
      const { materials } = restaurant.savings;
      expect(materials.merged).not.toBe(guide.savings.materials.merged);
      await expect.poll(() => panel.locator('[data-savings-materials]').textContent()).toContain(
        english ? `You submit ${materials.merged} materials instead of ${materials.separately}` : `合并后需提交 ${materials.merged} 份材料`,
      );
      await expectNoViolations(page, `${path} answered`);

      // Changing the answers brings the questions back, as answered
      await page.click('onetrip-apply #change-answers');
      await questions.waitFor();
      expect(await page.isChecked('#f-answers-sellsFood')).toBe(true);
      await page.context().close();
    }
  });

  it('shows the departments and savings, the merged form in sections, with no axe violations in either language', async () => {
    const { materials, fields } = guide.savings;
    for (const [path, english] of [['/test/apply-bundle.html', false], ['/test/apply-bundle-en.html', true]] as const) {
      const page = await env.open(path);
      await confirmAnswers(page);
      const panel = page.locator('onetrip-apply [data-bundle-panel]');
      await expect.poll(() => panel.locator('[data-savings-materials]').textContent()).toContain(
        english
          ? `You submit ${materials.merged} materials instead of ${materials.separately}: ${materials.saved} fewer`
          : `合并后需提交 ${materials.merged} 份材料，比分别办理少 ${materials.saved} 份`,
      );
      expect(await panel.locator('[data-savings-fields]').textContent()).toContain(String(fields.saved));
      const departments = (await panel.locator('[data-departments]').textContent()) ?? '';
      for (const d of guide.departments) expect(departments).toContain(english ? d.name.en : d.name.zh);
      await expectNoViolations(page, `${path} start`);

      await page.click('onetrip-apply #next');
      await page.locator('onetrip-apply onetrip-error-summary [role="alert"]').waitFor();
      await expectNoViolations(page, `${path} applicant with errors`);

      await fillApplicant(page);
      await next(page, 2);
      const titles = await page.locator('onetrip-apply section.form-section > h3').allTextContents();
      expect(titles).toEqual(guide.sections.map((s) => (english ? s.title.en : s.title.zh)));
      expect(titles[0]).toBe(english ? 'Shared information' : '共同信息');
      // Each section holds its own fields: the shared ones in the first, each item's in its own.
      for (const section of guide.sections) {
        const box = page.locator(`onetrip-apply section#section-${section.id}, onetrip-apply section[aria-labelledby="section-${section.id}"]`);
        for (const field of section.fields.filter((f) => !taken(f))) expect(await box.locator(`[id^="f-form-${field}"]`).count(), field).toBeGreaterThan(0);
      }
      await expectNoViolations(page, `${path} form`);

      await page.click('onetrip-apply #next');
      const asked = (guide.formSchema.required ?? []).filter((n) => !taken(n));
      await page.locator(`#f-form-${asked[0]}-error`).waitFor();
      const summary = await page.locator('onetrip-apply onetrip-error-summary a').count();
      expect(summary).toBeGreaterThanOrEqual(asked.length - 2);
      await expectNoViolations(page, `${path} form with errors`);
      await page.context().close();
    }
  });

  it('applies for the whole bundle through the demo portal: receipt shown, one bundle case opened', async () => {
    // From the portal home to the comprehensive window's business-registration page
    const page = await env.open('/');
    await page.getByRole('navigation').getByRole('link', { name: '企业开办一件事' }).click();
    await page.waitForURL('**/business.html');
    await page.evaluate(() => {
      document.addEventListener('onetrip-submitted', (e) => ((window as unknown as { submitted: unknown }).submitted = (e as CustomEvent).detail), { once: true });
    });
    await confirmAnswers(page);
    await fillApplicant(page);
    await next(page, 2);
    await fillForm(page);
    await next(page, 3);
    await fillMaterials(page);
    await next(page, 4);
    await chooseDelivery(page);
    await next(page, 5);
    const fee = await page.locator('onetrip-apply [data-fee-total]').textContent();
    await page.click('onetrip-apply #next');
    await page.locator('onetrip-apply [data-receipt-number]').waitFor({ timeout: 15_000 });
    await expectNoViolations(page, 'receipt');
    // The receipt says the fee the review step estimated, for a bundle as for an item
    expect(await page.locator('onetrip-apply [data-fee]').textContent()).toContain(`本申请预计收费 ${fee}`);

    const receipt = (await page.evaluate(() => (window as unknown as { submitted: unknown }).submitted)) as Record<string, string>;
    expect(await page.locator('onetrip-apply [data-receipt-number]').textContent()).toBe(receipt.receiptNumber);
    const status = await env.t.api.get(`/v1/applications/${receipt.receiptNumber}?queryCode=${encodeURIComponent(receipt.queryCode!)}`);
    expect(status.status).toBe(200);
    expect(status.body.caseId).toBe(receipt.caseId);
    const deferred = guide.materials.filter((m) => m.required && m.deferrable).map((m) => m.code).sort();
    expect((status.body.deferred as { materialCode: string }[]).map((d) => d.materialCode).sort()).toEqual(deferred);
    const [record] = await caseItems(env.t, receipt.caseId!, 'CASE');
    expect(record?.bundleCode).toBe(BUNDLE);
    await page.context().close();
  });
});
