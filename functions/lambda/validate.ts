/**
 * JSON Schema validation with ajv. Every schema error becomes a field error naming the
 * JSON pointer of the offending member, so a 400 tells the applicant exactly what to fix,
 * in English as ajv words it and in Chinese through ajv-i18n (or a rule of
 * functions/lambda/messages.ts where ajv-i18n's wording would name the member again or a
 * format by its code).
 *
 * `validator` and `compileSchema` take a schema of contracts/schemas/: the Lambda bundles
 * get its validator compiled ahead of time (functions/lambda/compile-schema.ts), without
 * ajv. `ajv()` is for what only the catalog says (item forms), compiled at run time.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { memberAt, TEXT_FORMATS, textProblem, textProblemsIn, type TextProblem } from '../../contracts/text.js';
import { ValidationError, type FieldError } from '../domain/errors.js';
import { compileSchema } from './compile-schema.js';

export { ajv } from './ajv.js';
export { compileSchema };

// ajv-i18n is CommonJS: its `module.exports` is the function its types call `default`.
const localizeZh = localizeZhModule as unknown as (errors: ErrorObject[]) => void;

/**
 * Keywords whose ajv-i18n wording names schema words (`string`, `oneOf`, a regular
 * expression), worded by a rule of functions/lambda/messages.ts instead.
 */
export const RULE_OF_KEYWORD: Readonly<Record<string, string>> = {
  type: 'type',
  pattern: 'invalid_form',
  anyOf: 'no_alternative',
  oneOf: 'no_alternative',
  not: 'no_alternative',
  if: 'condition_unmet',
};

/** ajv-i18n's Chinese message for one schema error. */
function zhMessage(e: ErrorObject): string | undefined {
  const copy = { ...e };
  localizeZh([copy]);
  return copy.message;
}

/**
 * A refused free text (the `text` formats) as the rule it breaks (`control_character`,
 * `bidi_control`, `lone_surrogate`, `untrimmed`, `blank`) with the character, rather than
 * as a bare format error.
 */
function textFieldError(path: string, format: string, value: unknown): FieldError | undefined {
  const options = TEXT_FORMATS[format];
  if (!options || typeof value !== 'string') return undefined;
  const found = textProblem(value, options);
  if (!found) return undefined;
  return { path, message: TEXT_MESSAGES[found.rule](found.codePoint ?? ''), rule: found.rule, params: { format, ...(found.codePoint ? { codePoint: found.codePoint } : {}) } };
}

const TEXT_MESSAGES: Readonly<Record<TextProblem, (codePoint: string) => string>> = {
  control_character: (c) => `must not contain the control character ${c}`,
  bidi_control: (c) => `must not contain the bidirectional control character ${c}`,
  lone_surrogate: (c) => `must not contain the unpaired surrogate ${c}`,
  untrimmed: () => 'must not begin or end with spaces',
  blank: () => 'must not be blank',
};

/** A form's strings holding refused characters (contracts/text.ts `textProblemsIn`), as field errors. */
export function textFieldErrors(value: unknown, prefix: string): FieldError[] {
  return textProblemsIn(value, prefix).map(({ path, rule, codePoint }) => ({
    path, message: TEXT_MESSAGES[rule](codePoint ?? ''), rule, ...(codePoint ? { params: { codePoint } } : {}),
  }));
}

/** ajv's errors as field errors; `data` (what was validated) lets a refused text name its rule. */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = '', data?: unknown): FieldError[] {
  const all = schemaFieldErrors(errors, prefix, data);
  // An empty text is already too short (`min_length`): saying it is blank too would repeat it.
  const other = new Set(all.filter((f) => f.params?.format === undefined || !TEXT_FORMATS[f.params.format]).map((f) => f.path));
  return all.filter((f) => !(f.params?.format !== undefined && TEXT_FORMATS[f.params.format] && other.has(f.path)));
}

function schemaFieldErrors(errors: ErrorObject[] | null | undefined, prefix: string, data: unknown): FieldError[] {
  return (errors ?? []).map((e): FieldError => {
    const base = prefix + e.instancePath;
    switch (e.keyword) {
      case 'required':
        return { path: `${base}/${String(e.params.missingProperty)}`, message: 'is required', rule: 'required' };
      case 'additionalProperties':
        return {
          path: `${base}/${String(e.params.additionalProperty)}`,
          message: 'is not a known member',
          rule: 'unknown_member',
        };
      case 'enum': {
        const values = (e.params.allowedValues as unknown[]).map(String).join(', ');
        return { path: base || '/', message: `must be one of ${values}`, rule: 'one_of', params: { values } };
      }
      case 'format':
        return textFieldError(base || '/', String(e.params.format), memberAt(data, e.instancePath)) ?? { path: base || '/', message: e.message ?? 'is invalid', rule: 'format', params: { format: String(e.params.format) } };
      default: {
        const rule = RULE_OF_KEYWORD[e.keyword];
        if (rule) {
          const params = e.keyword === 'type' ? { params: { type: String(e.params.type) } } : {};
          return { path: base || '/', message: e.message ?? 'is invalid', rule, ...params };
        }
        // Worded by ajv-i18n; still named by a rule (the keyword: `min_length`, `maximum`…) and its limit for programs.
        const zh = zhMessage(e);
        const limit = typeof e.params.limit === 'number' ? { params: { limit: e.params.limit } } : {};
        return { path: base || '/', message: e.message ?? 'is invalid', rule: e.keyword.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), ...limit, ...(zh ? { zh } : {}) };
      }
    }
  });
}

/** Compiles once (a schema of contracts/schemas/); the returned function throws a ValidationError listing every problem. */
export function validator<T>(schema: object, what: string) {
  let compiled: ValidateFunction | undefined;
  return (data: unknown, prefix = ''): T => {
    compiled ??= compileSchema(schema);
    if (!compiled(data)) {
      throw new ValidationError(`The ${what} is invalid`, fieldErrors(compiled.errors, prefix, data));
    }
    return data as T;
  };
}
