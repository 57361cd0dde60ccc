/**
 * What an application is for — one item, or a bundle of items from several departments —
 * seen the same way by the submit path: its form schema, its materials (asked once), the
 * delivery modes every part allows, and the stages its departments review it in.
 */
import type { Bundle, CatalogSource, DeliveryMode, LocalizedText, Material } from '../../contracts/catalog.js';
import type { WorkingCalendar } from './calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { findItem } from './catalog.js';
import type { CatalogScope } from '../../contracts/catalog.js';
import { bundleDeliveryModes, mergeBundle } from './bundles.js';
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
  stages: StagePlan[];
  green: boolean;
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

/** A bundle's stages; items reviewed together (一书四评) become one task of the leading department. */
export function bundleStages(source: CatalogSource, bundle: Bundle): StagePlan[] {
  const items = new Map(source.items.map((i) => [i.baseCode, i]));
  return planStages(
    bundle.stages.map((stage) => {
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
        if (item) stageItems.push({ itemCode: item.baseCode, itemName: item.name, department: item.department });
      }
      return { code: stage.code, name: stage.name, limitDays: stage.limitDays, mayStartEarly: stage.mayStartEarly ?? false, items: stageItems };
    }),
  );
}

export function bundleSubject(source: CatalogSource, code: string, scope: Required<CatalogScope>): ApplicationSubject | undefined {
  const bundle = source.bundles?.find((b) => b.code === code);
  if (!bundle || !bundle.levels.includes(scope.level)) return undefined;
  const members = bundle.stages.flatMap((s) => s.items).map((c) => findItem(source, c, scope));
  if (members.some((m) => !m)) return undefined;
  const merged = mergeBundle(source, bundle);
  const stages = bundleStages(source, bundle);
  const firstStage = new Map(merged.materials.map((m) => [m.code, bundle.stages.findIndex((s) => s.code === m.stage)]));
  return {
    bundleCode: bundle.code,
    code: bundle.code,
    name: bundle.name,
    formSchema: merged.formSchema,
    materials: merged.materials,
    deliveryModes: bundleDeliveryModes(members.map((m) => m!)),
    stages,
    green: bundle.green,
    latestDueDate: (material, today, calendar) =>
      promisedDateOf(stages.slice(0, (firstStage.get(material) ?? stages.length - 1) + 1), today, calendar),
  };
}

/** Published catalogs never change, so each subject is built once per catalog and scope. */
const built = new WeakMap<CatalogSource, Map<string, ApplicationSubject | undefined>>();

export function findSubject(
  source: CatalogSource,
  ref: { itemCode?: string; bundleCode?: string },
  scope: Required<CatalogScope>,
): ApplicationSubject | undefined {
  const key = `${ref.bundleCode ? `b:${ref.bundleCode}` : `i:${ref.itemCode ?? ''}`}@${scope.regionCode}/${scope.level}`;
  let cache = built.get(source);
  if (!cache) built.set(source, (cache = new Map()));
  if (!cache.has(key)) {
    const subject = ref.bundleCode
      ? bundleSubject(source, ref.bundleCode, scope)
      : ref.itemCode
        ? itemSubject(source, ref.itemCode, scope)
        : undefined;
    cache.set(key, subject);
  }
  return cache.get(key);
}
