/**
 * The tracker's results and delivery sections in a real Chromium, against fixed case views
 * served by intercepting the page's requests: the certificates with their codes and a
 * download, the courier's steps followed live (with a fake clock), a re-dispatch, a pickup
 * notice and an electronic handover; both languages, axe in each state.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../contracts/cases.js';
import type { HandoverView, ShipmentView } from '../../contracts/delivery.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { expectAccessible, mount } from './mount.js';

let env: WidgetEnv;
let origin: string;
beforeAll(async () => {
  env = await startWidgetEnv();
  origin = new URL(env.t.platform.url).origin;
});
afterAll(async () => {
  await env?.stop();
});

const RECEIPT = '430600-20261130-000007';
const QUERY_CODE = 'QRST2345';
const LOCALES = ['zh-CN', 'en'] as const;
type Locale = (typeof LOCALES)[number];

// ── fixed answers ───────────────────────────────────────────────────────────

const text2 = (zh: string, en: string) => ({ zh, en });
const AMR = text2('岳阳市市场监督管理局', 'Yueyang Administration for Market Regulation');
const FOOD = text2('食品经营许可', 'Food business licence');
const CODES = ['7KQM-3H8X-PRTW', 'N4VB-9CZE-2YJD'];

/** The county's public verification page (what the API answers as `verifyUrl`). */
const verifyPage = (code: string) => `https://zwfw.yueyang.gov.cn/430623/verify.html?code=${code}`;

const RESULTS: CaseView['results'] = [
  { verificationCode: CODES[0]!, itemCode: '000105002000', itemName: FOOD, department: 'amr', departmentName: AMR, issuedOn: '2026-11-29', licenceNumber: '430600-105002-20261127000042-01', validTo: '2031-11-28', verifyUrl: verifyPage(CODES[0]!) },
  { verificationCode: CODES[1]!, itemCode: '000105002000', itemName: text2('食品经营许可证副本', 'Food business licence (copy)'), department: 'amr', departmentName: AMR, issuedOn: '2026-11-29', licenceNumber: '430600-105002-20261127000042-02', validTo: '2031-11-28', verifyUrl: verifyPage(CODES[1]!) },
];

/** Shanghai 09:00 on 30 November, plus `minutes`, in UTC (the page formats it back to Shanghai time). */
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 1, minutes)).toISOString();

const HISTORY: ShipmentView['history'] = [
  { status: 'accepted', occurredAt: at(0), detail: '已受理寄递订单' },
  { status: 'picked_up', occurredAt: at(15), detail: '揽投员已揽收' },
  { status: 'in_transit', occurredAt: at(40), detail: '离开岳阳市邮件处理中心，发往收件地' },
  { status: 'out_for_delivery', occurredAt: at(70), detail: '正在投递' },
  { status: 'delivered', occurredAt: at(95), detail: '已签收，本人签收' },
];

/** A courier handover whose shipment has gone as far as `status` (attempt 1 unless told). */
function courier(status: ShipmentView['status'], overrides: Partial<HandoverView> = {}): HandoverView {
  const reached = HISTORY.findIndex((e) => e.status === status);
  return {
    mode: 'courier',
    status: status === 'delivered' ? 'delivered' : 'shipping',
    startedAt: at(-5),
    ...(status === 'delivered' ? { completedAt: at(95) } : {}),
    attempt: 1,
    shipment: { waybillNumber: 'EA123456785CN', status, history: HISTORY.slice(0, reached + 1) },
    failedShipments: [],
    ...overrides,
  };
}

/** The applicant's case view, completed, with its results and `handover`. */
function caseView(handover: HandoverView | null, overrides: Record<string, unknown> = {}) {
  const mode = handover?.mode ?? 'courier';
  return {
    caseId: 'CASE-7',
    receiptNumber: RECEIPT,
    status: 'completed',
    itemCode: '000105002000',
    itemName: FOOD,
    catalogVersion: '2026.11.3',
    applicant: { type: 'company', name: '岳阳市洞庭鲜食品有限公司', idNumber: '91430600********39', phone: '139****1234' },
    submittedAt: '2026-11-27T09:00:00+08:00',
    acceptedOn: '2026-11-27',
    promisedDate: '2026-12-04',
    completedAt: '2026-11-29T16:00:00+08:00',
    trips: 0,
    tasks: [],
    notices: [],
    documents: [],
    correctionAllowed: false,
    flaggedFields: [],
    materials: [],
    deferred: [],
    delivery: mode === 'courier' ? { mode, address: { city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路**' } } : { mode },
    timeline: [
      { seq: 1, at: '2026-11-27T09:00:00+08:00', action: 'case.submitted', actor: { type: 'applicant' } },
      { seq: 2, at: '2026-11-29T16:00:00+08:00', action: 'result.issued', actor: { type: 'system' } },
      { seq: 3, at: '2026-11-29T16:00:01+08:00', action: mode === 'electronic' ? 'results.available' : 'delivery.requested', actor: { type: 'system' } },
    ],
    ticket: null,
    results: RESULTS,
    handover,
    ...overrides,
  };
}

/** A fee-bearing case delivered by courier, as the API writes its timeline: the courier reports each scan. */
const DELIVERED_TIMELINE = [
  'case.submitted', 'task.created', 'task.created', 'task.created', 'result.issued', 'result.issued', 'case.awaiting_payment', 'ticket.paid', 'case.completed', 'delivery.requested', 'delivery.dispatched',
  'delivery.updated', 'delivery.updated', 'delivery.updated', 'delivery.delivered',
].map((action, i) => ({ seq: i + 1, at: at(10 * i), action, actor: { type: 'system' } }));

const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

interface CaseApi {
  /** Readings of the case view, in order. */
  reads: number;
  /** Requests for a result's download link: the verification code and the query. */
  links: { code: string; query: string }[];
}

/**
 * Serves the case view from `views` (one per reading, the last repeating), no messages,
 * download links under /v1/applications/{receipt}/results/{code} (404 for `missing`), and
 * the PDFs they point to under /results-bucket/.
 */
async function caseApi(page: Page, views: unknown[], missing: string[] = []): Promise<CaseApi> {
  const api: CaseApi = { reads: 0, links: [] };
  await page.route(
    (url) => url.pathname.startsWith('/v1/applications/'),
    (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('/messages')) return json(route, 200, { optOut: false, messages: [] });
      const result = /\/results\/([^/]+)$/.exec(url.pathname);
      if (!result) return json(route, 200, views[Math.min(api.reads++, views.length - 1)]);
      const code = decodeURIComponent(result[1]!);
      api.links.push({ code, query: url.search });
      if (missing.includes(code)) return json(route, 404, { error: { code: 'RESULT_NOT_FOUND', message: `Application ${RECEIPT} has no result ${code}` } });
      return json(route, 200, { url: `${origin}/results-bucket/${code}.pdf?X-Amz-Expires=300`, expiresAt: '2026-11-30T10:05:00+08:00', sha256: 'ab'.repeat(32) });
    },
  );
  await page.route(
    (url) => url.pathname.startsWith('/results-bucket/'),
    (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${route.request().url().split('/').pop()!.split('?')[0]}"` },
        body: '%PDF-1.4 certificate',
      }),
  );
  return api;
}

/** A tracker that looks the case up at once; `prepare` runs before the bundle loads. */
async function tracker(locale: Locale, views: unknown[], prepare?: (page: Page) => Promise<void>, missing?: string[]): Promise<{ page: Page; api: CaseApi }> {
  let api!: CaseApi;
  const page = await mount(env, `<onetrip-track receipt="${RECEIPT}" query-code="${QUERY_CODE}" locale="${locale}"></onetrip-track>`, async (p) => {
    await prepare?.(p);
    api = await caseApi(p, views, missing);
  });
  await page.locator('onetrip-track [part=result]').waitFor();
  return { page, api };
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const textOf = async (page: Page, selector: string) => squash(await page.locator(`onetrip-track ${selector}`).first().textContent());
const currentStep = (page: Page) => textOf(page, '[part=progress] [aria-current=step]');

// ── the words expected ──────────────────────────────────────────────────────

const words = {
  'zh-CN': {
    results: '办理结果',
    issuer: '岳阳市市场监督管理局',
    issuedOn: '2026年11月29日',
    download: /^下载 PDF\s*：食品经营许可$/,
    copy: `复制 核验码 ${CODES[0]}`,
    copied: `已复制核验码 ${CODES[0]}`,
    verify: `核验 ${CODES[0]}`,
    downloading: `${CODES[0]} 的结果文件开始下载`,
    steps: ['已下单', '已揽收', '运输中', '派送中', '已签收'],
    done: '（已完成）',
    shipping: '快递寄送中：运输中',
    progress: '快递进度：派送中',
    delivered: '结果已送达（已签收）',
    trips: '本次办事跑动 0 次',
    waybill: '运单号：EA123456785CN',
    history: '揽投员已揽收',
    time: '09:15',
    redispatch: '此前寄出的快递未能送达：EA000000019CN（投递失败）。结果已重新寄出',
    pickup: '请到政务服务大厅领取',
    available: '电子证照已可下载',
    timeline: '已制作 2 项办理结果，办结后统一发放',
    timelineLines: ['申请已在网上提交', '已分送各部门审查，共 3 项', '已制作 2 项办理结果，办结后统一发放', '各部门均已批准，等待缴费', '费用已缴清', '办结', '结果交由快递寄送', '快递已接单', '快递运送中，进度已更新 3 次', '结果已送达，已签收'],
    statusDelivered: '已办结，结果已送达',
    noResult: '没有找到该办理结果',
  },
  en: {
    results: 'Results',
    issuer: 'Yueyang Administration for Market Regulation',
    issuedOn: 'November 29, 2026',
    download: /^Download PDF\s*: Food business licence$/,
    copy: `Copy verification code ${CODES[0]}`,
    copied: `Verification code ${CODES[0]} copied`,
    verify: `Verify ${CODES[0]}`,
    downloading: `The file of ${CODES[0]} is downloading`,
    steps: ['Order placed', 'Picked up', 'In transit', 'Out for delivery', 'Delivered'],
    done: ' (completed)',
    shipping: 'On its way by courier: In transit',
    progress: 'Courier: Out for delivery',
    delivered: 'Delivered: signed for',
    trips: 'Trips to a service window for this application: 0',
    waybill: 'Waybill number: EA123456785CN',
    history: '揽投员已揽收',
    time: '9:15 AM',
    redispatch: 'The parcel sent earlier could not be delivered: EA000000019CN (Delivery failed). Your results have been sent again',
    pickup: 'Please collect your results at the government service hall',
    available: 'Your electronic certificates are ready to download',
    timeline: '2 results made; they are released together once the case is done',
    timelineLines: [
      'Application submitted online', 'Sent to the departments for review: 3 tasks', '2 results made; they are released together once the case is done', 'Approved by every department; awaiting payment', 'Fees paid in full', 'Completed',
      'Results handed over for courier delivery', 'The courier took the order', 'On its way by courier; progress updated 3 times', 'Results delivered and signed for',
    ],
    statusDelivered: 'Completed, results delivered',
    noResult: 'This result was not found',
  },
} satisfies Record<Locale, unknown>;

describe("<onetrip-track>'s results and delivery", () => {
  it('lists the results with their codes, issuer and date; verifies, copies and downloads each through a short-lived link; accessible in both languages', async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      const { page, api } = await tracker(locale, [caseView(courier('delivered'), { timeline: DELIVERED_TIMELINE })], (p) => p.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin }), [CODES[1]!]);
      const results = page.locator('onetrip-track [part=results]');
      expect(await results.getByRole('heading', { level: 3 }).textContent()).toBe(w.results);
      expect(await results.getByRole('heading', { level: 4 }).allTextContents()).toEqual(RESULTS.map((r) => (locale === 'en' ? r.itemName.en : r.itemName.zh)));
      expect(await results.locator('[part=code]').allTextContents()).toEqual(CODES);
      expect(await results.locator('[part=code]').first().evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/monospace/);
      const first = squash(await results.locator('[part=result-card]').first().textContent());
      expect(first).toContain(w.issuer);
      expect(first).toContain(w.issuedOn);
      expect(await results.getByRole('link', { name: w.verify }).getAttribute('href')).toBe(verifyPage(CODES[0]!));
      expect(await textOf(page, '[part=timeline]')).toContain(w.timeline);
      // Every action reads as a sentence; a run of one action (the departments' tasks, the results made, three courier reports) is one line; the status says delivered
      expect(await page.locator('onetrip-track [part=timeline] li span').allTextContents()).toEqual(w.timelineLines);
      expect(await textOf(page, '[part=status]')).toContain(w.statusDelivered);
      await expectAccessible(page);

      // Copy the code: it is on the clipboard, and said so
      await results.getByRole('button', { name: w.copy }).click();
      await expect.poll(() => textOf(page, '[role=status]')).toBe(w.copied);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODES[0]);

      // Download: the link is asked for with the query code, and the browser downloads the PDF it points to
      const download = page.waitForEvent('download');
      await results.getByRole('button', { name: w.download }).click();
      expect((await download).suggestedFilename()).toBe(`${CODES[0]}.pdf`);
      expect(api.links).toEqual([{ code: CODES[0], query: `?queryCode=${QUERY_CODE}` }]);
      await expect.poll(() => textOf(page, '[role=status]')).toBe(w.downloading);

      // A link the API refuses: its message, on that result, as an alert
      await results.locator('[part~=download]').nth(1).click();
      const alert = results.locator('[part=result-card]').nth(1).getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain(w.noResult);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it("follows the courier's steps live, announcing each, until the results are delivered; then stops reading", async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      const views = [caseView(courier('in_transit')), caseView(courier('out_for_delivery')), caseView(courier('delivered'))];
      const { page, api } = await tracker(locale, views, (p) => p.clock.install({ time: new Date('2026-11-30T10:00:00+08:00') }));

      // In transit: two steps done, the third current; the waybill and the history with Shanghai times
      expect(await page.locator('onetrip-track [part=progress] li').allTextContents().then((all) => all.map(squash))).toEqual(
        w.steps.map((s, i) => (i < 2 ? `${s}${w.done}` : s)),
      );
      expect(await currentStep(page)).toBe(w.steps[2]);
      expect(await textOf(page, '[part=handover]')).toBe(w.shipping);
      expect(await textOf(page, 'p:has([part=waybill])')).toBe(w.waybill);
      expect(await page.locator('onetrip-track [part=history] li').count()).toBe(3);
      expect(await textOf(page, '[part=history] li:nth-child(2)')).toContain(w.time);
      expect(await textOf(page, '[part=history] li:nth-child(2)')).toContain(w.history);
      expect(await page.locator('onetrip-track [part=trips]').count()).toBe(0);
      await expectAccessible(page);

      // Three seconds later the case is read again: out for delivery, announced politely
      await page.clock.runFor(3000);
      await expect.poll(() => currentStep(page)).toBe(w.steps[3]);
      expect(await textOf(page, '[role=status]')).toBe(w.progress);
      expect(api.reads).toBe(2);

      // Delivered: the last step, the trips, and no more readings
      await page.clock.runFor(3000);
      await expect.poll(() => currentStep(page)).toBe(w.steps[4]);
      expect(await textOf(page, '[role=status]')).toBe(w.delivered);
      expect(await textOf(page, '[part=handover]')).toBe(w.delivered);
      expect(await textOf(page, '[part=trips]')).toBe(w.trips);
      expect(await page.locator('onetrip-track [part=history] li').count()).toBe(5);
      await expectAccessible(page);
      await page.clock.runFor(15_000);
      expect(api.reads).toBe(3);
      await page.context().close();
    }

    // Taken off the page while shipping: no more readings
    const { page, api } = await tracker('zh-CN', [caseView(courier('picked_up'))], (p) => p.clock.install({ time: new Date('2026-11-30T10:00:00+08:00') }));
    await page.clock.runFor(3000);
    await expect.poll(() => api.reads).toBe(2);
    await page.evaluate(() => document.querySelector('onetrip-track')!.remove());
    await page.clock.runFor(15_000);
    expect(api.reads).toBe(2);
    await page.context().close();
  });

  it('says so when a shipment failed and the results went out again; shows the pickup notice prominently; and an electronic handover', async () => {
    const redispatch = courier('accepted', { attempt: 2, failedShipments: [{ waybillNumber: 'EA000000019CN', status: 'failed' }] });
    const notice = '快递投递失败（运单 EA000000022CN），请凭受理回执到政务服务大厅领取';
    const pickup: HandoverView = {
      mode: 'pickup',
      status: 'pickup_ready',
      startedAt: at(-5),
      notice,
      failedShipments: [
        { waybillNumber: 'EA000000019CN', status: 'failed' },
        { waybillNumber: 'EA000000022CN', status: 'failed' },
      ],
    };
    const electronic: HandoverView = { mode: 'electronic', status: 'available', startedAt: at(0), completedAt: at(0), failedShipments: [] };
    for (const locale of LOCALES) {
      const w = words[locale];
      const again = await tracker(locale, [caseView(redispatch)]);
      expect(await textOf(again.page, '[part=redispatch]')).toContain(w.redispatch);
      expect(await currentStep(again.page)).toBe(w.steps[0]);
      await expectAccessible(again.page);
      await again.page.context().close();

      const hall = await tracker(locale, [caseView(pickup, { trips: 1 })]);
      const box = hall.page.locator('onetrip-track [part=pickup-notice]');
      expect(squash(await box.locator('strong').textContent())).toBe(w.pickup);
      expect(squash(await box.textContent())).toContain(notice);
      expect(await box.locator('[lang=zh-CN]').textContent()).toBe(notice);
      // Before the results, right under the delivery heading
      expect(await hall.page.locator('onetrip-track [part=delivery] > :nth-child(3)').getAttribute('part')).toBe('pickup-notice');
      expect(await hall.page.locator('onetrip-track [part=progress]').count()).toBe(0);
      await expectAccessible(hall.page);
      await hall.page.context().close();

      const online = await tracker(locale, [caseView(electronic)]);
      expect(await textOf(online.page, '[part=handover]')).toBe(w.available);
      expect(await textOf(online.page, '[part=trips]')).toBe(w.trips);
      expect(await online.page.locator('onetrip-track [part=progress]').count()).toBe(0);
      expect(await online.page.locator('onetrip-track [part~=download]').count()).toBe(RESULTS.length);
      await expectAccessible(online.page);
      await online.page.context().close();
    }
  });
});
