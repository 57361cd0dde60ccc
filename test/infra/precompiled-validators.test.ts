/**
 * The bundles' request validators, compiled ahead of time (infra/precompiled-validators.ts),
 * report exactly what ajv compiling the same schema at run time reports, so the API's 4xx
 * bodies are the same whichever way a validator came; and they bring no ajv with them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_OPTIONS, ROOT } from '../../infra/bundles.js';
import { precompiledValidators } from '../../infra/precompiled-validators.js';
import { compileSchema } from '../../functions/lambda/compile-schema.js';

const SCHEMAS = readdirSync(join(ROOT, 'contracts', 'schemas')).filter((f) => f.endsWith('.schema.json')).sort();

/** Wrong in many ways at once: types, unknown members, bad formats, text with control characters. */
const SAMPLES: unknown[] = [
  null, 'x', [], {},
  { unknown: 1 },
  Object.fromEntries(['name', 'reason', 'reply', 'opinion', 'returnUrl', 'caseId', 'status', 'decision', 'idNumber', 'mobile', 'date', 'email', 'items', 'materials', 'form', 'applicant', 'delivery', 'address', 'assigned'].map((k) => [k, ' \u0007bad'])),
  Object.fromEntries(['name', 'reason', 'reply', 'opinion', 'caseId', 'items', 'materials', 'form', 'applicant', 'delivery', 'address', 'assigned', 'enabled', 'channels'].map((k) => [k, 12])),
  { applicant: { type: 'person', name: '', idType: 'x', idNumber: '110101199003077777', mobile: '123' }, delivery: { mode: 'mail', address: {} } },
];

let dir: string;
let precompiled: Record<string, ValidateFunction>;
let metafile: Metafile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onetrip-precompiled-'));
  const entry = [
    `import { compileSchema } from ${JSON.stringify(join(ROOT, 'functions', 'lambda', 'compile-schema.js'))};`,
    ...SCHEMAS.map((f, i) => `import s${i} from ${JSON.stringify(join(ROOT, 'contracts', 'schemas', f))} with { type: 'json' };`),
    `export const validators = { ${SCHEMAS.map((f, i) => `${JSON.stringify(f)}: compileSchema(s${i})`).join(', ')} };`,
  ].join('\n');
  const result = await build({
    ...BUNDLE_OPTIONS, splitting: false, sourcemap: false, stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    outfile: join(dir, 'validators.mjs'), plugins: [precompiledValidators(ROOT)], metafile: true,
  });
  metafile = result.metafile;
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  precompiled = ((await import(pathToFileURL(join(dir, 'validators.mjs')).href)) as { validators: Record<string, ValidateFunction> }).validators;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompiled request validators', () => {
  it.each(SCHEMAS)('%s reports what ajv at run time reports', (file) => {
    // Arrange
    const atRunTime = compileSchema(JSON.parse(readFileSync(join(ROOT, 'contracts', 'schemas', file), 'utf8')) as object);

    for (const sample of SAMPLES) {
      // Act
      const valid = precompiled[file]!(sample);

      // Assess
      expect(valid).toBe(atRunTime(sample));
      expect(precompiled[file]!.errors).toEqual(atRunTime.errors);
    }
  });

  it('brings no ajv compiler into a bundle', () => {
    // Assess
    const inputs = Object.values(metafile.outputs).flatMap((o) => Object.entries(o.inputs)).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path);
    expect(inputs.filter((path) => path.includes('node_modules/ajv/dist/core') || path.includes('node_modules/ajv/dist/compile/'))).toEqual([]);
  });
});
