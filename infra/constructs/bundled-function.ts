import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LogLevel } from '../config/counties.js';

export interface BundledFunctionProps {
  /** Handler name: `functions/handlers/<name>.ts`. */
  name: string;
  /** Folder of the esbuild bundle (`index.mjs` + its source map). */
  bundleDir: string;
  description: string;
  environment: Record<string, string>;
  /** @default 10 seconds */
  timeout?: Duration;
  /** @default 512 MB */
  memorySize?: number;
  /** The key the function's log group is encrypted with (its policy must let CloudWatch Logs use it). @default AWS-owned */
  logsKey?: kms.IKey;
  /** Days the function's logs are kept (one of CloudWatch Logs' periods). @default 365 */
  logsDays?: number;
  /**
   * What the function is for. `api` functions answer routes: X-Ray tracing `Active`, and the
   * Powertools Tracer records their AWS SDK calls (POWERTOOLS_TRACE_ENABLED=true). `worker`
   * functions (queue consumers, the relay, scheduled jobs) trace only what comes traced
   * (`PassThrough`), and their Tracer stays off: X-Ray is the largest cost per case.
   */
  kind: FunctionKind;
  /** The level from which the function's own log lines are kept (Lambda's JSON logging controls). @default INFO */
  logLevel?: LogLevel;
}

export type FunctionKind = 'api' | 'worker';

/** The Lambda runtime every OneTrip function deploys on. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * A function from its esbuild bundle, with its own log group and a role that starts empty:
 * permissions come only from explicit grants, never from a managed policy.
 */
export class BundledFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: (props.logsDays ?? logs.RetentionDays.ONE_YEAR) as logs.RetentionDays,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `OneTrip ${props.name}`,
    });
    logGroup.grantWrite(this.role);
    this.function = new lambda.Function(this, 'Function', {
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(props.bundleDir),
      handler: 'index.handler',
      description: props.description,
      role: this.role,
      logGroup,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      tracing: props.kind === 'api' ? lambda.Tracing.ACTIVE : lambda.Tracing.PASS_THROUGH,
      // Lambda's own lines (START, REPORT) as JSON too, beside Powertools Logger's; the level
      // reaches the Logger as AWS_LAMBDA_LOG_LEVEL.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel ?? 'INFO'],
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `onetrip-${props.name}`,
        POWERTOOLS_TRACE_ENABLED: String(props.kind === 'api'),
        ...props.environment,
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords, and dynamodb:ListStreams for a stream consumer, accept no resource narrower than "*".',
    });
  }
}
