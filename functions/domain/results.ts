/**
 * "One window issues": the case's results (one certificate per approved task), and the
 * handover once the case is complete — every task approved and signed, the ticket paid,
 * every deferred material supplied — and every result is in: a courier shipment, an
 * electronic download, or a pickup notice. The results are issued (their certificates
 * valid, downloadable) with the handover, together, never before. Pure; see docs/results.md.
 */
import { createHash } from 'node:crypto';
import type { ResultValidity } from '../../contracts/catalog.js';
import { afterFailure, applyCourierStatus, isTerminal, requestedShipment, shipmentIdOf, type CourierUpdate } from './delivery.js';
import type { Actor, TimelineInput } from './timeline.js';
import type { CallbackOutcome } from './callbacks.js';
import type { Certificate, CaseRecord, Change, Clock, DomainEvent, Handover, ResultRecord, TaskRecord } from './records.js';

/** No 0/O, 1/I/L, as for query codes: `XXXX-XXXX-XXXX`, ≈ 7.9e17 codes. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Declared on the wire, where the verification widget checks a typed code with it too. */
export { VERIFICATION_CODE_PATTERN } from '../../contracts/certificates.js';

export function verificationCode(random: Uint8Array): string {
  if (random.length < 12) throw new RangeError('verificationCode needs 12 random bytes');
  const chars = [...random.slice(0, 12)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The library is keyed by a hash of the holder's identity, so no ID number is a key. */
export function holderKey(idType: string, idNumber: string): string {
  return createHash('sha256').update(`${idType}:${idNumber.toUpperCase()}`).digest('hex');
}

/** Who a result is issued to, and how they are identified. */
export type ResultHolder = Certificate['holder'];

/**
 * Who holds the case's results: the applicant, unless an approved task of the case assigned
 * a unified social credit code (business registration's 统一社会信用代码, `assigns:
 * ["creditCode"]`) and the form names the company (`companyName`). A founder applies as a
 * person because the company does not exist yet; from its registration on, what the
 * bundle issues (the business licence, the food licence…) is the company's, identified by
 * the code, and kept in the company's library, where its later applications find it.
 */
export function resultHolder(c: Pick<CaseRecord, 'applicant' | 'form'>, tasks: readonly Pick<TaskRecord, 'status' | 'assigns'>[]): ResultHolder {
  const { creditCode, companyName } = c.form;
  const assigned = tasks.some((t) => t.status === 'approved' && t.assigns?.includes('creditCode'));
  if (assigned && typeof creditCode === 'string' && typeof companyName === 'string' && companyName.trim() !== '') {
    return { type: 'company', name: companyName.trim(), idType: 'credit_code', idNumber: creditCode };
  }
  const a = c.applicant;
  return { type: a.type, name: a.name, idType: a.idType, idNumber: a.idNumber };
}

/**
 * The licence number (证照编号) printed on a certificate: the county, the item (its
 * department and sequence digits of the base code), the case's receipt day and sequence,
 * and the task's index in the case, e.g. `430600-105002-20261207000123-01`. Derived, not
 * drawn: one task has one certificate, so the number is unique in the county, and the same
 * task always gets the same one.
 */
export function licenceNumber(county: string, itemCode: string, receiptNumber: string, taskIndex: number): string {
  const receipt = /-(\d{8})-(\d{6})$/.exec(receiptNumber);
  if (!receipt) throw new RangeError(`Not a receipt number: ${receiptNumber}`);
  return `${county}-${itemCode.slice(3, 9)}-${receipt[1]}${receipt[2]}-${String(taskIndex).padStart(2, '0')}`;
}

/**
 * The last day a result issued on `issuedOn` is valid (有效期至), as Chinese licences count
 * it: the day before the same date N years or months later (a five-year licence of
 * 2026-12-07 runs to 2031-12-06); a date the later month lacks (31 March + 1 month) becomes
 * its last day first. Undefined for a long-term result (长期).
 */
export function validToOf(issuedOn: string, validity: ResultValidity | undefined): string | undefined {
  if (validity === undefined || validity === 'long-term') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(issuedOn);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${issuedOn}`);
  const months = 'years' in validity ? validity.years * 12 : validity.months;
  const monthIndex = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const [year, month] = [Math.floor(monthIndex / 12), monthIndex % 12];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(year, month, Math.min(Number(match[3]), lastDay) - 1));
  return end.toISOString().slice(0, 10);
}

const system = (id: string): Actor => ({ type: 'system', id });

function bump(c: CaseRecord, patch: Partial<CaseRecord>): CaseRecord {
  return { ...c, ...patch, version: c.version + 1 };
}

/**
 * The deferred materials the results still wait for: commitments not yet fulfilled, except
 * those the catalog lets follow the result (`dueAfterIssue`, with its reason).
 */
export function awaitedMaterials(c: CaseRecord): string[] {
  return c.deferred.filter((d) => d.status === 'open' && !d.dueAfterIssue).map((d) => d.materialCode);
}

/**
 * Whether the case's results are issued to the holder (downloadable, verifiable as valid):
 * they are issued by the change that starts the handover, all together.
 */
export function resultsIssued(c: CaseRecord): boolean {
  return c.handover !== undefined;
}

type Handing = { patch: Partial<CaseRecord>; timeline: TimelineInput[]; events: DomainEvent[]; issued: string[] };

/**
 * Starts the handover when the case is completed, has no handover yet, waits for no
 * deferred material, and every approved task has its result; otherwise nothing. Returned
 * as a patch to merge into a change, with the certificates it issues.
 */
export function handoverIfReady(c: CaseRecord, tasks: readonly TaskRecord[], results: readonly ResultRecord[], { now }: Clock): Handing | undefined {
  if (c.status !== 'completed' || c.handover || awaitedMaterials(c).length > 0) return undefined;
  const approved = tasks.filter((t) => t.status === 'approved');
  if (approved.length === 0 || !approved.every((t) => results.some((r) => r.taskId === t.taskId))) return undefined;
  const actor = system('one-window');
  const issued = results.map((r) => r.verificationCode);
  switch (c.delivery.mode) {
    case 'courier':
      return {
        patch: { handover: { mode: 'courier', status: 'shipping', startedAt: now, attempt: 1 } },
        timeline: [{ at: now, actor, action: 'delivery.requested', detail: { attempt: 1, results: issued } }],
        events: [{ type: 'delivery.requested', data: { attempt: 1, shipmentId: shipmentIdOf(c.caseId, 1), results: issued } }],
        issued,
      };
    case 'electronic':
      return {
        patch: { handover: { mode: 'electronic', status: 'available', startedAt: now, completedAt: now }, trips: c.trips },
        timeline: [{ at: now, actor, action: 'results.available', detail: { results: issued } }],
        events: [{ type: 'results.available', data: { results: issued } }],
        issued,
      };
    case 'pickup':
      return {
        patch: { handover: { mode: 'pickup', status: 'pickup_ready', startedAt: now } },
        timeline: [{ at: now, actor, action: 'pickup.ready', detail: { results: issued } }],
        events: [{ type: 'pickup.ready', data: { results: issued } }],
        issued,
      };
  }
}

/**
 * Adds a task's result to its case (one window collects), and starts the handover when it
 * was the last one. Null when the task already has its result (a redelivered message).
 */
export function addResult(c: CaseRecord, tasks: readonly TaskRecord[], result: ResultRecord, clock: Clock): Change | null {
  const results = c.results ?? [];
  if (results.some((r) => r.taskId === result.taskId)) return null;
  const all = [...results, result];
  const ready = handoverIfReady(c, tasks, all, clock);
  // A result made after all (its message redriven) is no longer delayed.
  const { delayedResults = [], ...rest } = c;
  const stillDelayed = delayedResults.filter((id) => id !== result.taskId);
  return {
    case: { next: bump({ ...rest, ...(stillDelayed.length > 0 ? { delayedResults: stillDelayed } : {}) } as CaseRecord, { results: all, ...ready?.patch }), expectedVersion: c.version },
    tasks: [],
    timeline: [
      { at: clock.now, actor: system('certificates'), action: 'result.issued', detail: { taskId: result.taskId, department: result.department, verificationCode: result.verificationCode } },
      ...(ready?.timeline ?? []),
    ],
    events: [
      { type: 'result.issued', data: { taskId: result.taskId, department: result.department, verificationCode: result.verificationCode } },
      ...(ready?.events ?? []),
    ],
    ...(ready ? { issued: ready.issued } : {}),
  };
}

/**
 * Records that an approved task's certificate could not be made, once: the case view then
 * says its result is delayed. Null when already recorded, or the result exists after all.
 */
export function resultDelayed(c: CaseRecord, taskId: string, reason: string, { now }: Clock): Change | null {
  if ((c.results ?? []).some((r) => r.taskId === taskId) || (c.delayedResults ?? []).includes(taskId)) return null;
  return {
    case: { next: bump(c, { delayedResults: [...(c.delayedResults ?? []), taskId] }), expectedVersion: c.version },
    tasks: [],
    timeline: [{ at: now, actor: system('certificates'), action: 'result.delayed', detail: { taskId, reason } }],
    events: [],
  };
}

/** Records the courier's waybill for the current attempt; null when it is already recorded (a redelivery). */
export function shipmentCreated(c: CaseRecord, attempt: number, waybillNumber: string, { now }: Clock): Change | null {
  const h = c.handover;
  if (!h || h.mode !== 'courier' || h.attempt !== attempt || h.shipment) return null;
  return {
    case: { next: bump(c, { handover: { ...h, shipment: requestedShipment(waybillNumber, attempt, now) } }), expectedVersion: c.version },
    tasks: [],
    timeline: [{ at: now, actor: system('courier-dispatch'), action: 'delivery.dispatched', detail: { attempt, waybillNumber } }],
    events: [{ type: 'delivery.dispatched', data: { attempt, waybillNumber } }],
  };
}

/**
 * Applies a courier status to the case's shipment with that waybill, monotonically.
 * Delivered closes the handover with no trip; failed or returned re-dispatches once, then
 * turns into a pickup notice (the one trip).
 */
export function applyCourierCallback(c: CaseRecord, waybillNumber: string, update: CourierUpdate, clock: Clock): CallbackOutcome {
  const { now } = clock;
  const h = c.handover;
  const shipment = h?.shipment;
  if (!h || !shipment || shipment.waybillNumber !== waybillNumber) {
    const old = h?.failedShipments?.some((s) => s.waybillNumber === waybillNumber);
    return old
      ? { outcome: 'stale', message: `Waybill ${waybillNumber} was already given up on` }
      // The courier can report before the dispatch recorded its waybill: it retries on 409.
      : { outcome: 'not_yet', message: `No current shipment has waybill ${waybillNumber}` };
  }
  const result = applyCourierStatus(shipment, update);
  if (result.outcome === 'stale') return { outcome: 'stale', message: result.reason };
  const actor = system('courier');
  const detail = { waybillNumber, status: update.status, eventId: update.eventId, detail: update.detail };
  const timeline: TimelineInput[] = [{ at: now, actor, action: 'delivery.updated', detail }];
  const events: DomainEvent[] = [{ type: 'delivery.updated', data: { waybillNumber, status: update.status } }];
  let handover: Handover = { ...h, shipment: result.shipment };
  let patch: Partial<CaseRecord> = {};
  if (isTerminal(result.shipment.status)) {
    if (result.shipment.status === 'delivered') {
      handover = { ...handover, status: 'delivered', completedAt: now };
      timeline.push({ at: now, actor: system('one-window'), action: 'delivery.delivered', detail: { waybillNumber, trips: c.trips } });
      events.push({ type: 'delivery.delivered', data: { waybillNumber, trips: c.trips } });
    } else {
      const attempt = h.attempt ?? 1;
      const failed = [...(h.failedShipments ?? []), result.shipment];
      if (afterFailure(attempt) === 'redispatch') {
        handover = { mode: 'courier', status: 'shipping', startedAt: h.startedAt, attempt: attempt + 1, failedShipments: failed };
        timeline.push({ at: now, actor: system('one-window'), action: 'delivery.requested', detail: { attempt: attempt + 1, after: result.shipment.status } });
        events.push({ type: 'delivery.requested', data: { attempt: attempt + 1, shipmentId: shipmentIdOf(c.caseId, attempt + 1), results: (c.results ?? []).map((r) => r.verificationCode) } });
      } else {
        const notice = `快递${result.shipment.status === 'returned' ? '退回' : '投递失败'}（运单 ${waybillNumber}），请凭受理回执到政务服务大厅领取`;
        handover = { mode: 'pickup', status: 'pickup_ready', startedAt: h.startedAt, failedShipments: failed, notice };
        // Collecting in person is the one trip the courier could not save.
        patch = { trips: 1 };
        timeline.push({ at: now, actor: system('one-window'), action: 'pickup.ready', detail: { after: result.shipment.status, notice } });
        events.push({ type: 'pickup.ready', data: { after: result.shipment.status } });
      }
    }
  }
  return {
    outcome: 'applied',
    change: { case: { next: bump(c, { ...patch, handover }), expectedVersion: c.version }, tasks: [], timeline, events },
  };
}

/**
 * The handover joined into a change that completes the case (the last approval, the
 * payment, or the last deferred material supplied), when every result is already in; the
 * change as it was otherwise.
 */
export function withHandover(change: Change | null, tasks: readonly TaskRecord[], clock: Clock): Change | null {
  const next = change?.case?.next;
  if (!change || !next) return change;
  const ready = handoverIfReady(next, tasks, next.results ?? [], clock);
  if (!ready) return change;
  return {
    ...change,
    case: { ...change.case!, next: { ...next, ...ready.patch } },
    timeline: [...change.timeline, ...ready.timeline],
    events: [...change.events, ...ready.events],
    issued: [...(change.issued ?? []), ...ready.issued],
  };
}
