import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Department } from '../../contracts/catalog.js';
import { csvRecord, reconcileLedger, refundRequestedData, SETTLEMENT_CSV_COLUMNS, settlementCsv, settlementReport, settlementScope, ticketPaidData, toCsv, type LedgerEntry } from '../../functions/domain/settlement.js';
import type { SettlementReport } from '../../contracts/staff.js';
import { yuan } from '../../contracts/money.js';
import type { Staff } from '../../functions/domain/staff.js';

const DAY = '2026-11-28';
const AT = '2026-11-28T10:00:00.000+08:00';

const DEPARTMENTS: Department[] = ['amr', 'nrp', 'hcd', 'fire', 'env'].map((code) => ({
  code,
  name: { zh: `${code}局`, en: `${code} bureau` },
  account: `YY-FIN-${code}-001`,
}));

// ── an RFC 4180 reader, strict, for checking what the writer wrote ──────────

/** Records of an RFC 4180 text: CRLF after every record, quotes only around whole fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      // a quoted field: up to the closing quote, `""` is one quote
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      if (field === '') field = '\u0000empty-quoted';
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (c === '\n' || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records.map((r) => r.map((f) => (f === '\u0000empty-quoted' ? '' : f)));
}

// ── generating a day's ledger that reconciles ───────────────────────────────

type Settlement = 'split' | 'double_payment' | 'case_rejected' | 'earlier_refund';

interface TicketPlan {
  settlements: { how: Settlement; shares: { department: number; amountFen: number }[] }[];
}

/** Shares of a payment: distinct departments (indexes into `DEPARTMENTS`), amounts ≥ `min`. */
const shares = (min = 0) =>
  fc.uniqueArray(fc.record({ department: fc.nat({ max: DEPARTMENTS.length - 1 }), amountFen: fc.integer({ min, max: 5_000_000 }) }), {
    minLength: 1,
    maxLength: DEPARTMENTS.length,
    selector: (s) => s.department,
  });

const plan = (min = 0): fc.Arbitrary<TicketPlan[]> =>
  fc.array(
    fc.record({
      settlements: fc.array(
        fc.record({ how: fc.constantFrom<Settlement>('split', 'double_payment', 'case_rejected', 'earlier_refund'), shares: shares(min) }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 8 },
  );

/** The ledger items the lead's transactions and the settlement worker would write for a plan. */
function ledgerOf(tickets: TicketPlan[], departments: readonly Department[] = DEPARTMENTS): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  tickets.forEach((ticket, t) => {
    const ticketNumber = `T430600-20261128-${String(t).padStart(6, '0')}`;
    ticket.settlements.forEach(({ how, shares: parts }, p) => {
      const paymentId = `P${t}x${p}`;
      const refundId = `R${t}x${p}`;
      const amountFen = parts.reduce((a, s) => a + s.amountFen, 0);
      const base = { day: DAY, ticketNumber, at: AT };
      const each = (kind: 'SPLIT' | 'REVERSAL') =>
        parts.map(({ department, amountFen: share }): LedgerEntry => {
          const d = departments[department]!;
          return { ...base, kind, paymentId, ...(kind === 'REVERSAL' ? { refundId } : {}), department: d.code, account: d.account, amountFen: share };
        });
      if (how !== 'earlier_refund') entries.push({ ...base, kind: 'PAY', paymentId, amountFen });
      if (how === 'split' || how === 'case_rejected') entries.push(...each('SPLIT'));
      if (how !== 'split') entries.push({ ...base, kind: 'REFUND', paymentId, refundId, amountFen });
      if (how === 'case_rejected' || how === 'earlier_refund') entries.push(...each('REVERSAL'));
    });
  });
  return entries;
}

/** Plans with at least one SPLIT to remove or alter. */
const withSplits = (a: fc.Arbitrary<TicketPlan[]>) => a.filter((p) => p.some((t) => t.settlements.some((s) => s.how === 'split' || s.how === 'case_rejected')));

const shuffled = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

const sumOf = (entries: LedgerEntry[], kind: LedgerEntry['kind']) => entries.filter((e) => e.kind === kind).reduce((a, e) => a + BigInt(e.amountFen), 0n);

const report = (entries: LedgerEntry[], department?: string, departments: readonly Department[] = DEPARTMENTS) =>
  settlementReport(entries, { day: DAY, generatedAt: AT, departments, department });

// ── properties ──────────────────────────────────────────────────────────────

describe('reconciliation of a day', () => {
  it('is ok for any payments, refunds, splits and reversals that correspond, in any order', () => {
    fc.assert(
      fc.property(plan().chain((p) => shuffled(ledgerOf(p))), (entries) => {
        // Act
        const r = report(entries);

        // Assess
        expect(reconcileLedger(entries)).toEqual([]);
        expect(r.reconciliation).toEqual({ ok: true, discrepancies: [] });
        expect(r.totals.netReceivedFen).toBe(r.totals.netSettledFen);
      }),
    );
  });

  it('names the ticket of any one split removed, by its amount', () => {
    fc.assert(
      fc.property(
        withSplits(plan(1)).chain((p) => {
          const entries = ledgerOf(p);
          const splits = entries.flatMap((e, i) => (e.kind === 'SPLIT' ? [i] : []));
          return fc.tuple(fc.constant(entries), fc.constantFrom(...splits));
        }),
        ([entries, index]) => {
          // Prepare
          const removed = entries[index]!;
          const rest = entries.filter((_, i) => i !== index);

          // Act
          const r = report(rest);

          // Assess
          expect(r.reconciliation.ok).toBe(false);
          expect(r.reconciliation.discrepancies).toEqual([
            expect.objectContaining({ ticketNumber: removed.ticketNumber, differenceFen: -removed.amountFen }),
          ]);
        },
      ),
    );
  });

  it('names the ticket of any one split altered, by the change', () => {
    fc.assert(
      fc.property(
        withSplits(plan()).chain((p) => {
          const entries = ledgerOf(p);
          const splits = entries.flatMap((e, i) => (e.kind === 'SPLIT' ? [i] : []));
          return fc.tuple(fc.constant(entries), fc.constantFrom(...splits), fc.integer({ min: 0, max: 9_000_000 }));
        }),
        ([entries, index, amountFen]) => {
          // Prepare
          const before = entries[index]!;
          fc.pre(amountFen !== before.amountFen);
          const altered = entries.map((e, i) => (i === index ? { ...e, amountFen } : e));

          // Act
          const [only, ...others] = report(altered).reconciliation.discrepancies;

          // Assess
          expect(others).toEqual([]);
          expect(only).toEqual({
            ticketNumber: before.ticketNumber,
            receivedFen: only!.settledFen - (amountFen - before.amountFen),
            settledFen: only!.settledFen,
            differenceFen: amountFen - before.amountFen,
          });
        },
      ),
    );
  });

  it('adds the totals up to the fen', () => {
    fc.assert(
      fc.property(plan().chain((p) => shuffled(ledgerOf(p))), (entries) => {
        // Act
        const { totals, departments } = report(entries);

        // Assess
        expect(BigInt(totals.paidFen)).toBe(sumOf(entries, 'PAY'));
        expect(BigInt(totals.refundedFen)).toBe(sumOf(entries, 'REFUND'));
        expect(BigInt(totals.splitFen)).toBe(sumOf(entries, 'SPLIT'));
        expect(BigInt(totals.reversedFen)).toBe(sumOf(entries, 'REVERSAL'));
        expect(totals.netReceivedFen).toBe(totals.paidFen - totals.refundedFen);
        expect(totals.netSettledFen).toBe(totals.splitFen - totals.reversedFen);
        expect(departments.reduce((a, d) => a + d.splitFen, 0)).toBe(totals.splitFen);
        expect(departments.reduce((a, d) => a + d.reversalFen, 0)).toBe(totals.reversedFen);
        for (const d of departments) {
          expect(d.netFen).toBe(d.splitFen - d.reversalFen);
          const lines = (kind: string) => d.tickets.filter((l) => l.kind === kind).reduce((a, l) => a + l.amountFen, 0);
          expect(lines('SPLIT')).toBe(d.splitFen);
          expect(lines('REVERSAL')).toBe(d.reversalFen);
        }
      }),
    );
  });

  it('limits a report to one department: its rows, and the tickets that touch it', () => {
    fc.assert(
      fc.property(plan().chain((p) => fc.tuple(shuffled(ledgerOf(p)), fc.constantFrom(...DEPARTMENTS.map((d) => d.code)))), ([entries, code]) => {
        // Act
        const r = report(entries, code);

        // Assess
        expect(r.department).toBe(code);
        expect(r.departments.every((d) => d.department === code)).toBe(true);
        const touching = new Set(entries.filter((e) => e.department === code).map((e) => e.ticketNumber));
        const ofTouching = entries.filter((e) => touching.has(e.ticketNumber));
        expect(BigInt(r.totals.paidFen)).toBe(sumOf(ofTouching, 'PAY'));
        expect(BigInt(r.totals.refundedFen)).toBe(sumOf(ofTouching, 'REFUND'));
        const own = entries.filter((e) => e.department === code);
        expect(BigInt(r.totals.splitFen)).toBe(sumOf(own, 'SPLIT'));
        expect(BigInt(r.totals.reversedFen)).toBe(sumOf(own, 'REVERSAL'));
        expect(r.reconciliation.ok).toBe(true);
      }),
    );
  });

  it('shows a department the discrepancy of a ticket it shares, and not of others', () => {
    // Prepare: T1 split to amr and nrp, the nrp split lost; T2 split to hcd only, altered
    const base = { day: DAY, at: AT };
    const entries: LedgerEntry[] = [
      { ...base, kind: 'PAY', ticketNumber: 'T1', paymentId: 'P1', amountFen: 300 },
      { ...base, kind: 'SPLIT', ticketNumber: 'T1', paymentId: 'P1', department: 'amr', account: 'A', amountFen: 100 },
      { ...base, kind: 'PAY', ticketNumber: 'T2', paymentId: 'P2', amountFen: 50 },
      { ...base, kind: 'SPLIT', ticketNumber: 'T2', paymentId: 'P2', department: 'hcd', account: 'H', amountFen: 49 },
    ];

    // Act
    const amr = report(entries, 'amr');
    const all = report(entries);

    // Assess
    expect(amr.reconciliation.discrepancies).toEqual([{ ticketNumber: 'T1', receivedFen: 300, settledFen: 100, differenceFen: -200 }]);
    expect(all.reconciliation.discrepancies.map((d) => d.ticketNumber)).toEqual(['T1', 'T2']);
    expect(report(entries, 'nrp')).toMatchObject({ departments: [], reconciliation: { ok: true, discrepancies: [] } });
  });

  it('sums with BigInt and refuses a day beyond the safe integers rather than rounding', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const entries: LedgerEntry[] = [
      { kind: 'PAY', day: DAY, ticketNumber: 'T1', paymentId: 'P1', amountFen: big, at: AT },
      { kind: 'PAY', day: DAY, ticketNumber: 'T2', paymentId: 'P2', amountFen: big, at: AT },
    ];
    expect(() => report(entries)).toThrow(RangeError);
    expect(() => report([{ ...entries[0]!, amountFen: 1.5 }])).toThrow(/whole number of fen/);
    expect(() => report([{ kind: 'SPLIT', day: DAY, ticketNumber: 'T1', paymentId: 'P1', amountFen: 1, at: AT }])).toThrow(/department/);
  });
});

// ── CSV ─────────────────────────────────────────────────────────────────────

/** Department names a CSV writer must quote: commas, quotes, line breaks, Chinese. */
const awkwardName = fc
  .array(fc.constantFrom('岳阳', '市场', ',', '"', '\r\n', '\n', ' ', 'a', '=', '“'), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''));

function checkCsvAgainst(text: string, r: SettlementReport) {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(SETTLEMENT_CSV_COLUMNS.map(([en, zh]) => `${en} ${zh}`));
  for (const row of rows) {
    expect(row).toHaveLength(SETTLEMENT_CSV_COLUMNS.length);
    expect(row[0]).toBe(r.day);
    // amount_yuan is amount_fen written as yuan, exactly
    const [yuanText, fenText] = row.slice(-2) as [string, string];
    expect(yuanText).toMatch(/^-?\d+\.\d\d$/);
    expect(BigInt(yuanText.replace('.', ''))).toBe(BigInt(fenText));
  }
  const of = (record: string) => rows.filter((row) => row[1] === record);
  const lines = r.departments.flatMap((d) =>
    d.tickets.map((l) => [r.day, 'line', d.department, d.departmentName?.zh ?? '', d.account, l.ticketNumber, l.kind, l.paymentId ?? '', l.refundId ?? '', yuan(l.amountFen), String(l.amountFen)]),
  );
  expect(of('line')).toEqual(lines);
  expect(of('department').map((row) => [row[2], row[3], row[4], row[6], Number(row[10])])).toEqual(
    r.departments.flatMap((d) => [
      [d.department, d.departmentName?.zh ?? '', d.account, 'SPLIT', d.splitFen],
      [d.department, d.departmentName?.zh ?? '', d.account, 'REVERSAL', d.reversalFen],
      [d.department, d.departmentName?.zh ?? '', d.account, 'NET', d.netFen],
    ]),
  );
  const t = r.totals;
  expect(Object.fromEntries(of('total').map((row) => [row[6], Number(row[10])]))).toEqual({
    PAY: t.paidFen,
    REFUND: t.refundedFen,
    NET_RECEIVED: t.netReceivedFen,
    SPLIT: t.splitFen,
    REVERSAL: t.reversedFen,
    NET_SETTLED: t.netSettledFen,
  });
  expect(of('discrepancy').map((row) => [row[5], row[6], Number(row[10])])).toEqual(
    r.reconciliation.discrepancies.flatMap((x) => [
      [x.ticketNumber, 'RECEIVED', x.receivedFen],
      [x.ticketNumber, 'SETTLED', x.settledFen],
      [x.ticketNumber, 'DIFFERENCE', x.differenceFen],
    ]),
  );
}

describe('the settlement CSV', () => {
  it('round-trips through an RFC 4180 reader, awkward names and discrepancies included', () => {
    fc.assert(
      fc.property(
        plan(),
        fc.array(awkwardName, { minLength: DEPARTMENTS.length, maxLength: DEPARTMENTS.length }),
        fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        (p, names, drop) => {
          // Prepare: departments named awkwardly, perhaps one item lost
          const departments = DEPARTMENTS.map((d, i) => ({ ...d, name: { zh: names[i]!, en: names[i]! } }));
          const entries = ledgerOf(p, departments);
          const kept = drop === undefined ? entries : entries.filter((_, i) => i !== drop % entries.length);
          const r = report(kept, undefined, departments);

          // Act
          const text = settlementCsv(r);

          // Assess
          checkCsvAgainst(text, r);
        },
      ),
    );
  });

  it('writes yuan from fen with integer arithmetic', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-5)).toBe('-0.05');
    expect(yuan(123456)).toBe('1234.56');
    expect(yuan(-123400)).toBe('-1234.00');
    expect(yuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(yuan(10n ** 20n + 1n)).toBe('1000000000000000000.01');
    expect(() => yuan(0.1)).toThrow(RangeError);
  });

  it('quotes only what needs quoting and ends every record with CRLF after a BOM', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'two\r\nlines', '岳阳'])).toBe('a,"b,c","say ""hi""","two\r\nlines",岳阳');
    expect(toCsv([['h1', 'h2'], ['1', '']])).toBe('\uFEFFh1,h2\r\n1,\r\n');
  });
});

// ── events and access ───────────────────────────────────────────────────────

describe('the events the settlement worker reads', () => {
  const paid = {
    ticketNumber: 'T1',
    paymentId: 'P1',
    amountFen: 300,
    paidOn: DAY,
    splits: [
      { department: 'amr', account: 'A', amountFen: 100 },
      { department: 'nrp', account: 'N', amountFen: 200 },
    ],
  };

  it('takes a ticket.paid whose splits add up', () => {
    expect(ticketPaidData(paid)).toEqual(paid);
  });

  it.each([
    ['splits that do not add up', { ...paid, amountFen: 301 }, /add up to 300 fen, not the amount 301/],
    ['a department twice', { ...paid, splits: [paid.splits[0], paid.splits[0]], amountFen: 200 }, /amr appears twice/],
    ['a day that is not a date', { ...paid, paidOn: '2026-02-30' }, /paidOn must be a date/],
    ['a fractional amount', { ...paid, splits: [{ ...paid.splits[0], amountFen: 0.5 }] }, /amountFen must be a whole number/],
    ['a # in a key part', { ...paid, ticketNumber: 'T#1' }, /must not contain '#'/],
    ['no splits', { ...paid, splits: undefined }, /splits must be an array/],
  ])('refuses a ticket.paid with %s', (_, data, message) => {
    expect(() => ticketPaidData(data)).toThrow(message);
  });

  it('takes a refund.requested with or without splits', () => {
    const refund = { ticketNumber: 'T1', refundId: 'R1', paymentId: 'P1', amountFen: 300, reason: 'case_rejected', requestedOn: DAY };
    expect(refundRequestedData({ ...refund, splits: paid.splits })).toEqual({ ...refund, splits: paid.splits });
    expect(refundRequestedData({ ...refund, reason: 'double_payment' })).toEqual({ ...refund, reason: 'double_payment' });
    expect(() => refundRequestedData({ ...refund, reason: 'changed_mind' })).toThrow(/reason must be one of/);
    expect(() => refundRequestedData({ ...refund, splits: paid.splits.slice(1) })).toThrow(/add up to 200 fen/);
  });
});

describe('who sees which settlement', () => {
  const staff = (roles: Staff['roles'], department: string): Staff => ({ username: 'u', roles, department });

  it('shows supervisors and admins every department, or the one they ask for', () => {
    expect(settlementScope(staff(['supervisor'], 'center'), undefined)).toBeUndefined();
    expect(settlementScope(staff(['admin'], 'center'), 'amr')).toBe('amr');
  });

  it('shows a chief their own department only', () => {
    expect(settlementScope(staff(['chief'], 'amr'), undefined)).toBe('amr');
    expect(settlementScope(staff(['chief'], 'amr'), 'amr')).toBe('amr');
    expect(() => settlementScope(staff(['chief'], 'amr'), 'nrp')).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'OTHER_DEPARTMENT' }));
  });

  it('refuses clerks and reviewers', () => {
    for (const role of ['clerk', 'reviewer', 'agent'] as const) {
      expect(() => settlementScope(staff([role], 'amr'), undefined)).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'ROLE_REQUIRED' }));
    }
  });
});
