/**
 * The county configuration as the synthesized stacks carry it (issue 12): each county's
 * allowed origins and nothing else in the API's and the materials bucket's CORS and in
 * ALLOWED_ORIGINS (hole 4); its own region, not CDK_DEFAULT_REGION's or us-east-1, in the key
 * policy and the staff JWT issuer; Cognito sending through SES with a workbench-only OAuth
 * client; a deployment refused while the account is the placeholder; and a county added
 * only through configuration synthesizing with its firewall and cdk-nag clean.
 */
import { App, type Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedOriginsOf, counties, stackName, type CountyConfig } from '../../infra/config/counties.js';
import { FirewallStack } from '../../infra/firewall-stack.js';
import { addCountyStacks, countyApp } from '../../infra/synth.js';
import { CATALOG_VERSION } from '../support/fixtures.js';

type Resources = Record<string, { Type: string; Properties?: any }>;

/**
 * A county that is not in infra/config/counties.ts: everything an administrator writes to
 * add one, with its own account, region, sites and certificate.
 */
const ADDED: CountyConfig = {
  code: '430600-xgx',
  name: { zh: '岳阳新港区', en: 'Yueyang New Port Area' },
  level: 'county',
  regionCode: '430600',
  catalogVersion: CATALOG_VERSION,
  managementArea: true,
  payments: { provider: 'sandbox', url: 'https://payments.sandbox.invalid/sandbox/payments' },
  courier: { provider: 'sandbox', url: 'https://courier.sandbox.invalid/sandbox/courier' },
  sms: { provider: 'sandbox', url: 'https://sms.sandbox.invalid/sandbox/sms' },
  publicUrl: 'https://xgx.yueyang.gov.cn/zwfw',
  domain: { name: 'xgx.onetrip.yueyang.gov.cn', certificateArn: 'arn:aws:acm:us-east-1:210987654321:certificate/0f6c2f6e-8a1b-4c3d-9e2f-1a2b3c4d5e6f' },
  allowedOrigins: ['https://xgx.yueyang.gov.cn', 'https://www.xgx.gov.cn:8443'],
  account: '210987654321',
  region: 'ap-southeast-1',
  email: { from: 'noreply@xgx.onetrip.yueyang.gov.cn', sesRegion: 'ap-southeast-1' },
};

const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
let stacks: Map<string, Stack>;
let addedApp: App;
const resourcesOf = new Map<string, Resources>();

beforeAll(async () => {
  // Prepare: no CDK_DEFAULT_* (as on a machine without AWS credentials); every configured
  // county in one app, and the added county alone, with its edge and cdk-nag, in another.
  delete process.env.CDK_DEFAULT_ACCOUNT;
  delete process.env.CDK_DEFAULT_REGION;
  const outdir = mkdtempSync(join(tmpdir(), 'onetrip-config-'));
  const configured = await addCountyStacks(countyApp({ outdir: join(outdir, 'all') }), counties, { bundlesDir: join(outdir, 'bundles'), nag: false, edge: false });
  addedApp = countyApp({ outdir: join(outdir, 'added') });
  const added = await addCountyStacks(addedApp, [ADDED], { bundlesDir: join(outdir, 'bundles') });
  stacks = new Map([...configured, ...added].map((stack) => [stack.stackName, stack]));
}, 600_000);
afterAll(() => {
  if (saved.account !== undefined) process.env.CDK_DEFAULT_ACCOUNT = saved.account;
  if (saved.region !== undefined) process.env.CDK_DEFAULT_REGION = saved.region;
});

function resources(county: CountyConfig): Resources {
  const name = stackName(county);
  if (!resourcesOf.has(name)) resourcesOf.set(name, Template.fromStack(stacks.get(name)!).toJSON().Resources as Resources);
  return resourcesOf.get(name)!;
}
const ofType = (county: CountyConfig, type: string) => Object.entries(resources(county)).filter(([, r]) => r.Type === type);
const rulesOf = (stack: Stack) => (Template.fromStack(stack).toJSON().Rules ?? {}) as Record<string, { Assertions: { AssertDescription: string }[] }>;

describe('the CDK app', () => {
  it('has one stack per county: the city and its 13 county-level units; a county with its edge has its firewall stack beside it', () => {
    const configured = [...stacks.keys()].filter((name) => name !== stackName(ADDED));
    expect(configured).toHaveLength(14);
    expect(configured).toContain('OneTrip-430623');
    expect(configured).toEqual(counties.map(stackName));
    // (test/infra/edge.cases.ts reads the firewall stack)
    expect(addedApp.node.children.map((c) => c.node.id).sort()).toEqual([stackName(ADDED), `${stackName(ADDED)}-Firewall`]);
  });
});

describe('allowed origins (hole 4)', () => {
  it.each([...counties, ADDED].map((county) => [county.code, county] as const))('%s: exactly its origins in API CORS, materials CORS and ALLOWED_ORIGINS, never *', (_, county) => {
    // Prepare
    const origins = allowedOriginsOf(county);
    expect(origins.length).toBeGreaterThan(0);

    // Act
    const [[, api]] = ofType(county, 'AWS::ApiGatewayV2::Api') as [[string, any]];
    const corsRules = ofType(county, 'AWS::S3::Bucket').flatMap(([, b]) => (b.Properties?.CorsConfiguration?.CorsRules ?? []) as any[]);
    const variables = ofType(county, 'AWS::Lambda::Function').flatMap(([, f]) => f.Properties.Environment?.Variables?.ALLOWED_ORIGINS ?? []);

    // Assess
    expect(origins).not.toContain('*');
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual(origins);
    expect(corsRules).toHaveLength(1); // the materials bucket's presigned uploads
    expect(corsRules[0].AllowedOrigins).toEqual(origins);
    expect(variables.length).toBeGreaterThan(0);
    for (const value of variables) expect(value).toBe(origins.join(' '));
  });

  it("defaults to the county's portal origin and its edge origin", () => {
    const huarong = counties.find((county) => county.code === '430623')!;
    expect(allowedOriginsOf(huarong)).toEqual(['https://zwfw.yueyang.gov.cn', 'https://430623.onetrip.yueyang.gov.cn']);
    expect(allowedOriginsOf(ADDED)).toEqual(ADDED.allowedOrigins);
  });
});

describe("the county's region", () => {
  it('is named in the key policy and the staff JWT issuer, with no CDK_DEFAULT_* set', () => {
    for (const county of [counties.find((c) => c.code === '430623')!, ADDED]) {
      // Act
      const [[, key]] = ofType(county, 'AWS::KMS::Key') as [[string, any]];
      const [[, authorizer]] = ofType(county, 'AWS::ApiGatewayV2::Authorizer') as [[string, any]];

      // Assess
      expect(JSON.stringify(key.Properties.KeyPolicy), county.code).toContain(`secretsmanager.${county.region}.amazonaws.com`);
      expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer), county.code).toContain(`https://cognito-idp.${county.region}.amazonaws.com/`);
      expect(JSON.stringify(key.Properties.KeyPolicy).includes('us-east-1'), county.code).toBe(false);
      expect(stacks.get(stackName(county))!.region).toBe(county.region);
    }
  });

  it("keeps the firewall stack in us-east-1, in the county's account", () => {
    const firewall = addedApp.node.findChild(`${stackName(ADDED)}-Firewall`) as Stack;
    expect(firewall.region).toBe('us-east-1');
    expect(firewall.account).toBe(ADDED.account);
    expect(stacks.get(stackName(ADDED))!.account).toBe(ADDED.account);
  });
});

describe('the staff directory', () => {
  it("sends email through SES from the county's sender, in its SES region", () => {
    for (const county of [counties.find((c) => c.code === '430623')!, ADDED]) {
      const [[, pool]] = ofType(county, 'AWS::Cognito::UserPool') as [[string, any]];
      const { EmailConfiguration } = pool.Properties;
      expect(EmailConfiguration.EmailSendingAccount, county.code).toBe('DEVELOPER');
      expect(EmailConfiguration.From, county.code).toBe(`OneTrip <${county.email.from}>`);
      expect(JSON.stringify(EmailConfiguration.SourceArn), county.code).toContain(`:ses:${county.email.sesRegion ?? county.region}:`);
      expect(JSON.stringify(EmailConfiguration.SourceArn), county.code).toContain(`:identity/${county.email.from}`);
    }
  });

  it('signs in only by the authorization-code grant, with openid/email/profile, back to the workbench and nowhere else', () => {
    for (const county of [counties.find((c) => c.code === '430623')!, ADDED]) {
      const [[, client]] = ofType(county, 'AWS::Cognito::UserPoolClient') as [[string, any]];
      const workbench = `https://${county.domain.name}/workbench/`;
      expect(client.Properties, county.code).toMatchObject({
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [workbench],
        LogoutURLs: [workbench],
      });
      expect(JSON.stringify(client.Properties)).not.toContain('example.com');
    }
  });
});

describe('a deployment before the account is set', () => {
  it('synthesizes, but both stacks carry a rule that refuses it, naming the account', () => {
    // Prepare: the configured counties have the placeholder account
    const huarong = stacks.get('OneTrip-430623')!;

    // Act
    const rules = Object.entries(rulesOf(huarong)).filter(([id]) => id.startsWith('AccountSet'));
    const firewall = new FirewallStack(countyApp(), 'Firewall', { county: counties.find((c) => c.code === '430623')! });
    const firewallRules = Object.entries(rulesOf(firewall)).filter(([id]) => id.startsWith('AccountSet'));

    // Assess
    expect(rules).toHaveLength(1);
    expect(Object.keys(rulesOf(stacks.get('OneTrip-430600')!)).filter((id) => id.startsWith('AccountSet'))).toHaveLength(1);
    expect(rules[0]![1].Assertions[0]!.AssertDescription).toContain('account is not set');
    expect(firewallRules).toHaveLength(1);
    expect(firewallRules[0]![1].Assertions[0]!.AssertDescription).toContain('account is not set');
    expect(huarong.account).toMatch(/^\$\{Token/); // account-agnostic, never the placeholder
    expect(Annotations.fromStack(huarong).findWarning('*', Match.stringLikeRegexp('account is not set'))).toHaveLength(1);
  });
});

describe('a county added only through configuration', () => {
  it('synthesizes with its firewall stack, passes cdk-nag and has nothing that stops its deployment', () => {
    // Act
    const county = stacks.get(stackName(ADDED))!;
    const firewall = addedApp.node.findChild(`${stackName(ADDED)}-Firewall`) as Stack;
    const assembly = addedApp.synth();

    // Assess
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([stackName(ADDED), `${stackName(ADDED)}-Firewall`]);
    // CDK's own CheckBootstrapVersion aside
    expect(Object.keys(rulesOf(county))).toEqual(['CheckBootstrapVersion']);
    expect(Object.keys(rulesOf(firewall))).toEqual(['CheckBootstrapVersion']);
    const nag = [county, firewall].flatMap((stack) => [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ]);
    expect(nag.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 160)}`)).toEqual([]);
    expect(ofType(ADDED, 'AWS::CloudFront::Distribution')).toHaveLength(1);
    expect(ofType(ADDED, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig.Aliases).toEqual([ADDED.domain.name]);
  });
});
