// The template's Lambda functions, each run in worker threads that behave like Lambda
// execution environments: the bundle CDK deploys is loaded once and stays warm, one
// invocation at a time per environment, each with its own environment variables.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readlinkSync, renameSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, threadId } from 'node:worker_threads';
import { FunctionError, FunctionTimeoutError, PlatformStoppedError, TemplateError, UnknownFunctionError } from './errors.js';
import { LOCAL_CREDENTIALS } from './dynamodb.js';
import { LOCAL_SECRETS_VARIABLE } from './secrets.js';
import { LOCAL_STAFF_VARIABLE } from '../contracts/roles.js';
import { LOCAL_CLOCK_VARIABLE } from '../contracts/local-clock.js';
import { splitHandler, type Resolver } from './template.js';
import type { Meter } from './meter.js';
import type { Log } from './types.js';

const workerScript = fileURLToPath(new URL('./function-worker.mjs', import.meta.url));
const INIT_TIMEOUT_MS = 10_000;

/**
 * A function of the template as CDK deploys it, read back from the synthesized template:
 * its names, the bundle and handler to load, its environment and limits. (Not
 * infra/functions.ts's `FunctionSpec`, which says what a function is for when synthesizing.)
 */
export interface DeployedFunction {
  logicalId: string;
  name: string;
  arn: string;
  modulePath: string;
  exportName: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
}

export interface RuntimeEnvironment {
  region: string;
  /** The functions' AWS credentials (the platform's: they name its database in DynamoDB Local). @default LOCAL_CREDENTIALS */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  endpoints: { dynamodb: string; sqs: string; s3: string };
  /** Secret ARN → value, handed to every function as ONETRIP_LOCAL_SECRETS. @default {} */
  secrets?: Record<string, string>;
  /**
   * Variables whose template value is replaced locally, for the functions that have them
   * (PAYMENT_PROVIDERS, COURIER_PROVIDER_CONFIG → the local sandboxes). @default {}
   */
  replaced?: Record<string, string>;
  /** The staff directory's users, handed to every function as ONETRIP_LOCAL_STAFF (in place of the user pool). @default [] */
  staff?: { username: string; roles: string[]; department: string }[];
  /** The virtual clock's file (local/virtual-clock.ts), handed to every function as ONETRIP_LOCAL_CLOCK. @default none: real time */
  clockFile?: string;
}

function findModule(assetDir: string, modulePath: string): string | undefined {
  for (const extension of ['.mjs', '.js', '.cjs']) {
    const candidate = join(assetDir, `${modulePath}${extension}`);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Lambda's Node runtimes provide `@aws-sdk/*`, and CDK's NodejsFunction leaves it out of
 * the bundle. Locally the project's copy plays that part: it is linked into the
 * assembly so bare `@aws-sdk/...` imports of the bundles resolve, and nothing else.
 */
function provideRuntimeSdk(assemblyDir: string): void {
  const projectSdk = resolve(dirname(workerScript), '..', 'node_modules', '@aws-sdk');
  const link = join(assemblyDir, 'node_modules', '@aws-sdk');
  if (!existsSync(projectSdk) || linkTarget(link) === projectSdk) return;
  // A shared assembly (the test fixture's, in the temp folder) may hold a link to another
  // checkout's copy, gone since: replace it, atomically, since other platforms may read it.
  mkdirSync(dirname(link), { recursive: true });
  const staging = `${link}.${process.pid}.${threadId}`;
  symlinkSync(projectSdk, staging, 'dir');
  renameSync(staging, link);
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** Reads the functions of the template: asset, handler, environment, timeout. */
export function deployedFunctions(resolver: Resolver, assemblyDir: string, runtime: RuntimeEnvironment): DeployedFunction[] {
  provideRuntimeSdk(assemblyDir);
  return resolver.resources('AWS::Lambda::Function').map(([logicalId, resource]) => {
    const props = resolver.properties(logicalId);
    const physical = resolver.physicalOf(logicalId);
    const name = physical?.ref ?? logicalId;
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath !== 'string') {
      throw new TemplateError(`function ${logicalId} has no aws:asset:path metadata; synthesize with the context 'aws:cdk:enable-asset-metadata': true`);
    }
    const assetDir = resolve(assemblyDir, assetPath);
    const { modulePath: handlerModule, exportName } = splitHandler(String(props.Handler ?? 'index.handler'));
    const modulePath = findModule(assetDir, handlerModule);
    if (!modulePath) throw new TemplateError(`function ${logicalId}: no ${handlerModule}.mjs/.js in ${assetDir}`);
    const variables = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const replaced = Object.entries(runtime.replaced ?? {}).filter(([key]) => key in variables);
    const memoryMb = Number(props.MemorySize ?? 128);
    const logLevel = (props.LoggingConfig as { ApplicationLogLevel?: string } | undefined)?.ApplicationLogLevel;
    const timeoutSeconds = Number(props.Timeout ?? 3);
    const environment: Record<string, string> = {
      ...Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])),
      ...Object.fromEntries(replaced),
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      AWS_REGION: runtime.region,
      AWS_DEFAULT_REGION: runtime.region,
      AWS_ACCESS_KEY_ID: (runtime.credentials ?? LOCAL_CREDENTIALS).accessKeyId,
      AWS_SECRET_ACCESS_KEY: (runtime.credentials ?? LOCAL_CREDENTIALS).secretAccessKey,
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      // Lambda hands the JSON logging controls' level to the function (Powertools Logger reads it).
      ...(logLevel ? { AWS_LAMBDA_LOG_LEVEL: logLevel } : {}),
      // No X-Ray daemon here: the Powertools Tracer stays a no-op whatever the template says.
      POWERTOOLS_TRACE_ENABLED: 'false',
      AWS_EXECUTION_ENV: `AWS_Lambda_${String(props.Runtime ?? 'nodejs')}`,
      LAMBDA_TASK_ROOT: assetDir,
      _HANDLER: String(props.Handler ?? 'index.handler'),
      AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: runtime.endpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: runtime.endpoints.sqs,
      AWS_ENDPOINT_URL_S3: runtime.endpoints.s3,
      ONETRIP_S3_FORCE_PATH_STYLE: 'true',
      ONETRIP_LOCAL: 'true',
      [LOCAL_SECRETS_VARIABLE]: JSON.stringify(runtime.secrets ?? {}),
      [LOCAL_STAFF_VARIABLE]: JSON.stringify(runtime.staff ?? []),
      ...(runtime.clockFile ? { [LOCAL_CLOCK_VARIABLE]: runtime.clockFile } : {}),
      // The deployed runtime is Node 22+; the SDK's warning is about this machine's Node.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    return { logicalId, name, arn: physical?.attributes.Arn ?? name, modulePath, exportName, environment, timeoutSeconds, memoryMb };
  });
}


interface Pending {
  resolve(payload: unknown): void;
  reject(error: Error): void;
}

/** One execution environment (a worker thread). */
class ExecutionEnvironment {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  busy = false;
  dead = false;
  private pending: { id: string; handlers: Pending } | undefined;

  constructor(
    private readonly spec: DeployedFunction,
    private readonly log: Log,
    onDeath: (environment: ExecutionEnvironment) => void,
    private readonly meter?: Meter,
  ) {
    this.worker = new Worker(workerScript, {
      workerData: { modulePath: spec.modulePath, exportName: spec.exportName },
      env: spec.environment,
      execArgv: [],
      stdout: true,
      stderr: true,
      name: spec.name,
    });
    this.forward(this.worker.stdout);
    this.forward(this.worker.stderr);
    this.ready = new Promise<void>((resolveReady, rejectReady) => {
      const timer = setTimeout(() => rejectReady(new FunctionError(spec.name, { errorType: 'Runtime.InitTimeout', errorMessage: `init took over ${INIT_TIMEOUT_MS} ms` })), INIT_TIMEOUT_MS);
      this.worker.on('message', (message: { type: string; id?: string; ok?: boolean; payload?: string; error?: { errorType: string; errorMessage: string; trace?: string[] } }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolveReady();
        } else if (message.type === 'init-error') {
          clearTimeout(timer);
          rejectReady(new FunctionError(spec.name, message.error ?? { errorType: 'Runtime.InitError', errorMessage: 'init failed' }));
          // Lambda retries the init on the next invocation, in a fresh environment.
          void this.terminate();
        } else if (message.type === 'result' && this.pending && this.pending.id === message.id) {
          const { handlers } = this.pending;
          this.pending = undefined;
          if (message.ok) handlers.resolve(JSON.parse(message.payload ?? 'null'));
          else handlers.reject(new FunctionError(spec.name, message.error ?? { errorType: 'Error', errorMessage: 'unknown' }));
        }
      });
      const die = (error: Error) => {
        clearTimeout(timer);
        this.dead = true;
        rejectReady(error);
        this.pending?.handlers.reject(error);
        this.pending = undefined;
        onDeath(this);
      };
      this.worker.on('error', (error) => die(new FunctionError(spec.name, { errorType: 'Runtime.ExitError', errorMessage: error.message, trace: (error.stack ?? '').split('\n') })));
      this.worker.on('exit', (code) => die(new FunctionError(spec.name, { errorType: 'Runtime.ExitError', errorMessage: `environment exited with code ${code}` })));
    });
    this.ready.catch(() => undefined);
  }

  private forward(stream: NodeJS.ReadableStream): void {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        this.meter?.log(this.spec.logicalId, this.spec.memoryMb, Buffer.byteLength(line) + 1);
        this.log(`[${this.spec.logicalId}] ${line}`);
      }
    });
  }

  run(event: string, context: Record<string, unknown>): Promise<unknown> {
    const id = randomUUID();
    return new Promise<unknown>((resolveRun, rejectRun) => {
      this.pending = { id, handlers: { resolve: resolveRun, reject: rejectRun } };
      this.worker.postMessage({ type: 'invoke', id, event, context });
    });
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

/** Runs the functions of a template; tracks what is running for `idle()`. */
export class FunctionHost {
  private readonly specs = new Map<string, DeployedFunction>();
  private readonly environments = new Map<string, ExecutionEnvironment[]>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private stopped = false;
  private running = 0;
  /** Bumped whenever an invocation ends: pollers use it to tell "caught up since". */
  epoch = 0;

  constructor(
    specs: DeployedFunction[],
    private readonly log: Log,
    /** maxEnvironments: concurrent execution environments per function. @default 4; meter: counts invocations, durations and log bytes. */
    private readonly options: { maxEnvironments?: number; meter?: Meter } = {},
  ) {
    for (const spec of specs) {
      this.specs.set(spec.logicalId, spec);
      this.specs.set(spec.name, spec);
      this.specs.set(spec.arn, spec);
    }
  }

  get inflight(): number {
    return this.running;
  }

  /** The function for a logical id, local name or ARN (also `arn:...:function:name:alias`). */
  find(nameOrIdOrArn: string): DeployedFunction | undefined {
    const direct = this.specs.get(nameOrIdOrArn);
    if (direct) return direct;
    const parts = nameOrIdOrArn.split(':');
    return parts.length === 8 && parts[2] === 'lambda' ? this.specs.get(parts.slice(0, 7).join(':')) : undefined;
  }

  get all(): DeployedFunction[] {
    return [...new Set(this.specs.values())];
  }

  async invoke(nameOrId: string, event: unknown): Promise<unknown> {
    if (this.stopped) throw new PlatformStoppedError();
    const spec = this.find(nameOrId);
    if (!spec) throw new UnknownFunctionError(nameOrId);
    this.running += 1;
    this.epoch += 1;
    let environment: ExecutionEnvironment | undefined;
    try {
      environment = await this.acquire(spec);
      await environment.ready;
      const requestId = randomUUID();
      const deadline = Date.now() + spec.timeoutSeconds * 1000;
      const context = {
        awsRequestId: requestId,
        functionName: spec.name,
        functionVersion: '$LATEST',
        invokedFunctionArn: spec.arn,
        memoryLimitInMB: String(spec.memoryMb),
        logGroupName: `/aws/lambda/${spec.name}`,
        logStreamName: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${environment.worker.threadId}`,
        deadline,
      };
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new FunctionTimeoutError(spec.name, spec.timeoutSeconds)), spec.timeoutSeconds * 1000);
      });
      const current = environment;
      const started = performance.now();
      try {
        return await Promise.race([current.run(JSON.stringify(event ?? null), context), timedOut]);
      } catch (error) {
        // Lambda throws away an environment whose invocation timed out.
        if (error instanceof FunctionTimeoutError) await current.terminate();
        throw error;
      } finally {
        clearTimeout(timer);
        this.options.meter?.invocation(spec.logicalId, spec.memoryMb, performance.now() - started);
      }
    } finally {
      if (environment) this.release(spec, environment);
      this.running -= 1;
      this.epoch += 1;
    }
  }

  private async acquire(spec: DeployedFunction): Promise<ExecutionEnvironment> {
    const max = this.options.maxEnvironments ?? 4;
    for (;;) {
      if (this.stopped) throw new PlatformStoppedError();
      const pool = (this.environments.get(spec.logicalId) ?? []).filter((environment) => !environment.dead);
      this.environments.set(spec.logicalId, pool);
      const idle = pool.find((environment) => !environment.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < max) {
        const environment = new ExecutionEnvironment(spec, this.log, (dead) => this.forget(spec, dead), this.options.meter);
        environment.busy = true;
        pool.push(environment);
        return environment;
      }
      await new Promise<void>((resolveWait) => {
        const queue = this.waiting.get(spec.logicalId) ?? [];
        queue.push(resolveWait);
        this.waiting.set(spec.logicalId, queue);
      });
    }
  }

  private release(spec: DeployedFunction, environment: ExecutionEnvironment): void {
    environment.busy = false;
    this.waiting.get(spec.logicalId)?.shift()?.();
  }

  private forget(spec: DeployedFunction, environment: ExecutionEnvironment): void {
    const pool = this.environments.get(spec.logicalId) ?? [];
    this.environments.set(spec.logicalId, pool.filter((candidate) => candidate !== environment));
    this.waiting.get(spec.logicalId)?.shift()?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const queue of this.waiting.values()) queue.splice(0).forEach((wake) => wake());
    const all = [...this.environments.values()].flat();
    this.environments.clear();
    await Promise.all(all.map((environment) => environment.terminate()));
  }
}
