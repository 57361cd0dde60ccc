import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import envelopeSchema from '../../contracts/schemas/outbox-event.schema.json' with { type: 'json' };
import { consumers, EVENT_TYPES, subscribersOf } from '../../contracts/events.js';
import { ajv } from '../../functions/lambda/validate.js';

const samplesDir = join(import.meta.dirname, '../../events/samples');
const validate = ajv().compile(envelopeSchema);

describe('event contracts', () => {
  it('lists the same event types in the schema and in the code', () => {
    expect((envelopeSchema.properties.type.enum as string[]).slice().sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(readdirSync(samplesDir))('sample %s matches the envelope and is named after its type', (file) => {
    const sample = JSON.parse(readFileSync(join(samplesDir, file), 'utf8'));
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    expect(file).toBe(`${sample.type}.json`);
  });

  it('routes each consumer’s events to it and to nobody else', () => {
    expect(subscribersOf('case.accepted')).toEqual(['review-dispatch', 'notices', 'notifications', 'supervision-stats']);
    expect(subscribersOf('case.rejected')).toEqual(['notices', 'notifications', 'supervision-stats']);
    expect(subscribersOf('task.approved')).toEqual(['case-progress', 'certificates', 'supervision-stats']);
    expect(subscribersOf('refund.requested')).toEqual(['settlement', 'refunds']);
    expect(subscribersOf('delivery.requested')).toEqual(['courier-dispatch']);
    expect(subscribersOf('case.submitted')).toEqual(['notifications', 'supervision-stats']);
    expect(subscribersOf('task.warned')).toEqual(['notifications', 'supervision-stats']);
    expect(subscribersOf('task.reviewed')).toEqual([]);
    for (const types of Object.values(consumers)) for (const t of types) expect(EVENT_TYPES).toContain(t);
  });
});
