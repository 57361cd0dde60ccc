/**
 * The demo portal's "手机短信" page (issue 15) in Chromium: a person trying the platform opens
 * the applicant's test phone, submits a case, a clerk accepts it, and the acceptance text
 * arrives on the page as the phone shows it, with no reload. A typed phone that is not one
 * is refused on the page. Axe finds nothing. The local clock is set to a Shanghai morning
 * first, so the quiet hours (22:00–08:00) hold no text whenever the test runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase } from '../support/cases.js';
import { applicantCompany, FOOD_LICENCE } from '../support/fixtures.js';
import { axeViolations, describeViolations, startWidgetEnv, type WidgetEnv } from './harness.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
  // 10:00 in Shanghai (02:00 UTC) on the next day: outside the quiet hours.
  const morning = new Date(Date.now() + 86_400_000);
  morning.setUTCHours(2, 0, 0, 0);
  const clock = await env.t.api.post('/local/clock', { at: morning.toISOString() });
  expect(clock.status, JSON.stringify(clock.body)).toBe(200);
}, 240_000);
afterAll(async () => {
  await env?.stop();
});

/** The notification sender's run, as the local scheduler fires it every minute. */
async function runSender(): Promise<void> {
  const schedules = (await env.t.api.get('/local/index')).body.schedules as { id: string }[];
  const sender = schedules.find((s) => s.id.startsWith('NotificationSender'));
  if (sender) expect((await env.t.api.post(`/local/schedules/${sender.id}`, {})).status).toBe(200);
  await env.t.platform.idle();
}

describe('the demo portal’s SMS page', () => {
  it('shows the acceptance text on the applicant’s phone once a clerk accepts the case', async () => {
    // Prepare: the applicant's phone, open before anything is sent
    const page = await env.open(`/sms.html?phone=${applicantCompany.phone}`);
    await page.locator('#inbox-status').filter({ hasText: /\S/ }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Act: the case is submitted and the clerk accepts it
    const c = await acceptedCase(env.t, { itemCode: FOOD_LICENCE });
    await runSender();

    // Assess: the sandbox captured the acceptance text, and the page shows it as the phone does
    const accepted = async () =>
      ((await env.t.api.get(`/local/messages?phone=${applicantCompany.phone}&receiptNumber=${c.receiptNumber}`)).body.messages as { channel: string; template: string; text: string }[])
        .find((m) => m.channel === 'sms' && m.template === 'accepted');
    await expect.poll(accepted).toBeDefined();
    const text = (await accepted())!.text;
    expect(text.startsWith('【岳阳政务服务】')).toBe(true);
    expect(text).toContain(c.receiptNumber);
    expect(text).not.toContain(c.queryCode);
    await expect.poll(() => page.locator('.sms-text').allTextContents()).toContain(text);
    expect(await page.locator('#inbox-status').textContent()).toMatch(/收到 \d+ 条新短信|共 \d+ 条短信/);
    const after = await axeViolations(page);
    expect(after, describeViolations(after)).toEqual([]);
    await page.context().close();
  });

  it('refuses a typed phone that is not one, on the page, and opens a typed one', async () => {
    // Act
    const page = await env.open('/sms.html');
    await page.locator('#phone').fill('12ab');
    await page.getByRole('button', { name: '查看短信' }).click();

    // Assess
    await page.locator('#phone-error').waitFor();
    expect(await page.locator('#phone').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('phone');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.locator('#phone').fill('13907305678');
    await page.getByRole('button', { name: '查看短信' }).click();
    await page.waitForURL(/phone=13907305678/);
    await expect.poll(() => page.locator('#inbox-phone').textContent()).toBe('13907305678');
    await page.context().close();
  });

  it('speaks English with ?lang=en, the hint saying what the field accepts in both languages, accessibly', async () => {
    // Act
    const chinese = await env.open('/sms.html');
    const page = await env.open('/sms.html?lang=en&phone=13807309876');
    await page.locator('#inbox-status').filter({ hasText: /\S/ }).waitFor();

    // Assess
    expect(await chinese.locator('#phone-hint').textContent()).toContain('6 至 15 位数字');
    expect(await page.locator('#phone-hint').textContent()).toContain('6 to 15 digits');
    expect(await page.locator('a.lang').textContent()).toBe('中文');
    expect(await page.locator('#pick-title').textContent()).toBe('Choose a test phone');
    expect(await page.locator('#inbox-title').textContent()).toContain('Texts received by 13807309876');
    expect(await page.locator('#inbox-status').textContent()).toMatch(/No texts yet|\d+ text messages?\./);
    await page.getByRole('button', { name: 'Show the texts' }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.locator('#phone').fill('12ab');
    await page.getByRole('button', { name: 'Show the texts' }).click();
    expect(await page.locator('#phone-error').textContent()).toContain('Enter a phone number of 6 to 15 digits');
    expect(await page.evaluate(() => new URL(location.href).searchParams.get('lang'))).toBe('en');
    await chinese.context().close();
    await page.context().close();
  });
});
