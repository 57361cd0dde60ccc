/**
 * Builds the function bundles and synthesizes county stacks. Used by the CDK app
 * (`cdk synth`), by the local runtime and by the tests, so all see the same template.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildBundles } from './bundles.js';
import { ACCOUNT_NOT_SET, counties, findCounty, PROTOCOL_PROVIDERS, stackName, type CountyConfig, type ProvidersMode } from './config/counties.js';
import { validateCounties } from './config/validate.js';
import { CountyStack } from './county-stack.js';
import { buildEdgeAssets } from './edge-assets.js';
import { FirewallStack } from './firewall-stack.js';

export type CfnTemplate = {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> } & Record<string, unknown>>;
  Outputs?: Record<string, { Value: unknown }>;
  Parameters?: Record<string, unknown>;
};

/** cdk.json's context: the feature flags every deployed template is synthesized with. */
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

/**
 * An app as `cdk synth` makes it, with cdk.json's feature flags, so that the local runtime
 * and the tests see the template that deploys (`cdk synth` reads cdk.json itself).
 */
export const countyApp = (props: AppProps = {}): App => new App({ ...props, context: { ...CDK_JSON_CONTEXT, ...props.context } });

export interface SynthesizedCounty {
  stackName: string;
  template: CfnTemplate;
  /** The cloud assembly folder: function assets sit in `asset.<hash>/` below it. */
  assemblyDir: string;
}

export interface AddCountyStacksOptions {
  /** @default build/functions */
  bundlesDir?: string;
  /** @default true */
  nag?: boolean;
  /**
   * Each county's edge: its distribution in the county stack, and its web ACL in a firewall
   * stack in us-east-1 (`OneTrip-<code>-Firewall`) that the county stack depends on.
   * @default true
   */
  edge?: boolean;
}

/**
 * Adds one stack per county to the app (and, with the edge, its firewall stack); cdk-nag's
 * AwsSolutions pack checks all of them. Resolves to the county stacks.
 */
export async function addCountyStacks(app: App, selected: readonly CountyConfig[], options: AddCountyStacksOptions = {}): Promise<CountyStack[]> {
  // Before anything is built: a configuration error stops here, listed in words.
  validateCounties(selected);
  const bundles = await buildBundles({ outdir: options.bundlesDir });
  // Beside the bundles, so that tests building into their own folders never race.
  const edgeAssets = (options.edge ?? true) ? buildEdgeAssets(options.bundlesDir && join(dirname(options.bundlesDir), 'edge')) : undefined;
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
  }
  return selected.map((county) => {
    // The county's own, never CDK_DEFAULT_*. While its account is the placeholder the stacks
    // are account-agnostic (they synthesize; a rule stops their deployment, constructs/deploy-gate.ts).
    const env = { region: county.region, account: county.account === ACCOUNT_NOT_SET ? undefined : county.account };
    const stack = new CountyStack(app, stackName(county), {
      county,
      bundles,
      edgeAssets,
      description: `OneTrip for ${county.name.en} (${county.code})`,
      env,
    });
    if (edgeAssets) {
      const firewall = new FirewallStack(app, `${stackName(county)}-Firewall`, {
        county,
        description: `OneTrip for ${county.name.en} (${county.code}): the web ACL of its CloudFront distribution`,
        env,
      });
      stack.addStackDependency(firewall, 'CloudFront takes its web ACL from us-east-1');
    }
    return stack;
  });
}

/**
 * One county's template for the local runtime. cdk-nag is a deploy-time compliance check
 * (`cdk synth`, the CDK tests); it does not change the template, so it is skipped here. So
 * is the edge: the local runtime serves the widgets itself and runs no CloudFront, and
 * building the edge's files would cost every synthesis seconds. `providers: 'protocol'`
 * synthesizes the county with PROTOCOL_PROVIDERS in place of its own (the protocol simulators').
 */
export async function synthCounty(countyCode: string, options: { outdir?: string; providers?: ProvidersMode } = {}): Promise<SynthesizedCounty> {
  const county = options.providers === 'protocol' ? { ...findCounty(countyCode), ...PROTOCOL_PROVIDERS } : findCounty(countyCode);
  const outdir = options.outdir ?? mkdtempSync(join(tmpdir(), 'onetrip-cdk-'));
  const app = countyApp({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const [stack] = await addCountyStacks(app, [county], { bundlesDir: join(outdir, 'bundles'), nag: false, edge: false });
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack!.stackName);
  const template = JSON.parse(readFileSync(join(assembly.directory, artifact.templateFile), 'utf8')) as CfnTemplate;
  return { stackName: stack!.stackName, template, assemblyDir: assembly.directory };
}

export { counties };
