/**
 * The staff workbench (/staff/) in Chromium: the window clerk's whole day. Sign in by the
 * picker, open the queue, open a case and a material of it inline, tick a material and a form
 * field with reasons, preview and send the one-time deficiency notice; the applicant's tracker
 * shows it and they correct there; the clerk accepts with the deferred material and downloads
 * the acceptance notice to print. The clerk assigns an agent to a green-channel case, which the
 * agent then finds in their view. axe checks every view in Chinese and English. And the
 * workbench stays out of the citizen widgets' bundle.
 *
 * WORKBENCH_SCREENSHOTS=1 also writes docs/images/workbench-queue.png, workbench-case.png and
 * workbench-agent.png.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGETS_OUT } from '../../scripts/build-widgets.js';
import { chineseDate } from '../../functions/results/certificate-layout.js';
import { acceptedCase } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { extractText } from '../support/pdf.js';
import { axeViolations, describeViolations, startWidgetEnv, type WidgetEnv } from './harness.js';
import { mount } from './mount.js';
import { accessibleInBothLanguages, screenshot, signedIn } from './workbench-pages.js';

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

describe('the workbench: the window clerk', () => {
  it('composes the one-time deficiency notice by ticking, the applicant sees it and corrects, the clerk accepts with a deferred material; every view passes axe in zh and en', async () => {
    // Prepare: an application for the food licence with one material deferred under commitment.
    const submitted = await acceptedCase(env.t, { itemCode: FOOD_LICENCE }, { defer: ['M0032'], accept: false });
    const application = async () => (await env.t.api.get(`/v1/applications/${submitted.receiptNumber}?queryCode=${submitted.queryCode}`)).body;

    // Act: sign in by the picker.
    const page = await env.open('/staff/');
    const responses: Response[] = [];
    const errors: string[] = [];
    page.on('response', (response) => responses.push(response));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url}`);
    });
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

    // A material opened inline: the presigned link, in a frame, read without an error.
    const [linked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/staff/cases/${submitted.caseId}/materials/M0030`)),
      page.getByRole('button', { name: /查看\s*：\s*经营场所平面布局图/ }).click(),
    ]);
    const { url } = (await linked.json()) as { url: string };
    expect(await page.locator('iframe.viewer').getAttribute('src')).toBe(url);
    await expect.poll(() => responses.find((r) => r.url() === url)?.status()).toBe(200);
    expect(responses.find((r) => r.url() === url)!.headers()['content-type']).toBe('application/pdf');
    await expectAccessible(page, 'case with a material open, zh');
    await page.getByRole('button', { name: '关闭' }).click();

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
    // The case view lists what the notice asked for, by the field's title, never its path.
    expect(await page.locator('main').textContent()).toContain('经营场所面积（平方米）：面积与平面布局图不符');

    // Assess: the applicant's case carries the notice, in words the clerk chose, and their tracker shows it.
    const notified = await application();
    expect(notified.status).toBe('deficient');
    expect(notified.notices[0].deficiencies).toEqual([
      { materialCode: 'M0030', message: '文件不清晰，无法辨认' },
      { path: '/form/premisesArea', message: '面积与平面布局图不符' },
    ]);
    const tracker = await mount(env, `<onetrip-track receipt="${submitted.receiptNumber}" query-code="${submitted.queryCode}" locale="zh-CN"></onetrip-track>`);
    const notice = tracker.locator('onetrip-track [part=notice]');
    await notice.waitFor();
    const noticeText = (await notice.textContent())?.replace(/\s+/g, '');
    expect(noticeText).toContain('材料“经营场所平面布局图”：文件不清晰，无法辨认');
    expect(noticeText).toContain('填写项“经营场所面积（平方米）”：面积与平面布局图不符');
    await expectAccessible(tracker, 'the applicant’s tracker with the notice, zh');

    // The applicant corrects once, in the tracker.
    const correction = tracker.locator('onetrip-track [part=correction]');
    await correction.getByLabel('经营场所面积（平方米）').fill('118');
    await correction.locator('#file-M0030').setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 corrected plan') });
    await correction.locator('button[type=submit]').click();
    await expect.poll(() => tracker.locator('onetrip-track [part=status]').textContent()).toContain('已提交，等待预审');
    await tracker.context().close();

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

    // Once the notices are issued, the case lists the acceptance notice; its PDF, downloaded to print, promises the date.
    await env.t.platform.idle();
    await page.reload();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download\s+Acceptance notice/ }).click()]);
    expect(download.suggestedFilename()).toBe(`acceptance-${submitted.receiptNumber}.pdf`);
    const printed = await extractText(new Uint8Array(await readFile((await download.path())!)));
    expect(printed).toContain('受理通知书');
    expect(printed).toContain(chineseDate(accepted.promisedDate));
    expect(printed).toContain(submitted.receiptNumber);
    await expectAccessible(page, 'accepted case, en');

    await page.getByRole('navigation').getByRole('link', { name: 'Pre-review queue' }).click();
    await page.getByRole('heading', { name: 'Pre-review queue' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: submitted.receiptNumber }).count()).toBe(0);
    await expectAccessible(page, 'queue, en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the workbench' }).waitFor();
    await page.getByRole('button', { name: 'agent', exact: true }).waitFor();
    await expectAccessible(page, 'sign-in, en');
    expect(errors).toEqual([]);
  });

  it('assigns an agent to a green-channel case, which the agent finds in their view with the authorisation', async () => {
    // Prepare: an investment project (the green channel), submitted.
    const project = await acceptedCase(env.t, { bundleCode: 'INVEST-ONE-DRAGON' }, { accept: false });

    // Act: the clerk assigns the agent under the applicant's authorisation.
    const clerk = await signedIn(env, 'clerk', `#/cases/${project.caseId}`);
    await clerk.locator('#agent-name').fill('agent');
    await clerk.locator('#agent-authorization').fill('授权委托书 YY-DB-2026-0043');
    await clerk.getByRole('button', { name: '指派', exact: true }).click();
    await clerk.getByText('已指派代办员。').waitFor();

    // Assess: the agent's view lists it; the case shows the authorisation they act under.
    const agent = await signedIn(env, 'agent', '#/agent');
    await agent.getByRole('link', { name: project.receiptNumber }).waitFor();
    await accessibleInBothLanguages(agent, 'My green-channel cases');
    await screenshot(agent, 'workbench-agent');
    await agent.getByRole('link', { name: project.receiptNumber }).click();
    await expect.poll(() => agent.locator('dl.facts').textContent()).toContain('授权委托书 YY-DB-2026-0043');
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
