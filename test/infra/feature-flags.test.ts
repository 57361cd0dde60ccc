/**
 * Why this file exists: CDK's feature flags must be set before the first deployment, since
 * setting one later can replace resources (new logical ids, new defaults). This fails as soon
 * as an upgrade of aws-cdk-lib recommends a flag cdk.json does not set.
 */
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('cdk.json', () => {
  it("sets every feature flag aws-cdk-lib recommends, to the recommended value", () => {
    // Prepare
    const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
    const recommended = Object.entries(CURRENTLY_RECOMMENDED_FLAGS as Record<string, unknown>);

    // Assess
    expect(recommended.length).toBeGreaterThan(80);
    const unset = recommended.filter(([flag, value]) => JSON.stringify(context[flag]) !== JSON.stringify(value)).map(([flag]) => flag);
    expect(unset).toEqual([]);
  });
});
