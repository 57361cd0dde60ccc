/**
 * Accepting with missing materials (容缺后补) against the emulators: the due dates an
 * application may promise (working days within the limits), the daily watch's reminder and late flag, and supplying a
 * deferred material through the corrections endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { dayNumber, defaultCalendar, fromDayNumber } from '../../functions/domain/calendar.js';
import { caseItems, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { foodLicenceApplication } from '../support/fixtures.js';
import { outboxEventsOf } from '../support/outbox.js';

let t: TestPlatform;
const today = shanghaiDate(new Date());
const dueDate = defaultCalendar.addWorkingDays(today, 3);

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

/** EventBridge's scheduled event for 09:00 Shanghai time on a local date. */
async function watchOn(localDate: string) {
  const fn = t.platform.resources.functions.find((f) => f.startsWith('Fndeferredwatch'));
  expect(fn).toBeDefined();
  const result = await t.platform.invoke(fn!, { 'detail-type': 'Scheduled Event', source: 'aws.events', time: `${localDate}T01:00:00Z`, detail: {} });
  await t.platform.idle();
  return result as { cases: number; changed: number };
}

describe('accept with missing materials', () => {
  // The limit itself is accepted in the unit tests (deferred.test.ts); a case made here would be watched with the others below.
  it('refuses a due date on the day of the application or after the promised date, and stores nothing', async () => {
    // Prepare: the food licence is promised in 5 working days
    const promised = defaultCalendar.addWorkingDays(today, 5);
    const upload = (c: string, type?: string) => t.api.upload(c, type);
    const clerk = await t.api.token('clerk');
    const waiting = async () => (await t.api.get('/v1/staff/cases?status=submitted&limit=200', clerk)).body.cases.length as number;
    const before = await waiting();

    // Act
    const sameDay = await t.api.submit(await foodLicenceApplication(upload, today));
    const late = await t.api.submit(await foodLicenceApplication(upload, defaultCalendar.addWorkingDays(promised, 1)));

    // Assess
    for (const refused of [sameDay, late]) {
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toEqual([
        { path: '/deferred/0/dueDate', message: `must be after ${today} and not later than ${promised}`, rule: 'due_date_range', params: { today, latest: promised } },
        { path: '/deferred/1/dueDate', message: `must be after ${today} and not later than ${promised}`, rule: 'due_date_range', params: { today, latest: promised } },
      ]);
    }
    expect(await waiting()).toBe(before);
  });

  it('refuses a due date within the limits that is not a working day, saying so, and stores nothing', async () => {
    // Prepare: the first day off (a weekend or public holiday) before the promised date
    const promised = defaultCalendar.addWorkingDays(today, 5);
    let dayOff = defaultCalendar.addWorkingDays(today, 1);
    while (defaultCalendar.isWorkingDay(dayOff) && dayOff < promised) dayOff = fromDayNumber(dayNumber(dayOff) + 1);
    expect(defaultCalendar.isWorkingDay(dayOff)).toBe(false);
    const clerk = await t.api.token('clerk');
    const waiting = async () => (await t.api.get('/v1/staff/cases?status=submitted&limit=200', clerk)).body.cases.length as number;
    const before = await waiting();

    // Act
    const refused = await t.api.submit(await foodLicenceApplication((c, type) => t.api.upload(c, type), dayOff));

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.fields).toEqual([0, 1].map((i) => ({
      path: `/deferred/${i}/dueDate`,
      message: `${dayOff} is not a working day (a weekend or public holiday): choose a working day`,
      rule: 'not_working_day',
      params: { date: dayOff },
    })));
    expect(await waiting()).toBe(before);
  });

  it('reminds before the due date, closes a commitment supplied in time and flags the late one', async () => {
    // Prepare: an accepted case with M0032 and M0031 deferred
    const submitted = await t.api.submit(await foodLicenceApplication((c, type) => t.api.upload(c, type), dueDate));
    expect(submitted.status).toBe(201);
    const { caseId, receiptNumber, queryCode } = submitted.body;
    const clerk = await t.api.token('clerk');
    await t.api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'accept' }, { token: clerk });
    await t.platform.idle();
    const view = () => t.api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`);

    // Act 1: the watch runs the working day before the due date
    const dayBefore = defaultCalendar.addWorkingDays(today, 2);
    expect((await watchOn(dayBefore)).changed).toBeGreaterThanOrEqual(1);
    const reminded = await view();
    expect(reminded.body.deferred.every((d: { remindedAt?: string }) => d.remindedAt)).toBe(true);
    expect((await watchOn(dayBefore)).changed).toBe(0);

    // Act 2: the applicant supplies M0031 in time
    const supplied = await t.api.post(`/v1/applications/${receiptNumber}/corrections?queryCode=${queryCode}`, {
      materials: [{ materialCode: 'M0031', uploadId: await t.api.upload('%PDF-1.4 food safety rules') }],
    });
    expect(supplied.status).toBe(200);
    expect(supplied.body.deferred.find((d: { materialCode: string }) => d.materialCode === 'M0031').status).toBe('supplied');

    // Act 3: the watch runs the day after the due date
    const dayAfter = defaultCalendar.addWorkingDays(dueDate, 1);
    expect((await watchOn(dayAfter)).changed).toBe(1);
    expect((await watchOn(dayAfter)).changed).toBe(0);

    // Assess
    const after = await view();
    const byCode = Object.fromEntries(after.body.deferred.map((d: { materialCode: string }) => [d.materialCode, d]));
    expect(byCode.M0031).toMatchObject({ status: 'supplied' });
    expect(byCode.M0031.late).toBeUndefined();
    expect(byCode.M0032).toMatchObject({ status: 'open', late: true });
    const [caseItem] = await caseItems(t, caseId, 'CASE');
    expect(caseItem!.flags).toEqual(['deferred_late']);
    const actions = after.body.timeline.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'deferred.reminded')).toHaveLength(2);
    expect(actions.filter((a: string) => a === 'deferred.late')).toHaveLength(1);
    expect(actions).toContain('deferred.supplied');
    const events = await outboxEventsOf(t, caseId);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['deferred.reminder', 'deferred.late', 'deferred.supplied']));
  });

  it('refuses materials that were not deferred outside a deficiency notice', async () => {
    const submitted = await t.api.submit(await foodLicenceApplication((c, type) => t.api.upload(c, type), dueDate));
    const { receiptNumber, queryCode } = submitted.body;
    const reply = await t.api.post(`/v1/applications/${receiptNumber}/corrections?queryCode=${queryCode}`, {
      materials: [{ materialCode: 'M0030', uploadId: await t.api.upload('%PDF-1.4 plan') }],
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('NO_DEFICIENCY_NOTICE');
  });
});
