/**
 * What an application is for — one item, or a bundle of items from several departments —
 * seen the same way by the submit path: its form schema, its materials (asked once), the
 * delivery modes every part allows, and the stages its departments review it in.
 */
import type { Bundle, CatalogSource, DeliveryMode, LocalizedText, Material, SituationAnswers } from '../../contracts/catalog.js';
import type { WorkingCalendar } from './calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { findItem } from './catalog.js';
import type { CatalogScope } from '../../contracts/catalog.js';
import { bundleDeliveryModes, includedStages, mergeBundle, type MergedBundle } from './bundles.js';
import type { ProducedRecord } from './records.js';
import { planStages, promisedDateOf, type StageItem, type StagePlan } from './stages.js';
import { itemStages } from './application.js';

export interface ApplicationSubject {
  itemCode?: string;
  bundleCode?: string;
  /** The item's base code or the bundle's code. */
  code: string;
  name: LocalizedText;
  formSchema: Record<string, unknown>;
  materials: Material[];
  deliveryModes: DeliveryMode[];
  /** Names of the included results that are physical objects (engraved seals). */
  physicalResults?: LocalizedText[];
  stages: StagePlan[];
  green: boolean;
  /** A bundle's answers to its situation questions, which decided all of the above. */
  answers?: SituationAnswers;
  /** Materials a bundle produces instead of asking, for the case to show once they exist. */
  produced?: ProducedRecord[];
  /** The latest due date a deferred material may be given: before its stage is due to end. */
  latestDueDate(materialCode: string, today: LocalDate, calendar: WorkingCalendar): LocalDate;
}

export function itemSubject(source: CatalogSource, code: string, scope: Required<CatalogScope>): ApplicationSubject | undefined {
  const item = findItem(source, code, scope);
  if (!item) return undefined;
  const stages = itemStages(item);
  return {
    itemCode: item.baseCode,
    code: item.baseCode,
    name: item.name,
    formSchema: item.formSchema,
    materials: item.materials,
    deliveryModes: item.deliveryModes,
    stages,
    green: false,
    latestDueDate: (_material, today, calendar) => promisedDateOf(stages, today, calendar),
  };
}

/**
 * A bundle's stages for these answers (its included items only; every item without
 * answers); items reviewed together (一书四评) become one task of the leading department;
 * an item that assigns a field the bundle leaves out (the credit code) says so on its task.
 */
export function bundleStages(source: CatalogSource, bundle: Bundle, answers?: SituationAnswers, assigned: MergedBundle['assigned'] = []): StagePlan[] {
  const items = new Map(source.items.map((i) => [i.baseCode, i]));
  return planStages(
    includedStages(source, bundle, answers).map((stage) => {
      const stageItems: StageItem[] = [];
      const merged = new Set<string>();
      for (const code of stage.items) {
        const review = bundle.mergedReviews?.find((r) => r.items.includes(code));
        if (review) {
          if (merged.has(review.name.zh)) continue;
          merged.add(review.name.zh);
          stageItems.push({ itemCode: review.items.join('+'), itemName: review.name, department: review.department });
          continue;
        }
        const item = items.get(code);
        const assigns = assigned.filter((a) => a.assignedBy === code).map((a) => a.field);
        if (item) stageItems.push({ itemCode: item.baseCode, itemName: item.name, department: item.department, ...(assigns.length ? { assigns } : {}) });
      }
      return { code: stage.code, name: stage.name, limitDays: stage.limitDays, mayStartEarly: stage.mayStartEarly ?? false, items: stageItems };
    }),
  );
}

/**
 * A bundle as applied for with these answers (checked complete by the caller): the included
 * items' merged form, materials, delivery modes and stages.
 */
export function bundleSubject(source: CatalogSource, code: string, scope: Required<CatalogScope>, answers?: SituationAnswers): ApplicationSubject | undefined {
  const bundle = source.bundles?.find((b) => b.code === code);
  if (!bundle || !bundle.levels.includes(scope.level)) return undefined;
  if (bundle.stages.flatMap((s) => s.items).some((c) => !findItem(source, c, scope))) return undefined;
  const merged = mergeBundle(source, bundle, answers);
  const members = includedStages(source, bundle, answers).flatMap((s) => s.items).map((c) => findItem(source, c, scope)!);
  const stages = bundleStages(source, bundle, answers, merged.assigned);
  const included = includedStages(source, bundle, answers);
  const firstStage = new Map(merged.materials.map((m) => [m.code, included.findIndex((s) => s.code === m.stage)]));
  return {
    bundleCode: bundle.code,
    code: bundle.code,
    name: bundle.name,
    formSchema: merged.formSchema,
    materials: merged.materials,
    deliveryModes: bundleDeliveryModes(members),
    physicalResults: members.filter((m) => m.physicalResult).map((m) => m.name),
    stages,
    green: bundle.green,
    ...(bundle.situations ? { answers: answers ?? {} } : {}),
    produced: merged.produced.map((m) => ({ materialCode: m.code, proof: m.proof as string, producedBy: m.producedBy, neededBy: m.items })),
    latestDueDate: (material, today, calendar) =>
      promisedDateOf(stages.slice(0, (firstStage.get(material) ?? stages.length - 1) + 1), today, calendar),
  };
}

/** Published catalogs never change, so each subject is built once per catalog and scope. */
const built = new WeakMap<CatalogSource, Map<string, ApplicationSubject | undefined>>();

/** The item, or the bundle for these answers (the caller checks them with answerProblems). */
export function findSubject(
  source: CatalogSource,
  ref: { itemCode?: string; bundleCode?: string; answers?: SituationAnswers },
  scope: Required<CatalogScope>,
): ApplicationSubject | undefined {
  // Answers in a fixed order: the same answers given in any order are one subject.
  const answered = ref.answers ? Object.keys(ref.answers).sort().map((k) => `${k}=${String(ref.answers?.[k])}`).join(',') : '';
  const key = `${ref.bundleCode ? `b:${ref.bundleCode}?${answered}` : `i:${ref.itemCode ?? ''}`}@${scope.regionCode}/${scope.level}`;
  let cache = built.get(source);
  if (!cache) built.set(source, (cache = new Map()));
  if (!cache.has(key)) {
    const subject = ref.bundleCode
      ? bundleSubject(source, ref.bundleCode, scope, ref.answers)
      : ref.itemCode
        ? itemSubject(source, ref.itemCode, scope)
        : undefined;
    cache.set(key, subject);
  }
  return cache.get(key);
}
