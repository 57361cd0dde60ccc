/**
 * Electronic supervision (电子监察): the clock's levels and thresholds, the statistics the
 * `supervision-stats` consumer keeps, and what the supervision events carry.
 *
 * The statistics are counters kept incrementally from the outbox events (never by reading
 * cases): one row per Shanghai day and scope, each event applied once. docs/indicators.md
 * defines every indicator as a formula over these counters.
 */

import { RATING_GRADES } from './ratings.js';
import { VISIT_REASONS, type VisitReason } from './staff.js';
import type { Level } from './levels.js';

export { LEVELS, type Level } from './levels.js';

/**
 * When a task turns yellow (预警): when at most `max(ceil(yellowShare × promised days),
 * yellowDays)` working days remain before its promised date. Red (超期) is past the
 * promised date, severe (严重超期) past the legal limit; those two are fixed by the law.
 */
export interface Thresholds {
  /** Share of the promised time, 0–1. @default 0.2 */
  yellowShare: number;
  /** Working days. @default 1 */
  yellowDays: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { yellowShare: 0.2, yellowDays: 1 };

/** A county's thresholds, and the items that override them (by item base code). */
export interface SupervisionThresholds extends Thresholds {
  items?: Record<string, Partial<Thresholds>>;
}

/** Environment variable through which functions learn the county's thresholds (JSON of `SupervisionThresholds`). */
export const THRESHOLDS_VARIABLE = 'SUPERVISION_THRESHOLDS';

// ---- service ratings (好差评) ---------------------------------------------------------------

/**
 * The five grades, the poor ones and the reasons are declared with the rest of the ratings'
 * wire in contracts/ratings.ts (docs/ratings.md), and re-exported here for the counters.
 */
export { GRADE_NAMES, POOR_GRADES, RATING_GRADES, RATING_REASONS, REASON_NAMES, type RatingGrade, type RatingReason } from './ratings.js';

// ---- the counters ------------------------------------------------------------------------

/**
 * Rows of the statistics: `ALL` (the county), `DEPT#<department>`, `ITEM#<code>`. Case-level
 * counters go to `ALL` and to the row of the case's service code (its item code, or its
 * bundle code); task-level counters to the task's department only, a few of them also to
 * `ALL` (docs/statistics.md has the whole table).
 */
export type StatsScope = 'ALL' | `DEPT#${string}` | `ITEM#${string}`;

/**
 * Every counter a row may hold, each a number added to (never set): a missing counter is 0.
 * Which events add to which, and on which rows, is `supervision-stats`' documented table
 * (docs/statistics.md, "Counters"); C = the case's rows (ALL, ITEM#service), D = the task's
 * department row (DEPT#dept), A = ALL.
 */
export const COUNTERS = [
  'received', // C: case.submitted; D: task.created (tasks received)
  'acceptedFirst', // C: case.accepted with firstPreReview (accepted at the first pre-review, no deficiency notice)
  'deficient', // C: case.deficient
  'corrected', // C: case.corrected
  'accepted', // C: case.accepted
  'approved', // D: task.approved
  'rejected', // C: case.rejected (at pre-review or in review); D: task.rejected
  'completed', // C: case.completed; D: task.approved + task.rejected (tasks decided)
  'completedOnTime', // C: case.completed on time; D: task decided by its deadline
  'completedLate', // the same, late
  'daysUsed', // C, D: Σ working days used by what completed (clock stopped while suspended)
  'promisedDays', // C, D: Σ promised limit of what completed, working days
  'legalDays', // C, D: Σ legal limit of what completed, working days
  'trips', // C: case.visited (each visit to the hall is one trip, a pickup too)
  'visits', // C: case.visited that is the case's first visit (cases that needed at least one trip)
  'materialsAsked', // C: Σ materials the case asked of the applicant (case.submitted)
  'materialsSeparately', // C: Σ materials its items would ask if applied for one by one
  'materialsReused', // C: Σ proofs taken from the certificate library
  'yellow', // D, A: task.warned
  'red', // D, A: task.overdue
  'severe', // D, A: task.severe
  'atWindow', // D, A: tasks decided directly at the window (not transferred)
  'transferred', // D, A: task.transferred
  'signedDirectly', // D, A: tasks signed by the chief representative (not referred)
  'referred', // D, A: task.referred
  'orders', // A, D: supervision.ordered
  'redCards', // A, D: supervision.escalated (an order past its reply deadline)
  'rectifications', // A, D: rectification.opened
  'feesFen', // ticket.paid: A the ticket's amount, D each department's split
  'refundedFen', // A: refund.completed, the amount given back
  'ratings', // A, ITEM#service, D each responsible department: rating.submitted
  ...RATING_GRADES.map((g) => `rating_${g}` as const),
  ...VISIT_REASONS.map((r) => `visit_${r}` as const), // C: case.visited by reason
] as const;
export type Counter = (typeof COUNTERS)[number] | `daysUsed_${number}`;

/**
 * The histogram of working days used: `daysUsed_<n>` counts what completed in n working
 * days, n = 0 … HISTOGRAM_LAST; `daysUsed_<HISTOGRAM_LAST>` holds that many or more.
 */
export const HISTOGRAM_LAST = 60;
export const histogramCounter = (days: number): `daysUsed_${number}` =>
  `daysUsed_${Math.min(Math.max(0, Math.round(days)), HISTOGRAM_LAST)}`;

/** The open tasks by level, on `ALL` and per department (`GAUGE` rows): added to on every level change, creation and decision. */
export type Gauge = `open_${Level}`;

// ---- what the supervision events carry ---------------------------------------------------

/** `task.warned`, `task.overdue`, `task.severe`: a level change of an open task, found by the deadline watch. */
export interface LevelChangeData {
  taskId: string;
  department: string;
  itemCode: string;
  from: Level;
  to: Level;
}

/** `task.approved`, `task.rejected`: what the statistics need of a decided task. */
export interface TaskDecidedData {
  taskId: string;
  department: string;
  itemCode: string;
  stage: number;
  /** The level it had when decided (it leaves the open gauge there). */
  level: Level;
  workingDays: number;
  promisedDays: number;
  legalDays: number;
  onTime: boolean;
  /** Decided by the staff stationed at the center, not transferred to the back office. */
  atWindow: boolean;
  /** Signed by the chief representative, not referred to a leader. */
  signedDirectly: boolean;
}

/** `case.completed`: what the statistics need of a completed case. */
export interface CaseCompletedData {
  /** The item code, or the bundle code. */
  service: string;
  workingDays: number;
  promisedDays: number;
  legalDays: number;
  onTime: boolean;
}

/**
 * `case.visited`: the applicant came to the hall in person (one trip). Trips are counted from
 * these, not at completion: a pickup at the hall comes after the case completed.
 */
export interface CaseVisitedData {
  reason: VisitReason;
  /** The item code, or the bundle code. */
  service: string;
  /** The case's first visit. */
  first: boolean;
}

/** `case.accepted`: accepted at the first pre-review (no deficiency notice before). */
export interface CaseAcceptedData {
  promisedDate: string;
  firstPreReview: boolean;
  /** The item code, or the bundle code. */
  service: string;
}

/** `task.transferred` and `task.referred`. */
export interface TaskMovedData {
  taskId: string;
  department: string;
  itemCode: string;
}

/** `case.submitted`: the service and what its materials saved. */
export interface CaseSubmittedData {
  itemCode?: string;
  bundleCode?: string;
  service: string;
  catalogVersion: string;
  departments: string[];
  materialsAsked: number;
  materialsSeparately: number;
  materialsReused: number;
}
