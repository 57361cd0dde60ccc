/**
 * Cold initialization: the time to import a bundle in a fresh Node process, the part
 * of a Lambda cold start that the bundle's own code decides. Runs alternate
 * hello-world and function (hello, fn, hello, fn …) so drift of a noisy machine lands
 * on both sides of each ratio.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { servedCatalogVersion } from '../widget-validators.js';
import type { BundleFile } from './bundles.js';
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

export interface ColdStart {
  name: string;
  /** Import times of this function's runs, in run order. */
  samplesMs: number[];
  /** Import times of the hello-world runs interleaved with them. */
  helloSamplesMs: number[];
  medianMs: number;
  helloMedianMs: number;
  ratio: number;
}

async function importMs(bundle: string): Promise<number> {
  const { stdout } = await run(process.execPath, [RUNNER, bundle], {
    env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV },
    timeout: 30_000,
  });
  const { ms, connections } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; connections: number };
  if (connections > 0) throw new Error(`Importing ${bundle} opened ${connections} network connection(s)`);
  return ms;
}

/** One process at a time: parallel runs would measure the contention of two cores. */
export async function measureColdStarts(hello: BundleFile, functions: BundleFile[], runs = 7): Promise<ColdStart[]> {
  await importMs(hello.path); // the first spawn pays for warming the OS file cache
  const results: ColdStart[] = [];
  for (const fn of functions) {
    await importMs(fn.path);
    const samplesMs: number[] = [];
    const helloSamplesMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      helloSamplesMs.push(await importMs(hello.path));
      samplesMs.push(await importMs(fn.path));
    }
    const medianMs = median(samplesMs);
    const helloMedianMs = median(helloSamplesMs);
    results.push({ name: fn.name, samplesMs, helloSamplesMs, medianMs, helloMedianMs, ratio: medianMs / helloMedianMs });
  }
  return results;
}

export function coldStartTable(results: ColdStart[]): string {
  return table(
    ['function', 'import ms (median)', 'hello ms (median)', 'fn / hello'],
    results.map((r) => [r.name, fixed(r.medianMs), fixed(r.helloMedianMs, 2), ratio(r.ratio)]),
  );
}
