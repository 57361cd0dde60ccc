/**
 * What a case costs, from the fee schedule of the catalog version it was submitted under:
 * the lines of its one ticket, each department's share, and where the ticket is issued.
 */
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource, Department, FeePoint } from '../../contracts/catalog.js';
import type { CaseRecord } from '../domain/records.js';
import { FeeInputError, splitByDepartment, ticketLines, type FeeTarget } from '../domain/fees.js';
import type { FeePlan } from '../domain/tickets.js';
import { ConfigurationError, type FieldError } from '../domain/errors.js';

/** Versions published before fee points (2026.11.1–2) issue the ticket after approval. */
const DEFAULT_FEE_POINT: FeePoint = { at: 'approval', dueWorkingDays: 15 };

function feePointOf(source: CatalogSource, target: FeeTarget): FeePoint {
  const stated = target.bundleCode !== undefined
    ? source.bundles?.find((b) => b.code === target.bundleCode)?.feePoint
    : source.items.find((i) => i.baseCode === target.itemCode)?.feePoint;
  return stated ?? DEFAULT_FEE_POINT;
}

/**
 * The fee plan of an item, or of a bundle for these situation answers (only the items they
 * include are priced), for this form; undefined when it charges nothing. The one place that
 * decides what an application costs. Throws FeeInputError when a field a fee reads is
 * missing or unusable, and a ValidationError (`ANSWERS_INVALID`) when a bundle's answers are
 * missing or unknown.
 */
export function feePlanFor(source: CatalogSource, target: FeeTarget, form: Record<string, unknown>): FeePlan | undefined {
  const lines = ticketLines(source, target, form);
  if (lines.length === 0) return undefined;
  return { point: feePointOf(source, target), lines, splits: splitByDepartment(lines, source.departments) };
}

/** The fee plan of a case, under the catalog version it names. */
export function feePlanOf(c: CaseRecord): FeePlan | undefined {
  const source = publishedCatalogs[c.catalogVersion];
  if (!source) throw new ConfigurationError(`Case ${c.receiptNumber} names catalog ${c.catalogVersion}, which this code does not carry`);
  return feePlanFor(source, c.bundleCode !== undefined ? { bundleCode: c.bundleCode, answers: c.answers } : { itemCode: c.itemCode }, c.form);
}

/** The fields a pricing names as unusable (none when it prices). */
function unusableFields(price: () => unknown): FieldError[] {
  try {
    price();
    return [];
  } catch (error) {
    if (error instanceof FeeInputError) return error.fields ?? [];
    throw error;
  }
}

/** Form fields a fee rule cannot read, as field errors pointing into `/form` (none when the form prices). */
export function feeFieldErrors(source: CatalogSource, target: FeeTarget, form: Record<string, unknown>): FieldError[] {
  return unusableFields(() => feePlanFor(source, target, form));
}

/** The same for a case given another form (a correction's), under the catalog version the case names. */
export function caseFeeFieldErrors(c: CaseRecord, form: Record<string, unknown>): FieldError[] {
  return unusableFields(() => feePlanOf({ ...c, form }));
}

/** The departments (names, accounts) of the catalog version a case was submitted under. */
export function departmentsOf(c: CaseRecord): readonly Department[] {
  return publishedCatalogs[c.catalogVersion]?.departments ?? [];
}
