/**
 * JSON Schema validation with ajv. Every schema error becomes a field error naming the
 * JSON pointer of the offending member, so a 400 tells the applicant exactly what to fix.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { registerFormats } from '../../contracts/formats.js';
import { ValidationError, type FieldError } from '../domain/errors.js';

function createAjv(): Ajv {
  // Strict, except that `required` in an if/then may name properties declared by the parent.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, useDefaults: false });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  registerFormats(ajv);
  return ajv;
}

let shared: Ajv | undefined;
export const ajv = (): Ajv => (shared ??= createAjv());

export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  return (errors ?? []).map((e) => {
    const base = prefix + e.instancePath;
    switch (e.keyword) {
      case 'required':
        return { path: `${base}/${String(e.params.missingProperty)}`, message: 'is required' };
      case 'additionalProperties':
        return {
          path: `${base}/${String(e.params.additionalProperty)}`,
          message: 'is not a known member',
        };
      case 'enum':
        return {
          path: base || '/',
          message: `must be one of ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`,
        };
      default:
        return { path: base || '/', message: e.message ?? 'is invalid' };
    }
  });
}

/** Compiles once; the returned function throws a ValidationError listing every problem. */
export function validator<T>(schema: object, what: string) {
  let compiled: ValidateFunction | undefined;
  return (data: unknown, prefix = ''): T => {
    compiled ??= ajv().compile(schema);
    if (!compiled(data)) {
      throw new ValidationError(`The ${what} is invalid`, fieldErrors(compiled.errors, prefix));
    }
    return data as T;
  };
}
