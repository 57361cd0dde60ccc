/**
 * Reading a published catalog version: item codes at each level, the public summary and
 * the full guide of one item. The checks every version must pass before it is published
 * are functions/domain/catalog-validation.ts (apart, so that reading a catalog does not
 * load ajv).
 */
import type { CatalogSource, Department, FeeItem, IntermediaryService, Proof, ServiceItem } from '../../contracts/catalog.js';
import type { CatalogSummary, DepartmentRef, ItemGuide } from '../../contracts/guides.js';
import { bundleSummary } from './bundles.js';
import type { CatalogScope } from '../../contracts/catalog.js';

export const BASE_CODE = /^\d{12}$/;
const REGION_CODE = /^\d{6}$/;
const IMPLEMENTATION_CODE = /^(\d{6})(\d{12})$/;

/** The implementation code (实施编码) of an item in a region: region code + base code. */
export function implementationCode(baseCode: string, regionCode: string): string {
  if (!BASE_CODE.test(baseCode)) throw new RangeError(`Not a 12-digit base code: ${baseCode}`);
  if (!REGION_CODE.test(regionCode)) throw new RangeError(`Not a 6-digit region code: ${regionCode}`);
  return `${regionCode}${baseCode}`;
}

/** The inverse of {@link implementationCode}; `undefined` for anything that is not one. */
export function parseImplementationCode(code: string): { regionCode: string; baseCode: string } | undefined {
  const match = IMPLEMENTATION_CODE.exec(code);
  return match ? { regionCode: match[1] as string, baseCode: match[2] as string } : undefined;
}

export interface CatalogIndex {
  items: Map<string, ServiceItem>;
  departments: Map<string, Department>;
  fees: Map<string, FeeItem>;
  proofs: Map<string, Proof>;
  intermediaries: Map<string, IntermediaryService>;
}

const indexes = new WeakMap<CatalogSource, CatalogIndex>();

/** A version's members by code. */
export function buildIndex(source: CatalogSource): CatalogIndex {
  return {
    items: new Map(source.items.map((i) => [i.baseCode, i])),
    departments: new Map(source.departments.map((d) => [d.code, d])),
    fees: new Map(source.fees.map((f) => [f.code, f])),
    proofs: new Map(source.proofs.map((p) => [p.code, p])),
    intermediaries: new Map(source.intermediaries.map((i) => [i.code, i])),
  };
}

/** Published versions never change, so their index is built once per source object. */
function indexOf(source: CatalogSource): CatalogIndex {
  let index = indexes.get(source);
  if (!index) {
    index = buildIndex(source);
    indexes.set(source, index);
  }
  return index;
}

const departmentRef = (d: Department): DepartmentRef => ({ code: d.code, name: d.name });

export function catalogSummary(source: CatalogSource, scope: CatalogScope): CatalogSummary {
  const { regionCode, level } = scope;
  return {
    version: source.manifest.version,
    publishedAt: source.manifest.publishedAt,
    departments: source.departments.map(departmentRef),
    items: source.items
      .filter((item) => item.levels.includes(level))
      .map((item) => ({
        baseCode: item.baseCode,
        ...(regionCode ? { implementationCode: implementationCode(item.baseCode, regionCode) } : {}),
        name: item.name,
        type: item.type,
        department: item.department,
        promisedLimitDays: item.promisedLimitDays,
        legalLimitDays: item.legalLimitDays,
        trips: item.trips,
        deliveryModes: item.deliveryModes,
      })),
    bundles: (source.bundles ?? [])
      .filter((bundle) => bundle.levels.includes(level))
      .map((bundle) => bundleSummary(source, bundle)),
  };
}

/**
 * The item a code names in this region and level: a base code, or this region's
 * implementation code. Another region's implementation code names nothing here.
 */
export function findItem(
  source: CatalogSource,
  itemCode: string,
  scope: Required<CatalogScope>,
): ServiceItem | undefined {
  let baseCode = itemCode;
  if (!BASE_CODE.test(itemCode)) {
    const parsed = parseImplementationCode(itemCode);
    if (!parsed || parsed.regionCode !== scope.regionCode) return undefined;
    baseCode = parsed.baseCode;
  }
  const item = indexOf(source).items.get(baseCode);
  return item?.levels.includes(scope.level) ? item : undefined;
}

/** The full guide, or `undefined` when the code is unknown or the item is not offered at this level. */
export function itemGuide(
  source: CatalogSource,
  itemCode: string,
  scope: Required<CatalogScope>,
): ItemGuide | undefined {
  const item = findItem(source, itemCode, scope);
  if (!item) return undefined;
  const index = indexOf(source);
  const department = index.departments.get(item.department);
  if (!department) return undefined;
  const { proofs, fees, intermediaries } = index;
  return {
    ...item,
    catalogVersion: source.manifest.version,
    implementationCode: implementationCode(item.baseCode, scope.regionCode),
    department: departmentRef(department),
    materials: item.materials.map(({ proof, ...material }) => {
      const entry = proof === undefined ? undefined : proofs.get(proof);
      return entry ? { ...material, proof: entry } : material;
    }),
    fees: item.fees.flatMap((code) => fees.get(code) ?? []),
    intermediaries: item.intermediaries.flatMap((code) => intermediaries.get(code) ?? []),
  };
}

/**
 * The canonical JSON of a version, the text whose SHA-256 `catalog/published.json`
 * records: members in a fixed order, whatever order the source object was built in.
 */
export function canonicalCatalogJson(source: CatalogSource): string {
  const { manifest, departments, items, proofs, intermediaries, fees, bundles, notifications } = source;
  // `bundles` and `notifications` only when present, so versions published before them keep their recorded hash.
  return JSON.stringify({ manifest, departments, items, proofs, intermediaries, fees, ...(bundles ? { bundles } : {}), ...(notifications ? { notifications } : {}) });
}
