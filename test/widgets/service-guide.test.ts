import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { expectAccessible, mount as mountOn } from './mount.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

const mount = (markup: string, prepare?: (page: Page) => Promise<void>) => mountOn(env, markup, prepare);

describe('<onetrip-service-guide>', () => {
  it('shows the food business licence guide, accessibly, in Chinese by default', async () => {
    const page = await mount(`<onetrip-service-guide item="${FOOD_LICENCE}"></onetrip-service-guide>`);
    const guide = page.locator('onetrip-service-guide');
    await expect.poll(() => guide.locator('h2').textContent()).toBe('食品经营许可');
    await expectAccessible(page);
    const text = (await guide.locator('article').textContent()) ?? '';
    expect(text).toContain('全程网办，零跑动');
    expect(text).toContain('岳阳市市场监督管理局');
    expect(text).toContain('5 个工作日');
    expect(text).toContain('20 个工作日');
    expect(text).toContain('本事项不收费');
    expect(await guide.locator('[part=tag]').allTextContents()).toEqual(['可容缺后补', '可容缺后补']);
    expect(await guide.locator('tbody th').count()).toBe(6);
    await page.context().close();
  });

  it('speaks English on locale="en", fees and the one-trip items included', async () => {
    const page = await mount(
      ['000110001000', '000122002000', '000108005000'].map((item) => `<onetrip-service-guide item="${item}" locale="en"></onetrip-service-guide>`).join(''),
    );
    const guides = page.locator('onetrip-service-guide');
    // Three guides load at once; on a busy machine that can take longer than the default second.
    await expect.poll(() => guides.locator('h2').allTextContents(), { timeout: 10_000 }).toEqual([
      'Construction permit',
      'Approval of urban road excavation',
      'Real-estate transfer registration (sale of a dwelling)',
    ]);
    await expectAccessible(page);
    const [perUnit, tiered, fixed] = await Promise.all([0, 1, 2].map((i) => guides.nth(i).locator('article').textContent()));
    expect(perUnit).toMatch(/¥90\.00 per m²/);
    expect(perUnit).toContain('part of a m² counts as a whole m²');
    expect(perUnit).toContain('Fully online: no trip');
    expect(tiered).toMatch(/up to 20 m²: (CN)?¥2,000\.00.*over 20 m² up to 100 m²: (CN)?¥8,000\.00.*over 500 m²: (CN)?¥60,000\.00/s);
    expect(fixed).toContain('At most one trip');
    expect(fixed).toMatch(/¥80\.00/);
    expect(fixed).toContain('Original shown at the window');
    expect(fixed).toContain('working days');
    await page.context().close();
  });

  it('is accessible while loading and after an error, and retries from the keyboard', async () => {
    for (const locale of ['zh-CN', 'en']) {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let calls = 0;
      const page = await mount(`<onetrip-service-guide item="${FOOD_LICENCE}" locale="${locale}"></onetrip-service-guide>`, async (p) => {
        await p.route('**/v1/catalog/items/**', async (route) => {
          calls += 1;
          if (calls === 1) {
            await held;
            await route.abort('connectionreset');
          } else {
            await route.continue();
          }
        });
      });
      const guide = page.locator('onetrip-service-guide');
      // Loading
      await expect.poll(() => guide.locator('[part=status]').count()).toBe(1);
      await expectAccessible(page);
      // A dropped connection: the message and a retry button, no crash
      release();
      const retry = guide.getByRole('button', { name: locale === 'en' ? 'Try again' : '重试' });
      await retry.waitFor();
      expect(await guide.locator('[part=error]').textContent()).toContain(locale === 'en' ? 'could not be reached' : '无法连接服务');
      await expectAccessible(page);
      // Keyboard only: Tab reaches the button, Enter retries
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part'))).toBe('retry-button');
      await page.keyboard.press('Enter');
      await expect.poll(() => guide.locator('h2').textContent()).toBe(locale === 'en' ? 'Food business licence' : '食品经营许可');
      await page.context().close();
    }
  });

  it('says, in its own language, that an item is not in the catalog (ITEM_NOT_FOUND), never the API message', async () => {
    for (const locale of ['zh-CN', 'en']) {
      const page = await mount(`<onetrip-service-guide item="999999999999" locale="${locale}"></onetrip-service-guide>`);
      const error = page.locator('onetrip-service-guide [part=error]');
      await error.waitFor();
      expect(await error.textContent()).toContain(locale === 'en' ? 'This service is not offered here.' : '本地没有这个服务事项。');
      expect(await error.textContent()).not.toContain('is not in catalog');
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('follows the item attribute and is registered once when the script loads twice', async () => {
    const page = await mount(`<onetrip-service-guide item="${FOOD_LICENCE}"></onetrip-service-guide>`);
    const guide = page.locator('onetrip-service-guide');
    await expect.poll(() => guide.locator('h2').textContent()).toBe('食品经营许可');
    const events: unknown[] = [];
    await page.exposeFunction('recordGuide', (detail: unknown) => events.push(detail));
    await page.evaluate(() => document.addEventListener('onetrip-guide-loaded', (e) => (window as any).recordGuide((e as CustomEvent).detail)));
    await page.evaluate(() => document.querySelector('onetrip-service-guide')!.setAttribute('item', '000107003000'));
    await expect.poll(() => guide.locator('h2').textContent()).toBe('人力资源服务许可');
    expect(events).toEqual([{ itemCode: '000107003000', name: expect.objectContaining({ zh: '人力资源服务许可' }) }]);
    // A second script tag (a CMS repeating includes, here under another URL so the module runs again) defines nothing twice
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addScriptTag({ type: 'module', url: '/widgets/onetrip.js?v=2' });
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<onetrip-service-guide item="000105002000"></onetrip-service-guide>'));
    await expect.poll(() => guide.nth(1).locator('h2').textContent()).toBe('食品经营许可');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('<onetrip-service-guide> performance', () => {
  const PERFORMANCE = { itemCode: FOOD_LICENCE, from: '2026-11-08', to: '2026-12-07', completed: 50, averageDays: 2, medianDays: 2, p90Days: 4, onTimeRate: 0.98, tripsPerCase: 0.1, satisfaction: 0.96, ratings: 25 };
  /** The page with the item's performance answered as given (`null`: the API refuses it), and layout shifts recorded. */
  const withPerformance = (performance: object | null) => async (page: Page) => {
    await page.addInitScript(() => {
      (window as any).layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.route('**/performance', (route) =>
      performance === null
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'x' } }) })
        : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(performance) }));
    await page.reload();
  };
  const shown = async (locale: string, performance: object | null) => {
    const page = await mount(`<onetrip-service-guide item="${FOOD_LICENCE}" locale="${locale}"></onetrip-service-guide>`, withPerformance(performance));
    const guide = page.locator('onetrip-service-guide');
    await guide.locator('h2').waitFor();
    const figures = guide.locator('[part=performance]');
    return { page, text: (await figures.count()) === 0 ? null : ((await figures.textContent()) ?? '').replace(/\s+/g, ' ').trim(), facts: await guide.locator('[part=facts]').boundingBox() };
  };

  it('shows the last 30 days on the guide, accessibly, in Chinese and in English, without moving anything', async () => {
    for (const [locale, expected] of [
      ['zh-CN', '近 30 天平均 2 个工作日办结，按时办结率 98%，满意度 96%'],
      ['en', 'Over the last 30 days: done in 2 working days on average, 98% on time, 96% satisfied'],
    ] as const) {
      const { page, text } = await shown(locale, PERFORMANCE);
      expect(text).toBe(expected);
      await expectAccessible(page);
      expect(await page.evaluate(() => (window as any).layoutShift)).toBe(0);
      await page.context().close();
    }
  });

  it('shows only the figures with data, and nothing, with no room kept, without any', async () => {
    const partial = await shown('en', { ...PERFORMANCE, averageDays: 2.46, satisfaction: null });
    expect(partial.text).toBe('Over the last 30 days: done in 2.5 working days on average, 98% on time');
    await partial.page.context().close();
    const none = await shown('zh-CN', { ...PERFORMANCE, completed: 0, averageDays: null, medianDays: null, p90Days: null, onTimeRate: null, tripsPerCase: null, satisfaction: null, ratings: 0 });
    const refused = await shown('zh-CN', null);
    expect([none.text, refused.text]).toEqual([null, null]);
    expect(none.facts).toEqual(refused.facts);
    await expectAccessible(none.page);
    expect(await none.page.evaluate(() => (window as any).layoutShift)).toBe(0);
    const withFigures = await shown('zh-CN', PERFORMANCE);
    expect(withFigures.facts!.y).toBeGreaterThan(none.facts!.y);
    for (const { page } of [none, refused, withFigures]) await page.context().close();
  });
});
