/**
 * The county's AWS WAF web ACL, in front of its CloudFront distribution (issue 12, hole 7:
 * the API's stage throttling is shared by every client, so one client could use it all).
 *
 * A web ACL for CloudFront has the CLOUDFRONT scope and exists only in us-east-1, so this
 * construct lives in the county's small firewall stack there (infra/firewall-stack.ts), not
 * in the county stack. HTTP APIs cannot take a REGIONAL web ACL at all, which is why the
 * firewall sits at the edge (docs/deploy.md, "Edge hosting and the custom domain").
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { WafRates } from '../config/counties.js';

export interface WebAclProps {
  /** Names the web ACL and its metrics: `onetrip-<code>`. */
  name: string;
  rates: WafRates;
}

/** The one region where CloudFront's web ACLs (and viewer certificates) live. */
export const EDGE_REGION = 'us-east-1';

/** AWS WAF counts a rate-based rule's requests over this window (seconds). */
export const RATE_WINDOW_SECONDS = 300;

/** The body of a throttled request: the API gateway's own `{"message"}` shape (README, "Errors"). */
const THROTTLED_BODY = 'throttled';

type Statement = wafv2.CfnWebACL.StatementProperty;

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const pathStartsWith = (prefix: string): Statement => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/**
 * The lookups an enumeration would hammer: a GET that carries a query code (the case, its
 * results, its ticket: `GET /v1/applications/{receipt}?queryCode=…` and the like; the
 * parameter's name compared in lower case, so `QUERYCODE=` is no way round), and the
 * certificate library.
 */
const LOOKUPS: Statement = {
  orStatement: {
    statements: [
      {
        andStatement: {
          statements: [
            {
              byteMatchStatement: {
                fieldToMatch: { method: {} },
                positionalConstraint: 'EXACTLY',
                searchString: 'GET',
                textTransformations: [{ priority: 0, type: 'NONE' }],
              },
            },
            pathStartsWith('/v1/'),
            {
              byteMatchStatement: {
                fieldToMatch: { queryString: {} },
                positionalConstraint: 'CONTAINS',
                searchString: 'querycode=',
                textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
              },
            },
          ],
        },
      },
      pathStartsWith('/v1/certificates/library'),
    ],
  },
};

/** The public API: everything under `/v1/` but the staff routes (staff sign in, and a service hall's desks share one address). */
const PUBLIC_ROUTES: Statement = {
  andStatement: {
    statements: [pathStartsWith('/v1/'), { notStatement: { statement: pathStartsWith('/v1/staff/') } }],
  },
};

const rateRule = (name: string, priority: number, limit: number, scopeDownStatement: Statement): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: RATE_WINDOW_SECONDS, scopeDownStatement } },
  action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: THROTTLED_BODY } } },
  visibilityConfig: visibility(name),
});

const managedRule = (
  name: string,
  priority: number,
  ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[],
): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
  overrideAction: { none: {} },
  visibilityConfig: visibility(name),
});

/** Rate-based rules per client IP first (the cheapest to evaluate), then AWS's managed rule groups. */
export class WebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: `OneTrip ${props.name}: per-client throttling and managed rules in front of the distribution`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      customResponseBodies: {
        [THROTTLED_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ message: 'Too Many Requests: this address sent too many requests; wait a few minutes and retry' }),
        },
      },
      rules: [
        rateRule('LookupsPerIp', 0, props.rates.lookupsPerIp, LOOKUPS),
        rateRule('PublicPerIp', 1, props.rates.publicPerIp, PUBLIC_ROUTES),
        // Its 8 KB body limit would refuse a certificate PDF posted for verification (4 MiB)
        // and a long application; the API limits and validates bodies itself, so that one
        // rule only counts.
        managedRule('AWSManagedRulesCommonRuleSet', 2, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managedRule('AWSManagedRulesKnownBadInputsRuleSet', 3),
      ],
    });
  }
}
