// Reading a synthesized CloudFormation template: resource discovery, local physical
// names, and resolution of the intrinsic functions CDK emits.
import { createHash } from 'node:crypto';
import type { CfnResource, CfnTemplate } from './types.js';

export interface PseudoParameters {
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
  stackName: string;
}

/** What a resource resolves to: its `Ref` value and its `Fn::GetAtt` attributes. */
export interface PhysicalResource {
  ref: string;
  attributes: Record<string, string>;
}

const NO_VALUE = Symbol('AWS::NoValue');

const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Deterministic local names, so data kept in the data dir still match after a restart. */
export const localNames = {
  table: (stackName: string, logicalId: string) => `${stackName}-${logicalId}`.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 255),
  queue(stackName: string, logicalId: string, fifo: boolean): string {
    const base = `${stackName}-${logicalId}`.replace(/[^a-zA-Z0-9_-]/g, '-');
    return fifo ? `${base.slice(0, 75)}.fifo` : base.slice(0, 80);
  },
  bucket(stackName: string, logicalId: string): string {
    const base = `${stackName}-${logicalId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-');
    if (base.length <= 63) return base.replace(/^-|-$/g, '');
    return `${base.slice(0, 54).replace(/-$/, '')}-${shortHash(base, 8)}`;
  },
  function: (stackName: string, logicalId: string) => `${stackName}-${logicalId}`.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 64),
};

/**
 * Resolves intrinsic functions against local physical values. Anything it cannot
 * resolve becomes a readable placeholder (`local-unresolved:...`) and is remembered in
 * `unresolved`, so a template using something new degrades instead of crashing.
 */
export class Resolver {
  readonly unresolved = new Set<string>();
  private readonly physical = new Map<string, PhysicalResource>();
  private readonly conditions = new Map<string, boolean>();

  constructor(
    readonly template: CfnTemplate,
    readonly pseudo: PseudoParameters,
    private readonly parameters: Record<string, string> = {},
  ) {}

  /** Records (or extends) what `logicalId` resolves to. */
  define(logicalId: string, ref: string | undefined, attributes: Record<string, string> = {}): void {
    const existing = this.physical.get(logicalId);
    this.physical.set(logicalId, {
      ref: ref ?? existing?.ref ?? `local-unresolved:Ref(${logicalId})`,
      attributes: { ...existing?.attributes, ...attributes },
    });
  }

  physicalOf(logicalId: string): PhysicalResource | undefined {
    return this.physical.get(logicalId);
  }

  /** The logical id whose Ref or any attribute equals `value` (an ARN, a name, a URL). */
  logicalIdFor(value: string): string | undefined {
    for (const [logicalId, resource] of this.physical) {
      if (resource.ref === value || Object.values(resource.attributes).includes(value)) return logicalId;
    }
    return undefined;
  }

  /** Resources of the given types whose Condition (if any) holds, in template order. */
  resources(...types: string[]): Array<[string, CfnResource]> {
    return Object.entries(this.template.Resources).filter(
      ([, resource]) => types.includes(resource.Type) && (typeof resource.Condition !== 'string' || this.condition(resource.Condition)),
    );
  }

  /** The resource's Properties with every intrinsic resolved. */
  properties(logicalId: string): Record<string, unknown> {
    const resolved = this.resolve(this.template.Resources[logicalId]?.Properties ?? {});
    return isRecord(resolved) ? resolved : {};
  }

  resolveString(value: unknown): string {
    const resolved = this.resolve(value);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    return JSON.stringify(resolved);
  }

  resolve(value: unknown): unknown {
    const resolved = this.resolveValue(value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const definition = this.template.Conditions?.[name];
    const holds = definition === undefined ? false : this.resolve(definition) === true;
    if (definition === undefined) this.unresolved.add(`Condition(${name})`);
    this.conditions.set(name, holds);
    return holds;
  }

  private placeholder(what: string): string {
    this.unresolved.add(what);
    return `local-unresolved:${what}`;
  }

  private resolveValue(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => this.resolveValue(item)).filter((item) => item !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const argument = value[key];
      if (key === 'Ref') return this.ref(String(argument));
      if (key === 'Condition' && typeof argument === 'string') return this.condition(argument);
      if (key.startsWith('Fn::')) return this.intrinsic(key, argument);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.resolveValue(item);
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }

  private ref(name: string): unknown {
    switch (name) {
      case 'AWS::Region':
        return this.pseudo.region;
      case 'AWS::AccountId':
        return this.pseudo.accountId;
      case 'AWS::Partition':
        return this.pseudo.partition;
      case 'AWS::URLSuffix':
        return this.pseudo.urlSuffix;
      case 'AWS::StackName':
        return this.pseudo.stackName;
      case 'AWS::StackId':
        return `arn:${this.pseudo.partition}:cloudformation:${this.pseudo.region}:${this.pseudo.accountId}:stack/${this.pseudo.stackName}/local`;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
    }
    const physical = this.physical.get(name);
    if (physical) return physical.ref;
    const parameter = this.template.Parameters?.[name] as { Default?: unknown } | undefined;
    if (parameter) return this.parameters[name] ?? parameter.Default ?? this.placeholder(`Ref(${name})`);
    return this.placeholder(`Ref(${name})`);
  }

  private getAtt(logicalId: string, attribute: string): string {
    const value = this.physical.get(logicalId)?.attributes[attribute];
    return value ?? this.placeholder(`GetAtt(${logicalId}.${attribute})`);
  }

  private sub(text: string, variables: Record<string, unknown>): string {
    return text.replace(/\$\{([^}]+)\}/g, (whole, expression: string) => {
      if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
      if (expression in variables) return this.resolveString(variables[expression]);
      const dot = expression.indexOf('.');
      if (dot > 0 && !expression.startsWith('AWS::')) return this.getAtt(expression.slice(0, dot), expression.slice(dot + 1));
      const resolved = this.ref(expression);
      return resolved === NO_VALUE ? '' : typeof resolved === 'string' ? resolved : String(resolved ?? whole);
    });
  }

  private intrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? [String(argument[0]), String(this.resolveValue(argument[1]))]
          : String(argument).split(/\.(.*)/s);
        return this.getAtt(logicalId ?? '', attribute ?? '');
      }
      case 'Fn::Join': {
        const [delimiter, parts] = argument as [string, unknown];
        const list = this.resolveValue(parts);
        return (Array.isArray(list) ? list : [list]).map((part) => (typeof part === 'string' ? part : String(part))).join(delimiter);
      }
      case 'Fn::Sub': {
        if (typeof argument === 'string') return this.sub(argument, {});
        const [text, variables] = argument as [string, Record<string, unknown>];
        return this.sub(text, variables ?? {});
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = this.resolveValue(list);
        const position = Number(this.resolveValue(index));
        return Array.isArray(items) && position < items.length ? items[position] : this.placeholder(`Select(${position})`);
      }
      case 'Fn::Split': {
        const [delimiter, text] = argument as [string, unknown];
        return this.resolveString(text).split(delimiter);
      }
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = argument as [string, unknown, unknown];
        return this.resolveValue(this.condition(conditionName) ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [left, right] = (argument as unknown[]).map((item) => this.resolve(item));
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::Not':
        return !(this.resolve((argument as unknown[])[0]) === true);
      case 'Fn::And':
        return (argument as unknown[]).every((item) => this.resolve(item) === true);
      case 'Fn::Or':
        return (argument as unknown[]).some((item) => this.resolve(item) === true);
      case 'Fn::FindInMap': {
        const [map, first, second] = (argument as unknown[]).map((item) => this.resolveString(item));
        const value = this.template.Mappings?.[map ?? '']?.[first ?? '']?.[second ?? ''];
        return value ?? this.placeholder(`FindInMap(${map}.${first}.${second})`);
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.pseudo.region}${zone}`);
      case 'Fn::Base64':
        return Buffer.from(this.resolveString(argument)).toString('base64');
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(argument));
      default:
        return this.placeholder(`${name}(${JSON.stringify(argument).slice(0, 60)})`);
    }
  }
}

/**
 * Defines the physical values that do not depend on an emulator: table, bucket and
 * function names, Cognito ids, API and KMS ids, secret ARNs. Queues and stream ARNs are
 * defined once fauxqs and DynamoDB Local have created them.
 */
export function defineStaticResources(resolver: Resolver, apiUrl: string): void {
  const { region, accountId, partition, stackName } = resolver.pseudo;
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  for (const [id] of resolver.resources(...TABLE_TYPES)) {
    const name = explicitName(resolver, id, 'TableName') ?? localNames.table(stackName, id);
    resolver.define(id, name, { Arn: arn('dynamodb', `table/${name}`) });
  }
  for (const [id] of resolver.resources('AWS::S3::Bucket')) {
    const name = explicitName(resolver, id, 'BucketName') ?? localNames.bucket(stackName, id);
    resolver.define(id, name, {
      Arn: `arn:${partition}:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
    });
  }
  for (const [id] of resolver.resources('AWS::Lambda::Function')) {
    const name = explicitName(resolver, id, 'FunctionName') ?? localNames.function(stackName, id);
    resolver.define(id, name, { Arn: arn('lambda', `function:${name}`) });
  }
  for (const [id] of resolver.resources('AWS::Cognito::UserPool')) {
    const poolId = `${region}_local${shortHash(`${stackName}/${id}`, 6)}`;
    resolver.define(id, poolId, {
      Arn: arn('cognito-idp', `userpool/${poolId}`),
      ProviderName: `cognito-idp.${region}.amazonaws.com/${poolId}`,
      ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${poolId}`,
      UserPoolId: poolId,
    });
  }
  for (const [id] of resolver.resources('AWS::Cognito::UserPoolClient')) {
    const clientId = shortHash(`${stackName}/${id}/client`, 26);
    resolver.define(id, clientId, { ClientId: clientId, Name: id });
  }
  for (const [id] of resolver.resources('AWS::KMS::Key')) {
    const keyId = shortHash(`${stackName}/${id}/key`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    resolver.define(id, keyId, { Arn: arn('kms', `key/${keyId}`), KeyId: keyId });
  }
  for (const [id] of resolver.resources('AWS::ApiGatewayV2::Api')) {
    const apiId = shortHash(`${stackName}/${id}/api`, 10);
    resolver.define(id, apiId, { ApiId: apiId, ApiEndpoint: apiUrl });
  }
  for (const [id] of resolver.resources('AWS::IAM::Role')) {
    const name = explicitName(resolver, id, 'RoleName') ?? `${stackName}-${id}`.slice(0, 64);
    resolver.define(id, name, { Arn: `arn:${partition}:iam::${accountId}:role/${name}`, RoleId: `AROA${shortHash(name, 17).toUpperCase()}` });
  }
  for (const [id] of resolver.resources('AWS::Logs::LogGroup')) {
    const name = explicitName(resolver, id, 'LogGroupName') ?? `/local/${stackName}/${id}`;
    resolver.define(id, name, { Arn: arn('logs', `log-group:${name}:*`) });
  }
  for (const [id] of resolver.resources('AWS::SNS::Topic')) {
    const name = explicitName(resolver, id, 'TopicName') ?? `${stackName}-${id}`;
    resolver.define(id, arn('sns', name), { TopicArn: arn('sns', name), TopicName: name });
  }
  for (const [id] of resolver.resources('AWS::SecretsManager::Secret')) {
    // Secrets Manager appends six random characters to the name; a hash keeps them stable.
    const name = explicitName(resolver, id, 'Name') ?? `${stackName}-${id}`;
    const secretArn = arn('secretsmanager', `secret:${name}-${shortHash(`${stackName}/${id}/secret`, 6)}`);
    resolver.define(id, secretArn, { Id: secretArn });
  }
  for (const [id] of resolver.resources('AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::Stage')) {
    resolver.define(id, id);
  }
}

function explicitName(resolver: Resolver, logicalId: string, property: string): string | undefined {
  const value = resolver.template.Resources[logicalId]?.Properties?.[property];
  return value === undefined ? undefined : resolver.resolveString(value);
}

/** Lambda's rule for `index.handler` / `dir/file.handler`. */
export function splitHandler(handler: string): { modulePath: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return { modulePath: handler, exportName: 'handler' };
  return { modulePath: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
