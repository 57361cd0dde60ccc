/**
 * The county at the edge: one CloudFront distribution on the county's stable domain that
 * serves the citizen widgets, the hosted pages (the certificate verification page) and the
 * staff workbench from a private bucket through origin access control, and the API under
 * `/v1/*`, behind the county's AWS WAF web ACL. Issue 12, "Hosting at the edge"; how to run
 * it is in docs/deploy.md, "Edge hosting and the custom domain".
 *
 * Content-hashed files are cached for a year and never change; the entry pages embed
 * (`widgets/onetrip.js`) and the pages are cached for a minute and point at the hashed
 * files, so a release reaches every page within a minute and no page ever mixes two.
 */
import { BOOTSTRAP_QUALIFIER_CONTEXT, CfnOutput, CfnRule, DefaultStackSynthesizer, Duration, FeatureFlags, Fn, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as cr from 'aws-cdk-lib/custom-resources';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import type { WorkbenchConfig, WorkbenchSignIn } from '../../contracts/workbench-config.js';
import { edgeUrl, type DomainConfig } from '../config/counties.js';
import { WIDGETS_ENTRY, WORKBENCH_CONFIG, WORKBENCH_DIR, type EdgeAssets } from '../edge-assets.js';
import { EDGE_REGION } from './web-acl.js';

export interface EdgeProps {
  domain: DomainConfig;
  /** What keeps the edge from being deployed (`edgeProblems` of the county's configuration); none when it is ready. */
  problems: string[];
  /** The API served under `/v1/*`. */
  api: apigw.IHttpApi;
  assets: EdgeAssets;
  /** Where the distribution and its bucket log their requests. */
  accessLogs: s3.IBucket;
  /** The SSM parameter, in us-east-1, holding the ARN of the county's web ACL (infra/firewall-stack.ts). */
  webAclArnParameter: string;
  /**
   * Origins the workbench and the hosted pages may reach besides their own (the buckets that
   * presigned URLs point at, the staff directory's sign-in endpoint).
   */
  connectSources: string[];
  /**
   * The workbench's `config.json` (its sign-in through the county's user pool), written at
   * deployment with the stack's values; `api` is the edge's own URL.
   */
  workbenchSignIn: WorkbenchSignIn;
}

/** Cache-Control of the content-hashed files. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of the entry and the pages: a release shows within a minute. */
export const SHORT_LIVED = 'public, max-age=60';

/**
 * The Content-Security-Policy of the workbench and the hosted pages: their own scripts and
 * styles only (no inline ones, no eval), no framing, no plugins, and requests only to the
 * API (same origin) and `connectSources`.
 */
export const pagesContentSecurityPolicy = (connectSources: string[]): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(' ')}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');

/**
 * The widget files and the API's answers are never documents: opened as one, they may do
 * nothing. (The widgets run inside agency pages, under those pages' own policies.)
 */
export const NOTHING_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A workbench path without a file extension is one of its own routes: the single page answers it. */
export const WORKBENCH_ROUTES = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = '/workbench/index.html';
  return request;
}`;

const securityHeaders = (contentSecurityPolicy: string): cloudfront.ResponseSecurityHeadersBehavior => ({
  contentSecurityPolicy: { contentSecurityPolicy, override: true },
  strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
  // Verification codes and query codes travel in addresses: no page passes its address on.
  referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
});

/**
 * The CDK asset bucket's objects as cdk-nag words them: the bootstrap bucket's name has the
 * account, region and partition in it, literal when the stack's environment is (the
 * county's region always is, its account once set) and placeholders when not; the partition
 * is literal only under the enablePartitionLiterals flag.
 */
function assetBucketObjects(stack: Stack): string {
  const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
  // CDK writes the partition literally only under the enablePartitionLiterals flag (cdk.json sets it; tests' apps do not).
  const literal = !Token.isUnresolved(stack.region) && FeatureFlags.of(stack).isEnabled(cxapi.ENABLE_PARTITION_LITERALS);
  const partition = literal ? (RegionInfo.get(stack.region).partition ?? 'aws') : '<AWS::Partition>';
  const qualifier = (stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return `arn:${partition}:s3:::cdk-${qualifier}-assets-${known(stack.account, '<AWS::AccountId>')}-${known(stack.region, '<AWS::Region>')}/*`;
}

export class Edge extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<domain>`: where the county's certificates send people, and the widgets' `api-base`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.url = edgeUrl(props.domain);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Public files: S3-managed keys keep origin access control simple (a KMS key would need CloudFront in its policy).
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'edge-bucket/',
    });

    // The web ACL is in us-east-1 and this stack anywhere: CloudFormation references stop at a
    // region, so its ARN is read from the parameter the firewall stack writes there.
    const webAclArn = new cr.AwsCustomResource(this, 'WebAclArn', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: props.webAclArnParameter },
        region: EDGE_REGION,
        physicalResourceId: cr.PhysicalResourceId.of(props.webAclArnParameter),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: [stack.formatArn({ service: 'ssm', region: EDGE_REGION, resource: 'parameter', resourceName: props.webAclArnParameter.replace(/^\//, '') })],
      }),
      installLatestAwsSdk: false,
    }).getResponseField('Parameter.Value');

    const bucketOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const apiOrigin = new origins.HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    const pagesHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PagesHeaders', {
      comment: 'OneTrip workbench and hosted pages: strict CSP, HSTS',
      securityHeadersBehavior: securityHeaders(pagesContentSecurityPolicy(props.connectSources)),
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
    const widgetsHeaders = new cloudfront.ResponseHeadersPolicy(this, 'WidgetsHeaders', {
      comment: 'OneTrip widgets: loadable as module scripts from any agency page',
      securityHeadersBehavior: securityHeaders(NOTHING_CONTENT_SECURITY_POLICY),
      // Module scripts are fetched with CORS. The files are public and sent without credentials.
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowHeaders: ['*'],
        accessControlAllowCredentials: false,
        originOverride: true,
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Cross-Origin-Resource-Policy', value: 'cross-origin', override: true }] },
    });
    const apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'OneTrip API: HSTS and no rendering; CORS stays the API\'s own',
      securityHeadersBehavior: securityHeaders(NOTHING_CONTENT_SECURITY_POLICY),
    });

    const ready = props.problems.length === 0;
    const files = {
      origin: bucketOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      // Honours each object's Cache-Control (set below), up to a year.
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      compress: true,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `OneTrip ${props.domain.name}`,
      domainNames: ready ? [props.domain.name] : undefined,
      certificate: ready ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn!) : undefined,
      minimumProtocolVersion: ready ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId: webAclArn,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'edge/',
      defaultBehavior: { ...files, responseHeadersPolicy: pagesHeaders },
      additionalBehaviors: {
        '/v1/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
        },
        '/widgets/*': { ...files, responseHeadersPolicy: widgetsHeaders },
        '/workbench/*': {
          ...files,
          responseHeadersPolicy: pagesHeaders,
          functionAssociations: [
            {
              eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
              function: new cloudfront.Function(this, 'WorkbenchRoutes', {
                comment: 'OneTrip workbench: its routes answer with its single page',
                code: cloudfront.FunctionCode.fromInline(WORKBENCH_ROUTES),
                runtime: cloudfront.FunctionRuntime.JS_2_0,
              }),
            },
          ],
        },
      },
    });

    // The hashed files first, so the entry that names them never arrives before them; nothing
    // is pruned, so a page still holding last release's entry (for its minute) finds its files.
    const hashed = new s3deploy.BucketDeployment(this, 'HashedFiles', {
      sources: [s3deploy.Source.asset(props.assets.immutableDir)],
      destinationBucket: this.bucket,
      cacheControl: [s3deploy.CacheControl.fromString(IMMUTABLE)],
      prune: false,
    });
    const workbenchConfig: WorkbenchConfig = { api: this.url, oidc: props.workbenchSignIn };
    const entry = new s3deploy.BucketDeployment(this, 'EntryFiles', {
      // The stack's values (the user pool's and app client's ids) are filled in at deployment.
      sources: [s3deploy.Source.asset(props.assets.shortLivedDir), s3deploy.Source.jsonData(WORKBENCH_CONFIG, workbenchConfig)],
      destinationBucket: this.bucket,
      cacheControl: [s3deploy.CacheControl.fromString(SHORT_LIVED)],
      prune: false,
      distribution: this.distribution,
      distributionPaths: [`/${WIDGETS_ENTRY}`, '/verify.html', '/pages/*', `/${WORKBENCH_DIR}/*`],
      waitForDistributionInvalidation: false,
    });
    entry.node.addDependency(hashed);
    this.acknowledgeFindings(ready);

    if (!ready) {
      const message = `The edge of ${stack.stackName} cannot be deployed yet: ${props.problems.join('; ')}`;
      Validations.of(this).addWarning('onetrip:edge-not-ready', message);
      // Synthesis works; the deployment stops before it changes anything.
      new CfnRule(this, 'Ready', { assertions: [{ assert: Fn.conditionEquals('ready', 'not ready'), assertDescription: message }] });
    }

    new CfnOutput(stack, 'EdgeUrl', { value: this.url, description: 'The county\'s stable address: widgets, verification page, workbench and API (/v1/*)' });
    new CfnOutput(stack, 'DistributionDomainName', { value: this.distribution.distributionDomainName, description: `Point ${props.domain.name} here (a CNAME, or an alias record)` });
    new CfnOutput(stack, 'EmbedSnippet', {
      value: `<script type="module" src="${this.url}/${WIDGETS_ENTRY}" integrity="${props.assets.entryIntegrity}" crossorigin="anonymous"></script>`,
      description: 'The script element agency pages embed (docs/deploy.md): its integrity pins this release\'s entry',
    });
  }

  /**
   * cdk-nag findings on what this construct adds, each with its reason. The deployment
   * handlers (BucketDeployment's, AwsCustomResource's) are CDK's own singletons at the stack's
   * root, so they are found there.
   */
  private acknowledgeFindings(ready: boolean): void {
    const stack = Stack.of(this);
    const distribution = this.distribution.node.defaultChild!;
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: people abroad (students, emigrants, banks and embassies checking a certificate) must reach the verification page and the widgets; AWS WAF throttles per client instead.',
    });
    if (!ready) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'Without its certificate the distribution has only the default one, whose TLS policy CloudFront fixes; the Ready rule stops such a stack from deploying, and with the certificate the policy is TLSv1.2_2021.',
      });
    }
    const singletons = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment') || c.node.id === 'AWS679f53fac002430cb0da5b7982bd2287');
    for (const singleton of singletons) {
      Validations.of(singleton).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'A CDK deployment handler: AWSLambdaBasicExecutionRole lets it write its own logs, nothing else.',
      });
    }
    for (const deployment of singletons.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      const copies = 'BucketDeployment copies the synthesized asset (any key of the CDK asset bucket) to the edge bucket, whose keys are the built files\' names.';
      for (const finding of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*', `Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`, `Resource::${assetBucketObjects(stack)}`]) {
        Validations.of(deployment).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: copies });
      }
      Validations.of(deployment).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'BucketDeployment invalidates the entry in the distribution after a release; CDK grants CloudFront\'s invalidation actions on every distribution.',
      });
      Validations.of(deployment).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'BucketDeployment\'s handler is CDK\'s own Python function, its runtime pinned by the CDK release; it runs only while a stack deploys.',
      });
    }
  }
}
