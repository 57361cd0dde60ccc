/**
 * The reviewer's inbox's first render in the staff workbench vs a blank page's load, both
 * cold (a fresh browser context each) from the local platform's origin, interleaved, medians
 * of 5. The reviewer is signed in before the page loads (the session the local picker keeps
 * in sessionStorage), so what is timed is the shell, the inbox's chunk and its list requests
 * until the first task row is on screen.
 */
import { startWidgetEnv } from '../../test/widgets/harness.js';
import { acceptedCase } from '../../test/support/cases.js';
import { FOOD_LICENCE } from '../../test/support/fixtures.js';
import { fixed, median, ratio, table } from './stats.js';

export interface InboxRenderResult {
  runs: number;
  blankLoadMs: number[];
  firstRenderMs: number[];
  median: { blankLoadMs: number; firstRenderMs: number };
  ratio: number;
}

const BLANK_PAGE = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>blank</title></head><body><main><h1>空白页</h1></main></body></html>';

export async function benchInbox(runs = 5): Promise<InboxRenderResult> {
  const env = await startWidgetEnv();
  try {
    for (let i = 0; i < 3; i++) await acceptedCase(env.t, { itemCode: FOOD_LICENCE });
    const username = 'reviewer-amr';
    const { token } = (await env.t.api.post('/local/token', { username })).body as { token: string };
    const session = JSON.stringify({ username, roles: ['reviewer'], department: 'amr', token });
    const load = async (blank: boolean) => {
      const context = await env.browser.newContext();
      await context.route('**/bench/blank.html', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BLANK_PAGE }));
      await context.addInitScript(`sessionStorage.setItem('onetrip.workbench.session', ${JSON.stringify(session)})`);
      const page = await context.newPage();
      try {
        await page.goto(new URL(blank ? '/bench/blank.html' : '/staff/#/inbox', env.t.platform.url).href, { waitUntil: blank ? 'load' : 'commit' });
        if (blank) return await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
        // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
        return await page.evaluate<number>(`new Promise((resolve) => {
          const tick = () => (document.querySelector('wb-inbox tbody tr') ? resolve(performance.now()) : requestAnimationFrame(tick));
          tick();
        })`);
      } finally {
        await context.close();
      }
    };
    // One untimed round: the platform's functions and the browser's own caches warm up.
    await load(true);
    await load(false);
    const blankLoadMs: number[] = [];
    const firstRenderMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      blankLoadMs.push(await load(true));
      firstRenderMs.push(await load(false));
    }
    const medians = { blankLoadMs: median(blankLoadMs), firstRenderMs: median(firstRenderMs) };
    return { runs, blankLoadMs, firstRenderMs, median: medians, ratio: medians.firstRenderMs / medians.blankLoadMs };
  } finally {
    await env.stop();
  }
}

export function inboxTable(r: InboxRenderResult): string {
  return [
    table(
      ['page (cold context, same server)', 'median ms', 'min ms', 'max ms'],
      [
        ['blank page: navigation → load', fixed(r.median.blankLoadMs), fixed(Math.min(...r.blankLoadMs)), fixed(Math.max(...r.blankLoadMs))],
        ['workbench: navigation → first inbox row', fixed(r.median.firstRenderMs), fixed(Math.min(...r.firstRenderMs)), fixed(Math.max(...r.firstRenderMs))],
      ],
    ),
    '',
    `inbox first render / blank page load (medians of ${r.runs}, interleaved): ${ratio(r.ratio)}`,
  ].join('\n');
}
