/**
 * The figures a bench run is held to. A section puts each such figure into the results as
 * a {@link Goal}: its value, the limit and the goal in words, and whether it is met. The run
 * ends with every figure and its goal in one table ({@link goalsTable}), and
 * `npm run bench -- --compare previous.json` prints how each number changed since an
 * earlier run's results.json ({@link compareTable}).
 */
import { table } from './stats.js';

export interface Goal {
  value: number;
  /** The bound the value is held to, in the value's unit. */
  limit: number;
  /** The goal in words: `≤ 25 KB`, `≥ 0.5x`. */
  goal: string;
  met: boolean;
}

const shown = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(3));

/** A figure that should stay at or under `limit`; `limitText` words the limit (`400 KB`) where its raw number would not. */
export const atMost = (value: number, limit: number, limitText = shown(limit)): Goal => ({ value, limit, goal: `≤ ${limitText}`, met: value <= limit });

/** A figure that should reach at least `limit`. */
export const atLeast = (value: number, limit: number, limitText = shown(limit)): Goal => ({ value, limit, goal: `≥ ${limitText}`, met: value >= limit });

export const metText = (g: Goal): string => (g.met ? 'met' : 'NOT met');

const isGoal = (v: unknown): v is Goal =>
  typeof v === 'object' && v !== null && typeof (v as Goal).value === 'number' && typeof (v as Goal).goal === 'string' && typeof (v as Goal).met === 'boolean';

/** Every figure in the results, by its path (`widgets.marketPage`). */
export function figuresIn(results: unknown, path = ''): [string, Goal][] {
  if (isGoal(results)) return [[path, results]];
  if (typeof results !== 'object' || results === null) return [];
  // Rows named by `name` (a function, a page) by their names, as compareTable reads them.
  const keyOf = (key: string, value: unknown) => (Array.isArray(results) && typeof (value as { name?: unknown })?.name === 'string' ? `[${(value as { name: string }).name}]` : path ? `.${key}` : key);
  return Object.entries(results).flatMap(([key, value]) => figuresIn(value, `${path}${keyOf(key, value)}`));
}

export function goalsTable(results: unknown): string {
  const figures = figuresIn(results);
  const rows = figures.map(([path, f]) => [path, shown(f.value), f.goal, metText(f)]);
  const missed = figures.filter(([, f]) => !f.met).length;
  return `${table(['figure', 'value', 'goal', ''], rows)}\n${figures.length - missed} of ${figures.length} goals met`;
}

/** Every number in the results, by its path; arrays of samples are left out (their medians are kept). */
function numbersIn(results: unknown, path = ''): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof results === 'number') out.set(path, results);
  else if (typeof results === 'object' && results !== null && !Array.isArray(results)) {
    for (const [key, value] of Object.entries(results)) for (const [p, n] of numbersIn(value, path ? `${path}.${key}` : key)) out.set(p, n);
  } else if (Array.isArray(results) && results.every((r) => typeof r === 'object' && r !== null && typeof (r as { name?: unknown }).name === 'string')) {
    // Rows named by `name` (a function, a page): compared row by row.
    for (const row of results as { name: string }[]) for (const [p, n] of numbersIn(row, `${path}[${row.name}]`)) out.set(p, n);
  }
  return out;
}

/** Each number present in both runs that changed, with its change; the run's bookkeeping left out. */
export function compareTable(current: unknown, previous: unknown): string {
  const before = numbersIn(previous);
  const bookkeeping = /^(loadavgAtStart|cpus|elapsedSeconds)/;
  const rows = [...numbersIn(current)]
    .filter(([path, now]) => before.has(path) && before.get(path) !== now && !bookkeeping.test(path))
    .map(([path, now]) => {
      const then = before.get(path)!;
      const change = then === 0 ? '' : `${now > then ? '+' : ''}${(((now - then) / Math.abs(then)) * 100).toFixed(1)}%`;
      return [path, shown(then), shown(now), change];
    });
  return rows.length ? table(['figure', 'before', 'now', 'change'], rows) : 'No figure changed.';
}
