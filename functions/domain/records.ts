/**
 * The records OneTrip keeps, as the domain reads and writes them: the case with its ticket,
 * results and handover, the department tasks, and the `Change` a decision makes of them.
 * Types only; the rules that produce them live in case.ts, tickets.ts, results.ts and
 * their neighbours, which all depend on this file and on nothing that depends on them.
 */
import type { Applicant, CaseDocument, CaseStatus, Deficiency, DeferredMaterial, TaskStatus } from '../../contracts/cases.js';
import type { FeePoint, SituationAnswers } from '../../contracts/catalog.js';
import type { LocalDate } from '../../contracts/dates.js';
import type { Delivery } from '../../contracts/delivery.js';
import type { DeliveryMode } from '../../contracts/catalog.js';
import type { EventType } from '../../contracts/events.js';
import type { NotificationLanguage } from '../../contracts/notifications.js';
import type { Rating } from '../../contracts/ratings.js';
import type { PaymentStatus, RefundReason, TicketLine, TicketStatus } from '../../contracts/tickets.js';
import type { Level } from '../../contracts/supervision.js';
import type { WorkingCalendar } from './calendar.js';
import type { Shipment } from './delivery.js';
import type { DepartmentSplit } from './fees.js';
import type { StagePlan } from './stages.js';
import type { TimelineInput } from './timeline.js';
import type { VisitReason } from '../../contracts/staff.js';

export interface CaseMaterial {
  materialCode: string;
  uploadId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** A proof satisfied by a certificate the applicant already holds, instead of an upload. */
export interface ReusedCertificate {
  materialCode: string;
  certificateCode: string;
  proof: string;
  itemName: { zh: string; en: string };
  issuedOn: string;
}

export interface Notice {
  kind: 'deficiency';
  issuedAt: string;
  issuedBy: string;
  deficiencies: Deficiency[];
}

/** A material a bundle case produces itself, and whether its producing item is approved yet. */
export interface ProducedRecord {
  materialCode: string;
  proof: string;
  /** Base code of the producing item, and the items whose departments need it. */
  producedBy: string;
  neededBy: string[];
  approvedAt?: string;
  taskId?: string;
}

export interface CaseRecord {
  caseId: string;
  receiptNumber: string;
  queryCodeHash: string;
  county: string;
  catalogVersion: string;
  /** The item applied for; a bundle case names its bundle instead. */
  itemCode?: string;
  bundleCode?: string;
  /**
   * A bundle's answers to its situation questions (from 2026.12.1): they decided its items,
   * form, materials, fees and delivery modes, and keep deciding them for the case's life.
   */
  answers?: SituationAnswers;
  /** The item's or the bundle's name. */
  itemName: { zh: string; en: string };
  /** Every department that reviews the case, once each. */
  departments: string[];
  /** One stage for a single item; a bundle's stages in order. */
  stages: StagePlan[];
  /** Supervision flags, e.g. `deferred_late`. */
  flags: string[];
  /** Green channel (绿色通道): an agent may be assigned to act for the applicant. */
  greenChannel: boolean;
  /** The agent (代办员) acting for the applicant, with the authorisation they hold. */
  agent?: { username: string; authorization: string; assignedBy: string; assignedAt: string };
  status: CaseStatus;
  applicant: Applicant;
  /**
   * The language the applicant applied in (the request's, as the API picks the language of
   * its errors), in which they are notified; absent on cases submitted before it was kept: zh-CN.
   */
  language?: NotificationLanguage;
  form: Record<string, unknown>;
  materials: CaseMaterial[];
  /**
   * Materials the bundle produces instead of asking (its business licence), with the item
   * producing each; `approvedAt` and `taskId` once that item's approval is signed, so the
   * departments that need it see it exists.
   */
  produced?: ProducedRecord[];
  /** Proofs taken from the applicant's certificate library (no upload asked). */
  reused?: ReusedCertificate[];
  deferred: DeferredMaterial[];
  delivery: Delivery;
  submittedAt: string;
  submittedOn: LocalDate;
  acceptedOn?: LocalDate;
  /** The clerk who accepted it at the window. */
  acceptedBy?: string;
  promisedLimitDays: number;
  promisedDate: LocalDate;
  /**
   * The legal limit's date (法定时限): the stages' legal limits in working days from acceptance,
   * set at dispatch and moved by suspensions like the promised date (docs/supervision.md).
   */
  legalDate?: LocalDate;
  /** The worst level its tasks have reached (docs/supervision.md); absent until dispatched. */
  level?: Level;
  /** Trips to the service hall this case costs the applicant (0 or 1). */
  trips: 0 | 1;
  notices: Notice[];
  /** The official notices issued as PDFs (docs/notices.md), oldest first; absent until the first. */
  documents?: CaseDocument[];
  correctionsUsed: number;
  rejection?: { reason: string; by: string; at: string; departments?: { department: string; opinion: string }[] };
  completedAt?: string;
  /** The one fee ticket, once the case reached its fee point (docs/fees.md). */
  ticket?: Ticket;
  /** The certificates its departments issued, one per approved task (docs/results.md). */
  results?: ResultRecord[];
  /**
   * Approved tasks whose certificate could not be made (a render that can never succeed, or
   * the queue's last attempt failed): their results are delayed until staff fix the cause and
   * redrive the message; cleared when the certificate is made (docs/results.md).
   */
  delayedResults?: string[];
  /** How the results reach the applicant, once the case is completed and all are in. */
  handover?: Handover;
  /** Every time the applicant came to the hall in person, oldest first: each is one trip (docs/statistics.md). */
  visits?: Visit[];
  /** The applicant's service ratings (好差评), round 1 and, after a rectification, round 2 (docs/ratings.md). */
  ratings?: Rating[];
  /** When the applicant was invited to rate (`rating.invited`), 3 days after the case finished unrated. */
  ratingInvitedAt?: string;
  /**
   * The applicant opted out of non-essential SMS and email (`PUT …/notification-preferences`);
   * legally required notices and the in-app messages are sent all the same (docs/notifications.md).
   */
  notificationsOptOut?: boolean;
  version: number;
  timeline: { seq: number; hash: string };
}

export interface TaskRecord {
  taskId: string;
  caseId: string;
  receiptNumber: string;
  index: number;
  department: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  stage: number;
  status: TaskStatus;
  createdAt: string;
  deadline: LocalDate;
  /** Set while suspended waiting for the applicant: the clock stops from this day. */
  suspendedOn?: LocalDate;
  /** Working days spent suspended; the deadline moved by exactly these. */
  suspendedDays: number;
  /** Form fields its approval must assign (a bundle's credit code), entered by the reviewer. */
  assigns?: string[];
  /** The promised limit of its stage, in working days (docs/supervision.md). */
  promisedDays?: number;
  /** The legal limit of its item (a merged task: the longest of its items'), in working days. */
  legalDays?: number;
  /** The last day of the legal limit; moved by suspensions like `deadline`. */
  legalDeadline?: LocalDate;
  /** The day it turns yellow (预警); moved by suspensions like `deadline`. */
  yellowFrom?: LocalDate;
  /** Its clock's level, raised only by the deadline watch; absent on tasks created before supervision. */
  level?: Level;
  /** When its next level begins (ISO); absent once severe. Not due while suspended. */
  nextThresholdAt?: string;
  proposal?: { decision: 'approve' | 'reject'; opinion: string; by: string; at: string; assigned?: Record<string, string> };
  /** Set on `sign`; `signedRole` is `leader` when the chief referred the decision (absent on tasks signed before referrals existed: a chief). */
  decision?: { decision: 'approve' | 'reject'; opinion: string; proposedBy: string; signedBy: string; signedAt: string; signedRole?: 'chief' | 'leader' };
  /** Sent to the department's back office by a reviewer or chief: no longer decided directly at the window. */
  transferred?: { by: string; at: string; opinion: string };
  /** Referred by the chief representative to a department leader, who signs instead. */
  referral?: { by: string; at: string; opinion: string };
  version: number;
}

/** A visit of the applicant to the service hall (`POST /v1/staff/cases/{caseId}/visits`, or the pickup). */
export interface Visit {
  at: string;
  reason: VisitReason;
  note?: string;
  by: string;
}

export interface DomainEvent {
  type: EventType;
  data: Record<string, unknown>;
}

/** What one decision changes; the store applies it in one transaction or not at all. */
export interface Change {
  case?: { next: CaseRecord; expectedVersion: number | null };
  tasks: { next: TaskRecord; expectedVersion: number | null }[];
  timeline: TimelineInput[];
  events: DomainEvent[];
  /**
   * The verification codes of the certificates this change issues (pending → valid),
   * written in its transaction: the change that hands the results over (docs/results.md).
   */
  issued?: string[];
}

/** When a decision is taken: the instant, the local date in Asia/Shanghai, and the working calendar. */
export interface Clock {
  now: string;
  today: LocalDate;
  calendar: WorkingCalendar;
}

export interface PaymentRecord {
  paymentId: string;
  provider: string;
  amountFen: number;
  status: PaymentStatus;
  startedAt: string;
  /** When the provider's report was applied here (the ledger day follows it). */
  settledAt?: string;
  /** When the provider says it happened. */
  reportedAt?: string;
}

export interface RefundRecord {
  refundId: string;
  paymentId: string;
  amountFen: number;
  reason: RefundReason;
  status: 'requested' | 'completed';
  requestedAt: string;
  requestedOn: string;
  completedAt?: string;
  /** The departments' shares taken back, when the refunded payment had been split. */
  splits?: DepartmentSplit[];
}

export interface Ticket {
  ticketNumber: string;
  feePoint: FeePoint['at'];
  issuedAt: string;
  issuedOn: string;
  dueDate: string;
  status: TicketStatus;
  lines: TicketLine[];
  totalFen: number;
  /** Each department's share, to its settlement account; adds up to `totalFen`. */
  splits: DepartmentSplit[];
  paidAt?: string;
  paidOn?: string;
  paymentId?: string;
  payments: PaymentRecord[];
  refunds: RefundRecord[];
}

/** What the case keeps of each certificate it produced. */
export interface ResultRecord {
  taskId: string;
  department: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  verificationCode: string;
  issuedAt: string;
  issuedOn: string;
  /** As on its certificate. */
  licenceNumber?: string;
  validTo?: string;
  pdfKey: string;
  sha256: string;
}

/** A certificate (证照) as the library and the public verification keep it. */
export interface Certificate {
  verificationCode: string;
  county: string;
  caseId: string;
  receiptNumber: string;
  taskId: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  /** The proof of the proofs list it is, when the item produces one. */
  proof?: string;
  issuer: string;
  holder: { type: Applicant['type']; name: string; idType: Applicant['idType']; idNumber: string };
  holderKey: string;
  /**
   * The phone on file for the holder: the applicant's, of the case it was issued in. The
   * library sends its one-time codes there (domain/library-challenge.ts); never shown.
   * Absent on certificates issued before the library asked for a code.
   */
  phone?: string;
  issuedAt: string;
  issuedOn: string;
  /** 证照编号 (`licenceNumber` of domain/results.ts); absent on certificates rendered before catalog 2026.12.1's release. */
  licenceNumber?: string;
  /** The last day it is valid (有效期至), from the item's catalog validity; absent: long-term (长期). */
  validTo?: string;
  /** `pending` from rendering until the case is complete and its results are handed over together. */
  status: 'pending' | 'valid' | 'revoked';
  revoked?: { at: string; by: string; reason: string };
  pdfKey: string;
  sha256: string;
}

/** How the results reach the applicant, once all are in. */
export interface Handover {
  mode: DeliveryMode;
  status: 'shipping' | 'delivered' | 'available' | 'pickup_ready';
  startedAt: string;
  completedAt?: string;
  /** Courier only: the current attempt (1, then 2 after a failure) and its shipment. */
  attempt?: number;
  shipment?: Shipment;
  /** Earlier shipments that failed or came back. */
  failedShipments?: Shipment[];
  /** Why the mode became pickup, when the courier could not deliver. */
  notice?: string;
}
