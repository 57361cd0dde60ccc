/**
 * Need to know (functions/domain/need-to-know.ts, docs/need-to-know.md): who may know of a
 * case and who sees its personal data unmasked, for every role, with and without a task of
 * their department on the case, as the case's agent or another; the masked staff view; and
 * the opaque cursor of paged lists.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../contracts/roles.js';
import { handles, mayRead } from '../../functions/domain/need-to-know.js';
import type { CaseRecord, TaskRecord } from '../../functions/domain/records.js';
import { staffCaseDetail } from '../../functions/domain/views.js';

const tasks = [{ department: 'amr', stage: 1, index: 0 }] as TaskRecord[];
const theCase = { agent: { username: 'agent' } } as CaseRecord;

/** role, department, username → may read without a task of their department / with one; unmasked without / with. */
const TABLE: [Role, string, string, { read: [boolean, boolean]; unmasked: [boolean, boolean] }][] = [
  ['clerk', 'center', 'clerk', { read: [true, true], unmasked: [true, true] }],
  ['agent', 'center', 'agent', { read: [true, true], unmasked: [true, true] }],
  ['agent', 'center', 'agent-2', { read: [true, true], unmasked: [false, false] }],
  ['supervisor', 'center', 'supervisor', { read: [true, true], unmasked: [false, false] }],
  ['admin', 'center', 'admin', { read: [true, true], unmasked: [false, false] }],
  ['reviewer', 'tax', 'reviewer-tax', { read: [false, true], unmasked: [false, true] }],
  ['chief', 'tax', 'chief-tax', { read: [false, true], unmasked: [false, true] }],
  ['leader', 'tax', 'leader-tax', { read: [false, true], unmasked: [false, true] }],
];

describe('mayRead and handles', () => {
  it.each(TABLE)('%s of %s (%s)', (role, department, username, expected) => {
    const staff = { username, roles: [role], department };
    const withTask = [...tasks, { department, stage: 1, index: 1 } as TaskRecord];
    expect([mayRead(staff, tasks), mayRead(staff, withTask)]).toEqual(expected.read);
    expect([handles(staff, theCase, tasks), handles(staff, theCase, withTask)]).toEqual(expected.unmasked);
  });

  it('gives a clerk or supervisor of a department nothing more for a task there', () => {
    const staff = { username: 'supervisor', roles: ['supervisor' as Role], department: 'amr' };
    expect(handles(staff, theCase, tasks)).toBe(false);
  });
});

describe('the masked staff view', () => {
  const applied = {
    caseId: 'c1',
    applicant: { type: 'company', name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234', legalRepresentative: '李湘君' },
    delivery: { mode: 'courier', address: { recipient: '李湘君', phone: '13907301234', province: '湖南省', city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路88号' } },
    form: { companyName: '岳阳市洞庭鲜食品有限公司', contactMobile: '13907301234', premisesAddress: '湖南省岳阳市岳阳楼区巴陵中路88号', buyerIdNumber: '430602199003071231' },
  } as unknown as CaseRecord;
  const twoTasks = [{ department: 'tax', stage: 2, index: 0 }, { department: 'amr', stage: 2, index: 1 }, { department: 'zz', stage: 1, index: 2 }] as TaskRecord[];

  it('masks the applicant wherever it stands, and identity numbers and mobiles in the form; keeps a company’s name', () => {
    const view = staffCaseDetail(applied, twoTasks, false, {});
    const text = JSON.stringify(view);
    for (const personal of ['91430600MA4T8K2L39', '13907301234', '李湘君', '巴陵中路88号', '430602199003071231']) expect(text).not.toContain(personal);
    expect(view.case.applicant).toMatchObject({ name: '岳阳市洞庭鲜食品有限公司', legalRepresentative: '李**', phone: '139****1234' });
    expect(view.case.form).toMatchObject({ companyName: '岳阳市洞庭鲜食品有限公司', buyerIdNumber: '4306**********1231' });
    expect(view.unmasked).toBe(false);
  });

  it('shows it all to who handles the case, tasks by stage then department', () => {
    const view = staffCaseDetail(applied, twoTasks, true, {});
    expect(view.case.applicant.phone).toBe('13907301234');
    expect(view.tasks.map((t) => `${t.stage}${t.department}`)).toEqual(['1zz', '2amr', '2tax']);
  });
});
