/**
 * Bundles ("one thing", 一件事): several items of several departments applied for together
 * through the comprehensive window, in one or more stages.
 *
 * Pure (no I/O): merges the items' forms into one form whose shared fields (company,
 * applicant, project, site) are asked once, de-duplicates their materials (same code, same
 * material, asked once), counts what that saves against applying item by item, projects the
 * merged form data back onto each item for its department's review, and checks a bundle
 * against its catalog version.
 */
import type {
  DeliveryMode,
  Bundle,
  CatalogSource,
  Department,
  LocalizedText,
  ServiceItem,
} from '../../contracts/catalog.js';
import type { BundleGuide, BundleGuideItem, BundleGuideStage, BundleMaterial, BundleSavings, BundleSummary, FormSection, Saving } from '../../contracts/guides.js';
// Types only: catalog.ts calls into this module, so nothing is imported from it at run time.
import type { CatalogScope } from '../../contracts/catalog.js';
import type { DepartmentRef } from '../../contracts/guides.js';

type SchemaNode = Record<string, unknown>;

const isRecord = (v: unknown): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface StageDepartments {
  stage: string;
  /** Department codes of the stage's items, in item order, each once. */
  departments: string[];
}

export interface MergedBundle {
  /** One JSON Schema (draft-07, the item schemas' keyword set), closed, for the whole bundle. */
  formSchema: SchemaNode;
  sections: FormSection[];
  materials: BundleMaterial[];
  savings: BundleSavings;
  departments: StageDepartments[];
  /**
   * Properties that several items define incompatibly (type, format, pattern, disjoint
   * enums, empty ranges); the first item's definition is kept. A publishable bundle has none
   * ({@link validateBundle} reports them).
   */
  conflicts: string[];
}

const SHARED_SECTION: LocalizedText = { zh: '共同信息', en: 'Shared information' };

/** The bundle's items in stage order, each once; unknown codes are skipped (validateBundle reports them). */
function bundleItems(source: CatalogSource, bundle: Bundle): { item: ServiceItem; stage: string }[] {
  const items = new Map(source.items.map((i) => [i.baseCode, i]));
  const seen = new Set<string>();
  const found: { item: ServiceItem; stage: string }[] = [];
  for (const stage of bundle.stages) {
    for (const code of stage.items) {
      const item = items.get(code);
      if (!item || seen.has(code)) continue;
      seen.add(code);
      found.push({ item, stage: stage.code });
    }
  }
  return found;
}

// ── schema merge ────────────────────────────────────────────────────────────

const ANNOTATIONS = ['title', 'description', 'x-title-en', 'x-description-en'] as const;
const LOWER_BOUNDS = ['minLength', 'minimum', 'minItems'] as const;
const UPPER_BOUNDS = ['maxLength', 'maximum', 'maxItems'] as const;

/** English label of each enum value a schema node declares, if it declares them. */
function enumLabels(node: SchemaNode): Map<string, unknown> | undefined {
  const values = node.enum;
  const labels = node['x-enum-en'];
  if (!Array.isArray(values) || !Array.isArray(labels)) return undefined;
  return new Map(values.map((v, i) => [JSON.stringify(v), labels[i]]));
}

/**
 * The conjunction of two definitions of the same property, keyword by keyword: the larger
 * lower bound, the smaller upper bound, the common enum values, integer over number; the
 * first definition's titles. Object members are united (an item's own members are projected
 * back by {@link projectForm}). Where no single keyword can express both (different types,
 * formats or patterns, no common enum value, an empty range) a conflict is recorded.
 */
function mergeSchemas(a: SchemaNode, b: SchemaNode, path: string, items: string, conflicts: string[]): SchemaNode {
  const conflict = (detail: string) => conflicts.push(`property ${path}: ${detail} (items ${items})`);
  const out: SchemaNode = { ...a };

  if (a.type !== b.type) {
    const types = new Set([a.type, b.type]);
    if (types.size === 2 && types.has('number') && types.has('integer')) out.type = 'integer';
    else {
      conflict(`type ${String(a.type)} vs ${String(b.type)}`);
      return out;
    }
  }
  for (const key of ANNOTATIONS) if (out[key] === undefined && b[key] !== undefined) out[key] = b[key];
  if (out.default === undefined && b.default !== undefined) out.default = b.default;

  for (const key of ['format', 'pattern'] as const) {
    if (a[key] !== undefined && b[key] !== undefined && a[key] !== b[key]) {
      conflict(`${key} ${String(a[key])} vs ${String(b[key])}`);
    } else if (out[key] === undefined && b[key] !== undefined) out[key] = b[key];
  }

  for (const [i, low] of LOWER_BOUNDS.entries()) {
    const high = UPPER_BOUNDS[i] as (typeof UPPER_BOUNDS)[number];
    const lows = [a[low], b[low]].filter((v): v is number => typeof v === 'number');
    const highs = [a[high], b[high]].filter((v): v is number => typeof v === 'number');
    if (lows.length > 0) out[low] = Math.max(...lows);
    if (highs.length > 0) out[high] = Math.min(...highs);
    if (typeof out[low] === 'number' && typeof out[high] === 'number' && (out[low] as number) > (out[high] as number)) {
      conflict(`${low} ${String(out[low])} exceeds ${high} ${String(out[high])}`);
    }
  }

  if (Array.isArray(a.enum) || Array.isArray(b.enum)) {
    const theirs = Array.isArray(b.enum) ? new Set(b.enum.map((v) => JSON.stringify(v))) : undefined;
    const base = (Array.isArray(a.enum) ? a.enum : b.enum) as unknown[];
    const values = theirs && Array.isArray(a.enum) ? base.filter((v) => theirs.has(JSON.stringify(v))) : base;
    if (values.length === 0) conflict('enum values have none in common');
    else {
      out.enum = values;
      const labelsA = enumLabels(a);
      const labelsB = enumLabels(b);
      const labels = values.map((v) => labelsA?.get(JSON.stringify(v)) ?? labelsB?.get(JSON.stringify(v)));
      if (labels.every((l) => typeof l === 'string')) out['x-enum-en'] = labels;
      else delete out['x-enum-en'];
    }
  }

  if (out.type === 'object') {
    const merged = mergeObjects([a, b], path, items, conflicts);
    out.properties = merged.properties;
    out.required = merged.required;
    out.additionalProperties = false;
  }
  if (out.type === 'array' && isRecord(a.items) && isRecord(b.items)) {
    out.items = mergeSchemas(a.items, b.items, `${path}[]`, items, conflicts);
  } else if (out.type === 'array' && out.items === undefined && b.items !== undefined) out.items = b.items;
  return out;
}

/** Members of several object schemas united, common ones merged; `required` the union, in member order. */
function mergeObjects(
  nodes: SchemaNode[],
  path: string,
  items: string,
  conflicts: string[],
): { properties: SchemaNode; required: string[] } {
  const properties = new Map<string, SchemaNode>();
  const required = new Set<string>();
  for (const node of nodes) {
    const members = isRecord(node.properties) ? node.properties : {};
    for (const [name, definition] of Object.entries(members)) {
      if (!isRecord(definition)) continue;
      const known = properties.get(name);
      properties.set(name, known ? mergeSchemas(known, definition, `${path}.${name}`, items, conflicts) : definition);
    }
    if (Array.isArray(node.required)) for (const name of node.required) if (typeof name === 'string') required.add(name);
  }
  return {
    properties: Object.fromEntries(properties),
    required: [...properties.keys()].filter((name) => required.has(name)),
  };
}

// ── merge ───────────────────────────────────────────────────────────────────

function saving(separately: number, merged: number): Saving {
  const saved = separately - merged;
  return { separately, merged, saved, ratio: separately > 0 ? saved / separately : 0 };
}

/**
 * One form and one list of materials for a bundle: its items' form properties united (a
 * property of several items asked once, in its strictest compatible definition), `required`
 * the union; shared fields first in the sections, then each item's own; materials by code,
 * each once, required if any item requires it and deferrable only if every item requiring
 * it allows deferral; and what all that saves against applying item by item.
 */
export function mergeBundle(source: CatalogSource, bundle: Bundle): MergedBundle {
  const found = bundleItems(source, bundle);
  const conflicts: string[] = [];

  // Form: top-level properties of every item, in first-asked order.
  const properties = new Map<string, SchemaNode>();
  const askedBy = new Map<string, string[]>();
  const required = new Set<string>();
  let fieldsSeparately = 0;
  for (const { item } of found) {
    const members = isRecord(item.formSchema.properties) ? item.formSchema.properties : {};
    for (const [name, definition] of Object.entries(members)) {
      if (!isRecord(definition)) continue;
      fieldsSeparately++;
      const known = properties.get(name);
      const owners = askedBy.get(name);
      if (known && owners) {
        properties.set(name, mergeSchemas(known, definition, name, `${owners[0]} and ${item.baseCode}`, conflicts));
        owners.push(item.baseCode);
      } else {
        properties.set(name, definition);
        askedBy.set(name, [item.baseCode]);
      }
    }
    const itemRequired = item.formSchema.required;
    if (Array.isArray(itemRequired)) for (const name of itemRequired) if (typeof name === 'string') required.add(name);
  }
  const formSchema: SchemaNode = {
    type: 'object',
    additionalProperties: false,
    required: [...properties.keys()].filter((name) => required.has(name)),
    properties: Object.fromEntries(properties),
  };

  const shared = [...askedBy].filter(([, owners]) => owners.length > 1).map(([name]) => name);
  const sections: FormSection[] = shared.length > 0 ? [{ id: 'shared', title: SHARED_SECTION, fields: shared }] : [];
  for (const { item } of found) {
    const own = [...askedBy].filter(([, owners]) => owners.length === 1 && owners[0] === item.baseCode).map(([name]) => name);
    if (own.length > 0) sections.push({ id: item.baseCode, title: item.name, department: item.department, fields: own });
  }

  // Materials: by code, in first-asked order.
  const materials = new Map<string, BundleMaterial>();
  const requiredBy = new Map<string, boolean[]>();
  let materialsSeparately = 0;
  for (const { item, stage } of found) {
    for (const material of item.materials) {
      materialsSeparately++;
      const known = materials.get(material.code);
      if (known) {
        known.items.push(item.baseCode);
        known.required ||= material.required;
        known.originalRequired ||= material.originalRequired;
      } else {
        materials.set(material.code, { ...material, items: [item.baseCode], stage });
      }
      if (material.required) {
        const deferrals = requiredBy.get(material.code) ?? [];
        deferrals.push(material.deferrable);
        requiredBy.set(material.code, deferrals);
      }
    }
  }
  for (const material of materials.values()) {
    const deferrals = requiredBy.get(material.code) ?? [];
    material.deferrable = deferrals.length > 0 && deferrals.every(Boolean);
  }

  const departments = bundle.stages.map((stage) => ({
    stage: stage.code,
    departments: [
      ...new Set(found.filter((f) => f.stage === stage.code).map((f) => f.item.department)),
    ],
  }));

  const daysSeparately = found.reduce((sum, { item }) => sum + item.promisedLimitDays, 0);
  const daysMerged = bundle.stages.reduce((sum, stage) => sum + stage.limitDays, 0);

  return {
    formSchema,
    sections,
    materials: [...materials.values()],
    savings: {
      materials: saving(materialsSeparately, materials.size),
      fields: saving(fieldsSeparately, properties.size),
      days: saving(daysSeparately, daysMerged),
    },
    departments,
    conflicts,
  };
}

/** The part of a value one item's schema covers: its own members, recursively. */
function project(schema: unknown, value: unknown): unknown {
  if (!isRecord(schema)) return value;
  if (schema.type === 'object' && isRecord(value) && isRecord(schema.properties)) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(schema.properties)) {
      if (Object.hasOwn(value, name)) out[name] = project(member, value[name]);
    }
    return out;
  }
  if (schema.type === 'array' && Array.isArray(value)) return value.map((v) => project(schema.items, v));
  return value;
}

/**
 * The part of a bundle's merged form data that one item's own schema covers, to validate
 * and review per item: its members only, recursively. Throws a RangeError when the item is
 * not part of the bundle or unknown to the version.
 */
export function projectForm(
  source: CatalogSource,
  bundle: Bundle,
  mergedForm: Record<string, unknown>,
  itemCode: string,
): Record<string, unknown> {
  const item = bundle.stages.some((s) => s.items.includes(itemCode))
    ? source.items.find((i) => i.baseCode === itemCode)
    : undefined;
  if (!item) throw new RangeError(`Item ${itemCode} is not part of bundle ${bundle.code}`);
  return project(item.formSchema, mergedForm) as Record<string, unknown>;
}

// ── public views ────────────────────────────────────────────────────────────

/** The bundle's line in `GET /v1/catalog`. */
export function bundleSummary(source: CatalogSource, bundle: Bundle): BundleSummary {
  const found = bundleItems(source, bundle);
  return {
    code: bundle.code,
    name: bundle.name,
    kind: bundle.kind,
    green: bundle.green,
    levels: bundle.levels,
    stageCount: bundle.stages.length,
    itemCount: found.length,
    departmentCount: new Set(found.map((f) => f.item.department)).size,
  };
}

/**
 * The full guide of a bundle (`GET /v1/catalog/bundles/{code}`): stages with their items
 * and departments, the merged form in sections, the de-duplicated materials and what the
 * bundle saves. `undefined` when the code is unknown, the bundle is not offered at this
 * level, or one of its items is not.
 */
/** Results of a bundle are issued together by one window: in a mode every item allows. */
export function bundleDeliveryModes(items: readonly Pick<ServiceItem, 'deliveryModes'>[]): DeliveryMode[] {
  const modes: DeliveryMode[] = ['courier', 'pickup', 'electronic'];
  return modes.filter((mode) => items.every((item) => item.deliveryModes.includes(mode)));
}

export function bundleGuide(source: CatalogSource, code: string, scope: CatalogScope): BundleGuide | undefined {
  const bundle = source.bundles?.find((b) => b.code === code);
  if (!bundle || !bundle.levels.includes(scope.level)) return undefined;
  const items = new Map(source.items.map((i) => [i.baseCode, i]));
  const departments = new Map(source.departments.map((d) => [d.code, d]));
  const proofs = new Map(source.proofs.map((p) => [p.code, p]));
  const ref = (d: Department): DepartmentRef => ({ code: d.code, name: d.name });

  const lead = departments.get(bundle.leadDepartment);
  if (!lead) return undefined;
  const stages: BundleGuideStage[] = [];
  const members: ServiceItem[] = [];
  for (const stage of bundle.stages) {
    const stageItems: BundleGuideItem[] = [];
    for (const baseCode of stage.items) {
      const item = items.get(baseCode);
      const department = item && departments.get(item.department);
      if (!item || !department || !item.levels.includes(scope.level)) return undefined;
      members.push(item);
      stageItems.push({
        baseCode,
        ...(scope.regionCode ? { implementationCode: `${scope.regionCode}${baseCode}` } : {}),
        name: item.name,
        department: ref(department),
        promisedLimitDays: item.promisedLimitDays,
      });
    }
    const stageDepartments = new Map(stageItems.map((i) => [i.department.code, i.department]));
    stages.push({
      code: stage.code,
      name: stage.name,
      limitDays: stage.limitDays,
      mayStartEarly: stage.mayStartEarly ?? false,
      items: stageItems,
      departments: [...stageDepartments.values()],
    });
  }
  const mergedReviews: BundleGuide['mergedReviews'] = [];
  for (const review of bundle.mergedReviews ?? []) {
    const department = departments.get(review.department);
    if (!department) return undefined;
    mergedReviews.push({ name: review.name, items: review.items, department: ref(department) });
  }

  const merged = mergeBundle(source, bundle);
  const all = new Map(stages.flatMap((s) => s.departments.map((d) => [d.code, d] as const)));
  return {
    catalogVersion: source.manifest.version,
    code: bundle.code,
    name: bundle.name,
    kind: bundle.kind,
    description: bundle.description,
    green: bundle.green,
    levels: bundle.levels,
    leadDepartment: ref(lead),
    stages,
    totalLimitDays: bundle.stages.reduce((sum, s) => sum + s.limitDays, 0),
    departments: [...all.values()],
    mergedReviews,
    formSchema: merged.formSchema,
    sections: merged.sections,
    materials: merged.materials.map(({ proof, ...material }) => {
      const entry = proof === undefined ? undefined : proofs.get(proof);
      return entry ? { ...material, proof: entry } : material;
    }),
    savings: merged.savings,
    deliveryModes: bundleDeliveryModes(members),
  };
}

// ── validation ──────────────────────────────────────────────────────────────

const BUNDLE_CODE = /^[A-Z0-9-]{2,40}$/;
const STAGE_CODE = /^[a-z][a-z0-9-]{1,39}$/;
const KINDS = new Set<string>([
  'business_registration',
  'investment_project',
  'project_approval',
  'construction_permit',
  'real_estate_registration',
]);
const LEVELS = new Set<string>(['city', 'county']);

function hasText(text: unknown): boolean {
  return isRecord(text) && typeof text.zh === 'string' && typeof text.en === 'string' && !!text.zh.trim() && !!text.en.trim();
}

/**
 * Every problem of a bundle in its catalog version; an empty list means it may be published.
 * Checks its shape, its stages (at least one, each with items and a limit of whole working
 * days ≥ 1), its items (known, offered at each of its levels, each in one stage only), its
 * merged reviews (items of the bundle, in one stage) and its merged form (no property that
 * two items define incompatibly).
 */
export function validateBundle(source: CatalogSource, bundle: Bundle): string[] {
  const problems: string[] = [];
  const where = `bundle ${String(bundle.code)}`;
  const departments = new Set(source.departments.map((d) => d.code));
  const items = new Map(source.items.map((i) => [i.baseCode, i]));

  if (typeof bundle.code !== 'string' || !BUNDLE_CODE.test(bundle.code)) {
    problems.push(`${where}: code must match ${BUNDLE_CODE.source}`);
  }
  if (!hasText(bundle.name)) problems.push(`${where} name: needs non-empty zh and en text`);
  if (!hasText(bundle.description)) problems.push(`${where} description: needs non-empty zh and en text`);
  if (!KINDS.has(bundle.kind)) problems.push(`${where}: unknown kind ${String(bundle.kind)}`);
  if (typeof bundle.green !== 'boolean') problems.push(`${where}: green must be true or false`);
  if (!departments.has(bundle.leadDepartment)) problems.push(`${where}: unknown lead department ${bundle.leadDepartment}`);
  const levels = Array.isArray(bundle.levels) ? bundle.levels : [];
  if (levels.length === 0 || levels.some((l) => !LEVELS.has(l)) || new Set(levels).size !== levels.length) {
    problems.push(`${where}: levels must be distinct values of city, county`);
  }

  const stages = Array.isArray(bundle.stages) ? bundle.stages : [];
  if (stages.length === 0) problems.push(`${where}: has no stages`);
  const stageCodes = new Set<string>();
  const stageOf = new Map<string, string>();
  stages.forEach((stage, index) => {
    const sw = `${where} stage ${String(stage.code)}`;
    if (typeof stage.code !== 'string' || !STAGE_CODE.test(stage.code)) {
      problems.push(`${sw}: code must be lowercase ASCII like initiation`);
    }
    if (stageCodes.has(stage.code)) problems.push(`${sw}: duplicate stage code`);
    stageCodes.add(stage.code);
    if (!hasText(stage.name)) problems.push(`${sw} name: needs non-empty zh and en text`);
    if (!Number.isInteger(stage.limitDays) || stage.limitDays < 1) {
      problems.push(`${sw}: limitDays must be whole working days ≥ 1, got ${String(stage.limitDays)}`);
    }
    if (index === 0 && stage.mayStartEarly) problems.push(`${sw}: the first stage has no previous stage to start before`);
    const stageItems = Array.isArray(stage.items) ? stage.items : [];
    if (stageItems.length === 0) problems.push(`${sw}: has no items`);
    for (const code of stageItems) {
      if (stageOf.has(code)) {
        problems.push(`${where}: item ${code} appears more than once (stages ${stageOf.get(code)} and ${stage.code})`);
        continue;
      }
      stageOf.set(code, stage.code);
      const item = items.get(code);
      if (!item) {
        problems.push(`${sw}: unknown item ${code}`);
        continue;
      }
      for (const level of levels) {
        if (!item.levels.includes(level)) problems.push(`${sw}: item ${code} is not implemented at ${level} level`);
      }
    }
  });
  if (stageOf.size === 1) problems.push(`${where}: a bundle needs at least two items`);

  const reviewed = new Set<string>();
  (bundle.mergedReviews ?? []).forEach((review, index) => {
    const rw = `${where} mergedReviews[${index}]`;
    if (!hasText(review.name)) problems.push(`${rw} name: needs non-empty zh and en text`);
    if (!departments.has(review.department)) problems.push(`${rw}: unknown department ${review.department}`);
    const reviewItems = Array.isArray(review.items) ? review.items : [];
    if (reviewItems.length < 2) problems.push(`${rw}: a merged review needs at least two items`);
    for (const code of reviewItems) {
      if (!stageOf.has(code)) problems.push(`${rw}: item ${code} is not part of the bundle`);
      if (reviewed.has(code)) problems.push(`${rw}: item ${code} is already in another merged review`);
      reviewed.add(code);
    }
    const reviewStages = new Set(reviewItems.flatMap((code) => stageOf.get(code) ?? []));
    if (reviewStages.size > 1) problems.push(`${rw}: its items are in different stages (${[...reviewStages].join(', ')})`);
  });

  for (const conflict of mergeBundle(source, bundle).conflicts) problems.push(`${where}: ${conflict}`);
  return problems;
}
