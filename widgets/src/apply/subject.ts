/**
 * What is applied for, item or bundle, in the one shape the steps use (host.ts `ApplyGuide`).
 * A bundle's deferred material is due no later than the planned end of the first stage that
 * needs it; the API counts working days, here they are counted as calendar days (never
 * more), with the API's own rule that a may-start-early stage runs alongside the one before.
 */
import type { ItemGuide } from '../../../contracts/guides.js';
import type { BundleGuide } from '../../../contracts/guides.js';
import type { ApplyGuide } from './host.js';

export function itemApplyGuide(guide: ItemGuide): ApplyGuide {
  return {
    catalogVersion: guide.catalogVersion,
    name: guide.name,
    formSchema: guide.formSchema,
    materials: guide.materials,
    deliveryModes: guide.deliveryModes,
    departments: [guide.department],
    subject: { itemCode: guide.baseCode },
    dueDays: () => guide.promisedLimitDays,
  };
}

/** Calendar days from the start to the planned end of each stage (functions/domain/stages.ts `promisedDateOf`). */
export function stageEnds(stages: BundleGuide['stages']): number[] {
  let previousStart = 0;
  let previousEnd = 0;
  let latest = 0;
  return stages.map((stage) => {
    const start = stage.mayStartEarly ? previousStart : previousEnd;
    const end = start + stage.limitDays;
    latest = Math.max(latest, end);
    previousStart = start;
    previousEnd = Math.max(previousEnd, end);
    return latest;
  });
}

export function bundleApplyGuide(guide: BundleGuide): ApplyGuide {
  const ends = stageEnds(guide.stages);
  return {
    catalogVersion: guide.catalogVersion,
    name: guide.name,
    formSchema: guide.formSchema,
    materials: guide.materials,
    deliveryModes: guide.deliveryModes,
    departments: guide.departments,
    subject: guide.answered
      ? { bundleCode: guide.code, answers: Object.fromEntries(guide.situations.map((s) => [s.code, s.answer === true])) }
      : { bundleCode: guide.code },
    bundle: guide,
    dueDays: (m) => {
      const index = guide.stages.findIndex((s) => s.code === m.stage);
      return ends[index < 0 ? ends.length - 1 : index] ?? 1;
    },
  };
}
