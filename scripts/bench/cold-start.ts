/**
 * Cold initialization: the time to import a bundle in a fresh Node process, the part
 * of a Lambda cold start that the bundle's own code decides, against the function's SDK
 * baseline (a bundle that only constructs the SDK clients the function uses, built with
 * the same options: scripts/bench/bundles.ts). Issue 16's goal: at most 1.5× the baseline
 * (the certificates worker, 3×). Runs alternate baseline and function (base, fn, base,
 * fn …) so drift of a noisy machine lands on both sides of each ratio.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { routes } from '../../infra/routes.js';
import { servedCatalogVersion } from '../widget-validators.js';
import { type BundleFile } from './bundles.js';
import { atMost, metText, type Goal } from './goals.js';
import { fixed, median, ratio, table } from './stats.js';

const run = promisify(execFile);
const RUNNER = fileURLToPath(new URL('./import-runner.mjs', import.meta.url));

/**
 * What the functions read at import time, set to harmless values; nothing else from
 * this shell leaks in, so every run sees the same environment.
 */
const FUNCTION_ENV = {
  CATALOG_VERSION: servedCatalogVersion(),
  COUNTY_CODE: '430600',
  REGION_CODE: '430600',
  COUNTY_LEVEL: 'city',
  DATA_TABLE: 'x',
  OUTBOX_TABLE: 'x',
  MATERIALS_BUCKET: 'x',
  RESULTS_BUCKET: 'x',
  AWS_REGION: 'us-east-1',
};

/** Issue 16's goals: the function's import time over its SDK baseline's. */
export const COLD_START_GOAL = 1.5;
const GOAL_EXCEPTIONS: Readonly<Record<string, number>> = { certificates: 3 };

export interface ColdStart {
  name: string;
  /** The baseline it is compared with: the SDK clients it constructs (`hello-world` when none). */
  baseline: string;
  /** Import times of this function's runs, in run order. */
  samplesMs: number[];
  /** Import times of the baseline's runs interleaved with them. */
  baselineSamplesMs: number[];
  medianMs: number;
  baselineMedianMs: number;
  /** The function's median over its baseline's, against the goal. */
  ratio: Goal;
}

/**
 * The Tracer as deployed (infra/constructs/bundled-function.ts): on for API functions
 * (which then load the X-Ray SDK at init), off for workers.
 */
const tracing = (name: string): string => String(routes.some((r) => r.function === name));

async function importMs(bundle: string, name?: string): Promise<number> {
  const { stdout } = await run(process.execPath, [RUNNER, bundle], {
    env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV, ...(name ? { POWERTOOLS_TRACE_ENABLED: tracing(name) } : {}) },
    timeout: 30_000,
  });
  const { ms, connections } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; connections: number };
  if (connections > 0) throw new Error(`Importing ${bundle} opened ${connections} network connection(s)`);
  return ms;
}

/** One process at a time: parallel runs would measure the contention of two cores. */
export async function measureColdStarts(functions: BundleFile[], baselines: ReadonlyMap<string, BundleFile>, runs = 7): Promise<ColdStart[]> {
  const results: ColdStart[] = [];
  for (const fn of functions) {
    const baseline = baselines.get(fn.name)!;
    // The first spawns pay for warming the OS file cache.
    await importMs(baseline.path);
    await importMs(fn.path, fn.name);
    const samplesMs: number[] = [];
    const baselineSamplesMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      baselineSamplesMs.push(await importMs(baseline.path));
      samplesMs.push(await importMs(fn.path, fn.name));
    }
    const medianMs = median(samplesMs);
    const baselineMedianMs = median(baselineSamplesMs);
    const goal = GOAL_EXCEPTIONS[fn.name] ?? COLD_START_GOAL;
    results.push({ name: fn.name, baseline: baseline.name, samplesMs, baselineSamplesMs, medianMs, baselineMedianMs, ratio: atMost(medianMs / baselineMedianMs, goal, ratio(goal)) });
  }
  return results;
}

export function coldStartTable(results: ColdStart[]): string {
  return table(
    ['function', 'import ms (median)', 'baseline ms (median)', 'fn / baseline', 'goal', 'met', 'baseline: SDK clients constructed'],
    results.map((r) => [r.name, fixed(r.medianMs), fixed(r.baselineMedianMs), ratio(r.ratio.value), r.ratio.goal, metText(r.ratio), r.baseline]),
  );
}
