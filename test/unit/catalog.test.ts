import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource, ServiceItem } from '../../contracts/catalog.js';
import {
  canonicalCatalogJson,
  catalogSummary,
  implementationCode,
  itemGuide,
  parseImplementationCode,
} from '../../functions/domain/catalog.js';
import { validateCatalog } from '../../functions/domain/catalog-validation.js';

const published = JSON.parse(
  readFileSync(new URL('../../catalog/published.json', import.meta.url), 'utf8'),
) as { versions: Record<string, { sha256: string }> };

const seed = publishedCatalogs['2026.11.1'] as CatalogSource;
const YUEYANG = '430600';
const BUSINESS_REGISTRATION = '000105001000'; // 市场监督管理局 企业设立登记
const CONSTRUCTION_PERMIT = '000110001000'; // 住房和城乡建设局 建筑工程施工许可证核发
const FOOD_LICENCE = '000105002000'; // 市场监督管理局 食品经营许可 (with deferrable materials)
const ENTERPRISE_PROJECT = '000101001000'; // 发展和改革委员会 企业投资项目核准 (city only)

/** A deep, editable copy of the seed, broken by `edit`. */
function broken(edit: (copy: CatalogSource) => void): CatalogSource {
  const copy = structuredClone(seed) as CatalogSource;
  edit(copy);
  return copy;
}

function item(copy: CatalogSource, baseCode: string): ServiceItem {
  const found = copy.items.find((i) => i.baseCode === baseCode);
  if (!found) throw new Error(`no item ${baseCode}`);
  return found;
}

describe('published catalog versions', () => {
  it.each(Object.keys(publishedCatalogs))('%s passes validateCatalog', (version) => {
    // Act
    const problems = validateCatalog(publishedCatalogs[version] as CatalogSource);

    // Assess
    expect(problems).toEqual([]);
  });

  it('are exactly the versions listed in published.json, and each is keyed by its manifest version', () => {
    expect(Object.keys(publishedCatalogs).sort()).toEqual(Object.keys(published.versions).sort());
    for (const [version, source] of Object.entries(publishedCatalogs)) expect(source.manifest.version).toBe(version);
  });

  it.each(Object.keys(published.versions))('%s is unchanged since publication (SHA-256 of its canonical JSON)', (version) => {
    // Prepare
    const source = publishedCatalogs[version] as CatalogSource;

    // Act
    const sha256 = createHash('sha256').update(canonicalCatalogJson(source)).digest('hex');

    // Assess: a published version is never edited; a change is a new version.
    expect(sha256).toBe(published.versions[version]?.sha256);
  });
});

describe('the 2026.11.1 seed', () => {
  const departmentsWithItems = new Set(seed.items.map((i) => i.department));
  const feeDepartments = new Set(seed.fees.map((f) => f.department));

  it('is large enough to exercise bundles, fees and deferral', () => {
    expect(seed.departments.length).toBeGreaterThanOrEqual(20);
    expect(seed.items.length).toBeGreaterThanOrEqual(45);
    expect(departmentsWithItems.size).toBeGreaterThanOrEqual(20);
    expect(seed.proofs.length).toBeGreaterThanOrEqual(15);
    expect(seed.intermediaries.length).toBeGreaterThanOrEqual(8);
    expect(seed.items.filter((i) => i.materials.some((m) => m.deferrable && !m.proof)).length).toBeGreaterThanOrEqual(15);
    expect(seed.items.filter((i) => i.fees.length > 0).length).toBeGreaterThanOrEqual(8);
    expect(feeDepartments.size).toBeGreaterThanOrEqual(7);
    expect(new Set(seed.fees.map((f) => f.rule.kind))).toEqual(new Set(['fixed', 'per_unit', 'tiered', 'waived']));
  });

  it('has every item type, one-trip and zero-trip items, and city-only items', () => {
    expect(new Set(seed.items.map((i) => i.type))).toEqual(
      new Set(['administrative_licence', 'public_service', 'administrative_confirmation', 'other']),
    );
    expect(seed.items.some((i) => i.trips === 1)).toBe(true);
    expect(seed.items.filter((i) => i.trips === 0).length).toBeGreaterThan(seed.items.length / 2);
    expect(seed.items.some((i) => i.levels.length === 1 && i.levels[0] === 'city')).toBe(true);
  });

  it('shares materials between items, so a bundle can ask for them once', () => {
    const uses = new Map<string, number>();
    for (const i of seed.items) for (const m of i.materials) uses.set(m.code, (uses.get(m.code) ?? 0) + 1);
    expect(uses.get('M0001')).toBeGreaterThanOrEqual(10); // 营业执照
    expect([...uses.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(10);
  });
});

describe('implementation codes', () => {
  it('prefix the region to the base code and parse back', () => {
    expect(implementationCode(BUSINESS_REGISTRATION, YUEYANG)).toBe('430600000105001000');
    expect(parseImplementationCode('430600000105001000')).toEqual({ regionCode: YUEYANG, baseCode: BUSINESS_REGISTRATION });
    expect(parseImplementationCode(BUSINESS_REGISTRATION)).toBeUndefined();
    expect(() => implementationCode('12345', YUEYANG)).toThrow(RangeError);
  });
});

describe('catalogSummary', () => {
  it('lists the items offered at a level with this region’s implementation codes', () => {
    // Act
    const city = catalogSummary(seed, { regionCode: YUEYANG, level: 'city' });
    const county = catalogSummary(seed, { regionCode: '430602', level: 'county' });

    // Assess
    expect(city.version).toBe('2026.11.1');
    expect(city.items).toHaveLength(seed.items.length);
    expect(city.items.find((i) => i.baseCode === BUSINESS_REGISTRATION)?.implementationCode).toBe('430600000105001000');
    expect(county.items.some((i) => i.baseCode === ENTERPRISE_PROJECT)).toBe(false);
    expect(county.items.find((i) => i.baseCode === BUSINESS_REGISTRATION)?.implementationCode).toBe('430602000105001000');
    expect(city.departments).toHaveLength(seed.departments.length);
    expect(city.bundles).toEqual([]);
  });
});

describe('itemGuide', () => {
  const scope = { regionCode: YUEYANG, level: 'city' } as const;

  it('resolves the base code and this region’s implementation code to the same guide', () => {
    // Act
    const byBase = itemGuide(seed, CONSTRUCTION_PERMIT, scope);
    const byImplementation = itemGuide(seed, `${YUEYANG}${CONSTRUCTION_PERMIT}`, scope);

    // Assess
    expect(byBase).toBeDefined();
    expect(byImplementation).toEqual(byBase);
    expect(byBase?.implementationCode).toBe('430600000110001000');
    expect(byBase?.catalogVersion).toBe('2026.11.1');
  });

  it('expands the department, fees, intermediaries and proofs', () => {
    // Act
    const guide = itemGuide(seed, CONSTRUCTION_PERMIT, scope);

    // Assess
    expect(guide?.department).toEqual({ code: 'hurd', name: expect.objectContaining({ zh: '岳阳市住房和城乡建设局' }) });
    expect(guide?.fees.map((f) => [f.code, f.rule.kind])).toEqual([['F001', 'per_unit']]);
    expect(guide?.intermediaries.map((i) => i.code)).toEqual(['I003']);
    const proofMaterial = guide?.materials.find((m) => m.code === 'M0012');
    expect(proofMaterial?.proof).toMatchObject({ code: 'P004', issuer: 'nrp' });
  });

  it('names nothing for unknown codes, other regions’ codes, or items not offered at the level', () => {
    expect(itemGuide(seed, '000199999000', scope)).toBeUndefined();
    expect(itemGuide(seed, `430602${CONSTRUCTION_PERMIT}`, scope)).toBeUndefined();
    expect(itemGuide(seed, ENTERPRISE_PROJECT, { regionCode: '430602', level: 'county' })).toBeUndefined();
    expect(itemGuide(seed, 'not-a-code', scope)).toBeUndefined();
  });
});

describe('validateCatalog finds each kind of problem', () => {
  const cases: [string, (c: CatalogSource) => void, RegExp][] = [
    ['a duplicate department', (c) => c.departments.push({ ...c.departments[0]! }), /department ndrc: duplicate code/],
    ['a duplicate item base code', (c) => c.items.push(structuredClone(c.items[0]!)), /item 000105001000: duplicate code/],
    ['an unknown department', (c) => { item(c, CONSTRUCTION_PERMIT).department = 'nosuch'; }, /unknown department nosuch/],
    ['an unknown fee', (c) => { item(c, CONSTRUCTION_PERMIT).fees.push('F999'); }, /unknown fee F999/],
    ['an unknown proof', (c) => { item(c, CONSTRUCTION_PERMIT).materials[1]!.proof = 'P999'; }, /unknown proof P999/],
    [
      'a material due after issue that cannot be deferred',
      (c) => { item(c, CONSTRUCTION_PERMIT).materials.find((m) => !m.deferrable)!.dueAfterIssue = { zh: '发证后备案', en: 'Filed after issue' }; },
      /only a deferrable material can be due after issue/,
    ],
    [
      'a material due after issue without its reason',
      (c) => { item(c, FOOD_LICENCE).materials.find((m) => m.deferrable)!.dueAfterIssue = { zh: '', en: '' }; },
      /dueAfterIssue: needs non-empty zh and en text/,
    ],
    ['an unknown intermediary', (c) => { item(c, CONSTRUCTION_PERMIT).intermediaries.push('I999'); }, /unknown intermediary I999/],
    ['an unknown proof issuer', (c) => { c.proofs[0]!.issuer = 'nosuch'; }, /proof P001: unknown issuer nosuch/],
    ['a promised limit above the legal one', (c) => { item(c, CONSTRUCTION_PERMIT).promisedLimitDays = 8; }, /promised limit 8 exceeds legal limit 7/],
    [
      'one material code with two definitions',
      (c) => { item(c, CONSTRUCTION_PERMIT).materials[0]!.maxBytes = 1; },
      /material M0003: defined differently/,
    ],
    [
      'a form schema ajv refuses',
      (c) => { (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).floorArea = { type: 'number', format: 'area' }; },
      /formSchema refused by ajv: unknown format "area"/,
    ],
    [
      'a form keyword outside the allowed list',
      (c) => { (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).contractorName = { type: 'string', const: 'x' }; },
      /keyword const is not allowed/,
    ],
    [
      'a field mapped to something the applicant does not have',
      (c) => { (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).companyName = { type: 'string', 'x-applicant': 'creditCode' }; },
      /x-applicant must be one of name, idNumber, legalRepresentative, phone, email on a string, got creditCode/,
    ],
    [
      'an applicant property mapped to a number',
      (c) => { (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).floorArea = { type: 'number', 'x-applicant': 'phone' }; },
      /formSchema\/properties\/floorArea: x-applicant must be one of/,
    ],
    [
      'an applicant type that is not a kind of applicant',
      (c) => { (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).companyName = { type: 'string', 'x-applicant': 'name', 'x-applicant-type': 'founder' }; },
      /x-applicant-type must be one of person, company on a field with x-applicant, got founder/,
    ],
    [
      'an applicant type on a field that repeats no applicant property',
      (c) => { (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).contractorName = { type: 'string', 'x-applicant-type': 'company' }; },
      /formSchema\/properties\/contractorName: x-applicant-type must be one of/,
    ],
    [
      'an address that is not one the delivery step knows',
      (c) => { (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).contractorName = { type: 'string', 'x-address': 'home' }; },
      /x-address must be one of premises on a string, got home/,
    ],
    [
      'a fee reading a member the form does not have',
      (c) => { delete (item(c, CONSTRUCTION_PERMIT).formSchema.properties as Record<string, object>).floorArea; },
      /fee F001 reads \/floorArea/,
    ],
    [
      'a fee that is not whole fen',
      (c) => { c.fees[2]!.rule = { kind: 'fixed', amountFen: 80.5 }; },
      /fee F003: amountFen must be a whole number of fen/,
    ],
    [
      'a tiered fee without an open last tier',
      (c) => { const r = c.fees.find((f) => f.rule.kind === 'tiered')!.rule as { tiers: { upTo: number | null }[] }; r.tiers.at(-1)!.upTo = 1000; },
      /the last tier must have upTo null/,
    ],
    [
      'a result valid for a fraction of a year',
      (c) => { item(c, CONSTRUCTION_PERMIT).result = { validity: { years: 2.5 } }; },
      /result validity must be "long-term", \{"years": 1–30\} or \{"months": 1–120\}, got \{"years":2.5\}/,
    ],
    [
      'a result validity in an unknown unit',
      (c) => { item(c, CONSTRUCTION_PERMIT).result = { validity: { weeks: 6 } as unknown as { years: number } }; },
      /result validity must be/,
    ],
    [
      'zero trips while an original must be shown',
      (c) => { const i = c.items.find((x) => x.trips === 1)!; i.trips = 0; },
      /trips is 0 but a material's original must be shown/,
    ],
    [
      'no courier or electronic delivery',
      (c) => { item(c, CONSTRUCTION_PERMIT).deliveryModes = ['pickup']; },
      /deliverable by courier or electronically/,
    ],
    [
      'a single signer that is not true or false',
      (c) => { (item(c, FOOD_LICENCE) as unknown as Record<string, unknown>).singleSigner = 'yes'; },
      /item 000105002000: singleSigner must be true or false/,
    ],
  ];

  it.each(cases)('%s', (_what, edit, expected) => {
    // Prepare
    const copy = broken(edit);

    // Act
    const problems = validateCatalog(copy);

    // Assess
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });

  it('accepts the applicant and address annotations of 2026.12.1, which name real applicant properties', () => {
    const current = publishedCatalogs['2026.12.1'] as CatalogSource;
    const food = current.items.find((i) => i.baseCode === FOOD_LICENCE)!.formSchema.properties as Record<string, Record<string, unknown>>;

    expect(validateCatalog(current)).toEqual([]);
    expect(food.companyName!['x-applicant']).toBe('name');
    expect(food.creditCode!['x-applicant']).toBe('idNumber');
    expect(food.contactMobile!['x-applicant']).toBe('phone');
    expect(food.premisesAddress!['x-address']).toBe('premises');
    // A company's name is the applicant's only when a company applies; the phone is anyone's.
    expect(food.companyName!['x-applicant-type']).toBe('company');
    expect(food.contactMobile!['x-applicant-type']).toBeUndefined();
    const registration = current.items.find((i) => i.baseCode === BUSINESS_REGISTRATION)!.formSchema.properties as Record<string, Record<string, unknown>>;
    expect(registration.companyName!['x-applicant-type']).toBe('company');
  });

  it('reports every problem, not just the first', () => {
    const copy = broken((c) => {
      item(c, CONSTRUCTION_PERMIT).fees.push('F999');
      item(c, BUSINESS_REGISTRATION).promisedLimitDays = 99;
    });
    expect(validateCatalog(copy).length).toBeGreaterThanOrEqual(2);
  });
});
