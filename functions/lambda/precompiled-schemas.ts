/**
 * functions/lambda/compile-schema.ts as the Lambda bundles have it (infra/bundles.ts): each
 * schema of contracts/schemas/ a bundle imports comes with its validator, compiled ahead of
 * time by ajv's standalone code (infra/precompiled-validators.ts), which registers it here
 * and takes from here the little it needs at run time: ajv's `ucs2length` and `equal`, and the formats.
 */
import type { ValidateFunction } from 'ajv';
import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2 from 'ajv/dist/runtime/ucs2length.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { customFormats } from '../../contracts/formats.js';

/** A CommonJS default export, whichever way the bundler hands it over. */
const defaultOf = <T>(module: unknown): T => ((module as { default?: T }).default ?? module) as T;

export const ucs2length = defaultOf<(value: string) => number>(ucs2);
export const equal = defaultOf<(a: unknown, b: unknown) => boolean>(equalModule);

/** The formats as the API's ajv holds them (contracts/ajv.ts): ajv-formats', then contracts/formats.ts'. */
export const formats: Readonly<Record<string, unknown>> = {
  ...fullFormats,
  ...Object.fromEntries(Object.entries(customFormats).map(([name, validate]) => [name, { type: 'string', validate }])),
};

const validators = new WeakMap<object, ValidateFunction>();

/** Called by each precompiled schema module with the schema it exports. */
export function registerValidator(schema: object, validate: ValidateFunction): void {
  validators.set(schema, validate);
}

export function compileSchema(schema: object): ValidateFunction {
  const validate = validators.get(schema);
  if (!validate) throw new Error('No precompiled validator for this schema: validators of the Lambda bundles are compiled from contracts/schemas/*.schema.json only');
  return validate;
}
