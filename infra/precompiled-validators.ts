/**
 * The Lambda bundles' request validators, compiled ahead of time: an esbuild plugin that
 * gives each schema of contracts/schemas/ a bundle imports its ajv standalone validator
 * (compiled with the API's own ajv options and formats, contracts/ajv.ts), registered
 * beside the schema, and puts functions/lambda/precompiled-schemas.ts in the place of
 * functions/lambda/compile-schema.ts. A bundle whose every validator is static carries no
 * ajv: only its run-time helpers (`ucs2length`, `equal`) and the formats. Error objects, and so the
 * API's 4xx bodies, are ajv's own: the same code ajv would generate at run time.
 */
import { _ } from 'ajv';
import type { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAjv } from '../contracts/ajv.js';

const standaloneCode = ((standalone as unknown as { default?: unknown }).default ?? standalone) as (ajv: Ajv, refs?: Record<string, string>) => string;

/** The files whose content decides the generated code (for the bundles' build cache). */
export const PRECOMPILED_INPUTS = [
  'infra/precompiled-validators.ts', 'contracts/ajv.ts', 'contracts/formats.ts',
  ...readdirSync(fileURLToPath(new URL('../contracts/schemas/', import.meta.url))).map((file) => `contracts/schemas/${file}`),
];

function schemasAjv(schemasDir: string): Ajv {
  const ajv = createAjv({ code: { source: true, esm: true, formats: _`formats`, lines: false } });
  // Every schema, so that one may refer to another by its $id.
  for (const file of readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as object);
  }
  return ajv;
}

/** One schema's module: the schema as its default export, its validator registered. */
function schemaModule(ajv: Ajv, runtime: string, file: string): string {
  const text = readFileSync(file, 'utf8');
  const { $id } = JSON.parse(text) as { $id?: string };
  if (!$id) throw new Error(`${file} has no $id: a precompiled schema needs one`);
  const code = standaloneCode(ajv, { validate: $id })
    .replace(/^"use strict";/, '')
    .replace(/require\("ajv\/dist\/runtime\/(ucs2length|equal)"\)\.default/g, '$1');
  const leftover = /require\([^)]*\)/.exec(code);
  if (leftover) throw new Error(`The validator of ${file} needs ${leftover[0]}: add it to functions/lambda/precompiled-schemas.ts`);
  return [
    `import { equal, formats, registerValidator, ucs2length } from ${JSON.stringify(runtime)};`,
    code,
    `const precompiledSchema = ${text.trim()};`,
    'registerValidator(precompiledSchema, validate);',
    'export default precompiledSchema;',
  ].join('\n');
}

const NAMESPACE = 'precompiled-schema';

/** One ajv for every bundle built in this process. */
let shared: Ajv | undefined;

export function precompiledValidators(root: string): Plugin {
  const schemasDir = join(root, 'contracts', 'schemas');
  const runtime = join(root, 'functions', 'lambda', 'precompiled-schemas.ts');
  const compiler = join(root, 'functions', 'lambda', 'compile-schema.ts');
  const contractsDir = join(root, 'contracts') + sep;
  return {
    name: 'precompiled-validators',
    setup(build) {
      build.onResolve({ filter: /[\\/]compile-schema\.js$/ }, (args) =>
        resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === compiler ? { path: runtime } : undefined);
      // ajv-formats does nothing on import, but does not say so (ajv does): an unused import of it, as
      // functions/lambda/validate.ts's re-export of `ajv` is where nothing compiles at run time, then drops ajv too.
      build.onResolve({ filter: /^ajv-formats$/ }, (args) => ({ path: createRequire(args.importer).resolve(args.path), sideEffects: false }));
      // Not for the OpenAPI document (contracts/openapi.ts), which serves the schemas as they are.
      build.onResolve({ filter: /[\\/]schemas[\\/][^\\/]+\.schema\.json$/ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        return !args.importer.startsWith(contractsDir) && dirname(path) === schemasDir ? { path, namespace: NAMESPACE } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: schemaModule((shared ??= schemasAjv(schemasDir)), runtime, args.path),
        loader: 'js',
        resolveDir: schemasDir,
        watchFiles: [args.path],
      }));
    },
  };
}
