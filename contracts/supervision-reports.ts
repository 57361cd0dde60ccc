/**
 * What the supervision board, the periodic reports and an item's public performance answer
 * (docs/indicators.md, docs/reports.md). Every figure is read from the statistics rows
 * (contracts/supervision.ts, COUNTERS) and the timer partitions, never from the cases, so
 * their cost does not grow with the number of cases. A rate is `null` when its denominator
 * is 0: no data is not 0%.
 */
import type { Level, RatingGrade } from './supervision.js';

/** The indicators of a set of counter rows (functions/domain/indicators.ts; docs/indicators.md). */
export interface Indicators {
  /** trips / completed */
  tripsPerCase: number | null;
  /** 1 − materialsAsked / materialsSeparately */
  materialsSaved: number | null;
  /** materialsReused / materialsAsked */
  reuseShare: number | null;
  /** 1 − daysUsed / legalDays (the "faster by" figure against the legal limit) */
  fasterThanLegal: number | null;
  /** 1 − daysUsed / promisedDays */
  fasterThanPromised: number | null;
  /** daysUsed / promisedDays */
  timeUsedOfPromised: number | null;
  /** completedOnTime / (completedOnTime + completedLate) */
  onTimeRate: number | null;
  /** atWindow / (atWindow + transferred) */
  atWindowRate: number | null;
  /** signedDirectly / (signedDirectly + referred) */
  signedDirectlyRate: number | null;
  /** daysUsed / completed */
  averageDays: number | null;
  /** nearest-rank median of the daysUsed_<n> histogram */
  medianDays: number | null;
  /** nearest-rank 90th percentile of the daysUsed_<n> histogram */
  p90Days: number | null;
  /** (very_satisfied + satisfied + basically_satisfied) / ratings */
  satisfaction: number | null;
}

/** One set of counters: COUNTERS' names (and `daysUsed_<n>`), a missing one is 0. */
export type Counters = Record<string, number>;

export interface RatingSummary {
  ratings: number;
  byGrade: Record<RatingGrade, number>;
  satisfaction: number | null;
}

/** A department's line of a report. */
export interface DepartmentFigures {
  department: string;
  name: { zh: string; en: string };
  counters: Counters;
  indicators: Indicators;
  /** 黄牌: tasks warned (the `yellow` counter). */
  yellowCards: number;
  /** 红牌: supervision orders past their reply deadline (the `redCards` counter). */
  redCards: number;
  ratings: RatingSummary;
}

/** An item's (or a bundle's) line of a report: the cases of that service. */
export interface ItemFigures {
  itemCode: string;
  name: { zh: string; en: string };
  department: string | null;
  counters: Counters;
  indicators: Indicators;
  ratings: RatingSummary;
}

/** An open task listed on the board and in the dispatch notice (A's task fields). */
export interface ListedTask {
  taskId: string;
  caseId: string;
  receiptNumber: string;
  department: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  deadline: string;
  legalDeadline: string | null;
  level: Level;
}

/** An open supervision order (D1's order items), as listed. */
export interface ListedOrder {
  orderId: string;
  caseId: string;
  receiptNumber: string;
  department: string;
  issuedAt: string;
  replyBy: string;
  escalated: boolean;
}

/** An open rectification (D2's rectification items), as listed. */
export interface ListedRectification {
  rectificationId: string;
  caseId: string;
  receiptNumber: string;
  department: string;
  openedAt: string;
  dueDate: string;
  overdue: boolean;
}

/** A bounded list: at most `limit` entries, the earliest due first; `total` when known (from the gauges). */
export interface Listed<T> {
  entries: T[];
  total: number | null;
  truncated: boolean;
}

export type PeriodKind = 'day' | 'week' | 'dekad' | 'month';

export interface PeriodRange {
  /** As asked: `2026-12-07`, `2026-W49`, `2026-12-D1`, `2026-12`. */
  id: string;
  kind: PeriodKind;
  first: string;
  last: string;
}

/** A department's place in the week's ranking (docs/indicators.md, "The week's ranking score"). */
export interface RankingEntry {
  rank: number;
  department: string;
  score: number | null;
  onTimeRate: number | null;
  timeUsedOfPromised: number | null;
  satisfaction: number | null;
  redCards: number;
}

/** One headline indicator of the monthly report, the reform's own figure beside it. */
export interface HeadlineFigure {
  indicator: string;
  name: { zh: string; en: string };
  value: number | null;
  reform: number | null;
  previous: number | null;
  /** value − previous (null when either is) */
  change: number | null;
}

export interface DispatchDepartment {
  department: string;
  overdue: ListedTask[];
  warned: ListedTask[];
  orders: ListedOrder[];
  rectifications: ListedRectification[];
}

export interface SupervisionReport {
  period: PeriodRange;
  county: string;
  generatedAt: string;
  /** The department a chief's report is limited to; null for the whole county. */
  department: string | null;
  /** The county's totals; null in a chief's report. */
  totals: { counters: Counters; indicators: Indicators; ratings: RatingSummary } | null;
  departments: DepartmentFigures[];
  items: ItemFigures[];
  /** Week: the departments ranked by score. */
  ranking?: RankingEntry[];
  /** Ten-day period: the dispatch notice (open tasks, orders and rectifications when it was made). */
  dispatch?: DispatchDepartment[];
  /** Month: every headline indicator, the reform's figure and last month's beside it. */
  headline?: HeadlineFigure[];
  /** Set when this is the archived copy of a closed period. */
  archived?: { at: string; sha256: { json: string; csv: string; pdf: string } };
}

export interface BoardDay {
  day: string;
  counters: Counters;
}

export interface SupervisionBoard {
  county: string;
  generatedAt: string;
  today: string;
  department: string | null;
  /** Open tasks by level per department (`ALL` first, unless a chief asks). */
  open: Array<{ scope: string; normal: number; yellow: number; red: number; severe: number }>;
  red: Listed<ListedTask>;
  severe: Listed<ListedTask>;
  overdueRectifications: Listed<ListedRectification>;
  /** Today's counters of the county (or the chief's department). */
  todayCounters: Counters;
  /** The last 7 days, oldest first, each day's counters of the same scope. */
  week: BoardDay[];
}

/** `GET /v1/catalog/items/{itemCode}/performance`: the last 30 days of one item. */
export interface ItemPerformance {
  itemCode: string;
  from: string;
  to: string;
  completed: number;
  averageDays: number | null;
  medianDays: number | null;
  p90Days: number | null;
  onTimeRate: number | null;
  tripsPerCase: number | null;
  satisfaction: number | null;
  ratings: number;
}
