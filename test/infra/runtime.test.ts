/**
 * What operators read at runtime (docs/operations.md), as the synthesized template sets it up:
 * JSON logs on every function at the county's level, X-Ray `Active` with the Powertools Tracer
 * on the functions that answer routes, `PassThrough` with the Tracer off on the workers.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCounty } from '../../infra/config/counties.js';
import { BundledFunction } from '../../infra/constructs/bundled-function.js';
import { functionSpecs } from '../../infra/functions.js';
import { routes } from '../../infra/routes.js';
import { addCountyStacks, countyApp } from '../../infra/synth.js';

type Fn = { Type: string; Properties: any };

/** The stack's own functions by handler name (from POWERTOOLS_SERVICE_NAME `onetrip-<name>`). */
let functions: Map<string, Fn>;

beforeAll(async () => {
  // Prepare: one county's stack (no nag, no edge: neither changes a function)
  const outdir = mkdtempSync(join(tmpdir(), 'onetrip-runtime-'));
  const app = countyApp({ outdir });
  const [stack] = await addCountyStacks(app, [findCounty('430600')], { bundlesDir: join(outdir, 'bundles'), nag: false, edge: false });
  const resources = Template.fromStack(stack!).toJSON().Resources as Record<string, Fn>;
  functions = new Map(
    Object.values(resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => [String(r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME ?? '').replace(/^onetrip-/, ''), r]),
  );
}, 300_000);

const apiFunctions = new Set(routes.map((r) => r.function));

describe('the functions at runtime', () => {
  it('logs JSON from every function, at INFO unless the county says otherwise', () => {
    expect([...functions.keys()].sort()).toEqual(Object.keys(functionSpecs).sort());
    for (const [name, fn] of functions) {
      expect(fn.Properties.LoggingConfig, name).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' });
    }
  });

  it('traces the API functions actively, with the Powertools Tracer on', () => {
    const api = [...functions].filter(([name]) => apiFunctions.has(name));
    expect(api.map(([name]) => name)).toEqual(expect.arrayContaining(['applications', 'staff-cases', 'tickets']));
    for (const [name, fn] of api) {
      expect(fn.Properties.TracingConfig, name).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED, name).toBe('true');
    }
  });

  it('only passes traces through on the workers, with the Tracer off', () => {
    const workers = [...functions].filter(([name]) => !apiFunctions.has(name));
    expect(workers.map(([name]) => name)).toEqual(expect.arrayContaining(['outbox-relay', 'review-dispatch', 'certificates', 'deferred-watch']));
    for (const [name, fn] of workers) {
      expect(fn.Properties.TracingConfig, name).toEqual({ Mode: 'PassThrough' });
      expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED, name).toBe('false');
    }
  });

  it('keeps lines from the level a county configures', () => {
    // Prepare: one function alone, from an empty bundle
    const bundleDir = mkdtempSync(join(tmpdir(), 'onetrip-bundle-'));
    writeFileSync(join(bundleDir, 'index.mjs'), 'export const handler = async () => null;\n');
    const stack = new Stack(countyApp());

    // Act
    new BundledFunction(stack, 'Fn', { name: 'health', bundleDir, description: 'test', environment: {}, kind: 'api', logLevel: 'DEBUG' });

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'INFO' } });
  });
});
