/**
 * The staff workbench (/staff/) in Chromium: the window clerk's whole day. Sign in by the
 * picker, open the queue, open a case, tick a material and a form field with reasons, preview
 * and send the one-time deficiency notice; the applicant's case shows it and they correct; the
 * clerk accepts with the deferred material. axe checks every view in Chinese and English.
 * And the workbench stays out of the citizen widgets' bundle.
 *
 * WORKBENCH_SCREENSHOTS=1 also writes docs/images/workbench-queue.png and workbench-case.png.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGETS_OUT } from '../../scripts/build-widgets.js';
import { acceptedCase } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { axeViolations, describeViolations, startWidgetEnv, type WidgetEnv } from './harness.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.WORKBENCH_SCREENSHOTS) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve('docs/images', `${name}.png`), clip: { x: 0, y: 0, width: 1000, height: 640 } });
}

describe('the workbench: the window clerk', () => {
  it('composes the one-time deficiency notice by ticking, the applicant sees it and corrects, the clerk accepts with a deferred material; every view passes axe in zh and en', async () => {
    // Prepare: an application for the food licence with one material deferred under commitment.
    const submitted = await acceptedCase(env.t, { itemCode: FOOD_LICENCE }, { defer: ['M0032'], accept: false });
    const application = async () => (await env.t.api.get(`/v1/applications/${submitted.receiptNumber}?queryCode=${submitted.queryCode}`)).body;

    // Act: sign in by the picker.
    const page = await env.open('/staff/');
    await page.getByRole('heading', { name: '登录工作台' }).waitFor();
    await expectAccessible(page, 'sign-in, zh');
    await page.getByRole('button', { name: 'clerk', exact: true }).click();

    // The queue: the case is there, with its pre-review deadline column.
    await page.getByRole('heading', { name: '受理队列' }).waitFor();
    await page.getByRole('link', { name: submitted.receiptNumber }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['受理队列']);
    await expectAccessible(page, 'queue, zh');
    await screenshot(page, 'workbench-queue');

    // The case: answers beside the guide, materials beside their requirements.
    await page.getByRole('link', { name: submitted.receiptNumber }).click();
    await page.getByRole('heading', { name: new RegExp(submitted.receiptNumber) }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.getByRole('row', { name: /经营场所面积/ }).textContent()).toContain('经营场所面积');
    expect(await page.getByRole('row', { name: /主要设备设施清单/ }).textContent()).toContain('容缺后补');
    await expectAccessible(page, 'case, zh');

    // Tick a material and a field, each with a reason (one chosen, one typed).
    await page.getByRole('checkbox', { name: /需补正\s*：\s*经营场所平面布局图/ }).check();
    await page.getByRole('combobox', { name: /原因\s*：\s*经营场所平面布局图/ }).selectOption({ label: '文件不清晰，无法辨认' });
    await page.getByRole('checkbox', { name: /需补正\s*：\s*经营场所面积/ }).check();
    await page.getByRole('combobox', { name: /原因\s*：\s*经营场所面积/ }).selectOption({ label: '其他（请填写）' });
    await page.getByRole('textbox', { name: /填写原因\s*：\s*经营场所面积/ }).fill('面积与平面布局图不符');
    await page.getByRole('button', { name: '预览告知书' }).click();
    const preview = page.getByRole('region', { name: '一次性告知书（预览）' });
    expect((await preview.textContent())?.replace(/\s+/g, '')).toContain('经营场所平面布局图：文件不清晰，无法辨认');
    expect(await preview.textContent()).not.toContain('/form/');
    expect(await preview.textContent()).not.toContain('M0030');
    await screenshot(page, 'workbench-case');
    await expectAccessible(page, 'case with the notice previewed, zh');
    await page.getByRole('button', { name: '发送告知书' }).click();
    await page.getByText('一次性告知书已发送。').waitFor();
    // Sent once: the composer is gone with the case no longer awaiting pre-review.
    expect(await page.getByRole('button', { name: '发送告知书' }).count()).toBe(0);

    // Assess: the applicant's case carries the notice, in words the clerk chose.
    const notified = await application();
    expect(notified.status).toBe('deficient');
    expect(notified.notices[0].deficiencies).toEqual([
      { materialCode: 'M0030', message: '文件不清晰，无法辨认' },
      { path: '/form/premisesArea', message: '面积与平面布局图不符' },
    ]);

    // The applicant corrects once.
    const plan = await env.t.api.upload('%PDF-1.4 corrected plan');
    const corrected = await env.t.api.post(`/v1/applications/${submitted.receiptNumber}/corrections?queryCode=${submitted.queryCode}`, {
      form: { premisesArea: 118 },
      materials: [{ materialCode: 'M0030', uploadId: plan }],
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);

    // In English, the clerk accepts with the deferred material.
    await page.reload();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: new RegExp(submitted.receiptNumber) }).waitFor();
    await page.getByRole('heading', { name: 'Application form and guide' }).waitFor();
    expect(await page.getByRole('row', { name: /Premises area/ }).textContent()).toContain('118');
    await expectAccessible(page, 'case, en');
    await page.getByRole('button', { name: 'Accept with deferred materials' }).click();
    await page.getByText('Accepted.').waitFor();
    const accepted = await application();
    expect(accepted.status).toBe('accepted');
    expect(accepted.deferred).toMatchObject([{ materialCode: 'M0032', status: 'open' }]);

    await page.getByRole('navigation').getByRole('link', { name: 'Pre-review queue' }).click();
    await page.getByRole('heading', { name: 'Pre-review queue' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: submitted.receiptNumber }).count()).toBe(0);
    await expectAccessible(page, 'queue, en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the workbench' }).waitFor();
    await page.getByRole('button', { name: 'agent', exact: true }).waitFor();
    await expectAccessible(page, 'sign-in, en');
  });

  it('an API refusal is shown in the staff member’s language with its code', async () => {
    const page = await env.open('/staff/#/cases/no-such-case');
    await page.getByRole('button', { name: 'clerk', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/CASE_NOT_FOUND|HTTP_404/);
  });
});

describe('the citizen widgets’ bundle', () => {
  it('holds nothing of the workbench', () => {
    const maps = readdirSync(WIDGETS_OUT, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(0);
    const sources = maps.flatMap((file) => (JSON.parse(readFileSync(join(WIDGETS_OUT, file), 'utf8')) as { sources: string[] }).sources);
    expect(sources.filter((source) => source.includes('workbench/') || source.includes('oidc-client-ts'))).toEqual([]);
    expect(sources.some((source) => source.includes('widgets/src/'))).toBe(true);
  });
});
