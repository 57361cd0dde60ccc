/** The bench's goals table and its comparison of two runs (scripts/bench/goals.ts). */
import { describe, expect, it } from 'vitest';
import { atLeast, atMost, compareTable, figuresIn, goalsTable } from '../../scripts/bench/goals.js';

describe('the goals of a bench run', () => {
  it('finds every figure with a goal, however deep, and says which are met', () => {
    // Prepare
    const results = { widgets: { market: atMost(24.1, 25, '25 KB'), graph: atMost(16, 15, '15 KB') }, submit: { ratio: atLeast(0.62, 0.5, '0.5x'), rounds: [0.6, 0.62] } };

    // Act
    const figures = figuresIn(results);
    const printed = goalsTable(results);

    // Assess
    expect(figures.map(([path, f]) => [path, f.met])).toEqual([['widgets.market', true], ['widgets.graph', false], ['submit.ratio', true]]);
    expect(printed).toContain('≤ 15 KB');
    expect(printed).toMatch(/widgets\.graph\s+16\s+≤ 15 KB\s+NOT met/);
    expect(printed).toContain('2 of 3 goals met');
  });

  it('compares two runs number by number, rows by their names, leaving out what did not change and the run’s bookkeeping', () => {
    // Prepare
    const before = { cpus: 2, bundles: { functions: [{ name: 'health', bytes: 1000 }, { name: 'catalog', bytes: 500 }] }, submit: { ratio: atLeast(0.25, 0.5, '0.5x') } };
    const now = { cpus: 4, bundles: { functions: [{ name: 'catalog', bytes: 500 }, { name: 'health', bytes: 250 }] }, submit: { ratio: atLeast(0.5, 0.5, '0.5x') } };

    // Act
    const printed = compareTable(now, before);

    // Assess
    expect(printed).toMatch(/bundles\.functions\[health\]\.bytes\s+1000\s+250\s+-75\.0%/);
    expect(printed).toMatch(/submit\.ratio\.value\s+0\.250\s+0\.500\s+\+100\.0%/);
    expect(printed).not.toContain('catalog');
    expect(printed).not.toContain('cpus');
    expect(compareTable(before, before)).toBe('No figure changed.');
  });
});
