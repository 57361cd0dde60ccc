import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { publishedCatalogs } from '../../catalog/index.js';
import type { Bundle, CatalogSource, Material, ServiceItem } from '../../contracts/catalog.js';
import { canonicalCatalogJson, catalogSummary } from '../../functions/domain/catalog.js';
import { formSchemaAjv, validateCatalog } from '../../functions/domain/catalog-validation.js';
import {
  bundleGuide,
  bundleSummary,
  mergeBundle,
  projectForm,
  validateBundle,
} from '../../functions/domain/bundles.js';

const published = JSON.parse(
  readFileSync(new URL('../../catalog/published.json', import.meta.url), 'utf8'),
) as { versions: Record<string, { sha256: string }> };

const previous = publishedCatalogs['2026.11.1'] as CatalogSource;
const seed = publishedCatalogs['2026.11.2'] as CatalogSource;
const YUEYANG = '430600';

function bundle(source: CatalogSource, code: string): Bundle {
  const found = source.bundles?.find((b) => b.code === code);
  if (!found) throw new Error(`no bundle ${code}`);
  return found;
}

const itemsOf = (b: Bundle) => b.stages.flatMap((s) => s.items);
const departmentsOf = (source: CatalogSource, b: Bundle) =>
  new Set(itemsOf(b).map((code) => source.items.find((i) => i.baseCode === code)?.department));

/** Whether ajv (the strict configuration the API and widgets use) accepts `data` for `schema`. */
function accepts(schema: Record<string, unknown>, data: unknown): boolean {
  const ajv = formSchemaAjv();
  try {
    return ajv.compile(schema)(data) as boolean;
  } finally {
    ajv.removeSchema(schema);
  }
}

describe('catalog version 2026.11.2', () => {
  it('passes validateCatalog, bundles included', () => {
    // Act
    const problems = validateCatalog(seed);

    // Assess
    expect(problems).toEqual([]);
    expect(seed.bundles?.length).toBeGreaterThanOrEqual(5);
  });

  it.each(['2026.11.1', '2026.11.2'])('%s matches the SHA-256 recorded in published.json', (version) => {
    // Act
    const sha256 = createHash('sha256')
      .update(canonicalCatalogJson(publishedCatalogs[version] as CatalogSource))
      .digest('hex');

    // Assess
    expect(sha256).toBe(published.versions[version]?.sha256);
  });

  it('is 2026.11.1 plus bundles and the items they need: nothing of 2026.11.1 changed', () => {
    // Prepare
    const items = new Map(seed.items.map((i) => [i.baseCode, i]));

    // Assess
    expect(seed.manifest).toEqual({ ...previous.manifest, version: '2026.11.2', publishedAt: '2026-11-28T09:00:00+08:00' });
    expect(seed.departments).toEqual(previous.departments);
    expect(seed.proofs).toEqual(previous.proofs);
    expect(seed.intermediaries).toEqual(previous.intermediaries);
    expect(seed.fees).toEqual(previous.fees);
    for (const item of previous.items) expect(items.get(item.baseCode)).toEqual(item);
    expect(previous.bundles).toBeUndefined();
  });

  it('lists its bundles in the catalog summary, each at the levels it is offered', () => {
    // Act
    const city = catalogSummary(seed, { regionCode: YUEYANG, level: 'city' });
    const county = catalogSummary(seed, { regionCode: '430602', level: 'county' });

    // Assess
    expect(city.bundles.map((b) => b.code).sort()).toEqual(seed.bundles?.map((b) => b.code).sort());
    expect(city.bundles.find((b) => b.code === 'BIZ-ONE-ENTRY')).toEqual({
      code: 'BIZ-ONE-ENTRY',
      name: bundle(seed, 'BIZ-ONE-ENTRY').name,
      kind: 'business_registration',
      green: false,
      levels: ['city', 'county'],
      stageCount: 1,
      itemCount: 11,
      departmentCount: 9,
    });
    expect(county.bundles.map((b) => b.code)).not.toContain('INVEST-ONE-DRAGON'); // city-only items
    expect(county.bundles.map((b) => b.code)).toContain('CONSTRUCTION-JOINT');
    expect(catalogSummary(previous, { level: 'city' }).bundles).toEqual([]);
  });

  it.each(seed.bundles?.map((b) => b.code) ?? [])('%s merges into one schema ajv compiles, every field in one section', (code) => {
    // Act
    const merged = mergeBundle(seed, bundle(seed, code));

    // Assess
    const properties = Object.keys(merged.formSchema.properties as object);
    const sectioned = merged.sections.flatMap((s) => s.fields);
    expect(merged.conflicts).toEqual([]);
    expect(merged.formSchema.additionalProperties).toBe(false);
    expect(sectioned.sort()).toEqual([...properties].sort());
    expect(new Set(sectioned).size).toBe(sectioned.length);
    expect(() => accepts(merged.formSchema, {})).not.toThrow();
    expect(new Set(merged.materials.map((m) => m.code)).size).toBe(merged.materials.length);
    // The same keyword set, closed objects and camelCase names as an item's own schema.
    const asItem = { ...(seed.items[0] as ServiceItem), formSchema: merged.formSchema };
    expect(validateCatalog({ ...seed, items: [asItem], bundles: [] })).toEqual([]);
  });
});

describe('the business-registration bundle (企业开办 "一口进")', () => {
  const biz = bundle(seed, 'BIZ-ONE-ENTRY');

  it('has at least 10 items from at least 8 departments in one parallel stage', () => {
    expect(itemsOf(biz).length).toBeGreaterThanOrEqual(10);
    expect(departmentsOf(seed, biz).size).toBeGreaterThanOrEqual(8);
    expect(departmentsOf(seed, biz)).toEqual(new Set(['amr', 'psb', 'tax', 'hrss', 'medsec', 'hpf', 'fire', 'commerce', 'urban']));
    expect(biz.stages).toHaveLength(1);
  });

  it('asks for at least one third fewer materials than its items separately (the reform’s figure)', () => {
    // Act
    const { savings } = mergeBundle(seed, biz);

    // Assess: 申报材料减少1/3
    expect(savings.materials.merged).toBeLessThanOrEqual((savings.materials.separately * 2) / 3);
    expect(savings.materials.ratio).toBeGreaterThanOrEqual(1 / 3);
    expect(savings.fields.merged).toBeLessThan(savings.fields.separately);
  });

  it('asks 14 materials instead of 42, as the README says, counted from its items', () => {
    // Prepare: every material of every item, and the distinct ones, counted here
    const items = itemsOf(biz).map((code) => seed.items.find((i) => i.baseCode === code)!);
    const separately = items.reduce((sum, i) => sum + i.materials.length, 0);
    const distinct = new Set(items.flatMap((i) => i.materials.map((m) => m.code))).size;

    // Act
    const { savings, materials } = mergeBundle(seed, biz);

    // Assess
    expect([separately, distinct]).toEqual([42, 14]);
    expect(savings.materials).toEqual({ separately: 42, merged: 14, saved: 28, ratio: 28 / 42 });
    expect(materials).toHaveLength(14);
    expect(mergeBundle(publishedCatalogs['2026.11.3'] as CatalogSource, bundle(publishedCatalogs['2026.11.3'] as CatalogSource, 'BIZ-ONE-ENTRY')).savings.materials).toEqual(savings.materials);
  });

  it('asks the shared company fields once, in the shared section', () => {
    // Act
    const merged = mergeBundle(seed, biz);

    // Assess
    const shared = merged.sections[0];
    expect(shared?.id).toBe('shared');
    for (const field of ['companyName', 'creditCode', 'legalRepresentative', 'contactMobile', 'bankAccount']) {
      expect(shared?.fields).toContain(field);
      expect(merged.sections.filter((s) => s.fields.includes(field))).toHaveLength(1);
    }
    // 企业设立登记 asks for at least 4 characters, the others 2: the stricter wins.
    expect((merged.formSchema.properties as Record<string, { minLength: number }>).companyName?.minLength).toBe(4);
    const licence = merged.materials.find((m) => m.code === 'M0001');
    expect(licence?.items.length).toBeGreaterThanOrEqual(8);
  });
});

describe('the other seeded bundles', () => {
  it('investment project "one dragon": at least 10 departments in one parallel stage, green, stages that may start early', () => {
    const invest = bundle(seed, 'INVEST-ONE-DRAGON');
    expect(departmentsOf(seed, invest).size).toBeGreaterThanOrEqual(10);
    expect(departmentsOf(seed, { ...invest, stages: [invest.stages[0]!] }).size).toBeGreaterThanOrEqual(10);
    expect(invest.green).toBe(true);
    expect(invest.stages.map((s) => s.code)).toEqual(['initiation', 'planning', 'construction']);
    expect(invest.stages.some((s) => s.mayStartEarly)).toBe(true);
    expect(invest.stages[0]?.mayStartEarly).toBeUndefined();
  });

  it('construction joint approval: five stages, each with departments and a limit in working days', () => {
    // Prepare
    const construction = bundle(seed, 'CONSTRUCTION-JOINT');

    // Act
    const { departments } = mergeBundle(seed, construction);

    // Assess
    expect(construction.stages.map((s) => s.code)).toEqual(['initiation', 'planning', 'design', 'construction', 'acceptance']);
    for (const stage of construction.stages) {
      expect(Number.isInteger(stage.limitDays) && stage.limitDays >= 1).toBe(true);
      expect(departments.find((d) => d.stage === stage.code)?.departments.length).toBeGreaterThanOrEqual(2);
    }
    expect(departments[0]?.departments).toEqual(expect.arrayContaining(['ndrc', 'nrp', 'eco']));
  });

  it('project approval "one document": the four assessments merged into one review', () => {
    // Prepare
    const project = bundle(seed, 'PROJECT-ONE-DOC');
    const review = project.mergedReviews?.[0];

    // Assess: environmental impact, soil and water conservation, energy saving, safety
    expect(review?.items).toHaveLength(4);
    const departments = review?.items.map((code) => seed.items.find((i) => i.baseCode === code)?.department);
    expect(departments).toEqual(['eco', 'water', 'ndrc', 'emergency']);
    expect(review?.items.every((code) => itemsOf(project).includes(code))).toBe(true);
  });

  it('real-estate registration: housing, tax and land registration together in one stage', () => {
    const estate = bundle(seed, 'REAL-ESTATE-ONE');
    expect(estate.stages).toHaveLength(1);
    expect(departmentsOf(seed, estate)).toEqual(new Set(['hurd', 'tax', 'nrp']));
    expect(estate.stages[0]?.limitDays).toBeLessThanOrEqual(10); // 从48个工作日压缩至10个工作日以内
  });
});

describe('bundleGuide', () => {
  it('expands stages, departments, the merged form, materials with their proofs and savings', () => {
    // Act
    const guide = bundleGuide(seed, 'CONSTRUCTION-JOINT', { regionCode: '430623', level: 'county' });

    // Assess
    expect(guide?.catalogVersion).toBe('2026.11.2');
    expect(guide?.leadDepartment.code).toBe('approval');
    expect(guide?.stages).toHaveLength(5);
    const first = guide?.stages[0]?.items[0];
    expect(first?.implementationCode).toBe(`430623${first?.baseCode}`);
    expect(first?.department.name.zh).toMatch(/岳阳市/);
    expect(guide?.totalLimitDays).toBe(guide?.stages.reduce((sum, s) => sum + s.limitDays, 0));
    expect(guide?.departments.length).toBeGreaterThanOrEqual(8);
    const merged = mergeBundle(seed, bundle(seed, 'CONSTRUCTION-JOINT'));
    expect(guide?.formSchema).toEqual(merged.formSchema);
    expect(guide?.sections).toEqual(merged.sections);
    expect(guide?.savings).toEqual(merged.savings);
    expect(guide?.materials.find((m) => m.code === 'M0011')?.proof?.code).toBe('P003');
  });

  it('is undefined for an unknown code, a bundle not offered at the level, and a version without bundles', () => {
    expect(bundleGuide(seed, 'NO-SUCH-BUNDLE', { level: 'city' })).toBeUndefined();
    expect(bundleGuide(seed, 'INVEST-ONE-DRAGON', { level: 'county' })).toBeUndefined();
    expect(bundleGuide(seed, 'INVEST-ONE-DRAGON', { level: 'city' })?.green).toBe(true);
    expect(bundleGuide(previous, 'BIZ-ONE-ENTRY', { level: 'city' })).toBeUndefined();
  });
});

// ── a small hand-made catalog ───────────────────────────────────────────────

function material(code: string, required: boolean, deferrable: boolean): Material {
  return { code, name: { zh: code, en: code }, required, deferrable, originalRequired: false, contentTypes: ['application/pdf'], maxBytes: 1024 };
}

function handItem(baseCode: string, department: string, properties: Record<string, unknown>, required: string[], materials: Material[]): ServiceItem {
  return {
    ...(previous.items[0] as ServiceItem),
    baseCode,
    name: { zh: `事项${baseCode}`, en: `Item ${baseCode}` },
    department,
    levels: ['city', 'county'],
    materials,
    fees: [],
    intermediaries: [],
    formSchema: { type: 'object', additionalProperties: false, required, properties },
  };
}

const name = (minLength: number) => ({ type: 'string', title: '单位名称', 'x-title-en': 'Name', minLength, maxLength: 100 });
const mobile = { type: 'string', title: '联系电话', 'x-title-en': 'Mobile phone', format: 'cn-mobile' };
const ITEM_A = '900000001000';
const ITEM_B = '900000002000';

function handCatalog(): CatalogSource {
  const a = handItem(
    ITEM_A,
    'amr',
    {
      companyName: name(4),
      contactMobile: mobile,
      staffCount: { type: 'number', title: '人数', 'x-title-en': 'Staff', minimum: 0, maximum: 1000 },
      kind: { type: 'string', title: '类型', 'x-title-en': 'Kind', enum: ['甲', '乙', '丙'], 'x-enum-en': ['A', 'B', 'C'] },
      premises: {
        type: 'object', title: '场所', 'x-title-en': 'Premises', additionalProperties: false, required: ['address'],
        properties: { address: { type: 'string', title: '地址', 'x-title-en': 'Address', minLength: 5 } },
      },
      capital: { type: 'number', title: '资本', 'x-title-en': 'Capital', minimum: 1 },
    },
    ['companyName', 'staffCount', 'premises'],
    [material('M9001', true, false), material('M9002', true, true), material('M9003', false, false)],
  );
  const b = handItem(
    ITEM_B,
    'tax',
    {
      companyName: name(2),
      contactMobile: mobile,
      staffCount: { type: 'integer', title: '职工人数', 'x-title-en': 'Employees', minimum: 1, maximum: 500 },
      kind: { type: 'string', title: '类型', 'x-title-en': 'Kind', enum: ['乙', '丙', '丁'], 'x-enum-en': ['B', 'C', 'D'] },
      premises: {
        type: 'object', title: '场所', 'x-title-en': 'Premises', additionalProperties: false, required: ['area'],
        properties: { area: { type: 'number', title: '面积', 'x-title-en': 'Area', minimum: 1 } },
      },
      invoices: { type: 'integer', title: '发票', 'x-title-en': 'Invoices', minimum: 0 },
    },
    ['contactMobile', 'kind', 'premises', 'invoices'],
    [material('M9001', true, false), material('M9002', true, true), material('M9003', true, true), material('M9004', true, false)],
  );
  const source = structuredClone(previous) as CatalogSource;
  source.items = [...source.items, a, b];
  return source;
}

function handBundle(edit?: (b: Bundle) => void): Bundle {
  const b: Bundle = {
    code: 'HAND-MADE',
    name: { zh: '手工一件事', en: 'Hand-made bundle' },
    kind: 'business_registration',
    description: { zh: '测试', en: 'Test' },
    green: false,
    leadDepartment: 'amr',
    levels: ['city', 'county'],
    stages: [{ code: 'parallel', name: { zh: '并联', en: 'Parallel' }, items: [ITEM_A, ITEM_B], limitDays: 3 }],
  };
  edit?.(b);
  return b;
}

describe('mergeBundle on a hand-made bundle', () => {
  it('asks a shared property once, in its stricter definition, with required the union', () => {
    // Prepare
    const source = handCatalog();

    // Act
    const merged = mergeBundle(source, handBundle());

    // Assess
    const properties = merged.formSchema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual(['companyName', 'contactMobile', 'staffCount', 'kind', 'premises', 'capital', 'invoices']);
    expect(merged.formSchema.required).toEqual(['companyName', 'contactMobile', 'staffCount', 'kind', 'premises', 'invoices']);
    expect(properties.companyName).toMatchObject({ minLength: 4, maxLength: 100, title: '单位名称' });
    expect(properties.staffCount).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, title: '人数' });
    expect(properties.kind).toMatchObject({ enum: ['乙', '丙'], 'x-enum-en': ['B', 'C'] });
    expect(properties.premises).toMatchObject({ required: ['address', 'area'], additionalProperties: false });
    expect(merged.conflicts).toEqual([]);
    expect(merged.sections).toEqual([
      { id: 'shared', title: { zh: '共同信息', en: 'Shared information' }, fields: ['companyName', 'contactMobile', 'staffCount', 'kind', 'premises'] },
      { id: ITEM_A, title: { zh: `事项${ITEM_A}`, en: `Item ${ITEM_A}` }, department: 'amr', fields: ['capital'] },
      { id: ITEM_B, title: { zh: `事项${ITEM_B}`, en: `Item ${ITEM_B}` }, department: 'tax', fields: ['invoices'] },
    ]);
    expect(merged.savings.fields).toEqual({ separately: 12, merged: 7, saved: 5, ratio: 5 / 12 });
    expect(merged.departments).toEqual([{ stage: 'parallel', departments: ['amr', 'tax'] }]);
  });

  it('asks each material once: required if any item requires it, deferrable only if every item requiring it allows it', () => {
    // Act
    const { materials, savings } = mergeBundle(handCatalog(), handBundle());

    // Assess
    const byCode = Object.fromEntries(materials.map((m) => [m.code, m]));
    expect(materials.map((m) => m.code)).toEqual(['M9001', 'M9002', 'M9003', 'M9004']);
    expect(byCode.M9001).toMatchObject({ required: true, deferrable: false, items: [ITEM_A, ITEM_B], stage: 'parallel' });
    expect(byCode.M9002).toMatchObject({ required: true, deferrable: true });
    expect(byCode.M9003).toMatchObject({ required: true, deferrable: true, items: [ITEM_A, ITEM_B] }); // optional in A
    expect(byCode.M9004).toMatchObject({ required: true, deferrable: false, items: [ITEM_B] });
    expect(savings.materials).toEqual({ separately: 7, merged: 4, saved: 3, ratio: 3 / 7 });
  });

  it('projects the merged form data back onto each item, and the projections make up the whole', () => {
    // Prepare
    const source = handCatalog();
    const b = handBundle();
    const { formSchema } = mergeBundle(source, b);
    const data = {
      companyName: '岳阳市洞庭餐饮有限公司', contactMobile: '13907301234', staffCount: 12, kind: '乙',
      premises: { address: '岳阳楼区洞庭南路1号', area: 120 }, capital: 50, invoices: 3,
    };

    // Act
    const a = projectForm(source, b, data, ITEM_A);
    const t = projectForm(source, b, data, ITEM_B);

    // Assess
    expect(accepts(formSchema, data)).toBe(true);
    expect(a).toEqual({ companyName: data.companyName, contactMobile: data.contactMobile, staffCount: 12, kind: '乙', premises: { address: data.premises.address }, capital: 50 });
    expect(t).toEqual({ companyName: data.companyName, contactMobile: data.contactMobile, staffCount: 12, kind: '乙', premises: { area: 120 }, invoices: 3 });
    const item = (code: string) => source.items.find((i) => i.baseCode === code) as ServiceItem;
    expect(accepts(item(ITEM_A).formSchema, a)).toBe(true);
    expect(accepts(item(ITEM_B).formSchema, t)).toBe(true);
    expect({ ...a, ...t, premises: { ...(a.premises as object), ...(t.premises as object) } }).toEqual(data);
    expect(() => projectForm(source, b, data, '000105001000')).toThrow(RangeError);
  });

  it('projects the seed business bundle onto each item’s own fields', () => {
    // Prepare
    const biz = bundle(seed, 'BIZ-ONE-ENTRY');
    const data = Object.fromEntries(Object.keys(mergeBundle(seed, biz).formSchema.properties as object).map((k) => [k, `v-${k}`]));

    // Act + Assess
    for (const code of itemsOf(biz)) {
      const own = Object.keys(seed.items.find((i) => i.baseCode === code)?.formSchema.properties as object);
      expect(Object.keys(projectForm(seed, biz, data, code)).sort()).toEqual(own.sort());
    }
  });
});

describe('validateBundle', () => {
  it('accepts the hand-made bundle', () => {
    expect(validateBundle(handCatalog(), handBundle())).toEqual([]);
  });

  it('reports properties two items define incompatibly', () => {
    // Prepare: B asks for the mobile as a number, for kinds A does not know, and for a shorter name than A allows.
    const source = handCatalog();
    const b = source.items.find((i) => i.baseCode === ITEM_B) as ServiceItem;
    const properties = b.formSchema.properties as Record<string, Record<string, unknown>>;
    properties.contactMobile = { type: 'number', title: '电话', 'x-title-en': 'Phone' };
    properties.kind = { ...properties.kind, enum: ['丁'], 'x-enum-en': ['D'] };
    properties.companyName = { ...properties.companyName, maxLength: 3 };

    // Act
    const problems = validateBundle(source, handBundle());

    // Assess
    expect(problems).toEqual([
      `bundle HAND-MADE: property companyName: minLength 4 exceeds maxLength 3 (items ${ITEM_A} and ${ITEM_B})`,
      `bundle HAND-MADE: property contactMobile: type string vs number (items ${ITEM_A} and ${ITEM_B})`,
      `bundle HAND-MADE: property kind: enum values have none in common (items ${ITEM_A} and ${ITEM_B})`,
    ]);
  });

  it('reports a real conflict of the seed: two place-type lists with nothing in common', () => {
    // Prepare: 公共场所卫生许可 and 公众聚集场所消防安全检查 both ask for placeType, from different lists.
    const b = handBundle((x) => {
      x.stages[0]!.items = ['000125001000', '000118001000'];
    });

    // Act
    const problems = validateBundle(seed, b);

    // Assess
    expect(problems).toEqual([
      'bundle HAND-MADE: property placeType: enum values have none in common (items 000125001000 and 000118001000)',
    ]);
  });

  it('reports unknown items, items not offered at its levels, empty stages, short limits, duplicates and stray merged reviews', () => {
    // Prepare
    const b = handBundle((x) => {
      x.code = 'bad code';
      x.stages = [
        { code: 'first', name: { zh: '一', en: 'One' }, items: [ITEM_A, '999999999999', '000101001000'], limitDays: 0, mayStartEarly: true },
        { code: 'first', name: { zh: '二', en: 'Two' }, items: [], limitDays: 2.5 },
        { code: 'third', name: { zh: '三', en: 'Three' }, items: [ITEM_A, ITEM_B], limitDays: 1 },
      ];
      x.mergedReviews = [{ name: { zh: '合并', en: 'Merged' }, items: [ITEM_B, '000105001000'], department: 'nobody' }];
    });

    // Act
    const problems = validateBundle(handCatalog(), b);

    // Assess
    expect(problems).toEqual([
      'bundle bad code: code must match ^[A-Z0-9-]{2,40}$',
      'bundle bad code stage first: limitDays must be whole working days ≥ 1, got 0',
      'bundle bad code stage first: the first stage has no previous stage to start before',
      'bundle bad code stage first: unknown item 999999999999',
      'bundle bad code stage first: item 000101001000 is not implemented at county level',
      'bundle bad code stage first: duplicate stage code',
      'bundle bad code stage first: limitDays must be whole working days ≥ 1, got 2.5',
      'bundle bad code stage first: has no items',
      'bundle bad code: item 900000001000 appears more than once (stages first and third)',
      'bundle bad code mergedReviews[0]: unknown department nobody',
      'bundle bad code mergedReviews[0]: item 000105001000 is not part of the bundle',
    ]);
  });

  it('runs inside validateCatalog, which also refuses two bundles with one code and a stage-less bundle', () => {
    // Prepare
    const copy = structuredClone(seed) as CatalogSource;
    const biz = bundle(copy, 'BIZ-ONE-ENTRY');
    copy.bundles = [...(copy.bundles ?? []), structuredClone(biz), { ...structuredClone(biz), code: 'EMPTY', stages: [] }];

    // Act
    const problems = validateCatalog(copy);

    // Assess
    expect(problems).toEqual(['bundle BIZ-ONE-ENTRY: duplicate code', 'bundle EMPTY: has no stages']);
  });

  it('bundleSummary counts stages, items and departments', () => {
    expect(bundleSummary(handCatalog(), handBundle())).toMatchObject({ stageCount: 1, itemCount: 2, departmentCount: 2 });
  });
});
