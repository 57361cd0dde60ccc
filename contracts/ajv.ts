/**
 * The API's ajv: strict, every error reported, the formats of contracts/formats.ts and
 * ajv-formats. The Lambda bundles' request validators are compiled ahead of time with these
 * very options (infra/precompiled-validators.ts); what only the catalog says (item forms) is
 * compiled at run time (functions/lambda/ajv.ts).
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { registerFormats } from './formats.js';

/** `extra`: the build's standalone code options, on top of the API's own. */
export function createAjv(extra: Options = {}): Ajv {
  // Strict, except that `required` in an if/then may name properties declared by the parent.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, useDefaults: false, ...extra });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  registerFormats(ajv);
  return ajv;
}
