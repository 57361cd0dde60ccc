import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { courierDelivery, FOOD_DEPARTMENT, foodLicenceApplication, foodLicenceForm } from '../support/fixtures.js';
import { acceptedCase } from '../support/cases.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { caseKey } from '../../functions/store/keys.js';
import { caseItems } from '../support/platform.js';
import { putNotification } from '../support/messages.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { deepFocus, expectAccessible, mount, tabTo } from './mount.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

const dueDate = defaultCalendar.addWorkingDays(shanghaiDate(new Date()), 3);
const LOCALES = ['zh-CN', 'en'] as const;
type Locale = (typeof LOCALES)[number];
const words = {
  'zh-CN': { lookup: '查询', receipt: '受理编号', queryCode: '查询码', submitted: '已提交，等待预审', notFound: '未查到办件', noMatch: '没有与该受理编号和查询码相符的申请' },
  en: { lookup: 'Look up', receipt: 'Receipt number', queryCode: 'Query code', submitted: 'Submitted, waiting for pre-review', notFound: 'No application found', noMatch: 'No application matches this receipt number and query code. Check them' },
};

async function submitCase(): Promise<{ caseId: string; receiptNumber: string; queryCode: string }> {
  const reply = await env.t.api.submit(await foodLicenceApplication((c, type) => env.t.api.upload(c, type), dueDate));
  expect(reply.status).toBe(201);
  return reply.body;
}

/** A tracker that looks the case up at once (attributes set). */
async function trackerFor(receipt: string, queryCode: string, locale: Locale): Promise<Page> {
  const page = await mount(env, `<onetrip-track receipt="${receipt}" query-code="${queryCode}" locale="${locale}"></onetrip-track>`);
  await page.locator('onetrip-track [part=result]').waitFor();
  return page;
}

const text = async (page: Page, selector: string) => ((await page.locator(`onetrip-track ${selector}`).textContent()) ?? '').replace(/\s+/g, ' ');

describe('<onetrip-track>', () => {
  it('looks a case up with the keyboard alone, accessibly, in both languages; a wrong code is told by its error code, in the widget language', async () => {
    const { receiptNumber, queryCode } = await submitCase();
    for (const locale of LOCALES) {
      const w = words[locale];
      const page = await mount(env, `<onetrip-track locale="${locale}"></onetrip-track>`);
      const track = page.locator('onetrip-track');
      await track.getByRole('button', { name: w.lookup }).waitFor();
      await expectAccessible(page);

      // Empty: both fields report, focus goes to the first
      await tabTo(page, 'receipt');
      await page.keyboard.press('Enter');
      await expect.poll(() => track.locator('.error-message').count()).toBe(2);
      expect(await deepFocus(page)).toEqual({ tag: 'input', id: 'receipt' });
      await expectAccessible(page);

      // A wrong code: the widget's sentence for APPLICATION_NOT_FOUND (never the API's English message), focus on the result heading
      await page.keyboard.type(receiptNumber);
      await page.keyboard.press('Tab');
      await page.keyboard.type('ZZZZZZZZ');
      await page.keyboard.press('Enter');
      await track.locator('[part=error]').waitFor();
      expect(await text(page, '[part=error]')).toContain(w.notFound);
      const notFound = await env.t.api.get(`/v1/applications/${receiptNumber}?queryCode=ZZZZZZZZ`);
      expect(notFound.body.error.code).toBe('APPLICATION_NOT_FOUND');
      expect(await text(page, '[part=error]')).toContain(w.noMatch);
      if (locale === 'zh-CN') expect(await text(page, '[part=error]')).not.toMatch(/[A-Za-z]{3,}/);
      // The advice to check the codes, said once
      expect((await text(page, '[part=error]')).match(locale === 'en' ? /Check/g : /核对/g)).toHaveLength(1);
      expect(await deepFocus(page)).toEqual({ tag: 'h2', id: 'result-title' });
      await expectAccessible(page);

      // The right code, typed lower-case: the case, with focus on its heading
      await track.getByLabel(w.queryCode).fill(queryCode.toLowerCase());
      await tabTo(page, 'query-code');
      await page.keyboard.press('Enter');
      await track.locator('[part=result]').waitFor();
      expect(await deepFocus(page)).toEqual({ tag: 'h2', id: 'result-title' });
      expect(await text(page, '[part=title]')).toContain(receiptNumber);
      expect(await text(page, '[part=status]')).toContain(w.submitted);
      expect(await text(page, '[role=status]')).toContain(w.submitted);
      expect(await text(page, '[part=deferred]')).toContain(locale === 'en' ? 'Food safety management rules' : '食品安全管理制度');
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('lists every deficiency of the one-time notice, takes one correction with the keyboard, and is accessible throughout', async () => {
    const { caseId, receiptNumber, queryCode } = await submitCase();
    const clerk = await env.t.api.token('clerk');
    const deficient = await env.t.api.post(`/v1/staff/cases/${caseId}/pre-review`, {
      decision: 'deficient',
      deficiencies: [
        { materialCode: 'M0030', message: '平面布局图未标注功能分区' },
        { path: '/form/premisesArea', message: '面积与平面图不一致' },
        { message: '请补充说明经营项目' },
      ],
    }, { token: clerk });
    expect(deficient.status).toBe(200);
    await env.t.platform.idle();

    // Chinese: the notice and the form, and the notice's PDF to download
    const zh = await trackerFor(receiptNumber, queryCode, 'zh-CN');
    expect(await zh.locator('onetrip-track [part=notice] li').count()).toBe(3);
    expect(await text(zh, '[part=document]')).toContain('一次性告知书');
    const pdf = await fetch((await zh.locator('onetrip-track [part=document]').getAttribute('href'))!);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(await text(zh, '[part=notice]')).toContain('材料“经营场所平面布局图”：平面布局图未标注功能分区');
    expect(await text(zh, '[part=notice]')).toContain('填写项“经营场所面积（平方米）”：面积与平面图不一致');
    expect(await text(zh, '[part=notice]')).toContain('请补充说明经营项目');
    await zh.locator('onetrip-track').getByLabel('重新上传：经营场所平面布局图').waitFor();
    await expectAccessible(zh);
    await zh.context().close();

    // English, keyboard only: a wrong file first, then the right one and a note
    const page = await trackerFor(receiptNumber, queryCode, 'en');
    const track = page.locator('onetrip-track');
    expect(await text(page, '[part=notice]')).toContain('Document “Floor plan of the premises”');
    expect(await text(page, '[part=notice]')).toContain('Field “Premises area (m²)”');
    expect(await text(page, '[part=document]')).toContain('One-time deficiency notice');
    await expectAccessible(page);
    // The file input is reached by keyboard; the OS file dialog it opens has no keyboard
    // to drive here, so the file is set on the focused input directly.
    const chooseFile = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      await tabTo(page, 'file-M0030');
      expect(await deepFocus(page)).toEqual({ tag: 'input', id: 'file-M0030' });
      await track.locator('#file-M0030').setInputFiles(file);
    };
    await chooseFile({ name: 'plan.txt', mimeType: 'text/plain', buffer: Buffer.from('not a plan') });
    await tabTo(page, 'note');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, '[part=correction] .error-message')).toContain('This file type is not accepted');
    expect(await deepFocus(page)).toEqual({ tag: 'input', id: 'file-M0030' });
    await expectAccessible(page);

    await chooseFile({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 corrected floor plan with zones') });
    await tabTo(page, 'note');
    await page.keyboard.type('Floor plan now shows the zones; area is 118 m².');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, '[part=result]'), { timeout: 15_000 }).toContain('Your correction has been sent');
    expect(await deepFocus(page)).toEqual({ tag: 'h2', id: 'result-title' });
    expect(await text(page, '[part=status]')).toContain('Submitted, waiting for pre-review');
    expect(await track.locator('[part=correction]').count()).toBe(0);
    expect(await text(page, '[part=timeline]')).toContain('You sent your correction');
    await expectAccessible(page);
    await page.context().close();

    // The API saw one correction with the new floor plan
    const after = await env.t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`);
    expect(after.body.status).toBe('submitted');
    expect(after.body.correctionAllowed).toBe(false);
    expect(after.body.materials.find((m: { materialCode: string }) => m.materialCode === 'M0030').fileName).toBe('plan.pdf');
    expect(after.body.timeline.map((e: { action: string }) => e.action)).toContain('case.corrected');
  });

  it('corrects a flagged form field in place: prefilled, checked like the apply form, sent in the one correction, accessibly in both languages', async () => {
    const { caseId, receiptNumber, queryCode } = await submitCase();
    const clerk = await env.t.api.token('clerk');
    const deficient = await env.t.api.post(`/v1/staff/cases/${caseId}/pre-review`, {
      decision: 'deficient',
      deficiencies: [{ path: '/form/premisesArea', message: '面积与平面图不一致' }],
    }, { token: clerk });
    expect(deficient.status).toBe(200);

    // Chinese: the field is there with the value the case holds; a value that is no number is refused as the apply form refuses it
    const zh = await trackerFor(receiptNumber, queryCode, 'zh-CN');
    const zhField = zh.locator('onetrip-track').getByLabel('经营场所面积（平方米）');
    expect(await zhField.inputValue()).toBe('120.5');
    await expectAccessible(zh);
    await zhField.fill('一百');
    await zh.locator('onetrip-track [part=correction] button[type=submit]').click();
    await expect.poll(() => text(zh, '[part=correction] .error-message')).toContain('经营场所面积（平方米）应为数字');
    expect(await deepFocus(zh)).toEqual({ tag: 'input', id: 'f-form-premisesArea' });
    await expectAccessible(zh);
    await zh.context().close();

    // English: corrected, sent, and the correction form is gone
    const page = await trackerFor(receiptNumber, queryCode, 'en');
    const field = page.locator('onetrip-track').getByLabel('Premises area (m²)');
    expect(await field.inputValue()).toBe('120.5');
    await expectAccessible(page);
    await field.fill('98.5');
    await page.locator('onetrip-track [part=correction] button[type=submit]').click();
    await expect.poll(() => text(page, '[part=result]'), { timeout: 15_000 }).toContain('Your correction has been sent');
    expect(await page.locator('onetrip-track [part=correction]').count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();

    // The case's form holds the corrected value, and nothing else changed
    const [record] = (await caseItems(env.t, caseId, 'CASE')) as { form: Record<string, unknown>; status: string }[];
    expect(record!.form).toEqual({ ...foodLicenceForm, premisesArea: 98.5 });
    expect(record!.status).toBe('submitted');
  });

  it("corrects a flagged form field of a bundle case, from the bundle's form for the case's answers", async () => {
    // Prepare: a business-registration case (every answer no: the core items) whose company name the clerk flags
    const bundle = await acceptedCase(env.t, { bundleCode: 'BIZ-ONE-ENTRY' }, {
      accept: false,
      applicant: { type: 'person', name: '李湘君', idType: 'resident_id', idNumber: '430602199001011235' },
      form: { companyName: '岳阳市洞庭湖食品有限公司' },
      delivery: courierDelivery,
    });
    const deficient = await env.t.api.post(`/v1/staff/cases/${bundle.caseId}/pre-review`, {
      decision: 'deficient',
      deficiencies: [{ path: '/form/companyName', message: '名称与名称自主申报结果不一致' }],
    }, { token: await env.t.api.token('clerk') });
    expect(deficient.status, JSON.stringify(deficient.body)).toBe(200);

    // Act: the tracker renders the field from the bundle's form, prefilled; the corrected name goes in the one correction
    const page = await trackerFor(bundle.receiptNumber, bundle.queryCode, 'zh-CN');
    const field = page.locator('onetrip-track #f-form-companyName');
    expect(await field.inputValue()).toBe('岳阳市洞庭湖食品有限公司');
    await expectAccessible(page);
    await field.fill('岳');
    await page.locator('onetrip-track [part=correction] button[type=submit]').click();
    await expect.poll(() => text(page, '[part=correction] .error-message')).toMatch(/\S/);
    await field.fill('岳阳市洞庭鲜食品有限公司');
    await page.locator('onetrip-track [part=correction] button[type=submit]').click();
    await expect.poll(() => text(page, '[part=result]'), { timeout: 15_000 }).toContain('补正材料已提交');
    await page.context().close();

    // Assess
    const [record] = (await caseItems(env.t, bundle.caseId, 'CASE')) as { form: Record<string, unknown> }[];
    expect(record!.form.companyName).toBe('岳阳市洞庭鲜食品有限公司');
  });

  it('asks for every flagged file and field in one correction, errors in screen order, fields full width, in both languages', async () => {
    const { caseId, receiptNumber, queryCode } = await submitCase();
    const clerk = await env.t.api.token('clerk');
    // The notice names the area before the address, the reverse of the item's schema
    const deficient = await env.t.api.post(`/v1/staff/cases/${caseId}/pre-review`, {
      decision: 'deficient',
      deficiencies: [
        { materialCode: 'M0030', message: '平面布局图未标注功能分区' },
        { path: '/form/premisesArea', message: '面积与平面图不一致' },
        { path: '/form/premisesAddress', message: '地址不完整' },
      ],
    }, { token: clerk });
    expect(deficient.status).toBe(200);
    const w = {
      'zh-CN': { heading: '补正材料和信息', hint: 'PDF、JPG或PNG 文件，不超过 10 MB', area: '经营场所面积（平方米）', address: '经营场所地址', replace: '请重新上传经营场所平面布局图' },
      en: { heading: 'Corrections', hint: 'PDF, JPG, or PNG file, no larger than 10 MB', area: 'Premises area (m²)', address: 'Business address', replace: 'Upload a new Floor plan of the premises' },
    };

    for (const locale of LOCALES) {
      const page = await trackerFor(receiptNumber, queryCode, locale);
      const correction = page.locator('onetrip-track [part=correction]');
      const submit = correction.locator('button[type=submit]');
      expect(await text(page, '#correction-title')).toBe(w[locale].heading);
      expect(await text(page, '#file-M0030-hint')).toBe(w[locale].hint);
      // The address takes the form's width, as in the apply form
      const address = correction.getByLabel(w[locale].address);
      const [field, form] = await Promise.all([address.boundingBox(), correction.boundingBox()]);
      expect(field!.width).toBeGreaterThan(form!.width * 0.8);
      await expectAccessible(page);

      // Both fields wrong and no file: focus on the first problem on screen, the area
      await correction.getByLabel(w[locale].area).fill('abc');
      await address.fill('');
      await submit.click();
      await expect.poll(() => correction.locator('.error-message').count()).toBe(3);
      expect(await deepFocus(page)).toEqual({ tag: 'input', id: 'f-form-premisesArea' });
      await expectAccessible(page);

      // The fields put right but the flagged file not sent again: refused before anything is sent
      await correction.getByLabel(w[locale].area).fill('118');
      await address.fill('湖南省岳阳市岳阳楼区巴陵中路88号2楼');
      await submit.click();
      await expect.poll(() => text(page, '#file-M0030-error')).toContain(w[locale].replace);
      expect(await deepFocus(page)).toEqual({ tag: 'input', id: 'file-M0030' });
      expect((await env.t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body.status).toBe('deficient');
      await expectAccessible(page);
      await page.context().close();
    }

    // With the file, the one correction is taken
    const page = await trackerFor(receiptNumber, queryCode, 'zh-CN');
    const correction = page.locator('onetrip-track [part=correction]');
    await correction.getByLabel(w['zh-CN'].area).fill('118');
    await correction.getByLabel(w['zh-CN'].address).fill('湖南省岳阳市岳阳楼区巴陵中路88号2楼');
    await correction.locator('#file-M0030').setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 corrected floor plan') });
    await correction.locator('button[type=submit]').click();
    await expect.poll(() => text(page, '[part=status]'), { timeout: 15_000 }).toContain('已提交，等待预审');
    await page.context().close();
    const [record] = (await caseItems(env.t, caseId, 'CASE')) as { form: Record<string, unknown> }[];
    expect(record!.form).toMatchObject({ premisesArea: 118, premisesAddress: '湖南省岳阳市岳阳楼区巴陵中路88号2楼' });
  });

  it('shows a flagged field the API refuses beside the field, in the widget language', async () => {
    const { caseId, receiptNumber, queryCode } = await submitCase();
    const clerk = await env.t.api.token('clerk');
    await env.t.api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'deficient', deficiencies: [{ path: '/form/premisesArea', message: '面积与平面图不一致' }] }, { token: clerk });
    // The browser's checks are the API's, so only a refusal the browser cannot foresee reaches here: one is played.
    const page = await mount(env, `<onetrip-track receipt="${receiptNumber}" query-code="${queryCode}" locale="zh-CN"></onetrip-track>`, async (p) => {
      await p.route('**/corrections?*', (route) =>
        route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'The correction is invalid', fields: [{ path: '/form/premisesArea', message: 'does not match the floor plan' }] } }) }),
      );
    });
    await page.locator('onetrip-track [part=result]').waitFor();

    await page.locator('onetrip-track [part=correction] button[type=submit]').click();

    await expect.poll(() => text(page, '#f-form-premisesArea-error')).toContain('经营场所面积（平方米）填写有误');
    expect(await text(page, '[part=correction]')).not.toContain('does not match');
    await expectAccessible(page);
    await page.context().close();
  });

  it('says a result is delayed, in both languages, accessibly, while the case view says so', async () => {
    // Prepare: a case whose certificate could not be made (as the certificates worker records it)
    const { caseId, receiptNumber, queryCode } = await submitCase();
    await env.t.dynamo.send(new UpdateCommand({ TableName: env.t.dataTable, Key: caseKey(caseId), UpdateExpression: 'SET delayedResults = :d', ExpressionAttributeValues: { ':d': [`${caseId}-t0`] } }));
    const said = { 'zh-CN': '办理结果的制作遇到问题，发放将延迟', en: 'Making your result ran into a problem, so it will be late' };

    for (const locale of LOCALES) {
      // Act
      const page = await trackerFor(receiptNumber, queryCode, locale);

      // Assess
      expect(await text(page, '[part=result-delayed]')).toContain(said[locale]);
      await expectAccessible(page);
    }
  });

  it("shows each department's task as the reviewer and the chief representative act", async () => {
    const { caseId, receiptNumber, queryCode } = await submitCase();
    const clerk = await env.t.api.token('clerk');
    await env.t.api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'accept' }, { token: clerk });
    await env.t.platform.idle();
    const reviewer = await env.t.api.token(`reviewer-${FOOD_DEPARTMENT}`);
    const tasks = await env.t.api.get('/v1/staff/tasks?status=pending', reviewer);
    const task = tasks.body.tasks.find((x: { taskId: string }) => x.taskId.startsWith(caseId));
    const approved = await env.t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'approve', opinion: '符合条件，同意许可' }, { token: reviewer });
    expect(approved.status).toBe(200);

    // A deferred material supplied while the department reviews
    const supplying = await trackerFor(receiptNumber, queryCode, 'zh-CN');
    const supply = supplying.locator('onetrip-track [part=supply]');
    await expectAccessible(supplying);
    await supply.getByLabel('补交：食品安全管理制度').setInputFiles({ name: 'rules.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 food safety rules') });
    await supply.getByRole('button', { name: '提交补交材料' }).click();
    await expect.poll(() => text(supplying, '[part=deferred]'), { timeout: 15_000 }).toMatch(/食品安全管理制度：.*已补交/);
    expect(await text(supplying, '[part=result]')).toContain('容缺材料已补交');
    expect(await text(supplying, '[part=deferred]')).toMatch(/主要设备设施清单：.*待补交/);
    await expectAccessible(supplying);
    await supplying.context().close();

    for (const locale of LOCALES) {
      const page = await trackerFor(receiptNumber, queryCode, locale);
      const row = await text(page, '[part=tasks] tbody tr');
      expect(row).toContain(locale === 'en' ? 'Yueyang Administration for Market Regulation' : '岳阳市市场监督管理局');
      expect(row).toContain(locale === 'en' ? 'waiting for the chief representative to sign' : '待首席代表签发');
      expect(await text(page, '[part=status]')).toContain(locale === 'en' ? 'Under review' : '部门审查中');
      await expectAccessible(page);
      await page.context().close();
    }

    const chief = await env.t.api.token(`chief-${FOOD_DEPARTMENT}`);
    const signed = await env.t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, { token: chief });
    expect(signed.status).toBe(200);
    await env.t.platform.idle();
    // Approved with a deferred material still open: the results wait for it, and it can be supplied here
    for (const locale of LOCALES) {
      const page = await trackerFor(receiptNumber, queryCode, locale);
      expect(await text(page, '[part=status]')).toContain(locale === 'en' ? 'the result is issued once you supply the deferred documents' : '审批已完成，补交容缺材料后发放结果');
      expect(await text(page, '[part=status]')).not.toContain(locale === 'en' ? 'will reach you' : '将按您选择的方式送达');
      expect(await text(page, '[part=tasks] tbody tr')).toContain(locale === 'en' ? 'Approved' : '已批准');
      expect(await text(page, '[part=timeline]')).toContain(locale === 'en' ? 'approved and signed by the chief representative' : '首席代表签发：批准');
      expect(await text(page, '[part=timeline]')).toContain(locale === 'en' ? 'results are released together once the case is done' : '办结后统一发放');
      expect(await page.locator('onetrip-track [part=supply] input[type=file]').count()).toBe(1);
      await expectAccessible(page);
      await page.context().close();
    }

    // Supplied: the result is issued, and the status says completed
    const last = await trackerFor(receiptNumber, queryCode, 'zh-CN');
    const lastSupply = last.locator('onetrip-track [part=supply]');
    await lastSupply.getByLabel('补交：主要设备设施清单').setInputFiles({ name: 'equipment.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 equipment list') });
    await lastSupply.getByRole('button', { name: '提交补交材料' }).click();
    await expect.poll(() => text(last, '[part=deferred]'), { timeout: 15_000 }).toMatch(/主要设备设施清单：[^（]*（已补交）/);
    await expect.poll(() => last.locator('onetrip-track [part=supply]').count()).toBe(0);
    expect(await text(last, '[part=status]')).toContain('已办结');
    await expectAccessible(last);
    await last.context().close();
    await env.t.platform.idle();
    expect((await env.t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body.results).toHaveLength(1);
  });

  it('lists the messages with the text message masked and opts out of non-essential ones with the checkbox, accessibly, in both languages', async () => {
    // Prepare: a message and its text, as the notifications consumer records them
    const c = await submitCase();
    const at = new Date().toISOString();
    const applicant = (address?: string) => ({ kind: 'applicant' as const, ...(address ? { address } : {}) });
    await putNotification(env.t, c, { eventId: 'e-widget', template: 'submitted', channel: 'inapp', recipient: applicant(), createdAt: at });
    await putNotification(env.t, c, { eventId: 'e-widget', template: 'submitted', channel: 'sms', recipient: applicant('13907301234'), createdAt: at, status: 'delivered', settledAt: at });
    const optOut = async () => (await env.t.api.get(`/v1/applications/${c.receiptNumber}/messages?queryCode=${c.queryCode}`)).body.optOut;

    for (const locale of LOCALES) {
      // Act
      const page = await trackerFor(c.receiptNumber, c.queryCode, locale);
      await page.locator('onetrip-track [part=message]').first().waitFor();
      const shown = await text(page, '[part=messages]');
      await expectAccessible(page);
      const box = page.locator('onetrip-track #opt-out');
      const wanted = locale === 'zh-CN';
      expect(await box.isChecked()).toBe(!wanted);
      await box.setChecked(wanted);

      // Assess
      expect(shown).toContain('139****1234');
      expect(shown).not.toContain('13907301234');
      expect(shown).toContain(locale === 'en' ? 'delivered' : '已送达');
      await expect.poll(optOut).toBe(wanted);
      await expect.poll(() => text(page, '[role=status]')).toContain(locale === 'en' ? 'Saved' : '已设置');
      await expectAccessible(page);
    }
  });

  it('words each notification on the timeline by its message, channel and masked address, in both languages', async () => {
    // Prepare: the case view with two failures and a delivery, as the notifications consumer writes them (detail {template, channel, to})
    const c = await submitCase();
    const at = new Date().toISOString();
    const notified = (seq: number, status: string, template: string, channel: string, to: string) => ({ seq, at, action: `notification.${status}`, actor: { type: 'system' }, detail: { template, channel, to } });
    const entries = [
      notified(90, 'failed', 'accepted', 'sms', '139****1234'),
      notified(91, 'undeliverable', 'ticket_issued', 'email', 'l***@example.com'),
      notified(92, 'delivered', 'accepted', 'email', 'l***@example.com'),
    ];
    const said = {
      'zh-CN': ['短信“受理通知”未能送达 139****1234', '邮件“缴费通知”未能送达 l***@example.com', '邮件“受理通知”已送达 l***@example.com'],
      en: ['“Acceptance notice” could not reach 139****1234 by text message', '“Fee ticket” could not reach l***@example.com by email', '“Acceptance notice” reached l***@example.com by email'],
    };

    for (const locale of LOCALES) {
      // Act
      const page = await mount(env, `<onetrip-track receipt="${c.receiptNumber}" query-code="${c.queryCode}" locale="${locale}"></onetrip-track>`, async (p) => {
        await p.route(`**/v1/applications/${c.receiptNumber}?*`, async (route) => {
          const reply = await route.fetch();
          const view = await reply.json();
          await route.fulfill({ response: reply, json: { ...view, timeline: [...view.timeline, ...entries] } });
        });
      });
      await page.locator('onetrip-track [part=result]').waitFor();

      // Assess
      const shown = await text(page, '[part=timeline]');
      for (const line of said[locale]) expect(shown).toContain(line);
      expect(shown).not.toContain(locale === 'en' ? 'A text message or email' : '短信或邮件通知');
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('prefills the form from onetrip-submitted, tells the page what it found, and follows attributes set later', async () => {
    const { receiptNumber, queryCode } = await submitCase();
    const page = await mount(env, '<onetrip-track></onetrip-track>');
    const track = page.locator('onetrip-track');
    await track.getByLabel(words['zh-CN'].receipt).waitFor();
    await page.evaluate(
      (detail) => document.body.dispatchEvent(new CustomEvent('onetrip-submitted', { bubbles: true, composed: true, detail })),
      { receiptNumber, queryCode },
    );
    await expect.poll(() => track.getByLabel(words['zh-CN'].receipt).inputValue()).toBe(receiptNumber);
    expect(await track.getByLabel(words['zh-CN'].queryCode).inputValue()).toBe(queryCode);
    const found = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('onetrip-tracked', (e) => resolve((e as CustomEvent).detail), { once: true })),
    );
    await track.getByRole('button', { name: words['zh-CN'].lookup }).click();
    expect(await found).toEqual({ receiptNumber, status: 'submitted' });
    await page.context().close();

    // Attributes the page sets after the element is on it (the portal's track page reads them from its URL)
    const later = await mount(env, '<onetrip-track></onetrip-track>');
    await later.locator('onetrip-track input#receipt').waitFor();
    await later.evaluate(({ receiptNumber: r, queryCode: q }) => {
      const el = document.querySelector('onetrip-track')!;
      el.setAttribute('receipt', r);
      el.setAttribute('query-code', q);
    }, { receiptNumber, queryCode });
    await later.locator('onetrip-track [part=result]').waitFor();
    expect(await deepFocus(later)).toEqual({ tag: 'body', id: '' });
    await later.context().close();
  });
});
