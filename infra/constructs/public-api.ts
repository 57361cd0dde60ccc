import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../routes.js';

export interface PublicApiProps {
  routes: readonly RouteSpec[];
  functions: Record<string, lambda.IFunction>;
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** Origins of the agency sites that embed the widgets. */
  allowedOrigins: string[];
  /** The key the access-log group is encrypted with (its policy must let CloudWatch Logs use it). @default AWS-owned */
  logsKey?: kms.IKey;
  /** Days the access logs are kept (one of CloudWatch Logs' periods). @default 365 */
  logsDays?: number;
}

/** The HTTP API: public routes for citizens and providers, JWT-protected routes for staff. */
export class PublicApi extends Construct {
  readonly api: apigw.HttpApi;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'Api', {
      description: `OneTrip ${Stack.of(this).stackName}`,
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.PUT],
        // x-correlation-id: a caller may name its request, and reads the id back (docs/operations.md).
        allowHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-correlation-id'],
        exposeHeaders: ['x-correlation-id'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: (props.logsDays ?? logs.RetentionDays.ONE_YEAR) as logs.RetentionDays,
      encryptionKey: props.logsKey,
    });
    const stage = this.api.defaultStage?.node.defaultChild as apigw.CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        route: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        error: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };

    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const r of props.routes) {
      const fn = props.functions[r.function];
      if (!fn) throw new Error(`Route ${r.method} ${r.path} names unknown function ${r.function}`);
      let integration = integrations.get(r.function);
      if (!integration) {
        // One invoke permission per function for this API, not one per route: a stack holds at
        // most 500 resources, and the routes (54 and counting) each cost one otherwise.
        integration = new HttpLambdaIntegration(`${r.function}-integration`, fn, { scopePermissionToRoute: false });
        integrations.set(r.function, integration);
      }
      const [created] = this.api.addRoutes({
        path: r.path,
        methods: [apigw.HttpMethod[r.method]],
        integration,
        authorizer: r.access === 'staff' ? authorizer : undefined,
      });
      if (r.access === 'public' && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Citizen-facing route: access is by receipt number and query code (checked in the function), or public by nature (catalog, health, uploads, the API document).',
        });
      }
    }
  }
}
