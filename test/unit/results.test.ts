import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { CaseRecord, Clock, TaskRecord } from '../../functions/domain/records.js';
import type { CourierStatus } from '../../contracts/delivery.js';
import { addResult, resultDelayed, applyCourierCallback, awaitedMaterials, handoverIfReady, holderKey, licenceNumber, resultHolder, resultsIssued, shipmentCreated, validToOf, verificationCode, VERIFICATION_CODE_PATTERN, withHandover } from '../../functions/domain/results.js';
import { applicantUpdate } from '../../functions/domain/case.js';
import { certificateView, caseView } from '../../functions/domain/views.js';
import type { Certificate } from '../../functions/domain/records.js';
import type { DeferredMaterial } from '../../contracts/cases.js';
import type { ResultRecord } from '../../functions/domain/records.js';
import { COURIER_STATUSES } from '../../contracts/delivery.js';
import { rankOf } from '../../functions/domain/delivery.js';

const clock: Clock = { now: '2026-11-28T02:00:00.000Z', today: '2026-11-28', calendar: defaultCalendar };

function completedCase(mode: 'courier' | 'electronic' | 'pickup'): CaseRecord {
  return {
    caseId: 'c1', receiptNumber: '430600-20261128-000001', queryCodeHash: 'h', county: '430600', catalogVersion: '2026.11.3',
    itemCode: '000105002000', itemName: { zh: '食品经营许可', en: 'Food business licence' }, departments: ['amr'], stages: [], flags: [],
    greenChannel: false, status: 'completed',
    applicant: { type: 'company', name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430602MA4L7XKQ2B', phone: '13907301234' },
    form: {}, materials: [], deferred: [],
    delivery: { mode, address: { recipient: '李湘君', phone: '13907301234', province: '湖南省', city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路88号' } },
    submittedAt: clock.now, submittedOn: clock.today, promisedLimitDays: 5, promisedDate: '2026-12-04', trips: 0, notices: [], correctionsUsed: 0,
    version: 1, timeline: { seq: 0, hash: '0'.repeat(64) },
  };
}

const task = (n: number, status: TaskRecord['status'] = 'approved') => ({ taskId: `c1-t${n}`, status }) as TaskRecord;
const result = (n: number): ResultRecord => ({
  taskId: `c1-t${n}`, department: 'amr', itemCode: '000105002000', itemName: { zh: '食品经营许可', en: 'Food business licence' },
  verificationCode: `AAAA-BBBB-CCC${n + 2}`, issuedAt: clock.now, issuedOn: clock.today, pdfKey: `results/c1/${n}.pdf`, sha256: 'x',
});

describe('resultHolder', () => {
  const founder = { type: 'person', name: '岳小龙', idType: 'resident_id', idNumber: '430602199001011235', phone: '13907301234' } as const;
  const registration = { status: 'approved', assigns: ['creditCode'] } as TaskRecord;
  const company = { companyName: '岳阳市洞庭鲜食品有限公司', creditCode: '91430600MA4T8K2L39' };

  it('is the company once an approval of the case assigned its credit code and the form names it', () => {
    // Act
    const holder = resultHolder({ applicant: founder, form: company }, [registration, task(2, 'pending')]);

    // Assess
    expect(holder).toEqual({ type: 'company', name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39' });
  });

  it('is the applicant without an assigned code: a person for themself, or a credit code the applicant typed', () => {
    const own = { type: founder.type, name: founder.name, idType: founder.idType, idNumber: founder.idNumber };
    expect(resultHolder({ applicant: founder, form: {} }, [task(1)])).toEqual(own);
    expect(resultHolder({ applicant: founder, form: company }, [task(1)])).toEqual(own);
    expect(resultHolder({ applicant: founder, form: company }, [{ ...registration, status: 'awaiting_signature' } as TaskRecord])).toEqual(own);
    expect(resultHolder({ applicant: founder, form: { creditCode: company.creditCode } }, [registration])).toEqual(own);
  });
});

describe('certificate codes', () => {
  it('are three groups of four unambiguous characters', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (bytes) => VERIFICATION_CODE_PATTERN.test(verificationCode(bytes))));
  });

  it('key a holder’s library by identity, whatever the letter case of the ID', () => {
    expect(holderKey('resident_id', '43060219900101123x')).toBe(holderKey('resident_id', '43060219900101123X'));
    expect(holderKey('resident_id', '430602199001011234')).not.toBe(holderKey('credit_code', '430602199001011234'));
  });
});

describe('one window issues', () => {
  it('hands over only when the case is completed and every approved task has its result', () => {
    // Prepare
    const tasks = [task(0), task(1), task(2, 'rejected')];
    const c = completedCase('courier');

    // Assess
    expect(handoverIfReady({ ...c, status: 'awaiting_payment' }, tasks, [result(0), result(1)], clock)).toBeUndefined();
    expect(handoverIfReady(c, tasks, [result(0)], clock)).toBeUndefined();
    expect(handoverIfReady(c, tasks, [result(0), result(1)], clock)?.events.map((e) => e.type)).toEqual(['delivery.requested']);
    expect(handoverIfReady(completedCase('electronic'), tasks, [result(0), result(1)], clock)?.patch.handover?.status).toBe('available');
    expect(handoverIfReady(completedCase('pickup'), tasks, [result(0), result(1)], clock)?.patch.handover?.status).toBe('pickup_ready');
  });

  it('adds each task’s result once, and the last one starts the handover', () => {
    // Prepare
    const tasks = [task(0), task(1)];
    const first = addResult(completedCase('courier'), tasks, result(0), clock)!.case!.next;

    // Act
    const again = addResult(first, tasks, result(0), clock);
    const last = addResult(first, tasks, result(1), clock);

    // Assess
    expect(first.handover).toBeUndefined();
    expect(again).toBeNull();
    expect(last?.case?.next.handover).toMatchObject({ mode: 'courier', status: 'shipping', attempt: 1 });
    expect(last?.events.map((e) => e.type)).toEqual(['result.issued', 'delivery.requested']);
    expect(addResult(completedCase('courier'), tasks, result(0), clock)?.issued).toBeUndefined();
    expect(last?.issued).toEqual([result(0).verificationCode, result(1).verificationCode]);
  });

  it('issues every result of the case together, only with the handover', () => {
    // Prepare
    const tasks = [task(0), task(1)];
    const waiting = { ...completedCase('electronic'), status: 'awaiting_payment' as const, results: [result(0), result(1)] };
    const paid = { case: { next: { ...waiting, status: 'completed' as const }, expectedVersion: 1 }, tasks: [], timeline: [], events: [] };

    // Act
    const handed = withHandover(paid, tasks, clock)!;

    // Assess
    expect(resultsIssued(waiting)).toBe(false);
    expect(withHandover({ ...paid, case: { next: waiting, expectedVersion: 1 } }, tasks, clock)?.issued).toBeUndefined();
    expect(handed.issued).toEqual([result(0).verificationCode, result(1).verificationCode]);
    expect(resultsIssued(handed.case!.next)).toBe(true);
  });
});

describe('deferred materials hold the results back', () => {
  const open = (materialCode: string, extra: Partial<DeferredMaterial> = {}): DeferredMaterial =>
    ({ materialCode, dueDate: '2026-12-03', commitmentAcceptedAt: clock.now, status: 'open', ...extra });
  const tasks = [task(0)];

  it('until every one is supplied, except one the catalog lets follow the result', () => {
    // Prepare
    const c = { ...completedCase('courier'), deferred: [open('M0031'), open('M0032', { dueAfterIssue: { zh: '开业后备案', en: 'Filed after opening' } })] };

    // Assess
    expect(awaitedMaterials(c)).toEqual(['M0031']);
    expect(handoverIfReady(c, tasks, [result(0)], clock)).toBeUndefined();
    expect(addResult(c, tasks, result(0), clock)?.issued).toBeUndefined();
    const supplied = { ...c, deferred: [{ ...c.deferred[0]!, status: 'supplied' as const }, c.deferred[1]!] };
    expect(handoverIfReady(supplied, tasks, [result(0)], clock)?.issued).toEqual([result(0).verificationCode]);
  });

  it('and supplying the last one on a completed case hands the results over', () => {
    // Prepare
    const c = { ...completedCase('electronic'), results: [result(0)], deferred: [open('M0031')] };
    const material = { materialCode: 'M0031', uploadId: 'u1', fileName: 'm.pdf', contentType: 'application/pdf', size: 1, sha256: 's' };

    // Act
    const change = withHandover(applicantUpdate(c, { materials: [material] }, clock), tasks, clock)!;

    // Assess
    expect(change.case!.next.deferred[0]?.status).toBe('supplied');
    expect(change.issued).toEqual([result(0).verificationCode]);
    expect(change.events.map((e) => e.type)).toEqual(['deferred.supplied', 'results.available']);
  });
});

describe('before the results are issued', () => {
  const certificate = (status: Certificate['status']): Certificate => ({
    verificationCode: 'AAAA-BBBB-CCC2', county: '430600', caseId: 'c1', receiptNumber: '430600-20261128-000001', taskId: 'c1-t0',
    itemCode: '000105002000', itemName: { zh: '食品经营许可', en: 'Food business licence' }, issuer: 'amr',
    holder: { type: 'company', name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430602MA4L7XKQ2B' },
    holderKey: 'k', issuedAt: clock.now, issuedOn: clock.today, status, pdfKey: 'p', sha256: 's',
  });

  it('verification says a pending certificate is genuine but not issued, nor current', () => {
    expect(certificateView(certificate('pending'), [], clock.today)).toMatchObject({ genuine: true, status: 'pending', issued: false, current: false });
    expect(certificateView(certificate('valid'), [], clock.today)).toMatchObject({ status: 'valid', issued: true, current: true });
  });

  it('verification says a valid certificate past its validity is not current, and answers its licence number and validity', () => {
    const dated = { ...certificate('valid'), licenceNumber: '430600-105002-20261128000001-01', validTo: '2031-11-27' };

    expect(certificateView(dated, [], '2031-11-27')).toMatchObject({ current: true, licenceNumber: dated.licenceNumber, validFrom: dated.issuedOn, validTo: '2031-11-27' });
    expect(certificateView(dated, [], '2031-11-28')).toMatchObject({ status: 'valid', issued: true, current: false });
    expect(certificateView(certificate('valid'), [], '2099-01-01')).toMatchObject({ current: true, validTo: null });
  });

  it('the applicant’s view lists no result until the handover', () => {
    const c = { ...completedCase('courier'), results: [result(0)] };
    const verifyPage = (code: string) => `https://portal.example/verify.html?code=${code}`;
    expect(caseView(c, [], [], [], verifyPage).results).toEqual([]);
    const issued = caseView({ ...c, handover: { mode: 'courier', status: 'shipping', startedAt: clock.now, attempt: 1 } }, [], [], [], verifyPage).results;
    expect(issued.map((r) => [r.verificationCode, r.verifyUrl])).toEqual([[result(0).verificationCode, verifyPage(result(0).verificationCode)]]);
  });
});

describe('courier callbacks on a case', () => {
  const shipped = (c: CaseRecord, waybill: string, attempt: number) => shipmentCreated(c, attempt, waybill, clock)!.case!.next;
  const start = () => {
    const c = completedCase('courier');
    return shipped({ ...c, results: [result(0)], handover: { mode: 'courier', status: 'shipping', startedAt: clock.now, attempt: 1 } }, 'EA000000001CN', 1);
  };

  it('never leave delivered, never go back, and re-dispatch a failure once before a pickup notice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<CourierStatus>(...COURIER_STATUSES), { maxLength: 15 }), (sequence) => {
        let c = start();
        sequence.forEach((status, i) => {
          const before = c.handover!;
          const waybill = before.shipment?.waybillNumber ?? `EA00000000${before.attempt}CN`;
          if (!before.shipment && before.mode === 'courier') c = shipped(c, waybill, before.attempt!);
          const outcome = applyCourierCallback(c, waybill, { eventId: `e${i}`, status, occurredAt: clock.now }, clock);
          if (outcome.outcome === 'applied') c = outcome.change.case!.next;
          const h = c.handover!;
          if (before.status === 'delivered' || before.status === 'pickup_ready') expect(h).toEqual(before);
          expect(h.attempt ?? 2).toBeLessThanOrEqual(2);
          expect(c.trips).toBe(h.mode === 'pickup' ? 1 : 0);
          // never back: the same parcel only moves up in rank, its history strictly so, and a later attempt never gives way to an earlier one
          if (h.shipment && h.shipment.waybillNumber === before.shipment?.waybillNumber) {
            expect(rankOf(h.shipment.status)).toBeGreaterThanOrEqual(rankOf(before.shipment.status));
          }
          const ranks = (h.shipment?.history ?? []).map((e) => rankOf(e.status));
          expect(ranks).toEqual([...new Set(ranks)].sort((a, b) => a - b));
          if (h.mode === 'courier') expect(h.attempt!).toBeGreaterThanOrEqual(before.attempt ?? 1);
          expect((h.failedShipments ?? []).slice(0, before.failedShipments?.length ?? 0)).toEqual(before.failedShipments ?? []);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('reports an unknown waybill as unknown and an abandoned one as stale', () => {
    // Prepare
    const c = start();
    const failed = applyCourierCallback(c, 'EA000000001CN', { eventId: 'e1', status: 'failed', occurredAt: clock.now }, clock);
    const redispatched = failed.outcome === 'applied' ? failed.change.case!.next : c;

    // Assess
    expect(redispatched.handover).toMatchObject({ attempt: 2, status: 'shipping' });
    expect(applyCourierCallback(redispatched, 'EA000000001CN', { eventId: 'e2', status: 'delivered', occurredAt: clock.now }, clock).outcome).toBe('stale');
    expect(applyCourierCallback(c, 'EA999999999CN', { eventId: 'e3', status: 'accepted', occurredAt: clock.now }, clock).outcome).toBe('not_yet');
  });
});

describe('licenceNumber', () => {
  it('is the county, the item, the receipt day and sequence and the task index: the same task always gets the same one', () => {
    expect(licenceNumber('430600', '000105002000', '430600-20261207-000123', 1)).toBe('430600-105002-20261207000123-01');
    expect(licenceNumber('430623', '000110001000', '430623-20261207-000123', 12)).toBe('430623-110001-20261207000123-12');
  });

  it('differs between the tasks of one case and between cases', () => {
    const numbers = new Set([
      licenceNumber('430600', '000105002000', '430600-20261207-000123', 0),
      licenceNumber('430600', '000105002000', '430600-20261207-000123', 1),
      licenceNumber('430600', '000105002000', '430600-20261207-000124', 0),
      licenceNumber('430600', '000105002000', '430600-20261208-000123', 0),
    ]);
    expect(numbers.size).toBe(4);
  });

  it('refuses what is not a receipt number', () => {
    expect(() => licenceNumber('430600', '000105002000', 'T430600', 0)).toThrow(RangeError);
  });
});

describe('validToOf', () => {
  it('ends the day before the same date N years or months later, as licences count', () => {
    expect(validToOf('2026-12-07', { years: 5 })).toBe('2031-12-06');
    expect(validToOf('2026-12-07', { months: 3 })).toBe('2027-03-06');
    expect(validToOf('2026-01-01', { years: 1 })).toBe('2026-12-31');
  });

  it('takes a day the later month lacks as its last day', () => {
    expect(validToOf('2028-02-29', { years: 1 })).toBe('2029-02-27');
    expect(validToOf('2026-03-31', { months: 1 })).toBe('2026-04-29');
  });

  it('is undefined for a long-term result, or an item that states none', () => {
    expect(validToOf('2026-12-07', 'long-term')).toBeUndefined();
    expect(validToOf('2026-12-07', undefined)).toBeUndefined();
  });
});

describe('resultDelayed', () => {
  it('records a delayed result once, shows it in the case view, and the result made later clears it', () => {
    // Prepare
    const c = completedCase('electronic');

    // Act
    const delayed = resultDelayed(c, 'c1-t0', 'CERTIFICATE_GLYPH_MISSING', clock)!;
    const again = resultDelayed(delayed.case!.next, 'c1-t0', 'CERTIFICATE_GLYPH_MISSING', clock);
    const issued = addResult(delayed.case!.next, [task(0)], result(0), clock)!.case!.next;

    // Assess
    expect(delayed.timeline).toEqual([expect.objectContaining({ action: 'result.delayed', detail: { taskId: 'c1-t0', reason: 'CERTIFICATE_GLYPH_MISSING' } })]);
    expect(delayed.case!.next.delayedResults).toEqual(['c1-t0']);
    expect(caseView(delayed.case!.next, [], [], [], (code) => code).resultDelayed).toBe(true);
    expect(again).toBeNull();
    expect(issued).not.toHaveProperty('delayedResults');
    expect(caseView(issued, [], [], [], (code) => code).resultDelayed).toBe(false);
    expect(resultDelayed(issued, 'c1-t0', 'CERTIFICATE_GLYPH_MISSING', clock)).toBeNull();
  });
});
