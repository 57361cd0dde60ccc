// The HTTP API the template declares (AWS::ApiGatewayV2::Api, Route, Integration,
// Authorizer) and API Gateway's route selection.
import type { JwtAuthorizerConfig } from './auth.js';
import type { FunctionHost } from './functions.js';
import type { Resolver } from './template.js';

export interface CorsConfiguration {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
}

type Segment = { kind: 'literal'; value: string } | { kind: 'variable'; name: string } | { kind: 'greedy'; name: string };

export interface ApiRoute {
  routeKey: string;
  /** Upper-case method, or ANY; `$default` routes have method ANY and no segments. */
  method: string;
  segments: Segment[];
  isDefault: boolean;
  /** Function logical id, or undefined with `problem` set when the integration is not runnable here. */
  functionId?: string;
  problem?: string;
  authorization: { type: 'NONE' } | { type: 'JWT'; config: JwtAuthorizerConfig; scopes: string[] } | { type: 'UNSUPPORTED'; detail: string };
}

export interface HttpApi {
  logicalId: string;
  apiId: string;
  cors?: CorsConfiguration;
  routes: ApiRoute[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment): Segment => {
      const greedy = /^\{(.+)\+\}$/.exec(segment);
      if (greedy) return { kind: 'greedy', name: greedy[1]! };
      const variable = /^\{(.+)\}$/.exec(segment);
      return variable ? { kind: 'variable', name: variable[1]! } : { kind: 'literal', value: segment };
    });
}

/** The function an integration URI names: a function ARN, or API Gateway's `.../functions/<arn>/invocations`. */
function integrationFunction(uri: string, functions: FunctionHost): string | undefined {
  const wrapped = /\/functions\/(.+)\/invocations$/.exec(uri);
  return functions.find(wrapped ? wrapped[1]! : uri)?.logicalId;
}

export function readHttpApis(resolver: Resolver, functions: FunctionHost): HttpApi[] {
  const apis = new Map<string, HttpApi>();
  for (const [logicalId] of resolver.resources('AWS::ApiGatewayV2::Api')) {
    const props = resolver.properties(logicalId);
    if (props.ProtocolType !== undefined && props.ProtocolType !== 'HTTP') continue;
    const cors = props.CorsConfiguration as Record<string, unknown> | undefined;
    apis.set(resolver.physicalOf(logicalId)?.ref ?? logicalId, {
      logicalId,
      apiId: resolver.physicalOf(logicalId)?.ref ?? logicalId,
      ...(cors
        ? {
            cors: {
              allowOrigins: strings(cors.AllowOrigins),
              allowMethods: strings(cors.AllowMethods),
              allowHeaders: strings(cors.AllowHeaders),
              exposeHeaders: strings(cors.ExposeHeaders),
              ...(cors.MaxAge !== undefined ? { maxAge: Number(cors.MaxAge) } : {}),
              allowCredentials: cors.AllowCredentials === true,
            },
          }
        : {}),
      routes: [],
    });
  }
  for (const [logicalId] of resolver.resources('AWS::ApiGatewayV2::Route')) {
    const props = resolver.properties(logicalId);
    const api = apis.get(String(props.ApiId));
    if (!api) continue;
    const routeKey = String(props.RouteKey);
    const [method = 'ANY', path = '/'] = routeKey === '$default' ? ['ANY', ''] : routeKey.split(' ');
    const route: ApiRoute = {
      routeKey,
      method: method.toUpperCase(),
      segments: parsePath(path),
      isDefault: routeKey === '$default',
      authorization: { type: 'NONE' },
    };
    const integrationId = /^integrations\/(.+)$/.exec(String(props.Target ?? ''))?.[1];
    const integration = integrationId ? resolver.properties(integrationId) : undefined;
    if (!integration) {
      route.problem = `route ${routeKey} has no integration target`;
    } else if (integration.IntegrationType !== 'AWS_PROXY') {
      route.problem = `route ${routeKey}: integration type ${String(integration.IntegrationType)} is not run locally`;
    } else if (String(integration.PayloadFormatVersion ?? '1.0') !== '2.0') {
      route.problem = `route ${routeKey}: payload format ${String(integration.PayloadFormatVersion ?? '1.0')} is not supported locally (2.0 is)`;
    } else {
      const functionId = integrationFunction(String(integration.IntegrationUri ?? ''), functions);
      if (functionId) route.functionId = functionId;
      else route.problem = `route ${routeKey}: integration ${String(integration.IntegrationUri)} is not a function of the template`;
    }
    const authorizationType = String(props.AuthorizationType ?? 'NONE');
    if (authorizationType === 'JWT') {
      const authorizer = resolver.properties(String(props.AuthorizerId));
      const jwt = authorizer.JwtConfiguration as { Issuer?: unknown; Audience?: unknown } | undefined;
      route.authorization = {
        type: 'JWT',
        config: { issuer: String(jwt?.Issuer ?? ''), audience: strings(jwt?.Audience) },
        scopes: strings(props.AuthorizationScopes),
      };
    } else if (authorizationType !== 'NONE') {
      route.authorization = { type: 'UNSUPPORTED', detail: `${authorizationType} authorization is not emulated locally` };
    }
    api.routes.push(route);
  }
  return [...apis.values()];
}

/** The JWT authorizer settings local tokens are issued for: the first JWT authorizer's. */
export function tokenAuthorizer(resolver: Resolver, fallbackIssuer: string): JwtAuthorizerConfig {
  for (const [logicalId] of resolver.resources('AWS::ApiGatewayV2::Authorizer')) {
    const props = resolver.properties(logicalId);
    const jwt = props.JwtConfiguration as { Issuer?: unknown; Audience?: unknown } | undefined;
    if (props.AuthorizerType === 'JWT' && jwt) return { issuer: String(jwt.Issuer ?? ''), audience: strings(jwt.Audience) };
  }
  return { issuer: fallbackIssuer, audience: ['onetrip-local'] };
}

export interface RouteMatch {
  api: HttpApi;
  route: ApiRoute;
  pathParameters: Record<string, string>;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index]!;
    if (segment.kind === 'greedy') {
      if (index >= parts.length) return undefined;
      parameters[segment.name] = parts.slice(index).map(decode).join('/');
      return parameters;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' && segment.value !== part) return undefined;
    if (segment.kind === 'variable') parameters[segment.name] = decode(part);
  }
  return segments.length === parts.length ? parameters : undefined;
}

/** Literal beats variable beats greedy, position by position; then an exact method beats ANY. */
function compareSpecificity(a: ApiRoute, b: ApiRoute): number {
  const rank = (segment: Segment | undefined) => (segment === undefined ? 3 : segment.kind === 'literal' ? 0 : segment.kind === 'variable' ? 1 : 2);
  const greedyA = a.segments.some((segment) => segment.kind === 'greedy');
  const greedyB = b.segments.some((segment) => segment.kind === 'greedy');
  if (greedyA !== greedyB) return greedyA ? 1 : -1;
  for (let index = 0; index < Math.max(a.segments.length, b.segments.length); index += 1) {
    const difference = rank(a.segments[index]) - rank(b.segments[index]);
    if (difference !== 0) return difference;
  }
  return (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0);
}

/** API Gateway's selection: the most specific matching route, else `$default`. */
export function matchRoute(apis: HttpApi[], method: string, rawPath: string): RouteMatch | undefined {
  const parts = rawPath.split('/').filter((part) => part !== '');
  let best: RouteMatch | undefined;
  let fallback: RouteMatch | undefined;
  for (const api of apis) {
    for (const route of api.routes) {
      if (route.isDefault) {
        fallback ??= { api, route, pathParameters: {} };
        continue;
      }
      if (route.method !== 'ANY' && route.method !== method) continue;
      const pathParameters = matchSegments(route.segments, parts);
      if (!pathParameters) continue;
      if (!best || compareSpecificity(route, best.route) < 0) best = { api, route, pathParameters };
    }
  }
  return best ?? fallback;
}
