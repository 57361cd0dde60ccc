/**
 * The indicators' formulas (docs/indicators.md) on hand-made counter rows: each figure is
 * worked out here by hand from the rows, never by calling the formula under test twice.
 */
import { describe, expect, it } from 'vitest';
import { headline, histogramQuantile, indicatorsOf, ranking, rankingScore, REFORM_FIGURES, sumCounters } from '../../functions/domain/indicators.js';

describe('indicatorsOf', () => {
  it('computes every indicator from its counters', () => {
    // Prepare: 10 completed cases, 13 trips, 20 materials asked where 30 would be separately, 5 reused
    const row = {
      completed: 10, trips: 13, materialsAsked: 20, materialsSeparately: 30, materialsReused: 5,
      daysUsed: 30, legalDays: 50, promisedDays: 40, completedOnTime: 9, completedLate: 1,
      atWindow: 46, transferred: 4, signedDirectly: 17, referred: 3,
      ratings: 25, rating_very_satisfied: 10, rating_satisfied: 8, rating_basically_satisfied: 4, rating_dissatisfied: 2, rating_very_dissatisfied: 1,
      daysUsed_1: 2, daysUsed_2: 3, daysUsed_3: 3, daysUsed_4: 1, daysUsed_9: 1,
    };

    // Act
    const i = indicatorsOf(row);

    // Assess
    expect(i.tripsPerCase).toBeCloseTo(1.3);
    expect(i.materialsSaved).toBeCloseTo(1 / 3);
    expect(i.reuseShare).toBeCloseTo(0.25);
    expect(i.fasterThanLegal).toBeCloseTo(0.4);
    expect(i.fasterThanPromised).toBeCloseTo(0.25);
    expect(i.timeUsedOfPromised).toBeCloseTo(0.75);
    expect(i.onTimeRate).toBeCloseTo(0.9);
    expect(i.atWindowRate).toBeCloseTo(0.92);
    expect(i.signedDirectlyRate).toBeCloseTo(0.85);
    expect(i.averageDays).toBeCloseTo(3);
    expect(i.satisfaction).toBeCloseTo(22 / 25);
    // 10 values: 1,1,2,2,2,3,3,3,4,9 → the 5th is 2, the 9th is 4
    expect(i.medianDays).toBe(2);
    expect(i.p90Days).toBe(4);
  });

  it('gives null, not 0, for every rate whose denominator is 0', () => {
    const i = indicatorsOf({ received: 3 });
    expect(Object.values(i).every((v) => v === null)).toBe(true);
  });
});

describe('histogramQuantile', () => {
  it('takes the nearest rank, counting the last bucket as "that many or more"', () => {
    expect(histogramQuantile({ daysUsed_0: 1 }, 0.5)).toBe(0);
    expect(histogramQuantile({ daysUsed_5: 1, daysUsed_7: 1 }, 0.5)).toBe(5);
    expect(histogramQuantile({ daysUsed_5: 1, daysUsed_7: 1 }, 0.9)).toBe(7);
    // 100 cases: 89 at 1 day, 11 at 60+ days: p90 falls in the last bucket
    expect(histogramQuantile({ daysUsed_1: 89, daysUsed_60: 11 }, 0.9)).toBe(60);
    expect(histogramQuantile({ daysUsed_1: 90, daysUsed_60: 10 }, 0.9)).toBe(1);
    expect(histogramQuantile({}, 0.5)).toBeNull();
  });
});

describe('sumCounters', () => {
  it('adds rows counter by counter, a missing counter being 0', () => {
    expect(sumCounters([{ completed: 2, trips: 1 }, { completed: 3, yellow: 1 }, {}])).toEqual({ completed: 5, trips: 1, yellow: 1 });
  });
});

describe('the week ranking score', () => {
  it('weighs on-time 40, speed 30, satisfaction 30, less 5 a red card', () => {
    // on time 8/10, 12 of 20 promised days used (speed 0.4), satisfaction 9/10, one red card
    const row = { completedOnTime: 8, completedLate: 2, daysUsed: 12, promisedDays: 20, ratings: 10, rating_satisfied: 9, rating_dissatisfied: 1, redCards: 1 };
    expect(rankingScore(row)).toBe(Math.round((40 * 0.8 + 30 * 0.4 + 30 * 0.9 - 5) * 10) / 10);
  });

  it('re-weighs over the parts with data, and has no score without any', () => {
    expect(rankingScore({ completedOnTime: 1, completedLate: 1 })).toBe(50);
    expect(rankingScore({ redCards: 2 })).toBeNull();
  });

  it('ranks by score, the departments without one last', () => {
    const ranked = ranking([
      { department: 'b', counters: { completedOnTime: 1, completedLate: 1 } },
      { department: 'a', counters: {} },
      { department: 'c', counters: { completedOnTime: 1 } },
    ]);
    expect(ranked.map((r) => [r.rank, r.department, r.score])).toEqual([[1, 'c', 100], [2, 'b', 50], [3, 'a', null]]);
  });
});

describe('the monthly headline', () => {
  it('puts the reform\'s figure and last month\'s beside each indicator', () => {
    const county = { completed: 100, trips: 120, daysUsed_2: 60, daysUsed_3: 40 };
    const tasks = { atWindow: 90, transferred: 10, signedDirectly: 80, referred: 20, daysUsed: 30, legalDays: 60 };
    const realEstate = { daysUsed_8: 3, daysUsed_12: 1 };
    const figures = headline({ county, tasks, realEstate }, { county: { completed: 100, trips: 150 }, tasks: {}, realEstate: {} });
    const byName = Object.fromEntries(figures.map((f) => [f.indicator, f]));
    expect(byName.tripsPerCase).toMatchObject({ value: 1.2, reform: REFORM_FIGURES.tripsPerCase, previous: 1.5 });
    expect(byName.tripsPerCase!.change).toBeCloseTo(-0.3);
    expect(byName.atWindowRate).toMatchObject({ value: 0.9, reform: 0.92, previous: null, change: null });
    expect(byName.signedDirectlyRate).toMatchObject({ value: 0.8, reform: 0.85 });
    expect(byName.approvalFaster).toMatchObject({ value: 0.5, reform: 0.423 });
    expect(byName.medianDays).toMatchObject({ value: 2 });
    expect(byName.realEstateMedianDays).toMatchObject({ value: 8, reform: 10 });
  });
});
