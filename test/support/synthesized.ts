/**
 * The county's stack synthesized once per test run and shared by every test file that
 * starts a platform: CDK and esbuild take seconds per synthesis, and the assembly is only
 * read. The first file to ask synthesizes into a folder named for the run (the vitest
 * process, every test file’s parent); the others wait for it. It is made under the run’s
 * temporary root, which `global-setup.ts` removes when the run ends.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SynthesizedCounty } from '../../local/types.js';
import type { ProvidersMode } from '../../infra/config/counties.js';

/** The folder prefix of this run’s syntheses. */
export const runSynthesisPrefix = (runPid: number) => `onetrip-synth-${runPid}-`;

/** Time the others wait for the first file's synthesis, well within the hook timeout. */
const WAIT_MS = 100_000;

export async function sharedSynthesis(county: string, providers: ProvidersMode = 'sandbox'): Promise<SynthesizedCounty> {
  const dir = join(tmpdir(), `${runSynthesisPrefix(process.ppid)}${county}${providers === 'protocol' ? '-protocol' : ''}`);
  const summary = join(dir, 'synthesized.json');
  let first = true;
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    first = false;
  }
  if (first) {
    const { synthCounty } = await import('../../infra/synth.js');
    const synthesized = await synthCounty(county, { outdir: join(dir, 'cdk.out'), providers });
    writeFileSync(`${summary}.partial`, JSON.stringify(synthesized));
    renameSync(`${summary}.partial`, summary);
    return synthesized;
  }
  for (const started = Date.now(); !existsSync(summary); await sleep(250)) {
    if (Date.now() - started > WAIT_MS) throw new Error(`No synthesis of ${county} in ${dir} after ${WAIT_MS} ms: did the file that started it fail?`);
  }
  return JSON.parse(readFileSync(summary, 'utf8')) as SynthesizedCounty;
}
