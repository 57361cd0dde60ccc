/**
 * Writes the served OpenAPI document (openapi.ts) to a file: Redocly lints files, not
 * modules (`npm run lint:api`), and client generators want one too.
 *
 * Usage: `tsx scripts/openapi-write.ts [out]`, by default `build/openapi.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openApiDocument } from '../contracts/openapi.js';

const out = resolve(process.argv[2] ?? 'build/openapi.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(openApiDocument, null, 2)}\n`);
