/**
 * `<onetrip-apply>` in a real Chromium against the local platform: accessible in every
 * state and both languages, usable with the keyboard alone, a draft that survives a
 * reload, one case for a retried submit, and validation under a strict CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, startWidgetEnv, type WidgetEnv } from './harness.js';
import { applicantCompany, courierDelivery, foodLicenceForm } from '../support/fixtures.js';
import { DEFERRED, fillApplicant, fillDelivery, fillDetails, fillMaterials, fillToReview, heading, next, pdf, UPLOADED } from './apply-journey.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});


/** The focused element, through every open shadow root. */
const focusedId = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.id ?? '';
  });

/** Presses Tab until the element with this id has focus (fails if it is not reachable). */
async function tabTo(page: Page, id: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} was not reached with Tab (focus is on #${await focusedId(page)})`);
}


/** No axe violations, in the language of the page: axe passing on the other language would prove nothing about this one. */
async function expectNoViolations(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
  await expectPageLanguage(page, state);
}

/**
 * The form renders in its page's language (`-en.html`: English): it declares it, and its own
 * words — the steps, the step's heading, the buttons, the receipt — are all in it (what the
 * applicant typed and the catalog's names may be Chinese either way).
 */
async function expectPageLanguage(page: Page, state: string): Promise<void> {
  const english = new URL(page.url()).pathname.endsWith('-en.html');
  expect(await page.locator('onetrip-apply .apply').getAttribute('lang'), state).toBe(english ? 'en' : 'zh-CN');
  const words = await page.locator('onetrip-apply').locator('ol.steps, #step-heading, .actions button, section.receipt').allInnerTexts();
  expect(words.length, state).toBeGreaterThan(0);
  for (const text of words) expect(/\p{Script=Han}/u.test(text), `${state}: ${text}`).toBe(!english);
}

describe('<onetrip-apply>', () => {
  it('has no axe violations in any state, in Chinese and in English', async () => {
    for (const path of ['/test/apply.html', '/test/apply-en.html']) {
      const page = await env.open(path);
      await heading(page).waitFor();
      await expectNoViolations(page, `${path} empty`);

      await page.click('onetrip-apply #next');
      await page.locator('onetrip-apply onetrip-error-summary [role="alert"]').waitFor();
      await expectNoViolations(page, `${path} with errors`);

      await fillApplicant(page);
      await expectNoViolations(page, `${path} applicant filled`);
      await next(page, 2);
      await page.click('onetrip-apply #next');
      await page.locator('#f-form-premisesAddress-error').waitFor();
      await expectNoViolations(page, `${path} details with errors`);
      await fillDetails(page);
      await expectNoViolations(page, `${path} details filled`);
      await next(page, 3);
      await fillMaterials(page);
      await expectNoViolations(page, `${path} materials filled`);
      await next(page, 4);
      await fillDelivery(page);
      await expectNoViolations(page, `${path} delivery filled`);
      await next(page, 5);
      await expectNoViolations(page, `${path} review`);

      await page.click('onetrip-apply #next');
      await page.locator('onetrip-apply [data-receipt-number]').waitFor();
      await expectNoViolations(page, `${path} receipt`);
      await page.context().close();
    }
  });

  it('can be completed with the keyboard alone', async () => {
    const page = await env.open('/test/apply.html');
    await page.evaluate(() => {
      document.addEventListener('onetrip-submitted', (e) => ((window as unknown as { submitted: unknown }).submitted = (e as CustomEvent).detail), { once: true });
    });
    await heading(page).waitFor();

    // 1 Applicant: an organisation (arrow keys choose within a radio group).
    await tabTo(page, 'f-applicant-type');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'f-applicant-name');
    await page.keyboard.type(applicantCompany.name);
    await tabTo(page, 'f-applicant-idNumber');
    await page.keyboard.type(applicantCompany.idNumber.toLowerCase());
    await tabTo(page, 'f-applicant-phone');
    await page.keyboard.type(applicantCompany.phone);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('step-heading');

    // 2 Application details, with one mistake found and fixed through the error summary; the
    //   organisation's name, credit code and phone are taken from step 1, the legal representative it did not give is asked.
    expect(await page.locator('onetrip-apply [data-taken]').evaluateAll((dds) => dds.map((dd) => dd.getAttribute('data-taken')))).toEqual(['companyName', 'creditCode', 'contactMobile']);
    for (const [id, value] of [
      ['f-form-legalRepresentative', foodLicenceForm.legalRepresentative],
      ['f-form-premisesAddress', '巴陵中'],
    ] as const) {
      await tabTo(page, id);
      await page.keyboard.type(value);
    }
    await tabTo(page, 'f-form-businessCategories');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'f-form-premisesArea');
    await page.keyboard.type('120.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('onetrip-apply onetrip-error-summary a').count()).toBe(1);
    await page.keyboard.press('Tab'); // from the focused summary to its first link
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('f-form-premisesAddress');
    await page.keyboard.type('路88号');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('step-heading');

    // 3 Materials: choosing a file needs the OS dialog, so the focused input is given one.
    for (const code of UPLOADED) {
      await tabTo(page, `f-material-${code}`);
      const input = await page.evaluateHandle(() => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active as HTMLInputElement;
      });
      await input.asElement()!.setInputFiles(pdf(code));
      await page.locator(`#f-material-${code}-done`).waitFor();
    }
    for (const code of DEFERRED) {
      await tabTo(page, `f-material-${code}-defer`);
      await page.keyboard.press('Space');
      await tabTo(page, `f-material-${code}-commit`);
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'next');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('step-heading');

    // 4 Delivery by courier; the phone is taken from the applicant.
    await tabTo(page, 'f-delivery-mode');
    await page.keyboard.press('Space');
    for (const key of ['recipient', 'province', 'city', 'district', 'detail'] as const) {
      await tabTo(page, `f-delivery-address-${key}`);
      await page.keyboard.type(courierDelivery.address[key]);
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('step-heading');

    // 5 Review, then submit.
    await tabTo(page, 'next');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page), { timeout: 15_000 }).toBe('receipt-heading');
    const receipt = (await page.evaluate(() => (window as unknown as { submitted: unknown }).submitted)) as Record<string, string>;
    expect(await page.locator('onetrip-apply [data-receipt-number]').textContent()).toBe(receipt.receiptNumber);
    expect(await page.locator('onetrip-apply [data-query-code]').textContent()).toBe(receipt.queryCode);

    const status = await env.t.api.get(`/v1/applications/${receipt.receiptNumber}?queryCode=${encodeURIComponent(receipt.queryCode!)}`);
    expect(status.status).toBe(200);
    expect(status.body.receiptNumber).toBe(receipt.receiptNumber);
    await page.context().close();
  });

  it('keeps a draft across a reload, and discards it on request', async () => {
    const page = await env.open('/test/apply.html');
    await heading(page).waitFor();
    await fillApplicant(page);
    await next(page, 2);
    await page.fill('#f-form-premisesAddress', '草稿里的经营场所地址');
    await page.fill('#f-form-premisesArea', '88');

    await page.reload();
    await heading(page).waitFor();
    expect(await page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe('2');
    expect(await page.inputValue('#f-form-premisesAddress')).toBe('草稿里的经营场所地址');
    expect(await page.inputValue('#f-form-premisesArea')).toBe('88');
    await page.click('onetrip-apply #back');
    expect(await page.inputValue('#f-applicant-name')).toBe(applicantCompany.name);
    expect(await page.isChecked('#f-applicant-type-1')).toBe(true);

    await page.click('onetrip-apply #discard');
    await expect.poll(() => focusedId(page)).toBe('discard-question');
    await page.click('onetrip-apply #discard-confirm');
    await expect.poll(() => focusedId(page)).toBe('step-heading');
    expect(await page.inputValue('#f-applicant-name')).toBe('');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('onetrip.apply:')))).toEqual([]);
    await page.reload();
    await heading(page).waitFor();
    expect(await page.inputValue('#f-applicant-name')).toBe('');
    await page.context().close();
  });

  it('retries a submit whose answer was lost with the same key: one case', async () => {
    const page = await env.open('/test/apply.html');
    await fillToReview(page);
    let created: { receiptNumber: string } | undefined;
    const keys: string[] = [];
    await page.route('**/v1/applications', async (route) => {
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (created) return route.continue();
      const response = await route.fetch(); // the server creates the case ...
      created = await response.json();
      return route.abort('connectionreset'); // ... and the answer never reaches the page
    });

    await page.click('onetrip-apply #next');
    await page.locator('onetrip-apply #submit-problem').waitFor();
    expect(created?.receiptNumber).toMatch(/\S/);
    const saved = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('onetrip.apply:'))?.[1]);
    expect(JSON.parse(saved!).draft.submission.key).toBe(keys[0]);

    await page.click('onetrip-apply #next');
    await page.locator('onetrip-apply [data-receipt-number]').waitFor();
    expect(await page.locator('onetrip-apply [data-receipt-number]').textContent()).toBe(created!.receiptNumber);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);

    const clerk = await env.t.api.token('clerk');
    const queue = await env.t.api.get('/v1/staff/cases?status=submitted', clerk);
    expect(queue.status).toBe(200);
    expect(queue.body.cases.filter((c: { receiptNumber: string }) => c.receiptNumber === created!.receiptNumber)).toHaveLength(1);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('onetrip.apply:')))).toEqual([]);
    await page.context().close();
  });

  it("places the API's field errors by their rule and params, whatever language the API words them in", async () => {
    // Prepare: the API refuses the first deferred material's due date (a public holiday) and misses an upload, in Chinese
    const page = await env.open('/test/apply.html');
    await fillToReview(page);
    await page.route('**/v1/applications', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        headers: { 'content-language': 'zh-CN' },
        body: JSON.stringify({
          error: {
            code: 'VALIDATION_FAILED',
            message: '申请内容有误',
            fields: [
              { path: '/deferred/0/dueDate', message: '2027-01-01 不是工作日（周末或法定节假日），请选择工作日', rule: 'not_working_day', params: { date: '2027-01-01' } },
              { path: '/materials', message: 'M0002（食品安全管理制度）为必交材料', rule: 'material_required', params: { materialCode: 'M0002', material: '食品安全管理制度', deferrable: 0 } },
            ],
          },
        }),
      }),
    );

    // Act
    await page.click('onetrip-apply #next');

    // Assess: back on the materials step, each error at its own field, in the widget's words
    await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe('3');
    const due = await page.locator(`#f-material-${DEFERRED[0]}-due-error`).textContent();
    expect(due).toContain('不是工作日');
    expect(due).toContain('2027');
    expect(await page.locator('#f-material-M0002-error').textContent()).toContain('请上传');
    await page.context().close();
  });

  it('keeps the case of a lost answer even when the form was changed before the retry', async () => {
    const page = await env.open('/test/apply.html');
    await fillToReview(page);
    let created: { receiptNumber: string } | undefined;
    await page.route('**/v1/applications', async (route) => {
      if (created) return route.continue();
      created = await (await route.fetch()).json();
      return route.abort('connectionreset');
    });
    await page.click('onetrip-apply #next');
    await page.locator('onetrip-apply #submit-problem').waitFor();

    // A change after the lost answer: the same key now carries another body (the API answers 422).
    await page.click('onetrip-apply .review-section:nth-of-type(2) button');
    await page.fill('#f-form-premisesArea', '99');
    await page.click('onetrip-apply #next');
    await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe('5');
    await page.click('onetrip-apply #next');
    await page.locator('onetrip-apply [data-receipt-number]').waitFor();
    expect(await page.locator('onetrip-apply [data-receipt-number]').textContent()).toBe(created!.receiptNumber);
    expect(await page.locator('onetrip-apply .receipt .notice').count()).toBe(1);
    await page.context().close();
  });

  it('checks a file before sending it, and retries a failed upload', async () => {
    const page = await env.open('/test/apply.html');
    await heading(page).waitFor();
    await fillApplicant(page);
    await next(page, 2);
    await fillDetails(page);
    await next(page, 3);
    const announced = page.locator('onetrip-apply [aria-live="polite"]');
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/uploads')) uploads.push(request.url());
    });

    await page.setInputFiles('#f-material-M0003', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a pdf') });
    await expect.poll(() => page.locator('#f-material-M0003-error').textContent()).toContain('PDF');
    expect(uploads).toEqual([]);

    let failed = false;
    await page.route(
      (url) => url.pathname.includes('/uploads/'),
      (route) => {
        if (failed || route.request().method() !== 'PUT') return route.continue();
        failed = true;
        return route.abort('connectionreset');
      },
    );
    await page.setInputFiles('#f-material-M0003', pdf('M0003'));
    await expect.poll(() => announced.textContent()).toContain('上传失败');
    await page.click('onetrip-apply #f-material-M0003 ~ button');
    await page.locator('#f-material-M0003-done').waitFor();
    expect(await announced.textContent()).toContain('上传完成');
    expect(uploads).toHaveLength(2);
    await page.context().close();
  });

  it('takes a proof from the certificate library, opened with the code texted to the holder, instead of an upload, keeps the choice in the draft, and falls back to a file when refused', async () => {
    const HELD = { proof: 'P001', verificationCode: '7KQM-3H8X-PRTW', itemName: { zh: '企业设立登记', en: 'Company registration' }, issuedOn: '2026-11-20' };
    const CHALLENGE = { challengeId: 'c0ffee'.padEnd(32, '0'), expiresAt: '2026-12-07T10:10:00.000Z' };
    const words = {
      '/test/apply.html': { reused: `已从证照库调取：企业设立登记（${HELD.verificationCode}，2026年11月20日签发），无需上传`, review: `证照库：企业设立登记（${HELD.verificationCode}）`, wrong: '验证码不正确，还可以再试 4 次' },
      '/test/apply-en.html': { reused: `Taken from your certificate library: Company registration (${HELD.verificationCode}, issued November 20, 2026). No upload needed.`, review: `From your certificate library: Company registration (${HELD.verificationCode})`, wrong: 'The code is not right. You can try 4 more times' },
    };
    for (const [path, w] of Object.entries(words)) {
      const page = await env.open(path);
      const challenged: unknown[] = [];
      const asked: unknown[] = [];
      await page.route('**/v1/certificates/library/challenges', (route) => {
        challenged.push(route.request().postDataJSON());
        return route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify(CHALLENGE) });
      });
      await page.route('**/v1/certificates/library', (route) => {
        const body = route.request().postDataJSON();
        asked.push(body);
        return body.code === '246810'
          ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ held: [HELD] }) })
          : route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'LIBRARY_CODE_WRONG', message: 'Wrong', fields: [{ path: '/code', message: 'Wrong', rule: 'code_wrong', params: { attemptsLeft: 4 } }] } }) });
      });
      await heading(page).waitFor();
      await fillApplicant(page);
      await next(page, 2);
      await fillDetails(page);
      await next(page, 3);
      // Offered, never asked by itself: the identity alone opens nothing
      await page.locator('onetrip-apply #library-send').waitFor();
      expect([challenged, asked]).toEqual([[], []]);
      await expectNoViolations(page, `${path} library offered`);

      // A code for the applicant; the one-time-code field takes focus
      await page.click('onetrip-apply #library-send');
      await page.locator('onetrip-apply #library-code').waitFor();
      expect(challenged).toEqual([{ applicant: { idType: 'credit_code', idNumber: applicantCompany.idNumber, name: applicantCompany.name } }]);
      expect(await page.getAttribute('onetrip-apply #library-code', 'autocomplete')).toBe('one-time-code');
      expect(await page.getAttribute('onetrip-apply #library-code', 'inputmode')).toBe('numeric');
      await expect.poll(() => focusedId(page)).toBe('library-code');
      await expectNoViolations(page, `${path} library code asked`);

      // A wrong code is named on the field, with the tries left
      await page.fill('onetrip-apply #library-code', '135790');
      await page.click('onetrip-apply #library-check');
      await expect.poll(async () => (await page.locator('onetrip-apply #library-code-error').textContent())?.trim()).toContain(w.wrong);
      await expectNoViolations(page, `${path} library code wrong`);

      // The right one: the proofs the materials are (营业执照 P001, 法定代表人身份证明 P014)
      await page.fill('onetrip-apply #library-code', '246810');
      await page.click('onetrip-apply #library-check');
      const reused = page.locator('onetrip-apply #f-material-M0001-reused');
      await reused.waitFor();
      expect(asked.at(-1)).toEqual({ challengeId: CHALLENGE.challengeId, code: '246810', proofs: ['P001', 'P014'] });
      expect((await reused.textContent())?.replace(/\s+/g, ' ').trim()).toBe(`✓ ${w.reused}`);
      expect(await page.locator('#f-material-M0001').count()).toBe(0);
      expect(await page.isChecked('#f-material-M0001-upload')).toBe(false);
      await expectNoViolations(page, `${path} materials from the library`);

      // Upload instead: the file field appears, and the choice survives a reload without asking the library again
      await page.check('#f-material-M0001-upload');
      await page.locator('#f-material-M0001').waitFor();
      expect(await reused.count()).toBe(0);
      await expectNoViolations(page, `${path} uploading instead`);
      await page.reload();
      await heading(page).waitFor();
      expect(await page.isChecked('#f-material-M0001-upload')).toBe(true);
      await page.uncheck('#f-material-M0001-upload');
      await reused.waitFor();
      expect([challenged, asked].map((a) => a.length)).toEqual([1, 2]);
      if (path.endsWith('-en.html')) {
        await page.context().close();
        continue;
      }

      for (const code of UPLOADED.filter((c) => c !== 'M0001')) {
        await page.setInputFiles(`#f-material-${code}`, pdf(code));
        await page.locator(`#f-material-${code}-done`).waitFor();
      }
      for (const code of DEFERRED) {
        await page.check(`#f-material-${code}-defer`);
        await page.check(`#f-material-${code}-commit`);
      }
      await next(page, 4);
      await fillDelivery(page);
      await next(page, 5);
      expect(await page.locator('onetrip-apply .review-section:nth-of-type(3)').textContent()).toContain(w.review);
      await expectNoViolations(page, `${path} review with a certificate`);

      // The certificate goes instead of an upload; the API refuses it (revoked meanwhile): back to the materials, to upload
      const bodies: { materials: Record<string, string>[] }[] = [];
      await page.route('**/v1/applications', async (route) => {
        bodies.push(route.request().postDataJSON());
        const index = bodies[0]!.materials.findIndex((m) => m.certificateCode);
        if (bodies.length > 1) return route.continue();
        return route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'Invalid', fields: [{ path: `/materials/${index}/certificateCode`, message: 'The certificate was revoked' }] } }),
        });
      });
      await page.click('onetrip-apply #next');
      await expect.poll(() => page.locator('onetrip-apply li[aria-current="step"] .num').textContent()).toBe('3');
      expect(bodies[0]!.materials).toContainEqual({ materialCode: 'M0001', certificateCode: HELD.verificationCode });
      expect(await page.locator('#f-material-M0001-error').textContent()).toContain('证照库中的营业执照不能用于本次申请，请上传文件');
      expect(await page.isChecked('#f-material-M0001-upload')).toBe(true);
      await expectNoViolations(page, `${path} certificate refused`);
      await page.setInputFiles('#f-material-M0001', pdf('M0001'));
      await page.locator('#f-material-M0001-done').waitFor();
      await next(page, 4);
      await next(page, 5);
      await page.click('onetrip-apply #next');
      await page.locator('onetrip-apply [data-receipt-number]').waitFor();
      expect(bodies[1]!.materials.find((m) => m.materialCode === 'M0001')).toEqual({ materialCode: 'M0001', uploadId: expect.stringMatching(/^u_/) });
      await page.context().close();
    }
  });

  it('validates in the browser under a strict Content-Security-Policy', async () => {
    const context = await env.browser.newContext();
    await context.addInitScript(() => {
      (window as unknown as { cspViolations: string[] }).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(e.violatedDirective));
    });
    const submits: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('/v1/applications')) submits.push(request.url());
    });
    const page = await env.open('/test/apply-csp.html', { context });
    await heading(page).waitFor();

    // A person's empty name: then the applicant is a company, and the message under the renamed field says so
    await page.check('#f-applicant-type');
    await page.click('onetrip-apply #next');
    await expect.poll(() => page.locator('#f-applicant-name-error').textContent()).toContain('请填写姓名');
    await page.check('#f-applicant-type-1');
    await expect.poll(() => page.locator('#f-applicant-name-error').textContent()).toContain('请填写单位名称');
    expect(await page.locator('onetrip-apply onetrip-error-summary').textContent()).not.toContain('姓名');

    // The envelope's validator: an organisation's credit code with a wrong check character, said without a tautology
    await fillApplicant(page, '91430600MA4T8K2L38');
    await page.click('onetrip-apply #next');
    await expect.poll(() => page.locator('#f-applicant-idNumber-error').textContent()).toContain('统一社会信用代码有误：应为 18 位数字或大写字母');
    expect(await page.locator('#f-applicant-idNumber-error').textContent()).not.toMatch(/信用代码.*信用代码/);
    expect(await page.getAttribute('#f-applicant-idNumber', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-applicant-idNumber', 'aria-describedby')).toContain('f-applicant-idNumber-error');
    await page.fill('#f-applicant-idNumber', applicantCompany.idNumber);
    await next(page, 2);

    // The item's own validator, loaded as its own chunk.
    await fillDetails(page);
    await page.fill('#f-form-premisesArea', '0.5');
    await page.click('onetrip-apply #next');
    await expect.poll(() => page.locator('#f-form-premisesArea-error').textContent()).toContain('经营场所面积（平方米）不能小于 1');
    expect(await page.locator('onetrip-apply onetrip-error-summary a').count()).toBe(1);

    expect(submits).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    await context.close();
  });
});
