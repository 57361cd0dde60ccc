/** The API's ajv (contracts/ajv.ts), for what only the catalog says (item forms), compiled at run time. */
import type { Ajv } from 'ajv';
import { createAjv } from '../../contracts/ajv.js';

let shared: Ajv | undefined;
export const ajv = (): Ajv => (shared ??= createAjv());
