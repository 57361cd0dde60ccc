/**
 * The food-licence application filled the way an applicant fills it, step by step: shared
 * by the form's own tests and the journey tests, so both walk the same path.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { applicantCompany, courierDelivery, foodLicenceForm } from '../support/fixtures.js';
import type { WidgetEnv } from './harness.js';
import { mount } from './mount.js';

export const UPLOADED = ['M0003', 'M0001', 'M0002', 'M0030'];
export const DEFERRED = ['M0032', 'M0031'];

export const pdf = (name: string) => ({ name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`) });

export const heading = (page: Page) => page.locator('onetrip-apply #step-heading');

export async function fillApplicant(page: Page, creditCode = applicantCompany.idNumber): Promise<void> {
  await page.check('#f-applicant-type-1');
  await page.fill('#f-applicant-name', applicantCompany.name);
  await page.fill('#f-applicant-idNumber', creditCode);
  await page.fill('#f-applicant-legalRepresentative', applicantCompany.legalRepresentative);
  await page.fill('#f-applicant-phone', applicantCompany.phone);
}

/** Step 2 after {@link fillApplicant}: the organisation's name, credit code, legal representative and phone are taken from step 1. */
export async function fillDetails(page: Page): Promise<void> {
  await page.fill('#f-form-premisesAddress', foodLicenceForm.premisesAddress);
  await page.check('#f-form-businessCategories-1');
  await page.fill('#f-form-premisesArea', String(foodLicenceForm.premisesArea));
}

export async function fillMaterials(page: Page): Promise<void> {
  for (const code of UPLOADED) {
    await page.setInputFiles(`#f-material-${code}`, pdf(code));
    await page.locator(`#f-material-${code}-done`).waitFor();
  }
  for (const code of DEFERRED) {
    await page.check(`#f-material-${code}-defer`);
    await page.check(`#f-material-${code}-commit`);
  }
}

export async function fillDelivery(page: Page): Promise<void> {
  await page.check('#f-delivery-mode');
  for (const [key, value] of Object.entries(courierDelivery.address)) await page.fill(`#f-delivery-address-${key}`, value);
}

export async function next(page: Page, step: number): Promise<void> {
  await page.click('onetrip-apply #next');
  await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe(String(step));
}

/** Fills every step with valid answers and stops on the review step. */
export async function fillToReview(page: Page): Promise<void> {
  await heading(page).waitFor();
  await fillApplicant(page);
  await next(page, 2);
  await fillDetails(page);
  await next(page, 3);
  await fillMaterials(page);
  await next(page, 4);
  await fillDelivery(page);
  await next(page, 5);
}

const emptyDraft = { applicant: {}, form: {}, uploads: {}, deferred: {}, uploadInstead: [], delivery: { mode: '', address: {} } };

/** The form for an item or a bundle (`bundle:CODE`), opened on a draft the applicant left (as a reload would find it). */
export async function openDraft(env: WidgetEnv, what: string, locale: string, draft: Record<string, unknown>): Promise<Page> {
  const attribute = what.startsWith('bundle:') ? `bundle="${what.slice('bundle:'.length)}"` : `item="${what}"`;
  return mount(env, `<onetrip-apply ${attribute} locale="${locale}"></onetrip-apply>`, (p) =>
    p.evaluate(([key, saved]) => localStorage.setItem(key, saved), [
      `onetrip.apply:${new URL(env.t.platform.url).origin}:${what}`,
      JSON.stringify({ v: 1, draft: { ...emptyDraft, ...draft } }),
    ] as const),
  );
}

/** The text of what `selector` finds in the form, spaces squashed. */
export const applyText = async (page: Page, selector: string) =>
  (await page.locator(`onetrip-apply ${selector}`).allInnerTexts()).join(' ').replace(/\s+/g, ' ');
