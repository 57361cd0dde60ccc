/**
 * What the apply element and the flow share with the steps (all three loaded on demand,
 * see flow.ts): the state the element keeps and renders with the few actions every step
 * needs ({@link ApplyHost}), and what a step reads from the flow and asks of it
 * ({@link StepFlow}). Steps import these, never the element or the flow, so the flow can
 * import its steps without a cycle.
 */
import type { LocalizedText } from '../../../contracts/catalog.js';
import type { BundleGuide } from '../../../contracts/guides.js';
import type { DepartmentRef, GuideMaterial, ItemGuide } from '../../../contracts/guides.js';
import type { OneTripApi } from '../shared/api.js';
import type { SummaryError } from '../shared/error-summary.js';
import type { HeldCertificate } from '../../../contracts/certificates.js';
import type { Deferral, Draft } from './draft.js';
import type { Problem } from '../shared/validation.js';
import type { SubmissionResponse } from '../../../contracts/cases.js';
import type { FeeEstimate } from '../../../contracts/tickets.js';

export const STEP_COUNT = 5;

/** A material as the steps use it; a bundle's also names the stage that first needs it. */
export type ApplyMaterial = GuideMaterial & { stage?: string; items?: string[] };

/**
 * What is applied for, item or bundle, as the steps need it (subject.ts builds it from
 * either guide).
 */
export interface ApplyGuide {
  catalogVersion: string;
  name: LocalizedText;
  formSchema: unknown;
  materials: ApplyMaterial[];
  deliveryModes: ItemGuide['deliveryModes'];
  /** Who reviews it, for the receipt. */
  departments: DepartmentRef[];
  /** How the application body names it (a bundle with the answers its guide was built for). */
  subject: { itemCode: string } | { bundleCode: string; answers?: Record<string, boolean> };
  /** The bundle's guide, when a bundle is applied for. */
  bundle?: BundleGuide;
  /** Calendar days from today within which a deferred material must be supplied (never later than the API's bound). */
  dueDays(material: ApplyMaterial): number;
}

/**
 * A problem shown to the applicant: on a step, tied to a field by id. A field's problem
 * keeps what was wrong (`problem`), so its message can be worded again when the field's
 * label changes (a person's 姓名 becomes a company's 单位名称).
 */
export interface StepError extends SummaryError {
  step: number;
  problem?: Problem;
}

/** An upload in progress or failed (finished ones are in the draft). */
export interface Upload {
  status: 'uploading' | 'failed';
  progress: number;
  file: File;
  error?: string;
}

/** The receipt screen: the answer, and what the applicant chose, which the draft no longer holds. */
export interface ShownReceipt extends SubmissionResponse {
  guide: ApplyGuide;
  delivery: string;
  note?: string;
  /** The fee estimate the review step showed, said again on the receipt. */
  estimate?: FeeEstimate;
}

export interface ApplyHost {
  readonly api: OneTripApi;
  readonly english: boolean;
  readonly storageKey: string;
  draft: Draft;
  errors: StepError[];
  submitting: boolean;
  submitProblem?: string;
  receipt?: ShownReceipt;
  readonly uploads: Map<string, Upload>;
  returnToReview: boolean;
  focusAfterRender?: string;
  /** Keeps the draft (or clears it once empty) and renders again. */
  save(): void;
  announce(text: string): void;
  stepTitle(step: number): string;
  goTo(step: number, options?: { fromReview?: boolean; errors?: StepError[] }): void;
  showErrors(errors: StepError[]): void;
  errorFor(fieldId: string): string | undefined;
  /** Drops the problems shown for these fields, once answered again: a stale error is never left standing. */
  clearErrors(...fieldIds: string[]): void;
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
}

/** Where using the certificate library stands: offered, a code being sent, a code sent and awaited, a code being checked. */
export type LibraryStage = 'offer' | 'sending' | 'sent' | 'checking';

/** "Use my certificate library" (library.ts): a one-time code by SMS, then what the library holds. */
export interface LibraryAccess {
  readonly stage: LibraryStage;
  /** The code as typed. */
  readonly code: string;
  /** What went wrong last, in the widget's language. */
  readonly error?: string;
  /** The applicant is known and a material is a proof: the library may be used. */
  readonly offered: boolean;
  /** A code was sent for the applicant as they are now, and is awaited. */
  readonly awaitingCode: boolean;
  setCode(code: string): void;
  sendCode(): Promise<void>;
  checkCode(): Promise<void>;
}

/** A material as the application's body carries it: an upload, or a certificate of the applicant's library. */
export type MaterialBody = { materialCode: string; uploadId: string } | { materialCode: string; certificateCode: string };

/** The application's body (`POST /v1/applications`) as submitting reads it; flow.ts `ApplyFlow.body()` makes it whole. */
export interface ApplicationBody {
  materials: MaterialBody[];
  deferred?: { materialCode: string; dueDate: string; commitmentAccepted: true }[];
  [field: string]: unknown;
}

/** What submitting (submission.ts) asks of the flow besides what a step does. */
export interface SubmittingFlow extends StepFlow {
  validate(step?: number): Promise<StepError[]>;
  body(): ApplicationBody;
  dueNotWorkingDay(name: string, date: string): string;
  stepOf(path: string): number;
  toStepError(p: Problem): StepError;
}

/** What a step reads from the flow (flow.ts `ApplyFlow`) and asks of it. */
export interface StepFlow {
  readonly host: ApplyHost;
  readonly guide: ApplyGuide;
  /** Using the applicant's certificate library. */
  readonly library: LibraryAccess;
  /** The library was opened for the applicant as they are now: how many of the materials it holds. */
  libraryHeldCount(): number | undefined;
  applicantData(): Record<string, string>;
  deliveryData(): Record<string, unknown>;
  applicantLabel(key: string): string;
  /** Words the shown field problems again with the fields' current labels. */
  relabelErrors(): void;
  addressLabel(key: string): string;
  modeLabel(mode: string): string;
  /** The certificate the applicant's library holds for this material, if it was asked for this applicant. */
  heldFor(m: GuideMaterial): HeldCertificate | undefined;
  /** The certificate that stands for this material, unless the applicant chose to upload it. */
  reusedFor(m: GuideMaterial): HeldCertificate | undefined;
  setUploadInstead(m: GuideMaterial, upload: boolean): void;
  deferredOn(m: GuideMaterial): boolean;
  /** The due dates the client accepts for a deferred material. */
  dueBounds(m: ApplyMaterial): { min: string; max: string };
  setDeferral(m: GuideMaterial, change: Partial<Deferral>): void;
  /** Checks the file chosen for a material, then uploads it. */
  chooseFile(m: GuideMaterial, input: HTMLInputElement): Promise<void>;
  upload(m: GuideMaterial, file: File): Promise<void>;
}
