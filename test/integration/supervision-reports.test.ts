/**
 * The supervision board, the reports, their archive and an item's public performance
 * against the emulators (docs/reports.md). The statistics rows, gauges and open items are
 * seeded as `supervision-stats` and the deadline watch keep them (test/support/supervision.ts),
 * so every figure expected here is worked out by hand from the seeded rows.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { dayNumber, fromDayNumber } from '../../functions/domain/calendar.js';
import { isoWeekOf, parsePeriod, previousMonth } from '../../functions/domain/periods.js';
import { figure, reportTable } from '../../functions/domain/reports.js';
import { extractText } from '../support/pdf.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { seedGauges, seedOrders, seedRectifications, seedStats, seedTasks } from '../support/supervision.js';

let t: TestPlatform;
let s3: S3Client;
let supervisor: string;

const today = shanghaiDate(new Date());
const plusDays = (day: string, n: number) => fromDayNumber(dayNumber(day) + n);
const thisMonth = parsePeriod(today.slice(0, 7))!;
const lastMonth = previousMonth(thisMonth);
const monthBefore = previousMonth(lastMonth);
const lastWeek = isoWeekOf(plusDays(today, -7));
const FOOD = '000105002000';
const REAL_ESTATE = '000108005000';

const monthRows: Array<{ day: string; scope: string; counters: Record<string, number> }> = [
  {
    day: `${lastMonth.id}-05`, scope: 'ALL', counters: {
      received: 10, completed: 8, completedOnTime: 7, completedLate: 1, trips: 9, daysUsed: 20, promisedDays: 40, legalDays: 80, daysUsed_2: 5, daysUsed_3: 3,
      materialsAsked: 30, materialsSeparately: 45, materialsReused: 6, ratings: 4, rating_very_satisfied: 2, rating_satisfied: 1, rating_dissatisfied: 1,
      atWindow: 9, transferred: 1, signedDirectly: 8, referred: 2, yellow: 3,
    },
  },
  {
    day: `${lastMonth.id}-05`, scope: 'DEPT#amr', counters: {
      received: 6, approved: 5, completed: 5, completedOnTime: 4, completedLate: 1, daysUsed: 10, promisedDays: 25, legalDays: 50, daysUsed_2: 5,
      yellow: 2, redCards: 1, orders: 2, atWindow: 5, signedDirectly: 4, referred: 1, ratings: 3, rating_very_satisfied: 2, rating_dissatisfied: 1,
    },
  },
  {
    day: `${lastMonth.id}-05`, scope: 'DEPT#nrp', counters: {
      received: 4, approved: 3, rejected: 1, completed: 4, completedOnTime: 4, daysUsed: 10, promisedDays: 15, legalDays: 30, daysUsed_2: 1, daysUsed_3: 3,
      yellow: 1, atWindow: 4, transferred: 1, signedDirectly: 4, referred: 1, ratings: 1, rating_satisfied: 1,
    },
  },
  // On the 1st: outside the food licence's last 30 days (its performance below) whatever today is, but February's
  { day: `${lastMonth.id}-01`, scope: `ITEM#${FOOD}`, counters: { received: 6, completed: 5, completedOnTime: 4, completedLate: 1, trips: 5, daysUsed: 10, daysUsed_2: 5, ratings: 3, rating_very_satisfied: 2, rating_dissatisfied: 1 } },
  { day: `${lastMonth.id}-05`, scope: `ITEM#${REAL_ESTATE}`, counters: { received: 4, completed: 3, completedOnTime: 3, trips: 4, daysUsed: 9, daysUsed_3: 3, ratings: 1, rating_satisfied: 1 } },
  { day: `${lastMonth.id}-20`, scope: 'ALL', counters: { received: 2, completed: 1, completedOnTime: 1, daysUsed: 4, promisedDays: 5, legalDays: 10, daysUsed_4: 1, trips: 1 } },
  { day: `${lastMonth.id}-20`, scope: 'DEPT#amr', counters: { received: 1, yellow: 1 } },
  { day: `${monthBefore.id}-10`, scope: 'ALL', counters: { completed: 10, trips: 15 } },
];

beforeAll(async () => {
  t = await startTestPlatform();
  s3 = new S3Client({ endpoint: t.platform.endpoints.s3, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  supervisor = await t.api.token('supervisor');
  // Last week's Sunday: never in last month while today is past the month's first week
  const weekDay = parsePeriod(lastWeek)!.last;
  await seedStats(t, [
    ...monthRows,
    // last week: amr on time with a red card, nrp late
    { day: weekDay, scope: 'DEPT#amr', counters: { completedOnTime: 4, daysUsed: 5, promisedDays: 10, ratings: 2, rating_satisfied: 2, redCards: 1 } },
    { day: weekDay, scope: 'DEPT#nrp', counters: { completedOnTime: 1, completedLate: 1, daysUsed: 10, promisedDays: 10 } },
    // this week, for the board's trend and today's counters
    { day: today, scope: 'ALL', counters: { received: 5, visits: 2 } },
    { day: today, scope: 'DEPT#amr', counters: { received: 3 } },
    { day: plusDays(today, -2), scope: 'ALL', counters: { received: 7 } },
    // the food licence's last 30 days
    { day: plusDays(today, -3), scope: `ITEM#${FOOD}`, counters: { completed: 4, completedOnTime: 4, trips: 2, daysUsed: 8, daysUsed_1: 1, daysUsed_2: 2, daysUsed_3: 1, ratings: 5, rating_very_satisfied: 4, rating_basically_satisfied: 1 } },
    { day: plusDays(today, -40), scope: `ITEM#${FOOD}`, counters: { completed: 100, completedLate: 100 } },
  ]);
  await seedGauges(t, [
    { scope: 'ALL', normal: 40, yellow: 3, red: 2, severe: 1 },
    { scope: 'DEPT#amr', normal: 30, yellow: 2, red: 1, severe: 1 },
    { scope: 'DEPT#nrp', normal: 10, yellow: 1, red: 1 },
  ]);
  await seedTasks(t, [
    { taskId: 'T-amr-red', caseId: 'C1', department: 'amr', level: 'red', deadline: plusDays(today, -2), legalDeadline: plusDays(today, 10), dueAt: `${plusDays(today, 10)}T16:00:00.000Z` },
    { taskId: 'T-nrp-red', caseId: 'C2', department: 'nrp', level: 'red', itemCode: REAL_ESTATE, deadline: plusDays(today, -1), dueAt: `${plusDays(today, 12)}T16:00:00.000Z` },
    { taskId: 'T-amr-severe', caseId: 'C3', department: 'amr', level: 'severe', deadline: plusDays(today, -30), dueAt: '~' },
    { taskId: 'T-nrp-yellow', caseId: 'C4', department: 'nrp', level: 'yellow', deadline: plusDays(today, 1), dueAt: `${plusDays(today, 1)}T16:00:00.000Z` },
  ]);
  await seedOrders(t, [
    { orderId: 'O-amr', caseId: 'C1', department: 'amr', replyBy: plusDays(today, -1), escalated: true },
    { orderId: 'O-nrp', caseId: 'C2', department: 'nrp', replyBy: plusDays(today, 3), escalated: false },
  ]);
  await seedRectifications(t, [
    { rectificationId: 'R-amr', caseId: 'C5', department: 'amr', dueDate: plusDays(today, -1), overdue: true },
    { rectificationId: 'R-nrp', caseId: 'C6', department: 'nrp', dueDate: plusDays(today, 4), overdue: false },
  ]);
});
afterAll(async () => {
  await t?.stop();
});

const get = (path: string, token: string, accept?: string) => t.api.request('GET', path, { token, headers: accept ? { accept } : {} });
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('the supervision board', () => {
  it('shows a supervisor the open tasks by level, the red and severe tasks, overdue rectifications, today and the week', async () => {
    // Act
    const board = await get('/v1/staff/supervision/board', supervisor);

    // Assess
    expect(board.status).toBe(200);
    expect(board.body.department).toBeNull();
    expect(board.body.open).toEqual([
      { scope: 'ALL', normal: 40, yellow: 3, red: 2, severe: 1 },
      { scope: 'DEPT#amr', normal: 30, yellow: 2, red: 1, severe: 1 },
      { scope: 'DEPT#nrp', normal: 10, yellow: 1, red: 1, severe: 0 },
    ]);
    expect(board.body.red.entries.map((e: any) => e.taskId)).toEqual(['T-amr-red', 'T-nrp-red']);
    expect(board.body.red).toMatchObject({ total: 2, truncated: false });
    expect(board.body.red.entries[0]).toEqual({
      taskId: 'T-amr-red', caseId: 'C1', receiptNumber: 'R-C1', department: 'amr', itemCode: FOOD, itemName: { zh: '食品经营许可', en: 'Food business licence' },
      deadline: plusDays(today, -2), legalDeadline: plusDays(today, 10), level: 'red',
    });
    expect(board.body.severe.entries.map((e: any) => e.taskId)).toEqual(['T-amr-severe']);
    expect(board.body.overdueRectifications.entries.map((e: any) => e.rectificationId)).toEqual(['R-amr']);
    expect(board.body.todayCounters).toEqual({ received: 5, visits: 2 });
    expect(board.body.week.map((d: any) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => plusDays(today, i - 6)));
    expect(board.body.week.map((d: any) => d.counters.received ?? 0)).toEqual([0, 0, 0, 0, 7, 0, 5]);
  });

  it('shows a chief their own department only, and refuses a reviewer and a clerk', async () => {
    // Act
    const board = await get('/v1/staff/supervision/board', await t.api.token('chief-nrp'));
    const refused = await Promise.all(['reviewer-nrp', 'clerk'].map(async (u) => get('/v1/staff/supervision/board', await t.api.token(u))));

    // Assess
    expect(board.status).toBe(200);
    expect(board.body.department).toBe('nrp');
    expect(board.body.open).toEqual([{ scope: 'DEPT#nrp', normal: 10, yellow: 1, red: 1, severe: 0 }]);
    expect(board.body.red.entries.map((e: any) => e.taskId)).toEqual(['T-nrp-red']);
    expect(board.body.severe.entries).toEqual([]);
    expect(board.body.overdueRectifications.entries).toEqual([]);
    expect(board.body.todayCounters).toEqual({});
    expect(JSON.stringify(board.body)).not.toContain('amr');
    for (const reply of refused) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('ROLE_REQUIRED');
    }
  });
});

describe('the reports', () => {
  it('gives the monthly report in JSON, CSV and PDF, which agree, with the headline beside the reform and last month', async () => {
    // Act
    const path = `/v1/staff/supervision/reports/${lastMonth.id}`;
    const [json, csv, pdf] = await Promise.all([get(path, supervisor), get(path, supervisor, 'text/csv'), get(path, supervisor, 'application/pdf')]);

    // Assess: the figures, by hand from the seeded rows
    expect([json.status, csv.status, pdf.status]).toEqual([200, 200, 200]);
    const report = json.body;
    expect(report.period).toEqual({ id: lastMonth.id, kind: 'month', first: lastMonth.first, last: lastMonth.last });
    expect(report.totals.counters).toMatchObject({ received: 12, completed: 9, completedOnTime: 8, completedLate: 1, trips: 10 });
    const headline = Object.fromEntries(report.headline.map((h: any) => [h.indicator, h]));
    expect(headline.tripsPerCase.value).toBeCloseTo(10 / 9);
    expect(headline.tripsPerCase).toMatchObject({ reform: 1.32, previous: 1.5 });
    expect(headline.materialsSaved.value).toBeCloseTo(1 - 30 / 45);
    expect(headline.fasterThanLegal.value).toBeCloseTo(1 - 24 / 90);
    expect(headline.fasterThanLegal.reform).toBe(0.4);
    expect(headline.approvalFaster.value).toBeCloseTo(1 - 20 / 80);
    expect(headline.atWindowRate.value).toBeCloseTo(9 / 10);
    expect(headline.signedDirectlyRate.value).toBeCloseTo(8 / 10);
    expect(headline.medianDays.value).toBe(2);
    expect(headline.realEstateMedianDays).toMatchObject({ value: 3, reform: 10 });
    expect(headline.satisfaction.value).toBeCloseTo(3 / 4);
    const amr = report.departments.find((d: any) => d.department === 'amr');
    expect(amr).toMatchObject({ yellowCards: 3, redCards: 1, ratings: { ratings: 3, satisfaction: 2 / 3 } });
    expect(report.items.map((i: any) => i.itemCode).sort()).toEqual([FOOD, REAL_ESTATE]);

    // Assess: CSV and PDF hold the same table, row for row
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="supervision-${lastMonth.id}.csv"`);
    const csvLines = (csv.body as string).replace(/^\uFEFF/, '').split('\r\n');
    const text = await extractText(new Uint8Array(pdf.body));
    for (const section of reportTable(report)) {
      for (const row of section.rows) {
        expect(csvLines, `${section.id} ${row.join(',')}`).toContain([section.id, ...row].join(','));
        expect(text, `${section.id} ${row.join(' ')}`).toContain(row.join('').replace(/\s+/g, ''));
      }
    }
    expect(text).toContain(`amr${amr.name.zh}`);
    expect(text).toContain(`tripsPerCase件均跑动次数${figure(10 / 9, 'days')}1.32`);
  });

  it('ranks the departments in the weekly report by the documented score', async () => {
    const week = await get(`/v1/staff/supervision/reports/${lastWeek}`, supervisor);
    expect(week.status).toBe(200);
    // amr: on time 1, speed 0.5, satisfaction 1, one red card → (40 + 15 + 30) − 5 = 80; nrp: on time 0.5, speed 0 → 100 × 20 / 70
    expect(week.body.ranking.slice(0, 2)).toEqual([
      { rank: 1, department: 'amr', score: 80, onTimeRate: 1, timeUsedOfPromised: 0.5, satisfaction: 1, redCards: 1 },
      { rank: 2, department: 'nrp', score: Math.round((100 * 20) / 70 * 10) / 10, onTimeRate: 0.5, timeUsedOfPromised: 1, satisfaction: null, redCards: 0 },
    ]);
  });

  it('lists each department\'s overdue and warned tasks, open orders and rectifications in the ten-day dispatch notice', async () => {
    const dekad = `${today.slice(0, 7)}-D${Math.min(3, Math.floor((Number(today.slice(8)) - 1) / 10) + 1)}`;
    const reply = await get(`/v1/staff/supervision/reports/${dekad}`, supervisor);
    expect(reply.status).toBe(200);
    const byDepartment = Object.fromEntries(reply.body.dispatch.map((d: any) => [d.department, d]));
    const ids = (d: any) => [d.overdue, d.warned, d.orders, d.rectifications].map((list: any[]) => list.map((e) => e.taskId ?? e.orderId ?? e.rectificationId));
    expect(ids(byDepartment.amr)).toEqual([['T-amr-severe', 'T-amr-red'], [], ['O-amr'], ['R-amr']]);
    expect(ids(byDepartment.nrp)).toEqual([['T-nrp-red'], ['T-nrp-yellow'], ['O-nrp'], ['R-nrp']]);
    expect(byDepartment.amr.orders[0].escalated).toBe(true);
  });

  it("shows a chief their department's report only, and refuses a reviewer", async () => {
    const chief = await get(`/v1/staff/supervision/reports/${lastMonth.id}`, await t.api.token('chief-nrp'));
    const csv = await get(`/v1/staff/supervision/reports/${lastMonth.id}`, await t.api.token('chief-nrp'), 'text/csv');
    const reviewer = await get(`/v1/staff/supervision/reports/${lastMonth.id}`, await t.api.token('reviewer-amr'));

    expect(chief.status).toBe(200);
    expect(chief.body).toMatchObject({ department: 'nrp', totals: null });
    expect(chief.body.departments.map((d: any) => d.department)).toEqual(['nrp']);
    expect(chief.body.items.map((i: any) => i.itemCode)).toEqual([REAL_ESTATE]);
    expect(chief.body.headline).toBeUndefined();
    expect(JSON.stringify(chief.body)).not.toMatch(/amr|000105002000/);
    expect(csv.body).not.toMatch(/amr|000105002000/);
    expect(reviewer.status).toBe(403);
  });

  it('refuses a malformed period (400) and one that starts in the future (422), in the caller\'s language', async () => {
    const malformed = await get('/v1/staff/supervision/reports/2026-13', supervisor);
    const future = await get(`/v1/staff/supervision/reports/${plusDays(today, 1)}`, supervisor);
    const futureZh = await t.api.request('GET', `/v1/staff/supervision/reports/${fromDayNumber(dayNumber(thisMonth.last) + 1).slice(0, 7)}`, { token: supervisor, headers: { 'accept-language': 'zh-CN' } });

    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'PERIOD_MALFORMED', fields: [{ path: 'path:period', rule: 'not_period' }] });
    expect(malformed.body.error.message).toContain('2026-W49');
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('PERIOD_IN_FUTURE');
    expect(futureZh.status).toBe(422);
    expect(futureZh.body.error.message).toContain('晚于今天');
  });
});

describe('the archive', () => {
  const job = () => {
    const fn = t.platform.resources.functions.find((f) => f.startsWith('Fnsupervisionarchive'));
    expect(fn).toBeDefined();
    // 00:30 in Shanghai on the 1st of this month: last month, its third ten-day period and its last day closed
    return t.platform.invoke(fn!, { 'detail-type': 'Scheduled Event', source: 'aws.events', time: `${lastMonth.last}T16:30:00Z`, detail: {} }) as Promise<{ archived: string[]; unchanged: string[] }>;
  };
  const record = async (period: string) => (await t.dynamo.send(new GetCommand({ TableName: t.dataTable, Key: { pk: `REPORT#${period}`, sk: 'REPORT' } }))).Item;
  const bucket = () => Object.entries(t.platform.resources.buckets).find(([id]) => id.startsWith('Reports'))![1];

  it('writes the closed periods once, a rerun changes nothing, and serves the archived files with their SHA-256', async () => {
    // Act
    const first = await job();
    const stored = await record(lastMonth.id);
    const objects = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `430600/${lastMonth.id}/` }))).Contents ?? []).map((o) => [o.Key, o.ETag, o.LastModified?.toISOString()]);
    const archivedObjects = await objects();
    // Figures that arrive after the month closed do not change its published report
    await seedStats(t, [{ day: `${lastMonth.id}-28`, scope: 'ALL', counters: { received: 1000 } }]);
    const second = await job();

    // Assess: archived once
    const closed = [lastMonth.last, `${lastMonth.id}-D3`, lastMonth.id];
    if (new Date(`${thisMonth.first}T12:00:00Z`).getUTCDay() === 1) closed.splice(1, 0, isoWeekOf(lastMonth.last));
    expect(first).toEqual({ archived: closed, unchanged: [] });
    expect(second).toEqual({ archived: [], unchanged: closed });
    expect(await record(lastMonth.id)).toEqual(stored);
    expect(await objects()).toEqual(archivedObjects);
    expect(archivedObjects.map(([key]) => key).sort()).toEqual(['csv', 'json', 'pdf'].map((ext) => `430600/${lastMonth.id}/${stored!.sha256[ext]}.${ext}`).sort());

    // Assess: served from the archive, each format with the SHA-256 of the file archived
    const path = `/v1/staff/supervision/reports/${lastMonth.id}`;
    const [json, csv, pdf] = await Promise.all([get(path, supervisor), get(path, supervisor, 'text/csv'), get(path, supervisor, 'application/pdf')]);
    expect(json.body.archived).toEqual({ at: stored!.archivedAt, sha256: stored!.sha256 });
    expect(json.body.totals.counters.received).toBe(12);
    expect(json.headers.get('x-report-sha256')).toBe(stored!.sha256.json);
    const archivedJson = await (await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: stored!.objects.json }))).Body!.transformToByteArray();
    expect(sha256(archivedJson)).toBe(stored!.sha256.json);
    const { archived: _archived, ...rest } = json.body;
    expect(JSON.parse(Buffer.from(archivedJson).toString('utf8'))).toEqual(rest);
    expect(csv.headers.get('x-report-sha256')).toBe(stored!.sha256.csv);
    // fetch's text() drops the byte-order mark the file starts with
    expect(sha256(Buffer.from(`\uFEFF${csv.body as string}`, 'utf8'))).toBe(stored!.sha256.csv);
    expect(pdf.headers.get('x-report-sha256')).toBe(stored!.sha256.pdf);
    expect(sha256(pdf.body)).toBe(stored!.sha256.pdf);
  });
});

describe("an item's public performance", () => {
  it('gives the last 30 days of the item from its statistics rows, and nulls without data', async () => {
    const food = await t.api.get(`/v1/catalog/items/${FOOD}/performance`);
    const quiet = await t.api.get('/v1/catalog/items/000107001000/performance');
    const unknown = await t.api.get('/v1/catalog/items/999999999999/performance');

    expect(food.status).toBe(200);
    expect(food.body).toEqual({
      itemCode: FOOD, from: plusDays(today, -29), to: today, completed: 4, averageDays: 2, medianDays: 2, p90Days: 3, onTimeRate: 1, tripsPerCase: 0.5, satisfaction: 1, ratings: 5,
    });
    expect(food.headers.get('cache-control')).toBe('public, max-age=300');
    expect(quiet.body).toMatchObject({ completed: 0, averageDays: null, medianDays: null, p90Days: null, onTimeRate: null, tripsPerCase: null, satisfaction: null, ratings: 0 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ITEM_NOT_FOUND');
  });
});
