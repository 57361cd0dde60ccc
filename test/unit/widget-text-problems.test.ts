/**
 * The widgets' check of free text (widgets/src/shared/validation.ts `problems`) names the same
 * rule as the API for the same value: the applicant's name through the compiled `text`
 * format, and a form field through the character check every form string gets.
 */
import { describe, expect, it } from 'vitest';
import applicantSchema from '../../contracts/schemas/applicant.schema.json' with { type: 'json' };
import { ajv } from '../../functions/lambda/validate.js';
import { problemMessage, problems, type Validate } from '../../widgets/src/shared/validation.js';

// The API's own ajv, as the widgets' validators are compiled from its schemas and formats.
const validateApplicant = ajv().compile(applicantSchema) as unknown as Validate;
const applicant = { type: 'person', idType: 'resident_id', idNumber: '430602199003071231', phone: '13800138000' };

describe('the widgets’ free-text problems', () => {
  it('name a control character in the applicant’s name by its rule and character, and word it', () => {
    // Act
    const found = problems(validateApplicant, { ...applicant, name: '李\u0007湘君' }, '/applicant');

    // Assess
    expect(found).toEqual([{ path: '/applicant/name', keyword: 'control_character', params: { codePoint: 'U+0007' } }]);
    expect(problemMessage(found[0]!, '姓名', false)).toBe('姓名含有不可见的控制字符（U+0007），请删除后重新输入');
  });

  it('name an untrimmed name, and a lone surrogate in a form field with no schema error', () => {
    expect(problems(validateApplicant, { ...applicant, name: ' 李湘君' }, '/applicant')).toEqual([{ path: '/applicant/name', keyword: 'untrimmed', params: { codePoint: '' } }]);
    const always: Validate = () => true;
    expect(problems(always, { projectName: '项目\ud800' }, '/form')).toEqual([{ path: '/form/projectName', keyword: 'lone_surrogate', params: { codePoint: 'U+D800' } }]);
  });

  it('find nothing in clean text', () => {
    expect(problems(validateApplicant, { ...applicant, name: '李湘君' }, '/applicant')).toEqual([]);
  });
});
