/**
 * Accept with missing materials (容缺后补): the applicant committed to supply a material
 * by a due date. The daily watch reminds as the date approaches and flags the case for
 * supervision once it has passed; supplying the material closes the commitment.
 */
import type { CaseMaterial, CaseRecord, Change, Clock } from './records.js';
import type { DeferredMaterial } from '../../contracts/cases.js';
import type { LocalDate } from '../../contracts/dates.js';
import type { TimelineInput } from './timeline.js';

/** Remind this many working days ahead of the due date. */
export const REMIND_WORKING_DAYS = 2;

export const LATE_FLAG = 'deferred_late';

/**
 * Reminders and late flags due today; null when nothing is due (or it was done already).
 * A completed case is still watched: its results wait for the material.
 */
export function watchDeferred(c: CaseRecord, { now, today, calendar }: Clock): Change | null {
  if (c.status === 'rejected') return null;
  const remindFrom = (due: LocalDate) => calendar.workingDaysBetween(today, due) <= REMIND_WORKING_DAYS;
  const timeline: TimelineInput[] = [];
  const events: Change['events'] = [];
  const deferred = c.deferred.map((d): DeferredMaterial => {
    if (d.status !== 'open') return d;
    if (d.dueDate < today && !d.late) {
      timeline.push({ at: now, actor: { type: 'system', id: 'deferred-watch' }, action: 'deferred.late', detail: { materialCode: d.materialCode, dueDate: d.dueDate } });
      events.push({ type: 'deferred.late', data: { materialCode: d.materialCode, dueDate: d.dueDate } });
      return { ...d, late: true };
    }
    if (d.dueDate >= today && !d.remindedAt && remindFrom(d.dueDate)) {
      timeline.push({ at: now, actor: { type: 'system', id: 'deferred-watch' }, action: 'deferred.reminded', detail: { materialCode: d.materialCode, dueDate: d.dueDate } });
      events.push({ type: 'deferred.reminder', data: { materialCode: d.materialCode, dueDate: d.dueDate } });
      return { ...d, remindedAt: now };
    }
    return d;
  });
  if (timeline.length === 0) return null;
  const late = deferred.some((d) => d.late);
  const flags = late && !c.flags.includes(LATE_FLAG) ? [...c.flags, LATE_FLAG] : c.flags;
  return {
    case: { next: { ...c, deferred, flags, version: c.version + 1 }, expectedVersion: c.version },
    tasks: [],
    timeline,
    events,
  };
}

/** The open commitments these materials fulfil. */
export function suppliedCommitments(c: CaseRecord, materials: { materialCode: string }[]): string[] {
  const open = new Set(c.deferred.filter((d) => d.status === 'open').map((d) => d.materialCode));
  return materials.map((m) => m.materialCode).filter((code) => open.has(code));
}

/** Closes the commitments the supplied materials fulfil and adds the materials to the case. */
export function supplyDeferred(c: CaseRecord, materials: CaseMaterial[], { now }: Clock, actor: TimelineInput['actor']): Change {
  const codes = new Set(materials.map((m) => m.materialCode));
  const deferred = c.deferred.map((d) => (d.status === 'open' && codes.has(d.materialCode) ? { ...d, status: 'supplied' as const, suppliedAt: now } : d));
  return {
    case: {
      next: { ...c, deferred, materials: [...c.materials.filter((m) => !codes.has(m.materialCode)), ...materials], version: c.version + 1 },
      expectedVersion: c.version,
    },
    tasks: [],
    timeline: [{ at: now, actor, action: 'deferred.supplied', detail: { materials: [...codes] } }],
    events: [{ type: 'deferred.supplied', data: { materials: [...codes] } }],
  };
}
