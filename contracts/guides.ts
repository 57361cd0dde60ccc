/**
 * What the public catalog routes answer: the catalog summary, one item's guide and one
 * bundle's guide (`GET /v1/catalog`, `/v1/catalog/items/{itemCode}`,
 * `/v1/catalog/bundles/{bundleCode}`), as the widgets read them.
 */
import type {
  BundleKind,
  DeliveryMode,
  FeeItem,
  IntermediaryService,
  ItemType,
  Level,
  LocalizedText,
  Material,
  Proof,
  ServiceItem,
} from './catalog.js';

/** A JSON Schema object, as the catalog publishes form schemas. */
export type SchemaNode = Record<string, unknown>;

export interface DepartmentRef {
  code: string;
  name: LocalizedText;
}

export interface ItemSummary {
  baseCode: string;
  implementationCode?: string;
  name: LocalizedText;
  type: ItemType;
  department: string;
  promisedLimitDays: number;
  legalLimitDays: number;
  trips: 0 | 1;
  deliveryModes: ServiceItem['deliveryModes'];
}

export interface CatalogSummary {
  version: string;
  publishedAt: string;
  departments: DepartmentRef[];
  items: ItemSummary[];
  /** The version's bundles ("one thing") offered at this level; none before 2026.11.2. */
  bundles: BundleSummary[];
}

/** A material of a guide, with its entry of the proofs list spelled out. */
export interface GuideMaterial extends Omit<Material, 'proof'> {
  proof?: Proof;
}

/** The full guide of one item as shown to the public, with every reference expanded. */
export interface ItemGuide
  extends Omit<ServiceItem, 'department' | 'materials' | 'fees' | 'intermediaries'> {
  catalogVersion: string;
  implementationCode: string;
  department: DepartmentRef;
  materials: GuideMaterial[];
  fees: FeeItem[];
  intermediaries: IntermediaryService[];
}

/** A section of the merged form, so a widget can render it in parts. */
export interface FormSection {
  /** `shared` for the fields several items ask for; otherwise the base code of the item. */
  id: string;
  title: LocalizedText;
  /** Department of the item, for an item's own section. */
  department?: string;
  /** Top-level property names of the merged schema, in schema order. */
  fields: string[];
}

/** A material of the bundle, asked for once however many of its items need it. */
export interface BundleMaterial extends Material {
  /** Base codes of the items that ask for it, in bundle order. */
  items: string[];
  /** Code of the first stage whose items ask for it (a deferred material is due before it). */
  stage: string;
}

/** A material the bundle issues itself (e.g. the business licence): not asked of the applicant. */
export interface ProducedMaterial extends BundleMaterial {
  /** Base code of the item whose result it is (same or earlier stage than every item asking it). */
  producedBy: string;
}

/** A form field the bundle assigns itself (the unified social credit code): not asked of the applicant. */
export interface AssignedField {
  /** Top-level property name, e.g. `creditCode`. */
  field: string;
  title: LocalizedText;
  /** Base codes of the items whose forms hold it: their departments see it once assigned. */
  items: string[];
  /** Base code of the item whose approval assigns it. */
  assignedBy: string;
}

export interface Saving {
  /** Summed over the items, as if each were applied for separately. */
  separately: number;
  /** In the bundle. */
  merged: number;
  saved: number;
  /** `saved / separately`; 0 when there is nothing to count. */
  ratio: number;
}

export interface BundleSavings {
  /** Materials (required and optional). */
  materials: Saving;
  /** Top-level form fields (required and optional). */
  fields: Saving;
  /** Working days: the items' promised limits one after another vs the bundle's stage limits. */
  days: Saving;
}

export interface BundleSummary {
  code: string;
  name: LocalizedText;
  kind: BundleKind;
  green: boolean;
  levels: Level[];
  stageCount: number;
  itemCount: number;
  departmentCount: number;
}

export interface BundleGuideItem {
  baseCode: string;
  implementationCode?: string;
  name: LocalizedText;
  department: DepartmentRef;
  promisedLimitDays: number;
  /** The situation whose yes includes this item; absent for a core item. */
  situation?: string;
  /** Its result is a physical object (engraved seals): delivered by courier or pickup. */
  physicalResult?: boolean;
}

/** A situation question of the guide (情形选择), with the answer the guide was built for. */
export interface BundleGuideSituation {
  code: string;
  question: LocalizedText;
  help?: LocalizedText;
  default?: boolean;
  /** Base codes of the items a yes includes. */
  includes: string[];
  /** The answer given, when the guide was asked for answers. */
  answer?: boolean;
}

export interface BundleGuideStage {
  code: string;
  name: LocalizedText;
  limitDays: number;
  mayStartEarly: boolean;
  items: BundleGuideItem[];
  departments: DepartmentRef[];
}

export interface BundleGuideMaterial extends Omit<BundleMaterial, 'proof'> {
  proof?: Proof;
}

export interface BundleGuideProduced extends Omit<ProducedMaterial, 'proof'> {
  proof?: Proof;
}

/** What `GET /v1/catalog/bundles/{code}` returns. */
export interface BundleGuide {
  catalogVersion: string;
  code: string;
  name: LocalizedText;
  kind: BundleKind;
  description: LocalizedText;
  green: boolean;
  levels: Level[];
  leadDepartment: DepartmentRef;
  /** Its situation questions (none: every item is core); each answer includes or leaves out items. */
  situations: BundleGuideSituation[];
  /** Whether the guide follows answers (`?answers=`); otherwise it shows the core items only. */
  answered: boolean;
  /** The included items, by stage; a stage the answers leave empty is not shown. */
  stages: BundleGuideStage[];
  /** Conditional items the answers leave out, each with the situation answered no. */
  excludedItems: (BundleGuideItem & { situation: string })[];
  /** Sum of the stage limits, in working days. */
  totalLimitDays: number;
  /** Every department involved, each once, in stage order. */
  departments: DepartmentRef[];
  mergedReviews: { name: LocalizedText; items: string[]; department: DepartmentRef }[];
  formSchema: SchemaNode;
  sections: FormSection[];
  materials: BundleGuideMaterial[];
  /** Materials the bundle issues itself, left out of `materials`, each with the item producing it. */
  produced: BundleGuideProduced[];
  /** Form fields the bundle assigns itself, left out of `formSchema`, each with the item assigning it. */
  assigned: AssignedField[];
  savings: BundleSavings;
  /** The delivery modes every included item allows (courier or pickup only with a physical result). */
  deliveryModes: DeliveryMode[];
}
