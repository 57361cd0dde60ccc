import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase, decideStage } from '../support/cases.js';
import { applicantCompany, courierDelivery, FOOD_DEPARTMENT, FOOD_LICENCE, foodLicenceForm } from '../support/fixtures.js';
import { axeViolations, describeViolations, startWidgetEnv, type WidgetEnv } from './harness.js';

// The test platform's sandbox courier moves a shipment only when told (POST /sandbox/courier/shipments/{waybill}/advance),
// so the delivery test sees the tracker follow each step it sends.

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

/** What must not change between the plain and the hostile page, per element inside the shadow roots. */
const PROPERTIES = [
  'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'word-spacing',
  'text-transform', 'text-align', 'text-shadow', 'color', 'background-color', 'display', 'visibility',
  'border-top-width', 'border-top-style', 'border-top-color', 'padding-top', 'padding-left', 'white-space',
] as const;

/** Elements compared: one of each kind that matters to a reader or a keyboard user, per widget. */
const GUIDE_AND_TRACK: Record<string, string[]> = {
  'onetrip-service-guide': ['h2', '[part=trips] strong', '[part=facts] dd', 'h3', 'li', 'thead th', 'tbody th', '[part=tag]', 'p.note'],
  'onetrip-track': ['h2', 'label', 'p.hint', 'input#receipt', 'input#query-code', 'button[type=submit]'],
};
const APPLY: Record<string, string[]> = {
  'onetrip-apply': ['form[part~=form] label', 'form[part~=form] input', 'form[part~=form] button', 'h2'],
};

type Styles = Record<string, Record<string, string> | null>;

/** Computed styles (and the rendered size of fields and buttons) inside each widget's shadow root. */
async function shadowStyles(page: Page, probes: Record<string, string[]>): Promise<Styles> {
  return page.evaluate(
    ({ probes, properties }) => {
      const out: Record<string, Record<string, string> | null> = {};
      for (const [tag, selectors] of Object.entries(probes)) {
        const root = document.querySelector(tag)?.shadowRoot;
        for (const selector of selectors) {
          const el = root?.querySelector(selector) as HTMLElement | null | undefined;
          if (!el) {
            out[`${tag} ${selector}`] = null;
            continue;
          }
          const style = getComputedStyle(el);
          const entry: Record<string, string> = {};
          for (const p of properties) entry[p] = style.getPropertyValue(p);
          if (/^(input|button|select|textarea)$/i.test(el.tagName)) {
            const box = el.getBoundingClientRect();
            entry.height = box.height.toFixed(1);
            if (el.tagName !== 'INPUT') entry.width = box.width.toFixed(1);
          }
          out[`${tag} ${selector}`] = entry;
        }
      }
      return out;
    },
    { probes, properties: [...PROPERTIES] },
  );
}

/** Every property of every probe that differs, as `probe property: expected → actual`. */
function differences(expected: Styles, actual: Styles): string[] {
  return Object.keys(expected).flatMap((probe) =>
    Object.keys(expected[probe] ?? {})
      .filter((property) => actual[probe]?.[property] !== expected[probe]![property])
      .map((property) => `${probe} ${property}: ${expected[probe]![property]} → ${actual[probe]?.[property]}`),
  );
}

/** Opens a portal page and waits until every widget on it has rendered its content. */
async function openRendered(path: string): Promise<Page> {
  const page = await env.open(path);
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.locator('onetrip-service-guide h2').waitFor();
  await page.locator('onetrip-track input#receipt').waitFor();
  await page.locator('onetrip-apply form[part~=form]').first().waitFor();
  return page;
}

describe('the demo portal', () => {
  it('has a home page linking every department page, all accessible', async () => {
    const page = await env.open('/');
    const links = await page.locator('nav a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['/market.html', '/hrss.html', '/housing.html', '/track.html']));
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    for (const path of ['/market.html', '/hrss.html', '/housing.html', '/track.html']) {
      const dept = await page.context().newPage();
      await dept.goto(new URL(path, env.t.platform.url).href);
      // Every widget on the page has rendered its content
      const rendered = { 'onetrip-service-guide': 'h2', 'onetrip-apply': 'form[part~=form]', 'onetrip-track': 'input#receipt' };
      for (const [tag, inner] of Object.entries(rendered)) {
        if ((await dept.locator(tag).count()) > 0) await dept.locator(`${tag} ${inner}`).first().waitFor();
      }
      const deptViolations = await axeViolations(dept);
      expect(deptViolations, `${path}\n${describeViolations(deptViolations)}`).toEqual([]);
    }
    await page.context().close();
  });

  it('keeps the language on every page and link: English pages carry ?lang=en everywhere and link back to Chinese', async () => {
    const page = await env.open('/?lang=en');
    for (const path of ['/', '/market.html', '/hrss.html', '/housing.html', '/business.html', '/track.html', '/sms.html']) {
      await page.goto(new URL(`${path}?lang=en`, env.t.platform.url).href);
      const links = await page.locator('a[href]:not(.lang)').evaluateAll((as) =>
        as.map((a) => new URL((a as HTMLAnchorElement).href)).filter((u) => u.origin === location.origin && !(u.pathname === location.pathname && u.hash)).map((u) => u.href));
      expect(links.length, path).toBeGreaterThan(3);
      for (const href of links) expect(new URL(href).searchParams.get('lang'), `${path}: ${href}`).toBe('en');
      const back = page.locator('a.lang');
      expect(await back.textContent(), path).toBe('中文');
      expect(await back.getAttribute('lang'), path).toBe('zh-CN');
      expect(new URL(await back.evaluate((a) => (a as HTMLAnchorElement).href)).searchParams.has('lang'), path).toBe(false);
      const violations = await axeViolations(page);
      expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
    }
    // Chinese: the switch leads to English and keeps the rest of the address (a track page's receipt)
    await page.goto(new URL('/track.html?receipt=R1&queryCode=Q1', env.t.platform.url).href);
    const toEnglish = new URL(await page.locator('a.lang').evaluate((a) => (a as HTMLAnchorElement).href));
    expect(Object.fromEntries(toEnglish.searchParams)).toEqual({ receipt: 'R1', queryCode: 'Q1', lang: 'en' });
    expect(await page.locator('nav a').evaluateAll((as) => as.filter((a) => (a as HTMLAnchorElement).href.includes('lang=')).length)).toBe(0);
    await page.context().close();
  });

  it('renders the service guide and the tracker under hostile global CSS exactly as on the plain page with the same theme', async () => {
    const plain = await openRendered('/market.html');
    const hostile = await openRendered('/hostile.html');
    // The hostile CSS is really there: the page's own text is mangled
    expect(await hostile.evaluate(() => getComputedStyle(document.querySelector('h1')!).textTransform)).toBe('uppercase');
    expect(await hostile.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Comic Sans');

    const expected = await shadowStyles(plain, GUIDE_AND_TRACK);
    expect(Object.values(expected).every(Boolean), JSON.stringify(expected)).toBe(true);
    expect(differences(expected, await shadowStyles(hostile, GUIDE_AND_TRACK))).toEqual([]);
    // And the theme arrived through the custom properties
    expect(expected['onetrip-track button[type=submit]']!['background-color']).toBe('rgb(11, 92, 74)');
    expect(expected['onetrip-service-guide h2']!['font-family']).toContain('Serif');
    await plain.context().close();
    await hostile.context().close();
  });

  it('renders the application form under hostile global CSS as on the plain page', async () => {
    const plain = await openRendered('/market.html');
    const hostile = await openRendered('/hostile.html');
    const expected = await shadowStyles(plain, APPLY);
    expect(Object.values(expected).every(Boolean), JSON.stringify(expected)).toBe(true);
    expect(differences(expected, await shadowStyles(hostile, APPLY))).toEqual([]);
  });

  it('takes a citizen from the portal home through applying with a file upload to tracking the case to completion', async () => {
    // The portal home, then the market regulation department's page
    const page = await env.open('/');
    await page.getByRole('navigation').getByRole('link', { name: '市场监督管理局' }).click();
    await page.waitForURL('**/market.html');
    await expect.poll(() => page.locator('onetrip-service-guide').getByRole('heading', { level: 2 }).textContent()).toBe('食品经营许可');
    const submitted = page.evaluate(
      () => new Promise<Record<string, string>>((resolve) => document.addEventListener('onetrip-submitted', (e) => resolve((e as CustomEvent).detail), { once: true })),
    );
    submitted.catch(() => undefined); // awaited below; a failure before then closes the page

    // Apply through the form's accessible UI, step by step
    const apply = page.locator('onetrip-apply');
    // A field by the start of its label: "收件人" is not "收件人手机号码"
    const textbox = (label: string) => apply.getByRole('textbox', { name: new RegExp(`^${label}(\\s|（|$)`) });
    const next = async (heading: string) => {
      await apply.getByRole('button', { name: '下一步' }).click();
      await expect.poll(() => apply.getByRole('heading', { level: 2 }).first().textContent()).toContain(heading);
    };
    await apply.getByRole('radio', { name: '企业或其他组织' }).check();
    await textbox('单位名称').fill(applicantCompany.name);
    await textbox('统一社会信用代码').fill(applicantCompany.idNumber);
    await textbox('法定代表人').fill(applicantCompany.legalRepresentative);
    await textbox('手机号码').fill(applicantCompany.phone);
    await next('申请信息');
    // The organisation's name, credit code, legal representative and phone are taken from step 1, not asked again
    await apply.locator('[data-taken=companyName]').waitFor();
    await textbox('经营场所地址').fill(foodLicenceForm.premisesAddress);
    await apply.getByRole('radio', { name: '餐饮服务经营者' }).check();
    await textbox('经营场所面积').fill(String(foodLicenceForm.premisesArea));
    await next('申请材料');
    for (const name of ['申请书', '营业执照', '法定代表人身份证明', '经营场所平面布局图']) {
      const file = `${name}.pdf`;
      await apply.getByLabel(name).setInputFiles({ name: file, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${name} ${Date.now()}`) });
      await apply.getByText(`已上传：${file}`).waitFor();
    }
    for (const [index, name] of ['主要设备设施清单', '食品安全管理制度'].entries()) {
      await apply.getByRole('checkbox', { name: '容缺后补' }).nth(index).check();
      await apply.getByRole('group', { name: `${name}：容缺后补承诺` }).getByRole('checkbox').check();
    }
    await next('送达方式');
    await apply.getByRole('radio', { name: '快递送达' }).check();
    const address = courierDelivery.address;
    for (const [label, value] of [['收件人', address.recipient], ['省', address.province], ['市', address.city], ['区', address.district], ['详细地址', address.detail]]) {
      await textbox(label!).fill(value!);
    }
    await next('核对');
    await apply.getByRole('button', { name: '提交申请' }).click();
    const { receiptNumber, queryCode } = await submitted;
    await apply.getByRole('heading', { name: '申请已提交' }).waitFor();
    expect(await apply.getByText(receiptNumber!, { exact: true }).count()).toBeGreaterThan(0);
    expect(await apply.getByText(queryCode!, { exact: true }).count()).toBeGreaterThan(0);
    // The page's own tracker was filled in from the event, and the page links to the track page
    expect(await page.locator('onetrip-track').getByRole('textbox', { name: '受理编号' }).inputValue()).toBe(receiptNumber);
    expect(await page.locator('#after-submit a').getAttribute('href')).toContain(encodeURIComponent(receiptNumber!));

    // Staff act through the API: the window accepts, the department reviews, its chief representative signs
    const status = () => env.t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`);
    const { caseId } = (await status()).body;
    const clerk = await env.t.api.token('clerk');
    expect((await env.t.api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'accept' }, { token: clerk })).status).toBe(200);
    await env.t.platform.idle();
    const reviewer = await env.t.api.token(`reviewer-${FOOD_DEPARTMENT}`);
    const { taskId } = (await status()).body.tasks[0];
    expect((await env.t.api.post(`/v1/staff/tasks/${taskId}/decision`, { decision: 'approve', opinion: '符合条件，同意许可' }, { token: reviewer })).status).toBe(200);

    // The portal's track page, typed in by hand: the department has reviewed
    await page.getByRole('navigation').getByRole('link', { name: '办件查询' }).click();
    await page.waitForURL('**/track.html');
    const track = page.locator('onetrip-track');
    await track.getByRole('textbox', { name: '受理编号' }).fill(receiptNumber!);
    await track.getByRole('textbox', { name: '查询码' }).fill(queryCode!);
    await track.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => track.locator('[part=tasks]').textContent()).toContain('待首席代表签发');

    // The chief representative signs: approved, its results waiting for the deferred material
    const chief = await env.t.api.token(`chief-${FOOD_DEPARTMENT}`);
    expect((await env.t.api.post(`/v1/staff/tasks/${taskId}/decision`, { decision: 'sign' }, { token: chief })).status).toBe(200);
    await env.t.platform.idle();
    await track.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => track.locator('[part=status]').textContent()).toContain('已审批，待补交容缺材料');
    expect(await track.locator('[part=tasks]').textContent()).toContain('已批准');
    expect(await track.locator('[part=tasks]').textContent()).toContain('岳阳市市场监督管理局');
    expect(await track.locator('[part=timeline]').textContent()).toContain('首席代表签发：批准');
    expect(await track.locator('[part=deferred]').textContent()).toContain('食品安全管理制度');
    await page.context().close();
  });

  it("pays a case's one fee ticket from the track page at the sandbox provider, and comes back to it paid", async () => {
    // The construction bundle's ticket is issued when the window accepts the case: seven departments' fees on one ticket
    const c = await acceptedCase(env.t, { bundleCode: 'CONSTRUCTION-JOINT' }, { form: { floorArea: 1234.5, relocation: true, smallMicroEnterprise: false } });
    const page = await env.open(`/track.html?receipt=${c.receiptNumber}&queryCode=${c.queryCode}`);
    const fee = page.locator('onetrip-track onetrip-fee-ticket');
    await expect.poll(() => fee.locator('[part=status] strong').textContent()).toBe('待缴费');
    expect(await fee.locator('table[part=lines] th[scope=rowgroup]').count()).toBe(7);
    expect(await fee.locator('table[part=lines]').textContent()).toContain('1,234.5 平方米 → 1,235 平方米 × ¥90.00');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Pay: to the provider's page and back to the track page, which finds the case again
    await fee.locator('button[part=pay]').click();
    await page.waitForURL('**/sandbox/payments/**');
    await page.getByRole('button', { name: '确认支付' }).click();
    await page.waitForURL((url) => url.pathname === '/track.html');
    expect(new URL(page.url()).search).toBe('');
    await expect.poll(() => fee.locator('[part=status] strong').textContent(), { timeout: 30_000 }).toBe('已缴费');
    expect(await page.locator('onetrip-track h2[part=title]').textContent()).toContain(c.receiptNumber);
    const ticket = (await env.t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body.ticket;
    expect(ticket.status).toBe('paid');
    expect(ticket.payments).toHaveLength(1);
    const paidViolations = await axeViolations(page);
    expect(paidViolations, describeViolations(paidViolations)).toEqual([]);
    await page.context().close();
  });

  it('follows a case to its results delivered by the sandbox courier on the track page, with no trip', async () => {
    // The food licence charges no fee: approved and signed, the case is completed, its certificate issued and shipped
    const c = await acceptedCase(env.t, { itemCode: FOOD_LICENCE }, { delivery: courierDelivery });
    await decideStage(env.t, c.caseId, 1);
    const view = async () => (await env.t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
    await expect.poll(async () => (await view()).handover?.shipment?.waybillNumber, { timeout: 15_000 }).toMatch(/\S/);
    const { results, handover } = await view();
    const waybill: string = handover.shipment.waybillNumber;
    expect(results).toHaveLength(1);
    const advance = async (times: number) => {
      for (let i = 0; i < times; i++) expect((await env.t.api.post(`/sandbox/courier/shipments/${waybill}/advance`, {})).status).toBe(200);
      await env.t.platform.idle();
    };

    // The track page, from a link with the codes: the certificate, and the order placed with the courier
    await advance(1);
    const page = await env.open(`/track.html?receipt=${encodeURIComponent(c.receiptNumber)}&queryCode=${c.queryCode}`);
    const track = page.locator('onetrip-track');
    await track.locator('[part=results] [part=code]').waitFor();
    expect(await track.locator('[part=results] [part=code]').allTextContents()).toEqual([results[0].verificationCode]);
    expect(await track.locator('[part=results] h4').textContent()).toBe('食品经营许可');
    expect(await track.locator('[part=waybill]').textContent()).toBe(waybill);
    const step = () => track.locator('[part=progress] [aria-current=step]').textContent().then((t) => t?.trim());
    expect(await step()).toBe('已下单');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The courier moves on; the open page follows by itself
    await advance(1);
    await expect.poll(step, { timeout: 10_000 }).toBe('已揽收');
    expect(await track.locator('[role=status]').first().textContent()).toContain('快递进度：已揽收');
    await advance(3);
    await expect.poll(step, { timeout: 10_000 }).toBe('已签收');
    expect(await track.locator('[part=handover]').textContent()).toContain('结果已送达（已签收）');
    expect(await track.locator('[part=trips]').textContent()).toContain('本次办事跑动 0 次');
    expect(await track.locator('[part=history] li').count()).toBe(5);
    expect(await track.locator('[part=facts]').textContent()).toContain('0 次（全程网办）');
    const delivered = await axeViolations(page);
    expect(delivered, describeViolations(delivered)).toEqual([]);

    // The API agrees: delivered, no trip
    const after = await view();
    expect(after.handover.status).toBe('delivered');
    expect(after.trips).toBe(0);

    // Download: the browser is sent to the certificate's short-lived link, which serves the PDF
    // (S3 makes it an attachment; the local emulator may show it in place instead)
    const code: string = results[0].verificationCode;
    const fetched = page.waitForRequest((request) => new URL(request.url()).pathname.endsWith(`/${code}.pdf`));
    await track.locator('[part~=download]').click();
    const pdf = await fetch((await fetched).url());
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });
});
