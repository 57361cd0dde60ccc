/**
 * Valid sample form data for any published form schema (the catalog's restricted keyword
 * set), so integration tests and `npm run simulate` can apply for any item or bundle. Patterns and formats come
 * from a table of known-valid values; an unknown pattern fails loudly.
 */
const BY_FORMAT: Record<string, string> = {
  'cn-credit-code': '91430600MA4T8K2L39',
  'cn-mobile': '13907301234',
  'cn-id-number': '430602199003071231',
  email: 'contact@example.cn',
};

const BY_PATTERN: Record<string, string> = {
  '^[0-9A-Z]{15,18}$': '91430600MA4T8K2L3',
  '^[0-9A-Z]{15,20}$': '91430600MA4T8K2L39',
  '^\\d{4}-\\d{6}-\\d{2}-\\d{2}-\\d{6}$': '2026-430600-47-01-000123',
  '^\\d{8,30}$': '6222020202020202',
  '^D[AW]\\d{3}$': 'DW001',
  '^[A-HJ-NPR-Z0-9]{17}$': 'LSVAU2180N2183294',
  '^湘F[A-HJ-NP-Z0-9]{5,6}$': '湘F12345',
  '^[0-9A-Z]{10,20}$': '20261234567890',
  '^[\\u4e00-\\u9fa5][A-Z][A-HJ-NP-Z0-9]{5,6}$': '湘F12345',
  '^\\d{2,7}-\\d{2}-\\d$': '7664-93-9',
  '^\\d{12,19}$': '6222020202020202',
};

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
};

export function sampleFor(schema: Schema, today: string): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => schema.required?.includes(name))
          .map(([name, s]) => [name, sampleFor(s, today)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleFor(schema.items ?? {}, today));
    case 'integer':
      return Math.max(Math.ceil(schema.minimum ?? 1), 1);
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    default: {
      if (schema.format === 'date') return today;
      if (schema.format) {
        const value = BY_FORMAT[schema.format];
        if (!value) throw new Error(`No sample for format ${schema.format}`);
        return value;
      }
      if (schema.pattern) {
        const value = BY_PATTERN[schema.pattern];
        if (value === undefined) throw new Error(`No sample for pattern ${schema.pattern}`);
        return value;
      }
      const min = schema.minLength ?? 1;
      const text = '岳阳市示例填写内容'.padEnd(Math.max(min, 4), '甲');
      return text.slice(0, schema.maxLength ?? text.length);
    }
  }
}
