/**
 * Service ratings (好差评) and rectifications (整改) on the wire (docs/ratings.md): what the
 * applicant sends and sees, and what the department and the supervisor send and see.
 */
import type { LocalizedText } from './catalog.js';
import type { LocalDate } from './dates.js';
import type { RatingGrade, RatingReason } from './supervision.js';

/** `POST /v1/applications/{receiptNumber}/rating?queryCode=…` */
export interface RatingRequest {
  grade: RatingGrade;
  /** Required (at least one) for a poor grade. @default [] */
  reasons?: RatingReason[];
  comment?: string;
}

/** A rating as the case keeps it and the applicant sees it: round 1, and round 2 after a rectification. */
export interface Rating {
  round: 1 | 2;
  grade: RatingGrade;
  reasons: RatingReason[];
  comment?: string;
  at: string;
}

export const RECTIFICATION_STATUSES = ['open', 'responded', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** `POST /v1/staff/rectifications/{rectificationId}/response` (the department's chief or reviewer). */
export interface RectificationResponseRequest {
  /** The department's call back to the applicant (回访): when, and what was said. */
  callback: { at: string; note: string };
  /** What the department changed. */
  changed: string;
  /** The answer the applicant reads in the tracker. */
  response: string;
}

/** `POST /v1/staff/rectifications/{rectificationId}/reopen` (supervisor). */
export interface RectificationReopenRequest {
  reason: string;
}

/** What the applicant sees of a rectification: no staff names, no internal notes. */
export interface RectificationView {
  department: string;
  departmentName: LocalizedText;
  round: 1 | 2;
  status: RectificationStatus;
  openedAt: string;
  dueDate: LocalDate;
  /** Once the department responded: when it called back, what it changed, its answer. */
  response?: { at: string; calledBackAt: string; changed: string; text: string };
}

/** The applicant's rating state on the case view. */
export interface RatingState {
  ratings: Rating[];
  /** The round the applicant may rate now, or null (not finished, already rated, or waiting for a rectification's response). */
  ratingRound: 1 | 2 | null;
  rectifications: RectificationView[];
}
