/**
 * The department's day in the workbench: two reviewers of two departments decide their tasks
 * from their inboxes (one suspends and resumes first); the chief signs three decisions in one
 * batch, one of which was signed meanwhile, and reads the result per task; a leader signs a
 * decision the chief referred. A reviewer whose department has no task in a case is told,
 * in their language, that neither the case nor a material of it is found. A reviewer reads
 * their department's messages, counted unread in the navigation until opened, each linking to
 * its case; a reviewer of another department has none of them. Axe finds nothing
 * in any view, in Chinese and in English.
 *
 * WORKBENCH_SCREENSHOTS=1 also writes docs/images/workbench-inbox.png, workbench-signing.png and
 * workbench-leader.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase, tasksOf } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { expectAccessible } from './mount.js';
import { accessibleInBothLanguages, screenshot, signedIn } from './workbench-pages.js';
import { putNotification } from '../support/messages.js';

/** The construction permit, reviewed by housing and urban–rural development. */
const PERMIT = '000110001000';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

const taskOf = async (caseId: string) => (await tasksOf(env.t, caseId))[0]!;
const row = (page: Page, receiptNumber: string) => page.locator('tbody tr', { hasText: receiptNumber });

/** Decides the task open in the task view: the decision's radio, an opinion, submit; waits for the status it leads to. */
async function decide(page: Page, decision: string, opinion: string, status: string): Promise<void> {
  await page.locator(`#decision-${decision}`).check();
  await page.locator('#opinion').fill(opinion);
  await page.getByRole('button', { name: '提交决定' }).click();
  await expect.poll(() => page.locator('main [role=status].notice-ok').textContent()).toContain(status);
}

/** A reviewer's proposal through the API, leaving the task awaiting the chief's signature. */
async function proposed(itemCode: string, department: string) {
  const c = await acceptedCase(env.t, { itemCode });
  const task = await taskOf(c.caseId);
  const reply = await env.t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'approve', opinion: `${department} 材料齐全，准予许可` }, { token: await env.t.api.token(`reviewer-${department}`) });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return { ...c, taskId: task.taskId as string };
}

describe('the reviewers, the chief and the leader in the workbench', () => {
  it('two reviewers of two departments decide their tasks from their inboxes, one suspending and resuming first', async () => {
    // Prepare: a food licence (amr) and a construction permit (hurd), each accepted
    const food = await acceptedCase(env.t, { itemCode: FOOD_LICENCE });
    const permit = await acceptedCase(env.t, { itemCode: PERMIT });

    // Act 1: the food reviewer's inbox, by keyboard: j to the first task, Enter opens it
    const amr = await signedIn(env, 'reviewer-amr', '#/inbox');
    await row(amr, food.receiptNumber).waitFor();
    expect(await row(amr, permit.receiptNumber).count()).toBe(0);
    expect(await row(amr, food.receiptNumber).locator('.level').textContent()).toBe('正常');
    expect(await amr.getByRole('button', { name: /全部待审 \(\d+\)/ }).count()).toBe(1);
    await accessibleInBothLanguages(amr, 'Review inbox');
    await screenshot(amr, 'workbench-inbox');
    await amr.locator('main h1').focus();
    await amr.keyboard.press('j');
    expect(await amr.evaluate(() => document.activeElement?.textContent)).toBe(food.receiptNumber);
    await amr.keyboard.press('Enter');
    await amr.locator('#decision-suspend').waitFor();

    // Assess: an opinion is required, and the refusal is the API's, in Chinese
    await amr.locator('#decision-suspend').check();
    await amr.getByRole('button', { name: '提交决定' }).click();
    await expect.poll(() => amr.locator('main .problem', { hasText: 'VALIDATION_FAILED' }).textContent()).toContain('/opinion');

    // Act 2: suspend, then find it under the suspended filter and resume it, then approve
    await decide(amr, 'suspend', '申请人需补充现场照片', '已中止');
    await accessibleInBothLanguages(amr, 'Food business licence');
    await amr.getByRole('link', { name: '返回收件箱' }).click();
    await amr.getByRole('button', { name: /已中止 \(1\)/ }).click();
    await row(amr, food.receiptNumber).getByRole('link').click();
    await decide(amr, 'resume', '照片已补充', '待审查');
    await decide(amr, 'approve', '材料齐全，准予许可', '待首席代表签发');

    // Need to know: the permit's reviewer has no task in the food case, so neither it nor a material of it is found
    const hurd = await signedIn(env, 'reviewer-hurd', `#/cases/${food.caseId}`);
    const refusal = hurd.locator('main .problem');
    await expect.poll(() => refusal.textContent()).toContain(`找不到办件 ${food.caseId}`);
    expect(await refusal.textContent()).toContain('CASE_NOT_FOUND');
    expect(await hurd.locator('main').textContent()).not.toContain(food.receiptNumber);
    await accessibleInBothLanguages(hurd, 'Case');
    await hurd.locator('button.language').click();
    const [material] = await Promise.all([
      hurd.waitForResponse((r) => r.url().endsWith(`/v1/staff/cases/${food.caseId}/materials/M0030`)),
      hurd.evaluate((hash) => (location.hash = hash), `#/cases/${food.caseId}/materials/M0030`),
    ]);
    expect([material.status(), (await material.json()).error.code]).toEqual([404, 'CASE_NOT_FOUND']);
    await expect.poll(() => refusal.textContent()).toContain(`No case ${food.caseId}`);
    expect(await hurd.locator('main iframe, main img').count()).toBe(0);
    await expectAccessible(hurd);
    await hurd.locator('button.language').click();

    // Act 3: the permit's reviewer approves theirs
    await hurd.getByRole('link', { name: '审查收件箱' }).click();
    await row(hurd, permit.receiptNumber).getByRole('link').click();
    await decide(hurd, 'approve', '符合施工许可条件', '待首席代表签发');

    // Assess: both tasks await their chiefs, with the reviewers' opinions
    expect(await taskOf(food.caseId)).toMatchObject({ status: 'awaiting_signature', proposal: { decision: 'approve', opinion: '材料齐全，准予许可', by: 'reviewer-amr' } });
    expect(await taskOf(permit.caseId)).toMatchObject({ status: 'awaiting_signature', proposal: { decision: 'approve', opinion: '符合施工许可条件', by: 'reviewer-hurd' } });
  });

  it('the chief batch-signs three decisions, one of them signed meanwhile, and sees the result per task', async () => {
    // Prepare: three food licence approvals proposed; the chief's queue is open
    const cases = [await proposed(FOOD_LICENCE, 'amr'), await proposed(FOOD_LICENCE, 'amr'), await proposed(FOOD_LICENCE, 'amr')];
    const chief = await signedIn(env, 'chief-amr', '#/signing');
    for (const c of cases) await row(chief, c.receiptNumber).waitFor();
    expect(await row(chief, cases[0]!.receiptNumber).textContent()).toContain('amr 材料齐全，准予许可');
    await accessibleInBothLanguages(chief, 'Signing queue');
    await screenshot(chief, 'workbench-signing');

    // Act: the second is signed elsewhere (through the API), then the three are ticked and signed together
    const signed = await env.t.api.post(`/v1/staff/tasks/${cases[1]!.taskId}/decision`, { decision: 'sign' }, { token: await env.t.api.token('chief-amr') });
    expect(signed.status).toBe(200);
    for (const c of cases) await chief.getByLabel(`选择 ${c.receiptNumber}`).check();
    await chief.getByRole('button', { name: '签发所选（3 件）' }).click();

    // Assess: two signed, one failed with the API's own words and code, per task
    const results = chief.locator('ul.results li');
    await expect.poll(() => results.count()).toBe(3);
    expect(await chief.locator('#results-title').textContent()).toContain('成功 2 件，失败 1 件');
    expect(await results.nth(0).textContent()).toContain('成功');
    expect(await results.nth(1).textContent()).toMatch(new RegExp(`${cases[1]!.receiptNumber}：\\s*失败.*TASK_NOT_AWAITING_SIGNATURE`, 's'));
    expect(await results.nth(2).textContent()).toContain('成功');
    for (const c of cases) expect((await taskOf(c.caseId)).status).toBe('approved');
    await expect.poll(() => row(chief, cases[0]!.receiptNumber).count()).toBe(0);
    await accessibleInBothLanguages(chief, 'Signing queue');
  });

  it('a chief refers a decision to the leader, who signs it in their own queue', async () => {
    // Prepare: a permit's approval proposed
    const c = await proposed(PERMIT, 'hurd');

    // Act 1: the chief refers it, with an opinion
    const chief = await signedIn(env, 'chief-hurd', '#/signing');
    await row(chief, c.receiptNumber).getByRole('button', { name: `提请负责人签批 ${c.receiptNumber}` }).click();
    await chief.locator(`#refer-${c.taskId}`).fill('涉及重大公共安全，请分管领导签批');
    await chief.getByRole('button', { name: '提请', exact: true }).click();
    await expect.poll(() => row(chief, c.receiptNumber).count()).toBe(0);
    expect((await taskOf(c.caseId)).status).toBe('awaiting_leader');

    // Act 2: the leader's queue shows the referral beside the reviewer's opinion; they sign it
    const leader = await signedIn(env, 'leader-hurd', '#/leader');
    const referred = row(leader, c.receiptNumber);
    await referred.waitFor();
    expect(await referred.textContent()).toContain('涉及重大公共安全，请分管领导签批');
    await accessibleInBothLanguages(leader, 'Referred decisions');
    await screenshot(leader, 'workbench-leader');
    await referred.getByRole('button', { name: `签发 ${c.receiptNumber}` }).click();

    // Assess
    await expect.poll(() => leader.locator('ul.results li').textContent()).toContain('成功');
    expect(await taskOf(c.caseId)).toMatchObject({ status: 'approved', decision: { signedRole: 'leader' } });
  });

  it("lists the department's messages for its reviewers, counted unread until opened, each linking to its case", async () => {
    // Prepare: two messages for the food department's reviewers, as the notifications consumer records them
    const food = await acceptedCase(env.t, { itemCode: FOOD_LICENCE });
    const reviewers = { kind: 'staff' as const, role: 'reviewer' as const, department: 'amr' };
    const later = new Date(Date.now() + 60_000).toISOString();
    for (const [i, template] of (['task_assigned', 'task_warned'] as const).entries()) {
      await putNotification(env.t, food, { eventId: `e-wb-${i}`, template, channel: 'inapp', recipient: reviewers, createdAt: `${later.slice(0, -4)}${i}00Z` });
    }

    // Act 1: the reviewer's inbox counts them in the navigation
    const amr = await signedIn(env, 'reviewer-amr', '#/inbox');
    const badge = amr.locator('nav a[href="#/messages"] .badge');
    await expect.poll(async () => Number.parseInt((await badge.textContent()) ?? '0', 10)).toBeGreaterThanOrEqual(2);

    // Act 2: the messages view lists them, newest first, and the badge goes
    await amr.locator('nav a[href="#/messages"]').click();
    const items = amr.locator('main ol.messages > li', { hasText: food.receiptNumber });
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => badge.count()).toBe(0);
    await accessibleInBothLanguages(amr, 'Messages');

    // Act 3: switched to English, the view asks for them again in English, and back in Chinese
    await amr.locator('button.language').click();
    await expect.poll(() => amr.locator('main ol.messages').textContent()).toContain(`New task: ${food.receiptNumber}`);
    expect(await amr.locator('main ol.messages').textContent()).not.toContain('新的审批任务');
    await amr.locator('button.language').click();
    await expect.poll(() => amr.locator('main ol.messages').textContent()).toContain(`新的审批任务：${food.receiptNumber}`);
    await items.first().locator('a').click();
    await expect.poll(() => amr.evaluate(() => location.hash)).toBe(`#/cases/${food.caseId}`);

    // Act 4: another department's reviewer has none of them
    const hurd = await signedIn(env, 'reviewer-hurd', '#/messages');
    await hurd.locator('main h1').waitFor();
    await expect.poll(() => hurd.locator('main').textContent()).not.toContain('加载中');

    // Assess
    expect(await hurd.locator('main ol.messages > li', { hasText: food.receiptNumber }).count()).toBe(0);
  });
});
