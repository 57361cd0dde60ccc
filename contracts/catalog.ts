/**
 * The shape of a published catalog version: the "four lists" of the reform
 * (service items with their guides, certificates/proofs, intermediary services,
 * and the fee schedule), plus the departments that handle them.
 *
 * A published version is immutable: its files under `catalog/versions/<version>/`
 * are never edited once listed in `catalog/published.json`; a change is a new version.
 */
import type { NotificationTemplates } from './notifications.js';

/** Text in both languages the widgets speak; Chinese is authoritative. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** Administrative level at which an item is implemented. */
export type Level = 'city' | 'county';

/** What a form schema says of one field: its titles, and its fields or items. */
export interface FormFieldSchema {
  title?: string;
  'x-title-en'?: string;
  properties?: Record<string, FormFieldSchema>;
  items?: FormFieldSchema;
}

/**
 * The field's titles a JSON pointer names in a form schema (`/premisesArea`,
 * `/form/premisesArea`, `/owners/0/name`), or undefined when the schema does not describe it
 * or gives it no title: how a deficiency's field is named in words, in the tracker and on the notice.
 */
export function formFieldTitle(schema: unknown, pointer: string): LocalizedText | undefined {
  const steps = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (steps[0] === 'form') steps.shift();
  let node = schema as FormFieldSchema | undefined;
  for (const step of steps) {
    if (!node) return undefined;
    node = /^\d+$/.test(step) && node.items ? node.items : node.properties?.[step];
  }
  return node?.title ? { zh: node.title, en: node['x-title-en'] ?? node.title } : undefined;
}

export type ItemType =
  | 'administrative_licence' // 行政许可
  | 'public_service' // 公共服务
  | 'administrative_confirmation' // 行政确认
  | 'other'; // 其他行政权力

export type DeliveryMode = 'courier' | 'pickup' | 'electronic';

export interface Department {
  /** Short lowercase code, e.g. `amr`; used in staff usernames (`reviewer-amr`). */
  code: string;
  name: LocalizedText;
  /** Settlement account reference for the one-ticket fee split. */
  account: string;
}

/** One entry of the certificates/proofs list (证明材料清单). */
export interface Proof {
  code: string;
  name: LocalizedText;
  /** Department that issues it; `null` when it comes from outside government. */
  issuer: string | null;
  /** Legal basis for requiring it. */
  basis: LocalizedText;
}

/** One entry of the intermediary services list (中介服务清单). */
export interface IntermediaryService {
  code: string;
  name: LocalizedText;
  /** Department whose item needs it. */
  department: string;
  basis: LocalizedText;
  /** Whether the applicant may choose any qualified provider. */
  freeChoice: boolean;
}

/** How a fee line's amount is computed. Amounts are integer fen. */
export type FeeRule =
  | { kind: 'fixed'; amountFen: number }
  | {
      kind: 'per_unit';
      /** JSON pointer into the form data, e.g. `/project/floorArea`. */
      field: string;
      unit: LocalizedText;
      fenPerUnit: number;
      /** How a fractional quantity is rounded before multiplying. */
      rounding: 'ceil' | 'floor' | 'half_up';
    }
  | {
      kind: 'tiered';
      field: string;
      unit: LocalizedText;
      /** Ascending; a quantity up to `upTo` (inclusive) costs `amountFen`; `upTo: null` is the last tier. */
      tiers: { upTo: number | null; amountFen: number }[];
    }
  | {
      kind: 'waived';
      /** JSON pointer into the form data holding a boolean; when true, the fee is 0. */
      field: string;
      condition: LocalizedText;
      amountFen: number;
    };

/** One entry of the published fee schedule (收费目录). */
export interface FeeItem {
  code: string;
  name: LocalizedText;
  department: string;
  basis: LocalizedText;
  rule: FeeRule;
  /**
   * The fee applies only when this yes/no form field is true (from 2026.11.3); otherwise
   * its line is 0. E.g. the relocation fee only when the basement is built elsewhere.
   */
  chargedWhen?: { field: string; condition: LocalizedText };
}

/**
 * Where a case's one fee ticket is issued (from 2026.11.3): when the comprehensive window
 * accepts it, or when its last stage is approved; and how many working days it may be paid in.
 */
export interface FeePoint {
  at: 'acceptance' | 'approval';
  dueWorkingDays: number;
}

/**
 * How long an item's result is valid from its day of issue (有效期), as the law sets it:
 * e.g. a food business licence five years, a business licence long-term (长期).
 */
export type ResultValidity = 'long-term' | { years: number } | { months: number };

export interface ResultSpec {
  validity: ResultValidity;
}

export interface Material {
  /** Unique within the catalog version; the same code in two items means the same material. */
  code: string;
  name: LocalizedText;
  required: boolean;
  /** May be supplied after acceptance under a written commitment (容缺后补). */
  deferrable: boolean;
  /**
   * Why this deferred material may still be missing when the result is issued (e.g. a
   * record filed after the licence exists). Without it, a case's results are issued only
   * once every deferred material is supplied (docs/results.md). Deferrable materials only.
   */
  dueAfterIssue?: LocalizedText;
  /** Entry of the proofs list this material is, when it is a proof. */
  proof?: string;
  /** Whether the original must be shown at the window (this costs the applicant a trip). */
  originalRequired: boolean;
  /** Accepted upload types. */
  contentTypes: string[];
  /** Largest accepted upload in bytes. */
  maxBytes: number;
}

/** A service item (事项) with its full guide (办事指南). */
export interface ServiceItem {
  /** Base code (基本编码), the same at province, city and county level. */
  baseCode: string;
  name: LocalizedText;
  type: ItemType;
  department: string;
  levels: Level[];
  conditions: LocalizedText[];
  materials: Material[];
  /** Codes into the fee schedule; empty when the item is free of charge. */
  fees: string[];
  /** Where its fee ticket is issued; an item that charges states it (from 2026.11.3). */
  feePoint?: FeePoint;
  /**
   * The proof (entry of the proofs list) its result is, from 2026.11.3: a later application
   * asking for that proof is satisfied by the certificate in the holder's library.
   */
  produces?: string;
  /**
   * Form fields this item's approval assigns (from 2026.12.1), e.g. business registration
   * assigns the unified social credit code: a bundle does not ask the applicant for them
   * (docs/bundles.md), and the approving reviewer enters them with the approval.
   */
  assigns?: string[];
  /**
   * Its result is a physical object handed over (from 2026.12.1), e.g. engraved seals: a
   * bundle including it is delivered by courier or pickup, never electronically only.
   */
  physicalResult?: boolean;
  /**
   * One person may both decide and sign this item's decision. Without it, four eyes: the
   * chief who signs must not be the one who decided (a chief who decides a task leaves its
   * signature to another chief). Set only where the law names one signer.
   */
  singleSigner?: boolean;
  /** Working days allowed by law (法定时限). */
  legalLimitDays: number;
  /** Working days promised by the government (承诺时限), never above the legal limit. */
  promisedLimitDays: number;
  deliveryModes: DeliveryMode[];
  /** Trips the applicant needs at most: 0 when fully online, 1 when an original must be shown. */
  trips: 0 | 1;
  /** What its result (the certificate) is, from 2026.12.1: how long it is valid. Without it, long-term (长期). */
  result?: ResultSpec;
  /** Codes into the intermediary services list. */
  intermediaries: string[];
  /** Legal basis of the item. */
  basis: LocalizedText;
  /**
   * JSON Schema (draft-07) of the item's own form data. Property titles are Chinese;
   * `x-title-en` / `x-description-en` carry the English text for the widgets.
   */
  formSchema: Record<string, unknown>;
}

/** One stage of a bundle: its items are reviewed in parallel, each by its item's department. */
export interface BundleStage {
  /** Unique within the bundle, lowercase ASCII, e.g. `initiation`. */
  code: string;
  name: LocalizedText;
  /** Base codes of the items reviewed in this stage (each by its item's department). */
  items: string[];
  /** The stage's time limit in working days. */
  limitDays: number;
  /** May start before the previous stage ends (green channel: 提前办、并联办). */
  mayStartEarly?: boolean;
}

export type BundleKind =
  | 'business_registration' // 企业开办 "一口进"
  | 'investment_project' // 投资项目 "一条龙"
  | 'project_approval' // 发改立项 "一张文"（一书四评）
  | 'construction_permit' // 工程建设项目联合审批
  | 'real_estate_registration'; // 不动产登记

/**
 * A yes/no situation question of a bundle (情形选择, from 2026.12.1): answering yes includes
 * its items. An item no situation includes is core (always part of the bundle).
 */
export interface BundleSituation {
  /** `^[a-z][A-Za-z0-9]{1,39}$`, e.g. `sellsFood`; the key of the answer. */
  code: string;
  question: LocalizedText;
  help?: LocalizedText;
  /** The answer the widgets preselect; an application must still answer every question. */
  default?: boolean;
  /** Base codes of the bundle's items a yes includes. */
  includes: string[];
}

/** A "one thing" (一件事): items of several departments applied for together through the comprehensive window. */
export interface Bundle {
  /** `^[A-Z0-9-]{2,40}$`, e.g. `BIZ-ONE-ENTRY`. */
  code: string;
  name: LocalizedText;
  kind: BundleKind;
  description: LocalizedText;
  /** Green channel: an agent may be assigned, free of charge. */
  green: boolean;
  /** Department that runs the comprehensive window for it. */
  leadDepartment: string;
  /** Levels it is offered at; every item of it must be implemented at each of them. */
  levels: Level[];
  /** One or more, in order. */
  stages: BundleStage[];
  /** Items whose reviews are merged into one joint review (项目审批"一书四评": four assessments in one). */
  mergedReviews?: { name: LocalizedText; items: string[]; department: string }[];
  /** Where the bundle's one fee ticket is issued, for all its items' fees (from 2026.11.3). */
  feePoint?: FeePoint;
  /** Situation questions deciding its conditional items (from 2026.12.1); none: every item is core. */
  situations?: BundleSituation[];
}

/** Answers to a bundle's situation questions, by question code. */
export type SituationAnswers = Record<string, boolean>;

export interface CatalogManifest {
  version: string;
  publishedAt: string;
  /** Publishing authority. */
  publisher: LocalizedText;
}

export interface CatalogSource {
  manifest: CatalogManifest;
  departments: Department[];
  items: ServiceItem[];
  proofs: Proof[];
  intermediaries: IntermediaryService[];
  fees: FeeItem[];
  /** The "one thing" bundles; absent from versions published before bundles existed (2026.11.1). */
  bundles?: Bundle[];
  /** The notification templates (`notifications/templates.json`, docs/notifications.md); from 2026.12.2. */
  notifications?: NotificationTemplates;
}

/** The public-holiday calendar (data, updated when the State Council publishes a year). */
export interface HolidayCalendar {
  /** Years whose arrangement is known; other years fall back to Saturday/Sunday rest days. */
  years: {
    year: number;
    /** Local dates (YYYY-MM-DD) that are days off although they fall Monday–Friday or are holidays. */
    holidays: string[];
    /** Adjusted working days (调休上班) that fall on a Saturday or Sunday. */
    workdays: string[];
    source: string;
  }[];
}

export interface CatalogScope {
  /** Region whose implementation codes are shown, e.g. `430600`. */
  regionCode?: string;
  /** Level of the stack asking: only items implemented at this level are offered. */
  level: Level;
}
