/**
 * Widget tests run in a real headless Chromium (Debian's `chromium`, installed by .ci/run)
 * driven by playwright-core, against the local platform serving the API, the built widget
 * bundle under /widgets/ and the demo portal under /.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWidgets, WIDGETS_OUT, WIDGETS_ROOT } from '../../scripts/build-widgets.js';
import { buildWorkbench, WORKBENCH_OUT } from '../../scripts/build-workbench.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface WidgetEnv {
  t: TestPlatform;
  browser: Browser;
  /** A fresh browser context (own storage) and page at `path` of the platform. */
  open(path: string, options?: { context?: BrowserContext }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startWidgetEnv(): Promise<WidgetEnv> {
  await Promise.all([buildWidgets(), buildWorkbench()]);
  const t = await startTestPlatform('430600', {
    staticRoots: [
      { prefix: '/widgets/', dir: WIDGETS_OUT },
      { prefix: '/staff/', dir: WORKBENCH_OUT },
      { prefix: '/', dir: join(WIDGETS_ROOT, 'demo') },
    ],
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    t,
    browser,
    async open(path, options = {}) {
      const context = options.context ?? (await browser.newContext());
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
      await page.goto(new URL(path, t.platform.url).href);
      return page;
    },
    async stop() {
      await browser.close();
      await t.stop();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page, shadow roots included. */
export async function axeViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(sel ? { include: [[sel]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, selector);
}

/** A readable summary for a failed expectation. */
export const describeViolations = (violations: AxeViolation[]): string =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('\n');
