/**
 * The county at the edge (infra/constructs/edge.ts, infra/firewall-stack.ts): one county's
 * synthesized stacks, with cdk-nag, show the CloudFront distribution with origin access
 * control, its behaviors, cache and header policies, the deployed files and the embed
 * snippet's SRI, the workbench's files and its `config.json` (the user pool's sign-in), and
 * the WAF rules; a small stack shows the distribution once the county's certificate is
 * configured.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { counties, DEFAULT_WAF_RATES, edgeProblems, findCounty, type CountyConfig } from '../../infra/config/counties.js';
import { Edge, IMMUTABLE, SHORT_LIVED, WORKBENCH_ROUTES } from '../../infra/constructs/edge.js';
import { buildEdgeAssets, WORKBENCH_CONFIG, type EdgeAssets } from '../../infra/edge-assets.js';
import { FirewallStack, webAclParameterName } from '../../infra/firewall-stack.js';
import { countyApp } from '../../infra/synth.js';
import { huarong, SYNTHESIS_MS } from './huarong.js';

type Resource = { Type: string; Properties?: any; DependsOn?: string[] };

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f6c2f6e-8a1b-4c3d-9e2f-1a2b3c4d5e6f';

let outdir: string;
let county: Stack;
let firewall: Stack;
let template: Template;
let resources: Record<string, Resource>;
let assets: EdgeAssets;

beforeAll(async () => {
  // Prepare: Huarong County's stacks, with cdk-nag's AwsSolutions checks applied.
  ({ outdir, county, firewall, template } = await huarong());
  resources = template.toJSON().Resources as Record<string, Resource>;
  assets = buildEdgeAssets(join(outdir, 'edge')); // the same files, built once per folder
}, SYNTHESIS_MS);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const distributionConfig = () => ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
const behavior = (pattern: string) => (distributionConfig().CacheBehaviors as any[]).find((b) => b.PathPattern === pattern);
const headersPolicy = (ref: { Ref: string }) => resources[ref.Ref]!.Properties.ResponseHeadersPolicyConfig;
const logicalIdOf = (type: string, prefix: string) => ofType(type).find(([id]) => id.startsWith(prefix))![0];

describe('the distribution', () => {
  it('reads the private edge bucket through origin access control, not an origin access identity', () => {
    // Assess
    const [distribution] = ofType('AWS::CloudFront::Distribution');
    expect(distribution).toBeDefined();
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const bucket = logicalIdOf('AWS::S3::Bucket', 'EdgeBucket');
    const s3Origin = (distributionConfig().Origins as any[]).find((o) => o.S3OriginConfig);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [bucket, 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    // Only this distribution may read the bucket, and nothing may write it but the deployment.
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucket)![1].Properties.PolicyDocument;
    const reads = (policy.Statement as any[]).filter((s) => s.Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(JSON.stringify(reads[0].Condition.StringEquals['AWS:SourceArn'])).toContain(logicalIdOf('AWS::CloudFront::Distribution', 'EdgeDistribution'));
    expect(resources[bucket]!.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicPolicy: true, RestrictPublicBuckets: true });
  });

  it('sends /v1/* to the HTTP API uncached, with every viewer header but Host', () => {
    const api = behavior('/v1/*');
    expect(api.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(api.OriginRequestPolicyId).toBe(cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'POST']));
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    const origin = (distributionConfig().Origins as any[]).find((o) => o.Id === api.TargetOriginId);
    expect(origin.DomainName).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [expect.stringMatching(/^HttpApi/), 'ApiEndpoint'] }] }] });
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('serves the widgets, the pages and the workbench from the bucket, cached as each file says, over HTTPS only', () => {
    const files = [distributionConfig().DefaultCacheBehavior, behavior('/widgets/*'), behavior('/workbench/*')];
    const s3Origin = (distributionConfig().Origins as any[]).find((o) => o.S3OriginConfig).Id;
    for (const b of files) {
      expect(b.TargetOriginId, b.PathPattern).toBe(s3Origin);
      expect(b.CachePolicyId, b.PathPattern).toBe(cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
      expect(b.AllowedMethods, b.PathPattern).toEqual(['GET', 'HEAD']);
      expect(b.ViewerProtocolPolicy, b.PathPattern).toBe('redirect-to-https');
    }
    expect((distributionConfig().CacheBehaviors as any[]).map((b) => b.PathPattern).sort()).toEqual(['/v1/*', '/widgets/*', '/workbench/*']);
  });

  it('answers the workbench routes with its single page, and its files as they are', () => {
    // Prepare: the CloudFront Function's code, run as CloudFront runs it.
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: WORKBENCH_ROUTES, FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }) });
    expect(behavior('/workbench/*').FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^EdgeWorkbenchRoutes/), 'FunctionARN'] } }]);
    const handler = new Function(`${WORKBENCH_ROUTES}; return handler;`)() as (event: { request: { uri: string } }) => { uri: string };
    const uriOf = (uri: string) => handler({ request: { uri } }).uri;

    // Assess
    expect(uriOf('/workbench/')).toBe('/workbench/index.html');
    expect(uriOf('/workbench/cases/430623-20261207-000001')).toBe('/workbench/index.html');
    expect(uriOf('/workbench/app-3F2A9C.js')).toBe('/workbench/app-3F2A9C.js');
    expect(uriOf('/workbench/index.html')).toBe('/workbench/index.html');
  });

  it('logs its requests and sits behind the web ACL the firewall stack names', () => {
    const config = distributionConfig();
    expect(config.Logging).toEqual({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^AccessLogs/), 'RegionalDomainName'] }, Prefix: 'edge/' });
    const reader = logicalIdOf('Custom::AWS', 'EdgeWebAclArn');
    expect(config.WebACLId).toEqual({ 'Fn::GetAtt': [reader, 'Parameter.Value'] });
    const call = JSON.parse(resources[reader]!.Properties.Create);
    expect(call).toMatchObject({ service: 'SSM', action: 'getParameter', region: 'us-east-1', parameters: { Name: webAclParameterName(findCounty('430623')) } });
    // The firewall stack writes that parameter, and deploys first.
    Template.fromStack(firewall).hasResourceProperties('AWS::SSM::Parameter', {
      Name: webAclParameterName(findCounty('430623')),
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EdgeWebAcl'), 'Arn'] },
    });
    expect(county.dependencies).toContain(firewall);
  });
});

describe('the response headers', () => {
  it('give the pages and the workbench a strict Content-Security-Policy', () => {
    // Prepare
    const pages = headersPolicy(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId);
    expect(behavior('/workbench/*').ResponseHeadersPolicyId).toEqual(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId);
    const csp = JSON.stringify(pages.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    const directive = (name: string) => new RegExp(`(^|; |")${name} ([^;"]*)`).exec(csp)?.[2];

    // Assess
    expect(directive('default-src')).toBe("'none'");
    expect(directive('script-src')).toBe("'self'");
    expect(directive('style-src')).toBe("'self'");
    expect(directive('frame-ancestors')).toBe("'none'");
    expect(directive('base-uri')).toBe("'none'");
    expect(directive('object-src')).toBe("'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(pages.SecurityHeadersConfig.ContentSecurityPolicy.Override).toBe(true);
    // connect-src: the API (same origin), the buckets presigned URLs point at, the staff sign-in
    expect(csp).toContain('MaterialsBucket');
    expect(csp).toContain('cognito-idp.');
  });

  it('let any agency page load the widgets as module scripts, which may render nothing themselves', () => {
    const widgets = headersPolicy(behavior('/widgets/*').ResponseHeadersPolicyId);
    expect(widgets.CorsConfig).toMatchObject({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
      AccessControlAllowCredentials: false,
    });
    expect(widgets.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(widgets.CustomHeadersConfig.Items).toContainEqual({ Header: 'Cross-Origin-Resource-Policy', Value: 'cross-origin', Override: true });
  });

  it('leave CORS on the API to the API, and send HSTS and nosniff everywhere', () => {
    const api = headersPolicy(behavior('/v1/*').ResponseHeadersPolicyId);
    expect(api.CorsConfig).toBeUndefined();
    for (const ref of [distributionConfig().DefaultCacheBehavior, behavior('/widgets/*'), behavior('/v1/*')].map((b) => b.ResponseHeadersPolicyId)) {
      const security = headersPolicy(ref).SecurityHeadersConfig;
      expect(security.StrictTransportSecurity.AccessControlMaxAgeSec, ref.Ref).toBeGreaterThanOrEqual(31_536_000);
      expect(security.StrictTransportSecurity.IncludeSubdomains, ref.Ref).toBe(true);
      expect(security.ContentTypeOptions, ref.Ref).toEqual({ Override: true });
    }
  });
});

describe('the deployed files', () => {
  it('are the content-hashed files, cached for a year, then the entry and the pages, cached a minute, nothing pruned', () => {
    // Prepare
    const deployments = ofType('Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const [hashedId, hashed] = deployments.find(([id]) => id.startsWith('EdgeHashedFiles'))!;
    const [, entry] = deployments.find(([id]) => id.startsWith('EdgeEntryFiles'))!;

    // Assess
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    expect(hashed.Properties.SystemMetadata).toEqual({ 'cache-control': IMMUTABLE });
    expect(entry.Properties.SystemMetadata).toEqual({ 'cache-control': SHORT_LIVED });
    expect(SHORT_LIVED).toMatch(/max-age=(60|[1-9]\d?)$/);
    for (const d of [hashed, entry]) expect(d.Properties.Prune).toBe(false);
    expect(entry.DependsOn).toContain(hashedId);
    expect(entry.Properties.DistributionPaths).toContain('/widgets/onetrip.js');
  });

  it('are built at synth: the entry imports the one content-hashed bundle, which the hashed files hold', () => {
    // Prepare
    const entry = readFileSync(join(assets.shortLivedDir, 'widgets', 'onetrip.js'), 'utf8');
    const hashedWidgets = readdirSync(join(assets.immutableDir, 'widgets'));

    // Assess
    const imported = /^import '\.\/(onetrip-[A-Z0-9]+\.js)';\n$/.exec(entry)?.[1];
    expect(imported, entry).toBeDefined();
    expect(hashedWidgets).toContain(imported);
    expect(hashedWidgets).not.toContain('onetrip.js');
    expect(readdirSync(join(assets.immutableDir, 'widgets', 'chunks')).every((f) => /-[A-Z0-9]{8}\.js(\.map)?$/.test(f))).toBe(true);
    expect(existsSync(join(assets.shortLivedDir, 'verify.html'))).toBe(true);
    expect(readFileSync(join(assets.shortLivedDir, 'verify.html'), 'utf8')).not.toMatch(/<script>|<style>| style=/);
  });
});

describe("the workbench's files", () => {
  /** A deployment's sources as synthesized: the asset folders in the cloud assembly, in order. */
  const sourcesOf = (prefix: string) => {
    const [, deployment] = ofType('Custom::CDKBucketDeployment').find(([id]) => id.startsWith(prefix))!;
    return (deployment.Properties.SourceObjectKeys as string[]).map((key) => join(outdir, `asset.${key.replace(/\.zip$/, '')}`));
  };
  const markersOf = (prefix: string) => ofType('Custom::CDKBucketDeployment').find(([id]) => id.startsWith(prefix))![1].Properties.SourceMarkers as Record<string, unknown>[];

  it('are deployed under workbench/, its content-named chunks for a year, its page and entry for a minute, apart from the widgets', () => {
    // Prepare
    const [hashed] = sourcesOf('EdgeHashedFiles');
    const [entry] = sourcesOf('EdgeEntryFiles');
    const chunks = readdirSync(join(hashed!, 'workbench', 'chunks'));

    // Assess
    expect(chunks.some((f) => /^queue\.element-[A-Z0-9]{8}\.js$/.test(f)), chunks.join()).toBe(true);
    expect(chunks.every((f) => /-[A-Z0-9]{8}\.js(\.map)?$/.test(f))).toBe(true);
    expect(readdirSync(join(entry!, 'workbench')).sort()).toEqual(['index.html', 'workbench.css', 'workbench.js', 'workbench.js.map']);
    // The entry imports the chunks the hashed deployment holds, by their relative name.
    const imported = [...readFileSync(join(entry!, 'workbench', 'workbench.js'), 'utf8').matchAll(/from"\.\/chunks\/([^"]+)"/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    for (const chunk of imported) expect(chunks).toContain(chunk);
    // Nothing of the workbench among the widgets' files, nor in the root.
    const views = new Set(chunks.filter((f) => f.endsWith('.element.js') || /\.element-/.test(f)).map((f) => f.replace(/-[A-Z0-9]{8}\.js(\.map)?$/, '')));
    expect(views.size).toBeGreaterThan(0);
    expect(readdirSync(join(hashed!, 'widgets', 'chunks')).filter((f) => views.has(f.replace(/-[A-Z0-9]{8}\.js(\.map)?$/, '')))).toEqual([]);
    expect(readdirSync(join(entry!, 'widgets'))).toEqual(['onetrip.js']);
    expect(behavior('/workbench/*')).toBeDefined();
    expect(resources[ofType('Custom::CDKBucketDeployment').find(([id]) => id.startsWith('EdgeEntryFiles'))![0]]!.Properties.DistributionPaths).toContain('/workbench/*');
  });

  it("sign in through the county's user pool: config.json, written at deployment, names the pool, its app client and its hosted UI", () => {
    // Prepare: the build's local `{}` is left out; the deployment's second source is config.json
    const [entry, config] = sourcesOf('EdgeEntryFiles');
    expect(existsSync(join(entry!, WORKBENCH_CONFIG))).toBe(false);
    const written = readFileSync(join(config!, WORKBENCH_CONFIG), 'utf8');
    const markers = markersOf('EdgeEntryFiles')[1]!;
    // The deployment puts each marker's value in place of the marker.
    const deployed = JSON.parse(Object.entries(markers).reduce((json, [marker, value]) => json.replaceAll(marker, `{${JSON.stringify(value).replaceAll('"', "'")}}`), written));
    const [pool] = ofType('AWS::Cognito::UserPool').map(([id]) => id);
    const [client] = ofType('AWS::Cognito::UserPoolClient').map(([id]) => id);
    const [domain] = ofType('AWS::Cognito::UserPoolDomain').map(([id]) => id);

    // Assess
    expect(deployed).toEqual({
      api: 'https://430623.onetrip.yueyang.gov.cn',
      oidc: {
        authority: `https://cognito-idp.ap-east-1.amazonaws.com/{{'Ref':'${pool}'}}`,
        clientId: `{{'Ref':'${client}'}}`,
        scope: 'openid email profile',
        logoutEndpoint: `https://{{'Ref':'${domain}'}}.auth.ap-east-1.amazoncognito.com/logout`,
      },
    });
    // The hosted UI's token endpoint is one the workbench may fetch.
    const csp = JSON.stringify(headersPolicy(behavior('/workbench/*').ResponseHeadersPolicyId).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain(domain);
    expect(csp).toContain('.auth.ap-east-1.amazoncognito.com');
  });
});

describe('the stack outputs', () => {
  it("give the embed snippet on the county's domain, with the SRI hash of the entry as built", () => {
    // Prepare: the hash, computed here from the file the deployment ships
    const entry = readFileSync(join(assets.shortLivedDir, 'widgets', 'onetrip.js'));
    const integrity = `sha384-${createHash('sha384').update(entry).digest('base64')}`;

    // Assess
    const outputs = template.toJSON().Outputs;
    expect(outputs.EmbedSnippet.Value).toBe(
      `<script type="module" src="https://430623.onetrip.yueyang.gov.cn/widgets/onetrip.js" integrity="${integrity}" crossorigin="anonymous"></script>`,
    );
    expect(outputs.EdgeUrl.Value).toBe('https://430623.onetrip.yueyang.gov.cn');
    expect(outputs.DistributionDomainName.Value).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EdgeDistribution/), 'DomainName'] });
  });
});

describe('the web ACL', () => {
  const webAcl = () => {
    const acls = Template.fromStack(firewall).findResources('AWS::WAFv2::WebACL');
    expect(Object.keys(acls)).toHaveLength(1);
    return Object.values(acls)[0]!.Properties;
  };
  const rule = (name: string) => (webAcl().Rules as any[]).find((r) => r.Name === name);

  it('is a CloudFront web ACL in us-east-1 that allows what no rule blocks', () => {
    expect(firewall.region).toBe('us-east-1');
    expect(webAcl()).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} }, Name: 'onetrip-430623' });
  });

  it("runs AWS's common and known-bad-inputs rule groups, counting only the body size rule", () => {
    const common = rule('AWSManagedRulesCommonRuleSet');
    expect(common.Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' });
    expect(common.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    expect(common.OverrideAction).toEqual({ None: {} });
    expect(rule('AWSManagedRulesKnownBadInputsRuleSet').Statement.ManagedRuleGroupStatement).toEqual({ VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' });
  });

  it('limits each IP on the public routes, staff routes aside, and answers 429', () => {
    const publicRule = rule('PublicPerIp');
    const rate = publicRule.Statement.RateBasedStatement;
    expect(rate).toMatchObject({ Limit: DEFAULT_WAF_RATES.publicPerIp, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    const [v1, notStaff] = rate.ScopeDownStatement.AndStatement.Statements;
    expect(v1.ByteMatchStatement).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/v1/' });
    expect(notStaff.NotStatement.Statement.ByteMatchStatement).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/v1/staff/' });
    expect(publicRule.Action.Block.CustomResponse.ResponseCode).toBe(429);
    const body = webAcl().CustomResponseBodies[publicRule.Action.Block.CustomResponse.CustomResponseBodyKey];
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toEqual({ message: expect.stringContaining('Too Many Requests') });
  });

  it('limits lookups by query code and the certificate library more strictly, before anything else', () => {
    const lookups = rule('LookupsPerIp');
    expect(lookups.Priority).toBe(0);
    const rate = lookups.Statement.RateBasedStatement;
    expect(rate).toMatchObject({ Limit: DEFAULT_WAF_RATES.lookupsPerIp, AggregateKeyType: 'IP' });
    expect(DEFAULT_WAF_RATES.lookupsPerIp).toBeLessThan(DEFAULT_WAF_RATES.publicPerIp);
    const [byQueryCode, library] = rate.ScopeDownStatement.OrStatement.Statements;
    const [method, v1, queryCode] = byQueryCode.AndStatement.Statements.map((s: any) => s.ByteMatchStatement);
    expect(method).toMatchObject({ FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: 'GET' });
    expect(v1).toMatchObject({ FieldToMatch: { UriPath: {} }, SearchString: '/v1/' });
    expect(queryCode).toMatchObject({ FieldToMatch: { QueryString: {} }, PositionalConstraint: 'CONTAINS', SearchString: 'querycode=', TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }] });
    expect(library.ByteMatchStatement).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/v1/certificates/library' });
  });

  it("takes the county's own rates from its configuration, the defaults otherwise", () => {
    // Prepare
    const configured: CountyConfig = { ...findCounty('430623'), waf: { lookupsPerIp: 50 } };
    const stack = new FirewallStack(countyApp(), 'Rates', { county: configured });

    // Act
    const rules = Object.values(Template.fromStack(stack).findResources('AWS::WAFv2::WebACL'))[0]!.Properties.Rules as any[];

    // Assess
    expect(rules.find((r) => r.Name === 'LookupsPerIp').Statement.RateBasedStatement.Limit).toBe(50);
    expect(rules.find((r) => r.Name === 'PublicPerIp').Statement.RateBasedStatement.Limit).toBe(DEFAULT_WAF_RATES.publicPerIp);
  });

  it('passes cdk-nag AwsSolutions with nothing unsuppressed', () => {
    const findings = [
      ...Annotations.fromStack(firewall).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(firewall).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 160)}`)).toEqual([]);
  });
});

describe("the county's domain", () => {
  it('is required before deploying: without its certificate the stack synthesizes, warns, and its deployment stops at a rule', () => {
    // Assess: no alias without a certificate, and the rule that fails the deployment says why
    expect(distributionConfig().Aliases).toBeUndefined();
    const rules = (template.toJSON().Rules ?? {}) as Record<string, { Assertions: { Assert: unknown; AssertDescription: string }[] }>;
    const ready = Object.entries(rules).find(([id]) => id.startsWith('EdgeReady'))?.[1];
    expect(ready?.Assertions[0]!.Assert).toEqual({ 'Fn::Equals': ['ready', 'not ready'] });
    expect(ready?.Assertions[0]!.AssertDescription).toContain('domain.certificateArn is not set');
    expect(ready?.Assertions[0]!.AssertDescription).toContain('430623.onetrip.yueyang.gov.cn');
    const warnings = Annotations.fromStack(county).findWarning('*', Match.stringLikeRegexp('cannot be deployed yet'));
    expect(warnings).toHaveLength(1);
  });

  it('is the alias of a distribution with its certificate and TLS 1.2 once configured, and nothing stops the deployment', () => {
    // Prepare: the edge alone, on a county whose certificate is set
    const stack = new Stack(countyApp(), 'Ready');
    const domain = { name: '430623.onetrip.yueyang.gov.cn', certificateArn: CERTIFICATE };
    const ready: CountyConfig = { ...findCounty('430623'), domain };
    expect(edgeProblems(ready)).toEqual([]);

    // Act
    new Edge(stack, 'Edge', {
      domain,
      problems: edgeProblems(ready),
      api: new apigw.HttpApi(stack, 'Api'),
      assets,
      accessLogs: new s3.Bucket(stack, 'Logs', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED }),
      webAclArnParameter: webAclParameterName(ready),
      connectSources: [],
      workbenchSignIn: { authority: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_Example', clientId: 'example' },
    });
    const edge = Template.fromStack(stack);

    // Assess
    edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['430623.onetrip.yueyang.gov.cn'],
        ViewerCertificate: { AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    expect(Object.keys(edge.toJSON().Rules ?? {}).filter((id) => id.startsWith('EdgeReady'))).toEqual([]);
  });

  it("is flagged by the configuration's validation until its certificate is set, and in us-east-1", () => {
    for (const c of counties) expect(edgeProblems(c), c.code).toEqual([expect.stringContaining('domain.certificateArn is not set')]);
    const withDomain = (certificateArn: string | undefined, name = '430623.onetrip.yueyang.gov.cn') => ({ ...findCounty('430623'), domain: { name, certificateArn } });
    expect(edgeProblems(withDomain(CERTIFICATE.replace('us-east-1', 'cn-north-1')))).toEqual([expect.stringContaining('not an ACM certificate in us-east-1')]);
    expect(edgeProblems(withDomain(CERTIFICATE, 'Huarong.example/'))).toEqual([expect.stringContaining('not a lower-case host name')]);
    expect(edgeProblems({ ...withDomain(CERTIFICATE), waf: { publicPerIp: 5 } })).toEqual([expect.stringContaining('waf.publicPerIp is 5')]);
  });

  it('is its own for every county, under the city\'s domain until a county has one', () => {
    const names = counties.map((c) => c.domain.name);
    expect(new Set(names).size).toBe(counties.length);
    for (const c of counties) expect(c.domain.name, c.code).toBe(`${c.code}.onetrip.yueyang.gov.cn`);
  });
});
