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
import { CountyConfigError } from '../../infra/config/validate.js';
import { functionSpecs } from '../../infra/functions.js';
import { joinedJson } from './huarong.js';
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
  // Real providers: their keys in secrets the administrator created (docs/deploy.md, "Provider secrets").
  payments: {
    providers: [
      { provider: 'alipay', url: 'https://openapi.alipay.com/gateway.do', appId: '2021000000000001', secretName: 'onetrip/430600-xgx/alipay' },
      { provider: 'wechatpay', url: 'https://api.mch.weixin.qq.com', mchId: '1900000001', appId: 'wx0000000000000001', secretName: 'onetrip/430600-xgx/wechatpay' },
    ],
  },
  courier: { provider: 'sf', url: 'https://sfapi.sf-express.com/std/service', partnerId: 'XGXZWFW', secretName: 'onetrip/430600-xgx/sf' },
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
  // The first template read synthesizes the whole app: here, not within a test's time.
  resources(counties[0]!);
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

describe('a county with real providers', () => {
  it('imports each provider secret by name, creates none of its own, and grants each only to the functions that need it', () => {
    // Assess: no stack-created payment or courier secret (the signing and SMS ones stay).
    const created = ofType(ADDED, 'AWS::SecretsManager::Secret').map(([id]) => id);
    expect(created.filter((id) => id.startsWith('PaymentProvider') || id.startsWith('CourierProvider'))).toEqual([]);
    const functions = ofType(ADDED, 'AWS::Lambda::Function').filter(([, fn]) => fn.Properties?.Description && Object.values(functionSpecs).some((spec) => spec.description === fn.Properties.Description));
    expect(functions.length).toBeGreaterThan(10);
    for (const [id, fn] of functions) {
      const spec = Object.values(functionSpecs).find((candidate) => candidate.description === fn.Properties.Description)!;
      const variables = fn.Properties.Environment.Variables;
      const policies = JSON.stringify(ofType(ADDED, 'AWS::IAM::Policy').filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === fn.Properties.Role['Fn::GetAtt'][0])));
      const partialArn = (name: string) => `arn:aws:secretsmanager:ap-southeast-1:210987654321:secret:${name}`;
      if (spec.needs.includes('payment-secret')) {
        expect(joinedJson(variables.PAYMENT_PROVIDERS), id).toEqual(
          ADDED.payments.providers.map((entry) => { const { secretName, ...rest } = entry as typeof entry & { secretName: string }; return { ...rest, secretArn: partialArn(secretName) }; }),
        );
        for (const name of ['alipay', 'wechatpay']) expect(policies, id).toContain(`secret:onetrip/430600-xgx/${name}-??????`);
      } else {
        expect(variables.PAYMENT_PROVIDERS, id).toBeUndefined();
        expect(policies, id).not.toContain('onetrip/430600-xgx/alipay');
      }
      if (spec.needs.includes('courier-secret')) {
        expect(joinedJson(variables.COURIER_PROVIDER_CONFIG), id).toEqual({ provider: 'sf', url: 'https://sfapi.sf-express.com/std/service', partnerId: 'XGXZWFW', secretArn: partialArn('onetrip/430600-xgx/sf') });
        expect(policies, id).toContain('secret:onetrip/430600-xgx/sf-??????');
      } else {
        expect(variables.COURIER_PROVIDER_CONFIG, id).toBeUndefined();
        expect(policies, id).not.toContain('onetrip/430600-xgx/sf');
      }
    }
  });

  it('fails synthesis when a real provider names no secret, saying which county, which provider and what the secret holds', async () => {
    // Prepare
    const { secretName: _alipaySecret, ...alipay } = ADDED.payments.providers[0] as { secretName: string };
    const broken = { ...ADDED, payments: { providers: [alipay] }, courier: { provider: 'sf', url: 'https://sfapi.sf-express.com/std/service', partnerId: 'XGXZWFW' } } as unknown as CountyConfig;

    // Act
    const synthesis = addCountyStacks(countyApp({ outdir: mkdtempSync(join(tmpdir(), 'onetrip-broken-')) }), [broken], { nag: false, edge: false });

    // Assess
    await expect(synthesis).rejects.toBeInstanceOf(CountyConfigError);
    const message = String(((await synthesis.catch((error: unknown) => error)) as Error).message);
    expect(message).toContain('- 430600-xgx (Yueyang New Port Area):');
    expect(message).toContain('payments.providers[0] (alipay): secretName is missing: name the Secrets Manager secret that holds its keys, a JSON object with appPrivateKey, alipayPublicKey (docs/providers/alipay.md)');
    expect(message).toContain('courier (sf): secretName is missing: name the Secrets Manager secret that holds its keys, a JSON object with checkWord (docs/providers/sf.md)');
  });
});
