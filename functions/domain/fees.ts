/**
 * One ticket (一票制), the pure part: every fee of a case computed from the published fee
 * schedule and the case's form data, one line per (department, fee item), the total, the
 * settlement split to each department's account, and the reconciliation of splits against
 * payments.
 *
 * Money is integer fen everywhere. A quantity read from the form (a floor area of
 * 1234.5 m²) is a JavaScript number; it is turned into an exact decimal (digits and a
 * power of ten, from its shortest round-trip decimal string) and rounded to whole units
 * with BigInt arithmetic before it is multiplied by the fen per unit, so no floating-point
 * operation ever touches an amount. Every amount leaving this module is a non-negative
 * safe integer.
 *
 * No I/O: handlers issue, store and settle tickets; this module only computes them.
 */
import type { CatalogSource, Department, FeeItem, SituationAnswers } from '../../contracts/catalog.js';
import type { FeeLine, FeeLineInputs } from '../../contracts/tickets.js';
import { answerProblems, includes } from './bundles.js';
import { OneTripError, ValidationError } from './errors.js';

/**
 * What is priced: one item, or one bundle with the answers to its situation questions
 * (required when it asks any: they decide which items, hence which fees, it includes).
 */
export interface FeeTarget {
  itemCode?: string;
  bundleCode?: string;
  answers?: SituationAnswers;
}

/** A department's share of a ticket, paid to its settlement account. */
export interface DepartmentSplit {
  department: string;
  account: string;
  amountFen: number;
}

export interface Payment {
  ticketNumber: string;
  amountFen: number;
}

export interface Split {
  ticketNumber: string;
  department: string;
  amountFen: number;
}

/** A ticket whose splits do not add up to what was paid for it. */
export interface Discrepancy {
  ticketNumber: string;
  /** Sum of the ticket's payments (0 when splits exist without any payment). */
  paidFen: number;
  /** Sum of the ticket's splits (0 when it was paid but never split). */
  splitFen: number;
  /** `splitFen - paidFen`: positive when more was split out than was paid. */
  differenceFen: number;
}

/**
 * A form field a fee rule needs is missing or not usable (not a finite non-negative number,
 * not a boolean, or so large that the amount would not be a safe integer). The case's
 * form must be corrected; nothing is charged.
 */
export class FeeInputError extends OneTripError {
  override name = 'FeeInputError';
  constructor(
    /** The fee item whose rule could not be applied. */
    readonly feeCode: string,
    /** JSON pointer of the offending form field. */
    readonly field: string,
    message: string,
    /** What is wrong with the field, a rule of the API's field messages. */
    problem: 'missing' | 'not_number' | 'not_flag' | 'too_large' = 'missing',
  ) {
    const params = { feeCode, field };
    super('FEE_INPUT_UNUSABLE', message, 'invalid', [{ path: `/form${field}`, message, rule: `fee_input_${problem}`, params }], { params });
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// ── exact decimals ──────────────────────────────────────────────────────────

/** `digits / 10^scale`, exactly. */
interface Decimal {
  digits: bigint;
  scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * The exact decimal a finite non-negative number is written as (its shortest round-trip
 * string, the way JSON carried it): 1234.5 is 12345/10, 1e-7 is 1/10^7.
 */
function toDecimal(value: number): Decimal {
  const match = DECIMAL.exec(String(value));
  if (!match) throw new RangeError(`Not a non-negative decimal: ${String(value)}`);
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** Whole units for a decimal quantity ≥ 0 under a rounding rule. */
function wholeUnits({ digits, scale }: Decimal, rounding: 'ceil' | 'floor' | 'half_up'): bigint {
  const one = 10n ** BigInt(scale);
  switch (rounding) {
    case 'floor':
      return digits / one;
    case 'ceil':
      return (digits + one - 1n) / one;
    case 'half_up':
      return (2n * digits + one) / (2n * one);
    default:
      throw new RangeError(`Unknown rounding ${String(rounding)}`);
  }
}

/** `a ≤ b` for two exact decimals. */
function notAbove(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return a.digits * 10n ** BigInt(scale - a.scale) <= b.digits * 10n ** BigInt(scale - b.scale);
}

// ── reading the form ────────────────────────────────────────────────────────

/** The value an RFC 6901 JSON pointer names in the form, `undefined` when absent. */
function resolvePointer(form: unknown, pointer: string): unknown {
  if (pointer === '') return form;
  if (!pointer.startsWith('/')) return undefined;
  let node = form;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (typeof node === 'object' && node !== null && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}

/** A form value in an error message, whatever it is. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

function readQuantity(fee: FeeItem, field: string, form: Record<string, unknown>): number {
  const value = resolvePointer(form, field);
  if (value === undefined || value === null) {
    throw new FeeInputError(fee.code, field, `Fee ${fee.code} needs the form field ${field}, which is missing`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FeeInputError(
      fee.code,
      field,
      `Fee ${fee.code} needs a finite number ≥ 0 in the form field ${field}, got ${describe(value)}`,
      'not_number',
    );
  }
  return value;
}

function readFlag(fee: FeeItem, field: string, form: Record<string, unknown>): boolean {
  const value = resolvePointer(form, field);
  if (value === undefined || value === null) {
    throw new FeeInputError(fee.code, field, `Fee ${fee.code} needs the form field ${field}, which is missing`);
  }
  if (typeof value !== 'boolean') {
    throw new FeeInputError(
      fee.code,
      field,
      `Fee ${fee.code} needs true or false in the form field ${field}, got ${describe(value)}`,
      'not_flag',
    );
  }
  return value;
}

/** A schedule amount, checked: the catalog vouches for these, a defect is not the applicant's. */
function scheduleFen(fee: FeeItem, n: number, what: string): bigint {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Fee ${fee.code}: ${what} must be a whole number of fen ≥ 0, got ${String(n)}`);
  }
  return BigInt(n);
}

function checkedFen(fee: FeeItem, field: string, amount: bigint): number {
  if (amount > MAX_SAFE) {
    throw new FeeInputError(fee.code, field, `Fee ${fee.code}: the quantity in ${field} gives an amount too large to charge`, 'too_large');
  }
  return Number(amount);
}

// ── lines ───────────────────────────────────────────────────────────────────

/**
 * One ticket line: the fee item's amount for this form, with the inputs that produced it.
 * Throws a {@link FeeInputError} when the field the rule reads is missing or unusable, and
 * a RangeError when the rule itself is malformed (which `validateCatalog` prevents).
 */
export function feeLine(fee: FeeItem, form: Record<string, unknown>): FeeLine {
  const ruled = ruleLine(fee, form);
  if (!fee.chargedWhen) return ruled;
  const charged = readFlag(fee, fee.chargedWhen.field, form);
  return {
    ...ruled,
    inputs: { ...ruled.inputs, charged, condition: fee.chargedWhen.condition },
    amountFen: charged ? ruled.amountFen : 0,
  };
}

function ruleLine(fee: FeeItem, form: Record<string, unknown>): FeeLine {
  const line = (inputs: FeeLineInputs, amountFen: number): FeeLine => ({
    feeCode: fee.code,
    department: fee.department,
    name: fee.name,
    basis: fee.basis,
    rule: fee.rule.kind,
    inputs,
    amountFen,
  });
  const rule = fee.rule;
  switch (rule.kind) {
    case 'fixed':
      return line({}, Number(scheduleFen(fee, rule.amountFen, 'amountFen')));
    case 'per_unit': {
      const rate = scheduleFen(fee, rule.fenPerUnit, 'fenPerUnit');
      const quantity = readQuantity(fee, rule.field, form);
      const units = wholeUnits(toDecimal(quantity), rule.rounding);
      const amountFen = checkedFen(fee, rule.field, units * rate);
      return line({ field: rule.field, quantity, units: Number(units), unit: rule.unit, fenPerUnit: rule.fenPerUnit }, amountFen);
    }
    case 'tiered': {
      const quantity = readQuantity(fee, rule.field, form);
      const exact = toDecimal(quantity);
      const tier = rule.tiers.find((t) => t.upTo === null || notAbove(exact, toDecimal(t.upTo)));
      if (!tier) throw new RangeError(`Fee ${fee.code}: no tier covers ${String(quantity)} (the last tier must be open)`);
      const amountFen = Number(scheduleFen(fee, tier.amountFen, 'tier amountFen'));
      return line({ field: rule.field, quantity, tierUpTo: tier.upTo, unit: rule.unit }, amountFen);
    }
    case 'waived': {
      const amount = scheduleFen(fee, rule.amountFen, 'amountFen');
      const waived = readFlag(fee, rule.field, form);
      return line({ field: rule.field, waived, condition: rule.condition }, waived ? 0 : Number(amount));
    }
    default:
      throw new RangeError(`Fee ${fee.code}: unknown rule kind ${String((rule as { kind: unknown }).kind)}`);
  }
}

/**
 * Every line of a case's ticket: the fees of the item, or of every item the bundle includes
 * for the answers, in stage order, each fee item once even when several items list it. `form` is the item's
 * form data, or the bundle's merged form. Throws a RangeError when neither or both codes
 * are given, or a code (item, bundle, fee) is not in the catalog version, and a ValidationError
 * (`ANSWERS_INVALID`, naming each question) when a bundle's answers are missing or unknown.
 */
export function ticketLines(
  source: CatalogSource,
  target: FeeTarget,
  form: Record<string, unknown>,
): FeeLine[] {
  const { itemCode, bundleCode } = target;
  if ((itemCode === undefined) === (bundleCode === undefined)) {
    throw new RangeError('A ticket is for exactly one item or one bundle');
  }
  let itemCodes: string[];
  if (bundleCode !== undefined) {
    const bundle = source.bundles?.find((b) => b.code === bundleCode);
    if (!bundle) throw new RangeError(`Bundle ${bundleCode} is not in catalog ${source.manifest.version}`);
    // Only the items the answers include are priced (docs/bundles.md).
    const answers = target.answers ?? {};
    const problems = bundle.situations ? answerProblems(bundle, answers) : [];
    if (problems.length > 0) throw new ValidationError(`Bundle ${bundleCode} is priced for the answers to its situation questions`, problems, 'ANSWERS_INVALID');
    itemCodes = bundle.stages.flatMap((s) => s.items).filter((code) => includes(bundle, code, answers));
  } else {
    itemCodes = [itemCode as string];
  }
  const feeCodes = new Set<string>();
  for (const code of itemCodes) {
    const item = source.items.find((i) => i.baseCode === code);
    if (!item) throw new RangeError(`Item ${code} is not in catalog ${source.manifest.version}`);
    for (const fee of item.fees) feeCodes.add(fee);
  }
  return [...feeCodes].map((code) => {
    const fee = source.fees.find((f) => f.code === code);
    if (!fee) throw new RangeError(`Fee ${code} is not in the fee schedule of catalog ${source.manifest.version}`);
    return feeLine(fee, form);
  });
}

// ── sums ────────────────────────────────────────────────────────────────────

function fen(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number of fen ≥ 0, got ${String(n)}`);
  return BigInt(n);
}

function safe(sum: bigint, what: string): number {
  if (sum > MAX_SAFE) throw new RangeError(`${what} exceeds ${Number.MAX_SAFE_INTEGER} fen`);
  return Number(sum);
}

/** The ticket's total in fen: the exact sum of its lines (RangeError if not a safe integer). */
export function ticketTotal(lines: readonly Pick<FeeLine, 'amountFen'>[]): number {
  return safe(
    lines.reduce((sum, l, i) => sum + fen(l.amountFen, `line ${i} amountFen`), 0n),
    'ticket total',
  );
}

/**
 * The settlement split of a ticket: one entry per department on it (first-line order,
 * zero-amount departments included so every department of the ticket is accounted for),
 * with its settlement account; the entries add up to {@link ticketTotal} exactly.
 * Throws a RangeError for a department not in `departments`.
 */
export function splitByDepartment(
  lines: readonly Pick<FeeLine, 'department' | 'amountFen'>[],
  departments: readonly Department[],
): DepartmentSplit[] {
  const sums = new Map<string, bigint>();
  lines.forEach((l, i) => sums.set(l.department, (sums.get(l.department) ?? 0n) + fen(l.amountFen, `line ${i} amountFen`)));
  return [...sums].map(([department, sum]) => {
    const found = departments.find((d) => d.code === department);
    if (!found) throw new RangeError(`Department ${department} has no settlement account`);
    return { department, account: found.account, amountFen: safe(sum, `department ${department} share`) };
  });
}

/**
 * Tickets whose splits do not add up to their payments, to the fen: paid but split
 * differently, paid but never split, or split without a payment. Empty when every ticket
 * reconciles. Tickets are reported in first-seen order (payments first).
 */
export function reconcile(payments: readonly Payment[], splits: readonly Split[]): Discrepancy[] {
  const paid = new Map<string, bigint>();
  const split = new Map<string, bigint>();
  payments.forEach((p, i) => paid.set(p.ticketNumber, (paid.get(p.ticketNumber) ?? 0n) + fen(p.amountFen, `payment ${i} amountFen`)));
  splits.forEach((s, i) => split.set(s.ticketNumber, (split.get(s.ticketNumber) ?? 0n) + fen(s.amountFen, `split ${i} amountFen`)));
  const tickets = new Set([...paid.keys(), ...split.keys()]);
  const out: Discrepancy[] = [];
  for (const ticketNumber of tickets) {
    const p = paid.get(ticketNumber) ?? 0n;
    const s = split.get(ticketNumber) ?? 0n;
    if (p === s) continue;
    out.push({
      ticketNumber,
      paidFen: safe(p, `payments of ${ticketNumber}`),
      splitFen: safe(s, `splits of ${ticketNumber}`),
      differenceFen: safe(s > p ? s - p : p - s, `difference of ${ticketNumber}`) * (s > p ? 1 : -1),
    });
  }
  return out;
}

