/**
 * Huarong County's stacks (430623), with cdk-nag's AwsSolutions checks and the edge,
 * synthesized once for every file of test/infra/huarong.test.ts: the county stack, the edge
 * and the staff directory read the same template, so one synthesis (the slowest part of an
 * infra test) serves them all.
 */
import { type App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCounty } from '../../infra/config/counties.js';
import { addCountyStacks, countyApp } from '../../infra/synth.js';

export interface Huarong {
  /** The cloud assembly's folder (the deployments' asset folders are in it). */
  outdir: string;
  app: App;
  county: Stack;
  firewall: Stack;
  template: Template;
}

let synthesized: Promise<Huarong> | undefined;

export function huarong(): Promise<Huarong> {
  synthesized ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'onetrip-huarong-'));
    const app = countyApp({ outdir });
    const [county] = (await addCountyStacks(app, [findCounty('430623')], { bundlesDir: join(outdir, 'bundles') })) as [Stack];
    return { outdir, app, county, firewall: app.node.findChild('OneTrip-430623-Firewall') as Stack, template: Template.fromStack(county) };
  })();
  return synthesized;
}

/** How long a file's setup may wait for the synthesis: minutes on a loaded two-core machine. */
export const SYNTHESIS_MS = 600_000;

/**
 * A JSON environment variable as CloudFormation carries it (a string, or an `Fn::Join` of
 * strings and references), parsed, each `{ Ref: id }` read as `<id>` (a pseudo parameter
 * too: `<AWS::Region>`) and any other reference (`Fn::GetAtt`) as `<?>`.
 */
export function joinedJson(value: unknown): unknown {
  const text = (part: unknown): string => {
    if (typeof part === 'string') return part;
    const ref = (part as { Ref?: unknown }).Ref;
    if (typeof ref === 'string') return `<${ref}>`;
    const join = (part as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(text).join(join[0]);
    return '<?>';
  };
  return value === undefined ? undefined : JSON.parse(text(value));
}
