/**
 * What the apply element shares with its steps (loaded on demand, see flow.ts): the
 * state it keeps and renders, and the few actions every step needs.
 */
import type { LocalizedText } from '../../../contracts/catalog.js';
import type { BundleGuide } from '../../../contracts/guides.js';
import type { DepartmentRef, GuideMaterial, ItemGuide } from '../../../contracts/guides.js';
import type { OneTripApi } from '../shared/api.js';
import type { SummaryError } from '../shared/error-summary.js';
import type { Draft } from './draft.js';

export const STEP_COUNT = 5;

/** What `GET /v1/catalog/bundles/{code}` answers: the guide and the delivery modes every item allows. */
export type BundleGuideAnswer = BundleGuide & { deliveryModes: ItemGuide['deliveryModes'] };

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
  /** How the application body names it. */
  subject: { itemCode: string } | { bundleCode: string };
  /** The bundle's guide, when a bundle is applied for. */
  bundle?: BundleGuideAnswer;
  /** Calendar days from today within which a deferred material must be supplied (never later than the API's bound). */
  dueDays(material: ApplyMaterial): number;
}

/** A problem shown to the applicant: on a step, tied to a field by id. */
export interface StepError extends SummaryError {
  step: number;
}

/** An upload in progress or failed (finished ones are in the draft). */
export interface Upload {
  status: 'uploading' | 'failed';
  progress: number;
  file: File;
  error?: string;
}

/** What `POST /v1/applications` answers. */
export interface Receipt {
  caseId: string;
  receiptNumber: string;
  queryCode: string;
  status: string;
  promisedDate: string;
}

/** The receipt screen: the answer, and what the applicant chose, which the draft no longer holds. */
export interface ShownReceipt extends Receipt {
  guide: ApplyGuide;
  delivery: string;
  note?: string;
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
  requestUpdate(): void;
  dispatchEvent(event: Event): boolean;
}
