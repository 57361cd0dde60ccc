/**
 * What the precompiled validators (widgets/generated/validators/, written by
 * scripts/widget-validators.ts) need at run time: ajv's `ucs2length` for string lengths, and the
 * string formats. They are the very functions the API registers on its ajv
 * (contracts/formats.ts and ajv-formats' `date`), so the browser and the API agree
 * on every value; the generator checks that identity when it writes the validators.
 */
import ucs2 from 'ajv/dist/runtime/ucs2length.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { customFormats } from '../../../contracts/formats.js';

/** The CommonJS default export, whichever way the bundler or Node hands it over. */
export const ucs2length: (value: string) => number =
  (ucs2 as unknown as { default?: (value: string) => number }).default ?? (ucs2 as unknown as (value: string) => number);

/** Format definitions by name, shaped as ajv holds them (`{ validate }`). */
export const formats: Readonly<Record<string, { validate: (value: string) => boolean }>> = {
  date: fullFormats.date as { validate: (value: string) => boolean },
  'cn-id-number': { validate: customFormats['cn-id-number'] },
  'cn-mobile': { validate: customFormats['cn-mobile'] },
  'cn-credit-code': { validate: customFormats['cn-credit-code'] },
  text: { validate: customFormats.text },
  'text-multiline': { validate: customFormats['text-multiline'] },
};
