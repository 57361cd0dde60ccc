/** The item or bundle behind an application, as published here, and its form check. */
import type { ValidateFunction } from 'ajv';
import type { SituationAnswers } from '../../contracts/catalog.js';
import { answerProblems } from '../domain/bundles.js';
import { findSubject, type ApplicationSubject } from '../domain/subject.js';
import { servedCatalog } from './served-catalog.js';
import { UnprocessableError, ValidationError, type FieldError } from '../domain/errors.js';
import { ajv, fieldErrors, textFieldErrors } from '../lambda/validate.js';

// By schema, not by code: one bundle has a merged form per set of situation answers.
const formValidators = new WeakMap<object, ValidateFunction>();

/**
 * Validates form data against the item's or the bundle's merged schema, and every string in
 * it against the free-text rule's characters (contracts/text.ts); errors point into `/form`.
 */
export function formErrors(subject: ApplicationSubject, form: unknown): FieldError[] {
  let validate = formValidators.get(subject.formSchema);
  if (!validate) {
    validate = ajv().compile(subject.formSchema);
    formValidators.set(subject.formSchema, validate);
  }
  const schemaErrors = validate(form) ? [] : fieldErrors(validate.errors, '/form', form);
  return [...schemaErrors, ...textFieldErrors(form, '/form')];
}

/**
 * The item or bundle applied for, as published here, for the answers to the bundle's
 * situation questions; a 422 naming the code when it is not published, a 400 naming each
 * question missing or unknown (and answers given for an item).
 */
export function subjectOf(ref: { itemCode?: string; bundleCode?: string; answers?: SituationAnswers }): ApplicationSubject {
  const { source, regionCode, level } = servedCatalog();
  const bundle = ref.bundleCode === undefined ? undefined : source.bundles?.find((b) => b.code === ref.bundleCode);
  const answered = Object.keys(ref.answers ?? {}).length > 0;
  const problems = bundle
    ? answerProblems(bundle, ref.answers ?? {})
    : ref.itemCode !== undefined && answered ? [{ path: '/answers', message: 'only a bundle asks situation questions', rule: 'answers_for_item' }] : [];
  if (problems.length > 0) throw new ValidationError('The answers to the situation questions are incomplete or unknown', problems, 'ANSWERS_INVALID');
  const subject = findSubject(source, { ...ref, answers: bundle?.situations ? ref.answers : undefined }, { regionCode, level });
  if (subject) return subject;
  const [code, path, what] = ref.bundleCode
    ? ['BUNDLE_NOT_IN_CATALOG', '/bundleCode', `Bundle ${ref.bundleCode}`]
    : ['ITEM_NOT_IN_CATALOG', '/itemCode', `Item ${ref.itemCode}`];
  throw new UnprocessableError(code, `${what} is not in catalog ${source.manifest.version} at this level`, [
    { path, message: 'is not published here', rule: 'not_published' },
  ], { params: { code: String(ref.bundleCode ?? ref.itemCode), version: source.manifest.version } });
}

/**
 * The item or bundle a request names (a submission, a fee estimate): exactly one of
 * `itemCode` and `bundleCode`, under the catalog version served here.
 */
export function requestedSubject(input: { catalogVersion: string; itemCode?: string; bundleCode?: string; answers?: SituationAnswers }): ApplicationSubject {
  if (Boolean(input.itemCode) === Boolean(input.bundleCode)) {
    throw new ValidationError('Name exactly one of itemCode and bundleCode', [
      {
        path: input.itemCode ? '/bundleCode' : '/itemCode',
        message: input.itemCode ? 'cannot be given with itemCode' : 'is required (or bundleCode)',
        rule: input.itemCode ? 'not_with' : 'required_or',
        params: { other: input.itemCode ? 'itemCode' : 'bundleCode' },
      },
    ]);
  }
  const { source } = servedCatalog();
  if (input.catalogVersion !== source.manifest.version) {
    throw new UnprocessableError('CATALOG_VERSION_NOT_SERVED', `Catalog ${input.catalogVersion} is not the published version here (${source.manifest.version})`, [
      { path: '/catalogVersion', message: `must be ${source.manifest.version}`, rule: 'must_be', params: { value: source.manifest.version } },
    ], { params: { given: input.catalogVersion, served: source.manifest.version } });
  }
  return subjectOf(input);
}
