/**
 * `<onetrip-fee-ticket>` and the tracker's fee section in a real Chromium, against fixed
 * API answers served by intercepting the page's requests: every status in both languages
 * with axe, keyboard-only payment to the provider's page, a ticket that is no longer
 * payable, and the confirmation of a pending payment.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketLineView as TicketLine, TicketView } from '../../contracts/tickets.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { deepFocus, expectAccessible, mount, tabTo } from './mount.js';

let env: WidgetEnv;
let origin: string;
beforeAll(async () => {
  env = await startWidgetEnv();
  origin = new URL(env.t.platform.url).origin;
});
afterAll(async () => {
  await env?.stop();
});

const QUERY_CODE = 'ABCD2345';
const RECEIPT = '430600-20261128-000042';
const TICKET = `T${RECEIPT}`;
const LOCALES = ['zh-CN', 'en'] as const;
type Locale = (typeof LOCALES)[number];

// ── fixed answers ───────────────────────────────────────────────────────────

const text2 = (zh: string, en: string) => ({ zh, en });
const M2 = text2('平方米', 'm²');
const DEPARTMENTS = {
  hurd: text2('岳阳市住房和城乡建设局', 'Yueyang Housing and Urban-Rural Development Bureau'),
  civdef: text2('岳阳市人民防空办公室', 'Yueyang Civil Air Defence Office'),
  nrp: text2('岳阳市自然资源和规划局', 'Yueyang Natural Resources and Planning Bureau'),
  urban: text2('岳阳市城市管理和综合执法局', 'Yueyang Urban Management and Comprehensive Law Enforcement Bureau'),
};
type Department = keyof typeof DEPARTMENTS;

const line = (feeCode: string, department: Department, name: [string, string], rule: TicketLine['rule'], inputs: TicketLine['inputs'], amountFen: number): TicketLine => ({
  feeCode,
  department,
  departmentName: DEPARTMENTS[department],
  name: text2(...name),
  basis: text2(`${name[0]}的收费依据`, `Legal basis of the ${name[1].toLowerCase()}`),
  rule,
  inputs,
  amountFen,
  status: 'due',
});

const LINES: TicketLine[] = [
  line('F001', 'hurd', ['城市基础设施配套费', 'Urban infrastructure supporting fee'], 'per_unit', { field: '/floorArea', quantity: 1234.5, units: 1235, unit: M2, fenPerUnit: 9000 }, 11_115_000),
  line('F002', 'civdef', ['防空地下室易地建设费', 'Civil air defence basement relocation fee'], 'per_unit', {
    field: '/floorArea',
    charged: false,
    condition: text2('仅在防空地下室易地建设时收取', 'Charged only when the basement is built elsewhere'),
  }, 0),
  line('F004', 'nrp', ['不动产登记费（非住宅）', 'Real-estate registration fee (non-residential)'], 'waived', {
    field: '/smallMicroEnterprise',
    waived: true,
    condition: text2('申请人为小型微型企业的，免收不动产登记费', 'Waived when the applicant is a small or micro enterprise'),
  }, 0),
  line('F003', 'nrp', ['不动产登记费（住宅）', 'Real-estate registration fee (residential)'], 'fixed', {}, 8000),
  line('F010', 'urban', ['城市道路挖掘修复费', 'Urban road excavation restoration fee'], 'tiered', { field: '/excavationArea', quantity: 56, unit: M2, tierUpTo: 100 }, 800_000),
];
const TOTAL_FEN = 11_923_000;

type Status = TicketView['status'];
const STATUSES: Status[] = ['issued', 'paid', 'cancelled', 'refunding', 'refunded'];
const PAID_AT = '2026-11-29T10:15:00+08:00';

/** A ticket in `status`, as the API would answer it. */
function ticket(status: Status, overrides: Partial<TicketView> = {}): TicketView {
  const paid = status === 'paid' || status === 'refunding' || status === 'refunded';
  const lineStatus = status === 'refunded' ? 'refunded' : paid ? 'paid' : 'due';
  return {
    ticketNumber: TICKET,
    receiptNumber: RECEIPT,
    itemName: text2('建设工程施工许可', 'Construction permit'),
    status,
    feePoint: 'approval',
    issuedOn: '2026-11-28',
    dueDate: '2026-12-05',
    totalFen: TOTAL_FEN,
    ...(paid ? { paidAt: PAID_AT } : {}),
    lines: LINES.map((l) => ({ ...l, status: lineStatus })),
    departments: (['hurd', 'civdef', 'nrp', 'urban'] as const).map((d) => ({
      department: d,
      departmentName: DEPARTMENTS[d],
      amountFen: LINES.filter((l) => l.department === d).reduce((sum, l) => sum + l.amountFen, 0),
    })),
    payments: paid ? [{ paymentId: 'PAY-1', amountFen: TOTAL_FEN, status: status === 'refunded' ? 'refunded' : 'succeeded', startedAt: '2026-11-29T10:14:00+08:00' }] : [],
    refunds:
      status === 'refunding' || status === 'refunded'
        ? [{ refundId: 'R-1', amountFen: TOTAL_FEN, reason: 'case_rejected', status: status === 'refunded' ? 'completed' : 'requested' }]
        : [],
    ...overrides,
  };
}

const pending = (): TicketView =>
  ticket('issued', { payments: [{ paymentId: 'PAY-2', amountFen: TOTAL_FEN, status: 'pending', startedAt: '2026-11-29T10:14:00+08:00' }] });
const confirmed = (): TicketView =>
  ticket('paid', { payments: [{ paymentId: 'PAY-2', amountFen: TOTAL_FEN, status: 'succeeded', startedAt: '2026-11-29T10:14:00+08:00' }] });

const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

interface TicketApi {
  /** Every request the page made to /v1/tickets, in order. */
  requests: { method: string; path: string; query: string; body: unknown }[];
}

/**
 * Serves /v1/tickets/… from `answer` (GET: the ticket's number; POST: payments) and the
 * provider's page under /provider/.
 */
async function ticketApi(
  page: Page,
  answer: { get: (ticketNumber: string, nth: number) => [number, unknown]; post?: (nth: number) => [number, unknown] | Promise<[number, unknown]> },
): Promise<TicketApi> {
  const api: TicketApi = { requests: [] };
  let gets = 0;
  let posts = 0;
  await page.route(
    (url) => url.pathname.startsWith('/v1/tickets/'),
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const method = request.method();
      api.requests.push({ method, path: url.pathname, query: url.search, body: request.postDataJSON() as unknown });
      const number = decodeURIComponent(url.pathname.split('/')[3] ?? '');
      const [status, body] = method === 'POST' ? await (answer.post ?? (() => [404, {}] as [number, unknown]))(posts++) : answer.get(number, gets++);
      return json(route, status, body);
    },
  );
  await page.route(
    (url) => url.pathname.startsWith('/provider/'),
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="zh-CN"><title>支付</title><h1>模拟支付页</h1></html>' }),
  );
  return api;
}

const started = (paymentId: string): [number, unknown] => [201, { paymentId, redirectUrl: `${origin}/provider/checkout?payment=${paymentId}` }];

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const textOf = async (page: Page, selector: string) => squash(await page.locator(selector).first().textContent());

// ── the words expected ──────────────────────────────────────────────────────

const words = {
  'zh-CN': {
    status: { issued: '待缴费', paid: '已缴费', cancelled: '已作废', refunding: '退款中', refunded: '已退款' },
    caption: '收费明细（按部门）',
    headers: ['收费项目', '收费依据', '计算方式', '金额'],
    perUnit: '1,234.5 平方米 → 1,235 平方米 × ¥90.00',
    tiered: '56 平方米：按“100 平方米及以下”一档计收',
    waived: '免收 申请人为小型微型企业的，免收不动产登记费',
    notCharged: '本次不收取 仅在防空地下室易地建设时收取',
    fixed: '定额收费',
    subtotal: '岳阳市住房和城乡建设局小计',
    total: '¥119,230.00',
    pay: '缴费 ¥119,230.00',
    refund: { refunding: '¥119,230.00：申请未获批准（退款办理中）', refunded: '¥119,230.00：申请未获批准（已原路退回）' },
    confirming: '正在确认支付结果',
    paidAnnounce: '缴费成功',
    receipt: '下载缴费凭证',
    awaitingPayment: '待缴费',
    completed: '已办结',
  },
  en: {
    status: { issued: 'Awaiting payment', paid: 'Paid', cancelled: 'Cancelled', refunding: 'Refund in progress', refunded: 'Refunded' },
    caption: 'Fees by department',
    headers: ['Fee', 'Legal basis', 'How it is computed', 'Amount'],
    perUnit: '1,234.5 m² → 1,235 m² × CN¥90.00',
    tiered: '56 m²: the band up to 100 m²',
    waived: 'Waived Waived when the applicant is a small or micro enterprise',
    notCharged: 'Not charged Charged only when the basement is built elsewhere',
    fixed: 'Fixed amount',
    subtotal: 'Subtotal, Yueyang Housing and Urban-Rural Development Bureau',
    total: 'CN¥119,230.00',
    pay: 'Pay CN¥119,230.00',
    refund: { refunding: 'CN¥119,230.00: Application not approved (refund in progress)', refunded: 'CN¥119,230.00: Application not approved (paid back)' },
    confirming: 'Confirming your payment',
    paidAnnounce: 'Payment received',
    receipt: 'Download payment receipt',
    awaitingPayment: 'Awaiting payment',
    completed: 'Completed',
  },
} satisfies Record<Locale, unknown>;

const numberOf = (status: Status) => `T430600-20261128-00004${STATUSES.indexOf(status)}`;

describe('<onetrip-fee-ticket>', () => {
  it('shows every status in both languages: lines per department with how each was computed, subtotals, total, refunds; accessible throughout', async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      let api!: TicketApi;
      const page = await mount(env, `<onetrip-fee-ticket query-code="${QUERY_CODE}" locale="${locale}"></onetrip-fee-ticket>`, async (p) => {
        api = await ticketApi(p, {
          get: (number) => {
            const status = STATUSES.find((s) => numberOf(s) === number);
            return status ? [200, ticket(status, { ticketNumber: number })] : [404, { error: { code: 'TICKET_NOT_FOUND', message: 'No such ticket' } }];
          },
        });
        await p.evaluate(() => {
          const w = window as unknown as { loaded: unknown[] };
          w.loaded = [];
          document.addEventListener('onetrip-ticket-loaded', (e) => w.loaded.push((e as CustomEvent).detail));
        });
      });
      const element = page.locator('onetrip-fee-ticket');
      for (const status of STATUSES) {
        const number = numberOf(status);
        await element.evaluate((el, n) => el.setAttribute('ticket', n), number);
        await expect.poll(() => textOf(page, 'onetrip-fee-ticket [part=title]')).toContain(number);
        expect(await textOf(page, 'onetrip-fee-ticket [part=status] strong')).toBe(w.status[status]);

        // The lines: a real table, a group per department, each line's computation
        const table = element.locator('table[part=lines]');
        expect(squash(await table.locator('caption').textContent())).toBe(w.caption);
        expect((await table.locator('thead th').allTextContents()).map(squash)).toEqual(w.headers);
        expect((await table.locator('th[scope=rowgroup]').allTextContents()).map(squash)).toEqual(
          (['hurd', 'civdef', 'nrp', 'urban'] as const).map((d) => (locale === 'en' ? DEPARTMENTS[d].en : DEPARTMENTS[d].zh)),
        );
        const rows = (await table.locator('tbody tr').allTextContents()).map(squash);
        expect(rows.find((r) => r.includes(locale === 'en' ? 'Urban infrastructure' : '城市基础设施配套费'))).toContain(w.perUnit);
        expect(rows.find((r) => r.includes(locale === 'en' ? 'excavation' : '城市道路挖掘'))).toContain(w.tiered);
        expect(rows.find((r) => r.includes(locale === 'en' ? '(non-residential)' : '（非住宅）'))).toContain(w.waived);
        expect(rows.find((r) => r.includes(locale === 'en' ? 'Civil air defence' : '防空地下室'))).toContain(w.notCharged);
        expect(rows.find((r) => r.includes(locale === 'en' ? '(residential)' : '（住宅）'))).toContain(w.fixed);
        expect(rows.find((r) => r.includes(locale === 'en' ? '(residential)' : '（住宅）'))).toContain(locale === 'en' ? 'Legal basis of the real-estate' : '不动产登记费（住宅）的收费依据');
        const subtotals = (await table.locator('tr.subtotal').allTextContents()).map(squash);
        expect(subtotals).toHaveLength(4);
        expect(subtotals[0]).toContain(w.subtotal);
        expect(subtotals[0]).toMatch(/¥111,150\.00$/);
        expect(subtotals[2]).toMatch(/¥80\.00$/);
        expect(squash(await table.locator('tfoot').textContent())).toContain(w.total);

        // Pay only while issued; refunds when there are some
        expect(await element.locator('button[part=pay]').count()).toBe(status === 'issued' ? 1 : 0);
        if (status === 'issued') expect(squash(await element.locator('button[part=pay]').textContent())).toBe(w.pay);
        // The payment receipt once paid (not while refunding or refunded), with the query code
        const receipt = element.locator('a[part=receipt]');
        expect(await receipt.count()).toBe(status === 'paid' ? 1 : 0);
        if (status === 'paid') {
          expect(squash(await receipt.textContent())).toBe(w.receipt);
          const href = new URL((await receipt.getAttribute('href'))!);
          expect(`${href.pathname}${href.search}`).toBe(`/v1/tickets/${number}/receipt?queryCode=${QUERY_CODE}`);
        }
        if (status === 'refunding' || status === 'refunded') expect(await textOf(page, 'onetrip-fee-ticket [part=refunds] li')).toBe(w.refund[status]);
        else expect(await element.locator('[part=refunds]').count()).toBe(0);
        await expectAccessible(page);
      }
      // A ticket the API does not know: the widget's sentence for its code, never the API's English message, accessibly
      await element.evaluate((el) => el.setAttribute('ticket', 'T430600-20261128-000099'));
      await expect.poll(() => textOf(page, 'onetrip-fee-ticket [part=error]')).toContain(locale === 'en' ? 'No fee ticket matches this ticket number and query code' : '没有与该缴费单号和查询码相符的缴费单');
      expect(await textOf(page, 'onetrip-fee-ticket [part=error]')).not.toContain('No such ticket');
      await expectAccessible(page);

      expect(api.requests.every((r) => r.method === 'GET' && r.query === `?queryCode=${QUERY_CODE}`)).toBe(true);
      const loaded = await page.evaluate(() => (window as unknown as { loaded: TicketView[] }).loaded.map((t) => t.status));
      expect(loaded).toEqual(STATUSES);
      await page.context().close();
    }
  });

  it('pays with the keyboard alone: Tab to the button, Enter; the POST carries the return URL, then the browser goes to the provider', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let api!: TicketApi;
    // The page's query (which could hold the query code) never goes to the provider
    const page = await mount(
      env,
      `<onetrip-fee-ticket ticket="${TICKET}" query-code="${QUERY_CODE}"></onetrip-fee-ticket>`,
      async (p) => {
        api = await ticketApi(p, {
          get: () => [200, ticket('issued')],
          post: async () => {
            await held;
            return started('PAY-9');
          },
        });
      },
      `/smoke.html?receipt=${RECEIPT}&queryCode=${QUERY_CODE}`,
    );
    const events: unknown[] = [];
    await page.exposeFunction('recordPaymentStarted', (detail: unknown) => events.push(detail));
    await page.evaluate(() =>
      document.addEventListener('onetrip-payment-started', (e) => void (window as unknown as { recordPaymentStarted: (d: unknown) => void }).recordPaymentStarted((e as CustomEvent).detail)),
    );
    const pay = page.locator('onetrip-fee-ticket button[part=pay]');
    await pay.waitFor();
    await tabTo(page, 'pay');
    await page.keyboard.press('Enter');
    await expect.poll(() => pay.isDisabled()).toBe(true);
    expect(await textOf(page, 'onetrip-fee-ticket button[part=pay]')).toBe('正在前往支付…');
    await expectAccessible(page);
    release();
    await page.waitForURL(`${origin}/provider/checkout?payment=PAY-9`);

    const post = api.requests.find((r) => r.method === 'POST');
    expect(post).toEqual({ method: 'POST', path: `/v1/tickets/${TICKET}/payments`, query: `?queryCode=${QUERY_CODE}`, body: { returnUrl: `${origin}/smoke.html` } });
    expect(events).toEqual([{ paymentId: 'PAY-9', redirectUrl: `${origin}/provider/checkout?payment=PAY-9` }]);
    await page.context().close();
  });

  it('lets the page take over the redirect, and sends its own return URL', async () => {
    let api!: TicketApi;
    const page = await mount(env, `<onetrip-fee-ticket ticket="${TICKET}" query-code="${QUERY_CODE}" locale="en" return-url="${'https://county.example.gov.cn/pay/done'}"></onetrip-fee-ticket>`, async (p) => {
      api = await ticketApi(p, { get: () => [200, ticket('issued')], post: () => started('PAY-3') });
      await p.evaluate(() => document.addEventListener('onetrip-payment-started', (e) => e.preventDefault()));
    });
    const pay = page.locator('onetrip-fee-ticket button[part=pay]');
    await pay.click();
    await expect.poll(() => api.requests.filter((r) => r.method === 'POST').length).toBe(1);
    await expect.poll(() => pay.isEnabled()).toBe(true);
    expect(page.url()).toBe(`${origin}/smoke.html`);
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ returnUrl: 'https://county.example.gov.cn/pay/done' });
    await page.context().close();
  });

  it("offers the county's payment methods to choose from, and shows a native payment's QR code until the ticket is paid; accessible in both languages", async () => {
    const methods = [{ provider: 'alipay', channels: ['page', 'wap'] }, { provider: 'wechatpay', channels: ['native', 'h5'] }];
    for (const locale of LOCALES) {
      let api!: TicketApi;
      const page = await mount(env, `<onetrip-fee-ticket ticket="${TICKET}" query-code="${QUERY_CODE}" locale="${locale}"></onetrip-fee-ticket>`, async (p) => {
        api = await ticketApi(p, {
          get: (_number, nth) => [200, { ...(nth === 0 ? ticket('issued') : nth === 1 ? pending() : confirmed()), paymentMethods: methods }],
          post: () => [201, { paymentId: 'PAY-5', provider: 'wechatpay', channel: 'native', qrCode: 'weixin://wxpay/bizpayurl?pr=abc123', amountFen: TOTAL_FEN }],
        });
      });
      const [alipay, wechat] = locale === 'en' ? ['Alipay', 'WeChat Pay'] : ['支付宝', '微信支付'];
      const choice = page.locator('onetrip-fee-ticket fieldset[part=methods]');
      await choice.waitFor();
      expect(squash(await choice.locator('legend').textContent())).toBe(locale === 'en' ? 'How to pay' : '支付方式');
      expect(await page.getByRole('radio', { name: alipay }).isChecked()).toBe(true);
      await expectAccessible(page);
      await page.getByRole('radio', { name: wechat }).check();
      await page.locator('onetrip-fee-ticket button[part=pay]').click();

      const qr = page.locator('onetrip-fee-ticket figure[part=qr] img');
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(await qr.getAttribute('alt')).toBe(locale === 'en' ? 'QR code to pay' : '支付二维码');
      expect(squash(await page.locator('onetrip-fee-ticket figure[part=qr] figcaption').textContent())).toContain(wechat);
      expect(page.url()).toBe(`${origin}/smoke.html`);
      expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ returnUrl: `${origin}/smoke.html`, provider: 'wechatpay' });
      await expectAccessible(page);
      // Read again until it is paid: the code goes away.
      await expect.poll(() => textOf(page, 'onetrip-fee-ticket [part=status] strong'), { timeout: 10_000 }).toBe(words[locale].status.paid);
      expect(await page.locator('onetrip-fee-ticket figure[part=qr]').count()).toBe(0);
      await page.context().close();
    }
  });

  it('says why when the ticket is no longer payable (409, by its code), and what the ticket is now', async () => {
    for (const locale of LOCALES) {
      const message = locale === 'en' ? 'There is nothing to pay on this fee ticket now.' : '该缴费单目前无需缴费。';
      const page = await mount(env, `<onetrip-fee-ticket ticket="${TICKET}" query-code="${QUERY_CODE}" locale="${locale}"></onetrip-fee-ticket>`, (p) =>
        ticketApi(p, {
          get: (_number, nth) => [200, nth === 0 ? ticket('issued') : ticket('paid')],
          post: () => [409, { error: { code: 'TICKET_NOT_PAYABLE', message: 'Ticket T1 is paid; there is nothing to pay' } }],
        }).then(() => undefined),
      );
      await page.locator('onetrip-fee-ticket button[part=pay]').waitFor();
      await tabTo(page, 'pay');
      await page.keyboard.press('Enter');
      const alert = page.locator('onetrip-fee-ticket [role=alert]');
      await expect.poll(() => alert.textContent().then(squash)).toBe(`${locale === 'en' ? 'Error:' : '错误：'} ${message}`);
      await expect.poll(() => textOf(page, 'onetrip-fee-ticket [part=status] strong')).toBe(words[locale].status.paid);
      expect(await page.locator('onetrip-fee-ticket button[part=pay]').count()).toBe(0);
      expect(page.url()).toBe(`${origin}/smoke.html`);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('after the provider, asks again while the payment is pending and announces that it is paid', async () => {
    let api!: TicketApi;
    const page = await mount(env, `<onetrip-fee-ticket ticket="${TICKET}" query-code="${QUERY_CODE}"></onetrip-fee-ticket>`, async (p) => {
      api = await ticketApi(p, { get: (_number, nth) => [200, nth < 1 ? pending() : confirmed()] });
    });
    const w = words['zh-CN'];
    await expect.poll(() => textOf(page, 'onetrip-fee-ticket [part=note]')).toContain(w.confirming);
    expect(await textOf(page, 'onetrip-fee-ticket [part=status] strong')).toBe(w.status.issued);
    await expectAccessible(page);
    await expect.poll(() => textOf(page, 'onetrip-fee-ticket [part=status] strong'), { timeout: 10_000 }).toBe(w.status.paid);
    expect(await textOf(page, 'onetrip-fee-ticket [role=status]')).toContain(w.paidAnnounce);
    expect(await page.locator('onetrip-fee-ticket [part=note]').count()).toBe(0);
    await expectAccessible(page);
    // No more readings once it is paid
    await page.waitForTimeout(2200);
    expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
    await page.context().close();
  });

  it('downloads the payment receipt of a paid ticket with the keyboard alone, in both languages', async () => {
    for (const locale of LOCALES) {
      const pdf = '%PDF-1.7 a receipt';
      const page = await mount(env, `<onetrip-fee-ticket ticket="${TICKET}" query-code="${QUERY_CODE}" locale="${locale}"></onetrip-fee-ticket>`, async (p) => {
        await ticketApi(p, { get: () => [200, ticket('paid', { ticketNumber: TICKET })] });
        await p.route(
          (url) => url.pathname.endsWith('/receipt'),
          (route) => route.fulfill({ status: 200, contentType: 'application/pdf', headers: { 'content-disposition': `attachment; filename="receipt-${TICKET}.pdf"` }, body: pdf }),
        );
      });
      const link = page.locator('onetrip-fee-ticket a[part=receipt]');
      await expect.poll(() => link.count()).toBe(1);
      expect(squash(await link.textContent())).toBe(words[locale].receipt);
      await expectAccessible(page);

      await link.focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);

      expect(download.suggestedFilename()).toBe(`receipt-${TICKET}.pdf`);
      expect(new URL(download.url()).searchParams.get('queryCode')).toBe(QUERY_CODE);
      await page.context().close();
    }
  });

  it('shows a ticket handed over in .data without reading it', async () => {
    let api!: TicketApi;
    const page = await mount(env, `<onetrip-fee-ticket query-code="${QUERY_CODE}" locale="en"></onetrip-fee-ticket>`, async (p) => {
      api = await ticketApi(p, { get: () => [500, {}] });
    });
    await page.locator('onetrip-fee-ticket').evaluate((el, data) => ((el as HTMLElement & { data: unknown }).data = data), ticket('paid'));
    await expect.poll(() => textOf(page, 'onetrip-fee-ticket [part=status] strong')).toBe('Paid');
    expect(await textOf(page, 'onetrip-fee-ticket [part=facts]')).toContain('Paid on');
    expect(api.requests).toEqual([]);
    await page.context().close();
  });
});

// ── the tracker ─────────────────────────────────────────────────────────────

/** The applicant's case view (`GET /v1/applications/{receipt}`) with a ticket. */
function caseView(status: string, feeTicket: TicketView | null) {
  const item = { code: '000110001000', name: text2('建筑工程施工许可证核发', 'Construction permit') };
  return {
    caseId: 'CASE-1',
    receiptNumber: RECEIPT,
    status,
    itemCode: item.code,
    itemName: item.name,
    catalogVersion: '2026.11.3',
    applicant: { type: 'company', name: '岳阳市示例建设有限公司', idNumber: '91430600********1X', phone: '138****0000' },
    submittedAt: '2026-11-20T09:00:00+08:00',
    acceptedOn: '2026-11-20',
    promisedDate: '2026-12-04',
    completedAt: status === 'completed' ? '2026-11-29T10:16:00+08:00' : undefined,
    trips: 0,
    tasks: [
      {
        taskId: 'CASE-1#T1',
        department: 'hurd',
        itemCode: item.code,
        itemName: item.name,
        stage: 1,
        status: 'approved',
        deadline: '2026-12-04',
        decision: { decision: 'approve', opinion: '同意', signedAt: '2026-11-28T15:00:00+08:00' },
      },
    ],
    notices: [],
    documents: [],
    correctionAllowed: false,
    flaggedFields: [],
    materials: [],
    deferred: [],
    delivery: { mode: 'electronic' },
    timeline: [{ seq: 1, at: '2026-11-20T09:00:00+08:00', action: 'case.submitted', actor: { type: 'applicant' } }],
    ticket: feeTicket,
    results: [],
  };
}

const METHODS = [{ provider: 'alipay', channels: ['page', 'wap'] }, { provider: 'wechatpay', channels: ['native', 'h5'] }];

describe("<onetrip-track>'s fee section", () => {
  it('shows a case awaiting payment with its ticket, pays it from the tracker, and finds the case again on return until it is paid', async () => {
    const cases: ReturnType<typeof caseView>[] = [];
    let api!: TicketApi;
    const lookups: string[] = [];
    const prepare = async (p: Page) => {
      await p.route(
        (url) => url.pathname.startsWith('/v1/applications/'),
        (route) => {
          const url = new URL(route.request().url());
          if (url.pathname.endsWith('/messages')) return json(route, 200, { optOut: false, messages: [] });
          lookups.push(url.search);
          return json(route, 200, cases.length > 1 ? cases.shift() : cases[0]);
        },
      );
      // The fee ticket reads the ticket once for the payment methods the case view does not list
      // (when shown, and again on return, where the payment is still pending), then polls until paid.
      api = await ticketApi(p, {
        get: (_number, nth) => [200, nth === 0 ? { ...ticket('issued'), paymentMethods: METHODS } : nth === 1 ? { ...pending(), paymentMethods: METHODS } : confirmed()],
        post: () => started('PAY-2'),
      });
    };

    for (const locale of LOCALES) {
      cases.splice(0, cases.length, caseView('awaiting_payment', ticket('issued')));
      const page = await mount(env, `<onetrip-track receipt="${RECEIPT}" query-code="${QUERY_CODE}" locale="${locale}"></onetrip-track>`, prepare);
      await expect.poll(() => textOf(page, 'onetrip-track [part=status]')).toContain(words[locale].awaitingPayment);
      await expect.poll(() => textOf(page, 'onetrip-track onetrip-fee-ticket [part=status] strong')).toBe(words[locale].status.issued);
      expect(await textOf(page, 'onetrip-track onetrip-fee-ticket table[part=lines] tfoot')).toContain(words[locale].total);
      expect(await page.locator('onetrip-track onetrip-fee-ticket h4[part=title]').count()).toBe(1);
      // The ticket came with the case; read once for the county's payment methods, which the applicant chooses from
      const choice = page.locator('onetrip-track onetrip-fee-ticket fieldset[part=methods]');
      await choice.waitFor();
      expect(squash(await choice.textContent())).toBe(locale === 'en' ? 'How to pay Alipay WeChat Pay' : '支付方式 支付宝 微信支付');
      expect(api.requests).toEqual([{ method: 'GET', path: `/v1/tickets/${TICKET}`, query: `?queryCode=${QUERY_CODE}`, body: null }]);
      await expectAccessible(page);
      if (locale === 'en') {
        await page.context().close();
        continue;
      }

      // Pay from the tracker, keyboard only
      await tabTo(page, 'pay', 30);
      expect(await deepFocus(page)).toEqual({ tag: 'button', id: 'pay' });
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/provider/checkout?payment=PAY-2`);
      expect(api.requests.find((r) => r.method === 'POST')).toMatchObject({ path: `/v1/tickets/${TICKET}/payments`, query: `?queryCode=${QUERY_CODE}` });

      // Back from the provider, to the page without its query: the tracker finds the case
      // again; the payment is still being confirmed, then it is paid and the case completed.
      cases.splice(0, cases.length, caseView('awaiting_payment', pending()), caseView('completed', confirmed()));
      await page.goto(`${origin}/smoke.html`);
      await page.addScriptTag({ type: 'module', url: '/widgets/onetrip.js' });
      await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<onetrip-track></onetrip-track>'));
      await expect.poll(() => textOf(page, 'onetrip-track onetrip-fee-ticket [part=note]')).toContain(words['zh-CN'].confirming);
      await expect.poll(() => textOf(page, 'onetrip-track [part=status]'), { timeout: 10_000 }).toContain(words['zh-CN'].completed);
      await expect.poll(() => textOf(page, 'onetrip-track onetrip-fee-ticket [part=status] strong')).toBe(words['zh-CN'].status.paid);
      expect(lookups.every((q) => q === `?queryCode=${QUERY_CODE}`)).toBe(true);
      await expectAccessible(page);
      await page.context().close();
    }
  });
});
