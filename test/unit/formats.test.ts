import { describe, it, expect } from 'vitest';
import { Ajv } from 'ajv';
import { cnCreditCode, cnIdNumber, cnMobile, formKeywords, registerFormats } from '../../contracts/formats.js';

describe('cnIdNumber (GB 11643-1999)', () => {
  it('accepts numbers with a valid check character and birth date', () => {
    // The standard's own example, a Yueyang number, a 29 February of a leap year, an 1899 birth.
    for (const id of ['11010519491231002X', '430602199003071231', '430602200002290040', '430681189912310021']) {
      expect(cnIdNumber(id), id).toBe(true);
    }
  });

  it('refuses a wrong check character', () => {
    expect(cnIdNumber('430602199003071232')).toBe(false);
    expect(cnIdNumber('110105194912310021')).toBe(false);
  });

  it('refuses impossible birth dates even when the check character fits', () => {
    // Each has a correct check character for its first 17 digits.
    expect(cnIdNumber('430602200102290048')).toBe(false); // 2001-02-29
    expect(cnIdNumber('430602199013071235')).toBe(false); // month 13
    expect(cnIdNumber('430602199004311233')).toBe(false); // 04-31
  });

  it('refuses unknown provinces, lower-case x and wrong lengths', () => {
    expect(cnIdNumber('990602199003071230')).toBe(false);
    expect(cnIdNumber('11010519491231002x')).toBe(false);
    expect(cnIdNumber('43060219900307123')).toBe(false);
    expect(cnIdNumber('4306021990030712311')).toBe(false);
  });
});

describe('cnMobile', () => {
  it('accepts 11 digits starting 13–19', () => {
    expect(cnMobile('13812345678')).toBe(true);
    expect(cnMobile('19973001234')).toBe(true);
  });

  it('refuses other prefixes and lengths', () => {
    for (const s of ['12812345678', '1381234567', '138123456789', '+8613812345678', '1381234567a']) {
      expect(cnMobile(s), s).toBe(false);
    }
  });
});

describe('cnCreditCode (GB 32100-2015)', () => {
  it('accepts codes with a valid check character', () => {
    for (const code of ['9144030071526726XG', '914403001922038216', '91430600MA4L00012G', '52430600MJ12345676']) {
      expect(cnCreditCode(code), code).toBe(true);
    }
  });

  it('refuses a wrong check character, letters outside the alphabet and wrong lengths', () => {
    expect(cnCreditCode('91430600MA4L00012H')).toBe(false);
    expect(cnCreditCode('91430600MA4I00012G')).toBe(false); // I is not in the alphabet
    expect(cnCreditCode('91430600ma4l00012g')).toBe(false);
    expect(cnCreditCode('91430600MA4L00012')).toBe(false);
  });
});

describe('registerFormats', () => {
  it('lets a strict ajv compile a form schema with the custom formats and English annotations', () => {
    // Prepare
    const ajv = registerFormats(new Ajv({ strict: true, allErrors: true }));
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['idNumber', 'mobile', 'creditCode', 'kind'],
      properties: {
        idNumber: { type: 'string', format: 'cn-id-number', title: '公民身份号码', 'x-title-en': 'Resident ID number' },
        mobile: { type: 'string', format: 'cn-mobile', title: '联系电话', 'x-title-en': 'Mobile phone' },
        creditCode: { type: 'string', format: 'cn-credit-code', title: '统一社会信用代码', 'x-title-en': 'Credit code' },
        kind: { type: 'string', enum: ['甲', '乙'], 'x-enum-en': ['A', 'B'], description: '类别', 'x-description-en': 'Kind' },
      },
    };

    // Act
    const validate = ajv.compile(schema);
    const good = validate({ idNumber: '11010519491231002X', mobile: '13812345678', creditCode: '914403001922038216', kind: '甲' });
    const bad = validate({ idNumber: '110105194912310021', mobile: '12812345678', creditCode: '914403001922038217', kind: '甲' });

    // Assess
    expect(good).toBe(true);
    expect(bad).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/creditCode', '/idNumber', '/mobile']);
  });

  it('can be called twice on the same instance, and declares exactly the annotation keywords', () => {
    const ajv = registerFormats(new Ajv({ strict: true }));
    expect(() => registerFormats(ajv)).not.toThrow();
    expect(formKeywords.map((k) => k.keyword)).toEqual(['x-title-en', 'x-description-en', 'x-enum-en', 'x-applicant', 'x-applicant-type', 'x-address']);
  });

  it('still refuses unknown keywords in strict mode', () => {
    const ajv = registerFormats(new Ajv({ strict: true }));
    expect(() => ajv.compile({ type: 'string', 'x-title-fr': 'Nom' })).toThrow(/unknown keyword/);
  });
});
