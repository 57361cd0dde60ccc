/**
 * The tracker's rating (好差评) in a real Chromium against the local platform: once the case
 * is finished, the rating form (grades as radio buttons, reasons as checkboxes, a comment)
 * with its error summary; a poor rating, the rectification it opens, the department's
 * response as the applicant reads it, and the second rating; in Chinese and in English, with
 * axe in each state. docs/ratings.md.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase, decideStage } from '../support/cases.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { deepFocus, expectAccessible, mount } from './mount.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

/** The construction project planning permit: one department (nrp), no fee. */
const PLANNING = '000108003000';

async function trackerFor(receipt: string, queryCode: string, locale: 'zh-CN' | 'en'): Promise<Page> {
  const page = await mount(env, `<onetrip-track receipt="${receipt}" query-code="${queryCode}" locale="${locale}"></onetrip-track>`);
  await page.locator('onetrip-track [part=result]').waitFor();
  return page;
}

const text = async (page: Page, selector: string) => ((await page.locator(`onetrip-track ${selector}`).first().textContent()) ?? '').replace(/\s+/g, ' ');

describe('<onetrip-track> rating', () => {
  it('rates a finished case, shows the rectification and the department’s answer, and rates again; accessible in both languages', async () => {
    // Prepare: a completed case; no rating form while it was in review
    const c = await acceptedCase(env.t, { itemCode: PLANNING });
    const inReview = await trackerFor(c.receiptNumber, c.queryCode, 'zh-CN');
    expect(await inReview.locator('onetrip-track [part=rating]').count()).toBe(0);
    await inReview.context().close();
    await decideStage(env.t, c.caseId, 1);

    // Chinese: the form, an empty send, then a poor grade without a reason
    const zh = await trackerFor(c.receiptNumber, c.queryCode, 'zh-CN');
    const track = zh.locator('onetrip-track');
    await track.locator('[part=rating-form]').waitFor();
    expect(await text(zh, '[part=rating]')).toContain('评价本次服务');
    await expectAccessible(zh);
    await track.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => text(zh, '[part=error-summary] ul')).toContain('请选择您对本次服务的评价');
    expect((await deepFocus(zh))?.tag).toBe('div');
    await expectAccessible(zh);
    await track.getByLabel('非常不满意').check();
    await track.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => text(zh, '[part=error-summary] ul')).toContain('请至少选择一项原因');
    // The summary's link moves focus to the reasons
    await track.locator('onetrip-error-summary').getByRole('link').first().click();
    expect(await deepFocus(zh)).toEqual({ tag: 'input', id: 'rating-reasons' });
    await track.getByLabel('多次跑腿').check();
    await track.getByLabel('意见和建议').fill('为补一份材料跑了两趟');
    const rated = zh.evaluate(() => new Promise((resolve) => document.addEventListener('onetrip-rated', (e) => resolve((e as CustomEvent).detail), { once: true })));
    await track.getByRole('button', { name: '提交评价' }).click();

    // Assess: the rating given, the rectification open, no form until the department answers
    expect(await rated).toEqual({ receiptNumber: c.receiptNumber, round: 1, grade: 'very_dissatisfied' });
    await expect.poll(() => text(zh, '[part=rating]')).toContain('您的评价：非常不满意');
    await expect.poll(() => text(zh, '[part=rectification]')).toContain('部门整改中');
    expect(await text(zh, '[part=rating]')).toContain('多次跑腿');
    expect(await text(zh, '[part=rating]')).toContain('为补一份材料跑了两趟');
    expect(await track.locator('[part=rating-form]').count()).toBe(0);
    await expectAccessible(zh);
    await zh.context().close();

    // The department calls back and answers
    const id = `${c.caseId}-r1-nrp`;
    const answered = await env.t.api.post(`/v1/staff/rectifications/${id}/response`, {
      callback: { at: new Date(Date.now() - 60_000).toISOString(), note: '电话回访' },
      changed: 'Materials are now checked once, at the window',
      response: 'Sorry for the second trip: the checklist has been fixed',
    }, { token: await env.t.api.token('chief-nrp') });
    expect(answered.status).toBe(200);

    // English: the answer, and the second rating
    const en = await trackerFor(c.receiptNumber, c.queryCode, 'en');
    const enTrack = en.locator('onetrip-track');
    await enTrack.locator('[part=rating-form]').waitFor();
    expect(await text(en, '[part=rectification]')).toContain('The department has answered');
    expect(await text(en, '[part=rectification]')).toContain('Sorry for the second trip: the checklist has been fixed');
    expect(await text(en, '[part=rectification]')).toContain('Materials are now checked once, at the window');
    expect(await text(en, '[part=rectification]')).not.toContain('chief-nrp');
    expect(await text(en, '[part=rating-form]')).toContain('Rate the service again, after the rectification');
    await expectAccessible(en);
    await enTrack.getByLabel('Satisfied', { exact: true }).check();
    await enTrack.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(() => text(en, '[part=rating]')).toContain('Your rating after the rectification: Satisfied');
    expect(await text(en, '[part=rating]')).toContain('Thank you for your rating.');
    expect(await enTrack.locator('[part=rating-form]').count()).toBe(0);
    await expectAccessible(en);
    await en.context().close();
  });
});
