/**
 * Lighthouse 12.2.3 (pinned: 13 needs Node 22) over every page of the demo portal, served by
 * the local platform as `npm start` serves it: mobile, simulated throttling (Lighthouse's
 * defaults), Debian's Chromium headless. Per page: performance, cumulative layout shift,
 * accessibility and best practices, each against the goal. Performance is the
 * median of `runs` (the other figures do not vary from run to run).
 *
 * The local server sends files uncompressed, as they are on disk; the edge compresses them,
 * so the figures here are the worse case.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WIDGETS_ROOT } from '../build-widgets.js';
import { CHROMIUM, startPortal } from './widgets.js';
import { atLeast, atMost, type Goal } from './goals.js';
import { median, table } from './stats.js';

/** The goals, on Lighthouse's 0–100 scores (CLS as it is). */
export const LIGHTHOUSE_GOALS = { performance: 95, cls: 0.1, accessibility: 100, bestPractices: 100 } as const;

/** The portal's pages: every page of widgets/demo but the widget tests' blank page. */
export const PORTAL_PAGES = readdirSync(join(WIDGETS_ROOT, 'demo'))
  .filter((f) => f.endsWith('.html') && f !== 'smoke.html')
  .sort()
  .map((f) => `/${f}`);

export interface PageScores {
  path: string;
  performance: Goal;
  cls: Goal;
  accessibility: Goal;
  bestPractices: Goal;
  /** Each run's performance score. */
  performanceRuns: number[];
  /** The audits that lost points in accessibility or best practices, by id. */
  failing: string[];
}

interface LighthouseReport {
  categories: Record<'performance' | 'accessibility' | 'best-practices', { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; numericValue?: number }>;
}


async function lighthouse(url: string): Promise<LighthouseReport> {
  const { stdout } = await promisify(execFile)(
    join('node_modules', '.bin', 'lighthouse'),
    [url, '--output=json', '--quiet', '--only-categories=performance,accessibility,best-practices', '--chrome-flags=--no-sandbox --disable-gpu --headless'],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LighthouseReport;
}

const score = (report: LighthouseReport, category: keyof LighthouseReport['categories']) => Math.round((report.categories[category].score ?? 0) * 100);

export async function benchLighthouse(runs = 3, pages = PORTAL_PAGES): Promise<PageScores[]> {
  const portal = await startPortal();
  try {
    const scores: PageScores[] = [];
    for (const path of pages) {
      const reports: LighthouseReport[] = [];
      for (let i = 0; i < runs; i++) reports.push(await lighthouse(new URL(path, portal.url).href));
      const last = reports.at(-1)!;
      const failing = (['accessibility', 'best-practices'] as const).flatMap((c) =>
        last.categories[c].auditRefs.filter((a) => a.weight > 0 && last.audits[a.id]?.score !== null && (last.audits[a.id]?.score ?? 1) < 1).map((a) => a.id),
      );
      const performanceRuns = reports.map((r) => score(r, 'performance'));
      scores.push({
        path,
        performance: atLeast(median(performanceRuns), LIGHTHOUSE_GOALS.performance),
        cls: atMost(Math.max(...reports.map((r) => r.audits['cumulative-layout-shift']?.numericValue ?? 0)), LIGHTHOUSE_GOALS.cls),
        accessibility: atLeast(score(last, 'accessibility'), LIGHTHOUSE_GOALS.accessibility),
        bestPractices: atLeast(score(last, 'best-practices'), LIGHTHOUSE_GOALS.bestPractices),
        performanceRuns,
        failing,
      });
    }
    return scores;
  } finally {
    await portal.stop();
  }
}

export function lighthouseTable(scores: PageScores[]): string {
  const cell = (f: Goal, show = (n: number) => String(n)) => `${show(f.value)}${f.met ? '' : ' ✗'}`;
  const g = LIGHTHOUSE_GOALS;
  return [
    table(
      ['page', `performance (≥ ${g.performance})`, `CLS (≤ ${g.cls})`, `accessibility (${g.accessibility})`, `best practices (${g.bestPractices})`, 'performance runs', 'audits losing points'],
      scores.map((s) => [s.path, cell(s.performance), cell(s.cls, (n) => n.toFixed(3)), cell(s.accessibility), cell(s.bestPractices), s.performanceRuns.join(' '), s.failing.join(' ') || '—']),
    ),
    '',
    `every page meets every goal: ${scores.every((s) => [s.performance, s.cls, s.accessibility, s.bestPractices].every((f) => f.met)) ? 'yes' : 'NO (✗)'}`,
  ].join('\n');
}
