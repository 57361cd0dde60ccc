/**
 * The custom string formats and annotation keywords of item form schemas.
 *
 * Pure and dependency-free at run time (ajv is only a type here), so the same validators
 * run in the API and in the citizens' browsers: one schema, validated in both places.
 */
import type { Ajv, KeywordDefinition } from 'ajv';
import { isMultilineText, isText } from './text.js';

/** GB 11643-1999 weights of the first 17 characters of a resident ID number. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/**
 * Province-level codes that open an ID number (GB/T 2260), plus 81/82/83 used by the
 * residence permits of Hong Kong, Macao and Taiwan residents.
 */
const ID_PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
  52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * An 18-character resident ID number (居民身份证号码, GB 11643-1999): a known province,
 * a real birth date (YYYYMMDD from 1800 on, as in the standard's own examples), and the
 * ISO 7064 MOD 11-2 check character. The check character `X` must be upper case: stored
 * numbers are canonical, widgets upper-case what people type.
 */
export function cnIdNumber(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!ID_PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const year = Number(s.slice(6, 10));
  if (year < 1800 || !isCalendarDate(year, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === s[17];
}

/** A mainland mobile number: 11 digits starting 13–19. */
export function cnMobile(s: string): boolean {
  return /^1[3-9]\d{9}$/.test(s);
}

/** GB 32100-2015 alphabet: digits and upper-case letters without I, O, S, V, Z. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** An 18-character unified social credit code (统一社会信用代码) with a valid check character. */
export function cnCreditCode(s: string): boolean {
  if (s.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_ALPHABET.indexOf(s.charAt(i));
    if (value < 0) return false;
    sum += value * (CREDIT_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_ALPHABET[check] === s[17];
}

/** The custom formats by the name a schema's `format` uses. */
export const customFormats = {
  'cn-id-number': cnIdNumber,
  'cn-mobile': cnMobile,
  'cn-credit-code': cnCreditCode,
  // Free text a person types (contracts/text.ts): names, addresses, notes, opinions.
  text: isText,
  'text-multiline': isMultilineText,
} as const;

export type CustomFormat = keyof typeof customFormats;

/**
 * Annotation-only keywords carrying the English text of a form (Chinese is in `title`,
 * `description`, `enum`), and saying which applicant property a field repeats
 * (`x-applicant`, for which kind of applicant: `x-applicant-type`) and which address it is (`x-address`), so the apply form asks nothing twice. They validate nothing; declaring them lets ajv's strict mode
 * accept them while still refusing any other unknown keyword.
 */
export const formKeywords: readonly KeywordDefinition[] = [
  { keyword: 'x-title-en', schemaType: 'string' },
  { keyword: 'x-description-en', schemaType: 'string' },
  { keyword: 'x-enum-en', schemaType: 'array' },
  // Where the apply form takes a field's value from (catalog validation checks the names).
  { keyword: 'x-applicant', schemaType: 'string' },
  { keyword: 'x-applicant-type', schemaType: 'string' },
  { keyword: 'x-address', schemaType: 'string' },
];

/**
 * Registers the custom formats and the annotation keywords on an ajv instance.
 * Safe to call twice on the same instance. The standard `date` format comes from
 * ajv-formats, which the caller adds.
 */
export function registerFormats(ajv: Ajv): Ajv {
  for (const [name, validate] of Object.entries(customFormats)) {
    ajv.addFormat(name, { type: 'string', validate });
  }
  for (const definition of formKeywords) {
    if (!ajv.getKeyword(definition.keyword as string)) ajv.addKeyword(definition);
  }
  return ajv;
}
