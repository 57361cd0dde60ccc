/**
 * How large the reliability suite runs, and how it reports. `npm test` runs it CI-sized
 * (its files together within about 90 s on two cores); `npm run test:reliability` sets
 * `RELIABILITY_SCALE=full` for thousands of fuzz cases and several kills. Each file prints
 * its figures in one `[reliability]` line that a closing note can quote.
 */

/** Whether this run is the full one (`RELIABILITY_SCALE=full`). @default false: the CI-sized run */
export const FULL = process.env.RELIABILITY_SCALE === 'full';

/** `ci` in the CI-sized run, `full` in the full one. */
export const sized = (ci: number, full: number): number => (FULL ? full : ci);

/**
 * The fast-check seed of the generated cases: fixed, so a failure reproduces.
 * @default RELIABILITY_SEED, else 20261207
 */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 20261207);

/** Prints one line of figures, e.g. `[reliability] fuzz: requests=1693 5xx=0`. */
export function report(suite: string, figures: Record<string, number | string>): void {
  const line = Object.entries(figures).map(([name, value]) => `${name}=${value}`).join(' ');
  console.log(`[reliability] ${suite} (${FULL ? 'full' : 'ci'}): ${line}`);
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of results. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!, i);
  });
  await Promise.all(lanes);
  return results;
}
