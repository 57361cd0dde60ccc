import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource, Department, FeeItem, FeeRule } from '../../contracts/catalog.js';
import { mergeBundle } from '../../functions/domain/bundles.js';
import { formatFen } from '../../contracts/money.js';
import { FeeInputError, feeLine, reconcile, splitByDepartment, ticketLines, ticketTotal } from '../../functions/domain/fees.js';
import type { FeeLine } from '../../contracts/tickets.js';
import { sampleFor } from '../../scripts/simulate/sample-form.js';

const seed = publishedCatalogs['2026.11.3'] as CatalogSource;
const TODAY = '2026-11-16';

function fee(code: string): FeeItem {
  const found = seed.fees.find((f) => f.code === code);
  if (!found) throw new Error(`no fee ${code}`);
  return found;
}

/** A seed fee item with its per-unit rounding replaced, to try every rounding on one rate. */
function withRounding(code: string, rounding: 'ceil' | 'floor' | 'half_up'): FeeItem {
  const f = fee(code);
  if (f.rule.kind !== 'per_unit') throw new Error(`${code} is not per_unit`);
  return { ...f, rule: { ...f.rule, rounding } };
}

const sum = (ns: number[]) => ns.reduce((a, n) => a + BigInt(n), 0n);

/** The error `act` throws, for asserting on its fields. */
function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

// ── examples on the seed's fee schedule ─────────────────────────────────────

describe('feeLine on the 2026.11.3 fee schedule', () => {
  it('charges F002 (civil air defence relocation) only when the basement is relocated', () => {
    // Act
    const relocated = feeLine(fee('F002'), { floorArea: 1000, relocation: true });
    const builtOnSite = feeLine(fee('F002'), { floorArea: 1000, relocation: false });

    // Assess
    expect(relocated.amountFen).toBe(2_200_000);
    expect(relocated.inputs).toMatchObject({ charged: true, units: 1000 });
    expect(builtOnSite.amountFen).toBe(0);
    expect(builtOnSite.inputs).toMatchObject({ charged: false, units: 1000 });
    expect(() => feeLine(fee('F002'), { floorArea: 1000 })).toThrow(FeeInputError);
  });

  it('charges a fixed fee whatever the form holds', () => {
    // Act
    const line = feeLine(fee('F003'), {});

    // Assess
    expect(line).toEqual({
      feeCode: 'F003',
      department: 'nrp',
      name: fee('F003').name,
      basis: fee('F003').basis,
      rule: 'fixed',
      inputs: {},
      amountFen: 8000,
    });
  });

  it('F001 (hurd, ¥90/m², ceil) charges 1234.5 m² as 1235 m²', () => {
    // Act
    const line = feeLine(fee('F001'), { floorArea: 1234.5 });

    // Assess
    expect(line.rule).toBe('per_unit');
    expect(line.inputs).toMatchObject({ field: '/floorArea', quantity: 1234.5, units: 1235, fenPerUnit: 9000 });
    expect(line.amountFen).toBe(11_115_000); // 1235 × 9000
  });

  it.each([
    ['ceil', 1234.5, 1235, 11_115_000],
    ['floor', 1234.5, 1234, 11_106_000],
    ['half_up', 1234.5, 1235, 11_115_000],
    ['half_up', 1234.49, 1234, 11_106_000],
    ['ceil', 1234.01, 1235, 11_115_000],
    ['floor', 1234.99, 1234, 11_106_000],
    ['ceil', 1234, 1234, 11_106_000],
    ['floor', 0.5, 0, 0],
  ] as const)('F001 rate with %s rounding: %s m² → %i units → %i fen', (rounding, area, units, amountFen) => {
    // Prepare
    const item = withRounding('F001', rounding);

    // Act
    const line = feeLine(item, { floorArea: area });

    // Assess
    expect(line.inputs.units).toBe(units);
    expect(line.amountFen).toBe(amountFen);
  });

  it('F002 (civdef, ¥22/m², half_up) rounds .5 up and .49 down', () => {
    // Act
    const up = feeLine(fee('F002'), { floorArea: 1234.5, relocation: true });
    const down = feeLine(fee('F002'), { floorArea: 1234.49, relocation: true });

    // Assess
    expect(up.amountFen).toBe(2_717_000); // 1235 × 2200
    expect(down.amountFen).toBe(2_714_800); // 1234 × 2200
  });

  it('F011 (urban, ¥3/m³, floor) counts whole cubic metres only', () => {
    // Act
    const line = feeLine(fee('F011'), { wasteVolume: 1234.5 });

    // Assess
    expect(line.amountFen).toBe(370_200); // 1234 × 300
  });

  it('F005 (water, ¥1.40/m², ceil) charges 0.1 m² as one whole m²', () => {
    // Act
    const line = feeLine(fee('F005'), { disturbedArea: 0.1 });

    // Assess
    expect(line.amountFen).toBe(140);
  });

  it('rounds exactly at the extremes: exponent-written quantities and the largest floor area', () => {
    // Act
    const tiny = feeLine(withRounding('F001', 'ceil'), { floorArea: 1e-7 });
    const tinyFloor = feeLine(withRounding('F001', 'floor'), { floorArea: 1e-7 });
    const largest = feeLine(withRounding('F001', 'ceil'), { floorArea: 9_999_999.99 });
    const exact = feeLine(withRounding('F001', 'floor'), { floorArea: 1e7 });

    // Assess
    expect(tiny.amountFen).toBe(9000);
    expect(tinyFloor.amountFen).toBe(0);
    expect(largest.amountFen).toBe(90_000_000_000);
    expect(exact.amountFen).toBe(90_000_000_000);
  });

  it.each([
    [0.1, 200_000],
    [20, 200_000],
    [20.01, 800_000],
    [100, 800_000],
    [100.5, 3_000_000],
    [500, 3_000_000],
    [500.01, 6_000_000],
    [100_000, 6_000_000],
  ])('F010 (urban, tiered) charges %s m² of excavation %i fen', (area, amountFen) => {
    // Act
    const line = feeLine(fee('F010'), { excavationArea: area });

    // Assess
    expect(line.rule).toBe('tiered');
    expect(line.inputs.field).toBe('/excavationArea');
    expect(line.inputs.quantity).toBe(area);
    expect(line.amountFen).toBe(amountFen);
  });

  it('F004 (nrp, waived for small and micro enterprises) is 0 when the condition holds, ¥550 otherwise', () => {
    // Act
    const waived = feeLine(fee('F004'), { smallMicroEnterprise: true });
    const charged = feeLine(fee('F004'), { smallMicroEnterprise: false });

    // Assess
    expect(waived.inputs).toMatchObject({ field: '/smallMicroEnterprise', waived: true });
    expect(waived.amountFen).toBe(0);
    expect(charged.inputs).toMatchObject({ field: '/smallMicroEnterprise', waived: false });
    expect(charged.amountFen).toBe(55_000);
  });

  it('reads nested JSON pointers', () => {
    // Prepare
    const nested: FeeItem = { ...fee('F001'), rule: { ...(fee('F001').rule as FeeRule & { kind: 'per_unit' }), field: '/project/floorArea' } };

    // Act
    const line = feeLine(nested, { project: { floorArea: 10 } });

    // Assess
    expect(line.amountFen).toBe(90_000);
  });

  it('refuses a missing quantity with a FeeInputError naming the field', () => {
    // Act
    const error = thrown(() => feeLine(fee('F001'), { projectName: 'x' }));

    // Assess
    expect(error).toBeInstanceOf(FeeInputError);
    expect(error).toMatchObject({ name: 'FeeInputError', feeCode: 'F001', field: '/floorArea' });
    expect((error as Error).message).toContain('/floorArea');
  });

  it.each([
    ['F001', { floorArea: '1234.5' }, '/floorArea'],
    ['F001', { floorArea: Number.NaN }, '/floorArea'],
    ['F001', { floorArea: Number.POSITIVE_INFINITY }, '/floorArea'],
    ['F001', { floorArea: -1 }, '/floorArea'],
    ['F001', { floorArea: null }, '/floorArea'],
    ['F010', { excavationArea: [5] }, '/excavationArea'],
    ['F004', {}, '/smallMicroEnterprise'],
    ['F004', { smallMicroEnterprise: 'true' }, '/smallMicroEnterprise'],
    ['F001', { floorArea: 1e13 }, '/floorArea'], // 9e16 fen: not a safe integer
  ])('refuses %s with %j: FeeInputError on %s, never NaN', (code, form, field) => {
    // Act
    const error = thrown(() => feeLine(fee(code), form));

    // Assess
    expect(error).toBeInstanceOf(FeeInputError);
    expect((error as FeeInputError).field).toBe(field);
  });
});

// ── tickets, totals, splits on the seed ─────────────────────────────────────

describe('a ticket for the construction joint approval bundle', () => {
  const form = {
    floorArea: 1234.5,
    disturbedArea: 3000.25,
    wasteVolume: 500.7,
    equipmentCount: 3,
    relocation: true,
    smallMicroEnterprise: false,
  };

  it('has one line per (department, fee item) in stage order, adding up to the total', () => {
    // Act
    const lines = ticketLines(seed, { bundleCode: 'CONSTRUCTION-JOINT' }, form);
    const total = ticketTotal(lines);

    // Assess
    expect(lines.map((l) => [l.feeCode, l.department, l.amountFen])).toEqual([
      ['F005', 'water', 420_140], // ceil(3000.25) = 3001 × 140
      ['F002', 'civdef', 2_717_000], // half_up(1234.5) = 1235 × 2200, the basement relocated
      ['F013', 'meteo', 150_000], // 1234.5 m² falls in the first tier (≤ 10,000 m²)
      ['F001', 'hurd', 11_115_000], // ceil(1234.5) = 1235 × 9000
      ['F011', 'urban', 150_000], // floor(500.7) = 500 × 300
      ['F012', 'amr', 90_000], // 3 units × 30000
      ['F004', 'nrp', 55_000], // not a small or micro enterprise
    ]);
    expect(total).toBe(14_697_140);
    expect(formatFen(total)).toBe('¥146,971.40');
  });

  it('splits to each department’s account, adding up to the total exactly', () => {
    // Prepare
    const lines = ticketLines(seed, { bundleCode: 'CONSTRUCTION-JOINT' }, form);

    // Act
    const split = splitByDepartment(lines, seed.departments);

    // Assess
    expect(split).toEqual([
      { department: 'water', account: 'YY-FIN-water-001', amountFen: 420_140 },
      { department: 'civdef', account: 'YY-FIN-civdef-001', amountFen: 2_717_000 },
      { department: 'meteo', account: 'YY-FIN-meteo-001', amountFen: 150_000 },
      { department: 'hurd', account: 'YY-FIN-hurd-001', amountFen: 11_115_000 },
      { department: 'urban', account: 'YY-FIN-urban-001', amountFen: 150_000 },
      { department: 'amr', account: 'YY-FIN-amr-001', amountFen: 90_000 },
      { department: 'nrp', account: 'YY-FIN-nrp-001', amountFen: 55_000 },
    ]);
    expect(sum(split.map((s) => s.amountFen))).toBe(BigInt(ticketTotal(lines)));
  });

  it('lists a fee item once even when two items of the bundle list it', () => {
    // Prepare — the civil air defence item also lists F001, and one item sits in two stages
    const source: CatalogSource = {
      ...seed,
      items: seed.items.map((i) => (i.baseCode === '000123001000' ? { ...i, fees: ['F002', 'F001'] } : i)),
      bundles: (seed.bundles ?? []).map((b) =>
        b.code === 'CONSTRUCTION-JOINT'
          ? { ...b, stages: b.stages.map((s, n) => (n === 4 ? { ...s, items: [...s.items, '000110001000'] } : s)) }
          : b,
      ),
    };

    // Act
    const lines = ticketLines(source, { bundleCode: 'CONSTRUCTION-JOINT' }, form);

    // Assess
    expect(lines.map((l) => l.feeCode)).toEqual(['F005', 'F002', 'F001', 'F013', 'F011', 'F012', 'F004']);
  });

  it('puts a department with two fee items on one split entry (vehicle registration, psb)', () => {
    // Prepare
    const lines = ticketLines(seed, { itemCode: '000103001000' }, {});

    // Act
    const split = splitByDepartment(lines, seed.departments);

    // Assess
    expect(lines.map((l) => l.amountFen)).toEqual([10_000, 1_000]);
    expect(split).toEqual([{ department: 'psb', account: 'YY-FIN-psb-001', amountFen: 11_000 }]);
  });

  it('has no lines for a free item', () => {
    // Act
    const lines = ticketLines(seed, { itemCode: '000105001000' }, {});

    // Assess
    expect(lines).toEqual([]);
    expect(ticketTotal(lines)).toBe(0);
    expect(splitByDepartment(lines, seed.departments)).toEqual([]);
  });

  it('refuses unknown codes, neither code or both, and departments without an account', () => {
    // Assess
    expect(() => ticketLines(seed, { bundleCode: 'NO-SUCH' }, form)).toThrow(RangeError);
    expect(() => ticketLines(seed, { itemCode: '999999999999' }, form)).toThrow(RangeError);
    expect(() => ticketLines(seed, {}, form)).toThrow(RangeError);
    expect(() => ticketLines(seed, { itemCode: '000110001000', bundleCode: 'CONSTRUCTION-JOINT' }, form)).toThrow(RangeError);
    expect(() =>
      splitByDepartment([{ department: 'nowhere', amountFen: 1 }], seed.departments),
    ).toThrow(/nowhere/);
  });

  it('refuses a total beyond Number.MAX_SAFE_INTEGER and amounts that are not fen', () => {
    // Assess
    expect(() => ticketTotal([{ amountFen: Number.MAX_SAFE_INTEGER }, { amountFen: 1 }])).toThrow(RangeError);
    expect(() => ticketTotal([{ amountFen: 1.5 }])).toThrow(RangeError);
    expect(() => ticketTotal([{ amountFen: -1 }])).toThrow(RangeError);
    expect(ticketTotal([{ amountFen: Number.MAX_SAFE_INTEGER - 1 }, { amountFen: 1 }])).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('reconcile', () => {
  it('reports nothing when every ticket’s splits add up to its payment', () => {
    // Act
    const discrepancies = reconcile(
      [{ ticketNumber: 'T1', amountFen: 300 }, { ticketNumber: 'T2', amountFen: 0 }],
      [
        { ticketNumber: 'T1', department: 'hurd', amountFen: 100 },
        { ticketNumber: 'T1', department: 'water', amountFen: 200 },
      ],
    );

    // Assess
    expect(discrepancies).toEqual([]);
  });

  it('reports a split off by one fen, a payment never split and a split without payment', () => {
    // Act
    const discrepancies = reconcile(
      [{ ticketNumber: 'T1', amountFen: 300 }, { ticketNumber: 'T2', amountFen: 500 }],
      [
        { ticketNumber: 'T1', department: 'hurd', amountFen: 100 },
        { ticketNumber: 'T1', department: 'water', amountFen: 199 },
        { ticketNumber: 'T3', department: 'nrp', amountFen: 7 },
      ],
    );

    // Assess
    expect(discrepancies).toEqual([
      { ticketNumber: 'T1', paidFen: 300, splitFen: 299, differenceFen: -1 },
      { ticketNumber: 'T2', paidFen: 500, splitFen: 0, differenceFen: -500 },
      { ticketNumber: 'T3', paidFen: 0, splitFen: 7, differenceFen: 7 },
    ]);
  });
});

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [123_456, '¥1,234.56'],
    [100_000_000, '¥1,000,000.00'],
    [14_457_140, '¥144,571.40'],
    [-5, '-¥0.05'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
  ])('%i fen is %s', (fen, text) => {
    // Act / Assess
    expect(formatFen(fen)).toBe(text);
  });

  it('refuses what is not a whole number of fen', () => {
    // Assess
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips every safe integer (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        // Act
        const text = formatFen(fen);

        // Assess
        expect(text).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(Number(text.replace(/[¥,.]/g, ''))).toBe(fen);
      }),
    );
  });
});

// ── property-based ──────────────────────────────────────────────────────────

const FIELDS = ['/floorArea', '/disturbedArea', '/forestArea', '/wasteVolume', '/excavationArea'] as const;
const FLAGS = ['/smallMicroEnterprise', '/relocation'] as const;
const DEPARTMENTS: Department[] = ['hurd', 'civdef', 'nrp', 'water', 'forestry', 'psb', 'urban'].map((code) => ({
  code,
  name: { zh: code, en: code },
  account: `ACC-${code}`,
}));
const UNIT = { zh: '平方米', en: 'm²' };

/** A quantity with up to 2 decimals, as hundredths (the oracle) and as the form's number. */
const hundredths = fc.integer({ min: 0, max: 10_000_000_00 });
const fenAmount = fc.integer({ min: 0, max: 100_000_000 });

const ruleArb: fc.Arbitrary<FeeRule> = fc.oneof(
  fenAmount.map((amountFen) => ({ kind: 'fixed' as const, amountFen })),
  fc.record({
    kind: fc.constant('per_unit' as const),
    field: fc.constantFrom(...FIELDS),
    unit: fc.constant(UNIT),
    fenPerUnit: fc.integer({ min: 0, max: 100_000 }),
    rounding: fc.constantFrom('ceil' as const, 'floor' as const, 'half_up' as const),
  }),
  fc
    .record({
      field: fc.constantFrom(...FIELDS),
      bounds: fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000_00 }), { minLength: 0, maxLength: 5 }),
      amounts: fc.array(fenAmount, { minLength: 6, maxLength: 6 }),
    })
    .map(({ field, bounds, amounts }) => ({
      kind: 'tiered' as const,
      field,
      unit: UNIT,
      tiers: [
        ...[...bounds].sort((a, b) => a - b).map((b, i) => ({ upTo: b / 100, amountFen: amounts[i] as number })),
        { upTo: null, amountFen: amounts[5] as number },
      ],
    })),
  fc.record({
    kind: fc.constant('waived' as const),
    field: fc.constantFrom(...FLAGS),
    condition: fc.constant({ zh: '条件', en: 'condition' }),
    amountFen: fenAmount,
  }),
);

const scheduleArb = fc
  .array(fc.record({ rule: ruleArb, department: fc.constantFrom(...DEPARTMENTS.map((d) => d.code)) }), {
    minLength: 0,
    maxLength: 12,
  })
  .map((entries) =>
    entries.map(
      ({ rule, department }, i): FeeItem => ({
        code: `P${String(i).padStart(3, '0')}`,
        name: { zh: `费${i}`, en: `Fee ${i}` },
        department,
        basis: { zh: '依据', en: 'basis' },
        rule,
      }),
    ),
  );

/** Form data: every quantity field (kept as hundredths too, for the oracle) and every flag. */
const formArb = fc.record({
  quantities: fc.tuple(...FIELDS.map(() => hundredths)),
  flags: fc.tuple(...FLAGS.map(() => fc.boolean())),
});
type FormSample = { quantities: number[]; flags: boolean[] };

function formOf({ quantities, flags }: FormSample): Record<string, unknown> {
  return Object.fromEntries([
    ...FIELDS.map((f, i) => [f.slice(1), (quantities[i] as number) / 100]),
    ...FLAGS.map((f, i) => [f.slice(1), flags[i]]),
  ]);
}

/** The amount by integer arithmetic on hundredths: the oracle `feeLine` must agree with. */
function expectedFen(rule: FeeRule, { quantities, flags }: FormSample): bigint {
  const q = (field: string) => BigInt(quantities[FIELDS.indexOf(field as (typeof FIELDS)[number])] as number);
  switch (rule.kind) {
    case 'fixed':
      return BigInt(rule.amountFen);
    case 'per_unit': {
      const h = q(rule.field);
      const units = rule.rounding === 'floor' ? h / 100n : rule.rounding === 'ceil' ? (h + 99n) / 100n : (h + 50n) / 100n;
      return units * BigInt(rule.fenPerUnit);
    }
    case 'tiered': {
      const h = q(rule.field);
      const tier = rule.tiers.find((t) => t.upTo === null || h <= BigInt(Math.round(t.upTo * 100)));
      return BigInt(tier?.amountFen ?? -1);
    }
    case 'waived':
      return flags[FLAGS.indexOf(rule.field as (typeof FLAGS)[number])] ? 0n : BigInt(rule.amountFen);
  }
}

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

describe('fee rules and the split (properties)', () => {
  it('every amount is a non-negative safe integer equal to the integer-arithmetic oracle', () => {
    fc.assert(
      fc.property(scheduleArb, formArb, (schedule, sample) => {
        // Prepare
        const form = formOf(sample);

        // Act
        const lines = schedule.map((f) => feeLine(f, form));

        // Assess
        lines.forEach((line, i) => {
          const f = schedule[i] as FeeItem;
          expect(isFen(line.amountFen)).toBe(true);
          expect(BigInt(line.amountFen)).toBe(expectedFen(f.rule, sample));
          expect(line.rule).toBe(f.rule.kind);
          expect(line.department).toBe(f.department);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the lines add up to the total, and the department splits add up to it exactly', () => {
    fc.assert(
      fc.property(scheduleArb, formArb, (schedule, sample) => {
        // Prepare
        const form = formOf(sample);

        // Act
        const lines = schedule.map((f) => feeLine(f, form));
        const total = ticketTotal(lines);
        const split = splitByDepartment(lines, DEPARTMENTS);

        // Assess
        expect(isFen(total)).toBe(true);
        expect(BigInt(total)).toBe(sum(lines.map((l) => l.amountFen)));
        expect(sum(split.map((s) => s.amountFen))).toBe(BigInt(total));
        expect(split.map((s) => s.department).sort()).toEqual([...new Set(lines.map((l) => l.department))].sort());
        for (const s of split) {
          expect(isFen(s.amountFen)).toBe(true);
          expect(s.account).toBe(`ACC-${s.department}`);
          expect(BigInt(s.amountFen)).toBe(sum(lines.filter((l) => l.department === s.department).map((l) => l.amountFen)));
        }
      }),
      { numRuns: 300 },
    );
  });

  /** Tickets, each paid its total and split by department. */
  const ticketsArb = fc
    .array(fc.tuple(scheduleArb, formArb), { minLength: 1, maxLength: 8 })
    .map((cases) =>
      cases.map(([schedule, sample], n) => {
        const lines: FeeLine[] = schedule.map((f) => feeLine(f, formOf(sample)));
        const ticketNumber = `YY-2026-${String(n).padStart(6, '0')}`;
        return {
          payment: { ticketNumber, amountFen: ticketTotal(lines) },
          splits: splitByDepartment(lines, DEPARTMENTS).map((s) => ({ ticketNumber, department: s.department, amountFen: s.amountFen })),
        };
      }),
    );

  it('reconcile reports nothing for consistent payments and splits', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        // Act
        const discrepancies = reconcile(
          tickets.map((t) => t.payment),
          tickets.flatMap((t) => t.splits),
        );

        // Assess
        expect(discrepancies).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('reconcile reports exactly the tampered ticket when one split is off by one fen', () => {
    fc.assert(
      fc.property(
        ticketsArb.filter((tickets) => tickets.some((t) => t.splits.length > 0)),
        fc.nat(),
        fc.boolean(),
        (tickets, pick, up) => {
          // Prepare
          const splits = tickets.flatMap((t) => t.splits);
          const index = pick % splits.length;
          const target = splits[index] as (typeof splits)[number];
          const delta = up || target.amountFen === 0 ? 1 : -1;
          const tampered = splits.map((s, i) => (i === index ? { ...s, amountFen: s.amountFen + delta } : s));

          // Act
          const discrepancies = reconcile(
            tickets.map((t) => t.payment),
            tampered,
          );

          // Assess
          expect(discrepancies.map((d) => d.ticketNumber)).toEqual([target.ticketNumber]);
          expect(discrepancies[0]?.differenceFen).toBe(delta);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ── the published catalog ───────────────────────────────────────────────────

describe('every fee of the published 2026.11.3 catalog', () => {
  const withFees = seed.items.filter((i) => i.fees.length > 0);

  it('covers all four rule kinds, and the construction bundle charges for seven departments on one ticket', () => {
    // Prepare
    const construction = seed.bundles?.find((b) => b.code === 'CONSTRUCTION-JOINT');
    const codes = construction?.stages.flatMap((s) => s.items) ?? [];
    const departments = new Set(codes.flatMap((code) => seed.items.find((i) => i.baseCode === code)?.fees ?? []).map((code) => fee(code).department));

    // Assess
    expect(departments.size).toBe(7);
    expect(new Set(seed.fees.map((f) => f.rule.kind))).toEqual(new Set(['fixed', 'per_unit', 'tiered', 'waived']));
  });

  it.each(withFees.map((i) => [i.baseCode, i] as const))('item %s prices the sample form of its own schema', (_code, item) => {
    // Prepare
    const form = sampleFor(item.formSchema, TODAY) as Record<string, unknown>;

    // Act
    const lines = ticketLines(seed, { itemCode: item.baseCode }, form);

    // Assess
    expect(lines.map((l) => l.feeCode)).toEqual(item.fees);
    for (const line of lines) expect(isFen(line.amountFen)).toBe(true);
    expect(sum(splitByDepartment(lines, seed.departments).map((s) => s.amountFen))).toBe(BigInt(ticketTotal(lines)));
  });

  it.each((seed.bundles ?? []).map((b) => [b.code, b] as const))('bundle %s prices the sample of its merged form', (_code, bundle) => {
    // Prepare
    const form = sampleFor(mergeBundle(seed, bundle).formSchema as Parameters<typeof sampleFor>[0], TODAY) as Record<string, unknown>;
    const expected = [
      ...new Set(
        bundle.stages.flatMap((s) => s.items).flatMap((code) => seed.items.find((i) => i.baseCode === code)?.fees ?? []),
      ),
    ];

    // Act
    const lines = ticketLines(seed, { bundleCode: bundle.code }, form);

    // Assess
    expect(lines.map((l) => l.feeCode)).toEqual(expected);
    for (const line of lines) expect(isFen(line.amountFen)).toBe(true);
    expect(sum(splitByDepartment(lines, seed.departments).map((s) => s.amountFen))).toBe(BigInt(ticketTotal(lines)));
  });

  it('every item without fees gives an empty ticket', () => {
    // Act / Assess
    for (const item of seed.items.filter((i) => i.fees.length === 0)) {
      expect(ticketLines(seed, { itemCode: item.baseCode }, {}), item.baseCode).toEqual([]);
    }
  });
});
