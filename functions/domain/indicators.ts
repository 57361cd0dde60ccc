/**
 * The reform's indicators as formulas over the statistics' counters (docs/indicators.md):
 * pure, so each formula is read and tested on hand-made rows. A rate is null when its
 * denominator is 0 (no data is not 0%). The reform's own figures are constants beside them,
 * never computed from anything.
 */
import type { Counters, HeadlineFigure, Indicators, RankingEntry, RatingSummary } from '../../contracts/supervision-reports.js';
import { HISTOGRAM_LAST, POOR_GRADES, RATING_GRADES } from '../../contracts/supervision.js';

const get = (row: Counters, name: string): number => row[name] ?? 0;
const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);
const oneMinus = (value: number | null): number | null => (value === null ? null : 1 - value);

/** The counters of several rows added up (days of a period, departments of a county). */
export function sumCounters(rows: readonly Counters[]): Counters {
  const sum: Counters = {};
  for (const row of rows) for (const [name, value] of Object.entries(row)) if (typeof value === 'number') sum[name] = (sum[name] ?? 0) + value;
  return sum;
}

/**
 * The `p` quantile (0 < p ≤ 1) of the working days in the `daysUsed_<n>` histogram, by the
 * nearest-rank method: the smallest n whose cumulative count reaches ⌈p × total⌉. Null for
 * an empty histogram. The last bucket holds "that many or more".
 */
export function histogramQuantile(row: Counters, p: number): number | null {
  const counts = Array.from({ length: HISTOGRAM_LAST + 1 }, (_, n) => get(row, `daysUsed_${n}`));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let cumulative = 0;
  for (const [n, count] of counts.entries()) {
    cumulative += count;
    if (cumulative >= rank) return n;
  }
  return HISTOGRAM_LAST;
}

export function ratingSummary(row: Counters): RatingSummary {
  const byGrade = Object.fromEntries(RATING_GRADES.map((g) => [g, get(row, `rating_${g}`)])) as RatingSummary['byGrade'];
  const ratings = get(row, 'ratings');
  const satisfied = RATING_GRADES.filter((g) => !POOR_GRADES.includes(g)).reduce((sum, g) => sum + byGrade[g], 0);
  return { ratings, byGrade, satisfaction: ratio(satisfied, ratings) };
}

/** Every indicator of one set of counters (a row, or rows added up with `sumCounters`). */
export function indicatorsOf(row: Counters): Indicators {
  const daysUsed = get(row, 'daysUsed');
  return {
    tripsPerCase: ratio(get(row, 'trips'), get(row, 'completed')),
    materialsSaved: oneMinus(ratio(get(row, 'materialsAsked'), get(row, 'materialsSeparately'))),
    reuseShare: ratio(get(row, 'materialsReused'), get(row, 'materialsAsked')),
    fasterThanLegal: oneMinus(ratio(daysUsed, get(row, 'legalDays'))),
    fasterThanPromised: oneMinus(ratio(daysUsed, get(row, 'promisedDays'))),
    timeUsedOfPromised: ratio(daysUsed, get(row, 'promisedDays')),
    onTimeRate: ratio(get(row, 'completedOnTime'), get(row, 'completedOnTime') + get(row, 'completedLate')),
    atWindowRate: ratio(get(row, 'atWindow'), get(row, 'atWindow') + get(row, 'transferred')),
    signedDirectlyRate: ratio(get(row, 'signedDirectly'), get(row, 'signedDirectly') + get(row, 'referred')),
    averageDays: ratio(daysUsed, get(row, 'completed')),
    medianDays: histogramQuantile(row, 0.5),
    p90Days: histogramQuantile(row, 0.9),
    satisfaction: ratingSummary(row).satisfaction,
  };
}

// ---- the reform's own figures ----------------------------------------------------------

/**
 * What the reform reported (the source document): constants to show beside OneTrip's own
 * figures, never used to compute anything.
 */
export const REFORM_FIGURES = {
  tripsPerCase: 1.32,
  /** Materials cut by a third. */
  materialsSaved: 1 / 3,
  /** Time cut by 40% (the cases, against the legal limit). */
  fasterThanLegal: 0.4,
  /** Approval 42.3% faster (the departments' tasks, against the legal limit). */
  approvalFaster: 0.423,
  atWindowRate: 0.92,
  signedDirectlyRate: 0.85,
  /** Real-estate registration: from 48 working days to 10. */
  realEstateDaysBefore: 48,
  realEstateDays: 10,
} as const;

const NAMES: Record<string, { zh: string; en: string }> = {
  tripsPerCase: { zh: '件均跑动次数', en: 'Trips per case' },
  materialsSaved: { zh: '材料精简率', en: 'Materials saved' },
  reuseShare: { zh: '证照复用率', en: 'Materials reused from the certificate library' },
  fasterThanLegal: { zh: '办理时间压缩率（对法定时限）', en: 'Time cut against the legal limit' },
  approvalFaster: { zh: '审批提速（部门审查对法定时限）', en: 'Approval faster (department review against the legal limit)' },
  fasterThanPromised: { zh: '对承诺时限提速', en: 'Faster than the promised limit' },
  onTimeRate: { zh: '按时办结率', en: 'On-time rate' },
  atWindowRate: { zh: '窗口直办率', en: 'Direct at the window' },
  signedDirectlyRate: { zh: '直接签批率', en: 'Signed directly' },
  medianDays: { zh: '办结用时中位数（工作日）', en: 'Median working days' },
  p90Days: { zh: '办结用时 P90（工作日）', en: 'P90 working days' },
  satisfaction: { zh: '满意率', en: 'Satisfaction' },
  realEstateMedianDays: { zh: '不动产登记用时中位数（工作日）', en: 'Real-estate registration, median working days' },
};

export interface HeadlineInputs {
  /** The county's case counters (ALL rows) of the period. */
  county: Counters;
  /** The departments' task counters (DEPT rows) of the period, added up. */
  tasks: Counters;
  /** The real-estate registration items' rows of the period, added up. */
  realEstate: Counters;
}

/** The headline indicators of a period, each as a number or null. */
export function headlineValues({ county, tasks, realEstate }: HeadlineInputs): Record<string, number | null> {
  const c = indicatorsOf(county);
  return {
    tripsPerCase: c.tripsPerCase,
    materialsSaved: c.materialsSaved,
    reuseShare: c.reuseShare,
    fasterThanLegal: c.fasterThanLegal,
    approvalFaster: indicatorsOf(tasks).fasterThanLegal,
    fasterThanPromised: c.fasterThanPromised,
    onTimeRate: c.onTimeRate,
    atWindowRate: indicatorsOf(tasks).atWindowRate,
    signedDirectlyRate: indicatorsOf(tasks).signedDirectlyRate,
    medianDays: c.medianDays,
    p90Days: c.p90Days,
    satisfaction: c.satisfaction,
    realEstateMedianDays: indicatorsOf(realEstate).medianDays,
  };
}

const REFORM_OF: Record<string, number | null> = {
  tripsPerCase: REFORM_FIGURES.tripsPerCase,
  materialsSaved: REFORM_FIGURES.materialsSaved,
  fasterThanLegal: REFORM_FIGURES.fasterThanLegal,
  approvalFaster: REFORM_FIGURES.approvalFaster,
  atWindowRate: REFORM_FIGURES.atWindowRate,
  signedDirectlyRate: REFORM_FIGURES.signedDirectlyRate,
  realEstateMedianDays: REFORM_FIGURES.realEstateDays,
};

/** The monthly report's headline: each indicator, the reform's figure and last month's beside it. */
export function headline(current: HeadlineInputs, previous: HeadlineInputs): HeadlineFigure[] {
  const [now, before] = [headlineValues(current), headlineValues(previous)];
  return Object.keys(now).map((indicator) => {
    const [value, last] = [now[indicator] ?? null, before[indicator] ?? null];
    return {
      indicator,
      name: NAMES[indicator]!,
      value,
      reform: REFORM_OF[indicator] ?? null,
      previous: last,
      change: value === null || last === null ? null : value - last,
    };
  });
}

// ---- the week's ranking --------------------------------------------------------------

/** The weights of the week's ranking score (docs/indicators.md, "The week's ranking score"). */
export const RANKING_WEIGHTS = { onTime: 40, speed: 30, satisfaction: 30, redCardPenalty: 5 } as const;

/**
 * A department's score for the week, 0–100 less 5 per red card: on-time rate × 40, speed
 * (1 − time used of promised, at least 0) × 30, satisfaction × 30, each of these re-weighted
 * over the parts that have data; null when none has.
 */
export function rankingScore(row: Counters): number | null {
  const i = indicatorsOf(row);
  const speed = i.timeUsedOfPromised === null ? null : Math.max(0, 1 - i.timeUsedOfPromised);
  const parts: Array<[number, number | null]> = [
    [RANKING_WEIGHTS.onTime, i.onTimeRate],
    [RANKING_WEIGHTS.speed, speed],
    [RANKING_WEIGHTS.satisfaction, i.satisfaction],
  ];
  const known = parts.filter((p): p is [number, number] => p[1] !== null);
  if (known.length === 0) return null;
  const weight = known.reduce((s, [w]) => s + w, 0);
  const score = (100 * known.reduce((s, [w, x]) => s + w * x, 0)) / weight - RANKING_WEIGHTS.redCardPenalty * get(row, 'redCards');
  return Math.round(score * 10) / 10;
}

/** The departments ranked by score, best first; those without a score last; ties by code. */
export function ranking(departments: ReadonlyArray<{ department: string; counters: Counters }>): RankingEntry[] {
  const scored = departments.map(({ department, counters }) => {
    const i = indicatorsOf(counters);
    return { department, score: rankingScore(counters), onTimeRate: i.onTimeRate, timeUsedOfPromised: i.timeUsedOfPromised, satisfaction: i.satisfaction, redCards: get(counters, 'redCards') };
  });
  scored.sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.department.localeCompare(b.department));
  return scored.map((entry, i) => ({ rank: i + 1, ...entry }));
}
