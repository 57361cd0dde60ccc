/**
 * The supervisor's day in the workbench, on the local virtual clock (`POST /local/clock`,
 * docs/supervision.md): a construction permit accepted on Wednesday 2026-09-23 (due 09-29)
 * turns red on the open board when the clock moves to 09-30 and the deadline watch runs,
 * without the page being reloaded; the supervisor issues a supervision order on it from the
 * board and downloads the month's report. Axe finds nothing in any view, in both languages.
 *
 * WORKBENCH_SCREENSHOTS=1 also writes docs/images/workbench-board.png.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase } from '../support/cases.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { accessibleInBothLanguages, screenshot, signedIn } from './workbench-pages.js';

const PERMIT = '000110001000';

let env: WidgetEnv;
let watchId: string;
beforeAll(async () => {
  env = await startWidgetEnv();
  const index = (await env.t.api.get('/local/index')).body;
  watchId = (index.schedules as { id: string }[]).find((s) => s.id.startsWith('DeadlineWatch'))!.id;
});
afterAll(async () => {
  await env?.stop();
});

async function setClock(at: string) {
  const reply = await env.t.api.post('/local/clock', { at });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

describe("the supervisor's board in the workbench", () => {
  it('shows a task turning red when the clock moves, issues a supervision order on it, and downloads the monthly report', async () => {
    // Prepare: the permit accepted on the virtual Wednesday; the supervisor's board open
    await setClock('2026-09-23T10:00:00+08:00');
    const c = await acceptedCase(env.t, { itemCode: PERMIT });
    const page = await signedIn(env, 'supervisor', '#/board');
    await page.locator('#red-title').waitFor();
    expect(await page.locator('#red-tasks').count()).toBe(0);
    await page.locator('#trend-chart canvas').waitFor();
    await accessibleInBothLanguages(page, 'Supervision board');

    // Act 1: the clock moves past the promised date; the watch runs; the window regains focus
    await setClock('2026-09-30T00:05:00+08:00');
    const watched = await env.t.api.post(`/local/schedules/${watchId}`, {});
    expect(watched.status).toBe(200);
    await env.t.platform.idle();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));

    // Assess: the task is listed red, in words as well as colour, on the same page
    const red = page.locator('#red-tasks tbody tr', { hasText: c.receiptNumber });
    await red.waitFor();
    expect(await red.locator('.level').textContent()).toBe('红灯超期');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await screenshot(page, 'workbench-board');

    // Act 2: a supervision order on it, from its row
    await red.getByRole('button', { name: `督办 ${c.receiptNumber}` }).click();
    await page.locator('#order-reply-by').fill('2026-10-09');
    await page.getByRole('button', { name: '发出督办' }).click();
    await expect.poll(() => page.locator('main [role=status].notice-ok').textContent()).toContain(c.receiptNumber);
    const orders = (await env.t.api.get('/v1/staff/supervision-orders', await env.t.api.token('supervisor'))).body.orders;
    expect(orders).toContainEqual(expect.objectContaining({ caseId: c.caseId, department: 'hurd', replyBy: '2026-10-09' }));
    await accessibleInBothLanguages(page, 'Supervision board');

    // Act 3: the month's report, as a PDF and a CSV
    expect(await page.locator('#report-period').inputValue()).toBe('2026-09');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('supervision-2026-09.pdf');
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect((await readFile((await csv.path())!, 'utf8')).replace(/^\uFEFF/, '')).toMatch(/^report,2026-09,2026-09-01,2026-09-30,ALL,/);

    // Assess: the order stands in the oversight view; the access log view opens
    await page.getByRole('link', { name: '督办与整改' }).click();
    await page.locator('#orders-open + table tbody tr', { hasText: c.receiptNumber }).waitFor();
    await accessibleInBothLanguages(page, 'Orders and rectifications');
    await page.getByRole('link', { name: '个人信息访问记录' }).click();
    await page.locator('#log-day').waitFor();
    await accessibleInBothLanguages(page, 'Personal data access log');
  });
});
