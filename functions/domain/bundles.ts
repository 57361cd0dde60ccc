/**
 * Bundles ("one thing", 一件事): several items of several departments applied for together
 * through the comprehensive window, in one or more stages.
 *
 * Pure (no I/O): decides the items a bundle includes from the answers to its situation
 * questions (情形选择), merges the included items' forms into one form whose shared fields
 * (company, applicant, project, site) are asked once, de-duplicates their materials (same
 * code, same material, asked once), leaves out what the bundle itself produces (a licence
 * issued, a code assigned, by an item of the same or an earlier stage), counts what that
 * saves against applying item by item, projects the merged form data back onto each item
 * for its department's review, and checks a bundle against its catalog version.
 */
import type {
  DeliveryMode,
  Bundle,
  CatalogSource,
  Department,
  LocalizedText,
  ServiceItem,
  SituationAnswers,
} from '../../contracts/catalog.js';
import type {
  AssignedField,
  BundleGuide,
  BundleGuideItem,
  BundleGuideStage,
  BundleMaterial,
  BundleSavings,
  BundleSummary,
  FormSection,
  ProducedMaterial,
  Saving,
} from '../../contracts/guides.js';
// Types only: catalog.ts calls into this module, so nothing is imported from it at run time.
import type { CatalogScope } from '../../contracts/catalog.js';
import type { DepartmentRef } from '../../contracts/guides.js';
import type { FieldError } from './errors.js';

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
  /** Materials an included item asks for that an item of the same or an earlier stage produces: not asked. */
  produced: ProducedMaterial[];
  /** Form fields an included item of the same or an earlier stage assigns: not asked. */
  assigned: AssignedField[];
  /**
   * Properties that several items define incompatibly (type, format, pattern, disjoint
   * enums, empty ranges); the first item's definition is kept. A publishable bundle has none
   * ({@link validateBundle} reports them).
   */
  conflicts: string[];
}

const SHARED_SECTION: LocalizedText = { zh: '共同信息', en: 'Shared information' };

// ── situations ──────────────────────────────────────────────────────────────

/**
 * The situation whose yes includes an item, or undefined for a core item (one no situation
 * lists, always part of the bundle).
 */
export function situationOf(bundle: Bundle, itemCode: string): string | undefined {
  return bundle.situations?.find((s) => s.includes.includes(itemCode))?.code;
}

/**
 * Whether the bundle includes an item for these answers: a core item always, a conditional
 * one when its situation is answered yes. `undefined` answers stand for "everything the
 * bundle may include" (the union the catalog checks and the widgets' validators cover).
 */
export function includes(bundle: Bundle, itemCode: string, answers: SituationAnswers | undefined): boolean {
  const situation = situationOf(bundle, itemCode);
  return situation === undefined || answers === undefined || answers[situation] === true;
}

/** Every question of the bundle answered no: what the guide shows before any answer (core items only). */
export function coreAnswers(bundle: Bundle): SituationAnswers {
  return Object.fromEntries((bundle.situations ?? []).map((s) => [s.code, false]));
}

/**
 * Problems with the answers an application or a guide request gives, each naming its
 * question: one missing, one the bundle does not ask. Answers to a bundle without questions
 * must be empty.
 */
export function answerProblems(bundle: Bundle, answers: SituationAnswers): FieldError[] {
  const questions = new Map((bundle.situations ?? []).map((s) => [s.code, s]));
  const problems: FieldError[] = [];
  for (const [code, question] of questions) {
    if (typeof answers[code] !== 'boolean') {
      problems.push({
        path: `/answers/${code}`,
        message: `is required: answer yes or no to “${question.question.en}” (${question.question.zh})`,
        rule: 'answer_required',
        params: { question: question.question.zh },
      });
    }
  }
  for (const code of Object.keys(answers)) {
    if (!questions.has(code)) {
      problems.push({ path: `/answers/${code}`, message: `is not a question of bundle ${bundle.code}`, rule: 'not_a_question', params: { code, bundle: bundle.code } });
    }
  }
  return problems;
}

const ANSWER_WORDS: Record<string, boolean> = { yes: true, no: false, true: true, false: false };

/**
 * The query form of answers, `needsSeals:yes,hiresStaff:no` (yes/no or true/false, comma
 * separated), read into answers; `problems` names each part that is not `code:yes|no` or
 * repeats a question.
 */
export function parseAnswers(text: string): { answers: SituationAnswers; problems: FieldError[] } {
  const answers: SituationAnswers = {};
  const problems: FieldError[] = [];
  for (const part of text === '' ? [] : text.split(',')) {
    const match = /^([A-Za-z][A-Za-z0-9]*):([a-z]+)$/.exec(part.trim());
    const value = match ? ANSWER_WORDS[match[2]!] : undefined;
    if (!match || value === undefined) {
      problems.push({ path: 'query:answers', message: `“${part}” is not question:yes or question:no`, rule: 'answer_malformed', params: { part } });
    } else if (Object.hasOwn(answers, match[1]!)) {
      problems.push({ path: 'query:answers', message: `${match[1]!} is answered twice`, rule: 'answered_twice', params: { code: match[1]! } });
    } else answers[match[1]!] = value;
  }
  return { answers, problems };
}

/**
 * The answers of a guide request (`?answers=needsSeals:yes,…`) for a bundle: read, and
 * checked complete and known; each problem names the part of the query at fault.
 */
export function guideAnswers(bundle: Bundle, text: string): { answers: SituationAnswers; problems: FieldError[] } {
  const parsed = parseAnswers(text);
  if (parsed.problems.length > 0) return parsed;
  const problems = answerProblems(bundle, parsed.answers).map((p) => ({ ...p, path: p.path.replace('/answers/', 'query:answers.') }));
  return { answers: parsed.answers, problems };
}

/**
 * The bundle's items in stage order, each once, with the index of their stage: those the
 * answers include (all when `answers` is undefined); unknown codes are skipped
 * (validateBundle reports them).
 */
function bundleItems(source: CatalogSource, bundle: Bundle, answers?: SituationAnswers): { item: ServiceItem; stage: string; stageIndex: number }[] {
  const items = new Map(source.items.map((i) => [i.baseCode, i]));
  const seen = new Set<string>();
  const found: { item: ServiceItem; stage: string; stageIndex: number }[] = [];
  bundle.stages.forEach((stage, stageIndex) => {
    for (const code of stage.items) {
      const item = items.get(code);
      if (!item || seen.has(code) || !includes(bundle, code, answers)) continue;
      seen.add(code);
      found.push({ item, stage: stage.code, stageIndex });
    }
  });
  return found;
}

/**
 * What the included items produce for the others: each proof an item's result is, and each
 * form field its approval assigns, with the producing item and its stage index. A material or
 * field is the bundle's own when every item asking for it has a producer (another item) in
 * the same stage (the reviewer attaches the result) or an earlier one.
 */
function producers(found: { item: ServiceItem; stageIndex: number }[]) {
  const proofs = new Map<string, { item: ServiceItem; stageIndex: number }>();
  const fields = new Map<string, { item: ServiceItem; stageIndex: number }>();
  for (const entry of found) {
    if (entry.item.produces && !proofs.has(entry.item.produces)) proofs.set(entry.item.produces, entry);
    for (const field of entry.item.assigns ?? []) if (!fields.has(field)) fields.set(field, entry);
  }
  const covers = (producer: { item: ServiceItem; stageIndex: number } | undefined, askers: { item: ServiceItem; stageIndex: number }[]) =>
    producer !== undefined && askers.every((a) => a.item !== producer.item && a.stageIndex >= producer.stageIndex);
  return { proofs, fields, covers };
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
export function mergeBundle(source: CatalogSource, bundle: Bundle, answers?: SituationAnswers): MergedBundle {
  const found = bundleItems(source, bundle, answers);
  const conflicts: string[] = [];
  // From the first version that marks assigned fields (2026.12.1), a bundle leaves out what it
  // produces; earlier versions keep asking for it, as they were published.
  const made = producers(source.items.some((i) => i.assigns !== undefined) ? found : []);
  const askersOf = (has: (item: ServiceItem) => boolean) => found.filter((f) => has(f.item));

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
  // Fields the bundle assigns itself (the credit code): not asked, filled in at approval.
  const assigned: AssignedField[] = [];
  for (const [name, owners] of askedBy) {
    const producer = made.fields.get(name);
    const askers = askersOf((item) => owners.includes(item.baseCode));
    if (!producer || !made.covers(producer, askers)) continue;
    const definition = properties.get(name) ?? {};
    assigned.push({
      field: name,
      title: { zh: String(definition.title ?? name), en: String(definition['x-title-en'] ?? definition.title ?? name) },
      items: [...owners],
      assignedBy: producer.item.baseCode,
    });
    properties.delete(name);
    askedBy.delete(name);
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
  // Materials the bundle issues itself (the business licence): not asked, seen once issued.
  const produced: ProducedMaterial[] = [];
  for (const material of [...materials.values()]) {
    const producer = material.proof === undefined ? undefined : made.proofs.get(material.proof);
    if (!producer || !made.covers(producer, askersOf((item) => material.items.includes(item.baseCode)))) continue;
    produced.push({ ...material, producedBy: producer.item.baseCode });
    materials.delete(material.code);
  }

  const stages = includedStages(source, bundle, answers);
  const departments = stages.map((stage) => ({
    stage: stage.code,
    departments: [
      ...new Set(found.filter((f) => f.stage === stage.code).map((f) => f.item.department)),
    ],
  }));

  const daysSeparately = found.reduce((sum, { item }) => sum + item.promisedLimitDays, 0);
  const daysMerged = stages.reduce((sum, stage) => sum + stage.limitDays, 0);

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
    produced,
    assigned,
    conflicts,
  };
}

/**
 * The bundle's stages, each with only the items the answers include; a stage left empty is
 * skipped. A stage the answers shorten takes no longer than its slowest remaining item
 * promises (its catalog limit was set for all its items), so the bundle never promises
 * later than applying for the included items one by one would.
 */
export function includedStages(source: CatalogSource, bundle: Bundle, answers: SituationAnswers | undefined): Bundle['stages'] {
  const promised = new Map(source.items.map((i) => [i.baseCode, i.promisedLimitDays]));
  return bundle.stages.flatMap((stage) => {
    const kept = stage.items.filter((code) => includes(bundle, code, answers));
    if (kept.length === stage.items.length) return [stage];
    if (kept.length === 0) return [];
    const slowest = Math.max(...kept.map((code) => promised.get(code) ?? stage.limitDays));
    return [{ ...stage, items: kept, limitDays: Math.min(stage.limitDays, slowest) }];
  });
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
 * Results of a bundle are issued together by one window: in a mode every item allows, and
 * never electronically only when a result is a physical object (engraved seals).
 */
export function bundleDeliveryModes(items: readonly Pick<ServiceItem, 'deliveryModes' | 'physicalResult'>[]): DeliveryMode[] {
  const physical = items.some((item) => item.physicalResult === true);
  const modes: DeliveryMode[] = physical ? ['courier', 'pickup'] : ['courier', 'pickup', 'electronic'];
  return modes.filter((mode) => items.every((item) => item.deliveryModes.includes(mode)));
}

/**
 * The full guide of a bundle (`GET /v1/catalog/bundles/{code}`) for these answers (core
 * items only when none are given): its questions, stages with the included items and
 * departments, the items the answers leave out and why, the merged form in sections, the
 * de-duplicated materials, what the bundle produces instead of asking, and what it saves.
 * `undefined` when the code is unknown, the bundle is not offered at this level, or one of
 * its items is not. The answers must be complete ({@link answerProblems}).
 */
export function bundleGuide(source: CatalogSource, code: string, scope: CatalogScope, answers?: SituationAnswers): BundleGuide | undefined {
  const bundle = source.bundles?.find((b) => b.code === code);
  if (!bundle || !bundle.levels.includes(scope.level)) return undefined;
  const shown = answers ?? coreAnswers(bundle);
  const items = new Map(source.items.map((i) => [i.baseCode, i]));
  const departments = new Map(source.departments.map((d) => [d.code, d]));
  const proofs = new Map(source.proofs.map((p) => [p.code, p]));
  const ref = (d: Department): DepartmentRef => ({ code: d.code, name: d.name });
  const withProof = <M extends { proof?: string }>({ proof, ...material }: M) => {
    const entry = proof === undefined ? undefined : proofs.get(proof);
    return entry ? { ...material, proof: entry } : material;
  };

  const lead = departments.get(bundle.leadDepartment);
  if (!lead) return undefined;
  const stages: BundleGuideStage[] = [];
  const members: ServiceItem[] = [];
  const excluded: BundleGuide['excludedItems'] = [];
  const limits = new Map(includedStages(source, bundle, shown).map((s) => [s.code, s.limitDays]));
  for (const stage of bundle.stages) {
    const stageItems: BundleGuideItem[] = [];
    for (const baseCode of stage.items) {
      const item = items.get(baseCode);
      const department = item && departments.get(item.department);
      if (!item || !department || !item.levels.includes(scope.level)) return undefined;
      const situation = situationOf(bundle, baseCode);
      const entry: BundleGuideItem = {
        baseCode,
        ...(scope.regionCode ? { implementationCode: `${scope.regionCode}${baseCode}` } : {}),
        name: item.name,
        department: ref(department),
        promisedLimitDays: item.promisedLimitDays,
        ...(situation ? { situation } : {}),
        ...(item.physicalResult ? { physicalResult: true } : {}),
      };
      if (!includes(bundle, baseCode, shown)) {
        excluded.push({ ...entry, situation: situation as string });
        continue;
      }
      members.push(item);
      stageItems.push(entry);
    }
    if (stageItems.length === 0) continue;
    const stageDepartments = new Map(stageItems.map((i) => [i.department.code, i.department]));
    stages.push({
      code: stage.code,
      name: stage.name,
      limitDays: limits.get(stage.code) ?? stage.limitDays,
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

  const merged = mergeBundle(source, bundle, shown);
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
    situations: (bundle.situations ?? []).map((s) => ({
      code: s.code,
      question: s.question,
      ...(s.help ? { help: s.help } : {}),
      ...(s.default !== undefined ? { default: s.default } : {}),
      includes: s.includes,
      ...(answers ? { answer: answers[s.code] === true } : {}),
    })),
    answered: answers !== undefined,
    stages,
    excludedItems: excluded,
    totalLimitDays: stages.reduce((sum, s) => sum + s.limitDays, 0),
    departments: [...all.values()],
    mergedReviews,
    formSchema: merged.formSchema,
    sections: merged.sections,
    materials: merged.materials.map(withProof),
    produced: merged.produced.map(withProof),
    assigned: merged.assigned,
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

  problems.push(...situationProblems(source, bundle, stageOf));
  for (const conflict of mergeBundle(source, bundle).conflicts) problems.push(`${where}: ${conflict}`);
  return problems;
}

const SITUATION_CODE = /^[a-z][A-Za-z0-9]{1,39}$/;
/** 2^10 answer combinations are each checked for a delivery mode; more questions than this would be a form, not a choice. */
const MAX_SITUATIONS = 10;

/**
 * Problems of a bundle's situation questions: codes, texts, items of the bundle each in one
 * question at most, a core item left whatever the answers, and for every combination of
 * answers a delivery mode its included items share.
 */
function situationProblems(source: CatalogSource, bundle: Bundle, stageOf: Map<string, string>): string[] {
  const situations = bundle.situations;
  if (situations === undefined) return [];
  const where = `bundle ${String(bundle.code)}`;
  if (!Array.isArray(situations) || situations.length === 0 || situations.length > MAX_SITUATIONS) {
    return [`${where}: situations must be a list of 1 to ${MAX_SITUATIONS} questions`];
  }
  const problems: string[] = [];
  const codes = new Set<string>();
  const conditional = new Map<string, string>();
  for (const situation of situations) {
    const sw = `${where} situation ${String(situation.code)}`;
    if (typeof situation.code !== 'string' || !SITUATION_CODE.test(situation.code)) problems.push(`${sw}: code must match ${SITUATION_CODE.source}`);
    if (codes.has(situation.code)) problems.push(`${sw}: duplicate situation code`);
    codes.add(situation.code);
    if (!hasText(situation.question)) problems.push(`${sw} question: needs non-empty zh and en text`);
    if (situation.help !== undefined && !hasText(situation.help)) problems.push(`${sw} help: needs non-empty zh and en text`);
    if (situation.default !== undefined && typeof situation.default !== 'boolean') problems.push(`${sw}: default must be true or false`);
    const included = Array.isArray(situation.includes) ? situation.includes : [];
    if (included.length === 0) problems.push(`${sw}: includes no items`);
    for (const code of included) {
      if (!stageOf.has(code)) problems.push(`${sw}: item ${code} is not part of the bundle`);
      const other = conditional.get(code);
      if (other !== undefined) problems.push(`${sw}: item ${code} is already included by situation ${other}`);
      conditional.set(code, situation.code);
    }
  }
  if ([...stageOf.keys()].every((code) => conditional.has(code))) problems.push(`${where}: needs at least one core item (one no situation includes)`);
  const merged = new Set((bundle.mergedReviews ?? []).flatMap((r) => r.items));
  for (const code of conditional.keys()) if (merged.has(code)) problems.push(`${where}: item ${code} is in a merged review and cannot be conditional`);
  if (problems.length > 0) return problems;

  const items = new Map(source.items.map((i) => [i.baseCode, i]));
  for (let mask = 0; mask < 2 ** situations.length; mask++) {
    const answers = Object.fromEntries(situations.map((s, i) => [s.code, (mask & (1 << i)) !== 0]));
    const members = [...stageOf.keys()].filter((code) => includes(bundle, code, answers)).flatMap((code) => items.get(code) ?? []);
    if (bundleDeliveryModes(members).length === 0) {
      const yes = Object.entries(answers).filter(([, a]) => a).map(([code]) => code);
      problems.push(`${where}: no delivery mode suits every included item when answering yes to ${yes.join(', ') || 'nothing'}`);
      break;
    }
  }
  return problems;
}
