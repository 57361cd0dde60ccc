/**
 * The limits on a deferred material's due date (容缺后补): after the day of the
 * application, no later than the end of the stage that first needs the material — for a
 * single item its promised date, for a staged bundle the end of that stage —, and on a
 * working day of the holiday calendar, when the window is open to receive it.
 */
import { describe, expect, it } from 'vitest';
import { publishedCatalogs } from '../../catalog/index.js';
import type { LocalDate } from '../../contracts/dates.js';
import { checkMaterials } from '../../functions/domain/application.js';
import { defaultCalendar, workingCalendar, type WorkingCalendar } from '../../functions/domain/calendar.js';
import { bundleSubject, itemSubject, type ApplicationSubject } from '../../functions/domain/subject.js';

const source = publishedCatalogs['2026.11.3']!;
const scope = { regionCode: '430600', level: 'city' } as const;
const TODAY: LocalDate = '2026-11-27';
const add = (date: LocalDate, days: number) => defaultCalendar.addWorkingDays(date, days);

/** The errors of deferring `materialCode` until `dueDate`, every other material counted as supplied. */
function dueDateErrors(subject: ApplicationSubject, materialCode: string, dueDate: LocalDate, calendar: WorkingCalendar = defaultCalendar) {
  const { errors } = checkMaterials({
    subject,
    provided: [],
    deferred: [{ materialCode, dueDate, commitmentAccepted: true }],
    uploads: new Map(),
    caseId: 'c1',
    today: TODAY,
    latestDueDate: (code) => subject.latestDueDate(code, TODAY, defaultCalendar),
    calendar,
    now: '2026-11-27T02:00:00.000Z',
    alreadySupplied: new Set(subject.materials.map((m) => m.code)),
  });
  return errors;
}

describe('the due date of a deferred material of a single item', () => {
  const food = itemSubject(source, '000105002000', scope)!;
  const promised = add(TODAY, 5);

  it('may be any working day after today up to the promised date, inclusive', () => {
    expect(food.latestDueDate('M0031', TODAY, defaultCalendar)).toBe(promised);
    for (const day of ['2026-11-30', '2026-12-01', promised] as LocalDate[]) expect(dueDateErrors(food, 'M0031', day), day).toEqual([]);
  });

  it('is refused on a weekend within the limits, saying it is not a working day', () => {
    for (const day of ['2026-11-28', '2026-11-29'] as LocalDate[]) {
      expect(dueDateErrors(food, 'M0031', day), day).toEqual([
        { path: '/deferred/0/dueDate', message: `${day} is not a working day (a weekend or public holiday): choose a working day`, rule: 'not_working_day', params: { date: day } },
      ]);
    }
  });

  it('follows the holiday calendar: a weekday holiday is refused, a weekend made a working day is accepted', () => {
    const calendar = workingCalendar({ years: [{ year: 2026, holidays: ['2026-12-01'], workdays: ['2026-11-28'], source: 'a test arrangement' }] });
    expect(dueDateErrors(food, 'M0031', '2026-12-01', calendar).map((e) => e.message)).toEqual([
      '2026-12-01 is not a working day (a weekend or public holiday): choose a working day',
    ]);
    expect(dueDateErrors(food, 'M0031', '2026-11-28', calendar)).toEqual([]);
    expect(dueDateErrors(food, 'M0031', '2026-11-30', calendar)).toEqual([]);
  });

  it('is refused on the day of the application, before it, and after the promised date, naming both limits', () => {
    for (const day of [TODAY, '2026-11-26', '2026-12-05', '2027-11-27'] as LocalDate[]) {
      expect(dueDateErrors(food, 'M0031', day), day).toEqual([{ path: '/deferred/0/dueDate', message: `must be after ${TODAY} and not later than ${promised}`, rule: 'due_date_range', params: { today: TODAY, latest: promised } }]);
    }
  });
});

describe('the due date of a deferred material of a staged bundle', () => {
  const construction = bundleSubject(source, 'CONSTRUCTION-JOINT', scope)!;
  const stageOf = (code: string) => (construction.materials.find((m) => m.code === code) as { stage?: string } | undefined)?.stage;
  // Five stages one after the other: initiation 15, planning 10, design 5, construction 5, acceptance 10 working days.
  const endOfDesign = add(add(add(TODAY, 15), 10), 5);
  const endOfConstruction = add(endOfDesign, 5);

  it('is limited by the end of the stage that first needs the material, not the end of the case', () => {
    expect(construction.stages.map((s) => [s.code, s.limitDays, s.mayStartEarly])).toEqual([
      ['initiation', 15, false], ['planning', 10, false], ['design', 5, false], ['construction', 5, false], ['acceptance', 10, false],
    ]);
    expect(stageOf('M0014')).toBe('design');
    expect(stageOf('M0034')).toBe('construction');
    expect(construction.latestDueDate('M0014', TODAY, defaultCalendar)).toBe(endOfDesign);
    expect(construction.latestDueDate('M0034', TODAY, defaultCalendar)).toBe(endOfConstruction);
  });

  it('accepts the last day of that stage and refuses the next', () => {
    expect(dueDateErrors(construction, 'M0014', endOfDesign)).toEqual([]);
    expect(dueDateErrors(construction, 'M0014', add(endOfDesign, 1)).map((e) => e.path)).toEqual(['/deferred/0/dueDate']);
    expect(dueDateErrors(construction, 'M0034', add(endOfDesign, 1))).toEqual([]);
    expect(dueDateErrors(construction, 'M0034', add(endOfConstruction, 1)).map((e) => e.path)).toEqual(['/deferred/0/dueDate']);
  });

  it('is limited by the first stage for a material its first stage needs', () => {
    const invest = bundleSubject(source, 'INVEST-ONE-DRAGON', scope)!;
    expect(invest.latestDueDate('M0032', TODAY, defaultCalendar)).toBe(add(TODAY, 15));
  });
});
