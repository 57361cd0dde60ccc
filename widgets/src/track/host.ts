/**
 * What the tracker's sections (sections/) share with the element: the case a lookup found
 * with the names its codes stand for, and what the element keeps and does for them (the
 * forms' state and the few actions). The element implements {@link TrackHost}; the
 * sections never import the element.
 */
import type { LocalizedText } from '../../../contracts/catalog.js';
import type { CaseView } from '../../../contracts/cases.js';
import type { BundleGuide, ItemGuide } from '../../../contracts/guides.js';
import type { ApplicantMessages } from '../../../contracts/notifications.js';
import type { TaskStatus } from '@lit/task';
import type { RatingGrade, RatingReason } from '../../../contracts/supervision.js';
import type { SummaryError } from '../shared/error-summary.js';
import { localized } from '../service-guide/catalog-text.js';
import type { FormValue } from '../shared/schema-form.js';
import type { Validate } from '../shared/validation.js';

/** What the tracker reads of an item's or a bundle's guide. */
export type CaseGuide = Pick<ItemGuide | BundleGuide, 'catalogVersion' | 'formSchema' | 'materials'>;

/** A lookup's answer: the case, and the names of the codes it carries. */
export interface Lookup {
  receipt: string;
  queryCode: string;
  application: CaseView;
  /**
   * The case's guide, for material and field names and the flagged fields' schema: the
   * item's, or a bundle's for the case's answers; missing if it could not be read.
   */
  guide?: CaseGuide;
  departments: Map<string, LocalizedText>;
  /** The item's form validator, while a correction of flagged fields is open (and the compiled one is this catalog version's). */
  formValidator?: Validate;
  /** The applicant's messages and opt-out, in the tracker's language; missing if they could not be read. */
  messages?: ApplicantMessages;
}

/** What the applicant sends after submission: the one-time correction, or deferred materials supplied. */
export interface UpdateInput {
  kind: 'correction' | 'supply';
  receipt: string;
  queryCode: string;
  files: { materialCode: string; file: File }[];
  note: string;
  /** The flagged form fields, corrected (a correction only). */
  form?: Record<string, unknown>;
}

/** The rating form as being filled in. */
export interface RatingDraft {
  grade?: RatingGrade;
  reasons: RatingReason[];
  comment: string;
}

export interface TrackHost {
  /** The API's origin and path prefix in force. */
  readonly base: string;
  readonly locale?: string;
  receipt: string;
  queryCode: string;
  readonly formErrors: { receipt?: string; queryCode?: string };
  /** Problems of the correction or supply form, by field id. */
  readonly updateErrors: Record<string, string>;
  /** The flagged form fields as being corrected, as typed. */
  readonly correctionForm: Record<string, FormValue>;
  /** What the applicant last sent successfully, confirmed with the refreshed case. */
  readonly sent?: UpdateInput['kind'];
  /** Verification code of the result whose download link is being asked for. */
  readonly downloading?: string;
  /** Why the last download failed, and for which code. */
  readonly resultProblem?: { code: string; message: string };
  readonly lookup: { readonly status: TaskStatus };
  /** The correction or supply being sent, or the last one sent. */
  readonly sending: { readonly status: TaskStatus; readonly error: unknown };
  /** The rating form as filled in, its problems (shown in its error summary), and whether a rating was just given. */
  readonly ratingDraft: RatingDraft;
  readonly ratingErrors: SummaryError[];
  readonly rated: boolean;
  /** The rating being sent, or the last one sent. */
  readonly rating: { readonly status: TaskStatus; readonly error: unknown };
  /** The opt-out of non-essential messages as last set here; undefined until it is (the lookup's stands). */
  readonly optOut?: boolean;
  /** The opt-out being sent, or the last one sent. */
  readonly preferences: { readonly status: TaskStatus; readonly error: unknown };
  /** Sends the opt-out of non-essential messages (or back in). */
  setOptOut(lookup: Lookup, optOut: boolean): void;
  editRating(patch: Partial<RatingDraft>): void;
  onRate(event: SubmitEvent, lookup: Lookup): void;
  onLookup(event: SubmitEvent): void;
  onApplicantUpdate(event: SubmitEvent, lookup: Lookup, kind: UpdateInput['kind']): void;
  /** Looks the case up again; `focus` moves focus to the result once it is shown. */
  runLookup(receipt: string, queryCode: string, focus: boolean): void;
  download(lookup: Lookup, code: string): Promise<void>;
  requestUpdate(): void;
  /** Says `text` in the element's live region. */
  announce(text: string): void;
}

/** A material's name in the item's guide, or its code when the guide could not be read. */
export function materialName(lookup: Lookup, code: string): string {
  const material = lookup.guide?.materials.find((m) => m.code === code);
  return material ? localized(material.name) : code;
}
