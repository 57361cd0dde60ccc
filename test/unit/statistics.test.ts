/**
 * The statistics' table (docs/statistics.md): what one event adds, to which rows of which
 * day, and to which gauges — a pure function of the event alone, so any order of delivery
 * sums to the same figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consumers, type OutboxEvent } from '../../contracts/events.js';
import { COUNTERS } from '../../contracts/supervision.js';
import { COUNTED_EVENTS, incrementsOf, type Increments } from '../../functions/domain/statistics.js';

const AT = '2026-12-07T03:00:00.000Z'; // 11:00 in Shanghai
const DAY = '2026-12-07';
const event = (type: OutboxEvent['type'], data: Record<string, unknown>, occurredAt = AT) => ({ type, occurredAt, data });

const decided = {
  taskId: 'c1-T00', department: 'amr', itemCode: '000105002000', stage: 1, level: 'yellow',
  workingDays: 4, promisedDays: 5, legalDays: 20, onTime: true, atWindow: false, signedDirectly: true,
};

/** Every row's and gauge's figures added up, by `day|scope|counter`. */
function total(all: Increments[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const { rows, gauges } of all) {
    for (const r of rows) for (const [k, n] of Object.entries(r.add)) sums[`${r.day}|${r.scope}|${k}`] = (sums[`${r.day}|${r.scope}|${k}`] ?? 0) + n!;
    for (const g of gauges) for (const [k, n] of Object.entries(g.add)) sums[`GAUGE|${g.scope}|${k}`] = (sums[`GAUGE|${g.scope}|${k}`] ?? 0) + n!;
  }
  return Object.fromEntries(Object.entries(sums).filter(([, n]) => n !== 0));
}

describe('what one event adds', () => {
  it('counts a submitted case on the county and its service, with its materials', () => {
    // Act
    const inc = incrementsOf(event('case.submitted', { service: 'BUNDLE-X', itemCode: undefined, bundleCode: 'BUNDLE-X', catalogVersion: '2026.12.1', departments: ['amr'], materialsAsked: 6, materialsSeparately: 10, materialsReused: 1 }));
    // Assess
    const add = { received: 1, materialsAsked: 6, materialsSeparately: 10, materialsReused: 1 };
    expect(inc).toEqual({ rows: [{ day: DAY, scope: 'ALL', add }, { day: DAY, scope: 'ITEM#BUNDLE-X', add }], gauges: [] });
  });

  it('keeps a decided task on its department, and only the window and signature rates on the county', () => {
    // Act
    const inc = incrementsOf(event('task.approved', decided));
    // Assess
    expect(inc.rows).toEqual([
      {
        day: DAY,
        scope: 'DEPT#amr',
        add: { completed: 1, completedOnTime: 1, daysUsed: 4, promisedDays: 5, legalDays: 20, daysUsed_4: 1, approved: 1, signedDirectly: 1 },
      },
      { day: DAY, scope: 'ALL', add: { signedDirectly: 1 } },
    ]);
    expect(inc.gauges).toEqual([{ scope: 'ALL', add: { open_yellow: -1 } }, { scope: 'DEPT#amr', add: { open_yellow: -1 } }]);
  });

  it('moves an open task between levels on the gauges, and counts the warning', () => {
    const inc = incrementsOf(event('task.overdue', { taskId: 't', department: 'fire', itemCode: 'i', from: 'yellow', to: 'red' }));
    expect(inc.rows).toEqual([{ day: DAY, scope: 'DEPT#fire', add: { red: 1 } }, { day: DAY, scope: 'ALL', add: { red: 1 } }]);
    expect(inc.gauges).toEqual([{ scope: 'ALL', add: { open_yellow: -1, open_red: 1 } }, { scope: 'DEPT#fire', add: { open_yellow: -1, open_red: 1 } }]);
  });

  it('counts each visit as a trip, the first one as a visited case, by reason', () => {
    const first = incrementsOf(event('case.visited', { reason: 'pickup', service: '000105002000', first: true }));
    const again = incrementsOf(event('case.visited', { reason: 'other', service: '000105002000', first: false }));
    expect(first.rows[0]).toEqual({ day: DAY, scope: 'ALL', add: { trips: 1, visits: 1, visit_pickup: 1 } });
    expect(again.rows[1]).toEqual({ day: DAY, scope: 'ITEM#000105002000', add: { trips: 1, visit_other: 1 } });
  });

  it('splits the fees: the ticket on the county, each share on its department', () => {
    const inc = incrementsOf(event('ticket.paid', { ticketNumber: 'T', paymentId: 'P', amountFen: 1500, paidOn: DAY, splits: [{ department: 'amr', account: 'a', amountFen: 1000 }, { department: 'nrp', account: 'b', amountFen: 500 }] }));
    expect(inc.rows.map((r) => [r.scope, r.add])).toEqual([['ALL', { feesFen: 1500 }], ['DEPT#amr', { feesFen: 1000 }], ['DEPT#nrp', { feesFen: 500 }]]);
  });

  it('opens a task at normal, or at the level its event names', () => {
    expect(incrementsOf(event('task.created', { taskId: 't', department: 'amr', stage: 1 })).gauges).toEqual([{ scope: 'ALL', add: { open_normal: 1 } }, { scope: 'DEPT#amr', add: { open_normal: 1 } }]);
    expect(incrementsOf(event('task.created', { taskId: 't', department: 'amr', stage: 1, level: 'yellow' })).gauges[1]).toEqual({ scope: 'DEPT#amr', add: { open_yellow: 1 } });
  });

  it('counts a rating on the county, the service and every responsible department', () => {
    const inc = incrementsOf(event('rating.submitted', { grade: 'dissatisfied', round: 1, service: 'S', departments: ['amr', 'fire', 'amr'] }));
    expect(inc.rows.map((r) => r.scope)).toEqual(['ALL', 'ITEM#S', 'DEPT#amr', 'DEPT#fire']);
    expect(new Set(inc.rows.map((r) => JSON.stringify(r.add)))).toEqual(new Set([JSON.stringify({ ratings: 1, rating_dissatisfied: 1 })]));
  });

  it('counts on the Shanghai day of the event, not the UTC one', () => {
    const inc = incrementsOf(event('case.deficient', { deficiencies: 1, service: 'S' }, '2026-12-07T16:30:00.000Z'));
    expect(inc.rows[0]!.day).toBe('2026-12-08');
  });

  it('counts every subscribed type, and only counters the contract lists', () => {
    const samples: Record<string, Record<string, unknown>> = {
      'case.submitted': { service: 'S', materialsAsked: 1, materialsSeparately: 2, materialsReused: 0 },
      'case.accepted': { service: 'S', firstPreReview: false, promisedDate: DAY },
      'case.deficient': { service: 'S' },
      'case.corrected': { service: 'S' },
      'case.rejected': { service: 'S' },
      'case.completed': { service: 'S', workingDays: 99, promisedDays: 5, legalDays: 20, onTime: false },
      'case.visited': { service: 'S', reason: 'verify_originals', first: true },
      'task.created': { taskId: 't', department: 'd', stage: 1 },
      'task.approved': decided,
      'task.rejected': { ...decided, atWindow: true },
      'task.transferred': { taskId: 't', department: 'd', itemCode: 'i' },
      'task.referred': { taskId: 't', department: 'd', itemCode: 'i' },
      'task.warned': { taskId: 't', department: 'd', itemCode: 'i', from: 'normal', to: 'yellow' },
      'task.overdue': { taskId: 't', department: 'd', itemCode: 'i', from: 'yellow', to: 'red' },
      'task.severe': { taskId: 't', department: 'd', itemCode: 'i', from: 'red', to: 'severe' },
      'task.withdrawn': { taskId: 't', department: 'd', itemCode: 'i', level: 'red' },
      'supervision.ordered': { orderId: 'o', department: 'd' },
      'supervision.escalated': { orderId: 'o', department: 'd' },
      'rectification.opened': { rectificationId: 'r', department: 'd' },
      'ticket.paid': { amountFen: 10, splits: [] },
      'refund.completed': { amountFen: 10 },
      'rating.submitted': { grade: 'satisfied', round: 1, service: 'S', departments: ['d'] },
    };
    expect([...COUNTED_EVENTS].sort()).toEqual(Object.keys(samples).sort());
    expect(consumers['supervision-stats']).toBe(COUNTED_EVENTS);
    const known = new Set<string>(COUNTERS);
    for (const type of COUNTED_EVENTS) {
      const inc = incrementsOf(event(type, samples[type]!));
      expect(inc.rows.length + inc.gauges.length, type).toBeGreaterThan(0);
      for (const r of inc.rows) for (const k of Object.keys(r.add)) expect(known.has(k) || /^daysUsed_\d+$/.test(k), `${type}: ${k}`).toBe(true);
    }
    // 99 working days fall in the histogram's last bucket.
    expect(incrementsOf(event('case.completed', samples['case.completed']!)).rows[0]!.add).toMatchObject({ daysUsed_60: 1, completedLate: 1 });
  });
});

describe('what it refuses', () => {
  it('names the field of data it cannot count', () => {
    expect(() => incrementsOf(event('task.approved', { ...decided, workingDays: -1 }))).toThrow(/workingDays/);
    expect(() => incrementsOf(event('case.visited', { reason: 'sightseeing', service: 'S', first: true }))).toThrow(/reason/);
    expect(() => incrementsOf(event('task.warned', { department: 'd', from: 'normal', to: 'purple' }))).toThrow(/to/);
    expect(() => incrementsOf(event('case.submitted', { materialsAsked: 1, materialsSeparately: 1, materialsReused: 0 }))).toThrow(/service/);
    expect(() => incrementsOf(event('delivery.updated', {}))).toThrow(/not counted/);
    expect(() => incrementsOf(event('case.corrected', { service: 'S' }, 'yesterday'))).toThrow(/occurredAt/);
  });
});

describe('any order of delivery', () => {
  it('sums to the same figures, and a level that went up and was decided leaves nothing open', () => {
    const life = [
      event('task.created', { taskId: 't', department: 'amr', stage: 1 }),
      event('task.transferred', { taskId: 't', department: 'amr', itemCode: 'i' }),
      event('task.warned', { taskId: 't', department: 'amr', itemCode: 'i', from: 'normal', to: 'yellow' }),
      event('task.overdue', { taskId: 't', department: 'amr', itemCode: 'i', from: 'yellow', to: 'red' }),
      event('task.referred', { taskId: 't', department: 'amr', itemCode: 'i' }),
      event('task.rejected', { ...decided, level: 'red', onTime: false, atWindow: false, signedDirectly: false }),
      event('case.rejected', { service: 'S', stage: 'review' }),
      event('case.visited', { service: 'S', reason: 'pickup', first: true }),
    ];
    const expected = total(life.map(incrementsOf));
    expect(Object.keys(expected).some((k) => k.startsWith('GAUGE'))).toBe(false);
    fc.assert(
      fc.property(fc.shuffledSubarray(life, { minLength: life.length, maxLength: life.length }), (order) => {
        expect(total(order.map(incrementsOf))).toEqual(expected);
      }),
    );
  });
});
