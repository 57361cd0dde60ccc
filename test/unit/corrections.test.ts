/** The one correction of a form takes exactly the flagged fields (functions/domain/corrections.ts). */
import { describe, expect, it } from 'vitest';
import { correctedForm, flaggedFields, flaggedFormPaths, unansweredDeficiencies } from '../../functions/domain/corrections.js';

const form = { companyName: '岳阳市洞庭鲜食品有限公司', premisesArea: 120.5, shareholders: [{ name: '李湘君', share: 60 }, { name: '王洞庭', share: 40 }] };
const notice = (...paths: string[]) => ({
  notices: [{ kind: 'deficiency' as const, issuedAt: '2026-12-07T01:00:00.000Z', issuedBy: 'clerk', deficiencies: [...paths.map((path) => ({ path, message: '有误' })), { materialCode: 'M0030', message: '缺' }] }],
});

describe('correctedForm', () => {
  it('lays a flagged field over the form and keeps every other field', () => {
    const { form: after, errors } = correctedForm(form, { premisesArea: 98.5 }, ['/form/premisesArea']);

    expect(errors).toEqual([]);
    expect(after).toEqual({ ...form, premisesArea: 98.5 });
    expect(form.premisesArea).toBe(120.5);
  });

  it('enters a group to reach a flagged member, and replaces a flagged group whole', () => {
    const member = correctedForm(form, { shareholders: [{ share: 55 }] }, ['/form/shareholders/0/share']);
    const group = correctedForm(form, { shareholders: [{ name: '李湘君', share: 100 }] }, ['/form/shareholders']);

    expect(member.errors).toEqual([]);
    expect(member.form.shareholders).toEqual([{ name: '李湘君', share: 55 }, { name: '王洞庭', share: 40 }]);
    expect(group.form.shareholders).toEqual([{ name: '李湘君', share: 100 }]);
  });

  it('names every field the notice did not flag', () => {
    const { errors } = correctedForm(form, { premisesArea: 98.5, companyName: 'x', shareholders: [{ name: 'y' }] }, ['/form/premisesArea', '/form/shareholders/0/share']);

    expect(errors.map((e) => e.path)).toEqual(['/form/companyName', '/form/shareholders/0/name']);
  });
});

describe('flaggedFields', () => {
  it('lists the flagged form fields with their values while the correction is open, and nothing after', () => {
    const open = { ...notice('/form/premisesArea', '/form/missing', '/applicant/name'), form, status: 'deficient' as const, correctionsUsed: 0 };

    expect(flaggedFormPaths(open)).toEqual(['/form/premisesArea', '/form/missing']);
    expect(flaggedFields(open)).toEqual([{ path: '/form/premisesArea', value: 120.5 }, { path: '/form/missing' }]);
    expect(flaggedFields({ ...open, correctionsUsed: 1 })).toEqual([]);
    expect(flaggedFields({ ...open, status: 'submitted' as const })).toEqual([]);
  });
});

describe('unansweredDeficiencies', () => {
  it('names each flagged material without a new file and each flagged field without a value', () => {
    const c = notice('/form/premisesArea', '/form/premisesAddress');

    const fieldsOnly = unansweredDeficiencies(c, { form: { premisesArea: 98.5, premisesAddress: '' } }, () => '经营场所平面布局图');
    const whole = unansweredDeficiencies(c, { form: { premisesArea: 98.5, premisesAddress: '巴陵中路88号' }, materials: [{ materialCode: 'M0030' }] });

    expect(fieldsOnly).toEqual([
      expect.objectContaining({ path: '/materials', rule: 'flagged_material_missing', params: { materialCode: 'M0030', material: '经营场所平面布局图' } }),
      expect.objectContaining({ path: '/form/premisesAddress', rule: 'flagged_field_missing', params: { field: '/form/premisesAddress' } }),
    ]);
    expect(whole).toEqual([]);
  });

  it('names an unflagged field by its rule', () => {
    const { errors } = correctedForm(form, { companyName: 'x' }, ['/form/premisesArea']);

    expect(errors).toEqual([expect.objectContaining({ path: '/form/companyName', rule: 'not_flagged', params: { field: '/form/companyName' } })]);
  });
});
