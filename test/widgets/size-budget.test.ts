/**
 * The citizen script's download budgets (issue 16), gzipped as served: sizes are
 * deterministic, so a change that makes a page download more fails here, not in a bench.
 * One build, into a folder of its own; no browser, no platform.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWidgets } from '../../scripts/build-widgets.js';
import { firstViewScripts, GOALS, MARKET_PAGE_ELEMENTS, measureWidgetSizes } from '../../scripts/bench/widgets.js';

/**
 * What the market page's three elements load for their first view (the guide, the form's step 1
 * and the tracker's lookup form), the portal's own script apart. The goal for the
 * whole page is 25 KB, not reached (73 KB before, 41.4 KB before the tracker's case following,
 * a bundle's steps, submitting and uploads left it, 36.9 KB now): this budget holds what has
 * been reached (with 0.6 KB for chunks shifting as other elements change), so it can only shrink.
 */
const MARKET_PAGE_BUDGET = 37.5 * 1024;

/**
 * Every element, Lit and the English strings (validators apart). The goal is 35 KB, not
 * reached (99.0 KB now: each file loaded on its own compresses alone; 9.3 KB of it is the QR
 * encoder the fee ticket loads only for a WeChat Pay Native payment): as above, the budget holds
 * what has been reached.
 */
const EVERYTHING_BUDGET = 99.5 * 1024;

let entry: string;

beforeAll(async () => {
  entry = await buildWidgets({ outdir: mkdtempSync(join(tmpdir(), 'onetrip-widget-sizes-')) });
});

describe('the citizen script', () => {
  it('costs the script tag (onetrip.js and its static imports) at most 15 KB gzipped', () => {
    const { scriptTag, chunks } = measureWidgetSizes(entry);
    const listed = chunks.filter((c) => c.role === 'entry' || c.role === 'static').map((c) => `${c.file} ${c.gzipBytes}`);
    expect(scriptTag.value, listed.join('\n')).toBeLessThanOrEqual(GOALS.scriptTagGzip);
    expect(scriptTag.value).toBeGreaterThan(0);
  });

  it('costs every element, Lit and the English strings together at most their budget', () => {
    const { everything, chunks } = measureWidgetSizes(entry);
    const listed = chunks.filter((c) => c.role !== 'validator').map((c) => `${c.file} ${c.gzipBytes}`);
    expect(everything.value, listed.join('\n')).toBeLessThanOrEqual(EVERYTHING_BUDGET);
  });

  it("loads for the market page's first view at most its budget", () => {
    const { files, gzipBytes } = firstViewScripts(MARKET_PAGE_ELEMENTS, entry);
    expect(gzipBytes, files.join('\n')).toBeLessThanOrEqual(MARKET_PAGE_BUDGET);
    // The elements' own modules are counted, the tracker's case view (and its following of a case) and the form's later steps are not.
    expect(files.some((f) => /^chunks\/flow-/.test(f))).toBe(true);
    expect(files.some((f) => /^chunks\/(found|later)-/.test(f))).toBe(false);
  });
});
