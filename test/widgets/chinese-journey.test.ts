/**
 * No English in a Chinese journey: a citizen on the market-regulation page of the portal
 * reads the service guide, fills the form (every step, with its validation errors shown),
 * gets the receipt, looks the case up (a wrong query code, a server fault, then the case
 * with a timeline of every action the API writes) and reads a fee ticket. At each state
 * every text node of every element, shadow roots included, is checked for Latin-only
 * words (test/widgets/latin-words.ts), and axe is clean; the same states in English are
 * axe-clean too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketView } from '../../contracts/tickets.js';
import { FOOD_DEPARTMENT } from '../support/fixtures.js';
import { fillApplicant, fillDelivery, fillDetails, fillMaterials, heading, next } from './apply-journey.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { latinWords } from './latin-words.js';
import { expectAccessible } from './mount.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

/** Every timeline action functions/domain writes (`action:`), oldest first as a case lives them. */
const ACTIONS = [
  'case.submitted', 'case.deficient', 'case.corrected', 'case.accepted', 'agent.assigned', 'stage.started', 'task.created', 'task.suspended',
  'task.resumed', 'task.reviewed', 'task.approved', 'task.rejected', 'stage.completed', 'deferred.reminded', 'deferred.late', 'deferred.supplied',
  'result.issued', 'case.awaiting_payment', 'ticket.issued', 'payment.started', 'payment.failed', 'ticket.paid', 'payment.duplicate',
  'refund.requested', 'refund.completed', 'ticket.cancelled', 'case.completed', 'results.available', 'delivery.requested', 'delivery.dispatched',
  'delivery.updated', 'delivery.updated', 'delivery.delivered', 'pickup.ready', 'case.rejected',
];

const TICKET: TicketView = {
  ticketNumber: 'T430600-20261128-000042',
  receiptNumber: '430600-20261128-000042',
  itemName: { zh: '建设工程施工许可', en: 'Construction permit' },
  status: 'issued',
  feePoint: 'approval',
  issuedOn: '2026-11-28',
  dueDate: '2026-12-05',
  totalFen: 11_115_000,
  lines: [{
    feeCode: 'F001', department: 'hurd', departmentName: { zh: '岳阳市住房和城乡建设局', en: 'Yueyang Housing and Urban-Rural Development Bureau' },
    name: { zh: '城市基础设施配套费', en: 'Urban infrastructure supporting fee' }, basis: { zh: '收费依据', en: 'Legal basis' },
    rule: 'per_unit', inputs: { field: '/floorArea', quantity: 1234.5, units: 1235, unit: { zh: '平方米', en: 'm²' }, fenPerUnit: 9000 },
    amountFen: 11_115_000, status: 'due',
  }],
  departments: [{ department: 'hurd', departmentName: { zh: '岳阳市住房和城乡建设局', en: 'Yueyang Housing and Urban-Rural Development Bureau' }, amountFen: 11_115_000 }],
  payments: [],
  refunds: [],
};

const track = (page: Page) => page.locator('onetrip-track');

describe('a Chinese journey', () => {
  it('shows no English word in any state of any element (codes and units aside), axe-clean in both languages', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const page = await env.open(lang === 'en' ? '/market.html?lang=en' : '/market.html');
      const allow: string[] = [];
      const check = async (state: string) => {
        if (lang === 'zh') expect(await latinWords(page, allow), state).toEqual([]);
        await expectAccessible(page);
      };

      // The service guide, and the form's first step with every error shown
      await page.locator('onetrip-service-guide h2').first().waitFor();
      await heading(page).waitFor();
      await check('guide and empty form');
      await page.click('onetrip-apply #next');
      await page.locator('onetrip-apply onetrip-error-summary [role="alert"]').waitFor();
      await check('step 1 errors');
      await fillApplicant(page, '91430600MA4T8K2L38');
      await page.click('onetrip-apply #next');
      await page.locator('#f-applicant-idNumber-error').waitFor();
      await check('step 1 wrong credit code');
      await fillApplicant(page);
      await next(page, 2);
      await page.click('onetrip-apply #next');
      await page.locator('#f-form-premisesAddress-error').waitFor();
      await check('step 2 errors');
      await fillDetails(page);
      await next(page, 3);
      await page.click('onetrip-apply #next');
      await page.locator('onetrip-apply onetrip-error-summary [role="alert"]').waitFor();
      await check('step 3 errors');
      await fillMaterials(page);
      await check('step 3 files chosen');
      await next(page, 4);
      await fillDelivery(page);
      await check('step 4');
      await next(page, 5);
      await check('review');
      await page.click('onetrip-apply #next');
      const receiptNumber = (await page.locator('onetrip-apply [data-receipt-number]').textContent())!.trim();
      const queryCode = (await page.locator('onetrip-apply [data-query-code]').textContent())!.trim();
      allow.push(queryCode);
      await check('receipt');

      // The tracker: a wrong query code, a server fault, then the case
      await track(page).locator('#receipt').fill(receiptNumber);
      await track(page).locator('#query-code').fill('ZZZZZZZZ');
      await track(page).locator('#query-code').press('Enter');
      await track(page).locator('[part=error]').waitFor();
      if (lang === 'zh') expect(await track(page).locator('[part=error]').textContent()).toContain('没有与该受理编号和查询码相符的申请');
      await check('lookup refused');
      await page.route('**/v1/applications/*?*', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' }), { times: 1 });
      await track(page).locator('#query-code').fill(queryCode);
      await track(page).locator('#query-code').press('Enter');
      await expect.poll(() => track(page).locator('[part=error]').textContent()).toContain(lang === 'zh' ? '服务暂时出错' : 'Something went wrong');
      await check('server fault');

      // The case, its timeline showing every action the API writes, and its fee ticket
      const view = (await env.t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`)).body;
      const timeline = ACTIONS.map((action, i) => ({ seq: i + 1, at: new Date(Date.UTC(2026, 10, 28, 1, i)).toISOString(), action, actor: { type: 'staff', department: i % 2 ? FOOD_DEPARTMENT : 'no-such-department' } }));
      await page.route('**/v1/applications/*?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...view, timeline }) }));
      await track(page).locator('#query-code').press('Enter');
      await track(page).locator('[part=timeline] li').first().waitFor();
      if (lang === 'zh') expect(await track(page).locator('[part=timeline]').textContent()).toContain('快递运送中，进度已更新 2 次');
      await check('case with its timeline');

      const ticketPage = await page.context().newPage();
      await ticketPage.goto(new URL(lang === 'en' ? '/smoke.html?lang=en' : '/smoke.html', env.t.platform.url).href);
      await ticketPage.addScriptTag({ type: 'module', url: '/widgets/onetrip.js' });
      await ticketPage.evaluate(
        ([data, locale]) => {
          const el = Object.assign(document.createElement('onetrip-fee-ticket'), { data });
          if (locale === 'en') el.setAttribute('locale', 'en');
          document.querySelector('main')!.append(el);
        },
        [TICKET, lang] as const,
      );
      await ticketPage.locator('onetrip-fee-ticket [part=status]').waitFor();
      if (lang === 'zh') expect(await latinWords(ticketPage, [TICKET.ticketNumber])).toEqual([]);
      await expectAccessible(ticketPage);
      await page.context().close();
    }
  });
});
