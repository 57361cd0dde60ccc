/** The item or bundle behind an application, as published here, and its form check. */
import type { ValidateFunction } from 'ajv';
import { findSubject, type ApplicationSubject } from '../domain/subject.js';
import { servedCatalog } from './served-catalog.js';
import { UnprocessableError, ValidationError, type FieldError } from '../domain/errors.js';
import { ajv, fieldErrors } from '../lambda/validate.js';

const formValidators = new Map<string, ValidateFunction>();

/** Validates form data against the item's or the bundle's merged schema; errors point into `/form`. */
export function formErrors(subject: ApplicationSubject, form: unknown): FieldError[] {
  let validate = formValidators.get(subject.code);
  if (!validate) {
    validate = ajv().compile(subject.formSchema);
    formValidators.set(subject.code, validate);
  }
  return validate(form) ? [] : fieldErrors(validate.errors, '/form');
}

/** The item or bundle applied for, as published here; a 422 naming the code when it is not. */
export function subjectOf(ref: { itemCode?: string; bundleCode?: string }): ApplicationSubject {
  const { source, regionCode, level } = servedCatalog();
  const subject = findSubject(source, ref, { regionCode, level });
  if (subject) return subject;
  const [code, path, what] = ref.bundleCode
    ? ['BUNDLE_NOT_IN_CATALOG', '/bundleCode', `Bundle ${ref.bundleCode}`]
    : ['ITEM_NOT_IN_CATALOG', '/itemCode', `Item ${ref.itemCode}`];
  throw new UnprocessableError(code, `${what} is not in catalog ${source.manifest.version} at this level`, [
    { path, message: 'is not published here' },
  ]);
}

/**
 * The item or bundle a request names (a submission, a fee estimate): exactly one of
 * `itemCode` and `bundleCode`, under the catalog version served here.
 */
export function requestedSubject(input: { catalogVersion: string; itemCode?: string; bundleCode?: string }): ApplicationSubject {
  if (Boolean(input.itemCode) === Boolean(input.bundleCode)) {
    throw new ValidationError('Name exactly one of itemCode and bundleCode', [
      { path: input.itemCode ? '/bundleCode' : '/itemCode', message: input.itemCode ? 'cannot be given with itemCode' : 'is required (or bundleCode)' },
    ]);
  }
  const { source } = servedCatalog();
  if (input.catalogVersion !== source.manifest.version) {
    throw new UnprocessableError('CATALOG_VERSION_NOT_SERVED', `Catalog ${input.catalogVersion} is not the published version here (${source.manifest.version})`, [
      { path: '/catalogVersion', message: `must be ${source.manifest.version}` },
    ]);
  }
  return subjectOf(input);
}
