import { describe, expect, it } from 'vitest';
import { itemStages, openCase } from '../../functions/domain/application.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { allowsSingleSigner, correct, decideTask, dispatch, preReview, progress } from '../../functions/domain/case.js';
import type { CaseRecord, Clock, TaskRecord } from '../../functions/domain/records.js';
import { caseIdOfTask, hashQueryCode, queryCode, queryCodeMatches, receiptNumber, taskId } from '../../functions/domain/codes.js';
import { staffFromClaims, type Staff } from '../../functions/domain/staff.js';
import { chain, GENESIS_HASH, verifyTimeline } from '../../functions/domain/timeline.js';
import { publishedCatalogs } from '../../catalog/index.js';
import type { ServiceItem } from '../../contracts/catalog.js';
import { codeOf } from '../support/errors.js';

const item = publishedCatalogs['2026.11.1']!.items.find((i) => i.baseCode === '000105002000') as ServiceItem;
const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
const reviewer: Staff = { username: 'reviewer-amr', roles: ['reviewer'], department: 'amr' };
const chief: Staff = { username: 'chief-amr', roles: ['chief'], department: 'amr' };
const now = '2026-11-27T02:00:00.000Z';
const on = (today: LocalDate): Clock => ({ now, today, calendar: defaultCalendar });
const clock = on('2026-11-27');

function submitted(): CaseRecord {
  return openCase({
    caseId: 'c1', receiptNumber: '430600-20261127-000001', queryCodeHash: 'h', county: '430600', catalogVersion: '2026.11.1',
    subject: { itemCode: item.baseCode, name: item.name, stages: itemStages(item), trips: 0 },
    applicant: { type: 'company', name: 'x', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234' },
    form: {}, materials: [], deferred: [], delivery: { mode: 'courier' }, now, today: '2026-11-27', promisedDate: '2026-12-04',
    calendar: defaultCalendar,
  }).record;
}

const apply = (c: CaseRecord, change: { case?: { next: CaseRecord } } | null) => change?.case?.next ?? c;

describe('pre-review', () => {
  it('accepts and restarts the promised time from acceptance, in working days', () => {
    // Prepare: a case submitted before the 2026 National Day holiday
    const c = submitted();
    // Act
    const change = preReview(c, clerk, { decision: 'accept' }, on('2026-09-30'));
    // Assess: 5 working days from 30 Sept skip 1–7 Oct but count Sat 10 Oct
    expect(change.case?.next.status).toBe('accepted');
    expect(change.case?.next.promisedDate).toBe('2026-10-13');
    expect(change.events.map((e) => e.type)).toEqual(['case.accepted']);
  });

  it('gives one deficiency notice, and refuses a second after the correction', () => {
    const c = apply(submitted(), preReview(submitted(), clerk, { decision: 'deficient', deficiencies: [{ message: 'a' }, { message: 'b' }] }, clock));
    expect(c.notices[0]?.deficiencies).toHaveLength(2);
    const corrected = apply(c, correct(c, { note: 'fixed' }, now));
    expect(corrected.status).toBe('submitted');
    expect(codeOf(() => correct(corrected, {}, now))).toBe('NO_DEFICIENCY_NOTICE');
    expect(codeOf(() => preReview(corrected, clerk, { decision: 'deficient', deficiencies: [{ message: 'c' }] }, clock))).toBe('DEFICIENCY_ALREADY_NOTIFIED');
  });

  it('is for clerks only, and only while the case waits for it', () => {
    expect(codeOf(() => preReview(submitted(), reviewer, { decision: 'accept' }, clock))).toBe('ROLE_REQUIRED');
    const accepted = apply(submitted(), preReview(submitted(), clerk, { decision: 'accept' }, clock));
    expect(codeOf(() => preReview(accepted, clerk, { decision: 'accept' }, clock))).toBe('CASE_NOT_AWAITING_PRE_REVIEW');
  });
});

describe('review, sign-off and fan-in', () => {
  function inReview(): [CaseRecord, TaskRecord] {
    const accepted = apply(submitted(), preReview(submitted(), clerk, { decision: 'accept' }, clock));
    const change = dispatch(accepted, clock)!;
    return [change.case!.next, change.tasks[0]!.next];
  }

  it('dispatches one task per department, once', () => {
    const [c, task] = inReview();
    expect(task.department).toBe('amr');
    expect(task.deadline).toBe(c.promisedDate);
    expect(dispatch(c, clock)).toBeNull();
  });

  it('has the reviewer propose, the chief sign, and the case complete', () => {
    let [c, task] = inReview();
    const proposed = decideTask(c, task, reviewer, { decision: 'approve', opinion: 'ok' }, clock);
    [c, task] = [proposed.case!.next, proposed.tasks[0]!.next];
    expect(task.status).toBe('awaiting_signature');
    expect(progress(c, [task], clock)).toBeNull();
    expect(codeOf(() => decideTask(c, task, reviewer, { decision: 'sign' }, clock))).toBe('ROLE_REQUIRED');
    const signed = decideTask(c, task, chief, { decision: 'sign' }, clock);
    [c, task] = [signed.case!.next, signed.tasks[0]!.next];
    expect(task.status).toBe('approved');
    expect(signed.events[0]?.type).toBe('task.approved');
    const done = progress(c, [task], clock);
    expect(done?.case?.next.status).toBe('completed');
    expect(progress(done!.case!.next, [task], clock)).toBeNull();
  });

  it('ends the case with every rejecting department’s reasons', () => {
    const [c, task] = inReview();
    const rejected: TaskRecord = { ...task, status: 'rejected', decision: { decision: 'reject', opinion: '不符合条件', proposedBy: 'r', signedBy: 'c', signedAt: now } };
    const approved: TaskRecord = { ...task, index: 1, department: 'fire', status: 'approved' };
    const ended = progress(c, [rejected, approved], clock);
    expect(ended?.case?.next.status).toBe('rejected');
    expect(ended?.case?.next.rejection?.departments).toEqual([{ department: 'amr', opinion: '不符合条件' }]);
  });

  it('keeps other departments out', () => {
    const [c, task] = inReview();
    const other: Staff = { username: 'reviewer-tax', roles: ['reviewer'], department: 'tax' };
    expect(codeOf(() => decideTask(c, task, other, { decision: 'approve', opinion: 'ok' }, clock))).toBe('OTHER_DEPARTMENT');
  });

  describe('four eyes', () => {
    const secondChief: Staff = { username: 'chief-amr-2', roles: ['chief'], department: 'amr' };
    /** A task the department's chief decided themselves. */
    function decidedByChief(): [CaseRecord, TaskRecord] {
      const [c, task] = inReview();
      const proposed = decideTask(c, task, chief, { decision: 'approve', opinion: 'ok' }, clock);
      return [proposed.case!.next, proposed.tasks[0]!.next];
    }

    it('refuses the signature of the chief who decided the task', () => {
      const [c, task] = decidedByChief();
      expect(codeOf(() => decideTask(c, task, chief, { decision: 'sign' }, clock))).toBe('FOUR_EYES_REQUIRED');
      expect(codeOf(() => decideTask(c, task, chief, { decision: 'sign' }, clock, { singleSigner: false }))).toBe('FOUR_EYES_REQUIRED');
    });

    it('lets another chief sign it, and the same chief where the item allows a single signer', () => {
      const [c, task] = decidedByChief();
      expect(decideTask(c, task, secondChief, { decision: 'sign' }, clock).tasks[0]?.next.decision).toMatchObject({ proposedBy: 'chief-amr', signedBy: 'chief-amr-2' });
      expect(decideTask(c, task, chief, { decision: 'sign' }, clock, { singleSigner: true }).tasks[0]?.next.status).toBe('approved');
    });

    it('allows a single signer only where the catalog item says so, in a joint review only where every item does', () => {
      const source = { items: [{ ...item, singleSigner: true }, { ...item, baseCode: '000105004000' }, { ...item, baseCode: '000105005000', singleSigner: true }] };
      expect(allowsSingleSigner(source, { itemCode: item.baseCode })).toBe(true);
      expect(allowsSingleSigner(source, { itemCode: '000105004000' })).toBe(false);
      expect(allowsSingleSigner(source, { itemCode: `${item.baseCode}+000105005000` })).toBe(true);
      expect(allowsSingleSigner(source, { itemCode: `${item.baseCode}+000105004000` })).toBe(false);
      expect(allowsSingleSigner(source, { itemCode: '999999999999' })).toBe(false);
      expect(allowsSingleSigner(undefined, { itemCode: item.baseCode })).toBe(false);
    });
  });
});

describe('codes', () => {
  it('formats receipt numbers and addresses tasks by their case', () => {
    expect(receiptNumber('430623', '2026-11-27', 42)).toBe('430623-20261127-000042');
    expect(caseIdOfTask(taskId('a-b-c', 3))).toBe('a-b-c');
    expect(caseIdOfTask('nonsense')).toBeUndefined();
  });

  it('makes query codes that only match their own case', () => {
    const code = queryCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 250]));
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    const stored = hashQueryCode('c1', code);
    expect(queryCodeMatches('c1', code, stored)).toBe(true);
    expect(queryCodeMatches('c1', code.toLowerCase(), stored)).toBe(true);
    expect(queryCodeMatches('c2', code, stored)).toBe(false);
  });
});

describe('timeline', () => {
  it('chains entries so that any edit or removal is detected', () => {
    const entries = chain({ seq: 0, hash: GENESIS_HASH }, [
      { at: now, actor: { type: 'applicant', id: 'r' }, action: 'case.submitted' },
      { at: now, actor: { type: 'staff', id: 'clerk' }, action: 'case.accepted' },
      { at: now, actor: { type: 'system', id: 'x' }, action: 'task.created' },
    ]);
    expect(verifyTimeline(entries)).toBeNull();
    expect(verifyTimeline([entries[0]!, { ...entries[1]!, action: 'case.rejected' }, entries[2]!])).toBe(2);
    expect(verifyTimeline([entries[0]!, entries[2]!])).toBe(3);
  });
});

describe('staff claims', () => {
  it('reads roles as API Gateway renders array claims', () => {
    expect(staffFromClaims({ 'cognito:username': 'chief-amr', 'cognito:groups': '[chief]', 'custom:department': 'amr' })).toEqual(chief);
    expect(staffFromClaims({ 'cognito:username': 'x', 'cognito:groups': ['reviewer', 'chief'], 'custom:department': 'amr' }).roles).toEqual(['reviewer', 'chief']);
    expect(codeOf(() => staffFromClaims({ 'cognito:username': 'x', 'cognito:groups': '[]', 'custom:department': 'amr' }))).toBe('NO_STAFF_ROLE');
    expect(codeOf(() => staffFromClaims(undefined))).toBe('UNAUTHORIZED');
  });
});
