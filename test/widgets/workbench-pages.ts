/** Driving the staff workbench (/staff/) in the widget tests' Chromium: signing in, languages, axe, screenshots. */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WidgetEnv } from './harness.js';
import { expectAccessible } from './mount.js';

/** A fresh browser (own storage) at the workbench's `hash`, signed in as a seeded user through the local picker. */
export async function signedIn(env: WidgetEnv, username: string, hash: string): Promise<Page> {
  const page = await env.open(`/staff/${hash}`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.locator('main h1').waitFor();
  return page;
}

/** The view in the other language and back: axe finds nothing in either. */
export async function accessibleInBothLanguages(page: Page, englishHeading: string): Promise<void> {
  await expectAccessible(page);
  await page.locator('button.language').click();
  await expect.poll(() => page.locator('main h1').textContent()).toContain(englishHeading);
  await expectAccessible(page);
  await page.locator('button.language').click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
}

/** With WORKBENCH_SCREENSHOTS=1, the view's top as docs/images/<name>.png, laid out in a 1000×640 window (for docs/workbench.md). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.WORKBENCH_SCREENSHOTS) return;
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1000, height: 640 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve('docs/images', `${name}.png`) });
  if (size) await page.setViewportSize(size);
}
