/**
 * The application as the API takes it and the case as the applicant sees it:
 * `POST /v1/applications` and `GET /v1/applications/{receiptNumber}`.
 */
import type { RatingState } from './ratings.js';
import type { DeliveryMode, LocalizedText } from './catalog.js';
import type { LocalDate } from './dates.js';
import type { Level } from './levels.js';
import type { Delivery, HandoverView } from './delivery.js';
import type { TicketView } from './tickets.js';

/** `awaiting_payment`: every stage approved, the fee ticket not yet paid; the payment completes the case. */
export const CASE_STATUSES = ['submitted', 'deficient', 'accepted', 'in_review', 'awaiting_payment', 'completed', 'rejected'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * `awaiting_leader`: the chief representative referred the decision to a department leader, who signs it.
 * `withdrawn`: still open when its case ended (another department rejected it); it is no longer decided.
 */
export type TaskStatus = 'pending' | 'suspended' | 'awaiting_signature' | 'awaiting_leader' | 'approved' | 'rejected' | 'withdrawn';

/** Every task status, in the order a task passes through them (the task list's `status` filter). */
export const TASK_STATUSES = ['pending', 'suspended', 'awaiting_signature', 'awaiting_leader', 'approved', 'rejected', 'withdrawn'] as const satisfies readonly TaskStatus[];

export interface Applicant {
  type: 'person' | 'company';
  name: string;
  idType: 'resident_id' | 'credit_code';
  idNumber: string;
  phone: string;
  email?: string;
  legalRepresentative?: string;
}

/**
 * The applicant's properties a form field may repeat, named by its catalog annotation
 * `"x-applicant"`: the apply form takes the value from the applicant's step instead of
 * asking for it again.
 */
export const APPLICANT_FIELD_PROPERTIES = ['name', 'idNumber', 'legalRepresentative', 'phone', 'email'] as const satisfies readonly (keyof Applicant)[];
export type ApplicantFieldProperty = (typeof APPLICANT_FIELD_PROPERTIES)[number];

/**
 * The kinds of applicant, named by the catalog annotation `"x-applicant-type"` on a field
 * that repeats the applicant only when the applicant is of that kind (a company's name is
 * not a person's): the apply form takes it from step 1 only for that kind, and asks it of
 * anyone else. A field without it (the phone) is taken from any applicant.
 */
export const APPLICANT_TYPES = ['person', 'company'] as const satisfies readonly Applicant['type'][];
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** The addresses a form field may be, by its catalog annotation `"x-address"` (offered for delivery: "same as the premises address"). */
export const FORM_ADDRESSES = ['premises'] as const;
export type FormAddress = (typeof FORM_ADDRESSES)[number];

export interface Deficiency {
  /** A material that is missing or unusable. */
  materialCode?: string;
  /** A form field (JSON pointer into the application) that needs correcting. */
  path?: string;
  message: string;
}

/** A material accepted for later supply under the applicant's written commitment (容缺后补). */
export interface DeferredMaterial {
  materialCode: string;
  dueDate: LocalDate;
  commitmentAcceptedAt: string;
  status: 'open' | 'supplied';
  /**
   * The catalog's reason why this material may follow the result (its `dueAfterIssue`);
   * otherwise the results wait for it (docs/results.md).
   */
  dueAfterIssue?: LocalizedText;
  /** When the applicant was reminded that the due date approaches. */
  remindedAt?: string;
  /** Set once the due date passed with the material still missing; stays as history. */
  late?: boolean;
  suppliedAt?: string;
}

/**
 * The official notices (docs/notices.md), each a PDF issued on the event that decides it:
 * `acceptance` 受理通知书, `deficiency` 一次性告知书, `commitment` 容缺承诺书 (with an
 * acceptance that defers materials), `refusal` 不予受理决定书 (the window's pre-review),
 * `rejection` 不予许可决定书 (a department's signed rejection).
 */
export const NOTICE_KINDS = ['acceptance', 'deficiency', 'commitment', 'refusal', 'rejection'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A notice issued on the case: `GET …/notices/{noticeId}` downloads its PDF. */
export interface CaseDocument {
  /** `<kind>-<the id of the event that issued it>`: one notice per kind and event, whatever the deliveries. */
  noticeId: string;
  kind: NoticeKind;
  issuedAt: string;
  /** SHA-256 of the PDF, hex, and its size in bytes. */
  sha256: string;
  size: number;
}

/** One department's task on a case, as applicants and staff lists show it. */
export interface TaskSummary {
  taskId: string;
  department: string;
  itemCode: string;
  itemName: LocalizedText;
  /** 1-based stage of the case's item or bundle. */
  stage: number;
  status: TaskStatus;
  /** Form fields this task's approval must assign (`assigned` in the decision), e.g. `creditCode`. */
  assigns?: string[];
  /** Local date by which the department must decide. */
  deadline: string;
  /** The clock (docs/supervision.md): absent on tasks created before supervision. */
  legalDeadline?: string;
  level?: Level;
  /** Sent to the back office, or referred to a leader: who, when, why. */
  transferred?: { by: string; at: string; opinion: string };
  referral?: { by: string; at: string; opinion: string };
  decision?: { decision: string; opinion?: string; signedAt?: string; signedRole?: 'chief' | 'leader' };
}

/** The applicant's view of their case (`GET /v1/applications/{receiptNumber}`): personal data masked. */
export interface CaseView {
  caseId: string;
  receiptNumber: string;
  status: CaseStatus;
  itemCode?: string;
  /** A bundle case's bundle, and the situation answers that decided its items. */
  bundleCode?: string;
  answers?: Record<string, boolean>;
  itemName: LocalizedText;
  catalogVersion: string;
  applicant: { type: Applicant['type']; name: string; idNumber: string; phone: string };
  submittedAt: string;
  acceptedOn?: string;
  promisedDate: string;
  completedAt?: string;
  trips: 0 | 1;
  tasks: TaskSummary[];
  notices: { kind: 'deficiency'; issuedAt: string; deficiencies: Deficiency[] }[];
  /** The official notices issued on the case, oldest first, each downloadable as a PDF. */
  documents: CaseDocument[];
  /** True while the one-time correction after a deficiency notice is still open. */
  correctionAllowed: boolean;
  /**
   * While the correction is open, each form field the notice flagged (a JSON pointer,
   * `/form/…`) with its current value, for the correction form; empty otherwise. The
   * correction's `form` sends exactly these fields.
   */
  flaggedFields: { path: string; value?: unknown }[];
  materials: ({ materialCode: string; fileName: string } | { materialCode: string; certificateCode: string; itemName: LocalizedText; issuedOn: string })[];
  deferred: DeferredMaterial[];
  delivery: { mode: DeliveryMode; address?: { city: string; district: string; detail: string } };
  rejection?: { reason: string; departments?: { department: string; opinion: string }[] };
  /** `detail`: a notification's entry (`notification.<status>`) names `{template, channel, to}`, the address masked. */
  timeline: { seq: number; at: string; action: string; actor: { type: string; role?: string; department?: string }; detail?: Record<string, unknown> }[];
  ticket: TicketView | null;
  results: {
    verificationCode: string;
    itemCode: string;
    itemName: LocalizedText;
    department: string;
    departmentName: LocalizedText;
    issuedOn: string;
    /** The county's public page that verifies it (`…/verify.html?code=…`), the address its QR code carries. */
    verifyUrl: string;
    /** 证照编号 and the last day it is valid (null: long-term), as on the certificate. */
    licenceNumber?: string;
    validTo: string | null;
  }[];
  handover: HandoverView | null;
  /**
   * True while a certificate of the case could not be made (its message failed for good and
   * waits in the dead-letter queue for staff): the result is delayed, and the timeline says
   * since when (`result.delayed`). False again once it is made.
   */
  resultDelayed: boolean;
  /** The applicant's ratings (好差评), given in the tracker once the case finished (docs/ratings.md). */
  ratings: RatingState['ratings'];
  /** The round the applicant may rate now, or null. */
  ratingRound: RatingState['ratingRound'];
  /** The rectifications a poor rating opened, with the departments' responses. */
  rectifications: RatingState['rectifications'];
}

/** What `POST /v1/applications` answers (201 when created, 200 for the same Idempotency-Key again). */
export interface SubmissionResponse {
  caseId: string;
  receiptNumber: string;
  /** Shown once: with the receipt number it reads the case. */
  queryCode: string;
  status: string;
  promisedDate: string;
}

export interface UploadedMaterial {
  materialCode: string;
  uploadId: string;
  certificateCode?: undefined;
}

/** A material supplied by an upload, or (a proof) by a certificate of the applicant's library. */
export type MaterialInput = UploadedMaterial | { materialCode: string; certificateCode: string; uploadId?: undefined };

export interface DeferredInput {
  materialCode: string;
  dueDate: LocalDate;
  commitmentAccepted: true;
}

/** `POST /v1/applications` (header `Idempotency-Key`): an item or a bundle, exactly one of the two codes. */
export interface ApplicationRequest {
  catalogVersion: string;
  itemCode?: string;
  bundleCode?: string;
  /**
   * Answers to the bundle's situation questions, by question code (`{"sellsFood": true}`):
   * every question answered, for a bundle that asks any; they decide its items, form,
   * materials, fees and delivery modes.
   */
  answers?: Record<string, boolean>;
  applicant: Applicant;
  form: Record<string, unknown>;
  materials: MaterialInput[];
  deferred?: DeferredInput[];
  delivery: Delivery;
}

/**
 * `POST /v1/fee-estimates`: what an application would be charged, asked before submitting.
 * The same target and form as {@link ApplicationRequest}, so the estimate prices exactly
 * what the submission will.
 */
export type FeeEstimateRequest = Omit<ApplicationRequest, 'applicant' | 'materials' | 'deferred' | 'delivery'>;

/** The applicant's one correction, or deferred materials supplied later (`POST …/corrections`; staff `…/on-behalf`). */
export interface CorrectionRequest {
  form?: Record<string, unknown>;
  materials?: UploadedMaterial[];
  note?: string;
}
