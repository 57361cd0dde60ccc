/**
 * The citizen widgets: what a browser downloads (gzipped, per file as a server sends
 * them) against the budgets, what the demo portal's market-regulation page loads
 * before the citizen does anything, and how long the application form takes to appear in
 * headless Chromium against the load of a blank page from the same server in the same run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { buildWidgets, FIRST_VIEW, WIDGETS_OUT, WIDGETS_ROOT } from '../build-widgets.js';
import { startPlatform } from '../../local/platform.js';
import { FOOD_LICENCE } from '../../test/support/fixtures.js';
import { fixed, median, ratio, table } from './stats.js';
import { atMost, metText, type Goal } from './goals.js';

/** The goals for the widgets (bytes gzipped, each file as served). */
export const GOALS = {
  /** What the market page loads before the citizen interacts: every script file. */
  marketPageGzip: 25 * 1024,
  /** onetrip.js and what it imports statically. */
  scriptTagGzip: 15 * 1024,
  /** Every element, Lit and the English strings (validators apart: per item). */
  everythingGzip: 35 * 1024,
  /** The application form's first render / a blank page's load. */
  firstRenderRatio: 2.5,
} as const;


export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Portal {
  /** The platform's origin, e.g. `http://localhost:41234`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The widgets built and the local platform serving them under /widgets/ and the demo portal
 * under /, as `npm start` does (fresh data, its own DynamoDB Local, a free port).
 */
export async function startPortal(): Promise<Portal> {
  await buildWidgets();
  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-bench-portal-'));
  const platform = await startPlatform({
    port: 0,
    dataDir,
    fresh: true,
    log: () => {},
    staticRoots: [
      { prefix: '/widgets/', dir: WIDGETS_OUT },
      { prefix: '/', dir: join(WIDGETS_ROOT, 'demo') },
    ],
  });
  return {
    url: platform.url,
    async stop() {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });

type Role = 'entry' | 'static' | 'on-demand' | 'locale' | 'validator';

export interface ChunkSize {
  file: string;
  role: Role;
  bytes: number;
  gzipBytes: number;
}

export interface WidgetSizes {
  chunks: ChunkSize[];
  /** onetrip.js and what it imports statically: what the script tag costs before anything renders. */
  initialGzip: number;
  /** Initial, components loaded on demand and the English strings: the figure the budget is about. */
  totalGzip: number;
  scriptTag: Goal;
  everything: Goal;
  /** Form validators (per item, per bundle, the application envelope), loaded for what is applied for. */
  validators: { count: number; totalGzip: number; medianGzip: number; maxGzip: number; foodLicenceGzip: number; envelopeGzip: number; bundles: number; bundlesMaxGzip: number };
}

const STATIC_IMPORT = /(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g;
const DYNAMIC_IMPORT = /import\(\s*"(\.{1,2}\/[^"]+\.js)"\s*\)/g;

function roleOf(file: string): Role {
  const name = basename(file);
  if (/^en-/.test(name)) return 'locale';
  if (/^(\d{12}|bundle-[A-Z0-9-]+|application)-/.test(name)) return 'validator';
  return 'on-demand';
}

/**
 * Follows the import graph from onetrip.js, so chunks of earlier builds left in the
 * output directory are not counted.
 */
export function measureWidgetSizes(entry = join(WIDGETS_OUT, 'onetrip.js')): WidgetSizes {
  const outdir = dirname(entry);
  const seen = new Map<string, ChunkSize>();
  const lazy: string[] = [];
  // The static closure of a file takes its role; what it imports dynamically waits, so a
  // chunk shared by the entry and a lazy chunk counts as loaded by the script tag.
  const visit = (path: string, role: Role) => {
    if (seen.has(path)) return;
    const source = readFileSync(path);
    seen.set(path, { file: path.slice(outdir.length + 1), role, bytes: source.length, gzipBytes: gzipSync(source, { level: 9 }).length });
    const text = source.toString('utf8');
    for (const [, spec] of text.matchAll(STATIC_IMPORT)) visit(join(dirname(path), spec!), role === 'entry' ? 'static' : role);
    for (const [, spec] of text.matchAll(DYNAMIC_IMPORT)) lazy.push(join(dirname(path), spec!));
  };
  visit(entry, 'entry');
  for (let next = lazy.shift(); next; next = lazy.shift()) visit(next, roleOf(next));
  const chunks = [...seen.values()];
  const sum = (roles: Role[]) => chunks.filter((c) => roles.includes(c.role)).reduce((n, c) => n + c.gzipBytes, 0);
  const validators = chunks.filter((c) => c.role === 'validator');
  const perItem = validators.filter((c) => /^chunks\/\d{12}-/.test(c.file)).map((c) => c.gzipBytes);
  const perBundle = validators.filter((c) => c.file.startsWith('chunks/bundle-')).map((c) => c.gzipBytes);
  return {
    chunks,
    initialGzip: sum(['entry', 'static']),
    totalGzip: sum(['entry', 'static', 'on-demand', 'locale']),
    scriptTag: atMost(sum(['entry', 'static']), GOALS.scriptTagGzip, kb(GOALS.scriptTagGzip)),
    everything: atMost(sum(['entry', 'static', 'on-demand', 'locale']), GOALS.everythingGzip, kb(GOALS.everythingGzip)),
    validators: {
      count: perItem.length,
      totalGzip: sum(['validator']),
      medianGzip: perItem.length ? median(perItem) : 0,
      maxGzip: perItem.length ? Math.max(...perItem) : 0,
      foodLicenceGzip: validators.find((c) => c.file.startsWith(`chunks/${FOOD_LICENCE}-`))?.gzipBytes ?? 0,
      envelopeGzip: validators.find((c) => c.file.startsWith('chunks/application-'))?.gzipBytes ?? 0,
      bundles: perBundle.length,
      bundlesMaxGzip: perBundle.length ? Math.max(...perBundle) : 0,
    },
  };
}

/**
 * The script files a page with these elements loads for their first view, worked out from
 * the built files (onetrip.js, the elements' modules and what they import statically, as
 * build-widgets.ts FIRST_VIEW names them; the
 * market page's: `onetrip-service-guide`, `onetrip-apply`, `onetrip-track`), with their
 * gzipped sizes: the deterministic counterpart of {@link measurePageScripts}, which loads the
 * page in Chromium (and counts the portal's own script too).
 */
export function firstViewScripts(tags: string[], entry = join(WIDGETS_OUT, 'onetrip.js')): { files: string[]; gzipBytes: number } {
  const outdir = dirname(entry);
  const wanted = tags.flatMap((tag) => FIRST_VIEW[tag] ?? []).map((source) => basename(source, '.ts'));
  const sizes = new Map<string, number>();
  const visit = (path: string) => {
    if (sizes.has(path)) return;
    const source = readFileSync(path);
    sizes.set(path, gzipSync(source, { level: 9 }).length);
    const text = source.toString('utf8');
    for (const [, spec] of text.matchAll(STATIC_IMPORT)) visit(join(dirname(path), spec!));
    for (const [, spec] of text.matchAll(DYNAMIC_IMPORT)) if (wanted.some((name) => basename(spec!).startsWith(`${name}-`))) visit(join(dirname(path), spec!));
  };
  visit(entry);
  return { files: [...sizes.keys()].map((p) => p.slice(outdir.length + 1)), gzipBytes: [...sizes.values()].reduce((a, b) => a + b, 0) };
}

export const MARKET_PAGE_ELEMENTS = ['onetrip-service-guide', 'onetrip-apply', 'onetrip-track'];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (f: Goal, show: (n: number) => string) => `${show(f.value)}  (goal ${f.goal}: ${metText(f)})`;

export function widgetSizesTable(sizes: WidgetSizes): string {
  const { chunks, validators: v } = sizes;
  const rows = chunks.filter((c) => c.role !== 'validator').map((c) => [c.file, c.role, c.bytes, c.gzipBytes]);
  return [
    table(['file', 'loaded', 'raw bytes', 'gzip bytes'], rows),
    '',
    `script tag (onetrip.js + static imports), gzip: ${verdict(sizes.scriptTag, kb)}`,
    `every element + Lit + English strings, gzip: ${verdict(sizes.everything, kb)}`,
    `form validators, loaded for the item applied for (gzip): ${v.count} items, median ${kb(v.medianGzip)}, largest ${kb(v.maxGzip)}, ` +
      `${FOOD_LICENCE} ${kb(v.foodLicenceGzip)}; ${v.bundles} bundles, largest ${kb(v.bundlesMaxGzip)}; application envelope ${kb(v.envelopeGzip)}; all ${kb(v.totalGzip)}`,
  ].join('\n');
}

export interface FirstRenderResult {
  runs: number;
  /** Blank page: navigation start to the load event. */
  blankLoadMs: number[];
  /** Form page: navigation start to the first frame with step 1 of the form. */
  firstRenderMs: number[];
  /** Form page: the script's request start to that frame. */
  fromScriptMs: number[];
  median: { blankLoadMs: number; firstRenderMs: number; fromScriptMs: number };
  /** firstRender / blankLoad, of the medians, against its goal. */
  ratio: Goal;
}

const BLANK_PAGE = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>blank</title></head><body><main><h1>空白页</h1></main></body></html>';
const FORM_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>form</title>
<script type="module" src="/widgets/onetrip.js"></script></head>
<body><main><h1>食品经营许可</h1><onetrip-apply item="${FOOD_LICENCE}"></onetrip-apply></main></body></html>`;

/**
 * Median of `runs` cold loads (a fresh browser context each: empty cache), blank and form
 * pages interleaved so the machine's drift falls on both alike. Pages come from the local
 * platform's origin, so the widget script and the API calls it makes are real requests.
 */
export async function benchFirstRender(portal: Portal, browser: Browser, runs = 7): Promise<FirstRenderResult> {
  {
    const pages: Record<string, string> = { '/bench/blank.html': BLANK_PAGE, '/bench/form.html': FORM_PAGE };
    const load = async (path: string) => {
      const context = await browser.newContext();
      await context.route('**/bench/*.html', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pages[new URL(route.request().url()).pathname] ?? '' }),
      );
      const page = await context.newPage();
      await page.goto(new URL(path, portal.url).href, { waitUntil: 'load' });
      try {
        if (path.endsWith('blank.html')) {
          return await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
        }
        // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
        return await page.evaluate<[number, number]>(`new Promise((resolve) => {
          const tick = () => {
            const form = document.querySelector('onetrip-apply')?.shadowRoot?.querySelector('form[part~="form"]');
            if (!form) return void requestAnimationFrame(tick);
            const now = performance.now();
            const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widgets/onetrip.js'));
            resolve([now, now - (script ? script.startTime : 0)]);
          };
          tick();
        })`);
      } finally {
        await context.close();
      }
    };
    // One untimed round: the platform's functions and the browser's own caches warm up.
    await load('/bench/blank.html');
    await load('/bench/form.html');
    const blankLoadMs: number[] = [];
    const firstRenderMs: number[] = [];
    const fromScriptMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      blankLoadMs.push((await load('/bench/blank.html')) as number);
      const [firstRender, fromScript] = (await load('/bench/form.html')) as [number, number];
      firstRenderMs.push(firstRender);
      fromScriptMs.push(fromScript);
    }
    const medians = { blankLoadMs: median(blankLoadMs), firstRenderMs: median(firstRenderMs), fromScriptMs: median(fromScriptMs) };
    return { runs, blankLoadMs, firstRenderMs, fromScriptMs, median: medians, ratio: atMost(medians.firstRenderMs / medians.blankLoadMs, GOALS.firstRenderRatio, ratio(GOALS.firstRenderRatio)) };
  }
}

export function firstRenderTable(r: FirstRenderResult): string {
  return [
    table(
      ['page (cold context, same server)', 'median ms', 'min ms', 'max ms'],
      [
        ['blank page: navigation → load', fixed(r.median.blankLoadMs), fixed(Math.min(...r.blankLoadMs)), fixed(Math.max(...r.blankLoadMs))],
        ['form page: navigation → step 1 rendered', fixed(r.median.firstRenderMs), fixed(Math.min(...r.firstRenderMs)), fixed(Math.max(...r.firstRenderMs))],
        ['form page: script request → step 1 rendered', fixed(r.median.fromScriptMs), fixed(Math.min(...r.fromScriptMs)), fixed(Math.max(...r.fromScriptMs))],
      ],
    ),
    '',
    `form first render / blank page load (medians of ${r.runs}, interleaved): ${verdict(r.ratio, ratio)}`,
  ].join('\n');
}

export interface PageScripts {
  path: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
  /** Against the goal for the page in Chinese; the English page loads the English strings too. */
  loaded: Goal;
}

/**
 * Every script file a portal page loads before the citizen does anything (the portal's own
 * included), gzipped as served: the page in a fresh context, until its elements have drawn
 * (the guide's title, the form's step 1, the tracker's lookup form) and no request has
 * started for a second.
 */
export async function measurePageScripts(portal: Portal, browser: Browser, path = '/market.html'): Promise<PageScripts> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const files: Promise<PageScripts['files'][number]>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      const file = new URL(response.url()).pathname;
      files.push(response.body().then((body) => ({ file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length })));
    });
    let requests = 0;
    page.on('request', () => requests++);
    await page.goto(new URL(path, portal.url).href, { waitUntil: 'load' });
    await page.waitForFunction(`(() => {
      const inside = (tag, selector) => [...document.querySelectorAll(tag)].every((e) => e.shadowRoot?.querySelector(selector));
      return inside('onetrip-service-guide', 'h2') && inside('onetrip-apply', 'form[part~="form"]') && inside('onetrip-track', 'form');
    })()`, undefined, { timeout: 30_000 });
    for (let seen = -1; seen !== requests; ) {
      seen = requests;
      await page.waitForTimeout(1000);
    }
    const loaded = (await Promise.all(files)).sort((a, b) => b.gzipBytes - a.gzipBytes);
    const gzipBytes = loaded.reduce((n, f) => n + f.gzipBytes, 0);
    return { path, files: loaded, gzipBytes, loaded: atMost(gzipBytes, GOALS.marketPageGzip, kb(GOALS.marketPageGzip)) };
  } finally {
    await context.close();
  }
}

export function pageScriptsTable(pages: PageScripts[]): string {
  return pages
    .map((p) =>
      [
        table(['file', 'raw bytes', 'gzip bytes'], p.files.map((f) => [f.file, f.bytes, f.gzipBytes])),
        `${p.path}: JavaScript before the citizen interacts, gzip, ${p.files.length} files: ${verdict(p.loaded, kb)}`,
      ].join('\n'),
    )
    .join('\n\n');
}
