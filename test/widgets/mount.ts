/** Pages for component tests: the platform's blank page with the bundle and some markup. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, describeViolations, type WidgetEnv } from './harness.js';

/**
 * Opens the blank page (at `path`, which may carry a query), lets `prepare` set routes up,
 * loads the bundle and adds `markup` to `main`.
 */
export async function mount(env: WidgetEnv, markup: string, prepare?: (page: Page) => Promise<void>, path = '/smoke.html'): Promise<Page> {
  const page = await env.open(path);
  await prepare?.(page);
  await page.addScriptTag({ type: 'module', url: '/widgets/onetrip.js' });
  await page.evaluate((html) => document.querySelector('main')!.insertAdjacentHTML('beforeend', html), markup);
  return page;
}

export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** The element that has focus, looking through shadow roots: `{ tag, id }`. */
export function deepFocus(page: Page): Promise<{ tag: string; id: string } | null> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? { tag: active.tagName.toLowerCase(), id: active.id } : null;
  });
}

/** Presses Tab until the focused element (through shadow roots) has `id`; fails after `limit` presses. */
export async function tabTo(page: Page, id: string, limit = 15): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await deepFocus(page))?.id === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}; focus is on ${JSON.stringify(await deepFocus(page))}`);
}
