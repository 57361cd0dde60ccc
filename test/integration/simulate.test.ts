/**
 * A small run of `npm run simulate`: a few days of cases through the real API on the
 * virtual clock, then the monthly report. The simulation fails on any reply it did not
 * expect, so a run that completes shows every route it drives answered as documented; the
 * report must count every case it submitted and the PDF must carry the same headline figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateMonth, type SimulationResult } from '../../scripts/simulate/month.js';
import { headlineTable, monthlyReport } from '../../scripts/simulate/report.js';
import { extractText } from '../support/pdf.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let run: SimulationResult;

beforeAll(async () => {
  t = await startTestPlatform();
  run = await simulateMonth({ url: t.platform.url, days: 3, casesPerDay: 4, start: '2026-12-14', seed: 7 });
}, 600_000);
afterAll(() => t?.stop());

describe('npm run simulate, a small run', () => {
  it('applies, reviews and finishes cases through the API, and the monthly report counts each one', async () => {
    console.log('[simulate]', JSON.stringify(run.counts));
    expect(run.counts.applications).toBeGreaterThan(10);
    expect(run.counts['tasks proposed: approve']).toBeGreaterThan(0);
    const report = await monthlyReport(run.client, run.month);
    expect(report.json.period.id).toBe(run.month);
    expect(report.json.totals.counters.received).toBe(run.counts.applications);
    expect(headlineTable(report.json).split('\n')).toHaveLength(1 + report.json.headline.length);
    const text = await extractText(new Uint8Array(report.pdf));
    for (const h of report.json.headline) expect(text).toContain(h.name.zh.replace(/\s+/g, ''));
  }, 120_000);
});
