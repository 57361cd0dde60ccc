/**
 * What staff send (JWT bearer; roles in contracts/roles.ts): the clerk's pre-review, the
 * agent's assignment, a reviewer's or chief's decision on a task, and the daily settlement
 * report they read (docs/fees.md).
 */
import type { CaseStatus, Deficiency, TaskSummary } from './cases.js';
import type { LocalizedText } from './catalog.js';
import type { ErrorBody } from './errors.js';
import type { Level } from './levels.js';

export type PreReviewInput =
  | { decision: 'accept' }
  | { decision: 'deficient'; deficiencies: Deficiency[] }
  | { decision: 'reject'; reason: string };

export type TaskDecisionInput =
  | {
      decision: 'approve' | 'reject';
      opinion: string;
      /** Form fields the approval assigns, when the task says it `assigns` them (the unified social credit code). */
      assigned?: Record<string, string>;
    }
  | { decision: 'suspend' | 'resume'; opinion: string }
  /**
   * `transfer`: a reviewer or chief sends a pending task to the department's back office (it is
   * then not decided directly at the window); `refer`: the chief representative refers a
   * decision awaiting signature to a department leader, who signs it.
   */
  | { decision: 'transfer' | 'refer'; opinion: string }
  | { decision: 'sign' };

/**
 * Why the applicant had to come to the service hall in person (`POST /v1/staff/cases/{caseId}/visits`).
 * Each visit is one trip (跑动); `other` needs a note saying why.
 */
export const VISIT_REASONS = ['verify_originals', 'sign_in_person', 'pickup', 'supplement_materials', 'other'] as const;
export type VisitReason = (typeof VISIT_REASONS)[number];
export const VISIT_REASON_NAMES: Record<VisitReason, LocalizedText> = {
  verify_originals: { zh: '核验原件', en: 'Showing originals' },
  sign_in_person: { zh: '现场签字', en: 'Signing in person' },
  pickup: { zh: '窗口领取结果', en: 'Collecting the results' },
  supplement_materials: { zh: '补交材料', en: 'Supplying materials' },
  other: { zh: '其他', en: 'Other' },
};

/** `POST /v1/staff/cases/{caseId}/visits`. */
export interface VisitInput {
  reason: VisitReason;
  /** Required for `other`. */
  note?: string;
}

/** `POST /v1/staff/cases/{caseId}/pickup`: the results handed over at the hall. */
export interface PickupInput {
  note?: string;
}

export interface AgentAssignment {
  agent: string;
  /** The applicant's authorisation: the letter of authorisation's number and scope. */
  authorization: string;
}

/** One ledger line settled to (SPLIT) or taken back from (REVERSAL) a department. */
export interface SettlementLine {
  ticketNumber: string;
  kind: 'SPLIT' | 'REVERSAL';
  /** The payment split (a REVERSAL names the payment it takes back from, when known). */
  paymentId?: string;
  /** REVERSAL only. */
  refundId?: string;
  /** Integer fen, ≥ 0. */
  amountFen: number;
}

/**
 * A department's settlement of the day to one account. A department has one row, two only
 * when its settlement account changed during the day.
 */
export interface DepartmentSettlement {
  department: string;
  /** From the served catalog; `null` for a department the catalog no longer lists. */
  departmentName: LocalizedText | null;
  account: string;
  /** Σ SPLIT. */
  splitFen: number;
  /** Σ REVERSAL. */
  reversalFen: number;
  /** `splitFen − reversalFen`, negative when more was taken back than settled. */
  netFen: number;
  /** Its ledger lines, by ticket number, splits before reversals. */
  tickets: SettlementLine[];
}

export interface SettlementTotals {
  /** Σ PAY of the tickets in the report. */
  paidFen: number;
  /** Σ REFUND of the tickets in the report. */
  refundedFen: number;
  /** `paidFen − refundedFen`. */
  netReceivedFen: number;
  /** Σ splitFen of the department rows. */
  splitFen: number;
  /** Σ reversalFen of the department rows. */
  reversedFen: number;
  /** `splitFen − reversedFen`; equals `netReceivedFen` when every department is in the report and it reconciles. */
  netSettledFen: number;
}

/** A ticket whose received and settled amounts of the day differ. */
export interface SettlementDiscrepancy {
  ticketNumber: string;
  /** `Σ PAY − Σ REFUND`. */
  receivedFen: number;
  /** `Σ SPLIT − Σ REVERSAL`. */
  settledFen: number;
  /** `settledFen − receivedFen`: positive when more was settled out than received. */
  differenceFen: number;
}

export interface SettlementReport {
  /** The Shanghai day (YYYY-MM-DD). */
  day: string;
  generatedAt: string;
  /** The one department the report is limited to; absent when it covers every department. */
  department?: string;
  departments: DepartmentSettlement[];
  totals: SettlementTotals;
  reconciliation: { ok: boolean; discrepancies: SettlementDiscrepancy[] };
}

/**
 * A row of `GET /v1/staff/cases`: what the window's queue shows of a case, the applicant's
 * name masked. `dueDate` is the pre-review's deadline while the case waits at the window
 * (submitted or deficient), else its promised date; `remainingDays` the working days left to
 * it (0 on the day, negative once past).
 */
export interface CaseRow {
  caseId: string;
  receiptNumber: string;
  status: CaseStatus;
  itemCode?: string;
  bundleCode?: string;
  itemName: LocalizedText;
  applicantName: string;
  submittedAt: string;
  dueDate: string;
  remainingDays: number;
  level?: Level;
  greenChannel: boolean;
  /** The green-channel agent's username. */
  agent?: string;
  /** The clerk who accepted it. */
  acceptedBy?: string;
}

/**
 * A row of `GET /v1/staff/tasks`: the task with its case's receipt number, bundle, applicant
 * (masked) and submission, and the working days left to its deadline. Awaiting a signature,
 * `decision` is the reviewer's proposal with its opinion.
 */
export interface TaskRow extends TaskSummary {
  caseId: string;
  receiptNumber: string;
  bundleCode?: string;
  applicantName: string;
  submittedAt: string;
  remainingDays: number;
}

/**
 * The attributes of a case item a {@link CaseRow} and the case list's filters read, and of a
 * task item a {@link TaskRow} and the task list's filters read (`listing`: its case's part of
 * the row, written on the task). The staff lists' indexes (`bySubmission`, `byDeadline`,
 * docs/access-patterns.md) copy these and their keys, nothing else: a page is one Query, and a
 * change touching none of them writes no index copy (docs/cost.md). The rows are typed on them
 * (functions/domain/lists.ts) and so are the filters' paths (functions/app/lists.ts), so neither
 * can read an attribute the indexes lack.
 */
export const CASE_LIST_ATTRIBUTES = [
  'caseId', 'receiptNumber', 'status', 'itemCode', 'bundleCode', 'itemName', 'applicant', 'submittedAt', 'submittedOn', 'promisedDate', 'level', 'greenChannel', 'agent', 'acceptedBy',
] as const;
export const TASK_LIST_ATTRIBUTES = [
  'taskId', 'caseId', 'receiptNumber', 'department', 'itemCode', 'itemName', 'assigns', 'stage', 'status', 'deadline', 'legalDeadline', 'level', 'transferred', 'referral', 'proposal', 'decision', 'listing',
] as const;

/** What every staff list answers besides its rows: the cursor of the next page, absent on the last. */
export interface Page {
  next?: string;
}

/** One result of `POST /v1/staff/tasks/decisions`, in the order the decisions were sent. */
export type BatchDecisionResult =
  | { taskId: string; ok: true; task?: TaskSummary }
  | { taskId: string; ok: false; status: number; error: ErrorBody['error'] };

/** `POST /v1/staff/tasks/decisions`: 1–50 decisions, each a task's id and its decision. */
export interface BatchDecisionInput {
  decisions: ({ taskId: string } & TaskDecisionInput)[];
}

/** The orders a staff list is read in: by the date due (earliest first) or by submission (oldest first). */
export const LIST_SORTS = ['deadline', 'submitted'] as const;
export type ListSortOrder = (typeof LIST_SORTS)[number];

/** The query of `GET /v1/staff/cases` and `GET /v1/staff/tasks` (README, "Staff lists"). */
export interface ListParameters {
  /** 1–200. @default 50 */
  limit: number;
  cursor?: string;
  sort?: ListSortOrder;
  item?: string;
  bundle?: string;
  level?: Level;
  dueBefore?: string;
  /** Cases I accepted, tasks I decided. */
  mine: boolean;
  /** Tasks: the department, for supervisors and admins. */
  department?: string;
}

/**
 * One unmasked read of a case's personal data by staff (docs/need-to-know.md): who, when,
 * which case, and what of it.
 */
export interface AccessEntry {
  at: string;
  username: string;
  roles: string[];
  department: string;
  caseId: string;
  receiptNumber: string;
  /** What was read: the case itself, one of its materials, or one of its notices. */
  what: 'case' | 'material' | 'notice';
  /** The material code or notice id read. */
  detail?: string;
}

/** `GET /v1/staff/access-log/{day}`: a page of a Shanghai day's access log, oldest first. */
export interface AccessLogPage {
  day: string;
  entries: AccessEntry[];
  /** The `cursor` of the next page; absent on the last. */
  next?: string;
}

/** `GET /v1/staff/cases/{caseId}/materials/{materialCode}`: an uploaded material, to open for a few minutes. */
export interface MaterialLink {
  materialCode: string;
  fileName: string;
  contentType: string;
  size: number;
  /** A presigned GET of the file, shown in place under its name. */
  url: string;
  expiresAt: string;
}
