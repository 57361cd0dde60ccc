/**
 * Small statistics for the benchmarks. These machines are shared and noisy, so figures
 * are medians and percentiles, and every figure is read as a ratio to a baseline
 * measured in the same run.
 */

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Runs `op(0) … op(count - 1)` with at most `concurrency` in flight; the first failure stops the pool. */
export async function runPool(count: number, concurrency: number, op: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await op(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export interface Measurement {
  count: number;
  concurrency: number;
  elapsedMs: number;
  /** Completed operations per second of wall time. */
  perSecond: number;
  /** One latency per operation, in completion order. */
  latenciesMs: number[];
  p50Ms: number;
  p99Ms: number;
}

/**
 * Times `count` operations at a fixed concurrency after `warmup` untimed ones (JIT,
 * connection pools, the emulators' own caches). Each operation gets its own index so
 * callers can hand it pre-built inputs.
 */
export async function measure(options: {
  count: number;
  warmup?: number;
  concurrency: number;
  op: (i: number) => Promise<void>;
}): Promise<Measurement> {
  const { count, concurrency, op } = options;
  const warmup = options.warmup ?? 0;
  await runPool(warmup, concurrency, op);
  const latenciesMs: number[] = [];
  const start = performance.now();
  await runPool(count, concurrency, async (i) => {
    const t0 = performance.now();
    await op(warmup + i);
    latenciesMs.push(performance.now() - t0);
  });
  return summarize(latenciesMs, performance.now() - start, concurrency);
}

/** Pools several measurements of the same operation (e.g. interleaved rounds) into one. */
export function pool(parts: readonly Measurement[]): Measurement {
  const latenciesMs = parts.flatMap((p) => p.latenciesMs);
  const elapsedMs = parts.reduce((sum, p) => sum + p.elapsedMs, 0);
  return summarize(latenciesMs, elapsedMs, parts[0]?.concurrency ?? 0);
}

function summarize(latenciesMs: number[], elapsedMs: number, concurrency: number): Measurement {
  return {
    count: latenciesMs.length,
    concurrency,
    elapsedMs,
    perSecond: latenciesMs.length / (elapsedMs / 1000),
    latenciesMs,
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
  };
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c]?.length ?? 0)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const fixed = (n: number, digits = 1) => n.toFixed(digits);
/** Two decimals where they matter, fewer where the ratio is large. */
export const ratio = (n: number) => `${n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)}x`;

/** A figure with the goal for it, as the table prints it and results.json keeps it. */
/** A platform log that stays quiet but keeps its last lines, to explain a failed run. */
export function recentLines(keep = 30): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return {
    lines,
    log: (line) => {
      lines.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
      if (lines.length > keep) lines.shift();
    },
  };
}
