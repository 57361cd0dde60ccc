/**
 * A static schema's validator (one of contracts/schemas/). Here, compiled by ajv at run
 * time, every schema of contracts/schemas/ known so that one may refer to another by its
 * $id; in the Lambda bundles, the build puts functions/lambda/precompiled-schemas.ts in this
 * module's place (infra/precompiled-validators.ts), so that their validators are compiled
 * ahead of time and ajv stays out of the bundles that compile nothing at run time.
 */
import type { Ajv, ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAjv } from '../../contracts/ajv.js';

const SCHEMAS_DIR = fileURLToPath(new URL('../../contracts/schemas/', import.meta.url));

let contracts: Ajv | undefined;

function contractsAjv(): Ajv {
  if (contracts) return contracts;
  contracts = createAjv();
  for (const file of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'))) {
    contracts.addSchema(JSON.parse(readFileSync(SCHEMAS_DIR + file, 'utf8')) as object);
  }
  return contracts;
}

/** A schema of contracts/schemas/ by its $id (the Lambda bundles know no other); any other is compiled as it is. */
export function compileSchema(schema: object): ValidateFunction {
  const { $id } = schema as { $id?: string };
  return ($id === undefined ? undefined : contractsAjv().getSchema($id)) ?? contractsAjv().compile(schema);
}
