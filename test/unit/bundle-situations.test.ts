/**
 * Situation questions (情形选择) and what a bundle produces, on catalog 2026.12.1's business
 * registration and on hand-made variants of it: the items the answers include, the merged
 * form and materials without what the bundle issues itself, the fees and delivery modes
 * that follow, and the catalog validation of the new fields.
 */
import { describe, expect, it } from 'vitest';
import { publishedCatalogs } from '../../catalog/index.js';
import type { Bundle, CatalogSource, SituationAnswers } from '../../contracts/catalog.js';
import { feePlanFor } from '../../functions/app/fee-plans.js';
import { answerProblems, bundleDeliveryModes, bundleGuide, guideAnswers, mergeBundle, parseAnswers, projectForm, validateBundle } from '../../functions/domain/bundles.js';
import { validateCatalog } from '../../functions/domain/catalog-validation.js';
import { ValidationError } from '../../functions/domain/errors.js';
import { bundleSubject } from '../../functions/domain/subject.js';

const source = publishedCatalogs['2026.12.1'] as CatalogSource;
const BIZ = 'BIZ-ONE-ENTRY';
const REGISTRATION = '000105001000';
const SEALS = '000103005000';
const FOOD = '000105002000';
const TAX = '000119003000';
const scope = { regionCode: '430600', level: 'county' as const };

const biz = (from: CatalogSource = source): Bundle => from.bundles!.find((b) => b.code === BIZ)!;
const answers = (yes: string[] = []): SituationAnswers => Object.fromEntries(biz().situations!.map((s) => [s.code, yes.includes(s.code)]));
const itemsOf = (b: Bundle, a: SituationAnswers) => bundleSubject(source, b.code, scope, a)!.stages.flatMap((s) => s.items.map((i) => i.itemCode));

describe('business registration in 2026.12.1: the answers decide the items', () => {
  it('keeps the licence and the tax set-up whatever the answers, and adds each conditional item on its yes', () => {
    // Act
    const core = itemsOf(biz(), answers());
    const restaurant = itemsOf(biz(), answers(['needsSeals', 'hiresStaff', 'sellsFood']));
    const everything = itemsOf(biz(), answers(biz().situations!.map((s) => s.code)));

    // Assess
    expect(core).toEqual([REGISTRATION, TAX]);
    expect(restaurant).toEqual(expect.arrayContaining([REGISTRATION, TAX, SEALS, FOOD, '000107002000', '000107001000', '000120003000', '000126002000']));
    expect(restaurant).toHaveLength(8);
    expect(everything).toHaveLength(11);
  });

  it('asks neither the credit code nor the business licence: the registration stage before assigns and issues them', () => {
    // Act
    const merged = mergeBundle(source, biz(), answers(['needsSeals', 'sellsFood']));

    // Assess
    expect(Object.keys(merged.formSchema.properties as object)).not.toContain('creditCode');
    expect(merged.formSchema.required).not.toContain('creditCode');
    expect(merged.materials.map((m) => m.code)).not.toContain('M0001');
    expect(merged.produced).toEqual([expect.objectContaining({ code: 'M0001', proof: 'P001', producedBy: REGISTRATION, items: [SEALS, TAX, FOOD] })]);
    expect(merged.assigned).toEqual([{ field: 'creditCode', title: { zh: '统一社会信用代码', en: 'Unified social credit code' }, items: [SEALS, TAX, FOOD], assignedBy: REGISTRATION }]);
    // the assigned code, once in the case's form, is part of each later item's projection
    expect(projectForm(source, biz(), { creditCode: '91430600MA4T8K2L39', companyName: '岳阳' }, FOOD)).toMatchObject({ creditCode: '91430600MA4T8K2L39' });
  });

  it('gives the registration task the fields it assigns, and shortens a stage the answers shorten to its slowest item', () => {
    // Act
    const stages = bundleSubject(source, BIZ, scope, answers())!.stages;

    // Assess
    expect(stages[0]!.items).toEqual([expect.objectContaining({ itemCode: REGISTRATION, assigns: ['creditCode'] })]);
    expect(stages[1]!.items.map((i) => i.itemCode)).toEqual([TAX]);
    expect(stages[1]!.items[0]!.assigns).toBeUndefined();
    // every item in: the catalog's limit; only the tax set-up (1 day): one day
    expect(bundleSubject(source, BIZ, scope, answers(biz().situations!.map((s) => s.code)))!.stages[1]!.limitDays).toBe(4);
    expect(stages[1]!.limitDays).toBe(1);
  });

  it('prices only the included items: engraved seals charge their fee, and answers are required', () => {
    // Act
    const withSeals = feePlanFor(source, { bundleCode: BIZ, answers: answers(['needsSeals']) }, {});
    const without = feePlanFor(source, { bundleCode: BIZ, answers: answers() }, {});
    const missing = () => feePlanFor(source, { bundleCode: BIZ, answers: { needsSeals: true } }, {});

    // Assess
    expect(withSeals?.lines.map((l) => [l.feeCode, l.amountFen])).toEqual([['F014', 12_000]]);
    expect(without).toBeUndefined();
    expect(missing).toThrow(ValidationError);
    try {
      missing();
    } catch (error) {
      expect((error as ValidationError).fields?.map((f) => f.path)).toContain('/answers/hiresStaff');
    }
  });

  it('offers no electronic-only delivery once engraved seals are included', () => {
    const guide = (yes: string[]) => bundleGuide(source, BIZ, scope, answers(yes))!;
    expect(guide(['needsSeals']).deliveryModes).toEqual(['courier']);
    expect(guide(['needsSeals']).stages.flatMap((s) => s.items).find((i) => i.baseCode === SEALS)?.physicalResult).toBe(true);
    expect(guide([]).deliveryModes).toContain('electronic');
    expect(bundleDeliveryModes([{ deliveryModes: ['courier', 'pickup', 'electronic'], physicalResult: true }])).toEqual(['courier', 'pickup']);
  });

  it('guides the core items with the questions when no answers are given, and says why each conditional item is out', () => {
    // Act
    const core = bundleGuide(source, BIZ, scope)!;
    const answered = bundleGuide(source, BIZ, scope, answers(['sellsFood']))!;

    // Assess
    expect(core.answered).toBe(false);
    expect(core.situations.map((s) => s.code)).toEqual(['needsSeals', 'hiresStaff', 'sellsFood', 'sellsLiquor', 'publicVenue', 'dischargesSewage']);
    expect(core.situations.every((s) => s.answer === undefined)).toBe(true);
    expect(core.excludedItems).toHaveLength(9);
    expect(answered.situations.find((s) => s.code === 'sellsFood')?.answer).toBe(true);
    expect(answered.excludedItems.map((i) => i.situation)).not.toContain('sellsFood');
    expect(answered.materials.map((m) => m.code)).toContain('M0030');
    expect(core.materials.map((m) => m.code)).not.toContain('M0030');
  });

  it('leaves 2026.11.3 as published: it still asks the credit code and the licence', () => {
    const old = publishedCatalogs['2026.11.3'] as CatalogSource;
    const merged = mergeBundle(old, biz(old));
    expect(Object.keys(merged.formSchema.properties as object)).toContain('creditCode');
    expect(merged.materials.map((m) => m.code)).toContain('M0001');
    expect(merged.produced).toEqual([]);
  });
});

describe('answers as given', () => {
  it('names each missing and unknown question', () => {
    const { needsSeals: _, ...rest } = answers();
    expect(answerProblems(biz(), { ...rest, sellsCars: true }).map((p) => p.path)).toEqual(['/answers/needsSeals', '/answers/sellsCars']);
    expect(answerProblems(biz(), answers())).toEqual([]);
  });

  it('reads the query form and names the part at fault', () => {
    expect(parseAnswers('needsSeals:yes,hiresStaff:false')).toEqual({ answers: { needsSeals: true, hiresStaff: false }, problems: [] });
    expect(parseAnswers('needsSeals=yes').problems).toEqual([
      { path: 'query:answers', message: '“needsSeals=yes” is not question:yes or question:no', rule: 'answer_malformed', params: { part: 'needsSeals=yes' } },
    ]);
    expect(parseAnswers('needsSeals:yes,needsSeals:no').problems[0]?.message).toBe('needsSeals is answered twice');
    expect(guideAnswers(biz(), 'needsSeals:maybe').problems).toHaveLength(1);
    expect(guideAnswers(biz(), 'needsSeals:yes').problems.map((p) => p.path)).toContain('query:answers.hiresStaff');
  });
});

describe('catalog validation of situations, assigned fields and physical results', () => {
  const withBiz = (edit: (b: Bundle, s: CatalogSource) => void): string[] => {
    const copy = structuredClone(source) as CatalogSource;
    edit(biz(copy), copy);
    return validateCatalog(copy);
  };

  it('accepts 2026.12.1', () => {
    expect(validateCatalog(source)).toEqual([]);
  });

  it('reports bad codes, empty texts, stray and twice-included items, a bundle with no core item', () => {
    const problems = withBiz((b) => {
      b.situations = [
        { code: 'Bad code', question: { zh: '', en: 'x' }, includes: [SEALS, '999999999999'] },
        { code: 'again', question: { zh: '再', en: 'Again' }, includes: [SEALS] },
        { code: 'rest', question: { zh: '其余', en: 'Rest' }, default: 'yes' as unknown as boolean, includes: b.stages.flatMap((s) => s.items).filter((c) => c !== SEALS) },
      ];
    });
    expect(problems).toEqual([
      'bundle BIZ-ONE-ENTRY situation Bad code: code must match ^[a-z][A-Za-z0-9]{1,39}$',
      'bundle BIZ-ONE-ENTRY situation Bad code question: needs non-empty zh and en text',
      'bundle BIZ-ONE-ENTRY situation Bad code: item 999999999999 is not part of the bundle',
      'bundle BIZ-ONE-ENTRY situation again: item 000103005000 is already included by situation Bad code',
      'bundle BIZ-ONE-ENTRY situation rest: default must be true or false',
      'bundle BIZ-ONE-ENTRY: needs at least one core item (one no situation includes)',
    ]);
  });

  it('reports answers leaving no delivery mode every included item shares', () => {
    const problems = withBiz((_b, s) => {
      s.items.find((i) => i.baseCode === FOOD)!.deliveryModes = ['electronic'];
    });
    expect(problems).toEqual(['bundle BIZ-ONE-ENTRY: no delivery mode suits every included item when answering yes to needsSeals, sellsFood']);
  });

  it('reports an assigned field the item asks itself or no other item asks, and a physical result delivered electronically', () => {
    const problems = withBiz((_b, s) => {
      s.items.find((i) => i.baseCode === REGISTRATION)!.assigns = ['companyName', 'nobodyAsks'];
      s.items.find((i) => i.baseCode === SEALS)!.deliveryModes = ['courier', 'electronic'];
    });
    expect(problems).toEqual(expect.arrayContaining([
      `item ${REGISTRATION}: assigns companyName, which its own form asks for`,
      `item ${REGISTRATION}: assigns nobodyAsks, which no other item's form asks for`,
      `item ${SEALS}: a physical result cannot be delivered electronically`,
    ]));
  });

  it('runs the situation checks in validateBundle', () => {
    const b = structuredClone(biz());
    b.situations = [];
    expect(validateBundle(source, b)).toEqual(['bundle BIZ-ONE-ENTRY: situations must be a list of 1 to 10 questions']);
  });
});
