/**
 * Service ratings (好差评) and rectifications (整改) on the wire (docs/ratings.md): what the
 * applicant sends and sees, and what the department and the supervisor send and see.
 */
import type { LocalizedText } from './catalog.js';
import type { LocalDate } from './dates.js';

/** The five grades of the national 好差评 system, best first. */
export const RATING_GRADES = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type RatingGrade = (typeof RATING_GRADES)[number];
export const GRADE_NAMES: Record<RatingGrade, { zh: string; en: string }> = {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied' },
};
/** Grades that open a rectification (整改) and do not count as satisfied. */
export const POOR_GRADES: readonly RatingGrade[] = ['dissatisfied', 'very_dissatisfied'];

/**
 * Why an applicant rated as they did: the categories of the national 好差评 system
 * (国务院办公厅《关于建立政务服务“好差评”制度提高政务服务水平的意见》), one code each.
 */
export const RATING_REASONS = [
  'guide_unclear',
  'materials_repeated',
  'process_complex',
  'overdue',
  'attitude',
  'repeated_trips',
  'fees',
  'system',
  'other',
] as const;
export type RatingReason = (typeof RATING_REASONS)[number];
export const REASON_NAMES: Record<RatingReason, { zh: string; en: string }> = {
  guide_unclear: { zh: '办事指南不清', en: 'The service guide was unclear' },
  materials_repeated: { zh: '材料重复提交', en: 'Materials had to be submitted again' },
  process_complex: { zh: '办事流程繁琐', en: 'The procedure was too complicated' },
  overdue: { zh: '超时办理', en: 'It took longer than promised' },
  attitude: { zh: '服务态度', en: 'Staff attitude' },
  repeated_trips: { zh: '多次跑腿', en: 'I had to come in more than once' },
  fees: { zh: '收费问题', en: 'Fees' },
  system: { zh: '系统问题', en: 'The online system' },
  other: { zh: '其他', en: 'Other' },
};

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
