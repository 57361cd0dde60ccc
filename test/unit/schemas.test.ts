import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ajv, validator } from '../../functions/lambda/validate.js';
import { ValidationError } from '../../functions/domain/errors.js';

const dir = join(import.meta.dirname, '../../contracts/schemas');
const schemas = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { $id: string });

describe('request schemas', () => {
  it.each(schemas.map((s) => [s.$id, s]))('%s compiles under strict ajv', (_id, schema) => {
    const shared = ajv();
    for (const s of schemas) if (!shared.getSchema(s.$id)) shared.addSchema(s);
    expect(() => shared.getSchema((schema as { $id: string }).$id)).not.toThrow();
  });

  it('names every problem with a JSON pointer, unknown members included', () => {
    const validate = validator<unknown>(schemas.find((s) => s.$id.endsWith('upload.json'))!, 'upload request');
    try {
      validate({ fileName: '', contentType: 'text/html', size: 0, sha256: 'zz', extra: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fields?.map((f) => f.path).sort()).toEqual(['/contentType', '/extra', '/fileName', '/sha256', '/size']);
    }
  });
});
