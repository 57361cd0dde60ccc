/**
 * Settlement of the one ticket (docs/fees.md, "Ledger (settlement)"), the pure part: the
 * events the settlement worker reads, who may see which department's settlement, the daily
 * settlement report built from one day's ledger, its reconciliation, and its CSV.
 *
 * Reconciliation, per ticket: what was received (`Σ PAY − Σ REFUND`) must equal what was
 * settled to the departments (`Σ SPLIT − Σ REVERSAL`), to the fen. Both sides are signed (a
 * day may refund a payment received on another day), so sums are BigInt and may be negative;
 * every amount stored in the ledger is a whole number of fen ≥ 0.
 *
 * No I/O: the worker writes the ledger and the report handler reads it; this module only
 * computes.
 */
import type { Department } from '../../contracts/catalog.js';
import { yuan } from '../../contracts/money.js';
import { isLocalDate } from './calendar.js';
import type { DepartmentSplit } from './fees.js';
import { departmentScope, requireRole, type Staff } from './staff.js';
import type { RefundReason } from '../../contracts/tickets.js';
import { shanghaiDate } from '../../contracts/dates.js';
import type { Ticket } from './records.js';
import type { DepartmentSettlement, SettlementDiscrepancy, SettlementLine, SettlementReport } from '../../contracts/staff.js';

// ── the ledger and the events that feed it ──────────────────────────────────

/** What a ledger entry records: a payment, a refund asked for, a department's split, a split taken back. */
export type LedgerKind = 'PAY' | 'REFUND' | 'SPLIT' | 'REVERSAL';

/** One ledger item as stored under `LEDGER#<day>`, without its keys. */
export interface LedgerEntry {
  kind: LedgerKind;
  /** The Shanghai day whose partition holds it (YYYY-MM-DD). */
  day: string;
  ticketNumber: string;
  /** The payment received, split, or refunded. */
  paymentId?: string;
  /** REFUND and REVERSAL only. */
  refundId?: string;
  /** REFUND only: why the money goes back. */
  reason?: RefundReason;
  /** SPLIT and REVERSAL only. */
  department?: string;
  /** SPLIT and REVERSAL only: the department's settlement account. */
  account?: string;
  /** Integer fen, ≥ 0; the kind says in which direction it moves. */
  amountFen: number;
  /** When the item was written. */
  at: string;
}

/**
 * The money a change of a ticket moved, as ledger entries on the day it happened: a payment
 * that succeeded (PAY, on the day its report was applied) and a refund asked for (REFUND, on
 * the day it was asked for). They are written with the case, in its transaction; the
 * departments' splits and reversals follow from the events (the settlement worker).
 */
export function ticketLedgerEntries(before: Ticket | undefined, next: Ticket): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const { ticketNumber } = next;
  for (const payment of next.payments) {
    const was = before?.payments.find((p) => p.paymentId === payment.paymentId);
    if (payment.status !== 'succeeded' || was?.status === 'succeeded') continue;
    const at = payment.settledAt ?? payment.startedAt;
    entries.push({ kind: 'PAY', day: shanghaiDate(new Date(at)), ticketNumber, paymentId: payment.paymentId, amountFen: payment.amountFen, at });
  }
  for (const refund of next.refunds) {
    if (before?.refunds.some((r) => r.refundId === refund.refundId)) continue;
    const { requestedOn: day, paymentId, refundId, reason, amountFen, requestedAt: at } = refund;
    entries.push({ kind: 'REFUND', day, ticketNumber, paymentId, refundId, reason, amountFen, at });
  }
  return entries;
}

/** `data` of a `ticket.paid` event. */
export interface TicketPaidData {
  ticketNumber: string;
  paymentId: string;
  amountFen: number;
  /** Shanghai day of the payment: the ledger partition of its splits. */
  paidOn: string;
  /** One per department of the ticket; they add up to `amountFen`. */
  splits: DepartmentSplit[];
}

/** `data` of a `refund.requested` event. */
export interface RefundRequestedData {
  ticketNumber: string;
  refundId: string;
  paymentId: string;
  /** The provider that took the payment (absent in events written before a county could have several: the first configured). */
  provider?: string;
  amountFen: number;
  reason: RefundReason;
  /** Shanghai day the refund was asked for: the ledger partition of its reversals. */
  requestedOn: string;
  /** Present only when the refunded payment had been split; they add up to `amountFen`. */
  splits?: DepartmentSplit[];
}

const REFUND_REASONS: readonly RefundReason[] = ['double_payment', 'case_rejected', 'ticket_cancelled'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  if (typeof value !== 'string' || value === '') throw new RangeError(`${name} must be a non-empty string`);
  // `#` separates the parts of a ledger sort key; a value holding one would collide with another key.
  if (value.includes('#')) throw new RangeError(`${name} must not contain '#', got ${JSON.stringify(value)}`);
  return value;
}

function day(data: Record<string, unknown>, name: string): string {
  const value = text(data, name);
  if (!isLocalDate(value)) throw new RangeError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

function fenOf(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number of fen ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Splits as an event carries them: each department once, adding up to the amount exactly. */
function splitsOf(value: unknown, amountFen: number): DepartmentSplit[] {
  if (!Array.isArray(value)) throw new RangeError('splits must be an array');
  const seen = new Set<string>();
  let sum = 0n;
  const splits = value.map((raw: unknown, i): DepartmentSplit => {
    if (!isRecord(raw)) throw new RangeError(`splits/${i} must be an object`);
    const department = text(raw, 'department');
    if (seen.has(department)) throw new RangeError(`splits/${i}: department ${department} appears twice`);
    seen.add(department);
    const split = { department, account: text(raw, 'account'), amountFen: fenOf(raw.amountFen, `splits/${i}/amountFen`) };
    sum += BigInt(split.amountFen);
    return split;
  });
  if (sum !== BigInt(amountFen)) throw new RangeError(`splits add up to ${sum} fen, not the amount ${amountFen} fen`);
  return splits;
}

/** The `data` of a `ticket.paid` event, checked; a RangeError names what is wrong with it. */
export function ticketPaidData(data: unknown): TicketPaidData {
  if (!isRecord(data)) throw new RangeError('data must be an object');
  const amountFen = fenOf(data.amountFen, 'amountFen');
  return {
    ticketNumber: text(data, 'ticketNumber'),
    paymentId: text(data, 'paymentId'),
    amountFen,
    paidOn: day(data, 'paidOn'),
    splits: splitsOf(data.splits, amountFen),
  };
}

/** The `data` of a `refund.requested` event, checked; a RangeError names what is wrong with it. */
export function refundRequestedData(data: unknown): RefundRequestedData {
  if (!isRecord(data)) throw new RangeError('data must be an object');
  const amountFen = fenOf(data.amountFen, 'amountFen');
  const reason = data.reason as RefundReason;
  if (!REFUND_REASONS.includes(reason)) throw new RangeError(`reason must be one of ${REFUND_REASONS.join(', ')}`);
  return {
    ticketNumber: text(data, 'ticketNumber'),
    refundId: text(data, 'refundId'),
    paymentId: text(data, 'paymentId'),
    ...(typeof data.provider === 'string' ? { provider: data.provider } : {}),
    amountFen,
    reason,
    requestedOn: day(data, 'requestedOn'),
    ...(data.splits === undefined || data.splits === null ? {} : { splits: splitsOf(data.splits, amountFen) }),
  };
}

// ── who sees what ───────────────────────────────────────────────────────────

/**
 * The department whose settlement a staff member may read, `undefined` for every
 * department. Supervisors and admins see all (or the one they ask for); a chief sees only
 * their own department, and asking for another is a 403 `OTHER_DEPARTMENT`; any other role
 * is a 403 `ROLE_REQUIRED`.
 */
export function settlementScope(staff: Staff, requested: string | undefined): string | undefined {
  requireRole(staff, 'chief', 'supervisor', 'admin');
  return departmentScope(staff, requested);
}

// ── the report ──────────────────────────────────────────────────────────────

export interface SettlementReportOptions {
  day: string;
  generatedAt: string;
  /** The served catalog's departments: names, and the order of the rows. */
  departments: readonly Department[];
  /**
   * Limit the report to one department: its rows, and the tickets that touch it (that
   * have a SPLIT or REVERSAL of it that day) in totals and reconciliation. A ticket whose
   * only line for the department is missing altogether does not touch it; the full report
   * shows such a ticket.
   */
  department?: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A signed BigInt sum as a number; a RangeError beyond the safe integers. */
function safe(sum: bigint, what: string): number {
  if (sum > MAX_SAFE || sum < -MAX_SAFE) throw new RangeError(`${what} exceeds ${Number.MAX_SAFE_INTEGER} fen`);
  return Number(sum);
}

const entryName = (e: Pick<LedgerEntry, 'kind' | 'ticketNumber'>) => `ledger item ${e.kind} of ${e.ticketNumber}`;

/** The amount of a ledger item as BigInt, after checking the item has what its kind needs. */
function checked(e: LedgerEntry): bigint {
  const amount = BigInt(fenOf(e.amountFen, `amountFen of ${entryName(e)}`));
  switch (e.kind) {
    case 'PAY':
      if (!e.paymentId) throw new RangeError(`${entryName(e)} has no paymentId`);
      break;
    case 'REFUND':
      if (!e.refundId) throw new RangeError(`${entryName(e)} has no refundId`);
      break;
    case 'SPLIT':
    case 'REVERSAL':
      if (!e.department || !e.account) throw new RangeError(`${entryName(e)} has no department or account`);
      if (e.kind === 'SPLIT' && !e.paymentId) throw new RangeError(`${entryName(e)} has no paymentId`);
      if (e.kind === 'REVERSAL' && !e.refundId) throw new RangeError(`${entryName(e)} has no refundId`);
      break;
    default:
      throw new RangeError(`Unknown ledger kind ${String((e as { kind: unknown }).kind)} of ${String(e.ticketNumber)}`);
  }
  return amount;
}

interface TicketSums {
  received: bigint;
  settled: bigint;
}

function sumsByTicket(entries: readonly LedgerEntry[]): Map<string, TicketSums> {
  const sums = new Map<string, TicketSums>();
  for (const e of entries) {
    const amount = checked(e);
    const s = sums.get(e.ticketNumber) ?? { received: 0n, settled: 0n };
    if (e.kind === 'PAY') s.received += amount;
    else if (e.kind === 'REFUND') s.received -= amount;
    else if (e.kind === 'SPLIT') s.settled += amount;
    else s.settled -= amount;
    sums.set(e.ticketNumber, s);
  }
  return sums;
}

/**
 * The tickets among `entries` whose `Σ PAY − Σ REFUND` differs from `Σ SPLIT − Σ REVERSAL`,
 * to the fen, by ticket number. Empty when every ticket reconciles. Throws a RangeError for
 * an item that is not a ledger item (an amount not a whole number of fen ≥ 0, a split
 * without its department).
 */
export function reconcileLedger(entries: readonly LedgerEntry[]): SettlementDiscrepancy[] {
  const out: SettlementDiscrepancy[] = [];
  for (const [ticketNumber, { received, settled }] of sumsByTicket(entries)) {
    if (received === settled) continue;
    out.push({
      ticketNumber,
      receivedFen: safe(received, `received for ${ticketNumber}`),
      settledFen: safe(settled, `settled for ${ticketNumber}`),
      differenceFen: safe(settled - received, `difference for ${ticketNumber}`),
    });
  }
  return out.sort((a, b) => compare(a.ticketNumber, b.ticketNumber));
}

/** Code-unit order, the same in every runtime and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lineOrder(a: SettlementLine, b: SettlementLine): number {
  return (
    compare(a.ticketNumber, b.ticketNumber) ||
    (a.kind === b.kind ? 0 : a.kind === 'SPLIT' ? -1 : 1) ||
    compare(a.paymentId ?? '', b.paymentId ?? '') ||
    compare(a.refundId ?? '', b.refundId ?? '')
  );
}

/**
 * The settlement report of one day from that day's ledger items: a row per department
 * (and account) with its lines, the totals, and the reconciliation per ticket. Rows follow
 * the catalog's department order, departments it does not list last by code. Throws a
 * RangeError for an item that is not a ledger item, or a sum beyond the safe integers.
 */
export function settlementReport(entries: readonly LedgerEntry[], options: SettlementReportOptions): SettlementReport {
  const { department } = options;
  const inScope = department === undefined ? entries : ofTicketsTouching(entries, department);
  const discrepancies = reconcileLedger(inScope);

  const rows = new Map<string, { department: string; account: string; split: bigint; reversal: bigint; tickets: SettlementLine[] }>();
  let paid = 0n;
  let refunded = 0n;
  for (const e of inScope) {
    const amount = BigInt(e.amountFen);
    if (e.kind === 'PAY') paid += amount;
    else if (e.kind === 'REFUND') refunded += amount;
    else if (department === undefined || e.department === department) {
      const dept = e.department as string;
      const account = e.account as string;
      const key = `${dept}\u0000${account}`;
      const row = rows.get(key) ?? { department: dept, account, split: 0n, reversal: 0n, tickets: [] };
      if (e.kind === 'SPLIT') row.split += amount;
      else row.reversal += amount;
      row.tickets.push({
        ticketNumber: e.ticketNumber,
        kind: e.kind,
        ...(e.paymentId === undefined ? {} : { paymentId: e.paymentId }),
        ...(e.kind === 'REVERSAL' ? { refundId: e.refundId } : {}),
        amountFen: e.amountFen,
      });
      rows.set(key, row);
    }
  }

  const position = new Map(options.departments.map((d, i) => [d.code, i]));
  const rank = (code: string) => position.get(code) ?? Number.MAX_SAFE_INTEGER;
  let split = 0n;
  let reversed = 0n;
  const departments = [...rows.values()]
    .sort((a, b) => rank(a.department) - rank(b.department) || compare(a.department, b.department) || compare(a.account, b.account))
    .map((row): DepartmentSettlement => {
      split += row.split;
      reversed += row.reversal;
      const what = `department ${row.department}`;
      return {
        department: row.department,
        departmentName: options.departments.find((d) => d.code === row.department)?.name ?? null,
        account: row.account,
        splitFen: safe(row.split, `splits of ${what}`),
        reversalFen: safe(row.reversal, `reversals of ${what}`),
        netFen: safe(row.split - row.reversal, `net of ${what}`),
        tickets: row.tickets.sort(lineOrder),
      };
    });

  return {
    day: options.day,
    generatedAt: options.generatedAt,
    ...(department === undefined ? {} : { department }),
    departments,
    totals: {
      paidFen: safe(paid, 'payments'),
      refundedFen: safe(refunded, 'refunds'),
      netReceivedFen: safe(paid - refunded, 'net received'),
      splitFen: safe(split, 'splits'),
      reversedFen: safe(reversed, 'reversals'),
      netSettledFen: safe(split - reversed, 'net settled'),
    },
    reconciliation: { ok: discrepancies.length === 0, discrepancies },
  };
}

/** Every item of the tickets that have a SPLIT or REVERSAL of `department`. */
function ofTicketsTouching(entries: readonly LedgerEntry[], department: string): LedgerEntry[] {
  const touching = new Set(
    entries.filter((e) => (e.kind === 'SPLIT' || e.kind === 'REVERSAL') && e.department === department).map((e) => e.ticketNumber),
  );
  return entries.filter((e) => touching.has(e.ticketNumber));
}

// ── CSV ─────────────────────────────────────────────────────────────────────


/** One RFC 4180 record: a field is quoted when it holds a comma, a quote, CR or LF; quotes are doubled. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');
}

/**
 * A CSV file of records (the first is the header): RFC 4180, CRLF after every record,
 * with a UTF-8 byte order mark so Excel reads Chinese as Chinese.
 */
export function toCsv(records: readonly (readonly string[])[]): string {
  return `\uFEFF${records.map((r) => `${csvRecord(r)}\r\n`).join('')}`;
}

/** The columns of the settlement CSV: English name and Chinese name in each header cell. */
export const SETTLEMENT_CSV_COLUMNS = [
  ['day', '日期'],
  ['record', '记录'],
  ['department', '部门代码'],
  ['department_name', '部门名称'],
  ['account', '结算账户'],
  ['ticket_number', '票号'],
  ['kind', '类型'],
  ['payment_id', '支付单号'],
  ['refund_id', '退款单号'],
  ['amount_yuan', '金额(元)'],
  ['amount_fen', '金额(分)'],
] as const;

/**
 * The settlement report as CSV, one table with a `record` column saying what a row is:
 * - `line`: a SPLIT or REVERSAL of a department (amount as stored, ≥ 0);
 * - `department`: per department row, kinds `SPLIT`, `REVERSAL` and `NET`;
 * - `total`: kinds `PAY`, `REFUND`, `NET_RECEIVED`, `SPLIT`, `REVERSAL`, `NET_SETTLED`;
 * - `discrepancy`: per ticket that does not reconcile, kinds `RECEIVED`, `SETTLED`, `DIFFERENCE`.
 * Every amount is in two columns: yuan (`1234.56`) and fen.
 */
export function settlementCsv(report: SettlementReport): string {
  const header = SETTLEMENT_CSV_COLUMNS.map(([en, zh]) => `${en} ${zh}`);
  const row = (
    record: string,
    kind: string,
    amountFen: number,
    fields: { department?: string; departmentName?: string; account?: string; ticketNumber?: string; paymentId?: string; refundId?: string } = {},
  ) => [
    report.day,
    record,
    fields.department ?? '',
    fields.departmentName ?? '',
    fields.account ?? '',
    fields.ticketNumber ?? '',
    kind,
    fields.paymentId ?? '',
    fields.refundId ?? '',
    yuan(amountFen),
    String(amountFen),
  ];
  const records: string[][] = [header];
  for (const d of report.departments) {
    const where = { department: d.department, departmentName: d.departmentName?.zh ?? '', account: d.account };
    for (const l of d.tickets) records.push(row('line', l.kind, l.amountFen, { ...where, ticketNumber: l.ticketNumber, paymentId: l.paymentId, refundId: l.refundId }));
    records.push(row('department', 'SPLIT', d.splitFen, where), row('department', 'REVERSAL', d.reversalFen, where), row('department', 'NET', d.netFen, where));
  }
  const t = report.totals;
  records.push(
    row('total', 'PAY', t.paidFen),
    row('total', 'REFUND', t.refundedFen),
    row('total', 'NET_RECEIVED', t.netReceivedFen),
    row('total', 'SPLIT', t.splitFen),
    row('total', 'REVERSAL', t.reversedFen),
    row('total', 'NET_SETTLED', t.netSettledFen),
  );
  for (const x of report.reconciliation.discrepancies) {
    const where = { ticketNumber: x.ticketNumber };
    records.push(row('discrepancy', 'RECEIVED', x.receivedFen, where), row('discrepancy', 'SETTLED', x.settledFen, where), row('discrepancy', 'DIFFERENCE', x.differenceFen, where));
  }
  return toCsv(records);
}
