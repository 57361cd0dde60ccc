/**
 * One county's firewall stack, `OneTrip-<code>-Firewall`, in us-east-1: the county's web ACL
 * (constructs/web-acl.ts), which CloudFront takes from that region only, and a parameter
 * that names it, which the county stack reads by ARN wherever it is deployed (see
 * constructs/edge.ts). The county stack depends on it, so `cdk deploy OneTrip-<code>`
 * deploys this one first.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { wafRates, type CountyConfig } from './config/counties.js';
import { accountProblems } from './config/validate.js';
import { refuseDeployment } from './constructs/deploy-gate.js';
import { EDGE_REGION, WebAcl } from './constructs/web-acl.js';

/** The parameter, in us-east-1, that holds the ARN of the county's web ACL. */
export const webAclParameterName = (county: CountyConfig): string => `/onetrip/${county.code}/edge/web-acl-arn`;

export interface FirewallStackProps extends StackProps {
  county: CountyConfig;
}

export class FirewallStack extends Stack {
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: FirewallStackProps) {
    super(scope, id, { ...props, env: { account: props.env?.account, region: EDGE_REGION } });
    const { county } = props;
    // Deployed first: without the county's account it would land in whatever account is at hand.
    refuseDeployment(this, 'AccountSet', accountProblems(county));
    this.webAcl = new WebAcl(this, 'Edge', { name: `onetrip-${county.code}`, rates: wafRates(county) });
    new ssm.StringParameter(this, 'WebAclArn', {
      parameterName: webAclParameterName(county),
      description: `OneTrip ${county.code}: the web ACL of the county's CloudFront distribution`,
      stringValue: this.webAcl.webAcl.attrArn,
    });
  }
}
